"""The pure part of the benchmark: paired medians and the printed tables.

Kept apart from the measuring so that tests can check them without timing anything
(tests/test_bench_table.py): performance is measured by the benchmark, never by timed tests.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Paired:
    """The medians of N paired runs of A (ours) and B (what it is compared with)."""

    ratio: float
    """The median of the N ratios A/B: each pair ran back to back, so a machine that is
    slower for a while slows both sides of the pairs it hits and their ratio less."""
    ours: float
    theirs: float


def paired_median(pairs: Sequence[tuple[float, float]]) -> Paired:
    """The median of the ratios a/b and the medians of a and of b, from pairs (a, b)."""
    if not pairs:
        raise ValueError("no pairs")
    if any(b <= 0 for _, b in pairs):
        raise ValueError("a pair with nothing to compare with (b <= 0)")
    return Paired(
        statistics.median(a / b for a, b in pairs),
        statistics.median(a for a, _ in pairs),
        statistics.median(b for _, b in pairs),
    )


def ours_first(index: int) -> bool:
    """Whether pair `index` runs ours first: the order alternates, so that neither side
    always finds the file cache and the CPU as the other left them."""
    return index % 2 == 0


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the issue's table: a measure, its paired figures and its target."""

    measure: str
    target: float | None
    """The highest ratio that meets the target (None: the row has no target)."""
    target_text: str
    paired: Paired | None = None
    unit: str = "s"
    below: bool = False
    """The target is "stay below": the ratio must be under `target`, not at it."""
    not_measured: str | None = None
    """Why the row has no figures (a comparison tool is missing, a run failed)."""

    def now(self) -> str:
        if self.paired is None:
            return f"not measured: {self.not_measured or 'unknown'}"
        p = self.paired
        return f"{p.ratio:.2f}× ({_amount(p.ours, self.unit)} vs {_amount(p.theirs, self.unit)})"

    def met(self) -> str:
        if self.paired is None or self.target is None:
            return "—"
        ratio = self.paired.ratio
        ok = ratio < self.target if self.below else ratio <= self.target
        return "yes" if ok else "no"


def _amount(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.3f} s" if value < 1 else f"{value:.2f} s"
    return f"{value:.0f} {unit}"


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A Markdown table (as the README shows it), with `|` in a cell escaped."""
    lines = [_cells(header), "|" + "---|" * len(header)]
    lines += [_cells(row) for row in rows]
    return lines


def _cells(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def comparison_table(rows: Sequence[Row]) -> list[str]:
    """The issue's table: measure, ratio now with the two medians, target, met."""
    return markdown_table(
        ("measure", "now (ours vs theirs, medians)", "target", "met"),
        [(row.measure, row.now(), row.target_text, row.met()) for row in rows],
    )


def share_table(total: float, parts: Sequence[tuple[str, float]]) -> list[str]:
    """Where `total` seconds went: each part's seconds and share, and the rest that no part
    accounts for (the command line, its output, what a measurement inside cannot see)."""
    rest = total - sum(seconds for _, seconds in parts)
    rows = [(name, f"{seconds:.3f} s", _share(seconds, total)) for name, seconds in parts]
    rest_name = "rest (command line, messages, exit, unaccounted)"
    rows.append((rest_name, f"{rest:.3f} s", _share(rest, total)))
    rows.append(("one-shot build, whole process", f"{total:.3f} s", "100 %"))
    return markdown_table(("part of a one-shot build", "time", "share"), rows)


def _share(seconds: float, total: float) -> str:
    return f"{100 * seconds / total:.0f} %" if total > 0 else "—"
