"""Plain texts that silently swallowed the lines under them.

A list item indented two spaces too little (`- Stadsdelsdirektör` in the column of `lista:`)
is still valid YAML: the items under it become the continuation of its text, and the
document prints "Stadsdelsdirektör - Lokalpolisområdets chef - >- Chef …". No one writes a
text in which a continuation line begins with `- `, `? `, `nyckel: ` or a block indicator
(`|`, `>-`) on purpose, so such a plain (unquoted) text that spans lines is refused at the
first such line, naming the indentation and the column to move to. Quoted and block texts
(`|`, `>`) are left alone: there the author chose the line breaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RULE_MERGED_LINES = "SV021"

_STRUCTURE = re.compile(
    r"^(?:(?P<dash>-)(?:\s|$)|(?P<question>\?)(?:\s|$)|(?P<block>[|>][-+1-9]*)(?:\s|$)"
    r"|(?P<key>[^\s#'\"\[{|>?-][^:#]*):(?:\s|$))"
)
_SHOWN = 40


@dataclass(frozen=True, slots=True)
class MergedLine:
    """Where a plain text swallowed a line that looks like YAML structure (1-based)."""

    line: int
    column: int
    message: str


def merged_line(lines: list[str], start: tuple[int, int], end_line: int) -> MergedLine | None:
    """The first continuation line of the plain text that starts at `start` (0-based line
    and column) and ends on `end_line` (0-based) that looks like a list item, a key or a
    block indicator, explained; None when there is none."""
    first_line, first_column = start
    for number in range(first_line + 1, min(end_line, len(lines) - 1) + 1):
        line = lines[number]
        content = line.lstrip(" ")
        match = _STRUCTURE.match(content)
        if match is None:
            continue
        column = len(line) - len(content)
        return MergedLine(
            number + 1, column + 1, _message(lines, first_line, first_column, number, match)
        )
    return None


def _message(
    lines: list[str], first_line: int, first_column: int, number: int, match: re.Match[str]
) -> str:
    line = lines[number]
    content = line.strip()
    column = len(line) - len(line.lstrip(" ")) + 1
    owner = lines[first_line]
    owner_content = owner.strip()
    owner_column = len(owner) - len(owner.lstrip(" ")) + 1
    text = owner[first_column:].strip()
    what = _what(match)
    told = (
        f"'{_cut(content)}' på rad {number + 1} läses som en fortsättning på texten "
        f"'{_cut(text)}' på rad {first_line + 1}, inte som {what}: indraget stämmer inte"
    )
    if match.group("dash") and owner_content.startswith("-") and owner_column < column:
        return (
            f"{told} ('{_cut(owner_content)}' står i kolumn {owner_column}, listans andra "
            f"element i kolumn {column}); flytta '-' på rad {first_line + 1} till kolumn "
            f"{column} så att alla element står i samma kolumn, t.ex. "
            f"'{' ' * (column - 1)}{_cut(owner_content)}'"
        )
    if match.group("block"):
        return (
            f"{told}; ett '{match.group('block')}' ska stå direkt efter kolonet och texten på "
            f"raderna under, t.ex. 'text: {match.group('block')}' och på nästa rad '  Text', "
            "eller sätt citattecken runt hela texten"
        )
    return (
        f"{told}; skriv nyckeln utan värde och det som hör under den indraget på egna rader "
        f"(t.ex. 'lista:' och på nästa rad '  - Text'), eller dra in '{_cut(content)}' till "
        f"kolumn {owner_column} om den hör till samma nivå, eller sätt citattecken runt "
        "hela texten om raden hör till den"
    )


def _what(match: re.Match[str]) -> str:
    if match.group("dash"):
        return "ett eget listelement"
    if match.group("question"):
        return "en nyckel"
    if match.group("block"):
        return "ett textblock"
    return f"nyckeln '{match.group('key').strip()}'"


def _cut(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
