"""An agreement's year as calendar events: meetings, follow-ups, revisions and deadlines.

Pure: from a loaded agreement (`samverkan_cli.source.loading.load_agreement`) and a year, the events
as data, each with every date it falls on that year and, where the dates follow one, the
RFC 5545 recurrence rule that produces them. `calendar.ics` writes them as iCalendar and
`calendar.year_wheel` draws them as a year wheel; neither decides a date of its own.

What becomes an event:

- every forum's meetings (`organisation.forum[].möten`), timed: at the time the meeting
  text names ("kl 18.30", "18.30–20.00"; `calendar.times`), else 09:00–11:00;
- every forum of every åtgärdsplan (`mötesfrekvens` in an åtgärdsplan bilaga), timed alike;
- every item of an uppföljningsplan bilaga, all day;
- the lägesbild's revisions (`lägesbild.revidering`), all day, counted from the date of the
  lägesbild bilaga when it has one;
- the term: its first day, its last day, and the last day for the samråd about extending it
  (`tid.förlängning.samråd_månader_före` months before the last day), all day; and the days
  its revision (`tid.revidering`) falls due, counted from its first day
  (`samverkan_cli.rules.term.term_revision_dates`: `{vart: 3, per: år}` from 2023-03-01 is
  2026-03-01, 2029-03-01, …), all day;
- every medborgarlöften and handlingsplan bilaga (`calendar.periods`): follow-ups, the last
  day of the period, the day the next plan should be decided.

Only dates inside the term (from its start to its end, or on without end when it runs "tills
vidare") and inside the year are kept, and an event left without dates is dropped.

A frequency gives dates (`calendar.frequencies`); those of a counted frequency are
placeholders for planning: the agreement says how often a forum meets, not when, so such a
meeting *planeras* on a date that only spreads the meetings evenly, moved to a Swedish
working day (`calendar.working_days`), and the event says so. Weekdays named in the
agreement are its own, without helgdagar and aftnar; the time of day is a placeholder
unless the meeting text names one. The lägesbild's revisions are counted from its date and
the term's dates taken from the data; dates counted from the data are on working days too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import replace

from samverkan_cli.calendar.event_types import (
    MEETING_END,
    MEETING_LENGTH,
    MEETING_START,
    AgreementCalendar,
    CalendarEvent,
    EventKind,
    Recurrence,
    Series,
    slug,
)
from samverkan_cli.calendar.frequency_dates import frequency_series, weekly_offsets
from samverkan_cli.calendar.periods import (
    NEXT_PLAN_MONTHS_BEFORE,
    PlanDates,
    PromiseDates,
    operative_plan_events,
    plan_dates,
    promise_dates,
    promise_events,
    sentence,
)
from samverkan_cli.calendar.term_dates import term_events
from samverkan_cli.calendar.times import meeting_time, time_note
from samverkan_cli.calendar.working_days import on_working_days
from samverkan_cli.core.swedish import long_date
from samverkan_cli.model.agreement import Agreement, Scheduled
from samverkan_cli.model.bilaga_kinds import (
    ActionPlansBilaga,
    FollowUpBilaga,
    FollowUpItem,
    SituationPictureBilaga,
)
from samverkan_cli.model.crossrefs import BILAGA_REFERENCE
from samverkan_cli.render.templates import scheduled_sentence
from samverkan_cli.source.loading import LoadedAgreement

__all__ = [
    "MEETING_END",
    "MEETING_START",
    "NEXT_PLAN_MONTHS_BEFORE",
    "AgreementCalendar",
    "CalendarEvent",
    "EventKind",
    "PlanDates",
    "PromiseDates",
    "Recurrence",
    "Series",
    "agreement_calendar",
    "frequency_series",
    "plan_dates",
    "promise_dates",
    "situation_picture_date",
    "slug",
    "weekly_offsets",
]

_FOLLOW_UP_SUBJECTS = {
    "samverkansorganisationen": "Uppföljning av samverkansorganisationen",
    "lägesbild": "Uppföljning av lägesbilden",
    "åtgärdsplan": "Uppföljning av åtgärdsplanerna",
    "kommunikationsplan": "Uppföljning av kommunikationsplanen",
    "annat": "Uppföljning",
}

PLACEHOLDER_NOTE = (
    "Planeras: överenskommelsen anger hur ofta, inte när. Datumen fördelar tillfällena "
    "jämnt över perioden, på arbetsdagar, och är platshållare att flytta när de bokas."
)
TIME_NOTE = time_note(None)
WEEKDAY_NOTE = (
    "Veckodagarna står i överenskommelsen; helgdagar, midsommarafton, julafton och "
    "nyårsafton är undantagna."
)


def agreement_calendar(loaded: LoadedAgreement, year: int) -> AgreementCalendar:
    """The agreement's events in `year`; the agreement must have loaded."""
    agreement = loaded.agreement
    if agreement is None:
        raise ValueError("the agreement did not load")
    term = agreement.term
    first_day, last_day = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if term is not None:
        first_day = max(first_day, term.first_day)
        if term.last_day is not None:
            last_day = min(last_day, term.last_day)
    window = (first_day, last_day)
    origin = _origin(agreement)
    events: list[CalendarEvent] = []
    if first_day <= last_day:
        events.extend(_forum_events(agreement, window, origin))
        events.extend(_action_plan_events(loaded, window, origin))
        events.extend(_follow_up_events(loaded, window, origin))
        events.extend(_situation_picture_events(loaded, window, origin))
        events.extend(term_events(agreement, window))
        events.extend(promise_events(loaded, window))
        events.extend(operative_plan_events(loaded, window))
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
                details = [f"Åtgärdsplan: {plan.name}.", f"Ansvarig: {sentence(plan.responsible)}"]
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
    series = on_working_days(series, window)
    frequency = scheduled.frequency.swedish()
    time = meeting_time(scheduled.text)
    notes = [PLACEHOLDER_NOTE if series.placeholder else WEEKDAY_NOTE, time_note(time)]
    lines = [*_stated(scheduled, numbers), *details, " ".join(notes)]
    yield CalendarEvent(
        key=key,
        kind=kind,
        subject=subject,
        summary=f"{subject}: möte ({frequency})",
        description="\n\n".join(lines),
        dates=series.dates,
        recurrence=series.recurrence,
        placeholder=series.placeholder,
        moves=series.moves,
        excluded=series.excluded,
        all_day=False,
        planned=True,
        start_time=time.start if time is not None else MEETING_START,
        length=time.length if time is not None else MEETING_LENGTH,
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
            series = on_working_days(series, window)
            subject = _follow_up_subject(item)
            lines = [
                *_stated(item.frequency, numbers),
                f"Metod: {sentence(item.method)}",
                f"Ansvarig: {sentence(item.responsible)}",
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
                placeholder=series.placeholder,
                moves=series.moves,
                excluded=series.excluded,
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
    series = on_working_days(series, window)
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
        placeholder=series.placeholder,
        moves=series.moves,
        excluded=series.excluded,
        all_day=True,
        planned=True,
    )


def situation_picture_date(loaded: LoadedAgreement) -> dt.date | None:
    """The date of the first lägesbild bilaga that has one; None when it gives only a month
    or a year (the calendar invents no day to count from)."""
    for bilaga in loaded.bilagor.values():
        if isinstance(bilaga.model, SituationPictureBilaga) and bilaga.model.date is not None:
            date = bilaga.model.date
            return date.first_day if date.is_day else None
    return None


# ---------------------------------------------------------------------------------------------
# Helpers


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
    stated = scheduled_sentence(scheduled, "")
    stated = BILAGA_REFERENCE.sub(
        lambda m: f"bilaga {numbers[m.group(1)]}" if m.group(1) in numbers else m.group(0),
        stated,
    )
    return [sentence(" ".join(stated.split()))]


def _bilaga_numbers(agreement: Agreement) -> dict[str, int]:
    entries = agreement.bilagor.entries if agreement.bilagor else []
    return {entry.id: number for number, entry in enumerate(entries, start=1)}


def _agreement_date(agreement: Agreement) -> dt.date | None:
    if agreement.signing is not None and agreement.signing.date is not None:
        return agreement.signing.date
    return agreement.term.first_day if agreement.term is not None else None


_FALLBACK_ORIGIN = dt.date(2000, 1, 3)
"""A Monday: what "varannan" counts from when the agreement has neither term nor date."""


def _origin(agreement: Agreement) -> dt.date:
    """The day "varannan vecka" and other every-second periods count from: the term's start."""
    if agreement.term is not None:
        return agreement.term.first_day
    return _agreement_date(agreement) or _FALLBACK_ORIGIN
