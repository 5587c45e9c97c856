"""Problems are values: what the loader, the schema and the rules report to the user.

Every problem carries a rule id, a severity, a Swedish message and a location, so that a
reporter can print it, sort it or turn it into an annotation without knowing who found it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    """How serious a problem is; only errors stop a build."""

    ERROR = "fel"
    WARNING = "varning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"fel": 0, "varning": 1, "info": 2}[self.value]


@dataclass(frozen=True, order=True, slots=True)
class Location:
    """A 1-based position in a source file."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    @classmethod
    def start_of(cls, path: Path | str) -> Location:
        return cls(str(path), 1, 1)


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """One finding. Ordering is by position, then rule, so reports are stable."""

    location: Location
    rule: str
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.rule} {self.severity.value}: {self.message}"


def has_errors(problems: Iterable[Problem]) -> bool:
    """True when any problem is an error, i.e. when output must not be written."""
    return any(p.severity is Severity.ERROR for p in problems)


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file, line, column order, duplicates removed."""
    return sorted(set(problems))
