"""What strict YAML reading gives: the data with the mark of every key and value, or a
refusal carrying a located problem and its rule code. Apart from the reading itself, so that
what only looks values up and locates them (the rules, the schema errors) needs no parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samverkan_cli.core.problems import Location, Problem, Severity

KeyPath = tuple[str | int, ...]

RULE_SYNTAX = "SV001"
RULE_DUPLICATE_KEY = "SV002"
RULE_ALIAS_BOMB = "SV003"
RULE_ENCODING = "SV004"
RULE_EMPTY = "SV005"
RULE_UNSUPPORTED = "SV006"
RULE_TOO_LARGE = "SV007"
RULE_TOO_DEEP = "SV008"
RULE_TOO_MUCH_DATA = "SV017"


@dataclass(frozen=True, slots=True)
class Mark:
    """A 1-based line and column."""

    line: int
    column: int


@dataclass(slots=True)
class YamlDocument:
    """Data read from one file, with the mark of every value and every key."""

    path: Path
    display_path: str
    data: Any
    value_marks: dict[KeyPath, Mark] = field(default_factory=dict)
    key_marks: dict[KeyPath, Mark] = field(default_factory=dict)
    _texts: tuple[Any, tuple[tuple[KeyPath, str], ...]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    """`texts()` as last walked, with the data it was walked from."""

    def texts(self) -> tuple[tuple[KeyPath, str], ...]:
        """Every text in the data with its key path (`texts_in`), walked once: several rules
        look at every text of every file. Walked again if `data` is replaced (nothing
        changes the data inside once it is read)."""
        walked = self._texts
        if walked is None or walked[0] is not self.data:
            walked = (self.data, tuple(texts_in(self.data)))
            self._texts = walked
        return walked[1]

    def location(self, path: KeyPath = (), *, key: bool = False) -> Location:
        """The location of the value (or key) at `path`, or of its nearest existing parent.

        Path elements that the document does not have (a pydantic union tag, a missing
        field) are skipped, so any error path can be located.
        """
        found = self.existing_part(path)
        marks = self.key_marks if key and found in self.key_marks else self.value_marks
        mark = marks.get(found) or Mark(1, 1)
        return Location(self.display_path, mark.line, mark.column)

    def existing_part(self, path: KeyPath) -> KeyPath:
        """`path` without the elements the document does not have (pydantic's union tags,
        a missing field)."""
        found: KeyPath = ()
        for element in path:
            candidate = (*found, element)
            if candidate in self.value_marks:
                found = candidate
        return found

    def has_path(self, path: KeyPath) -> bool:
        return path in self.value_marks


def texts_in(data: Any) -> list[tuple[KeyPath, str]]:
    """Every text in YAML data with its key path, in the order written. Several rules look at
    every text of every file; built as one list without a generator per value, since that
    walk was a good part of their time."""
    found: list[tuple[KeyPath, str]] = []
    if isinstance(data, str):
        found.append(((), data))
    elif isinstance(data, dict | list):
        _add_texts(data, (), found)
    return found


def _add_texts(data: dict[Any, Any] | list[Any], path: KeyPath, found: list[Any]) -> None:
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in items:
        if isinstance(value, str):
            found.append(((*path, key), value))
        elif isinstance(value, dict | list):
            _add_texts(value, (*path, key), found)


class YamlRefused(Exception):
    """The file cannot be read as data; carries the located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def problem_at(shown: str, line: int, column: int, rule: str, message: str) -> Problem:
    """An error at a 1-based line and column of the file shown as `shown`."""
    return Problem(Location(shown, line, column), rule, Severity.ERROR, message)
