"""The signature block in the DOCX: plain paragraphs, kept together, with drawn lines.

A table would be read out as a data table without headers (LibreOffice's PDF export tags
every Writer table as a Table, and has no layout tables), so the block is paragraphs: two
signatories side by side in two columns set by tab stops when every line fits its column,
else one signatory after the other, which also reads in the right order. The lines to sign
and date on are underlined tabs that run to a tab stop, drawn by Word and LibreOffice, never
typed underscores (the Markdown keeps those). Every paragraph keeps its lines together and
stays with the next, so the block is never split across pages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from docx.oxml.ns import qn
from docx.shared import Pt

from samverkan_cli.document.tree import Inlines, LineBreak, Span, Table, plain_text
from samverkan_cli.writers.docx_tables import TWIPS_PER_POINT, AddRuns, text_width
from samverkan_cli.writers.docx_xml import element

GAP = 567
"""Twips between the two columns (1 cm)."""
SIGN_SPACE = 30
"""Points above the line to sign on: room for a handwritten signature."""
BLANK = re.compile(r"_{3,}")
"""Typed underscores in the Markdown: a line to write on."""

_VAL = qn("w:val")


def write_signature(
    table: Table,
    width: int,
    *,
    font_size: float,
    new_paragraph: Callable[[], Any],
    add_runs: AddRuns,
    keep_with_following: bool,
) -> None:
    """The signature table as paragraphs (`new_paragraph` makes one, last in the body),
    `width` twips wide; with `keep_with_following` the last one also stays with the next
    block (the next pair of signatories)."""
    rows = [table.header, *table.rows]
    columns = table.width
    column = (width - GAP) // 2 if columns == 2 else min(width, (width - GAP) // 2)
    side_by_side = columns == 2 and all(
        _fits(cell, column, font_size) for row in rows for cell in row
    )
    paragraphs: list[Any] = []
    if side_by_side:
        stops = (column, column + GAP, width)
        for index, row in enumerate(rows):
            paragraph = _paragraph(new_paragraph, stops, _space_before(row, index))
            first = row[0] if row else ()
            _cell(paragraph, first, add_runs)
            if len(row) > 1:
                paragraph.append(_tab_run(underlined=False))
                if not _has_blank(first):
                    paragraph.append(_tab_run(underlined=False))
                _cell(paragraph, row[1], add_runs)
            paragraphs.append(paragraph)
    else:
        for signer in range(columns):
            for index, row in enumerate(rows):
                content = row[signer] if signer < len(row) else ()
                space = _space_before(row, index) if index or not signer else 18
                paragraph = _paragraph(new_paragraph, (column,), space)
                _cell(paragraph, content, add_runs)
                paragraphs.append(paragraph)
    for paragraph in paragraphs[:-1] if not keep_with_following else paragraphs:
        paragraph.get_or_add_pPr().keepNext_val = True
    for paragraph in paragraphs:
        paragraph.get_or_add_pPr().keepLines_val = True


def _space_before(row: tuple[Inlines, ...], index: int) -> int:
    """Points above a row: room to sign above the line, a little above the first row."""
    if row and all(_is_line(cell) for cell in row):
        return SIGN_SPACE
    return 12 if index == 0 else 0


def _paragraph(new_paragraph: Callable[[], Any], stops: tuple[int, ...], before: int) -> Any:
    paragraph = new_paragraph()
    properties = paragraph.get_or_add_pPr()
    tabs = properties.get_or_add_tabs()
    for stop in stops:
        tabs.append(element("w:tab", {_VAL: "left", qn("w:pos"): str(stop)}))
    properties.spacing_before = Pt(before)
    return paragraph


def _cell(paragraph: Any, content: Inlines, add_runs: AddRuns) -> None:
    """A cell's inlines, each run of typed underscores drawn as an underlined tab."""
    for piece in content:
        if not isinstance(piece, Span) or not BLANK.search(piece.text):
            add_runs(paragraph, (piece,))
            continue
        parts = BLANK.split(piece.text)
        for number, text in enumerate(parts):
            if text:
                add_runs(paragraph, (piece.with_text(text),))
            if number < len(parts) - 1:
                paragraph.append(_tab_run(underlined=True))


def _tab_run(*, underlined: bool) -> Any:
    run = element("w:r")
    if underlined:
        properties = element("w:rPr")
        properties.append(element("w:u", {_VAL: "single"}))
        run.append(properties)
    run.append(element("w:tab"))
    return run


def _has_blank(content: Inlines) -> bool:
    return bool(BLANK.search(plain_text(content)))


def _is_line(content: Inlines) -> bool:
    text = plain_text(content).strip()
    return bool(text) and BLANK.fullmatch(text) is not None


def _fits(content: Inlines, column: int, font_size: float) -> bool:
    """Whether every line of the cell fits its column (a blank counts as nothing)."""
    lines = [""]
    for piece in content:
        if isinstance(piece, LineBreak):
            lines.append("")
        else:
            lines[-1] += BLANK.sub("", piece.text)
    return all(text_width(t, font_size) * TWIPS_PER_POINT <= column * 0.95 for t in lines)
