"""An agreement's year as calendar events: meetings, follow-ups, revisions and deadlines.

Pure: from a loaded agreement (`samverkan_cli.loading.load_agreement`) and a year, the events
as data, each with every date it falls on that year and, where the dates follow one, the
RFC 5545 recurrence rule that produces them. `calendar_ics` writes them as iCalendar and
`arshjul` draws them as a year wheel; neither decides a date of its own.

What becomes an event:

- every forum's meetings (`organisation.forum[].möten`), timed, 09:00–11:00;
- every forum of every åtgärdsplan (`mötesfrekvens` in an åtgärdsplan bilaga), timed;
- every item of an uppföljningsplan bilaga, all day;
- the lägesbild's revisions (`lägesbild.revidering`), all day, counted from the date of the
  lägesbild bilaga when it has one;
- the term: its first day, its last day, and the last day for the samråd about extending it
  (`tid.förlängning.samråd_månader_före` months before the last day), all day; and the days
  its revision (`tid.revidering`) falls due, counted from its first day
  (`samverkan_cli.rules.term.term_revision_dates`: `{vart: 3, per: år}` from 2023-03-01 is
  2026-03-01, 2029-03-01, …), all day;
- every handlingsplan bilaga (the yearly operative plan): its follow-ups (`uppföljning.
  tillfällen`), the last day of its period, and the day the next plan should be decided,
  `NEXT_PLAN_MONTHS_BEFORE` months before that (left out when a decided plan follows), all day.

Only dates inside the term (from its start to its end, or on without end when it runs "tills
vidare") and inside the year are kept, and an event left without dates is dropped.

From frequency to dates (and recurrence rule):

- named frequencies (vid behov, enligt överenskommelse, ej aktuellt, löpande) give no event;
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

The dates of a counted frequency are placeholders for planning: the agreement says how often
a forum meets, not when, so such a meeting *planeras* on a date that only spreads the meetings
evenly, and the event says so. Weekdays named in the agreement are its own; the time of day
is always a placeholder. The lägesbild's revisions counted from its date, and the term's
dates, are taken from the data.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Literal

from samverkan_cli.calendar_arithmetic import add_days, add_months, months_later, next_day
from samverkan_cli.crossrefs import BILAGA_REFERENCE
from samverkan_cli.loading import LoadedAgreement
from samverkan_cli.model.agreement import Agreement, Scheduled
from samverkan_cli.model.bilagor import (
    ActionPlansBilaga,
    CitizenPromisesBilaga,
    FollowUpBilaga,
    FollowUpItem,
    OperativePlanBilaga,
    SituationPictureBilaga,
)
from samverkan_cli.model.frequency import (
    CountFrequency,
    EveryFrequency,
    IntervalFrequency,
    NamedFrequency,
    Period,
    Weekday,
    WeekdayFrequency,
)
from samverkan_cli.rules.term import revision_months, term_revision_dates
from samverkan_cli.swedish import counted, long_date
from samverkan_cli.templating import scheduled_sentence

MEETING_START = dt.time(9, 0)
MEETING_END = dt.time(11, 0)
"""The placeholder time of every meeting, local time in Stockholm."""

PLACEHOLDER_DAY = 15
"""The day of the month a counted frequency's occurrence falls on when it follows a rule."""

RuleFrequency = Literal["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
"""RFC 5545 weekday codes, Monday first (`date.weekday()` order)."""

_WEEKDAY_INDEX = {day: index for index, day in enumerate(Weekday)}

_FOLLOW_UP_SUBJECTS = {
    "samverkansorganisationen": "Uppföljning av samverkansorganisationen",
    "lägesbild": "Uppföljning av lägesbilden",
    "åtgärdsplan": "Uppföljning av åtgärdsplanerna",
    "kommunikationsplan": "Uppföljning av kommunikationsplanen",
    "annat": "Uppföljning",
}

PLACEHOLDER_NOTE = (
    "Planeras: överenskommelsen anger hur ofta, inte när. Datumen fördelar tillfällena "
    "jämnt över perioden och är platshållare att flytta när de bokas."
)
TIME_NOTE = "Klockslaget 09.00–11.00 är ett förslag."
WEEKDAY_NOTE = "Veckodagarna står i överenskommelsen."


class EventKind(StrEnum):
    """What an event is; the year wheel's legend and the calendar's categories go by it."""

    FORUM = "möte"
    ACTION_PLAN = "åtgärdsplan"
    FOLLOW_UP = "uppföljning"
    SITUATION_PICTURE = "lägesbild"
    TERM = "avtalstid"

    @property
    def label(self) -> str:
        """The kind as the legend names it."""
        return _KIND_LABELS[self]

    @property
    def category(self) -> str:
        """The kind as an iCalendar category."""
        return _KIND_CATEGORIES[self]


_KIND_LABELS = {
    EventKind.FORUM: "Möten i samverkansorganisationen",
    EventKind.ACTION_PLAN: "Möten i åtgärdsplanerna",
    EventKind.FOLLOW_UP: "Uppföljning",
    EventKind.SITUATION_PICTURE: "Revidering av lägesbilden",
    EventKind.TERM: "Avtalstid",
}
_KIND_CATEGORIES = {
    EventKind.FORUM: "Möte",
    EventKind.ACTION_PLAN: "Åtgärdsplan",
    EventKind.FOLLOW_UP: "Uppföljning",
    EventKind.SITUATION_PICTURE: "Lägesbild",
    EventKind.TERM: "Avtalstid",
}


@dataclass(frozen=True, slots=True)
class Recurrence:
    """An RFC 5545 recurrence rule (RRULE) that starts at an event's first date and gives
    exactly its dates: `count` of them."""

    frequency: RuleFrequency
    interval: int = 1
    weekdays: tuple[str, ...] = ()
    """BYDAY, as RFC 5545 weekday codes in week order; empty for the start date's weekday."""
    count: int = 1

    def parts(self) -> dict[str, object]:
        """The rule parts by name, in RFC 5545 order."""
        parts: dict[str, object] = {"FREQ": self.frequency}
        if self.interval != 1:
            parts["INTERVAL"] = self.interval
        if self.weekdays:
            parts["BYDAY"] = list(self.weekdays)
        parts["COUNT"] = self.count
        return parts

    def rfc5545(self) -> str:
        """The rule as text, e.g. "FREQ=WEEKLY;BYDAY=FR,SA;COUNT=104"."""
        return ";".join(
            f"{name}={','.join(value) if isinstance(value, list) else value}"
            for name, value in self.parts().items()
        )

    def without_count(self) -> str:
        """The rule as the frequency gives it, without how many fall in the year."""
        return ";".join(part for part in self.rfc5545().split(";") if not part.startswith("COUNT"))


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One meeting series, follow-up, revision or deadline, with every date it has in the
    year. When `recurrence` is set it produces exactly `dates` from the first one; when not,
    the dates are listed one by one (RDATE)."""

    key: str
    """Unique within the agreement and stable from year to year ("styrgrupp",
    "avtalstid-samrad"); the calendar's UIDs are made from it."""
    kind: EventKind
    subject: str
    """Who or what the event is about ("Lokal styrgrupp")."""
    summary: str
    """The calendar's title ("Lokal styrgrupp: möte (minst två (2) tillfällen per år)")."""
    description: str
    dates: tuple[dt.date, ...]
    recurrence: Recurrence | None
    all_day: bool
    planned: bool
    """True when the dates or the time are placeholders for planning (every frequency);
    False for the term's dates."""

    @property
    def first(self) -> dt.date:
        return self.dates[0]

    @property
    def extra_dates(self) -> tuple[dt.date, ...]:
        """The dates after the first that no rule produces (RDATE)."""
        return () if self.recurrence is not None else self.dates[1:]


@dataclass(frozen=True, slots=True)
class AgreementCalendar:
    """The events of one agreement in one year."""

    name: str
    """The agreement's folder name (NFC)."""
    title: str
    year: int
    first_day: dt.date
    last_day: dt.date
    """The days that count: the year, cut to the term. `first_day > last_day` when the term
    and the year do not meet."""
    dated: dt.date | None
    """The agreement's own date (signing, else the term's start), for reproducible stamps."""
    events: tuple[CalendarEvent, ...]

    def event(self, key: str) -> CalendarEvent:
        for event in self.events:
            if event.key == key:
                return event
        raise KeyError(key)


@dataclass(frozen=True, slots=True)
class Series:
    """The dates a frequency gives in a window, and the rule that gives them, if any."""

    dates: tuple[dt.date, ...]
    recurrence: Recurrence | None
    placeholder: bool
    """True when the frequency does not say which days (counted and "varje" forms)."""


def agreement_calendar(loaded: LoadedAgreement, year: int) -> AgreementCalendar:
    """The agreement's events in `year`; the agreement must have loaded."""
    agreement = loaded.agreement
    if agreement is None:
        raise ValueError("the agreement did not load")
    term = agreement.term
    first_day, last_day = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if term is not None:
        first_day = max(first_day, term.start)
        if term.end_date is not None:
            last_day = min(last_day, term.end_date)
    window = (first_day, last_day)
    origin = _origin(agreement)
    events: list[CalendarEvent] = []
    if first_day <= last_day:
        events.extend(_forum_events(agreement, window, origin))
        events.extend(_action_plan_events(loaded, window, origin))
        events.extend(_follow_up_events(loaded, window, origin))
        events.extend(_situation_picture_events(loaded, window, origin))
        events.extend(_term_events(agreement, window))
        events.extend(_promise_events(loaded, window))
        events.extend(_operative_plan_events(loaded, window))
    return AgreementCalendar(
        name=loaded.name,
        title=agreement.title,
        year=year,
        first_day=first_day,
        last_day=last_day,
        dated=_agreement_date(agreement),
        events=tuple(_unique_keys(e for e in events if e.dates)),
    )


# ---------------------------------------------------------------------------------------------
# Frequencies → dates


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
        return Series(dates, Recurrence("WEEKLY", weekdays=codes, count=len(dates)), False)
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
        return Series(dates, _month_rule(step, len(dates)), True)
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
        rule = _month_rule(share, len(dates)) if anchor.day <= 28 else None
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


def _month_rule(months: int, count: int) -> Recurrence:
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
        return Series(dates, Recurrence("DAILY", count=len(dates)), True)
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
    return Series(dates, rule, anchor is None)


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


# ---------------------------------------------------------------------------------------------
# Events


def _forum_events(
    agreement: Agreement, window: tuple[dt.date, dt.date], origin: dt.date
) -> Iterator[CalendarEvent]:
    if agreement.organisation is None:
        return
    numbers = _bilaga_numbers(agreement)
    for forum in agreement.organisation.forums:
        if forum.meetings is None:
            continue
        yield from _meeting_event(
            key=forum.id,
            kind=EventKind.FORUM,
            subject=forum.heading,
            scheduled=forum.meetings,
            details=[],
            window=window,
            origin=origin,
            numbers=numbers,
        )


def _action_plan_events(
    loaded: LoadedAgreement, window: tuple[dt.date, dt.date], origin: dt.date
) -> Iterator[CalendarEvent]:
    assert loaded.agreement is not None
    numbers = _bilaga_numbers(loaded.agreement)
    for bilaga_id, bilaga in loaded.bilagor.items():
        if not isinstance(bilaga.model, ActionPlansBilaga):
            continue
        for plan in bilaga.model.plans:
            for index, forum in enumerate(plan.forums, start=1):
                subject = f"{plan.name}, {forum.name}" if forum.name else plan.name
                details = [f"Åtgärdsplan: {plan.name}.", f"Ansvarig: {_sentence(plan.responsible)}"]
                yield from _meeting_event(
                    key=f"{bilaga_id}-{plan.id}-{index}",
                    kind=EventKind.ACTION_PLAN,
                    subject=subject,
                    scheduled=forum,
                    details=details,
                    window=window,
                    origin=origin,
                    numbers=numbers,
                )


def _meeting_event(
    *,
    key: str,
    kind: EventKind,
    subject: str,
    scheduled: Scheduled,
    details: list[str],
    window: tuple[dt.date, dt.date],
    origin: dt.date,
    numbers: dict[str, int],
) -> Iterator[CalendarEvent]:
    series = frequency_series(scheduled.frequency, window, origin=origin)
    if series is None:
        return
    frequency = scheduled.frequency.swedish()
    notes = [PLACEHOLDER_NOTE if series.placeholder else WEEKDAY_NOTE, TIME_NOTE]
    lines = [*_stated(scheduled, numbers), *details, " ".join(notes)]
    yield CalendarEvent(
        key=key,
        kind=kind,
        subject=subject,
        summary=f"{subject}: möte ({frequency})",
        description="\n\n".join(lines),
        dates=series.dates,
        recurrence=series.recurrence,
        all_day=False,
        planned=True,
    )


def _follow_up_events(
    loaded: LoadedAgreement, window: tuple[dt.date, dt.date], origin: dt.date
) -> Iterator[CalendarEvent]:
    assert loaded.agreement is not None
    numbers = _bilaga_numbers(loaded.agreement)
    for bilaga_id, bilaga in loaded.bilagor.items():
        if not isinstance(bilaga.model, FollowUpBilaga):
            continue
        for index, item in enumerate(bilaga.model.items, start=1):
            series = frequency_series(item.frequency.frequency, window, origin=origin)
            if series is None:
                continue
            subject = _follow_up_subject(item)
            lines = [
                *_stated(item.frequency, numbers),
                f"Metod: {_sentence(item.method)}",
                f"Ansvarig: {_sentence(item.responsible)}",
                PLACEHOLDER_NOTE if series.placeholder else WEEKDAY_NOTE,
            ]
            yield CalendarEvent(
                key=f"{bilaga_id}-{index}-{slug(item.subject)}",
                kind=EventKind.FOLLOW_UP,
                subject=subject,
                summary=f"{subject} ({item.frequency.frequency.swedish()})",
                description="\n\n".join(lines),
                dates=series.dates,
                recurrence=series.recurrence,
                all_day=True,
                planned=True,
            )


def _follow_up_subject(item: FollowUpItem) -> str:
    if item.heading:
        return item.heading
    return _FOLLOW_UP_SUBJECTS[item.subject]


def _situation_picture_events(
    loaded: LoadedAgreement, window: tuple[dt.date, dt.date], origin: dt.date
) -> Iterator[CalendarEvent]:
    agreement = loaded.agreement
    assert agreement is not None
    picture = agreement.situation_picture
    if picture is None or picture.revision is None:
        return
    anchor = situation_picture_date(loaded)
    series = frequency_series(picture.revision.frequency, window, origin=origin, anchor=anchor)
    if series is None:
        return
    lines = _stated(picture.revision, _bilaga_numbers(agreement))
    if anchor is not None:
        lines.append(f"Datumen räknas från lägesbildens datum, {long_date(anchor)}.")
    else:
        lines.append(PLACEHOLDER_NOTE if series.placeholder else WEEKDAY_NOTE)
    yield CalendarEvent(
        key="lagesbild-revidering",
        kind=EventKind.SITUATION_PICTURE,
        subject="Lägesbilden",
        summary=f"Lägesbilden revideras ({picture.revision.frequency.swedish()})",
        description="\n\n".join(lines),
        dates=series.dates,
        recurrence=series.recurrence,
        all_day=True,
        planned=True,
    )


def situation_picture_date(loaded: LoadedAgreement) -> dt.date | None:
    """The date of the first lägesbild bilaga that has one."""
    for bilaga in loaded.bilagor.values():
        if isinstance(bilaga.model, SituationPictureBilaga) and bilaga.model.date is not None:
            return bilaga.model.date
    return None


def _term_events(agreement: Agreement, window: tuple[dt.date, dt.date]) -> Iterator[CalendarEvent]:
    term = agreement.term
    if term is None:
        return
    start, end = window

    def deadline(key: str, summary: str, day: dt.date, description: str) -> Iterator[CalendarEvent]:
        if start <= day <= end:
            yield _all_day(key, EventKind.TERM, "Avtalstiden", summary, description, (day,))

    yield from deadline(
        "avtalstid-start",
        "Avtalstiden börjar",
        term.start,
        f"{term.subject} gäller från och med {long_date(term.start)}.",
    )
    yield from _term_revision_event(agreement, window)
    end_date = term.end_date
    if end_date is None:
        return
    extension = term.extension
    last_day = f"{term.subject} gäller till och med {long_date(end_date)}."
    if extension is not None:
        last_day += f" Den kan förlängas med {counted(extension.years)} år i taget."
    yield from deadline("avtalstid-slut", "Avtalstidens sista dag", end_date, last_day)
    if extension is None or extension.consultation_months_before is None:
        return
    months = extension.consultation_months_before
    consultation = add_months(end_date, -months)
    yield from deadline(
        "avtalstid-samrad",
        "Sista dag för samråd om förlängning",
        consultation,
        f"Samråd om förlängning ska ske senast {counted(months)} månader före avtalstidens "
        f"slut, {long_date(end_date)}.",
    )


def _term_revision_event(
    agreement: Agreement, window: tuple[dt.date, dt.date]
) -> Iterator[CalendarEvent]:
    """The days the term's revision falls due in the window, counted from its first day."""
    term = agreement.term
    if term is None or term.revision is None:
        return
    start, end = window
    dates = term_revision_dates(term, end, since=start)
    months = revision_months(term)
    if not dates or months is None:
        return
    whole = months.denominator == 1 and months >= 1 and term.start.day <= 28
    frequency = term.revision.swedish()
    after = f" efter {term.revision_after}" if term.revision_after else ""
    yield CalendarEvent(
        key="avtalstid-revidering",
        kind=EventKind.TERM,
        subject="Avtalstiden",
        summary=f"{term.subject} revideras ({frequency})",
        description=(
            f"{term.subject} ska revideras {frequency}{after}. Datumen räknas från "
            f"avtalstidens första dag, {long_date(term.start)}."
        ),
        dates=dates,
        recurrence=_month_rule(int(months), len(dates)) if whole else None,
        all_day=True,
        planned=False,
    )


@dataclass(frozen=True, slots=True)
class PromiseDates:
    """One medborgarlöften bilaga's dates as both the calendar and `samverkan status` use
    them, so that the two cannot disagree."""

    bilaga_id: str
    promises: CitizenPromisesBilaga
    follow_ups: tuple[dt.date, ...]
    """The follow-up dates inside the agreement's term, sorted, without repeats."""
    period_end: dt.date | None
    """The period's last day; None when it falls outside the term."""

    @property
    def follow_up_label(self) -> str:
        return f"{self.promises.title}: uppföljning"

    @property
    def period_end_label(self) -> str:
        return f"{self.promises.title}: periodens sista dag"


def promise_dates(loaded: LoadedAgreement) -> Iterator[PromiseDates]:
    """Each medborgarlöften bilaga's follow-ups and period end, kept to the agreement's term
    (the calendar then keeps those in its year)."""
    term = loaded.agreement.term if loaded.agreement is not None else None
    first = term.start if term is not None else dt.date.min
    last = (term.end_date if term is not None else None) or dt.date.max
    for bilaga_id, bilaga in loaded.bilagor.items():
        content = bilaga.model
        if not isinstance(content, CitizenPromisesBilaga):
            continue
        follow_ups = tuple(sorted({d for d in content.follow_up_dates if first <= d <= last}))
        period_end = content.period.end if first <= content.period.end <= last else None
        yield PromiseDates(bilaga_id, content, follow_ups, period_end)


def _promise_events(
    loaded: LoadedAgreement, window: tuple[dt.date, dt.date]
) -> Iterator[CalendarEvent]:
    """Each medborgarlöfte's follow-ups and the end of its period, with its counted
    promises in the description (what the follow-up counts)."""
    start, end = window
    for dates in promise_dates(loaded):
        content = dates.promises
        promises = [
            f"{group.heading} {promise.swedish()}."
            for group in content.groups
            for promise in group.promises
            if promise.amount is not None
        ]
        last = dates.period_end
        yield from _period_events(
            slug(dates.bilaga_id),
            content.title,
            tuple(d for d in dates.follow_ups if start <= d <= end),
            " ".join(promises) or content.title,
            last if last is not None and start <= last <= end else None,
            f"Löftena gäller till och med {long_date(last)}." if last else "",
        )


def _period_events(
    key: str,
    title: str,
    follow_ups: tuple[dt.date, ...],
    follow_up_text: str,
    last: dt.date | None,
    last_text: str,
) -> Iterator[CalendarEvent]:
    """The follow-ups and the last day of something with a period of its own (medborgarlöften,
    a handlingsplan), as all-day events: `<key>-uppfoljning` and `<key>-slut`."""
    if follow_ups:
        summary = f"{title}: uppföljning"
        yield _all_day(
            f"{key}-uppfoljning", EventKind.FOLLOW_UP, title, summary, follow_up_text, follow_ups
        )
    if last is not None:
        summary = f"{title}: periodens sista dag"
        yield _all_day(f"{key}-slut", EventKind.TERM, title, summary, last_text, (last,))


def _all_day(
    key: str,
    kind: EventKind,
    subject: str,
    summary: str,
    description: str,
    dates: tuple[dt.date, ...],
) -> CalendarEvent:
    """A deadline or follow-up: all day, on its dates, not a planned meeting."""
    return CalendarEvent(
        key=key,
        kind=kind,
        subject=subject,
        summary=summary,
        description=description,
        dates=dates,
        recurrence=None,
        all_day=True,
        planned=False,
    )


NEXT_PLAN_MONTHS_BEFORE = 1
"""How long before a handlingsplan ends the next one should be decided: the rule (SV147)
asks only that it is decided before its period starts; a month leaves time to plan."""


@dataclass(frozen=True, slots=True)
class PlanDates:
    """One handlingsplan's dates, for the calendar and `status` alike."""

    bilaga_id: str
    plan: OperativePlanBilaga
    follow_ups: tuple[dt.date, ...]
    """Its follow-up dates, sorted, without repeats."""
    next_plan_due: dt.date | None
    """The day by which the next plan should be decided, `NEXT_PLAN_MONTHS_BEFORE` before
    this one ends; None when a decided plan (or an extern one with a period) follows it."""
    term_ends_with_it: bool
    """The term ends on or before the plan's last day: a next plan needs an extension."""

    @property
    def following_day(self) -> dt.date | None:
        """The first day after the plan; None for a plan that runs to 9999-12-31."""
        return next_day(self.plan.period.end)


def plan_dates(loaded: LoadedAgreement) -> Iterator[PlanDates]:
    """Each handlingsplan bilaga's follow-ups and when the next plan is due."""
    agreement = loaded.agreement
    if agreement is None:
        return
    entries = agreement.bilagor.entries if agreement.bilagor else []
    extern_periods = [
        e.external.period for e in entries if e.external is not None and e.external.period
    ]
    plans = [
        (bilaga_id, bilaga.model)
        for bilaga_id, bilaga in loaded.bilagor.items()
        if isinstance(bilaga.model, OperativePlanBilaga)
    ]
    decided = [p.period for _, p in plans if p.decision is not None] + extern_periods
    term_end = agreement.term.end_date if agreement.term is not None else None
    for bilaga_id, plan in plans:
        last = plan.period.end
        occasions = plan.follow_up.occasions if plan.follow_up is not None else []
        following = next_day(last)
        followed = following is None or any(p.covers(following) for p in decided)
        yield PlanDates(
            bilaga_id,
            plan,
            tuple(sorted(set(occasions))),
            None if followed else add_months(last, -NEXT_PLAN_MONTHS_BEFORE),
            term_end is not None and term_end <= last,
        )


def _operative_plan_events(
    loaded: LoadedAgreement, window: tuple[dt.date, dt.date]
) -> Iterator[CalendarEvent]:
    """Each handlingsplan's follow-ups, the last day of its period, and the day by which
    the next year's plan should be decided (unless a decided plan already follows it)."""
    agreement = loaded.agreement
    assert agreement is not None
    start, end = window
    term_end = agreement.term.end_date if agreement.term is not None else None
    for dates in plan_dates(loaded):
        plan = dates.plan
        key, title, last = slug(dates.bilaga_id), plan.title, plan.period.end
        yield from _period_events(
            key,
            title,
            tuple(d for d in dates.follow_ups if start <= d <= end) if plan.follow_up else (),
            _sentence(plan.follow_up.text) if plan.follow_up else "",
            last if start <= last <= end else None,
            f"{plan.subject} gäller till och med {long_date(last)}.",
        )
        following, due = dates.following_day, dates.next_plan_due
        if due is None or following is None or not start <= due <= end:
            continue
        description = (
            f"Nästa handlingsplan ska fastställas innan den börjar gälla {long_date(following)}. "
            f"{title} gäller till och med {long_date(last)}; ett beslut senast "
            f"{long_date(due)} ger parterna tid att planera årets aktiviteter."
        )
        if dates.term_ends_with_it and term_end is not None:
            description += (
                f" Avtalstiden slutar {long_date(term_end)}: nästa handlingsplan förutsätter "
                "att överenskommelsen förlängs."
            )
        summary = f"{title}: nästa handlingsplan fastställs senast"
        yield _all_day(f"{key}-nasta-plan", EventKind.TERM, title, summary, description, (due,))


# ---------------------------------------------------------------------------------------------
# Helpers


def slug(text: str) -> str:
    """ASCII letters, digits and hyphens: "Lokal styrgrupp" → "lokal-styrgrupp"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"


def _unique_keys(events: Iterable[CalendarEvent]) -> Iterator[CalendarEvent]:
    """Events with keys made ASCII and unique (a second "styrgrupp" becomes "styrgrupp-2")."""
    seen: set[str] = set()
    for event in events:
        base = slug(event.key)
        key, number = base, 1
        while key in seen:
            number += 1
            key = f"{base}-{number}"
        seen.add(key)
        yield event if key == event.key else replace(event, key=key)


def _stated(scheduled: Scheduled, numbers: dict[str, int]) -> list[str]:
    """The agreement's own sentence about the frequency, if it has one, as printed."""
    if scheduled.text is None:
        return [f"Frekvens: {scheduled.frequency.swedish()}."]
    sentence = scheduled_sentence(scheduled, "")
    sentence = BILAGA_REFERENCE.sub(
        lambda m: f"bilaga {numbers[m.group(1)]}" if m.group(1) in numbers else m.group(0),
        sentence,
    )
    return [_sentence(" ".join(sentence.split()))]


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?", "…", ":")) else text + "."


def _bilaga_numbers(agreement: Agreement) -> dict[str, int]:
    entries = agreement.bilagor.entries if agreement.bilagor else []
    return {entry.id: number for number, entry in enumerate(entries, start=1)}


def _agreement_date(agreement: Agreement) -> dt.date | None:
    if agreement.signing is not None and agreement.signing.date is not None:
        return agreement.signing.date
    return agreement.term.start if agreement.term is not None else None


_FALLBACK_ORIGIN = dt.date(2000, 1, 3)
"""A Monday: what "varannan" counts from when the agreement has neither term nor date."""


def _origin(agreement: Agreement) -> dt.date:
    """The day "varannan vecka" and other every-second periods count from: the term's start."""
    if agreement.term is not None:
        return agreement.term.start
    return _agreement_date(agreement) or _FALLBACK_ORIGIN
