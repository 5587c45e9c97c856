"""The DOCX as Word reads it: the contents field, page numbers, header, page breaks, table
header rows, language, properties, the reference document, and reproducible bytes."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.cli.main import cli
from samverkan_cli.writers.reference_document import build_reference_document
from tests.conftest import JARVA, REPO_ROOT

RINKEBY = REPO_ROOT / "agreements" / "rinkeby-kista-2017"


def _built(folder: Path, out: Path, reference: Path | None = None) -> Path:
    result = build_agreement(folder, out, REPO_ROOT, reference=reference)
    return next(p for p in result.written if p.suffix == ".docx" and "tjanste" not in p.name)


@pytest.fixture(scope="module")
def rinkeby(tmp_path_factory: pytest.TempPathFactory) -> docx.document.Document:
    return docx.Document(str(_built(RINKEBY, tmp_path_factory.mktemp("rk"))))


def test_contents_is_a_toc_field_with_its_entries_filled_in(
    rinkeby: docx.document.Document,
) -> None:
    body = rinkeby.element.body
    instructions = [t.text for t in body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith('TOC \\o "1-4"') for i in instructions)  # djup: 4
    kinds = [c.get(qn("w:fldCharType")) for c in body.iter(qn("w:fldChar"))]
    # The TOC field opens first and closes last; each entry's PAGEREF is nested inside it.
    assert kinds[:2] == ["begin", "separate"] and kinds[-1] == "end"
    assert kinds.count("begin") == kinds.count("separate") == kinds.count("end")
    entries = [p.text for p in rinkeby.paragraphs if p.style.name == "TOC 1"]
    assert entries[0].startswith("Bilaga 1. SAMVERKANSÖVERENSKOMMELSE")
    page_refs = [i for i in instructions if i.strip().startswith("PAGEREF _Toc")]
    assert len(page_refs) == kinds.count("begin") - 1
    settings = rinkeby.settings.element
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def test_footer_has_page_x_of_y(rinkeby: docx.document.Document) -> None:
    footer = rinkeby.sections[0].footer._element
    fields = [f.get(qn("w:instr")).strip() for f in footer.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]
    shown = "".join(t.text for t in footer.iter(qn("w:t")))
    assert shown == "Sida 1 av 1"


def test_header_has_title_and_diarienummer(rinkeby: docx.document.Document) -> None:
    lines = rinkeby.sections[0].header.paragraphs[0].text.split("\n")
    assert lines[0].startswith("Samverkansöverenskommelse mellan Rinkeby-Kista")
    assert "Dnr Polisen: A182.072/2016" in lines


def test_every_bilaga_follows_a_page_break(rinkeby: docx.document.Document) -> None:
    paragraphs = rinkeby.paragraphs
    starts = [
        i
        for i, p in enumerate(paragraphs)
        if p.style.name == "Heading 1" and p.text.startswith("Bilaga ")
    ]
    assert len(starts) == 7
    for index in starts:
        assert 'w:type="page"' in paragraphs[index - 1]._p.xml


def test_table_header_rows_repeat(rinkeby: docx.document.Document) -> None:
    plans = [t for t in rinkeby.tables if t.cell(0, 0).text == "Åtgärdsplan"]
    for table in plans:
        header = table.rows[0]._tr.find(qn("w:trPr") + "/" + qn("w:tblHeader"))
        assert header is not None and header.get(qn("w:val")) == "true"


def test_language_and_properties(rinkeby: docx.document.Document) -> None:
    lang = rinkeby.styles.element.find(
        qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr") + "/" + qn("w:lang")
    )
    assert lang.get(qn("w:val")) == "sv-SE"
    props = rinkeby.core_properties
    assert props.title.startswith("Samverkansöverenskommelse mellan")
    assert props.author == "Rinkeby-Kista stadsdelsförvaltning; Lokalpolisområde Rinkeby"
    assert props.language == "sv-SE"
    assert props.created.date().isoformat() == "2017-01-01"


def test_two_builds_give_the_same_bytes(tmp_path: Path) -> None:
    hashes = set()
    for run in ("a", "b"):
        out = tmp_path / run
        build_agreement(JARVA, out, REPO_ROOT)
        hashes.add(tuple(hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())))
    assert len(hashes) == 1


def test_zip_entries_carry_the_document_date_not_the_clock(tmp_path: Path) -> None:
    data = _built(JARVA, tmp_path).read_bytes()
    stamps = {info.date_time for info in zipfile.ZipFile(io.BytesIO(data)).infolist()}
    assert stamps == {(2024, 6, 1, 0, 0, 0)}


def test_source_date_epoch_sets_the_dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    data = _built(JARVA, tmp_path).read_bytes()
    stamps = {info.date_time for info in zipfile.ZipFile(io.BytesIO(data)).infolist()}
    assert stamps == {(2023, 11, 14, 22, 13, 20)}
    assert docx.Document(io.BytesIO(data)).core_properties.created.year == 2023


def test_the_shipped_reference_document_is_up_to_date() -> None:
    shipped = (REPO_ROOT / "templates" / "reference.docx").read_bytes()
    assert shipped == build_reference_document(), "run 'make reference'"


def test_a_municipality_reference_document_gives_its_styles(tmp_path: Path) -> None:
    reference = docx.Document(str(REPO_ROOT / "templates" / "reference.docx"))
    reference.styles["Normal"].font.name = "Georgia"
    reference.styles["Heading 1"].font.name = "Georgia"
    path = tmp_path / "kommunen.docx"
    reference.save(str(path))
    built = docx.Document(str(_built(JARVA, tmp_path / "out", path)))
    assert built.styles["Normal"].font.name == "Georgia"
    assert next(p.text for p in built.paragraphs if p.style.name == "Heading 1") == (
        "Lokal samverkansöverenskommelse"
    )


def test_referens_option_and_its_errors(in_repo: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(cli, ["build", "järva", "--referens", str(tmp_path / "saknas.docx")])
    assert missing.exit_code == 2
    assert "referensdokumentet" in missing.output and "finns inte" in missing.output
    broken = tmp_path / "trasig.docx"
    broken.write_text("inte en docx", encoding="utf-8")
    result = runner.invoke(
        cli, ["build", "järva", "--referens", str(broken), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    assert "SV020 fel: referensdokumentet" in result.output
    assert "är inte ett Word-dokument" in result.output
    assert not (tmp_path / "o").exists()


def test_the_organisation_chart_is_a_picture_with_alt_text(tmp_path: Path) -> None:
    path = _built(JARVA, tmp_path)
    document = docx.Document(str(path))
    [shape] = document.inline_shapes
    described = [p.get("descr") for p in document.element.body.iter(qn("wp:docPr"))]
    assert described == [
        "Samverkansorganisationen: Lokal styrgrupp, Lokal beredningsgrupp och Lokala arbetsgrupper"
    ]
    assert shape.width > 0
    png = tmp_path / "lokal-samverkansoverenskommelse-jarva-organisation.png"
    svg = tmp_path / "lokal-samverkansoverenskommelse-jarva-organisation.svg"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<title>Samverkansorganisation</title>" in svg.read_text(encoding="utf-8")
