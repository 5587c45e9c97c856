"""Text in a PNG, in the charts' typeface, and layout units turned into pixels.

The organisation chart and the årshjul both paint with this painter. The font is the one
the layout was measured in (`typeface.chart_font`), a real TrueType font with å, ä and ö:
every letter is the font's own glyph.
"""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from samverkan_cli.orgchart.typeface import chart_font


class PngPainter:
    """Fonts by size, layout units to pixels, and text on its baseline."""

    def __init__(self, image: Image.Image, pixels_per_unit: int) -> None:
        self.draw = ImageDraw.Draw(image)
        self.k = pixels_per_unit

    def font(self, size: int) -> ImageFont.FreeTypeFont:
        """The chart font at `size` layout units."""
        return chart_font(size * self.k)

    def xy(self, x: float, y: float) -> tuple[float, float]:
        return x * self.k, y * self.k

    def write(self, text: str, x: float, baseline: float, size: int, colour: str) -> None:
        """`text` with its left edge at `x` and its baseline at `baseline`, in layout units."""
        self.draw.text(self.xy(x, baseline), text, font=self.font(size), fill=colour, anchor="ls")
