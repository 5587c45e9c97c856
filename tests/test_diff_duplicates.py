"""`samverkan diff` when keys repeat, change or move: an added item is reported as added even
when its id (or an undantag's rule) is already taken, an id changed to a neighbour's is a
changed id and not a changed name, and an item that moved is said to have moved, never
"removed" and "added" at once. The property test (test_diff_properties) mutates every list
of every example the same ways; these are the cases the new-user trial found."""

from __future__ import annotations

import shutil
from pathlib import Path

from samverkan_cli.diff.versions import diff_folders
from tests.agreement_copy import AgreementCopy
from tests.conftest import REPO_ROOT

RINKEBY = REPO_ROOT / "agreements" / "rinkeby-kista-2017"
JARVA = REPO_ROOT / "agreements" / "järva"


def copy_of(folder: Path, tmp_path: Path) -> AgreementCopy:
    target = tmp_path / "agreements" / folder.name
    shutil.copytree(folder, target)
    return AgreementCopy(target)


def test_an_exception_moved_to_another_rule_is_one_changed_exception(tmp_path: Path) -> None:
    new = copy_of(RINKEBY, tmp_path)
    new.edit("regel: SV125", "regel: SV126")
    report = diff_folders(RINKEBY, new.folder)
    assert "- regel: SV125 → SV126" in report.splitlines()
    assert "Borttaget undantag" not in report


def test_a_second_exception_for_the_same_rule_is_reported_added(tmp_path: Path) -> None:
    new = copy_of(RINKEBY, tmp_path)
    new.edit(
        "      avtal kräver tid för genomförande.\n",
        "      avtal kräver tid för genomförande.\n"
        "  - {regel: SV126, allvarlighet: varning, motivering: NYTT SKÄL som är långt}\n",
    )
    report = diff_folders(RINKEBY, new.folder)
    assert "- Nytt undantag: SV126" in report.splitlines()
    assert "NYTT SKÄL som är långt" in report
    assert "Ändrat stycke" not in report  # the first SV126 did not change


def test_an_id_changed_to_a_neighbours_is_a_changed_id(tmp_path: Path) -> None:
    new = copy_of(JARVA, tmp_path)
    new.edit("- id: kriminella-konflikter", "- id: nyrekrytering", "bilagor/lagesbild.yaml")
    report = diff_folders(JARVA, new.folder)
    assert "- id: kriminella-konflikter → nyrekrytering" in report.splitlines()
    assert "namn:" not in report and "Borttaget" not in report


def test_a_reordered_list_of_functions_is_a_move(tmp_path: Path) -> None:
    new = copy_of(JARVA, tmp_path)
    new.edit(
        "          - Stadsdelsdirektör\n          - Lokalpolisområdets chef\n",
        "          - Lokalpolisområdets chef\n          - Stadsdelsdirektör\n",
    )
    report = diff_folders(JARVA, new.folder)
    moved = "- Flyttad funktion: Lokalpolisområdets chef (från plats 2 till plats 1)"
    assert moved in report.splitlines()
    assert "Ny funktion" not in report and "Borttagen funktion" not in report


def test_a_paragraph_moved_is_quoted_once_with_its_places(tmp_path: Path) -> None:
    new = copy_of(JARVA, tmp_path)
    text = new.text()
    start = text.index("bakgrund:")
    paragraphs = text[start:].split("\n    - ")[1:3]
    assert len(paragraphs) == 2 and all(p.startswith(">-") for p in paragraphs), paragraphs
    first, second = paragraphs[0], paragraphs[1].split("\n\n")[0]
    new.edit(f"\n    - {first}\n    - {second}", f"\n    - {second}\n    - {first}")
    report = diff_folders(JARVA, new.folder)
    assert "Flyttat stycke" in report and "(från plats 1 till plats 2)" not in report
    assert "från plats 2 till plats 1" in report
    assert "Nytt stycke" not in report and "Borttaget stycke" not in report


def test_a_copied_contact_is_one_added_person(tmp_path: Path) -> None:
    """A list of people without ids: a copy of a contact beside it is one added contact,
    and the original is unchanged (it pairs with itself, not with the copy)."""
    new = copy_of(RINKEBY, tmp_path)
    text = new.text("bilagor/samordnare.yaml")
    entry = text[text.index("  - part: polisen\n") : text.index("  - part: sdf\n")]
    new.edit(entry, entry + entry, "bilagor/samordnare.yaml")
    report = diff_folders(RINKEBY, new.folder)
    assert "- Ny person: Daniel Mattsson (part: polisen, titel: Kommunpolis" in report
    assert "Borttagen" not in report and "→" not in report
