"""The organisation chart's measures, text limits and colours, in one place.

The layout places boxes and lines by these numbers and both drawings paint with them, so
they share this module, together with the bits of drawing geometry both need (the bullet,
the colour of a line).
"""

from __future__ import annotations

from samverkan_cli.orgchart.layout_model import ChartText, LineKind

# Geometry, in layout units. The chart is meant to be printed at `POINTS_PER_UNIT`, so that
# its body text is about the size of the document's (11 units at 9.9 pt beside 11 pt Arial):
# its width is planned for a text column of `PAGE_WIDTH` units (16 cm, A4 with 2.5 cm
# margins), and the DOCX shows it at that scale when it fits the page.
POINTS_PER_UNIT = 0.9
PAGE_WIDTH = 500
MARGIN = 8
BOX_WIDTH = 312
"""The widest box, in a chart of one column."""
MIN_BOX_WIDTH = 200
"""The narrowest box: a row of more boxes than fit `PAGE_WIDTH` at this width makes the
chart wider than the page, and it is printed smaller."""
COLUMN_GAP = 24
ROW_GAP = 44
"""Vertical space between rows of boxes; the connectors turn halfway down it."""
MAX_COLUMNS = (PAGE_WIDTH - 2 * MARGIN + COLUMN_GAP) // (MIN_BOX_WIDTH + COLUMN_GAP)
"""Boxes side by side on the lowest level before it continues on a new row: as many as fit
the page at their narrowest (two)."""
PADDING_X = 12
HEADER_PADDING_Y = 8
BODY_PADDING_TOP = 8
BODY_PADDING_BOTTOM = 9
SECTION_GAP = 9
BULLET_INDENT = 11
CORNER_RADIUS = 5
BORDER_WIDTH = 1.5
CONNECTOR_WIDTH = 2

TITLE_SIZE = 14
TITLE_LEADING = 18
BODY_SIZE = 11
BODY_LEADING = 15

MEMBER_MAX_FUNCTIONS = 8
"""Member functions shown in one box, each in full on as many lines as it takes; when there
are more, the first seven are shown and the rest counted ("och 2 funktioner till"): the
text beside the chart lists them all."""

# Colours: a dark blue heading band, white body, grey connectors.
BACKGROUND = "#ffffff"
HEADER_FILL = "#1f4e79"
HEADER_TEXT = "#ffffff"
BODY_FILL = "#ffffff"
BODY_TEXT = "#1b1b1b"
MEETING_TEXT = "#1f4e79"
MORE_TEXT = "#595959"
SEPARATOR = "#c5d3e2"
CONNECTOR = "#5b6b7c"

SVG_FONT_FAMILY = "Arial, 'Liberation Sans', Arimo, Helvetica, sans-serif"
"""The document's body font (the reference document's Arial) and its metric twins: the
layout is measured in Liberation Sans where it is installed (`typeface`)."""


def bullet(line: ChartText) -> tuple[float, float, float]:
    """Centre x, centre y and radius of the bullet before a member function's first line."""
    return line.x - BULLET_INDENT / 2 - 1, line.baseline - line.size * 0.3, line.size * 0.14


def text_colour(kind: LineKind) -> str:
    return {
        LineKind.TITLE: HEADER_TEXT,
        LineKind.MEETING: MEETING_TEXT,
        LineKind.MORE: MORE_TEXT,
    }.get(kind, BODY_TEXT)
