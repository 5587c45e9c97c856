"""Where everything on the årshjul goes: months, tracks, event marks, title and legend.

The pure first step of drawing the wheel (`year_wheel` draws the result as SVG and PNG):
text is measured with the organisation chart's width table, so the same events always
give the same layout, with every position, colour and accessible text in it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from samverkan_cli.calendar.events import AgreementCalendar, CalendarEvent, EventKind
from samverkan_cli.core.swedish import MONTHS, join_and, long_date
from samverkan_cli.orgchart.text_metrics import clean_text, text_width, wrap

# Geometry, in layout units (SVG user units; the PNG has `scale` pixels per unit).
WIDTH = 1000
MARGIN = 28
R_OUTER = 380
"""The outer edge of the month ring."""
R_MONTH = 338
"""The inner edge of the month ring."""
R_TRACK_OUTER = 320
R_TRACK_INNER = 100
R_HOLE = 84
"""The empty middle, where the year is written."""
TRACK_MAX_GAP = 24
MARK_MAX_RADIUS = 8.0
MARK_MIN_RADIUS = 2.5
NUMBERED_MIN_RADIUS = 5.5
"""A mark smaller than this has no room for its number."""
DOT_RADIUS = 2.5
"""The marks of a dense series, but its first."""
DENSE_SERIES = 24
"""A series with more dates than this is drawn as small dots."""

TITLE_SIZE = 22
TITLE_LEADING = 28
SUBTITLE_SIZE = 14
SUBTITLE_LEADING = 19
SUBTITLE_MAX_LINES = 3
MONTH_SIZE = 14
YEAR_SIZE = 34
HEADING_SIZE = 14
HEADING_LEADING = 20
ENTRY_SIZE = 12
ENTRY_LEADING = 16
DATES_SIZE = 11
DATES_LEADING = 15
ENTRY_GAP = 6
SECTION_GAP = 12
LEGEND_MARK_RADIUS = 8.0
LEGEND_INDENT = 26
DATES_LISTED = 6
"""A series with at most this many dates has them written out in the legend."""

BACKGROUND = "#ffffff"
TEXT = "#1b1b1b"
MUTED = "#595959"
MONTH_FILLS = ("#dbe5f1", "#c5d3e2")
SPOKE = "#c5d3e2"
TRACK = "#e3e9f0"
NUMBER_TEXT = "#ffffff"
KIND_COLOURS = {
    EventKind.FORUM: "#1f4e79",
    EventKind.ACTION_PLAN: "#2e7d32",
    EventKind.FOLLOW_UP: "#b35c00",
    EventKind.SITUATION_PICTURE: "#6a3d9a",
    EventKind.TERM: "#c0392b",
}
PLACEHOLDER_FOOTNOTE = (
    "Datum som bara följer av hur ofta något ska ske (till exempel minst två gånger per år) "
    "är platshållare för planeringen: överenskommelsen anger hur ofta, inte när."
)


@dataclass(frozen=True, slots=True)
class WheelText:
    """One line of text: `x` is its left edge, `width` its width by the width table."""

    text: str
    x: float
    baseline: float
    size: int
    width: int
    colour: str


@dataclass(frozen=True, slots=True)
class MonthSector:
    """One month of the ring, from `start` to `end` as fractions of the year (0 at the top,
    clockwise)."""

    month: int
    name: str
    start: float
    end: float
    fill: str
    label: WheelText


@dataclass(frozen=True, slots=True)
class Spoke:
    """A month boundary, from the middle's edge to the month ring."""

    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True, slots=True)
class Mark:
    """A filled circle: an event on a track (with its `day`) or in the legend (without)."""

    key: str
    number: int
    kind: EventKind
    x: float
    y: float
    radius: float
    colour: str
    label: WheelText | None
    """The event's number, when the mark has room for it."""
    day: dt.date | None
    title: str
    """What the mark means, for the SVG's accessible text."""


@dataclass(frozen=True, slots=True)
class WheelLayout:
    width: int
    height: int
    cx: float
    cy: float
    title: str
    description: str
    sectors: tuple[MonthSector, ...]
    spokes: tuple[Spoke, ...]
    tracks: tuple[float, ...]
    """The radius of each event's track, in event order."""
    marks: tuple[Mark, ...]
    """Marks on the wheel, drawn in this order (dense dots first)."""
    legend_marks: tuple[Mark, ...]
    texts: tuple[WheelText, ...]

    @property
    def month_labels(self) -> tuple[str, ...]:
        return tuple(sector.name for sector in self.sectors)


def year_fraction(day: dt.date) -> float:
    """Where in its year a day's middle lies, from 0 (1 January, 00:00) to 1."""
    days = (dt.date(day.year + 1, 1, 1) - dt.date(day.year, 1, 1)).days
    return (day.timetuple().tm_yday - 0.5) / days


def wheel_point(cx: float, cy: float, radius: float, fraction: float) -> tuple[float, float]:
    angle = 2 * math.pi * fraction
    return cx + radius * math.sin(angle), cy - radius * math.cos(angle)


def _text(text: str, x: float, baseline: float, size: int, colour: str) -> WheelText:
    return WheelText(text, x, baseline, size, text_width(text, size), colour)


def _centred(text: str, cx: float, cy: float, size: int, colour: str) -> WheelText:
    """Text centred on a point, vertically by the height of its capitals and digits."""
    width = text_width(text, size)
    return WheelText(text, cx - width / 2, cy + size * 0.36, size, width, colour)


def wheel_layout(calendar: AgreementCalendar) -> WheelLayout:
    """Place the months, the tracks, every event's marks, the title and the legend."""
    texts: list[WheelText] = []
    y = float(MARGIN)
    heading = f"Årshjul {calendar.year}"
    texts.append(_centred_line(heading, y, TITLE_SIZE, TITLE_LEADING, TEXT))
    y += TITLE_LEADING
    for line in wrap(calendar.title, WIDTH - 2 * MARGIN, SUBTITLE_SIZE, SUBTITLE_MAX_LINES):
        texts.append(_centred_line(line, y, SUBTITLE_SIZE, SUBTITLE_LEADING, MUTED))
        y += SUBTITLE_LEADING
    y += 16
    cx, cy = WIDTH / 2, y + R_OUTER

    sectors = tuple(_sector(calendar.year, month, cx, cy) for month in range(1, 13))
    spokes = tuple(
        Spoke(*wheel_point(cx, cy, R_HOLE, s.start), *wheel_point(cx, cy, R_MONTH, s.start))
        for s in sectors
    )
    texts.append(_centred(str(calendar.year), cx, cy, YEAR_SIZE, TEXT))

    events = calendar.events
    gap: float = TRACK_MAX_GAP
    if len(events) > 1:
        gap = min(TRACK_MAX_GAP, (R_TRACK_OUTER - R_TRACK_INNER) / (len(events) - 1))
    tracks = tuple(R_TRACK_OUTER - index * gap for index in range(len(events)))
    radius = max(MARK_MIN_RADIUS, min(MARK_MAX_RADIUS, gap * 0.42))
    dots: list[Mark] = []
    numbered: list[Mark] = []
    for number, (event, track) in enumerate(zip(events, tracks, strict=True), start=1):
        dense = len(event.dates) > DENSE_SERIES
        for index, day in enumerate(event.dates):
            x, mark_y = wheel_point(cx, cy, track, year_fraction(day))
            big = not dense or index == 0
            mark_radius = radius if big else min(DOT_RADIUS, radius)
            label = None
            if big and radius >= NUMBERED_MIN_RADIUS:
                label = _centred(str(number), x, mark_y, _number_size(number), NUMBER_TEXT)
            mark = Mark(
                key=event.key,
                number=number,
                kind=event.kind,
                x=x,
                y=mark_y,
                radius=mark_radius,
                colour=KIND_COLOURS[event.kind],
                label=label,
                day=day,
                title=f"{long_date(day)}: {clean_text(event.summary)}",
            )
            (numbered if big else dots).append(mark)

    y = cy + R_OUTER + 36
    legend_marks: list[Mark] = []
    legend_texts, y = _legend(calendar, y, legend_marks)
    texts.extend(legend_texts)
    height = math.ceil(y + MARGIN)
    return WheelLayout(
        width=WIDTH,
        height=height,
        cx=cx,
        cy=cy,
        title=f"{heading}: {clean_text(calendar.title)}",
        description=_description(calendar),
        sectors=sectors,
        spokes=spokes,
        tracks=tracks,
        marks=(*dots, *numbered),
        legend_marks=tuple(legend_marks),
        texts=tuple(texts),
    )


def _centred_line(text: str, top: float, size: int, leading: int, colour: str) -> WheelText:
    width = text_width(text, size)
    return WheelText(text, (WIDTH - width) / 2, top + leading * 0.75, size, width, colour)


def _number_size(number: int) -> int:
    return 9 if number < 10 else 8 if number < 100 else 6


def _sector(year: int, month: int, cx: float, cy: float) -> MonthSector:
    first = dt.date(year, month, 1)
    after = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    start = year_fraction(first) - year_fraction(dt.date(year, 1, 1))
    end = 1.0 if month == 12 else year_fraction(after) - year_fraction(dt.date(year, 1, 1))
    name = MONTHS[month - 1]
    x, y = wheel_point(cx, cy, (R_OUTER + R_MONTH) / 2, (start + end) / 2)
    return MonthSector(
        month=month,
        name=name,
        start=start,
        end=end,
        fill=MONTH_FILLS[month % 2],
        label=_centred(name, x, y, MONTH_SIZE, TEXT),
    )


def dates_text(event: CalendarEvent) -> str:
    """The dates of an event as the legend writes them: "15 mars och 15 september", or how
    many there are and the first and last."""
    days = [f"{day.day} {MONTHS[day.month - 1]}" for day in event.dates]
    if len(days) <= DATES_LISTED:
        return join_and(days)
    return f"{len(days)} tillfällen från {days[0]} till {days[-1]}"


def _legend(
    calendar: AgreementCalendar, top: float, marks: list[Mark]
) -> tuple[list[WheelText], float]:
    texts: list[WheelText] = []
    y = top
    left = MARGIN + LEGEND_INDENT
    room = WIDTH - MARGIN - left
    if not calendar.events:
        texts.append(_text(_nothing(calendar), MARGIN, y + ENTRY_LEADING * 0.75, ENTRY_SIZE, TEXT))
        return texts, y + ENTRY_LEADING
    number = 0
    for kind in EventKind:
        events = [e for e in calendar.events if e.kind is kind]
        if not events:
            continue
        colour = KIND_COLOURS[kind]
        texts.append(_text(kind.label, MARGIN, y + HEADING_LEADING * 0.75, HEADING_SIZE, colour))
        y += HEADING_LEADING + 2
        for event in events:
            number = calendar.events.index(event) + 1
            entry_top = y
            for line in wrap(event.summary, room, ENTRY_SIZE, 2):
                texts.append(_text(line, left, y + ENTRY_LEADING * 0.75, ENTRY_SIZE, TEXT))
                y += ENTRY_LEADING
            for line in wrap(dates_text(event), room, DATES_SIZE, 2):
                texts.append(_text(line, left, y + DATES_LEADING * 0.75, DATES_SIZE, MUTED))
                y += DATES_LEADING
            mark_x, mark_y = MARGIN + LEGEND_MARK_RADIUS, entry_top + ENTRY_LEADING / 2
            marks.append(
                Mark(
                    key=event.key,
                    number=number,
                    kind=kind,
                    x=mark_x,
                    y=mark_y,
                    radius=LEGEND_MARK_RADIUS,
                    colour=colour,
                    label=_centred(str(number), mark_x, mark_y, _number_size(number), NUMBER_TEXT),
                    day=None,
                    title=clean_text(event.summary),
                )
            )
            y += ENTRY_GAP
        y += SECTION_GAP
    if any(event.planned and event.kind is not EventKind.TERM for event in calendar.events):
        for line in wrap(PLACEHOLDER_FOOTNOTE, WIDTH - 2 * MARGIN, DATES_SIZE, 3):
            texts.append(_text(line, MARGIN, y + DATES_LEADING * 0.75, DATES_SIZE, MUTED))
            y += DATES_LEADING
    return texts, y


def _nothing(calendar: AgreementCalendar) -> str:
    if calendar.first_day > calendar.last_day:
        return f"Inga händelser under {calendar.year}: avtalstiden omfattar inte året."
    return f"Inga möten, uppföljningar eller tidsfrister med datum under {calendar.year}."


def _description(calendar: AgreementCalendar) -> str:
    parts = [f"Årshjul {calendar.year} för {clean_text(calendar.title)}."]
    if not calendar.events:
        parts.append(_nothing(calendar))
    for number, event in enumerate(calendar.events, start=1):
        parts.append(f"{number}. {clean_text(event.summary)}: {dates_text(event)}.")
    return " ".join(parts)
