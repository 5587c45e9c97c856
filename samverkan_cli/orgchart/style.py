"""The organisation chart's measures, text limits and colours, in one place.

The layout places boxes and lines by these numbers and both drawings paint with them, so
they share this module, together with the bits of drawing geometry both need (the bullet,
the colour of a line).
"""

from __future__ import annotations

from samverkan_cli.orgchart.layout_model import ChartText, LineKind

# Geometry, in layout units.
MARGIN = 20
BOX_WIDTH = 312
COLUMN_GAP = 28
ROW_GAP = 44
"""Vertical space between rows of boxes; the connectors turn halfway down it."""
MAX_COLUMNS = 4
"""Boxes side by side on the lowest level before it continues on a new row."""
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
TITLE_MAX_LINES = 3
BODY_SIZE = 11
BODY_LEADING = 15

FUNCTION_MAX_CHARS = 90
"""A member function longer than this (about two lines of a box) is cut and ends with "…"."""
FUNCTION_MAX_LINES = 2
MEMBER_MAX_LINES = 4
"""Lines for the member functions in one box; functions beyond them are counted ("och 2
funktioner till")."""
MEETING_MAX_LINES = 3

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

SVG_FONT_FAMILY = (
    "Arial, Helvetica, 'Liberation Sans', Arimo, 'Nimbus Sans', 'Nimbus Sans L', sans-serif"
)
"""Fonts with the widths of Arial, which are within a few per cent of the width table."""


def bullet(line: ChartText) -> tuple[float, float, float]:
    """Centre x, centre y and radius of the bullet before a member function's first line."""
    return line.x - BULLET_INDENT / 2 - 1, line.baseline - line.size * 0.3, line.size * 0.14


def text_colour(kind: LineKind) -> str:
    return {
        LineKind.TITLE: HEADER_TEXT,
        LineKind.MEETING: MEETING_TEXT,
        LineKind.MORE: MORE_TEXT,
    }.get(kind, BODY_TEXT)
