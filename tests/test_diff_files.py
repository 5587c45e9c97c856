"""`samverkan diff` compares every file of an agreement: bilaga files, bilaga by bilaga, and
the tjänsteutlåtande, section by section. The changes the new-user trial found unreported
(a promise's count, a removed commitment, a phone number, a lägesbild source) are made on
disk in scratch copies and compared with `diff_folders`, as the command does.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from samverkan_cli.diff import sections as diff_walk
from samverkan_cli.diff.leaves import Coverage, unreported_changes
from samverkan_cli.diff.versions import NO_DIFFERENCES, diff_folders
from tests.conftest import JARVA, REPO_ROOT


def _copies(root: Path, name: str) -> tuple[Path, Path]:
    """Two copies of an example: the old version and one to edit."""
    old, new = root / "agreements" / "gammal", root / "agreements" / "ny"
    shutil.copytree(root / "agreements" / name, old)
    shutil.copytree(root / "agreements" / name, new)
    return old, new


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _section(report: str, heading: str) -> str:
    """The text under a `## ` heading, up to the next one."""
    assert f"\n## {heading}\n" in report, report
    return report.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_a_promise_count_is_reported_as_the_document_prints_it(scratch_repo: Path) -> None:
    old, new = _copies(scratch_repo, "exempel-kommun")
    _edit(new / "bilagor" / "medborgarloften.yaml", "antal: {minst: 52}", "antal: {minst: 5}")
    report = diff_folders(old, new)
    section = _section(report, "Bilaga 3: Medborgarlöften 2026 (bilagor/medborgarloften.yaml)")
    assert "#### Löftesgrupp: Polisen lovar att" in section
    assert (
        "- löfte: genomföra minst femtiotvå (52) hastighetskontroller vid skolor och på "
        "bostadsgator → genomföra minst fem (5) hastighetskontroller vid skolor och på "
        "bostadsgator" in section.splitlines()
    )


def test_a_removed_commitment_and_a_changed_phone_number(scratch_repo: Path) -> None:
    old, new = _copies(scratch_repo, "rinkeby-kista-2017")
    _edit(new / "bilagor" / "samordnare.yaml", "0739-10 12 15", "0739-10 12 16")
    _edit(
        new / "bilagor" / "atgardsplaner.yaml",
        "        åtagande: Administrerar och leder arbetet. Utser deltagare.\n"
        "    övriga_deltagare: >-\n"
        "      Grundskolechef",
        "        åtagande: Administrerar och leder arbetet.\n"
        "    övriga_deltagare: >-\n"
        "      Grundskolechef",
    )
    report = diff_folders(old, new)
    assert report.splitlines()[2] == "Ändrat: bilaga 2; bilaga 4."
    contacts = _section(report, "Bilaga 2: SAMORDNARE (bilagor/samordnare.yaml)")
    assert "#### Person: Daniel Mattsson\n\n- telefon: 0739-10 12 15 → 0739-10 12 16" in contacts
    plans = _section(report, "Bilaga 4: ÅTGÄRDSPLANER (bilagor/atgardsplaner.yaml)")
    assert "#### Plan: MYS, Myndigheter i samverkan" in plans
    assert "##### Part: Stadsdelsförvaltningen" in plans
    assert (
        "- åtagande: Administrerar och leder arbetet. Utser deltagare. → "
        "Administrerar och leder arbetet." in plans
    )


def test_a_changed_lagesbild_source_in_the_bilaga_file(scratch_repo: Path) -> None:
    old, new = _copies(scratch_repo, "järva")
    _edit(new / "bilagor" / "lagesbild.yaml", "  - Medborgardialoger\n", "  - Enkäter\n")
    section = _section(
        diff_folders(old, new), "Bilaga 2: Gemensam lokal lägesbild (bilagor/lagesbild.yaml)"
    )
    assert "- Borttaget underlag: Medborgardialoger" in section.splitlines()
    assert "- Nytt underlag: Enkäter" in section.splitlines()


def test_the_tjansteutlatande_quotes_only_the_changed_paragraph(scratch_repo: Path) -> None:
    old, new = _copies(scratch_repo, "järva")
    _edit(new / "tjansteutlatande.yaml", "särskilt trafikkontoret", "särskilt miljöförvaltningen")
    _edit(new / "tjansteutlatande.yaml", "datum: 2024-06-01", "datum: 2024-06-03")
    report = diff_folders(old, new)
    section = _section(report, "Tjänsteutlåtande")
    assert "- datum: 2024-06-01 → 2024-06-03" in section.splitlines()
    assert "### Sammanfattning" in section
    assert "särskilt miljöförvaltningen och stadens bostadsbolag." in section
    assert "Järva stadsdelsförvaltning har tillsammans med polisen" not in section
    assert report.splitlines()[2] == "Ändrat: tjänsteutlåtandet."


def test_a_new_or_removed_tjansteutlatande(scratch_repo: Path) -> None:
    old, new = _copies(scratch_repo, "järva")
    (new / "tjansteutlatande.yaml").unlink()
    assert "- Tjänsteutlåtandet har tagits bort" in diff_folders(old, new)
    assert "- Tjänsteutlåtandet är nytt" in diff_folders(new, old)


def test_a_bilaga_file_that_is_not_yaml_is_compared_by_content(scratch_repo: Path) -> None:
    old, new = _copies(scratch_repo, "järva")
    for folder, content in ((old, b"PK\x03\x04 gammal"), (new, b"PK\x03\x04 ny")):
        _edit(
            folder / "overenskommelse.yaml",
            "      typ: kontaktuppgifter\n      extern: {}\n",
            "      typ: kontaktuppgifter\n      fil: bilagor/kontakter.docx\n",
        )
        (folder / "bilagor" / "kontakter.docx").write_bytes(content)
    section = _section(
        diff_folders(old, new), "Bilaga 5: Kontaktuppgifter (bilagor/kontakter.docx)"
    )
    assert (
        section.strip()
        == "- Filen bilagor/kontakter.docx har ändrats (innehållet är inte detsamma)."
    )
    (new / "bilagor" / "kontakter.docx").write_bytes(b"PK\x03\x04 gammal")
    assert diff_folders(old, new) == NO_DIFFERENCES + "\n"


def test_a_moved_file_and_a_renamed_id_are_the_same_bilaga(scratch_repo: Path) -> None:
    old, new = _copies(scratch_repo, "järva")
    (new / "bilagor" / "lagesbild.yaml").rename(new / "bilagor" / "lagesbild-2024.yaml")
    _edit(
        new / "overenskommelse.yaml",
        "fil: bilagor/lagesbild.yaml",
        "fil: bilagor/lagesbild-2024.yaml",
    )
    _edit(new / "overenskommelse.yaml", "- id: lagesbild\n", "- id: lagesbilden\n")
    _edit(new / "bilagor" / "lagesbild-2024.yaml", "  - Medborgardialoger\n", "")
    report = diff_folders(old, new)
    listed = _section(report, "Bilagor")
    assert "- id: lagesbild → lagesbilden" in listed.splitlines()
    assert "- fil: bilagor/lagesbild.yaml → bilagor/lagesbild-2024.yaml" in listed.splitlines()
    assert "Borttagen bilaga" not in report and "Ny bilaga" not in report
    content = _section(report, "Bilaga 2: Gemensam lokal lägesbild (bilagor/lagesbild-2024.yaml)")
    assert "- Borttaget underlag: Medborgardialoger" in content.splitlines()


def test_a_long_text_quotes_only_its_changed_paragraphs(scratch_repo: Path) -> None:
    old, new = _copies(scratch_repo, "rinkeby-kista-2017")
    _edit(
        new / "bilagor" / "lagesbild.yaml",
        "Lägesbilden bygger på statistik, medborgardialoger",
        "Lägesbilden bygger på statistik, enkäter, medborgardialoger",
    )
    report = diff_folders(old, new)
    assert report.count("Ändrat stycke") == 1
    assert report.count("\n> ") == 2  # the one paragraph, before and after
    assert "statistik, enkäter, medborgardialoger" in report


def test_a_value_no_readable_comparison_reports_is_still_reported(
    scratch_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As if a field were added to the model that the readable walk does not know: the walk
    over the data reports it by its YAML keys, under its section."""
    monkeypatch.setattr(diff_walk, "diff_text", lambda *args: None)
    old, new = _copies(scratch_repo, "rinkeby-kista-2017")
    _edit(new / "bilagor" / "samordnare.yaml", "titel: Kommunpolis", "titel: Kommunpolis Kista")
    _edit(new / "overenskommelse.yaml", "  ort: Kista\n", "  ort: Husby\n")
    report = diff_folders(old, new)
    contacts = _section(report, "Bilaga 2: SAMORDNARE (bilagor/samordnare.yaml)")
    assert "- personer nr 1, titel: Kommunpolis → Kommunpolis Kista" in contacts.splitlines()
    assert "- förord, ort: Kista → Husby" in _section(report, "Förord").splitlines()


def test_unreported_changes_pairs_items_by_id_and_in_order() -> None:
    old = {"parter": [{"id": "a", "namn": "A"}, {"id": "b", "namn": "B"}], "lista": ["x", "y"]}
    new = {"parter": [{"id": "b", "namn": "B2"}, {"id": "a", "namn": "A"}], "lista": ["y", "z"]}
    changes = unreported_changes(old, new, Coverage())
    shown = [(c.label, c.old, c.new) for c in changes]
    assert shown == [
        ("parter id a, plats", 1, 2),  # b stayed first in order, a moved behind it
        ("parter id b, namn", "B", "B2"),
        ("lista nr 1", "x", None),
        ("lista nr 2", None, "z"),
    ]
    covered = Coverage()
    covered.mark(("parter",), None)
    assert [c.label for c in unreported_changes(old, new, covered)] == ["lista nr 1", "lista nr 2"]


def test_an_added_forum_shows_what_it_holds() -> None:
    report = diff_folders(REPO_ROOT / "agreements" / "järva-2023", JARVA)
    added = report.split("### Nytt forum: Lokala arbetsgrupper\n\n", 1)[1].split("\n### ", 1)[0]
    assert "- roll: (saknas) → arbetsgrupp" in added.splitlines()
    assert "- möten: (saknas) → vid behov" in added.splitlines()
    assert "Nytt avsnitt" not in added


def test_a_field_the_print_leaves_out_is_reported_under_its_item(scratch_repo: Path) -> None:
    """A promise prints as its sentence; its fokusområde is not in it, and is still shown."""
    old, new = _copies(scratch_repo, "exempel-kommun")
    path = new / "bilagor" / "medborgarloften.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("fokusområde: unga", "fokusområde: centrum", 1), "utf-8")
    section = _section(
        diff_folders(old, new), "Bilaga 3: Medborgarlöften 2026 (bilagor/medborgarloften.yaml)"
    )
    assert "##### Löfte: " in section
    assert "- fokusområde: unga → centrum" in section.splitlines()
    assert "- löfte:" not in section
