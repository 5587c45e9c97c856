"""Plain text that a reader would take for Markdown.

Names, titles, headings, list points and the like are printed exactly as written: a
template escapes every character Markdown would read (`render.templates.markdown_escape`). When
such a text holds Markdown anyway (a link, `kod`, **fet**, an image, HTML, a footnote, a
heading or a table), the writer of it expected formatting and gets the source characters;
`markdown_syntax` names what was found so that the rule SV168 can say so at the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

_GFM = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
"""What the author may have had in mind: CommonMark with GitHub's tables and strikethrough."""

_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")

_BLOCKS = {
    "heading_open": "en rubrik",
    "bullet_list_open": "en punktlista",
    "ordered_list_open": "en numrerad lista",
    "table_open": "en tabell",
    "blockquote_open": "ett citat",
    "fence": "ett kodblock",
    "code_block": "ett kodblock",
    "hr": "en skiljelinje",
    "html_block": "HTML",
}
_LISTS = {"bullet_list_open", "ordered_list_open"}
_INLINES = {
    "link_open": "en länk",
    "image": "en bild",
    "code_inline": "kod",
    "strong_open": "fet stil",
    "em_open": "kursiv stil",
    "s_open": "genomstruken text",
    "html_inline": "HTML",
}
_ESCAPE = "ett tecken skrivet med \\ eller &"


@dataclass(frozen=True, slots=True)
class Syntax:
    """What Markdown would make of part of a plain text, and on which 0-based line."""

    what: str
    line: int


_MAYBE_MARKDOWN = re.compile(r"[\\`*_\[\]!<&~]|^[\d#>+=\-\s]|\s$")
"""A character that can begin Markdown anywhere in a line (emphasis, code, a link or an
image, HTML, an entity or an escape, strikethrough), one that can begin a block at the start
(a list, a heading, a quotation, an indented block), or a line's trailing space."""


@lru_cache(maxsize=8192)
def markdown_syntax(text: str) -> Syntax | None:
    """The first Markdown construct in `text`, or None when Markdown reads it as the same
    plain text (a bare address such as https://example.se is plain text too)."""
    if plain_line(text):
        return None
    return parsed_syntax(text)


def plain_line(text: str) -> bool:
    """Whether `text` is one line that Markdown cannot read as anything but itself, decided
    without parsing: most names and titles are, and parsing each of them was a tenth of a
    one-shot build's checks (tests/test_plain_text_markdown.py holds it to `parsed_syntax`)."""
    return text.isprintable() and _MAYBE_MARKDOWN.search(text) is None


def parsed_syntax(text: str) -> Syntax | None:
    """`markdown_syntax` by parsing `text` with markdown-it."""
    tokens = _GFM.parse(text)
    for index, token in enumerate(tokens):
        line = token.map[0] if token.map else 0
        if token.type in _LISTS and _items(tokens, index) < 2:
            continue  # "1. Minska …" on one line reads the same as text
        if token.type in _BLOCKS:
            return Syntax(_BLOCKS[token.type], line)
        if token.type == "inline":
            found = _inline(token, line)
            if found is not None:
                return found
    footnote = _FOOTNOTE.search(text)
    if footnote is not None:
        return Syntax("en fotnot", text.count("\n", 0, footnote.start()))
    return None


def _items(tokens: list[Token], index: int) -> int:
    """How many items the list opening at `index` has."""
    level = tokens[index].level + 1
    count = 0
    for token in tokens[index + 1 :]:
        if token.level < level:
            break
        count += token.type == "list_item_open" and token.level == level
    return count


def _inline(token: Token, line: int) -> Syntax | None:
    start = line
    shown: list[str] = []
    for child in token.children or []:
        if child.type in _INLINES:
            return Syntax(_INLINES[child.type], line)
        if child.type in {"softbreak", "hardbreak"}:
            line += 1
        shown.append(child.content if child.type == "text" else "\n")
    if "".join(shown) != token.content:  # markdown-it joins `\*` and `&amp;` into the text
        return Syntax(_ESCAPE, start)
    return None
