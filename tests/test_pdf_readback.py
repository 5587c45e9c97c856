"""The PDFs `build --pdf` writes, read back: PDF/A-2b and PDF/UA-1 claims and what they rest
on (tags, language, title, alternative texts, header cells), byte-identical builds, the table
of contents with page numbers and links in the PDF and in the DOCX, and the pages as a reader
sees them (rendered by pdftoppm: no page left nearly empty unless a bilaga follows, the
signature block on one page).

Each example is built once per module (LibreOffice takes seconds); the tests skip without
LibreOffice, unless SAMVERKAN_REQUIRE_PDF=1 (set by .ci/run) makes that a failure.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.writers.pdf_pages import uno_python
from tests.conftest import JARVA, REPO_ROOT
from tests.test_pdf import _require_converter

RINKEBY_KISTA = REPO_ROOT / "agreements" / "rinkeby-kista-2017"
LEAST_FILLED = 0.20
"""A page whose body ends above this share of the text area is nearly empty."""


@dataclass(frozen=True)
class Built:
    pdf: bytes
    docx: bytes
    path: Path


def _build(folder: Path, out: Path) -> Built:
    _require_converter()
    written = build_agreement(folder, out, REPO_ROOT, pdf=True).written
    [pdf] = [p for p in written if p.suffix == ".pdf" and "tjansteutlatande" not in p.name]
    return Built(pdf.read_bytes(), pdf.with_suffix(".docx").read_bytes(), pdf)


@pytest.fixture(scope="module")
def jarva(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(JARVA, tmp_path_factory.mktemp("jarva"))


@pytest.fixture(scope="module")
def rinkeby_kista(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(RINKEBY_KISTA, tmp_path_factory.mktemp("rinkeby-kista"))


def _open(built: Built) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(built.pdf))


# --- conformance and metadata ---------------------------------------------------------


@pytest.mark.parametrize("name", ["jarva", "rinkeby_kista"])
def test_claims_pdfa_2b_and_pdfua_1_with_what_they_need(
    name: str, request: pytest.FixtureRequest
) -> None:
    built: Built = request.getfixturevalue(name)
    with _open(built) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2"
        assert meta["pdfaid:conformance"] == "B"
        assert meta["pdfuaid:part"] == "1"
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "sv-SE"
        assert set(meta["dc:language"]) == {"sv-SE"}
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        title = str(pdf.docinfo.Title)
        assert meta["dc:title"] == title
        assert title and title == _docx_title(built.docx)
        assert meta["xmp:CreateDate"] == meta["xmp:ModifyDate"] == meta["xmp:MetadataDate"]
        assert str(pdf.docinfo.CreationDate) == str(pdf.docinfo.ModDate)
        assert "/DocChecksum" not in pdf.trailer
        assert str(pdf.Root.Outlines.First.Title).strip()  # bookmarks from the headings


def _docx_title(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        core = package.read("docProps/core.xml").decode("utf-8")
    found = re.search(r"<dc:title>([^<]*)</dc:title>", core)
    assert found is not None
    return found.group(1).replace("&amp;", "&")


def _structure(pdf: pikepdf.Pdf) -> list[Any]:
    """Every structure element, depth first."""
    found: list[Any] = []
    pending = [pdf.Root.StructTreeRoot]
    while pending:
        node = pending.pop()
        kids = node.get("/K")
        if kids is None:
            continue
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                found.append(kid)
                pending.append(kid)
    return found


@pytest.mark.parametrize("name", ["jarva", "rinkeby_kista"])
def test_structure_tree_has_headings_figures_with_alt_and_header_cells(
    name: str, request: pytest.FixtureRequest
) -> None:
    built: Built = request.getfixturevalue(name)
    with _open(built) as pdf:
        elements = _structure(pdf)
        kinds = {str(e.S) for e in elements}
        assert {"/H1", "/H2"} <= kinds
        figures = [e for e in elements if str(e.S) == "/Figure"]
        assert figures, "the organisation chart is a Figure"
        assert all(str(f.get("/Alt", "")).strip() for f in figures)
        tables = [e for e in elements if str(e.S) == "/Table"]
        for table in tables:  # a data table has header cells; a layout is no Table
            cells = {str(e.S) for e in _structure_below(table)}
            assert "/TH" in cells, "a Table without TH (the signature block?)"


def _structure_below(element: Any) -> list[Any]:
    found: list[Any] = []
    pending = [element]
    while pending:
        node = pending.pop()
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                found.append(kid)
                pending.append(kid)
    return found


def test_two_builds_give_the_same_bytes(jarva: Built, tmp_path: Path) -> None:
    again = _build(JARVA, tmp_path)
    assert again.docx == jarva.docx
    assert again.pdf == jarva.pdf


# --- the table of contents ------------------------------------------------------------


def _destination_pages(pdf: pikepdf.Pdf) -> dict[str, int]:
    pages = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    dests = pdf.Root.get("/Dests", pikepdf.Dictionary())
    # LibreOffice writes a bookmark's "_" as "5F" in the destination's name
    return {str(name)[1:]: pages[dest[0].objgen] for name, dest in dests.items()}


def _contents_results(docx: bytes) -> list[tuple[str, str]]:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    found = re.findall(
        r"PAGEREF (\S+) \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/>"
        r"</w:r><w:r><w:t>(\d*)</w:t>",
        xml,
    )
    return [(name, number) for name, number in found]


def test_contents_page_numbers_are_the_pages_of_the_headings(rinkeby_kista: Built) -> None:
    python = uno_python(_require_converter())
    has_uno = python is not None and subprocess.run([python, "-c", "import uno"]).returncode == 0
    if not has_uno:
        pytest.skip("LibreOffices Python med uno saknas (python3-uno)")
    results = _contents_results(rinkeby_kista.docx)
    assert len(results) > 50
    with _open(rinkeby_kista) as pdf:
        pages = _destination_pages(pdf)
    for name, number in results:
        assert number == str(pages[name.replace("_", "5F")]), name
    with zipfile.ZipFile(io.BytesIO(rinkeby_kista.docx)) as package:
        settings = package.read("word/settings.xml").decode("utf-8")
        document = package.read("word/document.xml").decode("utf-8")
    assert "updateFields" not in settings  # Word does not ask
    assert "\\b _Toc_samverkan" in document


def test_contents_list_neither_the_title_nor_themselves(rinkeby_kista: Built) -> None:
    text = _page_texts(rinkeby_kista.path)
    contents_page = next(t for t in text if "Innehållsförteckning" in t)
    entries = [line for line in contents_page.splitlines() if "....." in line]
    assert entries
    assert not any(line.startswith("Innehållsförteckning") for line in entries)
    assert not any(line.startswith("Samverkansöverenskommelse mellan") for line in entries)
    assert all(re.search(r"\.\s*\d+$", line) for line in entries)  # page numbers shown


def test_contents_entries_are_links_to_their_headings(rinkeby_kista: Built) -> None:
    with _open(rinkeby_kista) as pdf:
        text = _page_texts(rinkeby_kista.path)
        number = next(i for i, t in enumerate(text) if "Innehållsförteckning" in t)
        links = [
            a
            for a in pdf.pages[number].get("/Annots", [])
            if str(a.get("/Subtype")) == "/Link" and ("/Dest" in a or "/A" in a)
        ]
    entries = [line for line in text[number].splitlines() if "....." in line]
    assert len(links) >= len(entries) > 10


# --- the pages as a reader sees them ----------------------------------------------------


def _page_texts(path: Path) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext saknas (poppler-utils)")
    result = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
        stdin=subprocess.DEVNULL,
    )
    return result.stdout.decode("utf-8").split("\f")[:-1]


def _filled_shares(path: Path, folder: Path) -> list[float]:
    """For each page, where its body's last ink is, as a share of the text area's height
    (header and footer left out)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm saknas (poppler-utils)")
    from PIL import Image

    subprocess.run(
        ["pdftoppm", "-r", "24", "-gray", str(path), str(folder / "sida")],
        check=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    shares = []
    for image_path in sorted(folder.glob("sida-*.pgm")):
        with Image.open(image_path) as image:
            width, height = image.size
            top, bottom = int(height * 3.2 / 29.7), int(height * 26.7 / 29.7)
            pixels = image.load()
            inked = [
                y
                for y in range(top, bottom)
                if any(pixels[x, y] < 128 for x in range(width))  # type: ignore[index,operator]
            ]
        shares.append((max(inked) - top) / (bottom - top) if inked else 0.0)
    return shares


@pytest.mark.parametrize("name", ["jarva", "rinkeby_kista"])
def test_no_page_nearly_empty_unless_a_bilaga_follows(
    name: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    built: Built = request.getfixturevalue(name)
    shares = _filled_shares(built.path, tmp_path)
    texts = _page_texts(built.path)
    assert len(shares) == len(texts)
    nearly_empty = []
    for number, share in enumerate(shares):
        last = number == len(shares) - 1
        before_bilaga = not last and _starts_bilaga(texts[number + 1])
        if share < LEAST_FILLED and number > 0 and not last and not before_bilaga:
            nearly_empty.append(number + 1)
    assert nearly_empty == [], f"sidor fyllda under {LEAST_FILLED:.0%}: {nearly_empty}"


def _starts_bilaga(page: str) -> bool:
    """The page's body (after the running header) begins with a bilaga's heading."""
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    body = [line for line in lines if not line.startswith(("Dnr", "Sida"))]
    return any(line.startswith("Bilaga") for line in body[:3])


def test_signature_block_on_one_page(jarva: Built) -> None:
    texts = _page_texts(jarva.path)
    place = [i for i, t in enumerate(texts) if "Spånga den 1 juni 2024" in t]
    last_title = [i for i, t in enumerate(texts) if "Lokalpolisområdeschef" in t]
    assert place and last_title
    assert place[0] == last_title[-1] or place[0] in last_title
