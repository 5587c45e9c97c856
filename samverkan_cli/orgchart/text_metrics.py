"""Measuring and wrapping text in the charts' typeface (`typeface.chart_font`).

Every width is the sum of the font's advance widths, read once per character at 1000
pixels per em, so the layout knows how wide every line will be in the PNG (drawn in the
same font) and gives the SVG the same width; the same text with the same font always
gives the same lines. The organisation chart wraps a text onto as many lines as it needs
(never cutting it); the årshjul's small labels may still end with "…" at a line limit.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from samverkan_cli.orgchart.typeface import MEASURING_SIZE, chart_font

_HANGING_WORDS = frozenset(
    {"och", "samt", "eller", "men", "med", "från", "för", "i", "på", "till", "av", "om", "som",
     "de", "den", "det", "en", "ett", "att", "inom"}
)  # fmt: skip
"""Words that should not end a shortened text just before the "…"."""


@cache
def char_advance(char: str) -> int:
    """The width of one character in 1/1000 em, as the chart font advances it."""
    return math.ceil(chart_font(MEASURING_SIZE).getlength(char))


@cache
def _min_advance() -> int:
    """The narrowest letter, digit or punctuation mark: a text longer than the width over
    this cannot fit, and is not measured."""
    return max(1, min(char_advance(chr(code)) for code in range(33, 127)))


def text_width(text: str, size: int) -> int:
    """The width of `text` at font size `size`, rounded up to whole units."""
    return math.ceil(sum(char_advance(c) for c in text) * size / 1000)


def clean_text(text: str) -> str:
    """One line of text: whitespace collapsed, control characters dropped, and letters
    composed (NFC: an "a" with a combining ring is measured and drawn as the font's "å")."""
    text = unicodedata.normalize("NFC", text)
    printable = "".join(c for c in text if c.isspace() or unicodedata.category(c)[0] != "C")
    return " ".join(printable.split())


def wrap(text: str, width: int, size: int, max_lines: int | None = None) -> list[str]:
    """Greedy word wrap to `width`; words too long for a line are broken. Without
    `max_lines` every word is kept, on as many lines as it takes (the organisation chart);
    with it, text beyond `max_lines` is cut with "…" (the årshjul's labels).

    Wrapping stops at the first line past `max_lines`: what follows it never reaches the
    "…" (`_ellipsize` takes words off the end until the text fits one line, and the last
    line shown plus the first word after it never do), so a long text costs no more than
    a short one."""
    limit = max_lines if max_lines is not None else math.inf
    lines: list[str] = []
    current = ""
    for word in _words(text):
        candidate = f"{current} {word}" if current else word
        if _fits(candidate, width, size):
            current = candidate
            continue
        if current:
            lines.append(current)
        while not _fits(word, width, size) and len(lines) <= limit:
            cut = _longest_prefix(word, width, size)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
        if len(lines) > limit:
            break
    else:
        if current:
            lines.append(current)
    if max_lines is not None and len(lines) > max_lines:
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
    """`text_width(text, size) <= width`, without measuring a text too long to fit by the
    narrowest character (a text of zero-width marks may so be broken where it would fit)."""
    return len(text) <= width * 1000 // (_min_advance() * size) and text_width(text, size) <= width


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


def trim_end(text: str) -> str:
    """`text` without a trailing comma, semicolon, colon, dash or full stop (one that ends
    an abbreviation such as "m.fl." stays)."""
    text = text.rstrip(" ,;:-–(")
    last_word = text.rsplit(" ", 1)[-1]
    if text.endswith(".") and not text.endswith("..") and "." not in last_word[:-1]:
        text = text[:-1].rstrip(" ,;:")
    return text
