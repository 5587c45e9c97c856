"""The likely causes of a YAML syntax error, each a check that reads the source lines around
where PyYAML noticed it and, when it recognises the mistake, says in Swedish what it is,
where it is and how to write it instead. `explain` (`source.yaml_errors`) tries them most
specific first."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from samverkan_cli.source.yaml_error_lines import (
    KEY_LINE,
    indent_of,
    is_content,
    is_space,
    key_column,
    key_of,
    key_start,
    line_at,
    nearby_lines,
    previous_at_indent,
    previous_content_line,
    quoted_example,
)


@dataclass(frozen=True, slots=True)
class SyntaxExplanation:
    """A Swedish message ("YAML-syntaxfel: …") and the 1-based place it is about."""

    line: int
    column: int
    message: str


_KEY_WITHOUT_SPACE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[^\W\d][\w.-]*):(?=[^\s:/])")
_UNICODE_SPACE_NAMES = {
    "\u00a0": "ett hårt mellanslag",
    "\u202f": "ett smalt hårt mellanslag",
    "\u2007": "ett hårt sifferavstånd",
    "\u3000": "ett ideografiskt mellanslag",
}


# --- causes, most specific first ------------------------------------------------------------

Cause = Callable[[yaml.MarkedYAMLError, list[str]], "SyntaxExplanation | None"]


def _tab(exc: yaml.MarkedYAMLError, lines: list[str]) -> SyntaxExplanation | None:
    """A tab: in the indentation, after a colon or a dash, or in a text."""
    mark = exc.problem_mark
    if mark is None or "'\\t'" not in (exc.problem or ""):
        return None
    line = line_at(lines, mark.line + 1)
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
    line = line_at(lines, mark.line + 1)
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
    key_line = KEY_LINE.match(line[:column].rstrip() + " x")
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
    line = line_at(lines, start.line + 1)
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
    line = line_at(lines, mark.line + 1)
    before = line[: mark.column].rstrip()
    if not before.endswith(("'", '"')) or ":" not in before:
        return None
    key_line = KEY_LINE.match(line.rstrip())
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
    for number in nearby_lines(exc, lines):
        line = line_at(lines, number)
        for index, char in enumerate(line):
            if char == " " or char == "\t" or unicodedata.category(char) != "Zs":
                continue
            before = line[:index].rstrip(" ")
            if before and not before.endswith((":", "-")) and not is_space(before):
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
    for number in nearby_lines(exc, lines):
        line = line_at(lines, number)
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
    line = line_at(lines, mark.line + 1)
    match = KEY_LINE.match(line.rstrip())
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
    line = line_at(lines, number)
    previous = previous_content_line(lines, number)
    if previous is None:
        return None
    previous_line = line_at(lines, previous)
    above = KEY_LINE.match(previous_line.rstrip())
    own = indent_of(line)
    if above is None or not above.group("value") or own <= key_column(above) - 1:
        return None
    key = line.strip().split(":")[0]
    above_key, above_column = above.group("key"), key_column(above)
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
    line = line_at(lines, number)
    content = line.strip()
    sibling = previous_at_indent(lines, number, indent_of(line))
    if sibling is not None and line_at(lines, sibling).lstrip().startswith("-"):
        return SyntaxExplanation(
            number,
            column,
            f"ett listelement saknar '-': listans element på rad {sibling} börjar med '- '; "
            f"skriv '{' ' * indent_of(line)}- {content}'",
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
    line = line_at(lines, number)
    own = indent_of(line)
    previous = previous_content_line(lines, number)
    if previous is None:
        return None
    previous_line = line_at(lines, previous)
    both_items = line.lstrip().startswith("-") and previous_line.lstrip().startswith("-")
    # an item is moved by its '-', which stands where the item above has its own
    sibling_column = (indent_of(previous_line) if both_items else key_start(previous_line)) + 1
    key = key_of(line)
    parent = next(
        (
            n
            for n in range(previous - 1, 0, -1)
            if is_content(lines, n) and indent_of(line_at(lines, n)) < own
        ),
        None,
    )
    where = f"'{key_of(line_at(lines, previous))}' på rad {previous} står i kolumn {sibling_column}"
    if parent is not None:
        parent_column = indent_of(line_at(lines, parent)) + 1
        advice = (
            f"flytta '{key}' till kolumn {sibling_column} om den hör ihop med "
            f"'{key_of(line_at(lines, previous))}', eller till kolumn {parent_column} om den "
            f"hör ihop med '{key_of(line_at(lines, parent))}'"
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


CAUSES: list[Cause] = [
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
