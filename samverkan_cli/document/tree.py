"""The one document model that both writers walk, so Markdown and DOCX cannot drift apart.

The tree is small on purpose: headings, paragraphs, lists and tables of inline spans. It is
built by parsing the Markdown that the templates render (see `document.parsing`), and it is
what the Markdown and DOCX writers read; neither writer ever looks at the YAML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import unquote

LINK_SCHEMES = ("http", "https", "mailto")
"""The only kinds of address a link in a document may have: a signed document must not
open programs (javascript:), local files (file:) or carry data (data:), and a relative
address has nothing to point at once the document leaves the repository."""


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with one formatting."""

    text: str
    strong: bool = False
    emphasis: bool = False
    href: str | None = None
    """The address the text links to (one of LINK_SCHEMES), or None: a link keeps its
    address in both writers instead of being reduced to its text."""
    code: bool = False
    """Code (`kod`): written as it stands, in a monospace font."""

    def with_text(self, text: str) -> Span:
        """This span with other text, for transforms such as redaction. A link whose text
        changes loses its address: the address (a person's mailto:) may be exactly what the
        removed text named, and keeping it would leak what the text no longer shows."""
        if text == self.text:
            return self
        return Span(text, self.strong, self.emphasis, None, self.code)

    def without_link(self) -> Span:
        """This span as plain text of the same formatting (its address dropped)."""
        return Span(self.text, self.strong, self.emphasis, None, self.code)

    @property
    def address(self) -> str | None:
        """The link's address as a reader sees it (`mailto:` left out, %-escapes decoded),
        so that a check for personal data can look at it like any other text."""
        if self.href is None:
            return None
        return unquote(self.href.removeprefix("mailto:"))


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

    @property
    def width(self) -> int:
        """The number of columns: the widest row's."""
        return max([len(self.header)] + [len(row) for row in self.rows])

    def is_section_row(self, row: tuple[Inlines, ...]) -> bool:
        """Whether `row` heads the rows below it (the uppföljningsplan's "Lokal lägesbild",
        an åtgärdsplan's "Beredskapsläge/mötesfrekvens"): text in its first cell only, in a
        table of two or more columns. A writer that can lets it span the table and shows it
        as a section (the DOCX: shaded, bold, kept with the next row); a header row of that
        shape spans the table instead of leaving empty header cells."""
        if self.role is not None or not row:
            return False
        if len(row) < 2 and self.width < 2:  # a row of two cells or more makes `width` 2 or more:
            return False  # `width` walks every row, and is only needed for a shorter one
        return bool(plain_text(row[0]).strip()) and not any(
            plain_text(cell).strip() for cell in row[1:]
        )


@dataclass(frozen=True, slots=True)
class ContentsEntry:
    level: int
    text: str


@dataclass(frozen=True, slots=True)
class Contents:
    """Innehållsförteckning: generated from the headings that follow it, never typed, down
    to heading level `depth` (the agreement's `innehållsförteckning: {djup: N}`, as deep as
    the original's contents go)."""

    entries: tuple[ContentsEntry, ...]
    depth: int = 3


@dataclass(frozen=True, slots=True)
class PageBreak:
    """What follows starts on a new page (each bilaga does)."""


@dataclass(frozen=True, slots=True)
class Figure:
    """A picture on its own line: `source` names a file in `Document.assets`; `alt` is what
    a screen reader says for it, `caption` the short text printed below it (from the
    Markdown image's title, `![alt](file "caption")`), kept on one page with it."""

    source: str
    alt: str
    caption: str = ""


@dataclass(frozen=True, slots=True)
class IncludedDocument:
    """A bilaga kept as a file of another format, included where it stands: `kind` "docx"
    is replaced in the DOCX by the file's body (`writers.docx_compose`), "pdf" is appended
    to the PDF (`writers.pdf_append`); Markdown, and the DOCX for a PDF, show
    `reference_line` instead, so the bilaga never silently goes missing."""

    source: str
    """The file as the bilaga's `fil` names it."""
    kind: str
    """"docx" or "pdf" (see INCLUDED_KINDS)."""

    def reference_line(self) -> tuple[str, str, str]:
        """The sentence that points at the file: the text before the file name, the name,
        the text after it (a writer shows the name as code)."""
        where = INCLUDED_KINDS.get(self.kind, "")
        return ("Bilagan finns i filen ", self.source, f" ({where}).")


INCLUDED_KINDS = {
    "docx": "ingår i DOCX- och PDF-versionen",
    "pdf": "bifogas PDF-versionen",
}
"""What each kind of included file becomes, as the reference line says it."""


Block = (
    Heading
    | Paragraph
    | BulletList
    | OrderedList
    | Table
    | Contents
    | PageBreak
    | Figure
    | IncludedDocument
)

SIGNATURE_ROLE = "underskrifter"
"""The role of the signature table: the DOCX writer writes it as paragraphs kept together
on one page, with drawn lines (`writers.docx_signature`), not as a data table."""

KNOWN_ROLES = frozenset({SIGNATURE_ROLE})

CONTENTS_MARKER = "innehåll"
PAGE_BREAK_MARKER = "sidbrytning"
CONTENTS_DEPTH = 3
"""Heading levels listed in the table of contents unless its marker says otherwise
(`<!-- samverkan:innehåll djup=4 -->`)."""
CONTENTS_DEPTHS = range(1, 7)
"""The depths a table of contents can have: heading levels 1 to 6."""


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
    properties_title: str = ""
    """The title in the file's properties (and so the PDF's title) when the printed title
    alone does not tell the document apart: "Lokal samverkansöverenskommelse mellan Järva
    stadsdelsförvaltning och Lokalpolisområde Järva"; empty: `title`."""
    draft: bool = False
    """A draft (`build --utkast`): every page's header starts with UTKAST."""
    page_words: tuple[str, str] = ("Sida", "av")
    """The words around the page number in the footer ("Sida 1 av 3"); a translation's own,
    or ("", "/") when it gives none ("1 / 3")."""


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


def has_title_page(document: Document) -> bool:
    """Whether the first page is a title page: the title and what stands with it (the
    diarienummer, a foreword and who signed it, as in Rinkeby-Kista 2017) and then a page
    break, before any other heading. Its page header need not repeat what it says."""
    blocks = document.blocks
    if not blocks or not isinstance(blocks[0], Heading) or blocks[0].level != 1:
        return False
    for block in blocks[1:]:
        if isinstance(block, PageBreak):
            return True
        if isinstance(block, Heading):
            return False
    return False


def first_page_shows_header(document: Document) -> bool:
    """Whether the document's opening (its title and what stands under it, before the next
    heading, page break or contents) already shows every line of the page header (the
    diarienummer): the first page then says them once, not twice, and has no header."""
    blocks = document.blocks
    if not document.info.header or not blocks or not isinstance(blocks[0], Heading):
        return False
    shown: set[str] = set()
    for block in blocks[1:]:
        if isinstance(block, PageBreak | Contents | Heading):
            break
        if isinstance(block, Paragraph):
            lines = "".join(p.text if isinstance(p, Span) else "\n" for p in block.content)
            shown |= {line.strip() for line in lines.split("\n")}
    return all(line.strip() in shown for line in document.info.header)


def headings(document: Document) -> list[Heading]:
    return [b for b in document.blocks if isinstance(b, Heading)]
