"""Swedish working days and days off, as the semesterlag counts them.

A day is a working day when it is Monday to Friday and neither an allmän helgdag nor one of
the three days the semesterlag (SFS 1977:480, 7 §) treats as a Sunday: midsommarafton,
julafton and nyårsafton. The `holidays` library's calendar for Sweden gives both: its PUBLIC
category the helgdagar, its DE_FACTO category the three aftnar. It knows the years
1953–2100; outside them only weekends count as days off.

Here rather than in `calendar`: the rules (SV169), `init` and the calendar all ask.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from samverkan_cli.core.swedish import long_date

SATURDAY = 5
WEEKDAY_NAMES = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")


@cache
def _swedish_days_off() -> Any:
    """The `holidays` calendar of Sweden's helgdagar and the three aftnar, in Swedish; years
    are filled in as they are asked for. Imported here: only the calendar needs it."""
    from holidays.constants import DE_FACTO, PUBLIC
    from holidays.countries.sweden import Sweden

    return Sweden(categories=(PUBLIC, DE_FACTO), language="sv")


def holiday_name(day: dt.date) -> str | None:
    """The helgdag or afton `day` is ("julafton", "nationaldagen"), else None."""
    name = _swedish_days_off().get(day)
    if not name:
        return None
    text = str(name).split(";")[0].strip()
    return text if text.startswith("Kristi") else text[:1].lower() + text[1:]


def day_off_name(day: dt.date) -> str | None:
    """Why `day` is not a working day ("lördag", "julafton"), else None."""
    holiday = holiday_name(day)
    if holiday is not None:
        return holiday
    if day.weekday() >= SATURDAY:
        return WEEKDAY_NAMES[day.weekday()]
    return None


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday, and not a helgdag, midsommarafton, julafton or nyårsafton."""
    return day.weekday() < SATURDAY and holiday_name(day) is None


def next_working_day(day: dt.date) -> dt.date | None:
    """The first working day after `day`; None at the end of the calendar."""
    for offset in range(1, 15):
        if day.toordinal() + offset > dt.date.max.toordinal():
            return None
        candidate = day + dt.timedelta(days=offset)
        if is_working_day(candidate):
            return candidate
    return None


def due_day(day: dt.date) -> dt.date:
    """`day`, or the working day a due date counted from the data is held on when `day` is a
    day off: the next in its month, else the previous (as `on_working_days` moves it)."""
    if is_working_day(day):
        return day
    found = free_working_day(day, "month", (dt.date.min, dt.date.max), set())
    return found if found is not None else day


def deadline_day(day: dt.date) -> dt.date:
    """The last working day on or before `day`: when a deadline on a day off is met. Outside
    the calendar (before year 1) `day` itself."""
    candidate = day
    for _ in range(15):
        if is_working_day(candidate):
            return candidate
        if candidate.toordinal() <= 1:
            break
        candidate = dt.date.fromordinal(candidate.toordinal() - 1)
    return day


def moved_note(original: dt.date, day: dt.date) -> str:
    """Why a deadline is on `day` rather than `original`, in Swedish ("" when not moved)."""
    if original == day:
        return ""
    weekday = WEEKDAY_NAMES[original.weekday()]
    reason = day_off_name(original)
    named = f" och {reason}" if reason and reason != weekday else ""
    return (
        f" {long_date(original)} är en {weekday}{named}; sista arbetsdagen före "
        f"är {WEEKDAY_NAMES[day.weekday()]} {long_date(day)}."
    )


def free_working_day(
    day: dt.date, unit: str, window: tuple[dt.date, dt.date], taken: set[dt.date]
) -> dt.date | None:
    """The nearest working day not yet taken in `day`'s period and the window: forwards
    first, then backwards."""
    first, last = _period(day, unit)
    first, last = max(first, window[0]), min(last, window[1])
    for step in (1, -1):
        candidate = day
        while True:
            if (step > 0 and candidate >= last) or (step < 0 and candidate <= first):
                break
            candidate = dt.date.fromordinal(candidate.toordinal() + step)
            if candidate not in taken and is_working_day(candidate):
                return candidate
    return None


def _period(day: dt.date, unit: str) -> tuple[dt.date, dt.date]:
    if unit == "day":
        return day, day
    if unit == "week":
        monday = day.toordinal() - day.weekday()
        return (
            dt.date.fromordinal(max(monday, 1)),
            dt.date.fromordinal(min(monday + 6, dt.date.max.toordinal())),
        )
    start = day.replace(day=1)
    if day.month == 12:
        return start, day.replace(day=31)
    return start, dt.date(day.year, day.month + 1, 1) - dt.timedelta(days=1)
