"""The tjänsteutlåtande: built beside the agreement, filled from the agreement's own data."""

from __future__ import annotations

import os
from pathlib import Path

import docx

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.check.folder import check_folder
from samverkan_cli.render.agreement_document import report_document
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.writers import write_markdown
from tests.conftest import JARVA, REPO_ROOT

GOLDEN = Path(__file__).parent / "golden" / "järva-tjansteutlatande.md"
SECTIONS = [
    "Förslag till beslut",
    "Sammanfattning",
    "Bakgrund",
    "Ärendets beredning",
    "Ärendet",
    "Synpunkter och förslag",
    "Bilaga",
]


def _report_markdown(folder: Path) -> str:
    loaded = load_agreement(folder)
    assert loaded.report is not None, loaded.problems
    return write_markdown(report_document(loaded, REPO_ROOT))


def test_report_markdown_matches_golden() -> None:
    rendered = _report_markdown(JARVA)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(rendered, encoding="utf-8")
    assert rendered == GOLDEN.read_text(encoding="utf-8")


def test_report_docx_has_the_sections_of_seed_000(tmp_path: Path) -> None:
    result = build_agreement(JARVA, tmp_path, REPO_ROOT)
    [path] = [p for p in result.written if p.name.endswith("tjansteutlatande.docx")]
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == SECTIONS


def test_report_follows_the_agreement_data(scratch_repo: Path) -> None:
    folder = scratch_repo / "agreements" / "järva"
    source = folder / "overenskommelse.yaml"
    text = source.read_text(encoding="utf-8")
    text = text.replace("från: 2024-06-01", "från: 2024-07-01")
    text = text.replace("namn: Lokalpolisområde Järva", "namn: Lokalpolisområde Järva Nord")
    source.write_text(text, encoding="utf-8")
    rendered = _report_markdown(folder)
    assert "Lokalpolisområde Järva Nord gäller från och med 2024-07-01 tills vidare." in rendered
    assert "- Otrygga brottsutsatta platser: situationell prevention" in rendered
    assert rendered.rstrip().endswith("- Lokal samverkansöverenskommelse")


def test_report_schema_errors_are_located(scratch_repo: Path) -> None:
    folder = scratch_repo / "agreements" / "järva"
    report = folder / "tjansteutlatande.yaml"
    text = report.read_text(encoding="utf-8").replace("förslag_till_beslut:", "förslag:")
    report.write_text(text, encoding="utf-8")
    _, problems = check_folder(folder)
    messages = {
        (p.rule, p.message) for p in problems if p.location.file.endswith("tjansteutlatande.yaml")
    }
    assert (
        "SV010",
        "okänt fält 'förslag'; menade du 'förslag_till_beslut'? "
        "(t.ex. förslag_till_beslut: [Text])",
    ) in messages
    assert (
        "SV010",
        "fältet 'förslag_till_beslut' saknas; lägg till det, t.ex. förslag_till_beslut: [Text]",
    ) in messages
