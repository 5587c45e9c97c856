"""Date arithmetic that never overflows: months and days added at the ends of the calendar.

An agreement may be dated anywhere from 0001-01-01 to 9999-12-31, and deadlines are counted
from its dates (a revision three years after the start, a samråd six months before the
end). Python's dates stop at those two days; a deadline beyond them is taken to the nearest
day that exists instead of raising, so that `status`, `kalender` and the rules answer for
every valid agreement. A series counted forwards uses `months_later`, which has no day
after 9999-12-31, so that it ends there instead of repeating that day.
"""

from __future__ import annotations

import datetime as dt

FIRST_DAY = dt.date.min
LAST_DAY = dt.date.max


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), clamped to the month's last day, and to
    0001-01-01 or 9999-12-31 when it would fall outside the calendar: a deadline, such as
    the last day for a samråd, that can only be said to be "by then"."""
    found = months_later(day, months)
    if found is not None:
        return found
    return FIRST_DAY if months < 0 else LAST_DAY


def months_later(day: dt.date, months: int) -> dt.date | None:
    """The same day `months` later (or earlier), clamped to the month's last day; None when
    that falls outside 0001-01-01 … 9999-12-31. A series counted forwards (revisions,
    meetings) ends there: an occurrence after 9999-12-31 is none."""
    month_index = day.year * 12 + day.month - 1 + months
    if not FIRST_DAY.year * 12 <= month_index <= LAST_DAY.year * 12 + 11:
        return None
    year, month = divmod(month_index, 12)
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError(day)  # every month has a 28th


def add_days(day: dt.date, days: int) -> dt.date:
    """`day` plus `days`, kept to 0001-01-01 … 9999-12-31."""
    ordinal = day.toordinal() + days
    return dt.date.fromordinal(min(max(ordinal, FIRST_DAY.toordinal()), LAST_DAY.toordinal()))


def next_day(day: dt.date) -> dt.date | None:
    """The day after `day`; None after 9999-12-31, where the calendar ends."""
    return None if day == LAST_DAY else day + dt.timedelta(days=1)
