"""An agreement's year as an iCalendar file (RFC 5545), for Outlook, Google and the rest.

The events come from `calendar_events`; this module only writes them, with the `icalendar`
library doing the escaping and the folding of long lines.

- Meetings are at 09:00–11:00 Stockholm time: DTSTART and DTEND carry
  `TZID=Europe/Stockholm`, and the file holds the VTIMEZONE it names (the EU summer-time rule
  Sweden has followed since 1996), so a calendar in another time zone shows them at the right
  hour. Follow-ups, revisions and the term's dates are all-day events (`VALUE=DATE`) that do
  not mark the time as busy.
- A series is one VEVENT: an RRULE with the COUNT of its dates in the year, or its dates
  listed as RDATE when no rule gives them.
- The same sources give the same bytes: UIDs are made from the agreement's folder name, the
  event's key and the year (`styrgrupp-2025@jarva.samverkan`), so importing the file again
  updates the events instead of doubling them, and DTSTAMP is `SOURCE_DATE_EPOCH` when set,
  else the agreement's date, never the clock.
- Planned events (every frequency: the dates or the time are placeholders) are
  `STATUS:TENTATIVE`; the term's dates are `STATUS:CONFIRMED`.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import (  # type: ignore[import-untyped]
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
)

from samverkan_cli.calendar_events import (
    MEETING_END,
    MEETING_START,
    AgreementCalendar,
    CalendarEvent,
    slug,
)
from samverkan_cli.source_date import source_date_epoch

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


def calendar_ics(calendar: AgreementCalendar) -> bytes:
    """The calendar as an RFC 5545 file (UTF-8, CRLF line ends, folded at 75 octets)."""
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
    stamp = calendar_moment(calendar.dated)
    zone = ZoneInfo(TZID)
    for event in calendar.events:
        ics.add_component(_vevent(calendar, event, stamp, zone))
    data: bytes = ics.to_ical()
    return data


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


def _vevent(
    calendar: AgreementCalendar, event: CalendarEvent, stamp: dt.datetime, zone: ZoneInfo
) -> Event:
    vevent = Event()
    vevent.add("uid", event_uid(calendar, event))
    vevent.add("dtstamp", stamp)
    if event.all_day:
        vevent.add("dtstart", event.first)
        vevent.add("dtend", event.first + dt.timedelta(days=1))
        vevent.add("transp", "TRANSPARENT")
    else:
        vevent.add("dtstart", dt.datetime.combine(event.first, MEETING_START, tzinfo=zone))
        vevent.add("dtend", dt.datetime.combine(event.first, MEETING_END, tzinfo=zone))
        vevent.add("transp", "OPAQUE")
    if event.recurrence is not None:
        vevent.add("rrule", event.recurrence.parts())
    if event.extra_dates:
        if event.all_day:
            vevent.add("rdate", list(event.extra_dates), parameters={"VALUE": "DATE"})
        else:
            times = [dt.datetime.combine(d, MEETING_START, tzinfo=zone) for d in event.extra_dates]
            vevent.add("rdate", times)
    vevent.add("summary", event.summary)
    vevent.add("description", event.description)
    vevent.add("categories", [event.kind.category])
    vevent.add("status", "TENTATIVE" if event.planned else "CONFIRMED")
    return vevent
