"""The national-model examples (a kommun, three kommuner, a region with a state agency,
numbered sections, a huvudavtal with its underavtal): golden Markdown, and the DOCX read
back with python-docx (the signature tables with every signatory, the "lovar att" lists,
the activity matrix).

Regenerate the golden files after an intended change with: UPDATE_GOLDEN=1 make test
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.render.agreement_document import agreement_document
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.writers import write_markdown
from tests.conftest import REPO_ROOT

EXAMPLES = [
    "exempel-kommun",
    "exempel-tre-kommuner",
    "exempel-region",
    "exempel-numrerade-avsnitt",
    "exempel-huvudavtal",
    "exempel-underavtal",
]
GOLDEN = Path(__file__).parent / "golden"
Document = docx.document.Document


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_markdown_matches_golden(name: str) -> None:
    loaded = load_agreement(REPO_ROOT / "agreements" / name)
    assert loaded.agreement is not None, loaded.problems
    rendered = write_markdown(agreement_document(loaded, REPO_ROOT))
    golden = GOLDEN / f"{name}.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8")


def _build(name: str, out: Path) -> Document:
    result = build_agreement(REPO_ROOT / "agreements" / name, out, REPO_ROOT)
    [path] = [p for p in result.written if p.suffix == ".docx"]
    return docx.Document(io.BytesIO(path.read_bytes()))


@pytest.fixture(scope="module")
def kommun(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return _build("exempel-kommun", tmp_path_factory.mktemp("kommun"))


@pytest.fixture(scope="module")
def tre(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return _build("exempel-tre-kommuner", tmp_path_factory.mktemp("tre"))


def _rows(table: docx.table.Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _signature_tables(document: Document) -> list[list[list[str]]]:
    """The signature block's tables: the ones without grid lines."""
    return [_rows(t) for t in document.tables if t.style is None or t.style.name != "Table Grid"]


def _list_under(document: Document, heading: str) -> list[tuple[str, str]]:
    """(style, text) of the paragraphs after a heading, up to the next heading."""
    paragraphs = document.paragraphs
    [start] = [i for i, p in enumerate(paragraphs) if p.text == heading]
    assert paragraphs[start].style.name == "Heading 2"
    found = []
    for paragraph in paragraphs[start + 1 :]:
        if paragraph.style.name.startswith("Heading"):
            break
        if paragraph.text:
            found.append((paragraph.style.name, paragraph.text))
    return found


# --- the signature block ----------------------------------------------------------------------


def _signature_paragraphs(document: Document) -> list[str]:
    """The signature block's paragraphs (kept together, with tab stops for the lines), the
    lines to sign on left out."""
    found = []
    for paragraph in document.paragraphs:
        properties = paragraph._p.pPr
        if properties is None or properties.tabs is None or not properties.keepLines_val:
            continue
        if paragraph.text.strip():
            found.append(paragraph.text)
    return found


def test_kommun_signature_block_has_both_signatories(kommun: Document) -> None:
    assert _signature_tables(kommun) == []  # paragraphs, not a table a reader announces
    assert _signature_paragraphs(kommun) == [
        "Exempelby den 8 december 2025",
        "Anna Exempelsson",
        "Kommunstyrelsens ordförande, Exempelby kommun",
        "Exempelby den 8 december 2025",
        "Erik Exempelberg",
        "Lokalpolisområdeschef, LPO Exempelby",
    ]


def test_tre_kommuner_signs_every_signatory_in_order(tre: Document) -> None:
    texts = _signature_paragraphs(tre)
    assert texts[0::3] == [
        "Exempelås den 20 februari 2023",
        "Exempelholm den 21 februari 2023",
        "Exempelvik den 22 februari 2023",
        "Exempelås den 22 februari 2023",
    ]
    assert texts[1::3] == ["Karin Provsson", "Lars Modellén", "Maria Testberg", "Johan Påhittsson"]
    assert texts[2::3] == [
        "Kommunstyrelsens ordförande, Exempelås kommun",
        "Kommunstyrelsens ordförande, Exempelholms kommun",
        "Kommunstyrelsens ordförande, Exempelviks kommun",
        "Chef för lokalpolisområde Exempeldalen",
    ]


# --- medborgarlöften ----------------------------------------------------------------------------


def test_polisen_lovar_att_with_its_promises_as_bullets(kommun: Document) -> None:
    promises = _list_under(kommun, "Polisen lovar att")
    # Each focus area is named once, on a line of its own, before its promises.
    assert promises == [
        ("Normal", "Fokusområde: Trafik och hastighet i bostadsområden"),
        (
            "List Bullet",
            "genomföra minst femtiotvå (52) hastighetskontroller vid skolor och på bostadsgator",
        ),
        ("Normal", "Fokusområde: Otrygghet i centrum kvällstid"),
        ("List Bullet", "vara synlig i centrum fredags- och lördagskvällar"),
        ("Normal", "Fokusområde: Unga i riskzon för kriminalitet"),
        ("List Bullet", "besöka varje högstadieskola minst två (2) gånger per termin"),
    ]
    kommunen = _list_under(kommun, "Kommunen lovar att")
    assert [style for style, _ in kommunen].count("List Bullet") == 3
    assert not any("(fokusområde:" in text for _, text in promises + kommunen)


def test_kommunerna_lovar_att_as_one_group(tre: Document) -> None:
    promises = [p for p in _list_under(tre, "Kommunerna lovar att") if p[0] == "List Bullet"]
    assert len(promises) == 3
    assert promises[0][1] == "starta grannsamverkan i minst sex (6) nya byar"
    follow_up = _list_under(tre, "Uppföljning")
    assert follow_up == [("Normal", "Löftena följs upp 2026-09-15 och 2027-02-15.")]


# --- the activity matrix ------------------------------------------------------------------------


def test_the_matrix_is_a_table_with_a_header_row(tre: Document) -> None:
    [matrix] = [t for t in tre.tables if t.rows[0].cells[0].text == "Fokusområde"]
    rows = _rows(matrix)
    assert rows[0] == [
        "Fokusområde",
        "Exempelås",
        "Exempelholm",
        "Exempelvik",
        "Polisen",
        "Samverkansform",
    ]
    assert [row[0] for row in rows[1:]] == [
        "Unga och narkotika",
        "Bostadsinbrott och stölder på landsbygden",
        "Våld och ordningsstörningar vid evenemang",
    ]
    assert rows[2][4] == "Riktade kontroller längs riksvägen"
    assert rows[2][5] == "Gemensam kampanj för grannsamverkan varje höst"
    assert matrix.style is not None and matrix.style.name == "Table Grid"
    header = matrix.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None
