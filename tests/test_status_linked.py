"""`status` counts the linked-agreement findings (SV180, SV181) like every other finding of
`validate`, and both commands check the pairs from the agreements they have already loaded:
`validate` reads each agreement folder once. A term dated by a year or a month is laid
against its huvudavtal by the bound that cannot give a false SV181, and the message says so.
"""

from __future__ import annotations

import collections
import datetime as dt
from pathlib import Path

import pytest

from samverkan_cli.check.folder import CheckSettings
from samverkan_cli.check.linked_agreements import linked_agreement_problems
from samverkan_cli.check.settings import load_config
from samverkan_cli.source.repository import Repository
from samverkan_cli.status.standing import agreement_status, repository_status
from samverkan_cli.validate.command import validate
from tests.test_linked_agreements import _edit, _pair

DAY = dt.date(2026, 5, 1)


def test_status_counts_sv181_with_the_underavtal(tmp_path: Path) -> None:
    root = _pair(tmp_path)
    parent = root / "agreements" / "huvud" / "overenskommelse.yaml"
    _edit(parent, "  till: tills vidare\n", "  till: 2027-12-31\n")
    settings = CheckSettings(load_config(root), DAY)
    report = repository_status(Repository(root), settings)
    by_name = {a.name: a for a in report.agreements}
    alone = agreement_status(root / "agreements" / "under", settings).check
    assert by_name["under"].check.warnings == alone.warnings + 1  # SV181
    assert by_name["under"].check.errors == alone.errors
    huvud_alone = agreement_status(root / "agreements" / "huvud", settings).check
    assert by_name["huvud"].check == huvud_alone


def test_status_counts_sv180_as_an_error(tmp_path: Path) -> None:
    root = _pair(tmp_path, folder="hvud")
    settings = CheckSettings(load_config(root), DAY)
    (under,) = [
        a for a in repository_status(Repository(root), settings).agreements if a.name == "under"
    ]
    alone = agreement_status(root / "agreements" / "under", settings).check
    assert under.check.errors == alone.errors + 1
    assert not under.check.passed


def test_validate_reads_each_agreement_folder_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _pair(tmp_path)
    reads: collections.Counter[Path] = collections.Counter()
    read_bytes = Path.read_bytes

    def counted(path: Path) -> bytes:
        if path.suffix == ".yaml" and path.is_relative_to(root):  # not the shipped texts
            reads[path] += 1
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counted)
    lines: list[str] = []
    validate(root, [], strict=False, echo=lambda text, nl=True: lines.append(text), today=DAY)
    agreement_files = {p: n for p, n in reads.items() if p.name == "overenskommelse.yaml"}
    assert set(agreement_files) == {
        root / "agreements" / name / "overenskommelse.yaml" for name in ("huvud", "under")
    }
    assert set(agreement_files.values()) == {1}
    assert all(n == 1 for n in reads.values()), reads


def test_validate_of_the_underavtal_alone_reads_its_huvudavtal_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _pair(tmp_path)
    parent = root / "agreements" / "huvud" / "overenskommelse.yaml"
    _edit(parent, "  till: tills vidare\n", "  till: 2027-12-31\n")
    reads: collections.Counter[Path] = collections.Counter()
    read_bytes = Path.read_bytes

    def counted(path: Path) -> bytes:
        reads[path] += path.name == "overenskommelse.yaml"
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counted)
    lines: list[str] = []
    under = str(root / "agreements" / "under")
    validate(root, [under], strict=False, echo=lambda t, nl=True: lines.append(t), today=DAY)
    assert "SV181" in "".join(lines)
    assert reads[parent] == 1 and reads[root / "agreements" / "under" / "overenskommelse.yaml"] == 1


def _with_terms(tmp_path: Path, parent: str, child: str) -> Path:
    """The pair with the huvudavtal's and the underavtal's `tid` block's `från`/`till`."""
    root = _pair(tmp_path)
    for name, term in (("huvud", parent), ("under", child)):
        path = root / "agreements" / name / "overenskommelse.yaml"
        text = path.read_text(encoding="utf-8")
        start = text.index("\ntid:\n")
        block_end = text.index("\n\n", start + 1)
        block = text[start:block_end]
        lines = [ln for ln in block.split("\n") if not ln.startswith(("  från:", "  till:"))]
        lines.insert(2, term)
        path.write_text(text[:start] + "\n".join(lines) + text[block_end:], encoding="utf-8")
    return root


def test_sv181_a_year_that_may_end_with_its_huvudavtal_is_inside(tmp_path: Path) -> None:
    """The huvudavtal ends 2027-06-30; an underavtal "till 2027" may end then too."""
    root = _with_terms(
        tmp_path,
        "  från: 2026-01-01\n  till: 2027-06-30",
        "  från: 2026\n  till: 2027",
    )
    assert linked_agreement_problems(root) == {}


def test_sv181_a_year_after_the_huvudavtal_counts_from_its_first_day(tmp_path: Path) -> None:
    root = _with_terms(
        tmp_path,
        "  från: 2026-01-01\n  till: 2027-06-30",
        "  från: 2026-03\n  till: 2028",
    )
    (problem,) = linked_agreement_problems(root)[root / "agreements" / "under"]
    assert problem.rule == "SV181"
    assert problem.message == (
        "avtalstiden gäller till och med 2028 (räknat från 2028-01-01, första dagen i 2028), "
        "längre än huvudavtalet; huvudavtalet 'Samverkansöverenskommelse mellan Exempelby "
        "kommun och Lokalpolisområde Exempelby' gäller från och med 2026-01-01 till och med "
        "2027-06-30"
    )


def test_sv181_a_start_year_that_may_begin_with_the_huvudavtal_is_inside(tmp_path: Path) -> None:
    """The huvudavtal starts 2026-06-01; an underavtal "från 2026" may start then too."""
    root = _with_terms(
        tmp_path, "  från: 2026-06\n  till: 2027-06-30", "  från: 2026\n  till: 2027"
    )
    assert linked_agreement_problems(root) == {}
