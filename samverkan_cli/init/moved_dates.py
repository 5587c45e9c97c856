"""Dates for `samverkan init`: reading them as written, and moving them with a new term.

A copy or a mall keeps its dates' relations: every date moves by the same number of
months, and a date on a month's last day stays on the last day (2026-02-28 → 2027-02-28,
2026-06-30 → 2026-07-31), so that periods keep their whole months. A term the text dates
by a year or a month ("2017–2022") moves by whole years or months and stays at its precision.
"""

from __future__ import annotations

import datetime as dt
import re

from samverkan_cli.core.date_arithmetic import LAST_DAY, add_days, add_months, next_day
from samverkan_cli.core.days_off import is_working_day
from samverkan_cli.model.partial_date import PartialDate

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: str | None) -> dt.date | None:
    """`value` as a date when it is written YYYY-MM-DD and is one, else None."""
    if value is None or not _DATE.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def parse_written(value: object) -> PartialDate | None:
    """`tid.från` or `tid.till` as written: a day, a month or a year; None otherwise."""
    if value is None or isinstance(value, bool):
        return None
    try:
        return PartialDate.parse(value)
    except ValueError:
        return None


def term_start_months(written: PartialDate, start: dt.date) -> int:
    """The months an old term's start moves to a new term from `start`: to `start`'s month
    for a day or a month; for a year, whole years, to the first year that begins on or
    after `start` (a term "från 2017" copied in December 2026 runs from 2027)."""
    if written.month is not None:
        return months_between(written.first_day, start)
    year = start.year if (start.month, start.day) == (1, 1) else start.year + 1
    return 12 * (year - written.year)


def moved_written(written: PartialDate, months: int) -> PartialDate:
    """`written` moved by `months`, at its own precision: a day as `shift_date` moves it, a
    month or a year to the month or year its last day moves to."""
    if written.is_day:
        return PartialDate.of(shift_date(written.first_day, months))
    day = shift_date(written.last_day, months)
    return PartialDate(day.year, day.month if written.month is not None else None)


def months_between(old: dt.date, new: dt.date) -> int:
    """Whole months from `old`'s month to `new`'s."""
    return (new.year - old.year) * 12 + new.month - old.month


def shift_date(day: dt.date, months: int) -> dt.date:
    """`day` moved by `months`; a month's last day stays its month's last day."""
    after = next_day(day)
    if after is not None and after.day == 1:
        moved_after = add_months(after, months)
        return LAST_DAY if moved_after == LAST_DAY else add_days(moved_after, -1)
    return add_months(day, months)


def shifted_end(old_start: dt.date, old_end: dt.date, start: dt.date) -> dt.date:
    """The end of a term as long as the old one from `start`: whole months, then days, counted
    to the day after the end, so that 2017-01-01–2018-12-31 becomes two years again."""
    after = next_day(old_end)
    if after is None:
        return LAST_DAY  # the old one ran to the end of the calendar, and so does the copy
    months = months_between(old_start, after)
    rest = after - add_months(old_start, months)
    return add_days(add_months(start, months), rest.days - 1)


def working_day(day: dt.date, within: tuple[dt.date, dt.date] | None = None) -> dt.date:
    """`day` when it is a Swedish working day, else the closest one (the earlier on a tie),
    inside `within` when given: a follow-up moved a year on from a Friday lands on a
    Saturday, and a meeting is not held then. `day` itself when there is none within two
    weeks."""
    if is_working_day(day):
        return day
    first, last = within or (dt.date.min, dt.date.max)
    for distance in range(1, 15):
        for sign in (-1, 1):
            ordinal = day.toordinal() + sign * distance
            if not first.toordinal() <= ordinal <= last.toordinal():
                continue
            candidate = dt.date.fromordinal(ordinal)
            if is_working_day(candidate):
                return candidate
    return day


__all__ = [
    "months_between",
    "moved_written",
    "parse_date",
    "parse_written",
    "shift_date",
    "shifted_end",
    "term_start_months",
    "working_day",
]
