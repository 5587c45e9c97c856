"""Data tables in the DOCX, laid out so they read like the signed originals.

A Word table made with equal columns gives a label column half the page and lets rows break
across pages; the åtgärdsplaner then split at ten page breaks with a label alone at the foot
of a page. Here each column's width comes from its content (a label column about a third),
no row splits (`w:cantSplit`), the header row repeats on every page (`w:tblHeader`) and is
kept with the first row, and a section row (`Table.is_section_row`) spans the table, shaded
and bold, kept with the row below it. The signature block is no data table: see
`docx_signature`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from docx.oxml.ns import qn

from samverkan_cli.document.tree import Inlines, LineBreak, Span, Table
from samverkan_cli.writers.docx_xml import element

CELL_PADDING = 216
"""Twips a cell's text is inset from its edges (Word's default margins, 0.19 cm a side)."""
SECTION_FILL = "E7E6E6"
"""The shading of a section row: light grey, under black text (contrast 14.7:1)."""
TWIPS_PER_POINT = 20

_VAL = qn("w:val")
_W = qn("w:w")
_TYPE = qn("w:type")

AddRuns = Callable[..., None]
"""`docx_runs.add_runs`: a paragraph element, its inlines and `force_bold`."""


def table_element(
    table: Table,
    width: int,
    *,
    style_id: str | None,
    font_size: float,
    add_runs: AddRuns,
) -> Any:
    """The `w:tbl` of `table`, `width` twips wide, in the table style `style_id` (None: the
    default table style); `font_size` (points) measures the text for the column widths."""
    columns = table.width
    widths = column_widths(table, width, font_size)
    tbl = element("w:tbl")
    properties = _sub(tbl, "w:tblPr")
    if style_id is not None:
        _sub(properties, "w:tblStyle", {_VAL: style_id})
    _sub(properties, "w:tblW", {_W: str(sum(widths)), _TYPE: "dxa"})
    _sub(properties, "w:tblLayout", {_TYPE: "fixed"})
    _sub(properties, "w:tblLook", _LOOK)
    grid = _sub(tbl, "w:tblGrid")
    for column_width in widths:
        _sub(grid, "w:gridCol", {_W: str(column_width)})
    for index, row in enumerate((table.header, *table.rows)):
        header = index == 0
        section = table.is_section_row(row)
        tr = _sub(tbl, "w:tr")
        row_properties = _sub(tr, "w:trPr")
        _sub(row_properties, "w:cantSplit")
        if header:
            _sub(row_properties, "w:tblHeader", {_VAL: "true"})
        cells = [row[0]] if section else [row[c] if c < len(row) else () for c in range(columns)]
        for column, content in enumerate(cells):
            tc = _sub(tr, "w:tc")
            cell_properties = _sub(tc, "w:tcPr")
            cell_width = sum(widths) if section else widths[column]
            _sub(cell_properties, "w:tcW", {_W: str(cell_width), _TYPE: "dxa"})
            if section:
                _sub(cell_properties, "w:gridSpan", {_VAL: str(columns)})
                if not header:
                    fill = {_VAL: "clear", qn("w:color"): "auto", qn("w:fill"): SECTION_FILL}
                    _sub(cell_properties, "w:shd", fill)
            paragraph = _sub(tc, "w:p")
            if header or section:
                _sub(_sub(paragraph, "w:pPr"), "w:keepNext")
            add_runs(paragraph, content, force_bold=header or section)
    return tbl


_LOOK = {
    qn("w:val"): "04A0",
    qn("w:firstRow"): "1",
    qn("w:lastRow"): "0",
    qn("w:firstColumn"): "1",
    qn("w:lastColumn"): "0",
    qn("w:noHBand"): "0",
    qn("w:noVBand"): "1",
}


def column_widths(table: Table, width: int, font_size: float) -> list[int]:
    """Each column's width in twips, together `width`: a column whose text fits in its
    share of the page gets what it needs (a label column at most a third of two columns, a
    quarter of three, but never less than its longest word); the wider columns share the
    rest by how much text they hold. Section rows span the table and are not measured."""
    columns = table.width
    rows = [row for row in (table.header, *table.rows) if not table.is_section_row(row)]
    wanted = [CELL_PADDING] * columns
    least = [CELL_PADDING] * columns
    for index, row in enumerate(rows):
        bold = index == 0 and row is table.header
        for column, content in enumerate(row):
            lines, word = _measure(content, font_size, bold)
            wanted[column] = max(wanted[column], lines + CELL_PADDING)
            least[column] = max(least[column], word + CELL_PADDING)
    wanted = [min(w, width) for w in wanted]
    least = [min(w, width) for w in least]
    if sum(wanted) <= width:
        return _fill([float(w) for w in wanted], width)
    share, cap = width / columns, width / (columns + 1)
    narrow = {c for c in range(columns) if wanted[c] <= share}
    sizes = [0.0] * columns
    for column in narrow:
        sizes[column] = max(min(wanted[column], cap), least[column])
    rest = width - sum(sizes)
    wide = [c for c in range(columns) if c not in narrow]
    total_wanted = sum(wanted[c] for c in wide)
    for column in wide:
        sizes[column] = max(rest * wanted[column] / total_wanted, least[column])
    return _fill(sizes, width)


def _fill(sizes: Sequence[float], width: int) -> list[int]:
    """`sizes` scaled to add up to `width` exactly (whole twips, the remainder last)."""
    total = sum(sizes) or 1.0
    scaled = [int(size * width / total) for size in sizes]
    scaled[-1] += width - sum(scaled)
    return scaled


def _measure(content: Inlines, font_size: float, bold: bool) -> tuple[int, int]:
    """The widest line and the widest word of `content`, in twips."""
    lines: list[list[Span]] = [[]]
    for piece in content:
        if isinstance(piece, LineBreak):
            lines.append([])
        else:
            lines[-1].append(piece)
    widest_line = widest_word = 0.0
    for line in lines:
        text = "".join(span.text for span in line)
        strong = bold or any(span.strong for span in line)
        widest_line = max(widest_line, text_width(text, font_size, strong))
        for word in text.split():
            widest_word = max(widest_word, text_width(word, font_size, strong))
    return round(widest_line * TWIPS_PER_POINT), round(widest_word * TWIPS_PER_POINT)


_NARROW = frozenset(" .,:;!'|()[]/iljtfrI-")
_WIDE = frozenset("MWmw@%")


def text_width(text: str, font_size: float, bold: bool = False) -> float:
    """An estimate of `text`'s width in points in a proportional sans serif such as Arial,
    slightly generous, so that text measured to fit does fit."""
    em = 0.0
    for char in text:
        if char in _NARROW:
            em += 0.3
        elif char in _WIDE:
            em += 0.85
        elif char.isupper():
            em += 0.69
        else:
            em += 0.56
    return em * font_size * (1.08 if bold else 1.0)


def _sub(parent: Any, prefixed: str, attributes: dict[str, str] | None = None) -> Any:
    child = element(prefixed, attributes)
    parent.append(child)
    return child
