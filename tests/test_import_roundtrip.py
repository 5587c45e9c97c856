"""`samverkan import` on DOCX files samverkan itself wrote: every example built, imported and
built again, the Markdown compared; and the same DOCX saved by LibreOffice first."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.import_support import built, imported, loaded, rendered, similarity

EXAMPLES = sorted(p.name for p in (REPO_ROOT / "agreements").iterdir() if p.is_dir())
THRESHOLD = 0.9
"""Word-level similarity of the rebuilt Markdown to the original's. Measured: 0.956
(järva-2023, whose parties clause is generated anew) to 0.998; the differences are the
parties clause and signature table as samverkan writes them, the organisation chart
(not imported) and bilagor that become sections."""
AFTER_IMPORT = {
    "SV104": "lägesbild and samordning are typed blocks in the original, prose after import",
    "SV105": "the bilagor list (files under bilagor/) is not imported",
    "SV115": "so the text's 'bilaga N' points at no bilaga yet",
    "SV133": "the lägesbild's contents are checked in its typed block only",
    "SV136": "prioriterade_områden is a typed block in the original",
    "SV139": "dokumentation is a typed block in the original",
    "SV182": "the document names no profile: the import cannot know the original's",
    "SV140": "with the default profile a term needs an end (järva's profile does not), and "
    "rinkeby-kista-2017's term with its extension clause stays prose (flagged)",
    "SV141": "the default profile's signatory titles (the original's profile differs)",
}
"""Rule findings an imported example has that its original has not, and why each is what
the user fixes next rather than something the import lost. Measured on every example."""
TERM_KEPT_AS_PROSE = {"rinkeby-kista-2017"}
"""Its term sentence is followed by an extension clause (förlängning, villkor): the term is
suggested as a comment and the section stays prose."""


def _signature_dates(agreement: object) -> list[object]:
    from samverkan_cli.model.agreement import Agreement

    assert isinstance(agreement, Agreement)
    shared = agreement.signing.date if agreement.signing else None
    return [s.date or shared for p in agreement.parties for s in p.signatories]


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_survives_a_round_trip(name: str, tmp_path: Path) -> None:
    docx, original_markdown = built(name, tmp_path / "out")
    printed, written = imported(docx, tmp_path / "repo", name)
    assert "samverkan validate" in printed[-1]
    agreement, rules = loaded(written.parent)
    original, original_rules = loaded(REPO_ROOT / "agreements" / name)
    assert set(rules) - set(original_rules) <= set(AFTER_IMPORT), name
    ratio = similarity(original_markdown, rendered(written.parent))
    print(f"{name}: {ratio:.3f}")
    assert ratio >= THRESHOLD, f"{name}: {ratio:.3f}"
    assert [p.legal_org_number for p in agreement.parties] == [
        p.legal_org_number for p in original.parties
    ]
    for mine, theirs in zip(agreement.parties, original.parties, strict=True):
        assert theirs.name in mine.name
        assert mine.kind == theirs.kind
        assert mine.registration_number == theirs.registration_number  # each its own
        if f"”{theirs.short_name}”" in original_markdown:  # quoted in the clause: readable
            assert mine.short_name == theirs.short_name
    assert [(s.name, s.title) for p in agreement.parties for s in p.signatories] == [
        (s.name, s.title) for p in original.parties for s in p.signatories
    ]
    assert _signature_dates(agreement) == _signature_dates(original)
    assert agreement.copies == original.copies
    if name not in TERM_KEPT_AS_PROSE:
        assert (agreement.term is None) == (original.term is None)
    if agreement.term is not None:
        assert original.term is not None
        assert (agreement.term.start, agreement.term.end) == (
            original.term.start,
            original.term.end,
        )


def test_the_term_and_forums_become_data(tmp_path: Path) -> None:
    docx, _ = built("järva", tmp_path / "out")
    _, written = imported(docx, tmp_path / "repo", "jarva")
    agreement, _ = loaded(written.parent)
    assert agreement.term is not None and str(agreement.term.start) == "2024-06-01"
    assert agreement.organisation is not None
    meetings = {f.heading: f.meetings for f in agreement.organisation.forums}
    styrgrupp = meetings["Lokal styrgrupp"]
    assert styrgrupp is not None
    assert styrgrupp.frequency.model_dump(by_alias=True, exclude_defaults=True) == {
        "minst": 2,
        "per": "år",
    }
    assert styrgrupp.as_written == "minst två (2) tillfällen per år"


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        reason = "LibreOffice (soffice) finns inte"
        if os.environ.get("SAMVERKAN_REQUIRE_PDF") == "1":
            pytest.fail(f"{reason} (SAMVERKAN_REQUIRE_PDF=1)")
        pytest.skip(reason)
    return found


@pytest.mark.parametrize("name", ["järva", "rinkeby-kista-2017", "exempel-tre-kommuner"])
def test_a_docx_saved_by_libreoffice(name: str, tmp_path: Path) -> None:
    soffice = _soffice()
    docx, original_markdown = built(name, tmp_path / "out")
    converted = tmp_path / "lo"
    profile = tmp_path / "profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",  # the shell's docx:"MS Word 2007 XML"
            "--outdir",
            str(converted),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    (resaved,) = converted.glob("*.docx")
    _, written = imported(resaved, tmp_path / "repo", name)
    agreement, _ = loaded(written.parent)
    original, _ = loaded(REPO_ROOT / "agreements" / name)
    ratio = similarity(original_markdown, rendered(written.parent))
    print(f"{name} via LibreOffice: {ratio:.3f}")
    assert ratio >= THRESHOLD
    assert [p.legal_org_number for p in agreement.parties] == [
        p.legal_org_number for p in original.parties
    ]
