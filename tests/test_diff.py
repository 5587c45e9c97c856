"""`samverkan diff`: what changed between two versions of an agreement, in Swedish Markdown.

Järva 2023 (seed 004) and Järva 2024 (seed 001) are the real pair; the scratch repository
gives small, exact changes and a version with a schema error.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from samverkan_cli.cli.main import cli
from samverkan_cli.core.errors import ProblemsFound
from samverkan_cli.diff.versions import diff_agreements, diff_folders
from samverkan_cli.model import Agreement
from samverkan_cli.source.loading import load_agreement
from tests.conftest import JARVA, REPO_ROOT

JARVA_2023 = REPO_ROOT / "agreements" / "järva-2023"


@pytest.fixture(scope="module")
def jarva_changes() -> str:
    return diff_folders(JARVA_2023, JARVA)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _agreement(folder: Path) -> Agreement:
    loaded = load_agreement(folder)
    assert loaded.agreement is not None, loaded.problems
    return loaded.agreement


def _copy_with(root: Path, name: str, old: str, new: str) -> Path:
    """A copy of järva-2023 under another name with one piece of text replaced."""
    folder = root / "agreements" / name
    shutil.copytree(root / "agreements" / "järva-2023", folder)
    source = folder / "overenskommelse.yaml"
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    source.write_text(text.replace(old, new), encoding="utf-8")
    return folder


def test_report_is_headed_by_both_names(jarva_changes: str) -> None:
    assert jarva_changes.startswith("# Ändringar från järva-2023 till järva\n")


def test_party_changes_are_listed_under_the_party(jarva_changes: str) -> None:
    lines = jarva_changes.splitlines()
    assert "## Parter" in lines
    assert "### Part: Järva stadsdelsförvaltning" in lines
    assert "- namn: Järva stadsdelsnämnd → Järva stadsdelsförvaltning" in lines
    assert "- typ: stadsdelsnämnd → stadsdelsförvaltning" in lines
    assert "- namn: Lokalpolisområde Rinkeby → Lokalpolisområde Järva" in lines
    assert "- postadress: Sundbybergsvägen 15 171 87 Solna → Rinkebyplan 2 163 74 Spånga" in lines
    assert "- kortnamn: LPO Rinkeby → Polisen" in lines


def test_forum_frequency_and_functions(jarva_changes: str) -> None:
    lines = jarva_changes.splitlines()
    assert "### Forum: Lokal beredningsgrupp" in lines
    assert "- möten: vid behov → minst fyra (4) tillfällen per år" in lines
    assert "- möten: minst två tillfällen per år → minst två (2) tillfällen per år" in lines
    assert "- Borttagen funktion: Grundskolechef, utbildningsförvaltningen" in lines
    assert "- Ny funktion: Representant med mandat från stadsdelsförvaltningen" in lines
    assert "- Borttaget forum: Lokala samverkansgrupper (samverkansgrupp)" in lines
    assert "- Nytt forum: Lokala arbetsgrupper (arbetsgrupp)" in lines


def test_meeting_sentence_is_shown_with_the_frequency_put_in(jarva_changes: str) -> None:
    assert (
        "> Beredningsgruppen har återkommande möten enligt lokala förutsättningar och behov, "
        "dock minst fyra (4) tillfällen per år, och kan också välja att adjungera in fler "
        "deltagare." in jarva_changes
    )
    assert "{frekvens}" not in jarva_changes


def test_bilagor_added_removed_and_reordered(jarva_changes: str) -> None:
    lines = jarva_changes.splitlines()
    assert "- Borttagen bilaga: Uppföljningsplan (uppföljningsplan)" in lines
    assert any(line.startswith("- ordning: Gemensam lokal lägesbild, ") for line in lines)
    assert (
        "- titel: Åtgärdsplan inklusive lokala arbetsgrupper → "
        "Åtgärdsplan inklusive hur uppföljning av åtgärder ska ske" in lines
    )
    backwards = diff_folders(JARVA, JARVA_2023)
    assert "- Ny bilaga: Uppföljningsplan (uppföljningsplan)" in backwards.splitlines()


def test_bilaga_references_are_compared_as_the_numbers_they_print(jarva_changes: str) -> None:
    # "bilaga 1" (2023) and {bilaga:overgripande} (2024) both print "bilaga 1": no change.
    assert "## Bakgrund" not in jarva_changes.splitlines()
    assert "{bilaga:" not in jarva_changes
    assert "för överenskommelsen, bilaga 3." in jarva_changes
    assert "för överenskommelsen, bilaga 2." in jarva_changes


def test_term_start_and_revision(jarva_changes: str) -> None:
    lines = jarva_changes.splitlines()
    assert "## Tid" in lines
    assert "- startdatum: 2023-07-01 → 2024-06-01" in lines
    assert "- revidering: en gång per år → vid behov" in lines


def test_lagesbild_sources(jarva_changes: str) -> None:
    # Järva 2024 keeps its sources in the lägesbild bilaga file, not in the agreement.
    assert "- Borttaget underlag: Medborgardialoger" in jarva_changes.splitlines()


def test_a_changed_source_is_removed_and_added(scratch_repo: Path) -> None:
    changed = _copy_with(scratch_repo, "järva-ny", "- Medborgardialoger", "- Trygghetsvandringar")
    lines = diff_folders(scratch_repo / "agreements" / "järva-2023", changed).splitlines()
    assert "## Gemensam lokal lägesbild" in lines
    assert "- Borttaget underlag: Medborgardialoger" in lines
    assert "- Nytt underlag: Trygghetsvandringar" in lines


def test_a_changed_paragraph_is_quoted_before_and_after(scratch_repo: Path) -> None:
    changed = _copy_with(scratch_repo, "järva-ny", "så snart det är möjligt.", "inom en vecka.")
    report = diff_folders(scratch_repo / "agreements" / "järva-2023", changed)
    section = report.split("## Information\n\n", 1)[1]
    before, after = section.split("\n\nblir\n\n", 1)
    assert before.startswith("Ändrat stycke:\n\n> Det ankommer på respektive part")
    assert before.endswith("beslutfattare i styrgruppen så snart det är möjligt.")
    assert after.startswith("> Det ankommer på respektive part")
    assert after.rstrip().endswith("beslutfattare i styrgruppen inom en vecka.")


def test_markdown_in_values_cannot_change_the_report(scratch_repo: Path) -> None:
    changed = _copy_with(
        scratch_repo, "järva-ny", "namn: Järva stadsdelsnämnd", "namn: Järva *nämnd* | ny"
    )
    lines = diff_folders(scratch_repo / "agreements" / "järva-2023", changed).splitlines()
    assert r"- namn: Järva stadsdelsnämnd → Järva \*nämnd\* \| ny" in lines


def test_an_agreement_against_itself_has_no_differences() -> None:
    jarva = _agreement(JARVA)
    assert diff_agreements(jarva, jarva, "järva", "järva") == "Inga skillnader.\n"


def test_schema_error_on_either_side_is_problems_found(scratch_repo: Path) -> None:
    broken = _copy_with(scratch_repo, "trasig", "exemplar: 2", "exemplar: 2\nokänd_nyckel: 1")
    with pytest.raises(ProblemsFound) as raised:
        diff_folders(scratch_repo / "agreements" / "järva", broken)
    assert [p.rule for p in raised.value.problems] == ["SV010"]


def test_cli_diff_prints_markdown_and_exits_0(in_repo: Path) -> None:
    result = run("diff", "jarva-2023", "järva")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Ändringar från järva-2023 till järva\n")
    assert "- startdatum: 2023-07-01 → 2024-06-01" in result.stdout


def test_cli_diff_with_itself_says_so(in_repo: Path) -> None:
    result = run("diff", "järva", "järva")
    assert result.exit_code == 0
    assert result.stdout == "Inga skillnader.\n"


def test_cli_diff_unknown_name_exits_2(in_repo: Path) -> None:
    result = run("diff", "järva", "finns-inte")
    assert result.exit_code == 2
    assert "ingen överenskommelse som heter 'finns-inte'" in result.stderr
    assert run("diff", "järva").exit_code == 2


def test_cli_diff_schema_error_exits_1(in_repo: Path) -> None:
    _copy_with(in_repo, "trasig", "exemplar: 2", "exemplar: två")
    result = run("diff", "järva-2023", "trasig")
    assert result.exit_code == 1
    assert "agreements/trasig/overenskommelse.yaml:" in result.stderr
    assert "SV010" in result.stderr
    assert result.stdout == ""


def test_cli_diff_help_has_examples() -> None:
    result = run("diff", "--help")
    assert result.exit_code == 0
    assert "Exempel:" in result.output
