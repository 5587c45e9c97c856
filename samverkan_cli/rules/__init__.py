"""Checks run before any output is written; importing this package registers them all."""

from __future__ import annotations

from samverkan_cli.rules import (
    bilaga_files,
    calendar_dates,
    chart_limits,
    dates,
    ids,
    national,
    operative,
    organisation,
    output_limits,
    parties,
    placeholders,
    plans,
    prose,
    references,
    situation,
    structure,
    term,
    unused_values,
)
from samverkan_cli.rules.engine import RULES, Finding, Rule, RuleContext, rule, run_rules

__all__ = [
    "RULES",
    "Finding",
    "Rule",
    "RuleContext",
    "bilaga_files",
    "calendar_dates",
    "chart_limits",
    "dates",
    "ids",
    "national",
    "operative",
    "organisation",
    "output_limits",
    "parties",
    "placeholders",
    "plans",
    "prose",
    "references",
    "rule",
    "run_rules",
    "situation",
    "structure",
    "term",
    "unused_values",
]
