"""A Word agreement (.docx) read as a flat list of blocks: headings, paragraphs, list items
and tables, each with its number in the document.

The file comes from outside (a kommun's old agreement, perhaps mailed), so it is read as
untrusted: its size and its zip are checked before anything is unpacked (`source.docx_zip`:
member count, declared and actual sizes, compression ratio), every XML part is parsed
without a DTD (`source.docx_parts`), and only then python-docx opens it. No external
relationship is followed: only the main document's own text is read (python-docx records
links and linked templates but never fetches them). A table inside a table is read as
text in its cell (and flagged); a body of more than `MAX_ELEMENTS` XML elements is refused.

A paragraph's text is read here rather than by python-docx, whose `Paragraph.text` reads
a page or column break as nothing (gluing the words on either side) and skips text in
content controls (`w:sdt`), tracked insertions and simple fields: every break (`w:br`,
`w:cr`) is a line break, a tab (`w:tab`, `w:ptab`) a tab, and what the recognisers make
of a line break is theirs to say, never a glued word. Content controls around paragraphs,
rows and cells are looked through.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from samverkan_cli.core.errors import UsageError
from samverkan_cli.source.docx_parts import is_xml, parse_xml, read_package
from samverkan_cli.source.docx_zip import MAX_FILE_BYTES, ReferenceRefused, members_of

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MAX_ELEMENTS = 400_000
"""XML elements in the document body (a 100-page agreement has some 60,000)."""
MAX_BLOCKS = 20_000
"""Paragraphs and tables read (a 100-page agreement has about 2,000)."""

BlockKind = Literal["heading", "title", "paragraph", "item", "table"]
_HEADING_STYLE = re.compile(r"^(?:heading|rubrik|überschrift|titre)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = frozenset({"title", "rubrik"})
"""Word's Title style: its id is 'Title' in English Word, 'Rubrik' in Swedish Word."""
_ORDERED_STYLE = re.compile(r"list\s*number|listnumrering|numrerad", re.IGNORECASE)
_CAPTION_STYLE = re.compile(r"^(?:caption|beskrivning|bildtext)$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"^list|^liststycke|^punktlista|^listpunkt", re.IGNORECASE)
_WRAPPERS = frozenset({"sdt", "sdtContent", "customXml", "smartTag"})
"""Elements that only wrap content (content controls, custom XML): looked through."""
_NOT_TEXT = frozenset(
    {"pPr", "rPr", "sdtPr", "sdtEndPr", "del", "moveFrom", "drawing", "pict", "object"}
    | {"AlternateContent", "txbxContent", "footnoteReference", "endnoteReference"}
)
"""A paragraph's parts that are not its text: properties, deleted text, pictures and text
boxes (a paragraph with a picture is flagged), note references."""


@dataclass(slots=True)
class Block:
    """One paragraph or table of the document; `number` counts them from 1, as the user
    finds them again in Word (empty paragraphs counted too)."""

    number: int
    kind: BlockKind
    text: str = ""
    level: int = 0
    """A heading's level (1 is the highest), a list item's depth (0 is the outermost)."""
    ordered: bool = False
    rows: list[list[str]] = field(default_factory=list)
    flattened: bool = False
    """A table whose nested tables were read as text."""
    note: str | None = None
    """'bild' for a paragraph with a picture, 'bildtext' for a caption: not imported as such."""


def read_word(path: Path) -> list[Block]:
    """The blocks of the .docx at `path`, or a UsageError in Swedish saying why not."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UsageError(
                f"{path.name} är {size // (1024 * 1024)} MB; en Word-fil som importeras får "
                f"vara högst {MAX_FILE_BYTES // (1024 * 1024)} MB"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"kan inte läsa {path}: {exc.strerror or exc}") from None
    return read_word_bytes(data, path.name)


def read_word_bytes(data: bytes, name: str) -> list[Block]:
    try:
        members = members_of(data)
        package = read_package(members)
        for member, content in members.items():
            if is_xml(member, package.content_type(member)):
                parse_xml(member, content)  # refuses a DTD and broken XML
        main = package.main()
        if main is None or package.part(main) is None:
            raise ReferenceRefused("filen har inget huvuddokument")
    except ReferenceRefused as refused:
        raise UsageError(f"{name} kan inte importeras: {refused}") from None
    import docx  # python-docx: only when a file is imported

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx and lxml raise many kinds for a broken file
        raise UsageError(
            f"{name} kan inte importeras: filen kan inte läsas som Word-dokument "
            f"({type(exc).__name__})"
        ) from None
    body = document.element.body
    count = sum(1 for _ in body.iter())
    if count > MAX_ELEMENTS:
        raise UsageError(
            f"{name} kan inte importeras: dokumentet har {count} XML-element (högst {MAX_ELEMENTS})"
        )
    return list(_Reader(document, name).blocks(body))


class _Reader:
    def __init__(self, document: Any, name: str) -> None:
        self.document = document
        self.name = name
        self.number = 0
        self.formats = _number_formats(document)

    def blocks(self, body: Any) -> Any:
        for element in _unwrapped(body):
            tag = element.tag.rsplit("}", 1)[-1]
            if tag not in ("p", "tbl"):
                continue
            self.number += 1
            if self.number > MAX_BLOCKS:
                raise UsageError(
                    f"{self.name} kan inte importeras: fler än {MAX_BLOCKS} stycken och tabeller"
                )
            if tag == "p":
                yield self.paragraph(element)
            else:
                rows, flattened = _table_rows(element)
                yield Block(self.number, "table", rows=rows, flattened=flattened)

    def paragraph(self, element: Any) -> Block:
        from docx.text.paragraph import Paragraph

        paragraph = Paragraph(element, self.document)
        text = clean(paragraph_text(element))
        styles = _style_chain(paragraph)
        level = _heading_level(element, styles)
        if any(s.casefold() in _TITLE_STYLES for s in styles[:2]):
            return Block(self.number, "title", text)
        if level is not None and text.strip():
            return Block(self.number, "heading", text, level=level)
        if any(_CAPTION_STYLE.search(s) for s in styles[:2]) and text.strip():
            return Block(self.number, "paragraph", text, note="bildtext")
        if (
            element.find(f".//{{{W_NS}}}drawing") is not None
            or element.find(f".//{{{W_NS}}}pict") is not None
        ):
            return Block(self.number, "paragraph", text, note="bild")
        numbering = _numbering(element)
        if numbering is not None or any(_LIST_STYLE.search(s) for s in styles[:2]):
            depth, num_id = numbering or (0, None)
            ordered = any(_ORDERED_STYLE.search(s) for s in styles[:2])
            if num_id is not None:
                ordered = self.formats.get((num_id, depth), "bullet") not in ("bullet", "none")
            return Block(self.number, "item", text, level=depth, ordered=ordered)
        return Block(self.number, "paragraph", text)


def paragraph_text(paragraph: Any) -> str:
    """A `w:p`'s text: breaks as line breaks, tabs as tabs, a non-breaking hyphen as a
    hyphen; text in content controls, tracked insertions, fields and links included."""
    parts: list[str] = []
    stack = [iter(paragraph.iterchildren())]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        if not isinstance(node.tag, str):
            continue  # an XML comment or processing instruction
        local = node.tag.rsplit("}", 1)[-1]
        if local == "t":
            parts.append(node.text or "")
        elif local in ("tab", "ptab"):
            parts.append("\t")
        elif local in ("br", "cr"):
            parts.append("\n")
        elif local == "noBreakHyphen":
            parts.append("-")
        elif local not in _NOT_TEXT and local != "p":
            stack.append(iter(node.iterchildren()))
    return "".join(parts)


def _unwrapped(element: Any) -> Any:
    """The element's children, with content controls and custom XML looked through."""
    for child in element.iterchildren():
        if not isinstance(child.tag, str):
            continue
        if child.tag.rsplit("}", 1)[-1] in _WRAPPERS:
            yield from _unwrapped(child)
        else:
            yield child


def clean(text: str) -> str:
    """Text without control characters (but tabs and line breaks) and with ordinary spaces:
    a YAML file holds no control characters (SV004)."""
    text = text.replace("\xa0", " ").replace("\u00ad", "")
    return "".join(c if c in "\t\n" or c.isprintable() else " " for c in text)


def _style_chain(paragraph: Any) -> list[str]:
    """The paragraph's style id and name, then its base styles' (at most five levels)."""
    found: list[str] = []
    style = paragraph.style
    for _ in range(5):
        if style is None:
            break
        found.extend(s for s in (style.style_id, style.name) if s)
        style = style.base_style
    return found


def _heading_level(element: Any, styles: list[str]) -> int | None:
    for style in styles:
        match = _HEADING_STYLE.match(style.strip())
        if match and match.group(1) != "0":
            return int(match.group(1))
    outline = element.find(f"{{{W_NS}}}pPr/{{{W_NS}}}outlineLvl")
    value = outline.get(f"{{{W_NS}}}val") if outline is not None else None
    if value is not None and value.isdigit() and int(value) < 9:
        return int(value) + 1
    return None


def _numbering(element: Any) -> tuple[int, str] | None:
    """The list depth and numbering id of a paragraph in a list (`w:numPr`), or None."""
    num_pr = element.find(f"{{{W_NS}}}pPr/{{{W_NS}}}numPr")
    if num_pr is None:
        return None
    num_id = num_pr.find(f"{{{W_NS}}}numId")
    ilvl = num_pr.find(f"{{{W_NS}}}ilvl")
    ident = num_id.get(f"{{{W_NS}}}val", "") if num_id is not None else ""
    if ident in ("", "0"):
        return None  # numId 0 switches numbering off
    raw = ilvl.get(f"{{{W_NS}}}val", "0") if ilvl is not None else "0"
    return (min(int(raw), 8) if raw.isdigit() else 0), ident


def _number_formats(document: Any) -> dict[tuple[str, int], str]:
    """Each numbering id's format per level ('bullet', 'decimal' …) from numbering.xml."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract: dict[str, dict[int, str]] = {}
    for item in numbering.findall(f"{{{W_NS}}}abstractNum"):
        levels: dict[int, str] = {}
        for lvl in item.findall(f"{{{W_NS}}}lvl"):
            fmt = lvl.find(f"{{{W_NS}}}numFmt")
            raw = lvl.get(f"{{{W_NS}}}ilvl", "0")
            if fmt is not None and raw.isdigit():
                levels[int(raw)] = fmt.get(f"{{{W_NS}}}val", "bullet")
        abstract[item.get(f"{{{W_NS}}}abstractNumId", "")] = levels
    formats: dict[tuple[str, int], str] = {}
    for num in numbering.findall(f"{{{W_NS}}}num"):
        ref = num.find(f"{{{W_NS}}}abstractNumId")
        levels = abstract.get(ref.get(f"{{{W_NS}}}val", "") if ref is not None else "", {})
        for depth, fmt in levels.items():
            formats[(num.get(f"{{{W_NS}}}numId", ""), depth)] = fmt
    return formats


def _table_rows(table: Any) -> tuple[list[list[str]], bool]:
    """The table's rows of cell texts (a merged cell once), and whether a nested table was
    read as text. A nested table's text joins its cell's, row by row."""
    rows: list[list[str]] = []
    flattened = False
    for row in (r for r in _unwrapped(table) if r.tag == f"{{{W_NS}}}tr"):
        cells: list[str] = []
        for cell in (c for c in _unwrapped(row) if c.tag == f"{{{W_NS}}}tc"):
            if cell.find(f"{{{W_NS}}}tcPr/{{{W_NS}}}vMerge") is not None and not _cell_text(cell):
                cells.append("")
                continue
            if cell.find(f".//{{{W_NS}}}tbl") is not None:
                flattened = True  # a Markdown table holds no table: its text is kept
            cells.append(_cell_text(cell))
        rows.append(cells)
    return rows, flattened


def _cell_text(cell: Any) -> str:
    """Every paragraph's text in the cell, nested tables' too, one line each."""
    lines = []
    for paragraph in cell.iter(f"{{{W_NS}}}p"):
        outer = paragraph.iterancestors()
        if any(a.tag.rsplit("}", 1)[-1] in _NOT_TEXT for a in outer):
            continue  # a text box's paragraph: not the cell's text, as in the body
        lines.append(clean(paragraph_text(paragraph)))
    return "\n".join(lines).strip("\n")


__all__ = ["MAX_ELEMENTS", "Block", "read_word", "read_word_bytes"]
