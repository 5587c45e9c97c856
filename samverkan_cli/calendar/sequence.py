"""SEQUENCE, LAST-MODIFIED and DTSTAMP carried over from the calendar written last time.

A calendar program that imported the .ics before keeps an event whose UID it knows unless
the new one has a higher SEQUENCE (RFC 5545 3.8.7.4, RFC 5546 2.1.4) or, for some programs,
a later DTSTAMP. The calendar is made without state of its own, so the state is the file it
wrote before, in the output folder:

- same UID, same content: its SEQUENCE, LAST-MODIFIED and DTSTAMP are kept, so a rebuild
  without changes gives the same bytes;
- same UID, changed content (a meeting moved, a new description): SEQUENCE + 1, and
  LAST-MODIFIED and DTSTAMP are now (SOURCE_DATE_EPOCH when set), and always later than
  before;
- a UID no longer made (a forum removed or renamed): published once more with
  STATUS:CANCELLED and SEQUENCE + 1, so that importers drop it, and kept so in later
  rebuilds;
- a new UID: SEQUENCE 0.

"Content" is every property of the event and its overrides (moved occurrences) except the
three above. The previous file is read with care: no symbolic link, a regular file, at most
`PREVIOUS_LIMIT` bytes, written by samverkan (its PRODID); when it cannot be used the
sequence starts again at 0 and the command says why.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from icalendar import Calendar, Event

PREVIOUS_LIMIT = 5 * 1024 * 1024
"""The largest previous calendar read (a year of daily meetings for many forums is well
under 1 MB)."""

STAMPS = ("DTSTAMP", "SEQUENCE", "LAST-MODIFIED")
"""The properties this module sets; every other property is the event's content."""


@dataclass(frozen=True, slots=True)
class PreviousEvent:
    """What the previous calendar said about one UID."""

    uid: str
    sequence: int
    stamp: dt.datetime
    modified: dt.datetime
    content: bytes
    cancelled: bool
    master: Any
    """The parsed VEVENT without RECURRENCE-ID (republished when the UID is cancelled)."""


@dataclass(frozen=True, slots=True)
class PreviousCalendar:
    """The events of the previous file by UID, in its order; `note` says why it could not
    be used, when it could not."""

    events: dict[str, PreviousEvent] = field(default_factory=dict)
    note: str | None = None


def read_previous(path: Path, prodid: str) -> PreviousCalendar:
    """The calendar samverkan wrote at `path` before; empty when there is none."""
    try:
        data = _read_bounded(path)
    except FileNotFoundError:
        return PreviousCalendar()
    except OSError as error:
        return _unusable(path, error.strerror or str(error))
    except _Refused as refused:
        return _unusable(path, str(refused))
    try:
        parsed = Calendar.from_ical(data)
    except Exception:  # any malformed text: the file is only a hint
        return _unusable(path, "den är ingen giltig iCalendar-fil")
    if str(parsed.get("PRODID", "")) != prodid:
        return _unusable(path, "den är inte skriven av samverkan")
    try:
        return PreviousCalendar(_previous_events(parsed.walk("VEVENT")))
    except Exception:  # a property of an unexpected type
        return _unusable(path, "dess händelser går inte att läsa")


def stamp_events(
    groups: dict[str, list[Any]],
    previous: PreviousCalendar,
    first_stamp: dt.datetime,
    now: dt.datetime,
) -> list[Any]:
    """Every component of `groups` (by UID: the event, then its overrides) stamped as the
    module's description says, followed by the cancellations of the UIDs gone since."""
    stamped: list[Any] = []
    for uid, components in groups.items():
        before = previous.events.get(uid)
        if before is None:
            fresh = now if previous.events else first_stamp
            _stamp(components, 0, fresh, fresh)
        elif before.content == content_of(components):
            _stamp(components, before.sequence, before.stamp, before.modified)
        else:
            changed = later(now, before.stamp)
            _stamp(components, before.sequence + 1, changed, changed)
        stamped.extend(components)
    for uid, before in previous.events.items():
        if uid not in groups:
            stamped.append(_cancelled(before, now))
    return stamped


def content_of(components: Iterable[Any]) -> bytes:
    """The components as iCalendar text without the stamps, read back first, so that a new
    event and the one parsed from the previous file compare alike."""
    lines: list[bytes] = []
    for component in components:
        reread = Calendar.from_ical(component.to_ical())
        text = reread.to_ical().replace(b"\r\n ", b"")  # unfolded
        lines.extend(
            line
            for line in text.split(b"\r\n")
            if line and line.split(b":")[0].split(b";")[0].upper().decode() not in STAMPS
        )
    return b"\n".join(lines)


def later(now: dt.datetime, before: dt.datetime) -> dt.datetime:
    """`now`, or a second after `before` when the clock (or SOURCE_DATE_EPOCH) is behind
    it: a changed event must be stamped later than the one it replaces."""
    return max(now, before + dt.timedelta(seconds=1))


def _stamp(
    components: Sequence[Any], sequence: int, stamp: dt.datetime, modified: dt.datetime
) -> None:
    for component in components:
        for name in STAMPS:
            component.pop(name, None)
        component.add("dtstamp", stamp)
        component.add("last-modified", modified)
        component.add("sequence", sequence)


def _cancelled(before: PreviousEvent, now: dt.datetime) -> Any:
    """The previous event, cancelled: once with SEQUENCE + 1, then unchanged."""
    if before.cancelled:
        master = before.master
        _stamp([master], before.sequence, before.stamp, before.modified)
        return master
    master = Event.from_ical(before.master.to_ical())
    master.pop("STATUS", None)
    master.add("status", "CANCELLED")
    changed = later(now, before.stamp)
    _stamp([master], before.sequence + 1, changed, changed)
    return master


def _previous_events(components: Iterable[Any]) -> dict[str, PreviousEvent]:
    grouped: dict[str, list[Any]] = {}
    for component in components:
        grouped.setdefault(str(component.get("UID", "")), []).append(component)
    events: dict[str, PreviousEvent] = {}
    for uid, members in grouped.items():
        masters = [c for c in members if "RECURRENCE-ID" not in c]
        if not uid or len(masters) != 1:
            continue
        master = masters[0]
        stamp = _utc(master.decoded("DTSTAMP"))
        modified = _utc(master.decoded("LAST-MODIFIED")) if "LAST-MODIFIED" in master else stamp
        events[uid] = PreviousEvent(
            uid=uid,
            sequence=max(int(master.get("SEQUENCE", 0)), 0),
            stamp=stamp,
            modified=modified,
            content=content_of([master, *[c for c in members if c is not master]]),
            cancelled=str(master.get("STATUS", "")).upper() == "CANCELLED",
            master=master,
        )
    return events


def _utc(value: object) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        raise ValueError(value)
    return value.astimezone(dt.UTC) if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


class _Refused(Exception):
    """The previous calendar is not a file samverkan may read."""


def _read_bounded(path: Path) -> bytes:
    """The file's bytes: not through a symbolic link, only a regular file, at most
    `PREVIOUS_LIMIT` of them."""
    if path.is_symlink():
        raise _Refused("den är en symbolisk länk")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _Refused("den är ingen vanlig fil")
        if info.st_size > PREVIOUS_LIMIT:
            raise _Refused(f"den är större än {PREVIOUS_LIMIT // (1024 * 1024)} MB")
        data = handle.read(PREVIOUS_LIMIT + 1)
    if len(data) > PREVIOUS_LIMIT:
        raise _Refused(f"den är större än {PREVIOUS_LIMIT // (1024 * 1024)} MB")
    return data


def _unusable(path: Path, reason: str) -> PreviousCalendar:
    return PreviousCalendar(
        note=(
            f"den förra kalendern {path.name} går inte att läsa ({reason}); händelserna får "
            "SEQUENCE 0, så en kalender som redan importerat dem kanske inte uppdaterar dem. "
            "Ta bort filen i kalenderprogrammet och importera den nya"
        )
    )
