"""Linked agreements: an underavtal names its huvudavtal by folder (`huvudavtal:`), the
condition that ties them is printed, and `validate` checks across the repository that the
folder holds a huvudavtal (SV180) and that the underavtal's term lies inside it (SV181).
`ersätter`, `bygger_på` and `samverkan_sedan` are printed after the parties clause."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from samverkan_cli.check.linked_agreements import linked_agreement_problems
from samverkan_cli.core.problems import Severity
from samverkan_cli.render.agreement_document import agreement_document
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.validate.command import validate
from samverkan_cli.writers import write_markdown
from tests.conftest import REPO_ROOT

LINK = (
    "huvudavtal:\n"
    "  överenskommelse: {folder}\n"
    "  titel: Huvudavtal om samverkan i Exempelby\n"
    "  villkor: Underavtalet gäller så länge huvudavtalet gäller.\n"
)


def _pair(tmp_path: Path, parent_kind: str = "huvudavtal", folder: str = "huvud") -> Path:
    """A repository with exempel-kommun as a huvudavtal (`huvud`, 2026 – tills vidare) and
    a copy of it as its underavtal (`under`)."""
    root = tmp_path / "repo"
    for name in ("huvud", "under"):
        shutil.copytree(REPO_ROOT / "agreements" / "exempel-kommun", root / "agreements" / name)
    parent = root / "agreements" / "huvud" / "overenskommelse.yaml"
    text = parent.read_text(encoding="utf-8")
    parent.write_text(
        text.replace("\nprofil:", f"\ndokumenttyp: {parent_kind}\nprofil:", 1), "utf-8"
    )
    child = root / "agreements" / "under" / "overenskommelse.yaml"
    text = child.read_text(encoding="utf-8")
    text = text.replace("\nprofil:", "\ndokumenttyp: underavtal\nprofil:", 1)
    child.write_text(text + LINK.format(folder=folder), encoding="utf-8")
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_pair_inside_each_other_is_clean_and_the_condition_printed(tmp_path: Path) -> None:
    root = _pair(tmp_path)
    assert linked_agreement_problems(root) == {}
    child = root / "agreements" / "under"
    framing = (
        "samverkan_sedan: 2010\n"
        "ersätter:\n  titel: Samverkansöverenskommelse 2022–2025\n  datum: 2022-01-20\n"
        "bygger_på:\n  - titel: Nationella brottsförebyggande programmet\n"
    )
    _edit(child / "overenskommelse.yaml", "huvudavtal:\n", framing + "huvudavtal:\n")
    markdown = write_markdown(agreement_document(load_agreement(child), root))
    assert (
        "Överenskommelsen är ett underavtal till ”Huvudavtal om samverkan i Exempelby”. "
        "Underavtalet gäller så länge huvudavtalet gäller." in markdown
    )
    assert (
        "Överenskommelsen ersätter ”Samverkansöverenskommelse 2022–2025”, daterad 2022-01-20."
        in markdown
    )
    assert "Överenskommelsen bygger på ”Nationella brottsförebyggande programmet”." in markdown
    assert "Parterna har samverkat sedan 2010." in markdown


def test_sv180_the_named_folder_does_not_exist(tmp_path: Path) -> None:
    root = _pair(tmp_path, folder="hvud")
    (problem,) = linked_agreement_problems(root)[root / "agreements" / "under"]
    assert problem.rule == "SV180" and problem.severity is Severity.ERROR
    assert problem.message == (
        "huvudavtalet 'hvud' finns inte bland repositoriets överenskommelser; menade du 'huvud'?"
    )
    assert problem.location.file.endswith("under/overenskommelse.yaml")


def test_sv180_the_named_folder_is_no_huvudavtal(tmp_path: Path) -> None:
    root = _pair(tmp_path, parent_kind="samverkansöverenskommelse")
    (problem,) = linked_agreement_problems(root)[root / "agreements" / "under"]
    assert problem.rule == "SV180"
    assert "'huvud' är av dokumenttypen samverkansöverenskommelse" in problem.message


def test_sv181_the_underavtal_outlives_its_huvudavtal(tmp_path: Path) -> None:
    root = _pair(tmp_path)
    parent = root / "agreements" / "huvud" / "overenskommelse.yaml"
    _edit(parent, "  till: tills vidare\n", "  till: 2027-12-31\n")
    (problem,) = linked_agreement_problems(root)[root / "agreements" / "under"]
    assert problem.rule == "SV181" and problem.severity is Severity.WARNING
    assert problem.message.startswith("avtalstiden gäller tills vidare, längre än huvudavtalet")


def test_validate_reports_the_pair_with_the_underavtal(tmp_path: Path) -> None:
    root = _pair(tmp_path, folder="hvud")
    lines: list[str] = []
    code = validate(
        root,
        [],
        strict=False,
        echo=lambda text, nl=True: lines.append(text),
        today=dt.date(2026, 5, 1),
    )
    assert code == 1
    output = "".join(lines)
    assert "agreements/under/overenskommelse.yaml" in output and "SV180" in output


def test_a_link_only_under_a_kind_that_lies_under_another(tmp_path: Path) -> None:
    root = _pair(tmp_path)
    child = root / "agreements" / "under" / "overenskommelse.yaml"
    _edit(child, "dokumenttyp: underavtal\n", "")
    problems = load_agreement(child.parent).problems
    assert any(
        "'huvudavtal' anger dokumentet som detta ligger under" in p.message for p in problems
    )
