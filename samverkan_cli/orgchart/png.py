"""The organisation chart's layout drawn as a PNG, the same bytes for the same layout.

Only draws what the layout placed, supersampled and reduced, at a resolution lowered when
the picture would exceed `chart_bounds.MAX_CANVAS_PIXELS`; the årshjul saves its PNG the
same way.
"""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image

from samverkan_cli.model.chart_bounds import MAX_CANVAS_PIXELS
from samverkan_cli.orgchart.layout_model import (
    ChartBox,
    ChartEdge,
    ChartLayout,
    ChartText,
    LineKind,
)
from samverkan_cli.orgchart.png_text import PngPainter
from samverkan_cli.orgchart.style import (
    BACKGROUND,
    BODY_FILL,
    BORDER_WIDTH,
    CONNECTOR,
    CONNECTOR_WIDTH,
    CORNER_RADIUS,
    HEADER_FILL,
    PADDING_X,
    POINTS_PER_UNIT,
    SEPARATOR,
    bullet,
    text_colour,
)

SUPERSAMPLING = 2
"""The PNG is drawn at twice its size and reduced, which smooths lines and corners."""


class _ChartPainter(PngPainter):
    """The painter with the chart's boxes, connectors and text lines."""

    def box(self, box: ChartBox) -> None:
        k = self.k
        x0, y0 = self.xy(box.x, box.y)
        x1, y1 = self.xy(box.x + box.width, box.bottom)
        self.draw.rounded_rectangle((x0, y0, x1 - 1, y1 - 1), CORNER_RADIUS * k, HEADER_FILL)
        if box.height > box.header_height:
            b = BORDER_WIDTH * k
            self.draw.rounded_rectangle(
                (x0 + b, y0 + box.header_height * k, x1 - b - 1, y1 - b - 1),
                (CORNER_RADIUS - BORDER_WIDTH) * k,
                BODY_FILL,
                corners=(False, False, True, True),
            )
        if box.separator_y is not None:
            sy = box.separator_y * k
            self.draw.line(
                (x0 + PADDING_X * k, sy, x1 - PADDING_X * k, sy), SEPARATOR, width=max(1, k)
            )
        for line in box.lines:
            if line.kind is LineKind.MEMBER:
                cx, cy, r = bullet(line)
                self.draw.ellipse(
                    ((cx - r) * k, (cy - r) * k, (cx + r) * k, (cy + r) * k),
                    text_colour(line.kind),
                )
        for line in (*box.title_lines, *box.lines):
            self.text(line)

    def edge(self, edge: ChartEdge) -> None:
        points = [self.xy(x, y) for x, y in edge.points]
        self.draw.line(points, CONNECTOR, width=CONNECTOR_WIDTH * self.k, joint="curve")

    def text(self, line: ChartText) -> None:
        self.write(line.text, line.x, line.baseline, line.size, text_colour(line.kind))


@lru_cache(maxsize=8)
def chart_png(layout: ChartLayout, scale: int = 2) -> bytes:
    """The chart as PNG, `scale` pixels per layout unit; the same layout gives the same bytes
    (no time, text or other metadata chunks), so a process that builds again (`build
    --bevaka`) draws an unchanged chart only once. Its pixel density says how large it
    prints: a unit is `POINTS_PER_UNIT` points, which a DOCX shows it at when it fits."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    scale, supersampling = png_resolution(layout, scale)
    k = scale * supersampling
    image = Image.new("RGB", (layout.width * k, layout.height * k), BACKGROUND)
    painter = _ChartPainter(image, k)
    for edge in layout.edges:
        painter.edge(edge)
    for box in layout.boxes:
        painter.box(box)
    return png_bytes(image, layout.width, layout.height, scale, 72 * scale / POINTS_PER_UNIT)


def png_resolution(layout: ChartLayout, scale: int) -> tuple[int, int]:
    """The pixels per unit and the supersampling to draw at: `scale` and `SUPERSAMPLING`,
    lowered (supersampling first) until the drawing has at most `MAX_CANVAS_PIXELS`. A
    layout too large even at one pixel per unit is refused rather than allocated (the
    forum limit keeps every chart that is drawn far below it)."""
    units = layout.width * layout.height
    for pixels, supersampling in ((scale, SUPERSAMPLING), (scale, 1), (1, 1)):
        if units * (pixels * supersampling) ** 2 <= MAX_CANVAS_PIXELS:
            return pixels, supersampling
    raise ValueError(f"chart of {layout.width} x {layout.height} units is too large to draw")


def png_bytes(
    image: Image.Image, width: int, height: int, scale: int, dpi: float | None = None
) -> bytes:
    """The supersampled drawing scaled down to `scale` and saved as a PNG with nothing in
    it that changes between runs (no time, no text chunks), at `dpi` (96 per unit unless
    given).

    The reduction is a box filter: each pixel is the mean of the block it was drawn as,
    which is what supersampling means (and a third of the time of Lanczos). zlib level 3
    gives the same size as level 9 on these flat drawings in a seventh of the time."""
    final = image.resize((width * scale, height * scale), Image.Resampling.BOX)
    buffer = io.BytesIO()
    final.save(buffer, format="PNG", optimize=False, compress_level=3, dpi=(dpi or 96 * scale,) * 2)
    return buffer.getvalue()
