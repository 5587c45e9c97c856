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


@pytest.mark.parametrize("day", ["2026-03-20", "2026-06-30", "2026-10-01", "2026-12-20"])
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
    assert headings[0] == ("Heading 1", "Medborgarlöfte för Västerby och centrum 2026")
    # A standalone medborgarlöfte: the promises are the document's own, not a bilaga.
    assert not any(text.startswith("Bilaga") for _, text in headings)
    after = headings[headings.index(("Heading 2", "Löften")) + 1 :]
    assert after[:7] == [
        ("Heading 3", "Fokusområden"),
        ("Heading 3", "Polisen lovar att"),
        ("Heading 3", "Kommunen lovar att"),
        ("Heading 3", "Bostadsbolaget lovar att"),
        ("Heading 3", "Tillsammans lovar vi att"),
        ("Heading 3", "Nattvandrarna lovar att"),
        ("Heading 3", "Uppföljning"),
    ]


def test_signed_by_three_parties_one_neither_kommun_nor_police(built: Document) -> None:
    names = {paragraph.text for paragraph in built.paragraphs}  # the signature block
    assert {"Sara Provström", "Mikael Testlund", "Lena Exempelsson"} <= names
    assert "Vd, Exempelstads Bostäder AB" in names


def test_the_promises_are_bullets_under_their_focus_area_once(built: Document) -> None:
    housing = _under(built, "Bostadsbolaget lovar att", "Heading 3")
    assert housing == [
        ("Normal", "Fokusområde: Otrygga gårdar och källare i Västerby"),
        ("List Bullet", "byta belysningen på sex (6) gårdar i Västerby"),
        ("List Bullet", "låsa om alla källargångar i Västerby"),
    ]
    police = _under(built, "Polisen lovar att", "Heading 3")
    assert police[-1] == (
        "List Bullet",
        "genomföra minst åtta (8) hastighetskontroller vid skolorna under perioden",
    )
    joint = _under(built, "Tillsammans lovar vi att", "Heading 3")
    assert joint == [("List Bullet", "genomföra fyra (4) trygghetsvandringar med invånarna per år")]
    assert _under(built, "Uppföljning", "Heading 3") == [
        ("Normal", "Löftena följs upp 2026-06-16 och 2026-09-15 (i styrgruppen)."),
        (
            "Normal",
            "Återrapport 2026-10-20: till kommunstyrelsen och till invånarna vid ett öppet möte.",
        ),
    ]
