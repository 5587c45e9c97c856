"""The årshjul (year wheel): an agreement's year of meetings, follow-ups and deadlines.

Like the organisation chart (`orgchart.py`), it is drawn in two steps:

1. `wheel_layout` places everything: a ring of the twelve months (Swedish names, January at
   the top, clockwise), inside it one thin track per event series, from the outside in, and
   on each track a mark at every date of the series (at the middle of its day). Every event
   has a number and the colour of its kind. A series with few dates carries its number in
   every mark; a dense one (weekly meetings) is drawn as small dots with the number in its
   first mark. Below the wheel the legend lists the series by kind: number, title and
   dates. Text is measured with the organisation chart's width table, so the same events
   always give the same layout.
2. `wheel_svg` and `wheel_png` only draw that layout. The PNG uses Pillow's bundled font and
   the chart's way of adding å, ä and ö by hand, and is the same bytes for the same layout.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from PIL import Image

from samverkan_cli.calendar_events import AgreementCalendar, CalendarEvent, EventKind
from samverkan_cli.orgchart import (
    _SUPERSAMPLING,
    SVG_FONT_FAMILY,
    _attr,
    _num,
    _png_glyphs,
    _PngPainter,
    clean_text,
    png_bytes,
    text_width,
    wrap,
    xml_escape,
)
from samverkan_cli.swedish import MONTHS, join_and, long_date

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


# ---------------------------------------------------------------------------------------------
# Layout


def year_fraction(day: dt.date) -> float:
    """Where in its year a day's middle lies, from 0 (1 January, 00:00) to 1."""
    days = (dt.date(day.year + 1, 1, 1) - dt.date(day.year, 1, 1)).days
    return (day.timetuple().tm_yday - 0.5) / days


def _point(cx: float, cy: float, radius: float, fraction: float) -> tuple[float, float]:
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
        Spoke(*_point(cx, cy, R_HOLE, s.start), *_point(cx, cy, R_MONTH, s.start)) for s in sectors
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
            x, mark_y = _point(cx, cy, track, year_fraction(day))
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
    x, y = _point(cx, cy, (R_OUTER + R_MONTH) / 2, (start + end) / 2)
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


# ---------------------------------------------------------------------------------------------
# SVG


def wheel_svg(layout: WheelLayout) -> str:
    """The wheel as a standalone SVG 1.1 document."""
    w, h = layout.width, layout.height
    cx, cy = layout.cx, layout.cy
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}">',
        f"<title>{xml_escape(layout.title)}</title>",
        f"<desc>{xml_escape(layout.description)}</desc>",
        f'<rect x="0" y="0" width="{w}" height="{h}" fill="{BACKGROUND}"/>',
        "<g>",
    ]
    for sector in layout.sectors:
        out.append(f'<path d="{_sector_path(cx, cy, sector)}" fill="{sector.fill}"/>')
    out.append("</g>")
    out.append(f'<g fill="none" stroke="{TRACK}" stroke-width="1">')
    for radius in layout.tracks:
        out.append(f'<circle cx="{_num(cx)}" cy="{_num(cy)}" r="{_num(radius)}"/>')
    out.append("</g>")
    out.append(f'<g stroke="{SPOKE}" stroke-width="1">')
    for spoke in layout.spokes:
        out.append(
            f'<line x1="{_num(spoke.x1)}" y1="{_num(spoke.y1)}" x2="{_num(spoke.x2)}" '
            f'y2="{_num(spoke.y2)}"/>'
        )
    out.append("</g>")
    out.append(f'<g font-family="{_attr(SVG_FONT_FAMILY)}">')
    for mark in (*layout.marks, *layout.legend_marks):
        out.extend(_svg_mark(mark))
    for sector in layout.sectors:
        out.append(_svg_text(sector.label))
    for text in layout.texts:
        out.append(_svg_text(text))
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _sector_path(cx: float, cy: float, sector: MonthSector) -> str:
    x1, y1 = _point(cx, cy, R_OUTER, sector.start)
    x2, y2 = _point(cx, cy, R_OUTER, sector.end)
    x3, y3 = _point(cx, cy, R_MONTH, sector.end)
    x4, y4 = _point(cx, cy, R_MONTH, sector.start)
    return (
        f"M{_num(x1)},{_num(y1)} A{R_OUTER},{R_OUTER} 0 0 1 {_num(x2)},{_num(y2)} "
        f"L{_num(x3)},{_num(y3)} A{R_MONTH},{R_MONTH} 0 0 0 {_num(x4)},{_num(y4)} Z"
    )


def _svg_mark(mark: Mark) -> list[str]:
    circle = (
        f'<circle cx="{_num(mark.x)}" cy="{_num(mark.y)}" r="{_num(mark.radius)}" '
        f'fill="{mark.colour}"><title>{xml_escape(mark.title)}</title></circle>'
    )
    if mark.label is None:
        return [circle]
    return [circle, _svg_text(mark.label)]


def _svg_text(text: WheelText) -> str:
    return (
        f'<text x="{_num(text.x)}" y="{_num(text.baseline)}" font-size="{text.size}" '
        f'fill="{text.colour}" textLength="{text.width}" '
        f'lengthAdjust="spacingAndGlyphs">{xml_escape(text.text)}</text>'
    )


# ---------------------------------------------------------------------------------------------
# PNG


class _WheelPainter(_PngPainter):
    """The organisation chart's painter (fonts, coordinates, hand-drawn marks over letters),
    with text in any colour."""

    def label(self, text: WheelText) -> None:
        font = self.font(text.size)
        drawable, marks = _png_glyphs(text.text)
        x, y = self.xy(text.x, text.baseline)
        self.draw.text((x, y), drawable, font=font, fill=text.colour, anchor="ls")
        for index, mark in marks:
            left = x + font.getlength(drawable[:index])
            ink_left, ink_top, ink_right, _ = font.getbbox(drawable[index], anchor="ls")
            centre = left + (ink_left + ink_right) / 2
            self._mark(mark, centre, y + ink_top, text.size * self.k, text.colour)

    def circle(
        self,
        x: float,
        y: float,
        radius: float,
        fill: str | None = None,
        outline: str | None = None,
        width: int = 1,
    ) -> None:
        k = self.k
        box = ((x - radius) * k, (y - radius) * k, (x + radius) * k, (y + radius) * k)
        self.draw.ellipse(box, fill=fill, outline=outline, width=width)

    def sector(self, cx: float, cy: float, sector: MonthSector) -> None:
        k = self.k
        box = ((cx - R_OUTER) * k, (cy - R_OUTER) * k, (cx + R_OUTER) * k, (cy + R_OUTER) * k)
        start = sector.start * 360 - 90
        end = sector.end * 360 - 90
        self.draw.pieslice(box, start, end, fill=sector.fill)


def wheel_png(layout: WheelLayout, scale: int = 2) -> bytes:
    """The wheel as PNG, `scale` pixels per layout unit; the same layout gives the same bytes
    (no time, text or other metadata chunks; only the pixel density)."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    k = scale * _SUPERSAMPLING
    image = Image.new("RGB", (layout.width * k, layout.height * k), BACKGROUND)
    painter = _WheelPainter(image, k)
    cx, cy = layout.cx, layout.cy
    for sector in layout.sectors:
        painter.sector(cx, cy, sector)
    painter.circle(cx, cy, R_MONTH, fill=BACKGROUND)
    for radius in layout.tracks:
        painter.circle(cx, cy, radius, outline=TRACK, width=k)
    for spoke in layout.spokes:
        ends = (*painter.xy(spoke.x1, spoke.y1), *painter.xy(spoke.x2, spoke.y2))
        painter.draw.line(ends, SPOKE, k)
    for mark in (*layout.marks, *layout.legend_marks):
        painter.circle(mark.x, mark.y, mark.radius, fill=mark.colour)
        if mark.label is not None:
            painter.label(mark.label)
    for sector in layout.sectors:
        painter.label(sector.label)
    for text in layout.texts:
        painter.label(text)
    return png_bytes(image, layout.width, layout.height, scale)


def year_wheel(calendar: AgreementCalendar) -> tuple[str, bytes]:
    """The årshjul as (SVG text, PNG bytes), both from one layout."""
    layout = wheel_layout(calendar)
    return wheel_svg(layout), wheel_png(layout)
