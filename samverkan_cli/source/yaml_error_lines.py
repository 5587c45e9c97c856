"""The source lines around a YAML syntax error, read the way its causes need them: a line by
number, the content lines before it, indentation, where a key starts and what it is, and a
line rewritten with its value quoted (the example a message shows)."""

from __future__ import annotations

import re
import unicodedata

import yaml

KEY_LINE = re.compile(
    r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[^\s#:'\"\[{][^:#]*?):(?:\s+(?P<value>.*))?$"
)


def quoted_example(source_line: str) -> str:
    """The line with its value inside quotes ("titel: \"@kommunen\""), or a generic one."""
    match = KEY_LINE.match(source_line.rstrip())
    if match is None or not match.group("value"):
        return 'titel: "Text"'
    value = match.group("value")
    quote = "'" if '"' in value else '"'
    value = value.replace("'", "''") if quote == "'" else value
    return f"{match.group('key')}: {quote}{value}{quote}"


_NEARBY_LINES = 3


def line_at(lines: list[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def nearby_lines(exc: yaml.MarkedYAMLError, lines: list[str]) -> list[int]:
    """The problem's line and the content lines before it, nearest first; a mistake on one
    line often shows on the next (a plain text goes on until a colon ends it)."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return []
    numbers = [mark.line + 1]
    number = mark.line + 1
    while len(numbers) <= _NEARBY_LINES:
        previous = previous_content_line(lines, number)
        if previous is None:
            break
        numbers.append(previous)
        number = previous
    return numbers


def is_content(lines: list[str], number: int) -> bool:
    text = line_at(lines, number).strip(" ")
    return bool(text) and not text.startswith("#")


def previous_content_line(lines: list[str], number: int) -> int | None:
    return next((n for n in range(number - 1, 0, -1) if is_content(lines, n)), None)


def previous_at_indent(lines: list[str], number: int, indent: int) -> int | None:
    """The nearest content line before `number` indented exactly `indent`, within its block."""
    for n in range(number - 1, 0, -1):
        if not is_content(lines, n):
            continue
        other = indent_of(line_at(lines, n))
        if other == indent:
            return n
        if other < indent:
            return None
    return None


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def key_start(line: str) -> int:
    """Where a line's key (or item) starts, after its indentation and any '- '."""
    index = indent_of(line)
    while line.startswith("- ", index) or line.startswith("-\t", index):
        index += 2
        index += len(line[index:]) - len(line[index:].lstrip(" "))
    return index


def is_space(text: str) -> bool:
    return all(char == " " or unicodedata.category(char) == "Zs" for char in text)


def key_column(match: re.Match[str]) -> int:
    return match.start("key") + 1


def key_of(line: str) -> str:
    content = line.strip().removeprefix("- ").strip()
    return content.split(":")[0].strip() or content
