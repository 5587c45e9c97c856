"""The time of day a meeting text names: "kl 18.30", "kl. 18:30", "klockan 9", "18.30–20.00".

A forum's or an åtgärdsplan's meeting text (`text:` beside `frekvens:`) may say when the
meeting is held; the calendar then uses that time instead of the 09.00–11.00 placeholder,
with the end time the text gives or `DEFAULT_LENGTH` after the start.

The reading is conservative, since a wrong time is worse than a placeholder:

- a time needs "kl", "kl." or "klockan" before it ("kl 18.30", "klockan 9", "kl 18–20");
- without that word only a range of two times with minutes counts, starting 06.00–22.45
  with the minutes a quarter hour ("18.30–20.00", "9:00-11:15"): a date written
  "12.05–14.06" or figures like "1.30–2.00" are not a time;
- hours 0–23 and minutes 00–59, never part of a longer number ("2017.10.12", "inom 24
  timmar", "24/7" name no meeting time);
- an end time before the start is ignored (the default length is used);
- when the text names several times ("Husby kl 18.30 och Rinkeby kl 19:00") the earliest
  start is used, and the calendar says which times the text names.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from samverkan_cli.calendar.event_types import MEETING_LENGTH, MEETING_START

DEFAULT_LENGTH = MEETING_LENGTH
"""A meeting's length when its text names only the start (as the 09.00–11.00 placeholder)."""

_HOUR = r"(?:[01]?[0-9]|2[0-3])"
_MINUTE = r"[0-5][0-9]"
_WORD = r"(?:kl\.?|klockan)"
_DASH = r"\s*(?:[-–—]|till)\s*"
_NOT_BEFORE = r"(?<![\w.,:/–-])"
_NOT_AFTER = r"(?![0-9]|[.:,][0-9]|\s*(?:%|procent|kr\b|timm|min|tim\b|h\b))"

_NAMED = re.compile(
    rf"(?<!\w){_WORD}\s*"
    rf"(?P<h1>{_HOUR})(?:[.:](?P<m1>{_MINUTE}))?"
    rf"(?:{_DASH}(?:{_WORD}\s*)?(?P<h2>{_HOUR})(?:[.:](?P<m2>{_MINUTE}))?)?"
    rf"{_NOT_AFTER}",
    re.IGNORECASE,
)
_QUARTER = r"(?:00|15|30|45)"
_DAYTIME_HOUR = r"(?:0?[6-9]|1[0-9]|2[0-2])"
_BARE_RANGE = re.compile(
    rf"{_NOT_BEFORE}(?P<h1>{_DAYTIME_HOUR})[.:](?P<m1>{_QUARTER})"
    rf"{_DASH}(?P<h2>{_HOUR})[.:](?P<m2>{_QUARTER}){_NOT_AFTER}"
)


@dataclass(frozen=True, slots=True)
class MeetingTime:
    """When a meeting starts and how long it lasts, and what the text said."""

    start: dt.time
    length: dt.timedelta
    end_stated: bool
    """True when the text gives the end time too."""
    named: tuple[dt.time, ...]
    """Every start time the text names, sorted (more than one: the earliest is used)."""


def meeting_time(text: str | None) -> MeetingTime | None:
    """The meeting time `text` names, or None when it names none (see the module)."""
    if not text:
        return None
    found: list[tuple[dt.time, dt.time | None]] = []
    for pattern in (_NAMED, _BARE_RANGE):
        for match in pattern.finditer(text):
            start = dt.time(int(match["h1"]), int(match["m1"] or 0))
            end = (
                dt.time(int(match["h2"]), int(match["m2"] or 0))
                if match["h2"] is not None
                else None
            )
            found.append((start, end if end is not None and end > start else None))
    if not found:
        return None
    start, end = min(found, key=lambda pair: (pair[0], pair[1] is None))
    length = _minutes(end) - _minutes(start) if end is not None else DEFAULT_LENGTH
    named = tuple(sorted({pair[0] for pair in found}))
    return MeetingTime(start, length, end is not None, named)


def time_note(time: MeetingTime | None) -> str:
    """What the event's description says about its time of day, in Swedish."""
    if time is None:
        end = (dt.datetime.combine(dt.date.min, MEETING_START) + DEFAULT_LENGTH).time()
        return f"Klockslaget {clock(MEETING_START)}–{clock(end)} är ett förslag."
    end = (dt.datetime.combine(dt.date.min, time.start) + time.length).time()
    if time.end_stated:
        note = f"Klockslaget {clock(time.start)}–{clock(end)} står i texten."
    else:
        note = (
            f"Starttiden {clock(time.start)} står i texten; sluttiden {clock(end)} är ett "
            "förslag (två timmar)."
        )
    if len(time.named) > 1:
        named = ", ".join(clock(t) for t in time.named[:-1]) + f" och {clock(time.named[-1])}"
        note += f" Texten nämner flera klockslag ({named}); kalendern använder det tidigaste."
    return note


def clock(time: dt.time) -> str:
    """A time as Swedish texts write it: "18.30", "09.00"."""
    return f"{time.hour:02d}.{time.minute:02d}"


def _minutes(time: dt.time) -> dt.timedelta:
    return dt.timedelta(hours=time.hour, minutes=time.minute)
