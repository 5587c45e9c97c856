"""The Word document as a tree of sections: the title, the text before the first heading,
and each heading with its blocks and its subsections.

Heading levels are taken relative to the highest one below the title, so a document whose
sections are Rubrik 2 (the title being Rubrik 1) gives top-level sections as one written
with Rubrik 1 does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from samverkan_cli.importing.word_reading import Block

TITLE_MAX_CHARS = 255
"""What Word's title property holds (SV150): a longer first line is no title."""


@dataclass(slots=True)
class Section:
    """A heading (`number` is its paragraph's) with its blocks and subsections; `kind` is
    'prosa' or the name of the typed block it became (omfattning, tid, organisation)."""

    heading: str
    number: int
    level: int
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    kind: str = "prosa"


@dataclass(slots=True)
class Outline:
    title: Block | None
    leading: list[Block]
    """Blocks before the first heading (other than the title)."""
    sections: list[Section]


def outline(blocks: list[Block]) -> Outline:
    """The title, the leading blocks and the section tree of a document's blocks."""
    title: Block | None = next((b for b in blocks if b.kind == "title" and b.text.strip()), None)
    headings = [b for b in blocks if b.kind == "heading"]
    first_content = next((b for b in blocks if b.kind == "table" or b.text.strip()), None)
    if title is None and first_content is not None and first_content.kind == "heading":
        deeper = [h for h in headings[1:] if h.level > first_content.level]
        next_heading = headings[1] if len(headings) > 1 else None
        if next_heading is not None and next_heading.level > first_content.level and deeper:
            title = first_content
    if title is None and first_content is not None and first_content.kind == "paragraph":
        text = first_content.text.strip()
        if len(text) <= TITLE_MAX_CHARS and "\n" not in text and not text.endswith((".", ":")):
            title = first_content
    rest = [b for b in blocks if b is not title]
    levels = [b.level for b in rest if b.kind == "heading"]
    top = min(levels, default=1)
    leading: list[Block] = []
    roots: list[Section] = []
    stack: list[Section] = []
    for block in rest:
        if block.kind == "heading":
            level = max(block.level - top + 1, 1)
            section = Section(" ".join(block.text.split()), block.number, level)
            while stack and stack[-1].level >= level:
                stack.pop()
            if stack:
                section.level = min(level, stack[-1].level + 1)
                stack[-1].children.append(section)
            else:
                roots.append(section)
            stack.append(section)
        elif stack:
            stack[-1].blocks.append(_as_paragraph(block))
        else:
            leading.append(_as_paragraph(block))
    return Outline(title, leading, roots)


def _as_paragraph(block: Block) -> Block:
    """A title-styled or empty heading paragraph past the first is text like any other."""
    if block.kind == "title":
        block.kind = "paragraph"
    return block


def walk(sections: list[Section]) -> list[Section]:
    """Every section, depth first, in document order."""
    found: list[Section] = []
    for section in sections:
        found.append(section)
        found.extend(walk(section.children))
    return found


__all__ = ["Outline", "Section", "outline", "walk"]
