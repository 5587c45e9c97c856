"""How problems are shown: one line each (file:line:column: nivå REGEL meddelande) and a
Swedish summary. Reporters only read `Problem` values."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from samverkan_cli.problems import Problem, Severity


def format_problem(problem: Problem) -> str:
    return str(problem)


def summary(name: str, problems: Iterable[Problem]) -> str:
    counts = Counter(p.severity for p in problems)
    errors = counts[Severity.ERROR]
    warnings = counts[Severity.WARNING]
    notes = counts[Severity.INFO]
    parts = [
        f"{errors} fel",
        f"{warnings} {'varning' if warnings == 1 else 'varningar'}",
        f"{notes} info",
    ]
    verdict = "godkänd" if errors == 0 else "underkänd"
    return f"{name}: {verdict} ({', '.join(parts)})"
