"""The one document model that both writers walk, so Markdown and DOCX cannot drift apart.

The tree is small on purpose: headings, paragraphs, lists and tables of inline spans. It is
built by parsing the Markdown that the templates render (see `markdown_tree`), and it is
what the Markdown and DOCX writers read; neither writer ever looks at the YAML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with one formatting."""

    text: str
    strong: bool = False
    emphasis: bool = False


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A hard line break inside a paragraph."""


Inline = Span | LineBreak
Inlines = tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    content: Inlines


@dataclass(frozen=True, slots=True)
class Paragraph:
    content: Inlines


@dataclass(frozen=True, slots=True)
class ListItem:
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[ListItem, ...]


@dataclass(frozen=True, slots=True)
class OrderedList:
    items: tuple[ListItem, ...]
    start: int = 1


@dataclass(frozen=True, slots=True)
class Table:
    """A table with one header row; `role` marks special tables such as signatures."""

    header: tuple[Inlines, ...]
    rows: tuple[tuple[Inlines, ...], ...]
    role: str | None = None


@dataclass(frozen=True, slots=True)
class ContentsEntry:
    level: int
    text: str


@dataclass(frozen=True, slots=True)
class Contents:
    """Innehållsförteckning: generated from the headings that follow it, never typed."""

    entries: tuple[ContentsEntry, ...]


@dataclass(frozen=True, slots=True)
class PageBreak:
    """What follows starts on a new page (each bilaga does)."""


@dataclass(frozen=True, slots=True)
class Figure:
    """A picture on its own line: `source` names a file in `Document.assets`."""

    source: str
    alt: str


Block = Heading | Paragraph | BulletList | OrderedList | Table | Contents | PageBreak | Figure

SIGNATURE_ROLE = "underskrifter"
"""The role of the signature table: the DOCX writer draws it without borders."""

KNOWN_ROLES = frozenset({SIGNATURE_ROLE})

CONTENTS_MARKER = "innehåll"
PAGE_BREAK_MARKER = "sidbrytning"
CONTENTS_DEPTH = 3
"""Heading levels listed in the table of contents."""


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """Properties written into the DOCX (title, author, subject, language, date)."""

    title: str
    subject: str = ""
    authors: tuple[str, ...] = ()
    language: str = "sv-SE"
    date: dt.date | None = None
    header: tuple[str, ...] = ()
    """Lines of the page header (the parties' diarienummer)."""


@dataclass(frozen=True, slots=True)
class Document:
    blocks: tuple[Block, ...]
    info: DocumentInfo = field(default_factory=lambda: DocumentInfo(title=""))
    assets: tuple[tuple[str, bytes], ...] = ()
    """Files the document refers to (pictures), written beside it and embedded in DOCX."""

    def asset(self, name: str) -> bytes | None:
        return dict(self.assets).get(name)


def plain_text(content: Inlines) -> str:
    """The text of inline content without formatting (line breaks as spaces)."""
    return "".join(i.text if isinstance(i, Span) else " " for i in content)


def headings(document: Document) -> list[Heading]:
    return [b for b in document.blocks if isinstance(b, Heading)]
