"""The typeface the charts are drawn and measured in: the document's own, or a near one.

The reference document sets its body in Arial, and LibreOffice prints it in Liberation Sans,
which has Arial's metrics; the PNG is drawn in that font, so the chart reads like the text
around it. The font is looked for in this order:

1. Liberation Sans or Arial at the places Debian, Fedora, macOS and Windows keep them
   (`make install-libreoffice` installs fonts-liberation2);
2. what fontconfig (`fc-match`) names for "Liberation Sans" or "Arial", if it is one of them;
3. fontconfig's sans-serif font for Swedish, or DejaVu Sans, if it draws å, ä and ö;
4. Bitstream Vera Sans from the `reportlab` package (a dependency for this file alone), so a
   machine without any system font (a fresh container, where `make build` must still work)
   draws real letters too.

Every candidate must have real glyphs for "åäöÅÄÖ" (Pillow's bundled font, Aileron, has
none, so it is never used: letters are never assembled by hand). When no font is found, a
build that draws a chart stops with a Swedish message saying what to install.

Measuring (`text_metrics`) and drawing (`png`) both ask `chart_font`, so a box is always as
wide as the text drawn in it. Layout is done in the font's unhinted advance widths; the PNG
is drawn with Pillow's basic layout, whose hinted glyphs are never wider than that. A
machine with another font lays text out a little differently; the same machine always gives
the same bytes.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from samverkan_cli.core.errors import OutputError

if TYPE_CHECKING:
    from PIL import ImageFont

SWEDISH_LETTERS = "åäöÅÄÖ"

_KNOWN_PLACES = (
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf",
    "/usr/share/fonts/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/TTF/LiberationSans-Regular.ttf",
    "/Library/Fonts/Arial.ttf",
    "/System/Library/Fonts/Supplemental/Arial.ttf",
    "C:/Windows/Fonts/arial.ttf",
)
_FALLBACK_PLACES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
)
_METRIC_FAMILIES = frozenset({"Liberation Sans", "Arial"})

MEASURING_SIZE = 1000
"""The size the advance widths are read at: 1/1000 em, the unit `text_metrics` counts in."""

NO_FONT_MESSAGE = (
    "inget typsnitt med å, ä och ö hittades för organisationsschemat; installera "
    "Liberation Sans (Debian/Ubuntu: paketet fonts-liberation2, eller make install-libreoffice)"
)


@cache
def chart_font_path() -> str:
    """The font file the charts use (see the module's docstring for the order)."""
    # fontconfig is asked only when the places before it had no usable font (each asking
    # starts a process); the order of the candidates is the same either way
    metric_twins = (
        _KNOWN_PLACES,
        lambda: _fc_match("Liberation Sans"),
        lambda: _fc_match("Arial"),
    )
    for candidate in _in_order(metric_twins):
        if _usable(candidate, metric_twin=True):
            return candidate
    fallbacks = (lambda: _fc_match("sans-serif:lang=sv"), _FALLBACK_PLACES, _packaged_fonts)
    for candidate in _in_order(fallbacks):
        if _usable(candidate, metric_twin=False):
            return candidate
    raise OutputError(NO_FONT_MESSAGE)


def _in_order(sources: Iterable[Iterable[str] | Callable[[], Iterable[str]]]) -> Iterator[str]:
    """The candidates of each source in turn; a callable source is called when reached."""
    for source in sources:
        yield from source() if callable(source) else source


@cache
def chart_font(pixels: int) -> ImageFont.FreeTypeFont:
    """The chart font at `pixels` pixels per em, laid out glyph by glyph (Pillow's basic
    layout: the same on every machine with the same font, with or without libraqm)."""
    from PIL import ImageFont  # Pillow only when measuring or drawing

    return ImageFont.truetype(chart_font_path(), pixels, layout_engine=ImageFont.Layout.BASIC)


def has_letters(font: ImageFont.FreeTypeFont, letters: str = SWEDISH_LETTERS) -> bool:
    """Whether `font` has a glyph of its own for every letter: one that differs from the
    glyph it draws for a character no font has (its "missing" box)."""
    missing = font.getmask("\ue000").getbbox(), font.getlength("\ue000")
    for letter in letters:
        drawn = font.getmask(letter).getbbox()
        if drawn is None or (drawn, font.getlength(letter)) == missing:
            return False
    return True


def _usable(path: str, *, metric_twin: bool) -> bool:
    if not Path(path).is_file():
        return False
    from PIL import ImageFont

    try:
        font = ImageFont.truetype(path, 40, layout_engine=ImageFont.Layout.BASIC)
    except OSError:
        return False
    family = font.getname()[0] or ""
    if metric_twin and family not in _METRIC_FAMILIES:
        return False
    return has_letters(font)


def _packaged_fonts() -> tuple[str, ...]:
    """Vera Sans as the installed `reportlab` package ships it, found without importing it."""
    spec = importlib.util.find_spec("reportlab")
    if spec is None or spec.submodule_search_locations is None:
        return ()
    return tuple(
        str(Path(place) / "fonts" / "Vera.ttf") for place in spec.submodule_search_locations
    )


def _fc_match(pattern: str) -> tuple[str, ...]:
    """The file fontconfig chooses for `pattern`, if fontconfig is installed."""
    program = shutil.which("fc-match")
    if program is None:
        return ()
    try:
        found = subprocess.run(
            [program, "-f", "%{file}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    path = found.stdout.strip()
    return (path,) if found.returncode == 0 and path else ()
