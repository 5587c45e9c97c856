"""The rule engine: rules are registered functions that yield findings about one agreement.

A rule knows what is wrong and where; the engine stamps its id and the severity the profile
gives it, so the same check can be an error in one municipality and a warning in another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from samverkan_cli.core.problems import Location, Problem, Severity
from samverkan_cli.model import Agreement
from samverkan_cli.profiles import ProfileSet
from samverkan_cli.source.loading import LoadedAgreement
from samverkan_cli.source.yaml_document import YamlDocument


@dataclass(frozen=True, slots=True)
class Finding:
    location: Location
    message: str


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What a rule may look at: the validated agreement, its source marks and profiles."""

    loaded: LoadedAgreement
    agreement: Agreement
    source: YamlDocument
    profiles: ProfileSet
    today: dt.date = field(default_factory=dt.date.today)
    """The day the agreement is checked as of (`--idag`)."""

    @property
    def folder(self) -> Path:
        return self.loaded.folder

    def at(self, *path: str | int, key: bool = False) -> Location:
        """The location of a YAML path in the agreement file (nearest existing parent)."""
        return self.source.location(tuple(path), key=key)

    def file_start(self) -> Location:
        return Location(self.source.display_path, 1, 1)


Check = Callable[[RuleContext], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: str
    severity: Severity
    explanation: str
    check: Check


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str, *, title: str, severity: Severity, explanation: str
) -> Callable[[Check], Check]:
    """Register a check under a stable id."""

    def register(check: Check) -> Check:
        if rule_id in RULES:
            raise ValueError(f"duplicate rule id {rule_id}")
        RULES[rule_id] = Rule(rule_id, title, severity, explanation, check)
        return check

    return register


def run_rules(context: RuleContext) -> Iterator[Problem]:
    for registered in RULES.values():
        severity = context.profiles.severity(registered.id, registered.severity)
        for found in registered.check(context):
            yield Problem(found.location, registered.id, severity, found.message)
