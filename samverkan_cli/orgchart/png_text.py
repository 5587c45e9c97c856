"""Text in a PNG with Pillow's bundled font, and the diacritics it lacks drawn by hand.

The bundled font has no å, ä or ö: such a letter is drawn as its base letter with the mark
(ring, diaeresis, acute, grave, circumflex) added over it. The organisation chart and the
årshjul both paint their text with this painter.
"""

from __future__ import annotations

import unicodedata

from PIL import Image, ImageDraw, ImageFont

from samverkan_cli.orgchart.text_metrics import FONT_EXTRA_ADVANCE, PNG_SUBSTITUTE

_MARKS = {
    "\u0300": "grave",
    "\u0301": "acute",
    "\u0302": "circumflex",
    "\u0308": "diaeresis",
    "\u030a": "ring",
}
"""Combining marks the PNG draws by hand over their base letter (å, ä, ö, é, ü, …)."""

_FONT_CHARS = frozenset(chr(c) for c in range(32, 127)) | frozenset(FONT_EXTRA_ADVANCE)


def png_glyphs(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The string the bundled font can draw, and the marks to add by hand: for each, the
    index of its base letter and the mark's name."""
    chars: list[str] = []
    marks: list[tuple[int, str]] = []
    for char in text:
        if char in _FONT_CHARS:
            chars.append(char)
            continue
        if char in PNG_SUBSTITUTE:
            chars.append(PNG_SUBSTITUTE[char])
            continue
        decomposed = unicodedata.normalize("NFD", char)
        base = decomposed[0]
        if base in _FONT_CHARS and len(decomposed) > 1:
            for mark in decomposed[1:]:
                if mark in _MARKS:
                    marks.append((len(chars), _MARKS[mark]))
            chars.append(base)
            continue
        chars.append(char)
    return "".join(chars), marks


class PngPainter:
    """Fonts by size, layout units to pixels, and the marks over letters."""

    def __init__(self, image: Image.Image, pixels_per_unit: int) -> None:
        self.draw = ImageDraw.Draw(image)
        self.k = pixels_per_unit
        self._fonts: dict[int, ImageFont.FreeTypeFont] = {}

    def font(self, size: int) -> ImageFont.FreeTypeFont:
        if size not in self._fonts:
            font = ImageFont.load_default(size=size * self.k)
            if not isinstance(font, ImageFont.FreeTypeFont):
                raise RuntimeError("Pillow saknar FreeType och kan inte rita diagrammets text")
            self._fonts[size] = font
        return self._fonts[size]

    def xy(self, x: float, y: float) -> tuple[float, float]:
        return x * self.k, y * self.k

    def _mark(self, mark: str, cx: float, top: float, size: float, colour: str) -> None:
        """A diacritic above a letter whose ink starts at `top`, for a font of `size` px."""
        draw = self.draw
        if mark == "diaeresis":
            r = size * 0.062
            cy = top - size * 0.07 - r
            for dx in (-size * 0.13, size * 0.13):
                draw.ellipse((cx + dx - r, cy - r, cx + dx + r, cy + r), colour)
        elif mark == "ring":
            r = size * 0.095
            cy = top - size * 0.045 - r
            stroke = max(1, round(size * 0.045))
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=colour, width=stroke)
        elif mark in ("acute", "grave"):
            sign = 1 if mark == "acute" else -1
            bottom, height = top - size * 0.06, size * 0.17
            start = (cx - sign * size * 0.05, bottom)
            end = (cx + sign * size * 0.07, bottom - height)
            draw.line((start, end), colour, width=max(1, round(size * 0.07)))
        elif mark == "circumflex":
            bottom, height = top - size * 0.06, size * 0.15
            peak = (cx, bottom - height)
            draw.line(
                ((cx - size * 0.1, bottom), peak, (cx + size * 0.1, bottom)),
                colour,
                width=max(1, round(size * 0.06)),
                joint="curve",
            )
