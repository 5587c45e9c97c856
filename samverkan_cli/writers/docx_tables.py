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
from functools import lru_cache
from typing import Any

from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]

from samverkan_cli.document.tree import Inlines, LineBreak, Span, Table
from samverkan_cli.writers.docx_runs import runs_markup
from samverkan_cli.writers.docx_xml import W_NAMESPACE, attribute, element, from_markup, sub

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
    default table style); `font_size` (points) measures the text for the column widths.

    The table is written as text and read by lxml in one go (`_table_markup`): a large
    agreement's tables are thousands of elements, and making each one from Python took
    four times as long. Text that lxml would refuse (a control character) or read back
    otherwise (an empty run) takes the element path, which is the same XML (or the same
    error) made element by element with `add_runs` (`docx_runs.add_runs`, whose
    `runs_markup` the text path writes)."""
    all_rows = (table.header, *table.rows)
    sections = [table.is_section_row(row) for row in all_rows]  # each call counts the columns
    widths = _column_widths(table, width, font_size, sections)
    markup = _table_markup(table, widths, sections, style_id)
    if markup is not None:
        try:
            return from_markup(markup)
        except (etree.XMLSyntaxError, ValueError):
            pass  # the element path raises lxml's own error for such text
    return _table_elements(table, widths, sections, style_id, add_runs)


def _table_markup(
    table: Table, widths: list[int], sections: list[bool], style_id: str | None
) -> str | None:
    """`_table_elements`' table as WordprocessingML text (None when a cell's runs cannot be
    written so, `runs_markup`)."""
    columns = table.width
    total = sum(widths)
    out = [f'<w:tbl xmlns:w="{W_NAMESPACE}"><w:tblPr>']
    if style_id is not None:
        out.append(f'<w:tblStyle w:val="{attribute(style_id)}"/>')
    out.append(f'<w:tblW w:w="{total}" w:type="dxa"/><w:tblLayout w:type="fixed"/>{_LOOK_MARKUP}')
    out.append("</w:tblPr><w:tblGrid>")
    out.extend(f'<w:gridCol w:w="{column_width}"/>' for column_width in widths)
    out.append("</w:tblGrid>")
    for index, row in enumerate((table.header, *table.rows)):
        header = index == 0
        section = sections[index]
        out.append(_HEADER_ROW_START if header else _ROW_START)
        cells = [row[0]] if section else [row[c] if c < len(row) else () for c in range(columns)]
        for column, content in enumerate(cells):
            cell_width = total if section else widths[column]
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{cell_width}" w:type="dxa"/>')
            if section:
                out.append(f'<w:gridSpan w:val="{columns}"/>')
                if not header:
                    out.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{SECTION_FILL}"/>')
            out.append("</w:tcPr><w:p>")
            if header or section:
                out.append("<w:pPr><w:keepNext/></w:pPr>")
            runs = runs_markup(content, force_bold=header or section)
            if runs is None:
                return None
            out.append(f"{runs}</w:p></w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _table_elements(
    table: Table,
    widths: list[int],
    sections: list[bool],
    style_id: str | None,
    add_runs: AddRuns,
) -> Any:
    """The `w:tbl` made element by element."""
    columns = table.width
    all_rows = (table.header, *table.rows)
    tbl = element("w:tbl")
    properties = sub(tbl, "w:tblPr")
    if style_id is not None:
        sub(properties, "w:tblStyle", {_VAL: style_id})
    sub(properties, "w:tblW", {_W: str(sum(widths)), _TYPE: "dxa"})
    sub(properties, "w:tblLayout", {_TYPE: "fixed"})
    sub(properties, "w:tblLook", _LOOK)
    grid = sub(tbl, "w:tblGrid")
    for column_width in widths:
        sub(grid, "w:gridCol", {_W: str(column_width)})
    for index, row in enumerate(all_rows):
        header = index == 0
        section = sections[index]
        tr = sub(tbl, "w:tr")
        row_properties = sub(tr, "w:trPr")
        sub(row_properties, "w:cantSplit")
        if header:
            sub(row_properties, "w:tblHeader", {_VAL: "true"})
        cells = [row[0]] if section else [row[c] if c < len(row) else () for c in range(columns)]
        for column, content in enumerate(cells):
            tc = sub(tr, "w:tc")
            cell_properties = sub(tc, "w:tcPr")
            cell_width = sum(widths) if section else widths[column]
            sub(cell_properties, "w:tcW", {_W: str(cell_width), _TYPE: "dxa"})
            if section:
                sub(cell_properties, "w:gridSpan", {_VAL: str(columns)})
                if not header:
                    fill = {_VAL: "clear", qn("w:color"): "auto", qn("w:fill"): SECTION_FILL}
                    sub(cell_properties, "w:shd", fill)
            paragraph = sub(tc, "w:p")
            if header or section:
                sub(sub(paragraph, "w:pPr"), "w:keepNext")
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
_ROW_START = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
_HEADER_ROW_START = '<w:tr><w:trPr><w:cantSplit/><w:tblHeader w:val="true"/></w:trPr>'
_LOOK_MARKUP = (
    "<w:tblLook "
    + " ".join(f'w:{name.split("}")[1]}="{value}"' for name, value in _LOOK.items())
    + "/>"
)


def column_widths(table: Table, width: int, font_size: float) -> list[int]:
    """Each column's width in twips, together `width`: a column whose text fits in its
    share of the page gets what it needs (a label column at most a third of two columns, a
    quarter of three, but never less than its longest word); the wider columns share the
    rest by how much text they hold. Section rows span the table and are not measured."""
    sections = [table.is_section_row(row) for row in (table.header, *table.rows)]
    return _column_widths(table, width, font_size, sections)


def _column_widths(
    table: Table, width: int, font_size: float, sections: Sequence[bool]
) -> list[int]:
    """`column_widths`, given which rows (the header first) are section rows."""
    columns = table.width
    all_rows = (table.header, *table.rows)
    rows = [row for row, section in zip(all_rows, sections, strict=True) if not section]
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


def _char_width(char: str) -> float:
    """One character's width in em."""
    if char in _NARROW:
        return 0.3
    if char in _WIDE:
        return 0.85
    if char.isupper():
        return 0.69
    return 0.56


_LATIN_WIDTHS = {chr(code): _char_width(chr(code)) for code in range(256)}
"""`_char_width` of the characters most text is made of, looked up instead of worked out
(tables measure every word of every cell: some 3,000 measures a large agreement)."""


def text_width(text: str, font_size: float, bold: bool = False) -> float:
    """An estimate of `text`'s width in points in a proportional sans serif such as Arial,
    slightly generous, so that text measured to fit does fit."""
    return _ems(text) * font_size * (1.08 if bold else 1.0)


@lru_cache(maxsize=4096)
def _ems(text: str) -> float:
    """`text`'s width in em, kept for the words that recur in a table's cells."""
    em = 0.0
    for char in text:
        em += _LATIN_WIDTHS.get(char) or _char_width(char)
    return em
