"""`samverkan diff` compares the translations too (issue 17): a changed paragraph, heading,
title or footer word in `oversattning.<kod>.yaml` is reported as a change of the Swedish
text is, under a heading naming the language and the file, with where it is (the section's
key) and the old and the new wording; a translation added or removed is said so.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from samverkan_cli.diff.versions import NO_DIFFERENCES, diff_folders

EXAMPLE = "exempel-numrerade-avsnitt"
FILE = "oversattning.en.yaml"
HEADING = "Översättning till engelska (oversattning.en.yaml)"


def _copies(root: Path) -> tuple[Path, Path]:
    old, new = root / "agreements" / "gammal", root / "agreements" / "ny"
    shutil.copytree(root / "agreements" / EXAMPLE, old)
    shutil.copytree(root / "agreements" / EXAMPLE, new)
    return old, new


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _section(report: str, heading: str) -> str:
    assert f"\n## {heading}\n" in report, report
    return report.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_unchanged_translations_report_nothing(scratch_repo: Path) -> None:
    old, new = _copies(scratch_repo)
    assert diff_folders(old, new) == NO_DIFFERENCES + "\n"


def test_changes_in_a_translation_are_reported_with_place_and_wording(
    scratch_repo: Path,
) -> None:
    old, new = _copies(scratch_repo)
    _edit(new / FILE, "giving priority to the same problems, and", "agreeing on priorities, and")
    _edit(new / FILE, "rubrik: Direction", "rubrik: Orientation")
    _edit(new / FILE, "sidfot: [Page, of]", "sidfot: [Sheet, of]")
    report = diff_folders(old, new)
    assert "översättningen till engelska" in report.split("\n\n")[1]
    section = _section(report, HEADING)
    lines = section.splitlines()
    assert "- sidfot: Page, of → Sheet, of" in lines
    assert "- avsnitt, inriktning, rubrik: Direction → Orientation" in lines
    assert "Ändrat stycke (avsnitt, syfte):" in lines
    changed = [line for line in lines if line.startswith("> ")]
    assert len(changed) == 2
    assert "giving priority to the same problems, and" in changed[0]
    assert "agreeing on priorities, and" in changed[1]
    assert "Exempelsund" not in section  # unchanged sections are not quoted


def test_a_translation_added_or_removed(scratch_repo: Path) -> None:
    old, new = _copies(scratch_repo)
    (new / FILE).unlink()
    removed = _section(diff_folders(old, new), HEADING)
    assert "- Översättningen har tagits bort (oversattning.en.yaml)." in removed
    added = _section(diff_folders(new, old), HEADING)
    assert "- Översättningen är ny (oversattning.en.yaml)." in added
