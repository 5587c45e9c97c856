"""The medborgarlöfte example (`init --mall medborgarlöfte`): it validates clean, its golden
Markdown, and its DOCX read back with python-docx (the signature table, the "lovar att"
lists, the follow-up dates).

Regenerate the golden file after an intended change with: UPDATE_GOLDEN=1 make test
"""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import docx
import pytest

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.check.folder import CheckSettings, check_folder
from samverkan_cli.render.agreement_document import agreement_document
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.writers import write_markdown
from tests.conftest import REPO_ROOT

NAME = "exempel-medborgarlofte"
FOLDER = REPO_ROOT / "agreements" / NAME
GOLDEN = Path(__file__).parent / "golden" / f"{NAME}.md"
Document = docx.document.Document


@pytest.mark.parametrize("day", ["2025-12-15", "2026-06-30", "2026-12-31"])
def test_the_example_validates_clean(day: str) -> None:
    _, problems = check_folder(FOLDER, CheckSettings(today=dt.date.fromisoformat(day)))
    assert problems == []


def test_markdown_matches_golden() -> None:
    loaded = load_agreement(FOLDER)
    assert loaded.agreement is not None, loaded.problems
    rendered = write_markdown(agreement_document(loaded, REPO_ROOT))
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(rendered, encoding="utf-8")
    assert rendered == GOLDEN.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Document:
    result = build_agreement(FOLDER, tmp_path_factory.mktemp("loftet"), REPO_ROOT)
    [path] = [p for p in result.written if p.suffix == ".docx"]
    assert path.name == "medborgarlofte-exempelstad-2026.docx"
    return docx.Document(io.BytesIO(path.read_bytes()))


def _under(document: Document, heading: str, level: str = "Heading 2") -> list[tuple[str, str]]:
    """(style, text) of the paragraphs after a heading, up to the next heading."""
    paragraphs = document.paragraphs
    [start] = [i for i, p in enumerate(paragraphs) if p.text == heading]
    assert paragraphs[start].style.name == level
    found = []
    for paragraph in paragraphs[start + 1 :]:
        if paragraph.style.name.startswith("Heading"):
            break
        if paragraph.text:
            found.append((paragraph.style.name, paragraph.text))
    return found


def test_the_document_is_one_title_its_sections_and_the_promises(built: Document) -> None:
    headings = [
        (p.style.name, p.text) for p in built.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings[0] == ("Heading 1", "Medborgarlöfte 2026 för Exempelstad")
    assert ("Heading 1", "Bilaga 1. Medborgarlöften 2026") in headings
    after_bilaga = headings[headings.index(("Heading 1", "Bilaga 1. Medborgarlöften 2026")) + 1 :]
    assert after_bilaga == [
        ("Heading 2", "Polisen lovar att"),
        ("Heading 2", "Kommunen lovar att"),
        ("Heading 2", "Tillsammans lovar vi att"),
        ("Heading 2", "Uppföljning"),
    ]


def test_signed_by_the_kommun_and_the_lokalpolisomrade(built: Document) -> None:
    [table] = [t for t in built.tables if t.style is None or t.style.name != "Table Grid"]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Exempelstad den 15 december 2025"] * 2
    assert rows[-2] == ["Sara Provström", "Mikael Testlund"]
    assert rows[-1] == [
        "Kommunstyrelsens ordförande, Exempelstads kommun",
        "Chef för lokalpolisområde Exempelstad",
    ]


def test_the_promises_are_bullets_with_counts_and_fokusomraden(built: Document) -> None:
    police = _under(built, "Polisen lovar att")
    assert {style for style, _ in police} == {"List Bullet"}
    assert police[0][1] == (
        "genomföra minst fyrtio (40) hastighetskontroller vid skolorna under terminerna "
        "(fokusområde: Hastighet vid skolorna)"
    )
    kommunen = _under(built, "Kommunen lovar att")
    assert [style for style, _ in kommunen] == ["List Bullet"] * 4
    assert (
        kommunen[0][1]
        == "bygga fyra (4) nya farthinder vid skolorna (fokusområde: Hastighet vid skolorna)"
    )
    assert _under(built, "Uppföljning") == [
        ("Normal", "Löftena följs upp 2026-06-12 och 2026-12-04.")
    ]
