"""Tables written as WordprocessingML text (writers/docx_tables.py `_table_markup`) are the
same XML as tables made element by element, whatever their text holds; text that lxml
refuses gives the error it gave before."""

from __future__ import annotations

import pytest
from lxml import etree  # type: ignore[import-untyped]

from samverkan_cli.document.tree import Inlines, LineBreak, Span, Table
from samverkan_cli.writers import docx_tables
from samverkan_cli.writers.docx_runs import add_runs, runs_markup
from samverkan_cli.writers.docx_tables import table_element
from samverkan_cli.writers.docx_xml import element, from_markup

TRICKY = (
    "a & b < c > d",
    "citat \"så\" och 'så'",
    " inledande och avslutande ",
    "   ",
    "rad\rretur",
    "tab\tinne",
    "rad\nbrytning",
    "]]> och &amp; och &#13;",
    "åäö ÅÄÖ € ✓ 𝄞",
    "\x7f\x85\u2028",
)


def _inlines(text: str) -> Inlines:
    return (
        Span(text),
        Span(text, strong=True),
        Span(text, emphasis=True, code=True),
        LineBreak(),
        Span(text, href=f'https://exempel.se/?q={text}&r="1"\t\n'),
        Span("länk", href=f'https://exempel.se/?q={text}&r="1"\t\n', strong=True),
        Span("annan", href="mailto:a@exempel.se"),
        LineBreak(),
        Span("slut"),
    )


def _tables() -> list[Table]:
    tables = []
    for text in TRICKY:
        cell = _inlines(text)
        tables.append(
            Table(
                header=(cell, (Span("Rubrik"),)),
                rows=(
                    (cell, (Span(text),)),
                    ((Span("Avsnitt"),),),  # a section row
                    ((Span("bara en"),),),
                    ((), cell, (Span("tredje"),)),  # wider than the header
                ),
            )
        )
    tables.append(Table(header=((Span("Ensam"),),), rows=()))
    tables.append(Table(header=((Span("Avsnitt"),), ()), rows=(((Span("x"),), (Span("y"),)),)))
    return tables


def _elements(table: Table, style_id: str | None) -> bytes:
    all_rows = (table.header, *table.rows)
    sections = [table.is_section_row(row) for row in all_rows]
    widths = docx_tables._column_widths(table, 9000, 11, sections)
    return bytes(
        etree.tostring(docx_tables._table_elements(table, widths, sections, style_id, add_runs))
    )


@pytest.mark.parametrize("style_id", [None, "TableGrid", 'Stil "&<>'])
@pytest.mark.parametrize("table", _tables())
def test_a_table_written_as_text_is_the_table_made_of_elements(
    table: Table, style_id: str | None
) -> None:
    all_rows = (table.header, *table.rows)
    sections = [table.is_section_row(row) for row in all_rows]
    widths = docx_tables._column_widths(table, 9000, 11, sections)
    markup = docx_tables._table_markup(table, widths, sections, style_id)
    assert markup is not None
    made = table_element(table, 9000, style_id=style_id, font_size=11, add_runs=add_runs)
    assert bytes(etree.tostring(from_markup(markup))) == _elements(table, style_id)
    assert bytes(etree.tostring(made)) == _elements(table, style_id)
    assert type(made).__name__ == "CT_Tbl"  # python-docx's class, as element() makes


def test_runs_written_as_text_are_the_runs_made_of_elements() -> None:
    for text in TRICKY:
        content = _inlines(text)
        paragraph = element("w:p")
        add_runs(paragraph, content, force_bold=True)
        markup = runs_markup(content, force_bold=True)
        namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        read = from_markup(f"<w:p {namespace}>{markup}</w:p>")
        assert etree.tostring(read) == etree.tostring(paragraph)


def test_an_empty_text_takes_the_element_path() -> None:
    table = Table(header=((Span("A"),), (Span("B"),)), rows=(((Span(""),), (Span("x"),)),))
    assert runs_markup((Span(""),)) is None
    made = table_element(table, 9000, style_id=None, font_size=11, add_runs=add_runs)
    assert bytes(etree.tostring(made)) == _elements(table, None)
    assert b"<w:t></w:t>" in etree.tostring(made)


def test_a_control_character_gives_lxmls_own_error() -> None:
    table = Table(header=((Span("A"),), (Span("B"),)), rows=(((Span("a\x01b"),), ()),))
    with pytest.raises(ValueError, match="XML compatible"):
        _elements(table, None)
    with pytest.raises(ValueError, match="XML compatible"):
        table_element(table, 9000, style_id=None, font_size=11, add_runs=add_runs)
