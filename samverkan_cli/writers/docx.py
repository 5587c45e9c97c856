"""DOCX from the document model, with python-docx: real Word heading and list styles, tables
laid out from their content (`docx_tables`), the signature block as paragraphs kept together
(`docx_signature`), and document properties set."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.exceptions import InvalidXmlError
from docx.oxml.ns import qn
from docx.shared import Cm, Emu

from samverkan_cli.core.errors import OutputError, ProblemsFound
from samverkan_cli.document.tree import (
    SIGNATURE_ROLE,
    Block,
    BulletList,
    Contents,
    Document,
    Figure,
    Heading,
    IncludedDocument,
    Inlines,
    ListItem,
    OrderedList,
    PageBreak,
    Paragraph,
    Span,
    Table,
    first_page_shows_header,
    has_title_page,
    plain_text,
)
from samverkan_cli.source.docx_zip import ReferenceRefused
from samverkan_cli.source.loading import display_path
from samverkan_cli.source.reference_check import refusal_problems
from samverkan_cli.writers.docx_contents import ContentsWriter
from samverkan_cli.writers.docx_figure import (
    add_picture,
    between_margins,
    centre,
    figure_width,
    section_text_height,
)
from samverkan_cli.writers.docx_package import (
    ask_to_update_fields,
    document_moment,
    package_bytes,
    set_footer,
    set_header,
    set_language,
    set_properties,
)
from samverkan_cli.writers.docx_runs import add_runs, finish_runs
from samverkan_cli.writers.docx_signature import write_signature
from samverkan_cli.writers.docx_styles import style_element, style_id
from samverkan_cli.writers.docx_tables import table_element
from samverkan_cli.writers.docx_xml import element, sub
from samverkan_cli.writers.reference_document import shipped_reference
from samverkan_cli.writers.reference_sanitise import sanitised_reference

TEXT_WIDTH = (Cm(2), Cm(16), Cm(100))
"""Least, assumed (A4 with 2.5 cm margins) and largest text width, whatever the reference's
page set-up says."""

_BULLET_STYLES = ("List Bullet", "List Bullet 2", "List Bullet 3")
_NUMBER_STYLES = ("List Number", "List Number 2", "List Number 3")
_CONTINUE_STYLES = ("List Continue", "List Continue 2", "List Continue 3")
_VAL = qn("w:val")
INCLUDED_MARKER = "_samverkan_bilagefil"
"""The bookmark of the paragraph `docx_compose` replaces by an included .docx bilaga."""


def write_docx(document: Document, reference: Path | None = None) -> bytes:
    """The document as DOCX bytes, in the styles of `reference` (default: the shipped one).

    The bytes depend only on the document and the reference: the zip's order, timestamps
    and the document dates are fixed (see `docx_package.document_moment`)."""
    docx = open_docx(reference or shipped_reference())
    info = document.info
    set_properties(docx, info)
    set_language(docx, info.language)
    set_header(
        docx,
        info.title if info.header else "",
        info.header,
        draft=info.draft,
        title_page=has_title_page(document) or first_page_shows_header(document),
    )
    set_footer(docx, info.page_words)
    if any(isinstance(block, Contents) for block in document.blocks):
        # Until `docx_contents.fill_page_numbers` sets the page numbers (build --pdf), Word
        # is asked to fill them on opening: a contents without numbers is worse than a prompt.
        ask_to_update_fields(docx)
    body = _Body(docx, dict(document.assets))
    for index, block in enumerate(document.blocks):
        body.following = document.blocks[index + 1] if index + 1 < len(document.blocks) else None
        body.block(block, depth=0)
    body.contents.finish(body.insert)
    finish_runs(docx)
    return package_bytes(docx, document_moment(info))


def open_docx(reference: Path) -> Any:
    """A new document with the reference's styles, page setup, header and footer, and an
    empty body: the reference is first reduced to those (`reference_sanitise`), and refused
    with SV020 problems when it holds active content or is no usable .docx."""
    try:
        data = sanitised_reference(reference)
    except ReferenceRefused as refused:
        raise ProblemsFound(refusal_problems(display_path(reference), refused.found)) from None
    try:
        docx = new_docx(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a bad package
        raise OutputError(f"referensdokumentet {reference} kan inte läsas: {exc}") from None
    body = docx.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return docx


class _Body:
    """Appends blocks to a python-docx document as WordprocessingML elements.

    Paragraphs and tables are built as elements and put in before the body's section
    properties. python-docx's own `add_paragraph` and `add_table` search the body's children
    for that place on every call and hand out proxies for every row and cell, which was most
    of the time spent writing a DOCX; the XML is the same."""

    def __init__(self, docx: Any, assets: dict[str, bytes]) -> None:
        self.docx = docx
        self.assets = assets
        self.style_ids: dict[str, str | None] = {}
        self.table_style_ids: dict[str, str | None] = {}
        self.body = docx.element.body
        self.end = self.body.find(qn("w:sectPr"))
        self.text_width = _text_width(docx.sections[-1])
        self.font_size = _body_font_size(docx)
        self.following: Block | None = None
        """The block after the one being written (a signature block stays with the next)."""
        self.contents = ContentsWriter(int(self.text_width) // 635)  # EMU → twips

    def insert(self, element: Any) -> None:
        """Put `element` last in the body, before its section properties."""
        if self.end is not None:
            self.end.addprevious(element)
        else:
            self.body.append(element)

    def paragraph(self, style: str | None) -> Any:
        """A new `w:p` in `style`, its style id looked up once per name (python-docx looks it
        up through every style on each call)."""
        paragraph = element("w:p")
        if style is not None and style not in self.style_ids:
            self.style_ids[style] = style_id(self.docx, style)
        found = self.style_ids[style] if style is not None else None
        if found is not None:  # a style neither reference has: the paragraph is Normal
            sub(sub(paragraph, "w:pPr"), "w:pStyle", {_VAL: found})
        self.insert(paragraph)
        return paragraph

    def table_style_id(self, style: str) -> str | None:
        """The table style's id, looked up once (None when it is the default table style,
        as python-docx's own setter does)."""
        if style not in self.table_style_ids:
            found = style_id(self.docx, style, WD_STYLE_TYPE.TABLE)
            default = self.docx.styles.element.default_for(WD_STYLE_TYPE.TABLE)
            is_default = default is not None and default.get(qn("w:styleId")) == found
            self.table_style_ids[style] = None if is_default else found
        return self.table_style_ids[style]

    def block(self, block: Block, depth: int) -> None:
        if isinstance(block, Heading):
            paragraph = self.paragraph(f"Heading {min(block.level, 9)}")
            _add_runs(paragraph, block.content)
            self.contents.heading(paragraph, block, plain_text(block.content))
        elif isinstance(block, Paragraph):
            style = _CONTINUE_STYLES[min(depth, 3) - 1] if depth else None
            _add_runs(self.paragraph(style), block.content)
        elif isinstance(block, BulletList):
            style = _BULLET_STYLES[min(depth, len(_BULLET_STYLES) - 1)]
            for item in block.items:
                self._item(item, style, depth, None)
        elif isinstance(block, OrderedList):
            style = _NUMBER_STYLES[min(depth, len(_NUMBER_STYLES) - 1)]
            num_id = _restarted_numbering(self.docx, style, block.start)
            for item in block.items:
                self._item(item, style, depth, num_id)
        elif isinstance(block, Contents):
            self.contents.contents(block, self.paragraph, _add_runs, self.insert)
        elif isinstance(block, PageBreak):
            self.docx.add_page_break()
        elif isinstance(block, Figure):
            self._figure(block)
        elif isinstance(block, IncludedDocument):
            self._included(block)
        else:
            self._table(block)

    def _included(self, included: IncludedDocument) -> None:
        """The reference line of a bilaga kept as a file; for a .docx also a bookmark that
        marks the paragraph for `docx_compose` to replace by the file's body."""
        paragraph = self.paragraph(None)
        _add_runs(paragraph, (Span("".join(included.reference_line())),))
        if included.kind == "docx":
            start = {qn("w:id"): "0", qn("w:name"): INCLUDED_MARKER}
            paragraph.insert(0, element("w:bookmarkStart", start))
            paragraph.append(element("w:bookmarkEnd", {qn("w:id"): "0"}))

    def _item(self, item: ListItem, style: str, depth: int, num_id: int | None) -> None:
        first, *rest = item.blocks or (Paragraph(()),)
        if isinstance(first, Paragraph):
            paragraph = self.paragraph(style)
            if num_id is not None:
                _use_numbering(paragraph, num_id)
            _add_runs(paragraph, first.content)
        else:
            self.block(first, depth + 1)
        for block in rest:
            self.block(block, depth + 1)

    def _figure(self, figure: Figure) -> None:
        """The picture at the size it was drawn for and its caption below it, on one page
        (`docx_figure`), with its alternative text for screen readers."""
        data = self.assets.get(figure.source)
        if data is None:
            raise OutputError(f"bilden '{figure.source}' saknas bland dokumentets filer")
        height = section_text_height(self.docx.sections[-1])
        width = figure_width(data, self.text_width, height)
        add_picture(self.docx, self.paragraph(None), data, figure.alt, width)
        if figure.caption:
            caption = self.paragraph("Caption")
            centre(caption)
            _add_runs(caption, (Span(figure.caption),))

    def _table(self, table: Table) -> None:
        """A data table laid out from its content (`docx_tables`), or the signature block
        as paragraphs kept together (`docx_signature`)."""
        width = int(self.text_width) // 635  # EMU → twips
        if table.role == SIGNATURE_ROLE:
            following = self.following
            write_signature(
                table,
                width,
                font_size=self.font_size,
                new_paragraph=lambda: self.paragraph(None),
                add_runs=_add_runs,
                keep_with_following=isinstance(following, Table)
                and following.role == SIGNATURE_ROLE,
            )
            return
        style = self.table_style_id("Table Grid")
        self.insert(
            table_element(
                table, width, style_id=style, font_size=self.font_size, add_runs=_add_runs
            )
        )
        self.paragraph(None)


def _text_width(section: Any) -> Emu:
    """The width between the margins, within `TEXT_WIDTH` (the assumed width when the
    reference's section leaves the page size or a margin out)."""
    sizes = (section.page_width, section.left_margin, section.right_margin)
    return Emu(between_margins(sizes, TEXT_WIDTH))


def _add_runs(paragraph: Any, content: Inlines, *, force_bold: bool = False) -> None:
    """The inlines as runs of the `w:p` element `paragraph` (links and code are given their
    relationship and look by `finish_runs` when the body is written)."""
    add_runs(paragraph, content, force_bold=force_bold)


def _restarted_numbering(docx: Any, style_name: str, start: int) -> int | None:
    """A new Word list instance for the style that starts at `start`, so that each numbered
    list counts from its own first number instead of continuing the previous list."""
    style = style_element(docx, style_name)
    p_pr = style.pPr if style is not None else None
    style_num = p_pr.numPr if p_pr is not None else None
    if style_num is None or style_num.numId is None:
        return None
    try:
        numbering = docx.part.numbering_part.element
        abstract_id = None
        for num in numbering.num_lst:
            if num.numId == style_num.numId.val:
                abstract_id = num.abstractNumId.val
        if abstract_id is None:
            return None
        new_num = numbering.add_num(abstract_id)
    except (ValueError, TypeError, InvalidXmlError):  # a reference's numbering gone wrong
        return None
    new_num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return int(new_num.numId)


def _use_numbering(paragraph: Any, num_id: int) -> None:
    """Number a paragraph just made by `_Body.paragraph`: its properties hold at most its
    style, which comes before the numbering (so this is python-docx's `get_or_add_numPr`
    with `ilvl` 0 and `numId`, made directly)."""
    properties = paragraph.find(_PPR)
    if properties is None:
        properties = element("w:pPr")
        paragraph.insert(0, properties)
    num_pr = sub(properties, "w:numPr")
    sub(num_pr, "w:ilvl", {_VAL: "0"})
    sub(num_pr, "w:numId", {_VAL: str(num_id)})


_PPR = qn("w:pPr")


def _body_font_size(docx: Any) -> float:
    """The Normal style's font size in points (11 when the reference does not say)."""
    try:
        size = docx.styles["Normal"].font.size
    except (KeyError, ValueError):
        size = None
    return float(size.pt) if size is not None else 11.0
