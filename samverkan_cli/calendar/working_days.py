"""Placeholder meetings moved onto Swedish working days (`core.days_off` says which days
are working days).

Which dates move (`on_working_days`, `deadline_day`):

- Placeholders (a counted frequency: `{minst: 2, per: år}`, `{varje: vecka}` …) say only how
  often, so a date on a day off moves to the next working day of its period (the month for
  frequencies counted in months, the week for weekly ones), or to the previous one when the
  next would leave the period or the window (the year cut to the term). A working day
  already taken by the series is skipped; with none left in the period the occurrence is
  not held. An occurrence of a rule (RRULE) that moves is written as an override
  (RECURRENCE-ID); one not held as EXDATE.
- Dates a frequency counts from a date in the data (a lägesbild revised `{varje: år}` from
  its date, the term revised `{vart: 3, per: år}` from its first day) move the same way.
- Weekdays the agreement names (`{veckodagar: [fredag, lördag]}`) are its own, Saturday and
  Sunday included, but a helgdag or afton among them is never a meeting day: it is left out
  (EXDATE), not moved (no meeting on långfredagen, midsommardagen or alla helgons dag).
- A deadline counted from the data ("senast sex månader före avtalstidens slut", the day the
  next handlingsplan should be decided) that falls on a day off is the last working day
  before it (`deadline_day`): earlier is always in time.
- Dates written in the data (a follow-up on 2026-06-15, the term's first and last day, the
  last day of a period) stay as written; `validate` notes a written follow-up on a day off
  (SV169).
"""

from __future__ import annotations

import datetime as dt

from samverkan_cli.calendar.event_types import Move, Series
from samverkan_cli.core.days_off import free_working_day, holiday_name, is_working_day


def on_working_days(series: Series, window: tuple[dt.date, dt.date]) -> Series:
    """`series` on working days: named weekdays without the helgdagar and aftnar, every
    other date (placeholders, dates counted from the data) moved within its period (see the
    module's description)."""
    if series.named_weekdays:
        holidays = tuple(d for d in series.dates if holiday_name(d) is not None)
        if not holidays:
            return series
        kept = tuple(d for d in series.dates if d not in set(holidays))
        excluded = holidays if series.recurrence is not None else ()
        return _replace(series, kept, (), excluded)
    return _moved(series, window)


def _moved(series: Series, window: tuple[dt.date, dt.date]) -> Series:
    taken = {d for d in series.dates if is_working_day(d)}
    if len(taken) == len(series.dates):
        return series
    moves: list[Move] = []
    excluded: list[dt.date] = []
    for day in series.dates:
        if day in taken:
            continue
        found = free_working_day(day, series.unit, window, taken)
        if found is None:
            excluded.append(day)
        else:
            taken.add(found)
            moves.append(Move(day, found))
    dates = tuple(sorted(taken))
    if series.recurrence is None:
        return _replace(series, dates, (), ())
    return _replace(series, dates, tuple(moves), tuple(excluded))


def _replace(
    series: Series,
    dates: tuple[dt.date, ...],
    moves: tuple[Move, ...],
    excluded: tuple[dt.date, ...],
) -> Series:
    return Series(
        dates,
        series.recurrence,
        series.placeholder,
        series.unit,
        series.named_weekdays,
        moves,
        excluded,
    )
