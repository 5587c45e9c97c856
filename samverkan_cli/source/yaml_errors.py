"""YAML syntax errors in Swedish, naming the likely cause and where it is.

PyYAML says what its parser expected (`expected <block end>, but found '?'`), at the place it
noticed, which is often a line after the mistake. `explain` first looks at the source lines
around that place for what people actually do wrong: a tab (in the indentation, after a
colon, in a text), a no-break or other Unicode space where YAML wants a plain one, a colon
without a space after it, a quote that is never closed, text after a closing quote, a list
item without its '-', a key without its ':', a key indented differently from the key before
it (the message names both columns). Each cause is located where the mistake is. Anything
else is PyYAML's own problem translated (`PROBLEMS`, `CONTEXTS`; a test checks that every
text PyYAML can raise has a translation). Every message ends with how to write it instead.

The causes are in `yaml_error_causes`, the reading of the source lines in `yaml_error_lines`.
"""

from __future__ import annotations

import re

import yaml

from samverkan_cli.source.yaml_error_causes import CAUSES, SyntaxExplanation
from samverkan_cli.source.yaml_error_lines import line_at, quoted_example
from samverkan_cli.source.yaml_error_texts import CONTEXTS, PROBLEMS

_COMPILED = [(re.compile(english), swedish) for english, swedish in PROBLEMS]
_COMPILED_CONTEXTS = [(re.compile(english), swedish) for english, swedish in CONTEXTS]


def explain(exc: yaml.MarkedYAMLError, text: str) -> SyntaxExplanation:
    """The Swedish message for a PyYAML syntax error in `text`, at the likely mistake."""
    lines = text.splitlines()
    for cause in CAUSES:
        found = cause(exc, lines)
        if found is not None:
            return SyntaxExplanation(found.line, found.column, f"YAML-syntaxfel: {found.message}")
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    message = translate(exc, line_at(lines, line))
    return SyntaxExplanation(line, column, f"YAML-syntaxfel: {message}")


def translate(exc: yaml.MarkedYAMLError, source_line: str = "") -> str:
    """PyYAML's problem in Swedish, and where what it was reading began."""
    problem = (exc.problem or exc.context or "").strip()
    message = translate_problem(problem, source_line)
    context = translate_context((exc.context or "").strip()) if exc.problem else None
    mark, problem_mark = exc.context_mark, exc.problem_mark
    if context and mark is not None and (problem_mark is None or mark.line != problem_mark.line):
        message += f" ({context} som börjar på rad {mark.line + 1}, kolumn {mark.column + 1})"
    return message


def translate_problem(problem: str, source_line: str = "") -> str:
    """One problem text of PyYAML in Swedish; an unknown one is quoted in English."""
    for pattern, swedish in _COMPILED:
        match = pattern.fullmatch(problem)
        if match is not None:
            values = {k: v for k, v in match.groupdict().items() if v is not None}
            return swedish.format(example=quoted_example(source_line), **values)
    return f"{problem} (PyYAML); kontrollera indrag, kolon och citattecken på raden"


def translate_context(context: str) -> str | None:
    for pattern, swedish in _COMPILED_CONTEXTS:
        if pattern.fullmatch(context):
            return swedish
    return None
