"""A picture's SVG written into the HTML page, rebuilt from an allowlist: only drawing
elements and presentation attributes are kept, so nothing in the file (a script, an event
handler, a link, a reference to anything outside) can reach the page, whatever drew it.

The SVG element is given `role="img"` and the figure's alternative text as its name; its
own top-level <title> is left out and its <desc> kept only when it says something else, so a
screen reader reads the name once (and the description, the chart's whole text, after)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html import escape

_SVG = "{http://www.w3.org/2000/svg}"
_ELEMENTS = frozenset(
    {
        "svg",
        "g",
        "title",
        "desc",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "path",
        "text",
        "tspan",
    }
)
"""The drawing elements kept (anything else is left out with what it holds)."""
_ATTRIBUTES = frozenset(
    {
        "x",
        "y",
        "width",
        "height",
        "viewBox",
        "preserveAspectRatio",
        "rx",
        "ry",
        "cx",
        "cy",
        "r",
        "x1",
        "y1",
        "x2",
        "y2",
        "points",
        "d",
        "dx",
        "dy",
        "fill",
        "fill-opacity",
        "fill-rule",
        "stroke",
        "stroke-width",
        "stroke-linejoin",
        "stroke-linecap",
        "stroke-dasharray",
        "stroke-opacity",
        "opacity",
        "transform",
        "font-family",
        "font-size",
        "font-weight",
        "font-style",
        "text-anchor",
        "dominant-baseline",
        "textLength",
        "lengthAdjust",
    }
)
"""Geometry and presentation: no event handler, link, style or reference to elsewhere."""


def inline_svg(data: bytes, alt: str) -> str | None:
    """The SVG as markup for the page, named `alt`; None when it is no SVG that parses."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return None
    if root.tag != f"{_SVG}svg":
        return None
    kept = [c for c in root if _name(c) != "title" and not (_name(c) == "desc" and _same(c, alt))]
    attributes = _attributes(root)
    name = escape(alt, quote=True)
    opening = f'<svg xmlns="http://www.w3.org/2000/svg"{attributes} role="img" aria-label="{name}">'
    return opening + "".join(_element(child) for child in kept) + "</svg>"


def _name(element: ET.Element) -> str | None:
    """The element's SVG name, or None for anything outside SVG's namespace."""
    tag = element.tag
    if not isinstance(tag, str) or not tag.startswith(_SVG):
        return None
    return tag.removeprefix(_SVG)


def _same(element: ET.Element, alt: str) -> bool:
    return " ".join("".join(element.itertext()).split()) == " ".join(alt.split())


def _attributes(element: ET.Element) -> str:
    kept = [
        f' {key}="{escape(value, quote=True)}"'
        for key, value in element.attrib.items()
        if key in _ATTRIBUTES and "url(" not in value.casefold().replace(" ", "")
    ]
    return "".join(kept)


def _element(element: ET.Element) -> str:
    """The element and what it holds, or only its tail when it is not allowed."""
    name = _name(element)
    tail = escape(element.tail or "", quote=False)
    if name not in _ELEMENTS or name == "svg":
        return tail
    inner = escape(element.text or "", quote=False) + "".join(_element(c) for c in element)
    return f"<{name}{_attributes(element)}>{inner}</{name}>{tail}"
