"""From a frequency to dates: the days `{minst: 2, per: år}` or `{varannan: vecka}` gives in
a window, and the RFC 5545 rule that produces them.

- named frequencies (vid behov, enligt överenskommelse, ej aktuellt, löpande) give no dates;
- `{veckodagar: [fredag, lördag]}`: every such day, WEEKLY;BYDAY=FR,SA;
- `{varje: P}` is one per period P and `{varannan: P}` one every second period, counted from
  the period the term starts in: `{varje: vecka}` WEEKLY, `{varannan: vecka}`
  WEEKLY;INTERVAL=2, `{varje: månad}` MONTHLY, `{varje: kvartal}` MONTHLY;INTERVAL=3,
  `{varje: år}` YEARLY, `{varannan: år}` YEARLY;INTERVAL=2;
- `{vart|var: N, per: P}` is one every N periods, counted the same way: `{vart: 3, per: år}`
  YEARLY;INTERVAL=3, `{var: 4, per: vecka}` WEEKLY;INTERVAL=4;
- `{antal|minst|cirka: N, per: P}` spreads N occurrences evenly over each calendar period P
  (år; halvår and termin January–June and July–December; tertial; kvartal; månad; a week from
  Monday). When N divides the period's months the occurrences follow a rule: N=2 per år is
  MONTHLY;INTERVAL=6, N=4 per år MONTHLY;INTERVAL=3, N=1 per månad MONTHLY, N=1 per år
  YEARLY; each falls on the 15th of the middle month of its share of the period (2 per år:
  15 March and 15 September). Otherwise (N=5 per år, N=10 per termin) the dates are listed
  one by one (RDATE), each in the middle of its share of the period's days. N per vecka falls
  on weekdays spread over Monday to Friday (WEEKLY;BYDAY=TU,TH for two), over the whole week
  for six or seven, and on every day (DAILY) for more.

These are the frequency's own dates, whatever the day; `calendar.working_days` then moves
the placeholders among them to Swedish working days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from samverkan_cli.calendar.event_types import WEEKDAY_CODES, Recurrence, Series
from samverkan_cli.core.date_arithmetic import add_days, add_months, months_later, next_day
from samverkan_cli.model.frequency import (
    CountFrequency,
    EveryFrequency,
    IntervalFrequency,
    NamedFrequency,
    Period,
    Weekday,
    WeekdayFrequency,
)

PLACEHOLDER_DAY = 15
"""The day of the month a counted frequency's occurrence falls on when it follows a rule."""

_WEEKDAY_INDEX = {day: index for index, day in enumerate(Weekday)}


def frequency_series(
    frequency: object,
    window: tuple[dt.date, dt.date],
    *,
    origin: dt.date,
    anchor: dt.date | None = None,
) -> Series | None:
    """The dates `frequency` gives from `window[0]` to `window[1]` (both included), or None
    for a frequency without a count ("vid behov").

    `origin` is the day "varannan" counts from (the term's start). With `anchor`, periods are
    counted from that day instead of the calendar's (a lägesbild revised "varje år" from its
    date), and the first occurrence is one share of a period after it.
    """
    if isinstance(frequency, NamedFrequency):
        return None
    if isinstance(frequency, WeekdayFrequency):
        days = sorted({_WEEKDAY_INDEX[day] for day in frequency.weekdays})
        dates = tuple(d for d in _days(window) if d.weekday() in days)
        codes = tuple(WEEKDAY_CODES[i] for i in days)
        rule = Recurrence("WEEKLY", weekdays=codes, count=len(dates))
        return Series(dates, rule, False, "day", named_weekdays=tuple(days))
    if isinstance(frequency, EveryFrequency):
        period = frequency.every or frequency.every_other
        assert period is not None
        stride = 1 if frequency.every is not None else 2
        return _counted_series(1, period, stride, window, origin, anchor)
    if isinstance(frequency, IntervalFrequency):
        return _counted_series(1, frequency.period, frequency.periods, window, origin, anchor)
    if isinstance(frequency, CountFrequency):
        return _counted_series(frequency.count, frequency.period, 1, window, origin, anchor)
    raise TypeError(f"unknown frequency {frequency!r}")


def _counted_series(
    count: int,
    period: Period,
    stride: int,
    window: tuple[dt.date, dt.date],
    origin: dt.date,
    anchor: dt.date | None,
) -> Series:
    if period is Period.WEEK:
        return _weekly_series(count, stride, window, origin, anchor)
    months = 12 // period.per_year
    count = min(count, 31 * months)  # more than a day each gives the same days, and no loop
    if anchor is not None:
        return _anchored_monthly_series(count, months * stride, window, anchor)
    return _monthly_series(count, months, stride, window, origin)


def _monthly_series(
    count: int, months: int, stride: int, window: tuple[dt.date, dt.date], origin: dt.date
) -> Series:
    """`count` per calendar period of `months` months, every `stride`-th period from the one
    `origin` is in."""
    start, end = window
    if months % count == 0:
        share = months // count
        step = share * stride
        first_period = _month_index(origin) // months * months
        offset = first_period % step + (share - 1) // 2
        dates = tuple(
            _month_date(index, PLACEHOLDER_DAY)
            for index in range(_month_index(start), _month_index(end) + 1)
            if (index - offset) % step == 0 and start <= _month_date(index, PLACEHOLDER_DAY) <= end
        )
        return Series(dates, month_rule(step, len(dates)), True)
    found: set[dt.date] = set()
    for period_start_index in range(
        _month_index(start) // months * months, _month_index(end) + 1, months
    ):
        period_start = _month_date(period_start_index, 1)
        period_days = (_month_date(period_start_index + months, 1) - period_start).days
        for i in range(count):
            day = period_start + dt.timedelta(days=(2 * i + 1) * period_days // (2 * count))
            if start <= day <= end:
                found.add(day)
    return Series(tuple(sorted(found)), None, True)


def _anchored_monthly_series(
    count: int, months: int, window: tuple[dt.date, dt.date], anchor: dt.date
) -> Series:
    """`count` per period of `months` months counted from `anchor`, after the anchor."""
    start, end = window
    if months % count == 0:
        share = months // count
        dates: list[dt.date] = []
        step = 1
        while (day := months_later(anchor, step * share)) is not None and day <= end:
            if day >= start:
                dates.append(day)
            step += 1
        rule = month_rule(share, len(dates)) if anchor.day <= 28 else None
        return Series(tuple(dates), rule, False)
    found: set[dt.date] = set()
    index = 0
    while (
        period_start := months_later(anchor, index * months)
    ) is not None and period_start <= end:
        period_days = (add_months(anchor, (index + 1) * months) - period_start).days
        for i in range(count):
            day = add_days(period_start, i * period_days // count)
            if anchor < day and start <= day <= end:
                found.add(day)
        index += 1
    return Series(tuple(sorted(found)), None, False)


def month_rule(months: int, count: int) -> Recurrence:
    if months % 12 == 0:
        return Recurrence("YEARLY", interval=months // 12, count=count)
    return Recurrence("MONTHLY", interval=months, count=count)


def weekly_offsets(count: int) -> tuple[int, ...]:
    """The days after Monday that `count` occurrences a week fall on: spread over Monday to
    Friday for up to five, over the whole week for six and seven."""
    span = 5 if count <= 5 else 7
    return tuple((2 * i + 1) * span // (2 * count) for i in range(min(count, 7)))


def _weekly_series(
    count: int,
    stride: int,
    window: tuple[dt.date, dt.date],
    origin: dt.date,
    anchor: dt.date | None,
) -> Series:
    if count > 7:
        dates = tuple(_days(window))
        return Series(dates, Recurrence("DAILY", count=len(dates)), True, "day")
    if anchor is not None:
        weekdays = sorted({(anchor.weekday() + i * 7 // count) % 7 for i in range(count)})
        week_start = anchor
    else:
        weekdays = sorted(weekly_offsets(count))
        week_start = origin - dt.timedelta(days=origin.weekday())
    dates = tuple(
        day
        for day in _days(window)
        if day.weekday() in weekdays
        and ((day - week_start).days // 7) % stride == 0
        and (anchor is None or day > anchor)
    )
    codes = tuple(WEEKDAY_CODES[i] for i in weekdays) if count > 1 else ()
    rule = Recurrence("WEEKLY", interval=stride, weekdays=codes, count=len(dates))
    return Series(dates, rule, anchor is None, "week")


def _days(window: tuple[dt.date, dt.date]) -> Iterator[dt.date]:
    day: dt.date | None
    day, end = window
    while day is not None and day <= end:
        yield day
        day = next_day(day)


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _month_date(index: int, day: int) -> dt.date:
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, day)
