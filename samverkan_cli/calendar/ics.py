"""An agreement's year as an iCalendar file (RFC 5545), for Outlook, Google and the rest.

The events come from `calendar.events`; this module only writes them, with the `icalendar`
library doing the escaping and the folding of long lines.

- Meetings are at the time their text names (`calendar.times`), else 09:00–11:00,
  Stockholm time: DTSTART and DTEND carry
  `TZID=Europe/Stockholm`, and the file holds the VTIMEZONE it names (the EU summer-time rule
  Sweden has followed since 1996), so a calendar in another time zone shows them at the right
  hour. Follow-ups, revisions and the term's dates are all-day events (`VALUE=DATE`) that do
  not mark the time as busy.
- A series is one VEVENT: an RRULE with the COUNT of its dates in the year, or its dates
  listed as RDATE when no rule gives them.
- UIDs are made from the agreement's folder name, the event's key and the year
  (`styrgrupp-2025@jarva.samverkan`), never from a date, so importing the file again
  updates the events instead of doubling them, also when a meeting has moved.
- SEQUENCE, LAST-MODIFIED and DTSTAMP come from the calendar written before
  (`calendar.sequence`): kept while an event is unchanged, so the same sources give the same
  bytes, and raised when it changes. The first time they are 0 and `SOURCE_DATE_EPOCH`
  when set, else the agreement's date, never the clock.
- An occurrence of a series moved off a day off (`calendar.working_days`) is an override:
  a VEVENT with the same UID and RECURRENCE-ID, as calendar programs write a moved
  meeting themselves; one that is not held is an EXDATE.
- Planned events (every frequency: the dates or the time are placeholders) are
  `STATUS:TENTATIVE`; the term's dates are `STATUS:CONFIRMED`.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
)

from samverkan_cli.calendar.event_types import (
    AgreementCalendar,
    CalendarEvent,
    Move,
    slug,
)
from samverkan_cli.calendar.sequence import PreviousCalendar, stamp_events
from samverkan_cli.core.days_off import WEEKDAY_NAMES, day_off_name
from samverkan_cli.core.source_date import source_date_epoch
from samverkan_cli.core.swedish import long_date

PRODID = "-//samverkan//kalender//SV"
TZID = "Europe/Stockholm"
UID_DOMAIN = "samverkan"

_EPOCH_1980 = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


def calendar_moment(dated: dt.date | None) -> dt.datetime:
    """DTSTAMP: SOURCE_DATE_EPOCH when set, else the agreement's date, else 1980-01-01;
    never the wall clock, so two runs give the same bytes (as `document_moment` for DOCX)."""
    epoch = source_date_epoch()
    if epoch is not None:
        return max(epoch, _EPOCH_1980)
    if dated is not None:
        return dt.datetime.combine(dated, dt.time(0, 0), tzinfo=dt.UTC)
    return _EPOCH_1980


def event_uid(calendar: AgreementCalendar, event: CalendarEvent) -> str:
    """A UID stable across runs: `<key>-<year>@<folder>.samverkan`, ASCII only."""
    return f"{event.key}-{calendar.year}@{slug(calendar.name)}.{UID_DOMAIN}"


def calendar_name(calendar: AgreementCalendar) -> str:
    """X-WR-CALNAME: the agreement's title and the year."""
    return f"{calendar.title} {calendar.year}"


def calendar_ics(
    calendar: AgreementCalendar,
    previous: PreviousCalendar | None = None,
    now: dt.datetime | None = None,
) -> bytes:
    """The calendar as an RFC 5545 file (UTF-8, CRLF line ends, folded at 75 octets),
    stamped against `previous` (the file written before; none: a first calendar) with `now`
    for what changed since (default SOURCE_DATE_EPOCH, else the clock)."""
    ics = Calendar()
    ics.add("prodid", PRODID)
    ics.add("version", "2.0")
    ics.add("calscale", "GREGORIAN")
    ics.add("method", "PUBLISH")
    ics.add("x-wr-calname", calendar_name(calendar))
    ics.add(
        "x-wr-caldesc",
        f"Möten, uppföljning och tidsfrister {calendar.year} enligt överenskommelsen "
        f"{calendar.name}. Mötesdatum som bara följer av hur ofta ett forum ska mötas är "
        "platshållare för planeringen.",
    )
    ics.add("x-wr-timezone", TZID)
    ics.add_component(stockholm_timezone())
    zone = ZoneInfo(TZID)
    groups = {
        event_uid(calendar, event): [
            _vevent(calendar, event, zone),
            *(_override(calendar, event, move, zone) for move in event.moves),
        ]
        for event in calendar.events
    }
    first = calendar_moment(calendar.dated)
    suffix = f"-{calendar.year}@{slug(calendar.name)}.{UID_DOMAIN}"
    earlier = {  # only this agreement's events of this year are carried over or cancelled
        uid: event
        for uid, event in (previous.events if previous is not None else {}).items()
        if uid.endswith(suffix)
    }
    for component in stamp_events(
        groups, PreviousCalendar(earlier), first, now or current_moment()
    ):
        ics.add_component(component)
    data: bytes = ics.to_ical()
    return data


def current_moment() -> dt.datetime:
    """When a changed event is stamped: SOURCE_DATE_EPOCH when set, else now (UTC, whole
    seconds)."""
    epoch = source_date_epoch()
    if epoch is not None:
        return epoch
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def stockholm_timezone() -> Timezone:
    """VTIMEZONE for Europe/Stockholm: CET, and CEST from the last Sunday of March to the
    last Sunday of October (the rule of the EU, and of Sweden, since 1996)."""
    zone = Timezone()
    zone.add("tzid", TZID)
    zone.add("x-lic-location", TZID)
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", dt.timedelta(hours=1))
    summer.add("tzoffsetto", dt.timedelta(hours=2))
    summer.add("dtstart", dt.datetime(1970, 3, 29, 2, 0))
    summer.add("rrule", {"FREQ": "YEARLY", "BYMONTH": 3, "BYDAY": "-1SU"})
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", dt.timedelta(hours=2))
    winter.add("tzoffsetto", dt.timedelta(hours=1))
    winter.add("dtstart", dt.datetime(1970, 10, 25, 3, 0))
    winter.add("rrule", {"FREQ": "YEARLY", "BYMONTH": 10, "BYDAY": "-1SU"})
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def _vevent(calendar: AgreementCalendar, event: CalendarEvent, zone: ZoneInfo) -> Event:
    vevent = Event()
    vevent.add("uid", event_uid(calendar, event))
    _when(vevent, event, event.first, zone)
    if event.recurrence is not None:
        vevent.add("rrule", event.recurrence.parts())
    if event.extra_dates:
        vevent.add("rdate", _starts(event, event.extra_dates, zone), parameters=_date_value(event))
    if event.excluded:
        vevent.add("exdate", _starts(event, event.excluded, zone), parameters=_date_value(event))
    _about(vevent, event, event.description)
    return vevent


def _override(
    calendar: AgreementCalendar, event: CalendarEvent, move: Move, zone: ZoneInfo
) -> Event:
    """The occurrence the rule gives on `move.original`, held on `move.day`."""
    vevent = Event()
    vevent.add("uid", event_uid(calendar, event))
    (original,) = _starts(event, (move.original,), zone)
    vevent.add("recurrence-id", original, parameters=_date_value(event))
    _when(vevent, event, move.day, zone)
    weekday = WEEKDAY_NAMES[move.original.weekday()]
    reason = day_off_name(move.original)
    named = f" ({reason})" if reason and reason != weekday else ""
    note = f"Flyttat från {weekday} {long_date(move.original)}{named}, som inte är en arbetsdag."
    _about(vevent, event, f"{event.description}\n\n{note}")
    return vevent


def _when(vevent: Event, event: CalendarEvent, day: dt.date, zone: ZoneInfo) -> None:
    if event.all_day:
        vevent.add("dtstart", day)
        vevent.add("dtend", day + dt.timedelta(days=1))
        vevent.add("transp", "TRANSPARENT")
    else:
        start = dt.datetime.combine(day, event.start_time, tzinfo=zone)
        vevent.add("dtstart", start)
        vevent.add("dtend", start + event.length)  # wall-clock arithmetic in Stockholm
        vevent.add("transp", "OPAQUE")


def _about(vevent: Event, event: CalendarEvent, description: str) -> None:
    vevent.add("summary", event.summary)
    vevent.add("description", description)
    vevent.add("categories", [event.kind.category])
    vevent.add("status", "TENTATIVE" if event.planned else "CONFIRMED")


def _starts(
    event: CalendarEvent, days: tuple[dt.date, ...], zone: ZoneInfo
) -> list[dt.date] | list[dt.datetime]:
    if event.all_day:
        return list(days)
    return [dt.datetime.combine(d, event.start_time, tzinfo=zone) for d in days]


def _date_value(event: CalendarEvent) -> dict[str, str]:
    return {"VALUE": "DATE"} if event.all_day else {}
