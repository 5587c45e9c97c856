"""The organisation chart's layout written as a standalone SVG document.

Only draws what the layout placed; the escaping and number formatting here are shared
with the årshjul's SVG.
"""

from __future__ import annotations

from samverkan_cli.orgchart.layout_model import ChartBox, ChartLayout, LineKind
from samverkan_cli.orgchart.style import (
    BACKGROUND,
    BODY_FILL,
    BORDER_WIDTH,
    CONNECTOR,
    CONNECTOR_WIDTH,
    CORNER_RADIUS,
    HEADER_FILL,
    PADDING_X,
    SEPARATOR,
    SVG_FONT_FAMILY,
    bullet,
    text_colour,
)


def svg_num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def svg_attribute(value: str) -> str:
    return xml_escape(value).replace('"', "&quot;")


def xml_escape(value: str) -> str:
    """XML text escaping (xml.sax.saxutils would import urllib and ssl for this)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def svg_opening(width: int, height: int, title: str, description: str) -> list[str]:
    """The first lines of a standalone SVG 1.1 picture: its size, its accessible title and
    description, and the background. The chart and the årshjul begin alike."""
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">',
        f"<title>{xml_escape(title)}</title>",
        f"<desc>{xml_escape(description)}</desc>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="{BACKGROUND}"/>',
    ]


def chart_svg(layout: ChartLayout) -> str:
    """The chart as a standalone SVG 1.1 document."""
    w, h = layout.width, layout.height
    out = [
        *svg_opening(w, h, layout.title, layout.description),
        f'<g fill="none" stroke="{CONNECTOR}" stroke-width="{CONNECTOR_WIDTH}" '
        'stroke-linejoin="round" stroke-linecap="butt">',
    ]
    for edge in layout.edges:
        points = " ".join(f"{x},{y}" for x, y in edge.points)
        out.append(f'<polyline points="{points}"/>')
    out.append("</g>")
    out.append(f'<g font-family="{svg_attribute(SVG_FONT_FAMILY)}">')
    for box in layout.boxes:
        out.extend(_svg_box(box))
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _svg_box(box: ChartBox) -> list[str]:
    x, y, w, h = box.x, box.y, box.width, box.height
    out = [
        "<g>",
        f"<title>{xml_escape(box.description)}</title>",
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{CORNER_RADIUS}" '
        f'ry="{CORNER_RADIUS}" fill="{HEADER_FILL}"/>',
    ]
    if h > box.header_height:
        out.append(f'<path d="{_svg_body_path(box)}" fill="{BODY_FILL}"/>')
    if box.separator_y is not None:
        out.append(
            f'<line x1="{x + PADDING_X}" y1="{box.separator_y}" x2="{x + w - PADDING_X}" '
            f'y2="{box.separator_y}" stroke="{SEPARATOR}" stroke-width="1"/>'
        )
    for line in box.lines:
        if line.kind is LineKind.MEMBER:
            cx, cy, r = bullet(line)
            out.append(
                f'<circle cx="{svg_num(cx)}" cy="{svg_num(cy)}" r="{svg_num(r)}" '
                f'fill="{text_colour(line.kind)}"/>'
            )
    for line in (*box.title_lines, *box.lines):
        out.append(
            f'<text x="{line.x}" y="{line.baseline}" font-size="{line.size}" '
            f'fill="{text_colour(line.kind)}" textLength="{line.width}" '
            f'lengthAdjust="spacingAndGlyphs">{xml_escape(line.text)}</text>'
        )
    out.append("</g>")
    return out


def _svg_body_path(box: ChartBox) -> str:
    """The white body inside the border, its lower corners rounded like the box."""
    b = BORDER_WIDTH
    r = CORNER_RADIUS - b
    left, right = box.x + b, box.x + box.width - b
    top, bottom = box.y + box.header_height, box.y + box.height - b
    return (
        f"M{svg_num(left)},{svg_num(top)} H{svg_num(right)} V{svg_num(bottom - r)} "
        f"A{svg_num(r)},{svg_num(r)} 0 0 1 {svg_num(right - r)},{svg_num(bottom)} "
        f"H{svg_num(left + r)} "
        f"A{svg_num(r)},{svg_num(r)} 0 0 1 {svg_num(left)},{svg_num(bottom - r)} Z"
    )
