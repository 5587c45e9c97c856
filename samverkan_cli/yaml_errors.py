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
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from samverkan_cli.yaml_error_texts import CONTEXTS, PROBLEMS


@dataclass(frozen=True, slots=True)
class SyntaxExplanation:
    """A Swedish message ("YAML-syntaxfel: …") and the 1-based place it is about."""

    line: int
    column: int
    message: str


_COMPILED = [(re.compile(english), swedish) for english, swedish in PROBLEMS]
_COMPILED_CONTEXTS = [(re.compile(english), swedish) for english, swedish in CONTEXTS]

_KEY_WITHOUT_SPACE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[^\W\d][\w.-]*):(?=[^\s:/])")
_KEY_LINE = re.compile(
    r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[^\s#:'\"\[{][^:#]*?):(?:\s+(?P<value>.*))?$"
)
_UNICODE_SPACE_NAMES = {
    "\u00a0": "ett hårt mellanslag",
    "\u202f": "ett smalt hårt mellanslag",
    "\u2007": "ett hårt sifferavstånd",
    "\u3000": "ett ideografiskt mellanslag",
}


def explain(exc: yaml.MarkedYAMLError, text: str) -> SyntaxExplanation:
    """The Swedish message for a PyYAML syntax error in `text`, at the likely mistake."""
    lines = text.splitlines()
    for cause in _CAUSES:
        found = cause(exc, lines)
        if found is not None:
            return SyntaxExplanation(found.line, found.column, f"YAML-syntaxfel: {found.message}")
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    message = translate(exc, _source(lines, line))
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


def quoted_example(source_line: str) -> str:
    """The line with its value inside quotes ("titel: \"@kommunen\""), or a generic one."""
    match = _KEY_LINE.match(source_line.rstrip())
    if match is None or not match.group("value"):
        return 'titel: "Text"'
    value = match.group("value")
    quote = "'" if '"' in value else '"'
    value = value.replace("'", "''") if quote == "'" else value
    return f"{match.group('key')}: {quote}{value}{quote}"


# --- causes, most specific first ------------------------------------------------------------

Cause = Callable[[yaml.MarkedYAMLError, list[str]], "SyntaxExplanation | None"]


def _tab(exc: yaml.MarkedYAMLError, lines: list[str]) -> SyntaxExplanation | None:
    """A tab: in the indentation, after a colon or a dash, or in a text."""
    mark = exc.problem_mark
    if mark is None or "'\\t'" not in (exc.problem or ""):
        return None
    line = _source(lines, mark.line + 1)
    before = line[: mark.column].rstrip(" \t")
    place = (mark.line + 1, mark.column + 1)
    if not before or (before.endswith("-") and not before[:-1].strip()):
        return SyntaxExplanation(
            *place,
            "tabbtecken får inte användas för indrag; YAML drar in med mellanslag: ersätt "
            "tabben med mellanslag, t.ex. två per nivå ('  från: 2024-06-01')",
        )
    if before.endswith(":"):
        key = before.strip().removeprefix("- ").rstrip(":")
        return SyntaxExplanation(
            *place,
            f"ett tabbtecken efter kolonet i '{key}:'; skriv ett vanligt mellanslag efter "
            f"kolonet, t.ex. '{key}: värde'",
        )
    return SyntaxExplanation(
        *place,
        "ett tabbtecken i texten; ersätt det med ett mellanslag, eller skriv texten inom "
        'citattecken med \\t där tabben ska stå, t.ex. text: "a\\tb"',
    )


def _unclosed_quote(exc: yaml.MarkedYAMLError, lines: list[str]) -> SyntaxExplanation | None:
    """A quote opened and never closed: the file ends inside it; say where it opened."""
    mark = exc.context_mark
    if mark is None or "quoted scalar" not in (exc.context or ""):
        return None
    if exc.problem != "found unexpected end of stream":
        return None
    line = _source(lines, mark.line + 1)
    quote = line[mark.column] if mark.column < len(line) else '"'
    return SyntaxExplanation(
        mark.line + 1,
        mark.column + 1,
        f"citattecknet {quote} här stängs aldrig, så filen tar slut mitt i ett värde; avsluta "
        f"texten med samma citattecken på samma rad, t.ex. {_closed(line, mark.column)}",
    )


def _closed(line: str, column: int) -> str:
    """The line's value with its quote closed (`inledning: "Text"`), or a generic example."""
    quote = line[column] if column < len(line) else '"'
    key_line = _KEY_LINE.match(line[:column].rstrip() + " x")
    key = key_line.group("key").strip() if key_line else "titel"
    value = line[column + 1 :].rstrip() or "Lokal samverkan"
    return f"{key}: {quote}{value}{quote}"


def _quote_left_open(exc: yaml.MarkedYAMLError, lines: list[str]) -> SyntaxExplanation | None:
    """A quote not closed on its line: the text runs on to the next quote of the same kind,
    lines below, and the error shows there. Located at the opening quote."""
    mark = exc.problem_mark
    if mark is None:
        return None
    token = _open_quoted_token(lines, mark)
    if token is None:
        return None
    start = token.start_mark
    line = _source(lines, start.line + 1)
    quote = line[start.column] if start.column < len(line) else '"'
    return SyntaxExplanation(
        start.line + 1,
        start.column + 1,
        f"citattecknet {quote} här stängs inte på sin rad, så texten fortsätter till nästa "
        f"{quote} på rad {token.end_mark.line + 1} och det som står efter det blir fel; "
        f"avsluta texten med {quote} på rad {start.line + 1}, t.ex. "
        f"{_closed(line, start.column)}",
    )


def _open_quoted_token(lines: list[str], mark: yaml.Mark) -> yaml.ScalarToken | None:
    """The quoted text spanning lines that ends on the line of `mark`, if any, found by
    scanning the text again up to the error."""
    found: yaml.ScalarToken | None = None
    try:
        for token in yaml.scan("\n".join(lines), Loader=yaml.SafeLoader):
            if token.start_mark.line > mark.line:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in {'"', "'"}
                and token.start_mark.line < token.end_mark.line == mark.line
            ):
                found = token
    except yaml.YAMLError:
        pass
    return found


def _text_after_quote(exc: yaml.MarkedYAMLError, lines: list[str]) -> SyntaxExplanation | None:
    """`titel: "Hej" du`: text after the closing quote."""
    mark = exc.problem_mark
    if mark is None or not (exc.problem or "").startswith("expected <block end>, but found"):
        return None
    line = _source(lines, mark.line + 1)
    before = line[: mark.column].rstrip()
    if not before.endswith(("'", '"')) or ":" not in before:
        return None
    key_line = _KEY_LINE.match(line.rstrip())
    key = key_line.group("key") if key_line else "titel"
    value = key_line.group("value") if key_line and key_line.group("value") else "text"
    return SyntaxExplanation(
        mark.line + 1,
        mark.column + 1,
        "text efter det avslutande citattecknet; sätt hela värdet inom ett par citattecken "
        f"(andra sorten inuti), t.ex. {key}: '{value.replace(chr(39), chr(39) * 2)}'",
    )


def _unicode_space(exc: yaml.MarkedYAMLError, lines: list[str]) -> SyntaxExplanation | None:
    """A no-break (or other Unicode) space in the indentation or after a colon or dash."""
    for number in _nearby(exc, lines):
        line = _source(lines, number)
        for index, char in enumerate(line):
            if char == " " or char == "\t" or unicodedata.category(char) != "Zs":
                continue
            before = line[:index].rstrip(" ")
            if before and not before.endswith((":", "-")) and not _is_space(before):
                continue
            name = _UNICODE_SPACE_NAMES.get(char, "ett Unicode-mellanslag")
            return SyntaxExplanation(
                number,
                index + 1,
                f"{name} (U+{ord(char):04X}) där YAML kräver ett vanligt mellanslag (ofta "
                "inklistrat från Word eller en webbsida); byt det mot ett vanligt mellanslag, "
                "t.ex. 'titel: Text'",
            )
    return None


def _missing_space_after_colon(
    exc: yaml.MarkedYAMLError, lines: list[str]
) -> SyntaxExplanation | None:
    """`titel:Hej`: the colon needs a space after it to end a key."""
    problem = exc.problem or ""
    if problem not in {"mapping values are not allowed here", "could not find expected ':'"}:
        return None
    for number in _nearby(exc, lines):
        line = _source(lines, number)
        match = _KEY_WITHOUT_SPACE.match(line)
        if match is None:
            continue
        key = match.group("key")
        colon = match.end()
        rest = line[colon:].strip()
        return SyntaxExplanation(
            number,
            colon,
            f"ett mellanslag saknas efter kolonet i '{key}:'; skriv "
            f"'{match.group('lead').strip()}{' ' if match.group('lead').strip() else ''}"
            f"{key}: {rest}'",
        )
    return None


def _colon_in_value(exc: yaml.MarkedYAMLError, lines: list[str]) -> SyntaxExplanation | None:
    """`text: Möte: kl 18`: ': ' inside a value starts a new key."""
    mark = exc.problem_mark
    if mark is None or exc.problem != "mapping values are not allowed here":
        return None
    line = _source(lines, mark.line + 1)
    match = _KEY_LINE.match(line.rstrip())
    if match is None or match.end("key") >= mark.column:
        return None
    return SyntaxExplanation(
        mark.line + 1,
        mark.column + 1,
        "ett kolon på fel plats: ': ' inuti värdet för "
        f"'{match.group('key')}' läses som en ny nyckel; sätt citattecken runt värdet, t.ex. "
        f"{quoted_example(line)}",
    )


def _deeper_than_value(exc: yaml.MarkedYAMLError, lines: list[str]) -> SyntaxExplanation | None:
    """A key indented deeper than the key before it, which already has a value."""
    mark = exc.problem_mark
    if mark is None or exc.problem != "mapping values are not allowed here":
        return None
    number = mark.line + 1
    line = _source(lines, number)
    previous = _previous_content_line(lines, number)
    if previous is None:
        return None
    previous_line = _source(lines, previous)
    above = _KEY_LINE.match(previous_line.rstrip())
    own = _indent(line)
    if above is None or not above.group("value") or own <= _key_column(above) - 1:
        return None
    key = line.strip().split(":")[0]
    above_key, above_column = above.group("key"), _key_column(above)
    return SyntaxExplanation(
        number,
        own + 1,
        f"fel indrag: '{key}' står i kolumn {own + 1}, djupare än '{above_key}' på rad "
        f"{previous} (kolumn {above_column}), som redan har ett värde; flytta '{key}' till "
        f"kolumn {above_column}, eller skriv '{above_key}:' utan värde om '{key}' hör under den",
    )


def _missing_colon_or_dash(exc: yaml.MarkedYAMLError, lines: list[str]) -> SyntaxExplanation | None:
    """A line that is neither `key: value` nor `- item` among keys or items."""
    problem = exc.problem or ""
    if problem == "could not find expected ':'" and exc.context_mark is not None:
        number, column = exc.context_mark.line + 1, exc.context_mark.column + 1
    elif problem == "expected <block end>, but found '?'" and exc.problem_mark is not None:
        number, column = exc.problem_mark.line + 1, exc.problem_mark.column + 1
    else:
        return None
    line = _source(lines, number)
    content = line.strip()
    sibling = _previous_at_indent(lines, number, _indent(line))
    if sibling is not None and _source(lines, sibling).lstrip().startswith("-"):
        return SyntaxExplanation(
            number,
            column,
            f"ett listelement saknar '-': listans element på rad {sibling} börjar med '- '; "
            f"skriv '{' ' * _indent(line)}- {content}'",
        )
    word = content.split()[0] if content else "nyckel"
    return SyntaxExplanation(
        number,
        column,
        f"ett kolon saknas efter nyckeln '{word}'; skriv t.ex. '{word}: värde', eller sätt "
        "citattecken runt texten om den hör till värdet på raden före",
    )


def _shallower_than_sibling(
    exc: yaml.MarkedYAMLError, lines: list[str]
) -> SyntaxExplanation | None:
    """A key that ends a block too early: indented less than the key before it and more than
    the key that holds the block."""
    mark = exc.problem_mark
    if mark is None or not (exc.problem or "").startswith("expected <block end>, but found"):
        return None
    number = mark.line + 1
    line = _source(lines, number)
    own = _indent(line)
    previous = _previous_content_line(lines, number)
    if previous is None:
        return None
    previous_line = _source(lines, previous)
    both_items = line.lstrip().startswith("-") and previous_line.lstrip().startswith("-")
    # an item is moved by its '-', which stands where the item above has its own
    sibling_column = (_indent(previous_line) if both_items else _key_start(previous_line)) + 1
    key = _key_of(line)
    parent = next(
        (
            n
            for n in range(previous - 1, 0, -1)
            if _is_content(lines, n) and _indent(_source(lines, n)) < own
        ),
        None,
    )
    where = (
        f"'{_key_of(_source(lines, previous))}' på rad {previous} står i kolumn {sibling_column}"
    )
    if parent is not None:
        parent_column = _indent(_source(lines, parent)) + 1
        advice = (
            f"flytta '{key}' till kolumn {sibling_column} om den hör ihop med "
            f"'{_key_of(_source(lines, previous))}', eller till kolumn {parent_column} om den "
            f"hör ihop med '{_key_of(_source(lines, parent))}'"
        )
    else:
        advice = f"flytta '{key}' till kolumn {sibling_column}"
    dash = " före listelementet" if line.lstrip().startswith("-") else ""
    return SyntaxExplanation(
        number,
        own + 1,
        f"fel indrag{dash}: '{key}' står i kolumn {own + 1}, men {where}; nycklar på samma "
        f"nivå ska stå i samma kolumn: {advice}",
    )


_CAUSES: list[Cause] = [
    _tab,
    _unclosed_quote,
    _quote_left_open,
    _unicode_space,
    _text_after_quote,
    _missing_space_after_colon,
    _colon_in_value,
    _deeper_than_value,
    _missing_colon_or_dash,
    _shallower_than_sibling,
]


# --- reading the source lines ---------------------------------------------------------------

_NEARBY_LINES = 3


def _source(lines: list[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _nearby(exc: yaml.MarkedYAMLError, lines: list[str]) -> list[int]:
    """The problem's line and the content lines before it, nearest first; a mistake on one
    line often shows on the next (a plain text goes on until a colon ends it)."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return []
    numbers = [mark.line + 1]
    number = mark.line + 1
    while len(numbers) <= _NEARBY_LINES:
        previous = _previous_content_line(lines, number)
        if previous is None:
            break
        numbers.append(previous)
        number = previous
    return numbers


def _is_content(lines: list[str], number: int) -> bool:
    text = _source(lines, number).strip(" ")
    return bool(text) and not text.startswith("#")


def _previous_content_line(lines: list[str], number: int) -> int | None:
    return next((n for n in range(number - 1, 0, -1) if _is_content(lines, n)), None)


def _previous_at_indent(lines: list[str], number: int, indent: int) -> int | None:
    """The nearest content line before `number` indented exactly `indent`, within its block."""
    for n in range(number - 1, 0, -1):
        if not _is_content(lines, n):
            continue
        other = _indent(_source(lines, n))
        if other == indent:
            return n
        if other < indent:
            return None
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_start(line: str) -> int:
    """Where a line's key (or item) starts, after its indentation and any '- '."""
    index = _indent(line)
    while line.startswith("- ", index) or line.startswith("-\t", index):
        index += 2
        index += len(line[index:]) - len(line[index:].lstrip(" "))
    return index


def _is_space(text: str) -> bool:
    return all(char == " " or unicodedata.category(char) == "Zs" for char in text)


def _key_column(match: re.Match[str]) -> int:
    return match.start("key") + 1


def _key_of(line: str) -> str:
    content = line.strip().removeprefix("- ").strip()
    return content.split(":")[0].strip() or content
