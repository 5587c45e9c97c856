"""The årshjul (year wheel): an agreement's year of meetings, follow-ups and deadlines.

Like the organisation chart (`orgchart.chart`), it is drawn in two steps:

1. `wheel_layout` places everything: a ring of the twelve months (Swedish names, January at
   the top, clockwise), inside it one thin track per event series, from the outside in, and
   on each track a mark at every date of the series (at the middle of its day). Every event
   has a number and the colour of its kind. A series with few dates carries its number in
   every mark; a dense one (weekly meetings) is drawn as small dots with the number in its
   first mark. Below the wheel the legend lists the series by kind: number, title and
   dates. Text is measured in the organisation chart's font (`orgchart.text_metrics`), so
   the same events always give the same layout.
2. `wheel_svg` and `wheel_png` only draw that layout. The PNG is drawn in the chart's typeface
   (`orgchart.typeface`, Liberation Sans where it is installed), and is the same bytes for
   the same layout.

The layout lives in `wheel_layout.py`; this module draws it.
"""

from __future__ import annotations

from PIL import Image

from samverkan_cli.calendar.events import AgreementCalendar
from samverkan_cli.calendar.wheel_layout import (
    BACKGROUND,
    R_MONTH,
    R_OUTER,
    SPOKE,
    TRACK,
    Mark,
    MonthSector,
    WheelLayout,
    WheelText,
    wheel_layout,
    wheel_point,
)
from samverkan_cli.orgchart.png import SUPERSAMPLING, png_bytes
from samverkan_cli.orgchart.png_text import PngPainter
from samverkan_cli.orgchart.style import SVG_FONT_FAMILY
from samverkan_cli.orgchart.svg import svg_attribute, svg_num, svg_opening, xml_escape

# ---------------------------------------------------------------------------------------------
# SVG


def wheel_svg(layout: WheelLayout) -> str:
    """The wheel as a standalone SVG 1.1 document."""
    w, h = layout.width, layout.height
    cx, cy = layout.cx, layout.cy
    out = [
        *svg_opening(w, h, layout.title, layout.description),
        "<g>",
    ]
    for sector in layout.sectors:
        out.append(f'<path d="{_sector_path(cx, cy, sector)}" fill="{sector.fill}"/>')
    out.append("</g>")
    out.append(f'<g fill="none" stroke="{TRACK}" stroke-width="1">')
    for radius in layout.tracks:
        out.append(f'<circle cx="{svg_num(cx)}" cy="{svg_num(cy)}" r="{svg_num(radius)}"/>')
    out.append("</g>")
    out.append(f'<g stroke="{SPOKE}" stroke-width="1">')
    for spoke in layout.spokes:
        out.append(
            f'<line x1="{svg_num(spoke.x1)}" y1="{svg_num(spoke.y1)}" x2="{svg_num(spoke.x2)}" '
            f'y2="{svg_num(spoke.y2)}"/>'
        )
    out.append("</g>")
    out.append(f'<g font-family="{svg_attribute(SVG_FONT_FAMILY)}">')
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
    x1, y1 = wheel_point(cx, cy, R_OUTER, sector.start)
    x2, y2 = wheel_point(cx, cy, R_OUTER, sector.end)
    x3, y3 = wheel_point(cx, cy, R_MONTH, sector.end)
    x4, y4 = wheel_point(cx, cy, R_MONTH, sector.start)
    return (
        f"M{svg_num(x1)},{svg_num(y1)} A{R_OUTER},{R_OUTER} 0 0 1 {svg_num(x2)},{svg_num(y2)} "
        f"L{svg_num(x3)},{svg_num(y3)} A{R_MONTH},{R_MONTH} 0 0 0 {svg_num(x4)},{svg_num(y4)} Z"
    )


def _svg_mark(mark: Mark) -> list[str]:
    circle = (
        f'<circle cx="{svg_num(mark.x)}" cy="{svg_num(mark.y)}" r="{svg_num(mark.radius)}" '
        f'fill="{mark.colour}"><title>{xml_escape(mark.title)}</title></circle>'
    )
    if mark.label is None:
        return [circle]
    return [circle, _svg_text(mark.label)]


def _svg_text(text: WheelText) -> str:
    return (
        f'<text x="{svg_num(text.x)}" y="{svg_num(text.baseline)}" font-size="{text.size}" '
        f'fill="{text.colour}" textLength="{text.width}" '
        f'lengthAdjust="spacingAndGlyphs">{xml_escape(text.text)}</text>'
    )


# ---------------------------------------------------------------------------------------------
# PNG


class _WheelPainter(PngPainter):
    """The organisation chart's painter (fonts, coordinates, text in the chart font), with
    text in any colour."""

    def label(self, text: WheelText) -> None:
        self.write(text.text, text.x, text.baseline, text.size, text.colour)

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
    k = scale * SUPERSAMPLING
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
