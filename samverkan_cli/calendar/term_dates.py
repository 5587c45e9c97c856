"""The term in the calendar: its first and last day, the last day for the samråd about
extending it, and the days its revision falls due; all-day and confirmed. The first and last
day are written in the data and stay as written; the dates counted from them are on working
days (`calendar.working_days`): the samråd deadline on the last working day before it, the
revision moved within its month. A term the text dates by a year or a month ("2017–2022")
has its events on the first day of its start and the last day of its end, and says so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from samverkan_cli.calendar.event_types import CalendarEvent, EventKind, Series
from samverkan_cli.calendar.frequency_dates import month_rule
from samverkan_cli.calendar.periods import all_day_event
from samverkan_cli.calendar.working_days import on_working_days
from samverkan_cli.core.date_arithmetic import add_months
from samverkan_cli.core.days_off import deadline_day, moved_note
from samverkan_cli.core.swedish import counted, long_date
from samverkan_cli.model.agreement import Agreement
from samverkan_cli.model.partial_date import PartialDate
from samverkan_cli.rules.term import revision_months, term_revision_dates


def term_events(agreement: Agreement, window: tuple[dt.date, dt.date]) -> Iterator[CalendarEvent]:
    term = agreement.term
    if term is None:
        return
    start, end = window

    def deadline(key: str, summary: str, day: dt.date, description: str) -> Iterator[CalendarEvent]:
        if start <= day <= end:
            yield all_day_event(key, EventKind.TERM, "Avtalstiden", summary, description, (day,))

    yield from deadline(
        "avtalstid-start",
        "Avtalstiden börjar",
        term.first_day,
        f"{term.subject} gäller från och med {term.start.long()}.{_assumed(term.start, True)}",
    )
    yield from term_revision_event(agreement, window)
    written_end = term.end_date
    if written_end is None:
        return
    end_date = written_end.last_day
    extension = term.extension
    last_day = (
        f"{term.subject} gäller till och med {written_end.long()}.{_assumed(written_end, False)}"
    )
    if extension is not None:
        last_day += f" Den kan förlängas med {counted(extension.years)} år i taget."
    yield from deadline("avtalstid-slut", "Avtalstidens sista dag", end_date, last_day)
    if extension is None or extension.consultation_months_before is None:
        return
    months = extension.consultation_months_before
    consultation = add_months(end_date, -months)
    held = deadline_day(consultation)
    yield from deadline(
        "avtalstid-samrad",
        "Sista dag för samråd om förlängning",
        held,
        f"Samråd om förlängning ska ske senast {counted(months)} månader före avtalstidens "
        f"slut, {long_date(end_date)}.{moved_note(consultation, held)}",
    )


def term_revision_event(
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
    whole = months.denominator == 1 and months >= 1 and term.first_day.day <= 28
    rule = month_rule(int(months), len(dates)) if whole else None
    series = on_working_days(Series(dates, rule, False), window)
    frequency = term.revision.swedish()
    after = f" efter {term.revision_after}" if term.revision_after else ""
    yield CalendarEvent(
        key="avtalstid-revidering",
        kind=EventKind.TERM,
        subject="Avtalstiden",
        summary=f"{term.subject} revideras ({frequency})",
        description=(
            f"{term.subject} {term.revision_verb} revideras {frequency}{after}. Datumen "
            f"räknas från avtalstidens första dag, {long_date(term.first_day)}."
        ),
        dates=series.dates,
        recurrence=series.recurrence,
        all_day=True,
        planned=False,
        moves=series.moves,
        excluded=series.excluded,
    )


def _assumed(written: PartialDate, first: bool) -> str:
    """For a year or a month, the day the calendar took for it (SV185); nothing for a day."""
    if written.is_day:
        return ""
    day = written.first_day if first else written.last_day
    return f" Texten anger {written.long()}; kalendern räknar med {long_date(day)}."
