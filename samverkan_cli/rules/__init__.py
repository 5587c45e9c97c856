"""The checks, run before any output is written; importing this package registers them all.
May import profiles, source, model, document and core.
"""

from __future__ import annotations

from samverkan_cli.rules import (
    bilaga_files,
    calendar_dates,
    chart_limits,
    dates,
    deadlines,
    id_references,
    national,
    operative,
    organisation,
    output_limits,
    party_identity,
    placeholders,
    plain_text,
    plans,
    prose,
    references,
    situation,
    structure,
    term,
    unique_ids,
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
    "deadlines",
    "id_references",
    "national",
    "operative",
    "organisation",
    "output_limits",
    "party_identity",
    "placeholders",
    "plain_text",
    "plans",
    "prose",
    "references",
    "rule",
    "run_rules",
    "situation",
    "structure",
    "term",
    "unique_ids",
    "unused_values",
]
