"""A picture in the DOCX: printed at the size it was drawn for, on one page with its caption,
and described once.

The organisation chart's PNG says in its pixel density how large it prints (its text then
about the body's size, `orgchart.style.POINTS_PER_UNIT`); it is shown at that size, never
wider than the text and never taller than the page's text less room for the caption, so
it is scaled down only when it must be. A PNG without a density fills the text width, as
before. The picture's paragraph is centred and kept with the next one, its caption (in
the reference document's "Caption" style), so Word and LibreOffice never print one without
the other. The alternative text goes in `descr` alone: a `title` beside it is read as well
(LibreOffice's PDF joins both into the figure's /Alt), which made screen readers say it
twice.
"""

from __future__ import annotations

import io
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Emu
from docx.text.paragraph import Paragraph as DocxParagraph

CAPTION_ROOM = Cm(2.5)
"""Kept free below a figure on its page for the caption and the header's overflow."""
TEXT_HEIGHT = (Cm(4), Cm(24.7), Cm(200))
"""Least, assumed (A4 with 2.5 cm margins) and largest text height."""
_EMU_PER_METRE = 36_000_000


def figure_width(data: bytes, text_width: int, text_height: int) -> int:
    """The width in EMU to show the PNG `data` at: its own printed size from its density,
    within the text width and, with the caption below it, the text height."""
    pixels_wide, pixels_high, per_metre = png_geometry(data)
    if not (pixels_wide and pixels_high):
        return text_width
    width = text_width
    if per_metre:
        width = min(width, round(pixels_wide * _EMU_PER_METRE / per_metre))
    room = max(text_height - CAPTION_ROOM, TEXT_HEIGHT[0])
    return min(width, int(room * pixels_wide / pixels_high))


def section_text_height(section: Any) -> int:
    """The height between the top and bottom margins, within `TEXT_HEIGHT`."""
    return between_margins(
        (section.page_height, section.top_margin, section.bottom_margin), TEXT_HEIGHT
    )


def between_margins(sizes: tuple[Any, Any, Any], bounds: tuple[Any, Any, Any]) -> int:
    """The page's size less its two margins (`sizes`), within `bounds` (least, assumed,
    largest): the assumed size when the reference's section leaves one of them out."""
    least, assumed, largest = bounds
    if any(size is None for size in sizes):
        return int(assumed)
    page, first, second = sizes
    return int(min(max(page - first - second, least), largest))


def add_picture(docx: Any, paragraph: Any, data: bytes, alt: str, width: int) -> None:
    """The PNG `data` as an inline picture in the `w:p` element `paragraph`, `width` EMU
    wide, centred, kept with the next paragraph, with `alt` as its description only."""
    run = DocxParagraph(paragraph, docx._body).add_run()
    run.add_picture(io.BytesIO(data), width=Emu(width))
    for properties in run._r.iter(qn("wp:docPr")):
        properties.set("descr", alt)
        properties.attrib.pop("title", None)
    keep_with_caption(paragraph)


def keep_with_caption(paragraph: Any) -> None:
    """Centred, and on the same page as the paragraph after it."""
    properties = paragraph.get_or_add_pPr()
    properties.keepNext_val = True
    properties.jc_val = WD_ALIGN_PARAGRAPH.CENTER


def centre(paragraph: Any) -> None:
    paragraph.get_or_add_pPr().jc_val = WD_ALIGN_PARAGRAPH.CENTER


def png_geometry(data: bytes) -> tuple[int, int, int]:
    """Width and height in pixels and horizontal pixels per metre (0 when not said) from a
    PNG's IHDR and pHYs chunks; (0, 0, 0) for anything else."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or len(data) < 24:
        return 0, 0, 0
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    position = 8
    while position + 8 <= len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        if kind == b"pHYs" and length == 9 and position + 17 <= len(data):
            per_metre = int.from_bytes(data[position + 8 : position + 12], "big")
            unit = data[position + 16]
            return width, height, per_metre if unit == 1 else 0
        if kind in (b"IDAT", b"IEND"):
            break
        position += 12 + length
    return width, height, 0
