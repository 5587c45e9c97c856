"""The colours of the reference document's styles, readable by everyone.

Word's default styles colour Heading 4, the subtitle, captions and several character styles
in light theme blues and greys below WCAG 2.1's 4.5:1 against white (Heading 4: 4.0:1). The
reference document is made with `accessible_palette`, which fixes every paragraph and
character style's colour to its plain value (no theme colour that a theme could lighten) and
darkens, in the same hue, any that is too light. `contrast_ratio` is WCAG's formula; the
tests use it, with `theme_colour`, to check the committed reference.
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

MIN_CONTRAST = 4.5
"""WCAG 2.1 AA, 1.4.3: normal text against its background."""
WHITE = (255, 255, 255)
LINK_STYLE = "Hyperlink"
LINK_COLOUR = "0563C1"
"""Word's own hyperlink blue (5.9:1 on white)."""

Rgb = tuple[int, int, int]
_THEMED = ("w:themeColor", "w:themeShade", "w:themeTint")


def accessible_palette(styles: Any) -> None:
    """Every paragraph and character style of the `w:styles` element `styles` with a
    colour of its own gets a plain one of at least `MIN_CONTRAST` on white; and a
    "Hyperlink" character style (underlined, `LINK_COLOUR`) when there is none."""
    for style in styles.iter(qn("w:style")):
        if style.get(qn("w:type")) not in ("paragraph", "character"):
            continue
        for colour in style.iter(qn("w:color")):
            for attribute in _THEMED:
                colour.attrib.pop(qn(attribute), None)
            value = colour.get(qn("w:val"), "auto")
            if value == "auto":
                continue
            colour.set(qn("w:val"), hex_colour(readable(parse_hex(value))))
    if not any(_name(s) == LINK_STYLE for s in styles.iter(qn("w:style"))):
        styles.append(_link_style())


def readable(rgb: Rgb) -> Rgb:
    """`rgb`, darkened in steps in the same hue until it reaches `MIN_CONTRAST` on white."""
    while contrast_ratio(rgb, WHITE) < MIN_CONTRAST:
        rgb = (int(rgb[0] * 0.9), int(rgb[1] * 0.9), int(rgb[2] * 0.9))
    return rgb


def contrast_ratio(first: Rgb, second: Rgb) -> float:
    """WCAG 2.1's contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(rgb: Rgb) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def theme_colour(scheme: dict[str, Rgb], name: str, shade: str | None, tint: str | None) -> Rgb:
    """A `w:themeColor` resolved against the theme's colour scheme (`dk1`, `accent1` …),
    with `w:themeShade` (towards black) or `w:themeTint` (towards white), as Word does."""
    aliases = {"text1": "dk1", "text2": "dk2", "background1": "lt1", "background2": "lt2"}
    rgb = scheme[aliases.get(name, name)]
    if shade is not None:
        factor = int(shade, 16) / 255
        rgb = (round(rgb[0] * factor), round(rgb[1] * factor), round(rgb[2] * factor))
    if tint is not None:
        factor = int(tint, 16) / 255
        rgb = (
            round(rgb[0] * factor + 255 * (1 - factor)),
            round(rgb[1] * factor + 255 * (1 - factor)),
            round(rgb[2] * factor + 255 * (1 - factor)),
        )
    return rgb


def parse_hex(value: str) -> Rgb:
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def hex_colour(rgb: Rgb) -> str:
    return "".join(f"{channel:02X}" for channel in rgb)


def _name(style: Any) -> str | None:
    name = style.find(qn("w:name"))
    return name.get(qn("w:val")) if name is not None else None


def _link_style() -> Any:
    from docx.oxml.parser import parse_xml

    return parse_xml(
        '<w:style xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        f'w:type="character" w:styleId="{LINK_STYLE}"><w:name w:val="{LINK_STYLE}"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        f'<w:rPr><w:color w:val="{LINK_COLOUR}"/><w:u w:val="single"/></w:rPr></w:style>'
    )
