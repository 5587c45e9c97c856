"""The DOCX as a registrar reads it (issue 18): the diarienummer in the page header of every
document kind that has them, a title page without a header, tables laid out from their
content (widths, rows that do not split, repeated header rows, section rows), the signature
block as paragraphs kept together with drawn lines, honest application properties, and a
reference document whose every style colour reads at WCAG's 4.5:1."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.document.tree import (
    SIGNATURE_ROLE,
    Heading,
    PageBreak,
    Paragraph,
    Span,
    Table,
    has_title_page,
)
from samverkan_cli.document.tree import Document as Tree
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.writers.docx import write_docx
from samverkan_cli.writers.docx_tables import column_widths
from samverkan_cli.writers.reference_palette import (
    MIN_CONTRAST,
    WHITE,
    contrast_ratio,
    parse_hex,
    theme_colour,
)
from tests.agreement_copy import AgreementCopy
from tests.conftest import JARVA, REPO_ROOT

RINKEBY = REPO_ROOT / "agreements" / "rinkeby-kista-2017"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_files(folder: Path, out: Path) -> dict[str, Path]:
    result = build_agreement(folder, out, REPO_ROOT)
    docx_files = [p for p in result.written if p.suffix == ".docx"]
    return {("report" if "tjanste" in p.name else "agreement"): p for p in docx_files}


@pytest.fixture(scope="module")
def rinkeby(tmp_path_factory: pytest.TempPathFactory) -> docx.document.Document:
    path = _docx_files(RINKEBY, tmp_path_factory.mktemp("rk"))["agreement"]
    return docx.Document(str(path))


@pytest.fixture(scope="module")
def jarva(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _docx_files(JARVA, tmp_path_factory.mktemp("jarva"))["agreement"]


def _header_text(part: docx.section._Header) -> str:
    return "".join(t.text or "" for t in part._element.iter(qn("w:t")))


# -- 1. The page header ------------------------------------------------------------------


@pytest.mark.parametrize(
    "example",
    [
        "rinkeby-kista-2017",
        "exempel-kommun",
        "exempel-medborgarlofte",
        "exempel-huvudavtal",
        "exempel-underavtal",
        "exempel-tre-kommuner",
    ],
)
def test_every_document_kind_with_diarienummer_has_them_in_its_header(
    example: str, tmp_path: Path
) -> None:
    folder = REPO_ROOT / "agreements" / example
    path = _docx_files(folder, tmp_path)["agreement"]
    built = docx.Document(str(path))
    header = _header_text(built.sections[0].header)
    agreement = load_agreement(folder, REPO_ROOT).agreement
    assert agreement is not None
    numbers = [p.registration_number for p in agreement.parties if p.registration_number]
    assert numbers, "the example has diarienummer"
    for number in numbers:
        assert number in header


def test_the_report_carries_its_diarienummer_in_the_header(tmp_path: Path) -> None:
    copy = AgreementCopy.of_example("järva", tmp_path)
    report = copy.folder / "tjansteutlatande.yaml"
    text = report.read_text(encoding="utf-8")
    report.write_text(
        text.replace("datum: 2024-06-01\n", "datum: 2024-06-01\ndiarienummer: JÄR 2024/0113\n"),
        encoding="utf-8",
    )
    built = docx.Document(str(_docx_files(copy.folder, tmp_path / "out")["report"]))
    assert "Dnr JÄR 2024/0113" in _header_text(built.sections[0].header)


def test_a_title_page_has_an_empty_header_of_its_own(rinkeby: docx.document.Document) -> None:
    section = rinkeby.sections[0]
    assert section.different_first_page_header_footer
    assert _header_text(section.first_page_header) == ""
    assert "Dnr Polisen" in _header_text(section.header)
    footer = "".join(t.text or "" for t in section.first_page_footer._element.iter(qn("w:t")))
    assert footer.startswith("Sida")


def test_a_document_without_a_title_page_has_one_header(jarva: Path) -> None:
    section = docx.Document(str(jarva)).sections[0]
    assert not section.different_first_page_header_footer


def test_the_header_keeps_its_distance_from_the_body(rinkeby: docx.document.Document) -> None:
    section = rinkeby.sections[0]
    assert section.header_distance is not None and section.header_distance.cm == pytest.approx(
        1, abs=0.01
    )
    paragraph = section.header.paragraphs[0]
    assert paragraph.paragraph_format.space_after is not None
    assert paragraph.paragraph_format.space_after.pt >= 6


def test_title_page_is_decided_by_what_stands_before_the_first_page_break() -> None:
    title = Heading(1, (Span("Överenskommelse"),))
    foreword = Paragraph((Span("Förord"),))
    assert has_title_page(Tree((title, foreword, PageBreak(), Heading(2, (Span("A"),)))))
    assert not has_title_page(Tree((title, Heading(2, (Span("A"),)), PageBreak())))
    assert not has_title_page(Tree((title, foreword)))


# -- 2. Tables ---------------------------------------------------------------------------


def _plans(document: docx.document.Document) -> list[docx.table.Table]:
    return [t for t in document.tables if t.cell(0, 0).text == "Åtgärdsplan"]


def test_no_table_row_splits_across_pages(rinkeby: docx.document.Document) -> None:
    rows = [row for table in rinkeby.tables for row in table.rows]
    assert rows
    for row in rows:
        assert row._tr.find(f"{W}trPr/{W}cantSplit") is not None


def test_the_label_column_takes_about_a_third(rinkeby: docx.document.Document) -> None:
    plans = _plans(rinkeby)
    assert len(plans) == 12
    for table in plans:
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.iter(qn("w:gridCol"))]
        assert len(grid) == 2
        assert 0.2 <= grid[0] / sum(grid) <= 0.36, grid
        layout = table._tbl.tblPr.find(qn("w:tblLayout"))
        assert layout is not None and layout.get(qn("w:type")) == "fixed"


def test_header_rows_repeat_and_are_never_empty(rinkeby: docx.document.Document) -> None:
    for table in rinkeby.tables:
        first = table.rows[0]._tr
        assert first.find(f"{W}trPr/{W}tblHeader") is not None
        cells = first.findall(qn("w:tc"))
        assert all("".join(t.text or "" for t in c.iter(qn("w:t"))).strip() for c in cells)
    [follow_up] = [t for t in rinkeby.tables if t.cell(0, 0).text == "Uppföljning"]
    [header_cell] = follow_up.rows[0]._tr.findall(qn("w:tc"))
    assert header_cell.find(f"{W}tcPr/{W}gridSpan").get(qn("w:val")) == "2"


def test_section_rows_span_are_shaded_bold_and_kept_with_the_next(
    rinkeby: docx.document.Document,
) -> None:
    [follow_up] = [t for t in rinkeby.tables if t.cell(0, 0).text == "Uppföljning"]
    sections = {}
    for tr in follow_up._tbl.findall(qn("w:tr"))[1:]:
        cells = tr.findall(qn("w:tc"))
        if len(cells) == 1:
            text = "".join(t.text or "" for t in cells[0].iter(qn("w:t")))
            sections[text] = cells[0]
    assert list(sections) == [
        "Samverkansorganisationen",
        "Lokal lägesbild",
        "Åtgärdsplan",
        "Kommunikationsplan",
    ]
    for cell in sections.values():
        assert cell.find(f"{W}tcPr/{W}gridSpan").get(qn("w:val")) == "2"
        assert cell.find(f"{W}tcPr/{W}shd").get(qn("w:fill"))
        assert cell.find(f"{W}p/{W}pPr/{W}keepNext") is not None
        assert all(r.find(f"{W}rPr/{W}b") is not None for r in cell.iter(qn("w:r")))


def test_a_label_row_is_kept_with_its_content(rinkeby: docx.document.Document) -> None:
    table = _plans(rinkeby)[0]
    [label] = [
        tr
        for tr in table._tbl.findall(qn("w:tr"))
        if "".join(t.text or "" for t in tr.iter(qn("w:t"))) == "Beredskapsläge/mötesfrekvens"
    ]
    assert label.find(f"{W}tc/{W}p/{W}pPr/{W}keepNext") is not None


def test_column_widths_follow_the_content() -> None:
    label = (Span("Metod"),)
    long_text = (Span("ett mycket långt värde med många ord " * 6),)
    table = Table((label, (Span("Beskrivning"),)), ((label, long_text),) * 3)
    narrow, wide = column_widths(table, 9000, 11)
    assert narrow + wide == 9000
    assert narrow < 9000 / 3 < wide
    three = Table(((), (), ()), (((Span("a"),), (Span("b"),), (Span("c"),)),))
    assert column_widths(three, 9000, 11) == [3000, 3000, 3000]


# -- 3. The signature block --------------------------------------------------------------


def test_the_signature_block_is_paragraphs_kept_together_with_drawn_lines(jarva: Path) -> None:
    built = docx.Document(str(jarva))
    assert built.tables == []  # the signature block is the only table Järva had
    texts = [t.text or "" for t in built.element.body.iter(qn("w:t"))]
    assert not any("___" in text for text in texts)
    paragraphs = built.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text.startswith("Spånga den"))
    block = paragraphs[start:]
    end = next(i for i, p in enumerate(block) if p.text == "Lokalpolisområdeschef, LPO Järva")
    block = block[: end + 1]
    for paragraph in block[:-1]:
        assert paragraph.paragraph_format.keep_with_next, paragraph.text
    for paragraph in block:
        assert paragraph.paragraph_format.keep_together, paragraph.text
    underlined_tabs = [
        r
        for p in block
        for r in p._p.iter(qn("w:r"))
        if r.find(qn("w:tab")) is not None and r.find(f"{W}rPr/{W}u") is not None
    ]
    assert len(underlined_tabs) == 2  # one line to sign on for each signatory
    assert "Stadsdelsdirektör, Järva stadsdelsförvaltning" in [p.text for p in block]


def test_short_signatures_stand_side_by_side_and_long_ones_one_after_the_other() -> None:
    def cells(*texts: str) -> tuple[tuple[Span, ...], ...]:
        return tuple((Span(text),) for text in texts)

    def block(title: str) -> list[Any]:
        table = Table(
            cells("Ort den " + "_" * 16, "Ort den " + "_" * 16),
            (cells("_" * 30, "_" * 30), cells("Anna", "Erik"), cells(title, "Chef")),
            SIGNATURE_ROLE,
        )
        built = docx.Document(io.BytesIO(write_docx(Tree((table,)))))
        return [p for p in built.paragraphs if p._p.pPr is not None and p._p.pPr.tabs is not None]

    short = block("Chef")
    assert [p.text.split("\t")[0::2] for p in short][2:] == [["Anna", "Erik"], ["Chef", "Chef"]]
    assert len(short) == 4  # one paragraph a row, two columns by tab stops
    long = block("Kommunstyrelsens ordförande, Exempelby kommun och dess nämnder")
    assert len(long) == 8  # one signatory after the other
    assert [p.text for p in long].index("Erik") > [p.text for p in long].index("Anna")
    for paragraph in short + long:
        assert not any("_" in (t.text or "") for t in paragraph._p.iter(qn("w:t")))


# -- 4. Properties -----------------------------------------------------------------------


def test_application_properties_name_samverkan_and_no_stale_counts(jarva: Path) -> None:
    with zipfile.ZipFile(jarva) as package:
        names = package.namelist()
        app = etree.fromstring(package.read("docProps/app.xml"))
        relationships = package.read("_rels/.rels").decode()
    assert not any("thumbnail" in name for name in names)
    assert "thumbnail" not in relationships
    fields = {child.tag.split("}")[1]: child.text for child in app}
    assert fields["Application"] == "samverkan"
    assert fields["AppVersion"].count(".") == 1
    for stale in ("Pages", "Words", "Characters", "Lines", "Paragraphs", "Template"):
        assert stale not in fields


def test_the_two_jarva_agreements_have_titles_of_their_own(tmp_path: Path) -> None:
    titles = set()
    for name in ("järva", "järva-2023"):
        path = _docx_files(REPO_ROOT / "agreements" / name, tmp_path / name)["agreement"]
        properties = docx.Document(str(path)).core_properties
        titles.add(properties.title)
        assert properties.title.startswith("Lokal samverkansöverenskommelse mellan ")
        assert properties.subject.count(" mellan ") == 1
        assert "python-docx" not in properties.author and properties.author
        assert properties.language == "sv-SE"
    assert len(titles) == 2


# -- 5. The reference document's palette -------------------------------------------------


def _scheme(package: zipfile.ZipFile) -> dict[str, tuple[int, int, int]]:
    theme = etree.fromstring(package.read("word/theme/theme1.xml"))
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    scheme = {}
    for colour in theme.find(f".//{a}clrScheme"):
        value = colour[0].get("val") if colour[0].tag == f"{a}srgbClr" else colour[0].get("lastClr")
        scheme[colour.tag.removeprefix(a)] = parse_hex(value)
    return scheme


def test_every_style_colour_in_the_reference_reads_at_wcag_contrast() -> None:
    with zipfile.ZipFile(REPO_ROOT / "templates" / "reference.docx") as package:
        scheme = _scheme(package)
        styles = etree.fromstring(package.read("word/styles.xml"))
    checked: dict[str, float] = {}
    for style in styles.iter(f"{W}style"):
        if style.get(f"{W}type") not in ("paragraph", "character"):
            continue
        name = style.find(f"{W}name").get(f"{W}val")
        for colour in style.iter(f"{W}color"):
            value = colour.get(f"{W}val")
            shown = [] if value in (None, "auto") else [parse_hex(value)]
            theme = colour.get(f"{W}themeColor")
            if theme is not None:
                shade, tint = colour.get(f"{W}themeShade"), colour.get(f"{W}themeTint")
                shown.append(theme_colour(scheme, theme, shade, tint))
            for rgb in shown:
                checked[name] = min(checked.get(name, 21.0), contrast_ratio(rgb, WHITE))
    for name in ("heading 1", "heading 4", "heading 6", "Title", "Subtitle", "Hyperlink"):
        assert name in checked, name
    too_light = {name: round(ratio, 2) for name, ratio in checked.items() if ratio < MIN_CONTRAST}
    assert too_light == {}


def test_minor_headings_are_not_word_blue_italic() -> None:
    reference = docx.Document(str(REPO_ROOT / "templates" / "reference.docx"))
    for level in (4, 5, 6):
        font = reference.styles[f"Heading {level}"].font
        assert not font.italic and font.bold
    contents = [reference.styles[f"TOC {level}"].font.color.rgb for level in range(1, 7)]
    for rgb in contents:  # inherited from Normal (black) unless set
        assert rgb is None or contrast_ratio(parse_hex(str(rgb)), WHITE) >= MIN_CONTRAST


def test_contrast_ratio_is_wcags() -> None:
    assert contrast_ratio((0, 0, 0), WHITE) == pytest.approx(21)
    assert contrast_ratio(parse_hex("4F81BD"), WHITE) == pytest.approx(4.03, abs=0.01)


def test_the_reference_says_samverkan_made_it() -> None:
    with zipfile.ZipFile(
        io.BytesIO((REPO_ROOT / "templates" / "reference.docx").read_bytes())
    ) as z:
        assert b"<Application>samverkan</Application>" in z.read("docProps/app.xml")
        assert not any("thumbnail" in n for n in z.namelist())


# -- Read back from the PDF --------------------------------------------------------------


def _structure_types(node: object, found: list[str]) -> None:
    import pikepdf

    if isinstance(node, pikepdf.Array):
        for kid in node:
            _structure_types(kid, found)
    elif isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            found.append(str(node.S))
        if "/K" in node:
            _structure_types(node.K, found)


def test_the_pdf_has_no_data_table_for_signatures_and_its_own_title(
    jarva: Path, tmp_path: Path
) -> None:
    pikepdf = pytest.importorskip("pikepdf")
    from samverkan_cli.writers.pdf import convert_to_pdfa, find_converter

    if find_converter() is None:
        pytest.skip("LibreOffice saknas: installera med `make install-libreoffice`")
    target = tmp_path / "järva.pdf"
    convert_to_pdfa(jarva, target, source_date_epoch=1_700_000_000)
    with pikepdf.open(target) as pdf:
        found: list[str] = []
        _structure_types(pdf.Root.StructTreeRoot.K, found)
        assert "/Table" not in found and "/TD" not in found  # Järva's only table was this
        with pdf.open_metadata() as metadata:
            title = metadata.get("dc:title")
    assert title is not None and "mellan Järva stadsdelsförvaltning" in str(title)
