"""Word blocks as the Markdown of a prose field: paragraphs, bullet and numbered lists
(nested by their depth) and tables, written by the project's own Markdown writer so that
every character Markdown would read as markup is escaped and the text reads back as it
stood in Word. A line break inside a paragraph stays one (Markdown's backslash break); in
a table cell, which Markdown cannot break, it is a space.
"""

from __future__ import annotations

from collections.abc import Sequence

from samverkan_cli.document.tree import (
    Block as TreeBlock,
)
from samverkan_cli.document.tree import (
    BulletList,
    Inline,
    LineBreak,
    ListItem,
    OrderedList,
    Paragraph,
    Span,
    Table,
)
from samverkan_cli.importing.word_reading import Block
from samverkan_cli.writers.markdown import write_blocks, write_inline


def inline(text: str) -> str:
    """One line of text as inline Markdown that reads back as the same text."""
    return write_inline((Span(" ".join(text.split())),))


def blocks_markdown(blocks: Sequence[Block]) -> str:
    """Paragraphs, lists and tables as Markdown, separated by blank lines."""
    tree: list[TreeBlock] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind == "item":
            end = index
            while end < len(blocks) and blocks[end].kind == "item":
                end += 1
            tree.append(_list(blocks[index:end]))
            index = end
            continue
        if block.kind == "table":
            table = _table(block.rows)
            if table is not None:
                tree.append(table)
        elif block.text.strip():
            tree.append(_paragraph(block.text))
        index += 1
    return write_blocks(tuple(tree))


def _paragraph(text: str) -> Paragraph:
    """A paragraph; a line break Word had in it (Shift+Enter) stays a line break."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    content: list[Inline] = []
    for line in (line for line in lines if line):
        content.extend([LineBreak(), Span(line)] if content else [Span(line)])
    return Paragraph(tuple(content))


def _list(items: Sequence[Block]) -> BulletList | OrderedList:
    """Items of one run as one list; deeper items nest under the item before them."""
    base = min(item.level for item in items)
    entries: list[tuple[Block, list[Block]]] = []
    for item in items:
        if item.level > base and entries:
            entries[-1][1].append(item)
        else:
            entries.append((item, []))
    list_items = []
    for item, nested in entries:
        content: list[TreeBlock] = [_paragraph(item.text)] if item.text.strip() else []
        if nested:
            content.append(_list(nested))
        list_items.append(ListItem(tuple(content or [_paragraph("–")])))
    ordered = entries[0][0].ordered
    return OrderedList(tuple(list_items)) if ordered else BulletList(tuple(list_items))


def _table(rows: list[list[str]]) -> Table | None:
    """The first row as the header, every row as wide as the widest."""
    if not rows:
        return None
    width = max(len(row) for row in rows) or 1

    def cells(row: list[str]) -> tuple[tuple[Span, ...], ...]:
        padded = [*row, *[""] * (width - len(row))]
        return tuple((Span(" ".join(cell.split())),) if cell.strip() else () for cell in padded)

    return Table(cells(rows[0]), tuple(cells(row) for row in rows[1:]))


__all__ = ["blocks_markdown", "inline"]
