"""The organisation chart as a reader sees it: in the document's typeface with real å, ä
and ö, every word shown (wrapped, never cut), printed at about the body text's size and on
one page with its caption, and its alternative text said once."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from PIL import Image

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.core.problems import Severity
from samverkan_cli.document.parsing import parse_markdown
from samverkan_cli.document.tree import DocumentInfo, Figure
from samverkan_cli.model.agreement import Organisation
from samverkan_cli.model.chart_bounds import MAX_CHART_TEXT, chart_is_drawn
from samverkan_cli.orgchart.chart import chart_layout, organisation_chart
from samverkan_cli.orgchart.layout_model import ChartLayout
from samverkan_cli.orgchart.style import BODY_SIZE, PAGE_WIDTH, POINTS_PER_UNIT
from samverkan_cli.orgchart.typeface import SWEDISH_LETTERS, chart_font, chart_font_path
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.writers.docx_figure import png_geometry
from samverkan_cli.writers.markdown import write_markdown
from tests.agreement_copy import AgreementCopy
from tests.conftest import JARVA, REPO_ROOT
from tests.test_rules import covers_rule, only, position

SVG = "{http://www.w3.org/2000/svg}"
EMU_PER_POINT = 12700

LONG_HEADING = (
    "Gemensamma lokala samverkansgruppen för trygghet, brottsförebyggande arbete och "
    "ungdomsfrågor i Rinkeby, Tensta, Hjulsta, Husby, Akalla och Kista med omnejd"
)
LONG_FUNCTION = (
    "Representanter för skolor, fritidsgårdar, socialtjänstens fältassistenter, "
    "bostadsbolagens trygghetsvärdar och lokalpolisområdets kommunpoliser, som "
    "tillsammans ansvarar för det förebyggande arbetet i området"
)


def _organisation(name: str) -> Organisation:
    agreement = load_agreement(REPO_ROOT / "agreements" / name).agreement
    assert agreement is not None and agreement.organisation is not None
    return agreement.organisation


def _long_organisation() -> Organisation:
    return Organisation.model_validate(
        {
            "forum": [
                {
                    "id": "styr",
                    "roll": "styrgrupp",
                    "rubrik": LONG_HEADING,
                    "funktioner": {"inledning": "I gruppen ingår:", "lista": [LONG_FUNCTION]},
                    "möten": {"frekvens": "vid behov"},
                },
                {"id": "a", "roll": "områdesgrupp", "rubrik": "Områdesgrupp Åkeshov"},
                {"id": "b", "roll": "områdesgrupp", "rubrik": "Områdesgrupp Ängby"},
                {"id": "c", "roll": "områdesgrupp", "rubrik": "Områdesgrupp Östberga"},
            ]
        }
    )


def _words(text: str) -> list[str]:
    return text.replace(",", " ").split()


# --- wrapping, never cutting ------------------------------------------------------------------


def test_a_long_heading_and_function_wrap_with_every_word_in_the_svg() -> None:
    layout = chart_layout(_long_organisation())
    svg, _ = organisation_chart(_long_organisation())
    root = ET.fromstring(svg.encode("utf-8"))
    texts = [element.text or "" for element in root.iter(f"{SVG}text")]
    assert not any("…" in text for text in texts)
    shown = " ".join(texts).split()
    for word in _words(LONG_HEADING) + _words(LONG_FUNCTION):
        assert any(word in piece for piece in shown), word
    box = layout.box("styr")
    assert len(box.title_lines) >= 3  # the heading took the lines it needs
    assert " ".join(line.text for line in box.title_lines) == LONG_HEADING
    for line in (*box.title_lines, *box.lines):
        assert line.x + line.width <= box.x + box.width


@pytest.mark.parametrize("name", ["järva", "järva-2023", "rinkeby-kista-2017", "exempel-kommun"])
def test_no_example_chart_cuts_a_text(name: str) -> None:
    layout = chart_layout(_organisation(name))
    lines = [line.text for box in layout.boxes for line in (*box.title_lines, *box.lines)]
    assert lines and not any("…" in line for line in lines)


def test_the_long_jarva_function_is_shown_in_full() -> None:
    styrgrupp = chart_layout(_organisation("järva")).box("styrgrupp")
    body = " ".join(styrgrupp.texts)
    assert "Särskilt prioriterade i detta hänseende är trafikkontoret och stadens" in body
    assert body.count("…") == 0


# --- the typeface -----------------------------------------------------------------------------


def test_the_chart_font_is_a_real_font_with_swedish_letters() -> None:
    font = chart_font(44)
    for letter in SWEDISH_LETTERS:
        assert font.getmask(letter).getbbox() is not None
    # Each letter is its own glyph: none is drawn like a character the font lacks.
    missing = font.getmask("\ue000").getbbox()
    assert all(font.getmask(letter).getbbox() != missing for letter in SWEDISH_LETTERS)
    assert font.getmask("å").getbbox() != font.getmask("a").getbbox()


def test_liberation_sans_is_used_where_it_is_installed() -> None:
    known = Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf")
    if not known.is_file():
        pytest.skip("fonts-liberation2 is not installed")
    assert chart_font_path() == str(known)
    assert chart_font(20).getname()[0] == "Liberation Sans"


def test_a_machine_without_system_fonts_uses_the_packaged_vera_sans(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from samverkan_cli.orgchart import typeface

    monkeypatch.setattr(typeface, "_KNOWN_PLACES", ())
    monkeypatch.setattr(typeface, "_FALLBACK_PLACES", ())
    monkeypatch.setattr(typeface, "_fc_match", lambda pattern: ())
    typeface.chart_font_path.cache_clear()
    try:
        path = typeface.chart_font_path()
        assert Path(path).name == "Vera.ttf"
        from PIL import ImageFont

        assert typeface.has_letters(ImageFont.truetype(path, 40))
    finally:
        typeface.chart_font_path.cache_clear()


def test_the_svg_names_the_documents_font() -> None:
    svg, _ = organisation_chart(_organisation("järva"))
    root = ET.fromstring(svg.encode("utf-8"))
    families = {g.get("font-family") for g in root.iter(f"{SVG}g") if g.get("font-family")}
    assert families == {"Arial, 'Liberation Sans', Arimo, Helvetica, sans-serif"}


def test_the_png_text_is_drawn_and_the_png_says_its_print_size() -> None:
    layout = chart_layout(_organisation("järva"))
    _, png = organisation_chart(_organisation("järva"))
    image = Image.open(io.BytesIO(png))
    wide, high, per_metre = png_geometry(png)
    assert (wide, high) == image.size == (layout.width * 2, layout.height * 2)
    points_wide = wide / per_metre / 0.0254 * 72
    assert points_wide == pytest.approx(layout.width * POINTS_PER_UNIT, rel=0.01)
    # The title "Lokal styrgrupp" is drawn in white on the heading band.
    box = layout.box("styrgrupp")
    line = box.title_lines[0]
    band = image.crop(
        (line.x * 2, (line.baseline - 12) * 2, (line.x + line.width) * 2, line.baseline * 2)
    )
    darkest, lightest = band.convert("L").getextrema()
    assert isinstance(darkest, int) and isinstance(lightest, int)
    assert darkest < 100 and lightest >= 250  # white letters on the dark blue band


# --- size on the page -------------------------------------------------------------------------


def test_the_chart_is_planned_for_the_page() -> None:
    for name in ("järva", "rinkeby-kista-2017", "exempel-kommun"):
        assert chart_layout(_organisation(name)).width <= PAGE_WIDTH, name


def _built_docx(folder: Path, out: Path) -> tuple[Any, Path]:
    result = build_agreement(folder, out, REPO_ROOT)
    path = next(p for p in result.written if p.suffix == ".docx" and "tjanste" not in p.name)
    return docx.Document(str(path)), path


def _figure_paragraph(document: Any) -> Any:
    [drawing] = list(document.element.body.iter(qn("w:drawing")))
    paragraph = drawing.getparent()
    while paragraph.tag != qn("w:p"):
        paragraph = paragraph.getparent()
    return paragraph


@pytest.mark.parametrize("name", ["järva", "rinkeby-kista-2017", "exempel-kommun"])
def test_the_docx_prints_the_chart_text_at_body_size_on_one_page(name: str, tmp_path: Path) -> None:
    document, _ = _built_docx(REPO_ROOT / "agreements" / name, tmp_path)
    layout: ChartLayout = chart_layout(_organisation(name))
    [extent] = list(document.element.body.iter(qn("wp:extent")))
    width_pt = int(extent.get("cx")) / EMU_PER_POINT
    height_pt = int(extent.get("cy")) / EMU_PER_POINT
    body_text_pt = width_pt / layout.width * BODY_SIZE
    assert 9 <= body_text_pt <= 12, body_text_pt
    section = document.sections[-1]
    text_width = (section.page_width - section.left_margin - section.right_margin) / 12700
    text_height = (section.page_height - section.top_margin - section.bottom_margin) / 12700
    assert width_pt <= text_width
    assert height_pt <= text_height - 2 * 28.35  # room for the caption below it


def test_the_picture_is_kept_with_its_caption_and_described_once(tmp_path: Path) -> None:
    document, _ = _built_docx(JARVA, tmp_path)
    paragraph = _figure_paragraph(document)
    properties = paragraph.find(qn("w:pPr"))
    assert properties is not None and properties.find(qn("w:keepNext")) is not None
    caption = paragraph.getnext()
    assert caption.find(qn("w:pPr")).find(qn("w:pStyle")).get(qn("w:val")) == "Caption"
    assert "".join(t.text for t in caption.iter(qn("w:t"))) == "Samverkansorganisationen"
    [doc_pr] = list(paragraph.iter(qn("wp:docPr")))
    description = doc_pr.get("descr")
    assert description.startswith("Samverkansorganisationen: Lokal styrgrupp")
    assert doc_pr.get("title") in (None, "") or doc_pr.get("title") != description


def test_the_svg_title_and_description_differ() -> None:
    svg, _ = organisation_chart(_organisation("järva"))
    root = ET.fromstring(svg.encode("utf-8"))
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert title.text and desc.text and title.text != desc.text


def test_the_caption_goes_through_markdown_and_back() -> None:
    source = '![Schema: A och B](schema.png "Samverkansorganisationen")\n'
    document = parse_markdown(source, DocumentInfo(title="T"))
    [figure] = document.blocks
    assert figure == Figure("schema.png", "Schema: A och B", "Samverkansorganisationen")
    written = write_markdown(document)
    assert written == source
    quoted = Figure("s.png", "alt", 'Bild "ett"')
    again = parse_markdown(write_markdown(type(document)((quoted,), document.info)), document.info)
    assert again.blocks == (quoted,)


# --- SV206: a text too long to show in full ---------------------------------------------------


def test_a_text_longer_than_the_limit_is_no_chart() -> None:
    organisation = Organisation.model_validate(
        {"forum": [{"id": "s", "roll": "styrgrupp", "rubrik": "Styrgrupp " * 40}]}
    )
    assert len(organisation.forums[0].heading) > MAX_CHART_TEXT
    assert not chart_is_drawn(organisation)


@covers_rule("SV206")
def test_sv206_a_function_too_long_for_the_chart(jarva: AgreementCopy, tmp_path: Path) -> None:
    long = "Representant med mandat" + " från förvaltningen" * 20
    text = jarva.edit(
        "          - Stadsdelsdirektör\n", f"          - Stadsdelsdirektör\n          - {long}\n"
    )
    problem = only(jarva.check(), "SV206")
    assert problem.severity is Severity.WARNING
    line, column = position(text, long)
    assert (problem.location.line, problem.location.column) == (line, column)
    assert f"funktionen har {len(long)} tecken" in problem.message
    written = build_agreement(jarva.folder, tmp_path / "ut").written
    assert not [p for p in written if "organisation" in p.name]


def test_decomposed_letters_are_drawn_as_the_fonts_own() -> None:
    """A heading typed with combining marks (as macOS may save it) is shown composed."""
    organisation = Organisation.model_validate(
        {"forum": [{"id": "s", "roll": "styrgrupp", "rubrik": "Styrgrupp Ma\u0308laro\u0308arna"}]}
    )
    [line] = chart_layout(organisation).box("s").title_lines
    assert line.text == "Styrgrupp Mälaröarna"
