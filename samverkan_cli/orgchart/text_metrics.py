"""Measuring, wrapping and shortening text by a fixed table of character widths.

The widths are those of Pillow's bundled font, so the layout knows how wide every line
will be in the PNG (and asks the SVG for the same width) without loading a font; the same
text therefore always gives the same lines.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator

from samverkan_cli.orgchart.style import FUNCTION_MAX_CHARS

# Advance widths in 1/1000 em of Pillow's bundled font (Aileron Regular), for " " to "~".
# They are the PNG's real widths; the SVG fits each line to the same width with textLength.
_ASCII_ADVANCE = (
    216, 242, 339, 580, 580, 740, 654, 176, 315, 315, 560, 580, 220, 274, 220, 303,
    580, 580, 580, 580, 580, 580, 580, 580, 580, 580, 220, 220, 580, 580, 580, 499,
    852, 639, 627, 699, 709, 587, 567, 710, 730, 264, 544, 609, 575, 866, 718, 737,
    598, 733, 619, 585, 612, 682, 622, 952, 625, 581, 591, 307, 303, 295, 580, 500,
    300, 531, 611, 529, 615, 549, 290, 615, 593, 238, 233, 522, 247, 855, 593, 586,
    611, 615, 330, 459, 313, 592, 514, 785, 482, 513, 462, 303, 250, 303, 580,
)  # fmt: skip
FONT_EXTRA_ADVANCE = {
    "©": 838, "«": 557, "°": 298, "±": 580, "´": 300, "·": 202, "»": 557, "‘": 247,
    "’": 247, "“": 417, "”": 417, "…": 620, "‹": 387, "›": 387, "⁄": 235, "™": 539,
}  # fmt: skip
"""The few characters beyond ASCII that the bundled font has."""
PNG_SUBSTITUTE = {
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u2022": "·", "\u2032": "'", "\u2033": '"', "\u00b4": "´", "\u201a": ",", "\u201e": "“",
}  # fmt: skip
"""Characters the bundled font lacks, drawn in the PNG as a near equivalent."""
_ESTIMATE_EXTRA_ADVANCE = {
    "–": 556, "—": 1000, "\u2212": 584, "•": 350, "§": 556, "€": 556, "¶": 537, "½": 834,
}  # fmt: skip
UNKNOWN_ADVANCE = 1000
"""Generous, so that a character nobody planned for still fits its box."""
_MIN_ADVANCE = min(
    *_ASCII_ADVANCE,
    *FONT_EXTRA_ADVANCE.values(),
    *_ESTIMATE_EXTRA_ADVANCE.values(),
    UNKNOWN_ADVANCE,
)
"""The narrowest character by the width table: a text longer than the width over this
cannot fit."""

_SENTENCE_END = re.compile(r"[.!?](?= [A-ZÅÄÖ])")
_HANGING_WORDS = frozenset(
    {"och", "samt", "eller", "men", "med", "från", "för", "i", "på", "till", "av", "om", "som",
     "de", "den", "det", "en", "ett", "att", "inom"}
)  # fmt: skip
"""Words that should not end a shortened text just before the "…"."""


def char_advance(char: str) -> int:
    """The width of one character in 1/1000 em by the width table."""
    code = ord(char)
    if 32 <= code <= 126:
        return _ASCII_ADVANCE[code - 32]
    if char in FONT_EXTRA_ADVANCE:
        return FONT_EXTRA_ADVANCE[char]
    if char in _ESTIMATE_EXTRA_ADVANCE:
        return _ESTIMATE_EXTRA_ADVANCE[char]
    if char in PNG_SUBSTITUTE:
        return char_advance(PNG_SUBSTITUTE[char])
    base = unicodedata.normalize("NFD", char)[0]
    if base != char:
        return char_advance(base)
    return UNKNOWN_ADVANCE


def text_width(text: str, size: int) -> int:
    """The width of `text` at font size `size`, rounded up to whole units."""
    return math.ceil(sum(char_advance(c) for c in text) * size / 1000)


def clean_text(text: str) -> str:
    """One line of text: whitespace collapsed and control characters dropped."""
    printable = "".join(c for c in text if c.isspace() or unicodedata.category(c)[0] != "C")
    return " ".join(printable.split())


def wrap(text: str, width: int, size: int, max_lines: int) -> list[str]:
    """Greedy word wrap to `width`; words too long for a line are broken, and text beyond
    `max_lines` is cut with "…".

    Wrapping stops at the first line past `max_lines`: what follows it never reaches the
    "…" (`_ellipsize` takes words off the end until the text fits one line, and the last
    line shown plus the first word after it never do), so a long text costs no more than
    a short one."""
    lines: list[str] = []
    current = ""
    for word in _words(text):
        candidate = f"{current} {word}" if current else word
        if _fits(candidate, width, size):
            current = candidate
            continue
        if current:
            lines.append(current)
        while not _fits(word, width, size) and len(lines) <= max_lines:
            cut = _longest_prefix(word, width, size)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
        if len(lines) > max_lines:
            break
    else:
        if current:
            lines.append(current)
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1 :])
        lines = [*lines[: max_lines - 1], _ellipsize(rest, width, size)]
    return lines


def _words(text: str) -> Iterator[str]:
    """The words of `clean_text(text)`, found one at a time, so that wrapping a long text
    stops reading it where the lines shown end."""
    for match in _WORD.finditer(text):
        word = clean_text(match.group())
        if word:
            yield word


_WORD = re.compile(r"\S+")


def _fits(text: str, width: int, size: int) -> bool:
    """`text_width(text, size) <= width`, without measuring a text too long to fit: no
    character is narrower than `_MIN_ADVANCE`."""
    return len(text) <= width * 1000 // (_MIN_ADVANCE * size) and text_width(text, size) <= width


def _longest_prefix(word: str, width: int, size: int, reserve: str = "") -> int:
    """The length of the longest start of `word` (at least one character) that fits `width`
    with `reserve` after it, measured from the start: its cost is the length of the line."""
    total = sum(char_advance(c) for c in reserve)
    cut = 0
    for char in word:
        total += char_advance(char)
        if math.ceil(total * size / 1000) > width:
            break
        cut += 1
    return max(cut, 1)


def _ellipsize(line: str, width: int, size: int) -> str:
    """`line` ending with "…", cut at a word if need be so that it fits `width`."""
    words = line.split(" ")
    while len(words) > 1 and (
        text_width(" ".join(words) + "…", size) > width or words[-1].lower() in _HANGING_WORDS
    ):
        words.pop()
    text = trim_end(" ".join(words).rstrip("…"))
    if text_width(text + "…", size) > width:
        text = text[: _longest_prefix(text, width, size, "…")]
    return text + "…"


def shorten(text: str, limit: int = FUNCTION_MAX_CHARS) -> str:
    """`text` in at most `limit` characters, ending with "…": cut after its last whole
    sentence or else at a word. A trailing comma, semicolon, colon or full stop is left out."""
    text = trim_end(clean_text(text))
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    sentence_ends = [m.start() for m in _SENTENCE_END.finditer(cut)]
    if sentence_ends and sentence_ends[-1] >= limit // 2:
        return trim_end(cut[: sentence_ends[-1]]) + "…"
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    words = cut.split(" ")
    while len(words) > 1 and words[-1].lower() in _HANGING_WORDS:
        words.pop()
    return trim_end(" ".join(words)) + "…"


def trim_end(text: str) -> str:
    text = text.rstrip(" ,;:-–(")
    last_word = text.rsplit(" ", 1)[-1]
    if text.endswith(".") and not text.endswith("..") and "." not in last_word[:-1]:
        text = text[:-1].rstrip(" ,;:")
    return text
