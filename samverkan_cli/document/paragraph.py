"""One paragraph of inline Markdown (`model.paragraph_text`): checked and written.

A paragraph field holds one paragraph, and the bullet and numbered lists that belong to it
(before, after or between its sentences: "Parterna ska:" and its points), as agreements
write them. What `document.parsing` refuses in any prose (an image, HTML, a code block, a
link to javascript:, an unused link definition) is refused here too, and so is every block
a paragraph field cannot hold (a heading, a table, a page break marker) and a blank line
between two paragraphs, which belong in two items of the field's list.
"""

from __future__ import annotations

from functools import lru_cache

from samverkan_cli.document.parsing import block_tokens, parse_markdown, prose_refusals
from samverkan_cli.document.refusals import (
    Refusal,
    UnsupportedMarkdown,
    blank_line_refusal,
    list_in_line_refusal,
    paragraph_block_refusal,
)
from samverkan_cli.document.tree import (
    CONTENTS_MARKER,
    PAGE_BREAK_MARKER,
    Block,
    BulletList,
    Inlines,
    OrderedList,
    Paragraph,
)

_BLOCKS = {
    "heading_open": "en rubrik (# Rubrik)",
    "table_open": "en tabell (| cell |)",
}
_LISTS = {"bullet_list_open", "ordered_list_open"}  # a paragraph field's own lists
_MARKERS = (PAGE_BREAK_MARKER, CONTENTS_MARKER)


@lru_cache(maxsize=4096)
def paragraph_refusals(text: str, *, lists: bool = True) -> tuple[Refusal, ...]:
    """Every reason `text` cannot be printed as one paragraph (with its lists, unless the
    paragraph stands in a sentence or a table cell: `lists=False`), each with its line."""
    found = list(prose_refusals(text)) + _structure(text)
    if not lists:
        found += [
            list_in_line_refusal(_LIST_NAMES[token.type], token.map[0])
            for token in block_tokens(text)
            if token.type in _LISTS and token.level == 0 and token.map
        ]
    return tuple(sorted(found, key=lambda refusal: refusal.line))


_LIST_NAMES = {"bullet_list_open": "en punktlista", "ordered_list_open": "en numrerad lista"}


def _structure(text: str) -> list[Refusal]:
    lines = text.split("\n")
    refusals: list[Refusal] = []
    previous = ""
    for token in block_tokens(text):
        if token.level != 0 or token.nesting == -1 or not token.map:
            continue
        line = token.map[0]
        if token.type == "paragraph_open" and previous == "paragraph_open":
            blank = max((n for n in range(line) if not lines[n].strip()), default=line)
            refusals.append(blank_line_refusal(blank))
        previous = token.type
        if token.type in _BLOCKS:
            refusals.append(paragraph_block_refusal(_BLOCKS[token.type], line))
        elif token.type == "html_block" and any(m in token.content for m in _MARKERS):
            refusals.append(
                paragraph_block_refusal("en sidbrytning eller innehållsförteckning", line)
            )
    return refusals


def paragraph_blocks(text: str) -> tuple[Block, ...]:
    """The paragraph and lists `text` is; `UnsupportedMarkdown` for what it cannot hold."""
    refusals = paragraph_refusals(text)
    if refusals:
        raise UnsupportedMarkdown(refusals[0])
    blocks = parse_markdown(text).blocks
    assert all(isinstance(b, Paragraph | BulletList | OrderedList) for b in blocks)
    return blocks


def paragraph_inlines(text: str) -> Inlines:
    """The inline content of `text` when it is one paragraph (no list); `UnsupportedMarkdown`
    otherwise, for a place where a list cannot stand (a table cell, a sentence)."""
    refusals = paragraph_refusals(text, lists=False)
    if refusals:
        raise UnsupportedMarkdown(refusals[0])
    blocks = parse_markdown(text).blocks
    if not blocks:
        return ()
    assert len(blocks) == 1 and isinstance(blocks[0], Paragraph)
    return blocks[0].content
