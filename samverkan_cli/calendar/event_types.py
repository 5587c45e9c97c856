"""The calendar's data: events, their recurrence rules and the year they belong to.

Plain values shared by the modules that make the events (`calendar.events`,
`calendar.periods`), place them on working days (`calendar.working_days`) and write or draw
them (`calendar.ics`, `calendar.year_wheel`); none of them decides a date here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

MEETING_START = dt.time(9, 0)
MEETING_END = dt.time(11, 0)
"""The placeholder time of a meeting whose text names none, local time in Stockholm."""
MEETING_LENGTH = dt.timedelta(hours=2)

RuleFrequency = Literal["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]

Unit = Literal["day", "week", "month"]
"""The period a placeholder date belongs to: moving it to a working day keeps it there."""

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
"""RFC 5545 weekday codes, Monday first (`date.weekday()` order)."""


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
class Move:
    """One occurrence of a rule moved off a day that is not a working day."""

    original: dt.date
    """The day the rule gives (a Saturday, a helgdag, julafton …)."""
    day: dt.date
    """The working day it is held on instead."""


@dataclass(frozen=True, slots=True)
class Series:
    """The dates a frequency gives in a window, and the rule that gives them, if any."""

    dates: tuple[dt.date, ...]
    recurrence: Recurrence | None
    placeholder: bool
    """True when the frequency does not say which days (counted and "varje" forms)."""
    unit: Unit = "month"
    """The period each date belongs to ("the meeting of this week", "of this month")."""
    named_weekdays: tuple[int, ...] = ()
    """The weekdays the agreement names (`{veckodagar: …}`), Monday 0."""
    moves: tuple[Move, ...] = ()
    """Rule dates held on another day (written as overrides with RECURRENCE-ID)."""
    excluded: tuple[dt.date, ...] = ()
    """Rule dates that are not held (EXDATE): days off with no working day to move to."""


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One meeting series, follow-up, revision or deadline, with every date it has in the
    year. When `recurrence` is set it produces `dates` from `first`, with `moves` held on
    other days and `excluded` left out; when not, the dates are listed one by one (RDATE)."""

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
    placeholder: bool = False
    """True when the dates only spread the meetings out; they are on working days."""
    moves: tuple[Move, ...] = ()
    excluded: tuple[dt.date, ...] = ()
    start_time: dt.time = MEETING_START
    """When a timed event starts (Stockholm time): the meeting text's time, else 09.00."""
    length: dt.timedelta = MEETING_LENGTH
    """How long a timed event lasts."""

    @property
    def first(self) -> dt.date:
        """DTSTART: the first date the rule gives (perhaps moved or excluded), else the
        first date."""
        if self.recurrence is None or not (self.moves or self.excluded):
            return self.dates[0]
        moved_to = {move.day for move in self.moves}
        given = {d for d in self.dates if d not in moved_to}
        given |= {move.original for move in self.moves} | set(self.excluded)
        return min(given)

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


def slug(text: str) -> str:
    """ASCII letters, digits and hyphens: "Lokal styrgrupp" → "lokal-styrgrupp"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"
