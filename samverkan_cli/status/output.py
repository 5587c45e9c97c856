"""The output of `samverkan status`: every agreement's term, next deadlines, what is overdue
and the verdict of the check, as a table that fits the terminal or as versioned JSON.
"""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samverkan_cli.core.safe_output import safe_json, safe_line, visible
from samverkan_cli.status.linked_documents import link_lines, linked_order

if TYPE_CHECKING:
    from samverkan_cli.status.standing import AgreementStatus, PromisesStatus, StatusReport
    from samverkan_cli.status.upcoming_deadlines import Deadline

JSON_FORMAT = "samverkan-status"
JSON_VERSION = 1
OUTPUT_FORMATS = ("text", "json")

HEADERS = ("Överenskommelse", "Avtalstid", "Nästa frist", "Försenat", "Kontroll")
NOTHING = "–"
COLUMN_GAP = "  "
DEFAULT_WIDTH = 100
"""Columns the text output fits when stdout is not a terminal (a pipe, a CI log)."""
MINIMUM_WIDTH = 40
NARROWEST_COLUMN = 12
"""Room for "2024-06-01 –", so that a term wraps only at its dash."""
WIDEST_UNBROKEN_WORD = 24
NARROWEST_BROKEN = 6
"""On a very narrow terminal, how narrow a column may get, its words broken."""
"""A longer word (a long agreement name) may be broken to fit its column."""


def terminal_width() -> int:
    """The terminal's width (or $COLUMNS), DEFAULT_WIDTH when stdout is no terminal."""
    columns = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    return max(columns, MINIMUM_WIDTH) if columns > 0 else DEFAULT_WIDTH


def render_text(report: StatusReport, width: int | None = None) -> str:
    """A table with one row per agreement, then each agreement's deadlines, then a summary;
    ends in a newline. Every value is shown `visible`: none can end its line. With a `width`,
    no line is longer: cells wrap within their columns, the check is shortened and the
    deadlines wrap under themselves (the full data is in `--format json`)."""
    compact = width is not None
    ordered = linked_order(report.agreements)  # a document under another right after it
    rows = [
        HEADERS,
        *(_row(agreement, report.today, compact, depth) for agreement, depth in ordered),
    ]
    rows = [tuple(safe_line(cell) for cell in row) for row in rows]
    lines = table(rows) if width is None else fitted_table(rows, width)
    details: list[str] = []
    for agreement, _ in ordered:
        links = link_lines(agreement)
        if agreement.deadlines or agreement.promises or links:
            details.append("")
            details.append(f"{agreement.name}:")
            details.extend(f"  {line}" for line in links)
            details.extend(
                f"  {_deadline(deadline, report.today)}" for deadline in agreement.deadlines
            )
            for promises in agreement.promises:
                details.extend(_promises(promises))
    details.append("")
    details.append(_summary(report))
    if width is not None:
        details = [wrapped for line in details for wrapped in _wrapped_line(line, width)]
    return "".join(f"{visible(line)}\n" for line in (*lines, *details))


def table(rows: Sequence[Sequence[str]]) -> list[str]:
    """Rows as lines of left-aligned columns, two spaces apart, without trailing spaces."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return [
        COLUMN_GAP.join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def fitted_table(rows: Sequence[Sequence[str]], width: int) -> list[str]:
    """`table`, no wider than `width`: when the columns do not fit, each gets at least its
    longest word and the rest is shared out, the narrowest columns first; a cell that is
    wider than its column wraps onto the next lines of its row."""
    columns = len(rows[0])
    natural = [max(len(row[column]) for row in rows) for column in range(columns)]
    available = width - len(COLUMN_GAP) * (columns - 1)
    if sum(natural) <= available:
        return table(rows)
    widths = [
        min(natural[c], max(NARROWEST_COLUMN, *(_longest_word(row[c]) for row in rows)))
        for c in range(columns)
    ]
    widths = [min(w, WIDEST_UNBROKEN_WORD) for w in widths]
    while sum(widths) > available:  # a very narrow terminal: break long words too, the
        narrowable = [c for c in range(columns) if widths[c] > NARROWEST_BROKEN]  # name last
        if not narrowable:
            break
        later = [c for c in narrowable if c > 0] or narrowable
        widths[max(later, key=lambda c: widths[c])] -= 1
    for _ in range(3):  # a column that wraps narrower than its share gives the rest back
        _share_out(widths, natural, available - sum(widths))
        widths = [
            max(len(line) for row in rows for line in _wrapped_cell(row[c], widths[c]))
            for c in range(columns)
        ]
    lines: list[str] = []
    for row in rows:
        cells = [_wrapped_cell(cell, w) for cell, w in zip(row, widths, strict=True)]
        for index in range(max(len(cell) for cell in cells)):
            parts = [cell[index] if index < len(cell) else "" for cell in cells]
            lines.append(
                COLUMN_GAP.join(p.ljust(w) for p, w in zip(parts, widths, strict=True)).rstrip()
            )
    return lines


def _share_out(widths: list[int], natural: list[int], spare: int) -> None:
    """Widen the columns by `spare` in all, the ones that want least first, none beyond its
    natural width."""
    wanting = sorted(range(len(widths)), key=lambda c: natural[c] - widths[c])
    for position, column in enumerate(wanting):
        share = max(spare, 0) // (len(widths) - position)
        extra = min(natural[column] - widths[column], share)
        widths[column] += extra
        spare -= extra


def _longest_word(cell: str) -> int:
    return max((len(word) for word in cell.split()), default=0)


def _wrapped_cell(cell: str, width: int) -> list[str]:
    return textwrap.wrap(cell, width, break_on_hyphens=False) or [""]


def _wrapped_line(line: str, width: int) -> list[str]:
    """A line of the deadlines, wrapped to `width` under its own indent (plus two)."""
    if len(line) <= width:
        return [line]
    indent = line[: len(line) - len(line.lstrip())]
    return textwrap.wrap(
        line.strip(),
        width,
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_on_hyphens=False,
    )


def as_json(report: StatusReport) -> dict[str, Any]:
    """The documented structure (docs/referens, schemas/status-output.schema.json)."""
    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "today": report.today.isoformat(),
        "agreements": [_agreement_json(agreement, report.today) for agreement in report.agreements],
        "summary": {
            "agreements": len(report.agreements),
            "overdue": sum(bool(agreement.overdue) for agreement in report.agreements),
            "passed": sum(agreement.check.passed for agreement in report.agreements),
            "failed": sum(not agreement.check.passed for agreement in report.agreements),
        },
    }


def render_json(report: StatusReport) -> str:
    return safe_json(as_json(report))


def _row(
    agreement: AgreementStatus, today: dt.date, compact: bool = False, depth: int = 0
) -> tuple[str, ...]:
    term = agreement.term.swedish() if agreement.term is not None else NOTHING
    upcoming = agreement.next_deadlines
    next_text = (
        f"{upcoming[0].date.isoformat()} {', '.join(d.label for d in upcoming)} "
        f"({_days(upcoming[0].days_from(today))})"
        if upcoming
        else NOTHING
    )
    overdue = "; ".join(f"{d.label} {d.date.isoformat()}" for d in agreement.overdue) or NOTHING
    check = agreement.check.short() if compact else agreement.check.swedish()
    return ("  " * depth + agreement.name, term, next_text, overdue, check)


def _deadline(deadline: Deadline, today: dt.date) -> str:
    state = "försenad, " if deadline.overdue else ""
    days = _days(deadline.days_from(today))
    exception = deadline.exception
    if exception is not None:
        reason = " ".join(exception.reason.split())
        return f"{deadline.date.isoformat()}  {deadline.label} ({state}{days}; undantag: {reason})"
    return f"{deadline.date.isoformat()}  {deadline.label} ({state}{days})"


def _promises(promises: PromisesStatus) -> list[str]:
    """A medborgarlöfte's period and its counted promises, as the document words them."""
    if not promises.counted:
        return [f"  {promises.swedish()}: inga räknade löften"]
    return [
        f"  {promises.swedish()}, räknade löften:",
        *(f"    {promise.swedish()}" for promise in promises.counted),
    ]


def _days(days: int) -> str:
    if days == 0:
        return "i dag"
    count = f"{abs(days)} {'dag' if abs(days) == 1 else 'dagar'}"
    return f"om {count}" if days > 0 else f"för {count} sedan"


def _summary(report: StatusReport) -> str:
    total = len(report.agreements)
    overdue = sum(bool(agreement.overdue) for agreement in report.agreements)
    failed = sum(not agreement.check.passed for agreement in report.agreements)
    noun = "överenskommelse" if total == 1 else "överenskommelser"
    return (
        f"{total} {noun} per {report.today.isoformat()}: {overdue} med något försenat, "
        f"{failed} underkända i kontrollen"
    )


def _agreement_json(agreement: AgreementStatus, today: dt.date) -> dict[str, Any]:
    from samverkan_cli.source.loading import display_path

    term = agreement.term
    return {
        "name": agreement.name,
        "path": Path(display_path(agreement.folder)).as_posix(),
        "title": agreement.title,
        "kind": agreement.kind,
        "parent": None
        if agreement.parent is None
        else {
            "name": agreement.parent.name,
            "title": agreement.parent.title,
            "found": agreement.parent.found,
        },
        "children": list(agreement.children),
        "term": None
        if term is None
        else {
            "start": term.start.isoformat(),
            "end": term.end.isoformat() if term.end is not None else None,
            "until_further_notice": term.end is None,
            "written": term.written,
            "historic": term.historic,
        },
        "deadlines": [_deadline_json(deadline, today) for deadline in agreement.deadlines],
        "next": [_deadline_json(deadline, today) for deadline in agreement.next_deadlines],
        "overdue": bool(agreement.overdue),
        "promises": [_promises_json(promises) for promises in agreement.promises],
        "check": {
            "status": agreement.check.verdict,
            "counts": {
                "fel": agreement.check.errors,
                "varning": agreement.check.warnings,
                "info": agreement.check.infos,
            },
        },
    }


def _deadline_json(deadline: Deadline, today: dt.date) -> dict[str, Any]:
    return {
        "kind": deadline.kind.value,
        "date": deadline.date.isoformat(),
        "label": deadline.label,
        "overdue": deadline.overdue,
        "days": deadline.days_from(today),
        "exception": None
        if deadline.exception is None
        else {
            "rule": deadline.exception.rule,
            "reason": " ".join(deadline.exception.reason.split()),
            "severity": deadline.exception.severity,
        },
    }


def _promises_json(promises: PromisesStatus) -> dict[str, Any]:
    next_follow_up = promises.next_follow_up
    return {
        "bilaga": promises.bilaga,
        "title": promises.title,
        "period": {"start": promises.start.isoformat(), "end": promises.end.isoformat()},
        "follow_ups": [day.isoformat() for day in promises.follow_ups],
        "next_follow_up": next_follow_up.isoformat() if next_follow_up is not None else None,
        "ended": promises.ended,
        "counted": [
            {
                "heading": promise.heading,
                "text": promise.text,
                "target": promise.target,
                "at_least": promise.at_least,
                "priority_area": promise.priority_area,
            }
            for promise in promises.counted
        ],
    }
