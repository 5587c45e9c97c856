"""One paragraph of inline Markdown (`model.paragraph_text`): checked and written.

A paragraph field holds exactly one paragraph: what `document.parsing` refuses in any prose
(an image, HTML, a code block, a link to javascript:, an unused link definition) is refused
here too, and so is every block a paragraph cannot hold (a heading, a list, a table, a page
break marker) and a blank line, which would otherwise join two paragraphs into one.
"""

from __future__ import annotations

from functools import lru_cache

from samverkan_cli.document.parsing import block_tokens, parse_markdown, prose_refusals
from samverkan_cli.document.refusals import (
    Refusal,
    UnsupportedMarkdown,
    blank_line_refusal,
    paragraph_block_refusal,
)
from samverkan_cli.document.tree import CONTENTS_MARKER, PAGE_BREAK_MARKER, Inlines, Paragraph

_BLOCKS = {
    "heading_open": "en rubrik (# Rubrik)",
    "bullet_list_open": "en punktlista (- punkt)",
    "ordered_list_open": "en numrerad lista (1. punkt)",
    "table_open": "en tabell (| cell |)",
}
_MARKERS = (PAGE_BREAK_MARKER, CONTENTS_MARKER)


@lru_cache(maxsize=4096)
def paragraph_refusals(text: str) -> tuple[Refusal, ...]:
    """Every reason `text` cannot be printed as one paragraph, each with its line."""
    found = list(prose_refusals(text)) + _structure(text)
    return tuple(sorted(found, key=lambda refusal: refusal.line))


def _structure(text: str) -> list[Refusal]:
    lines = text.split("\n")
    refusals: list[Refusal] = []
    paragraphs = 0
    for token in block_tokens(text):
        if token.level != 0 or token.nesting == -1 or not token.map:
            continue
        line = token.map[0]
        if token.type == "paragraph_open":
            paragraphs += 1
            if paragraphs > 1:
                blank = max((n for n in range(line) if not lines[n].strip()), default=line)
                refusals.append(blank_line_refusal(blank))
        elif token.type in _BLOCKS:
            refusals.append(paragraph_block_refusal(_BLOCKS[token.type], line))
        elif token.type == "html_block" and any(m in token.content for m in _MARKERS):
            refusals.append(
                paragraph_block_refusal("en sidbrytning eller innehållsförteckning", line)
            )
    return refusals


def paragraph_inlines(text: str) -> Inlines:
    """The inline content of the one paragraph `text` is; `UnsupportedMarkdown` otherwise."""
    refusals = paragraph_refusals(text)
    if refusals:
        raise UnsupportedMarkdown(refusals[0])
    blocks = parse_markdown(text).blocks
    if not blocks:
        return ()
    assert len(blocks) == 1 and isinstance(blocks[0], Paragraph)
    return blocks[0].content
