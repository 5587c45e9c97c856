"""samverkan.yaml's `publicering` for the public version: numbers and addresses kept, names
removed besides the data's, signatories kept on request; a wrong value is a located SV014
with an accepted example."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.check.folder import CheckSettings
from samverkan_cli.check.settings import load_config

STEM = "samverkansoverenskommelse-rinkeby-kista-2017"


def public_markdown(root: Path, out: Path) -> str:
    settings = CheckSettings(load_config(root), dt.date(2018, 5, 1))
    folder = root / "agreements" / "rinkeby-kista-2017"
    build_agreement(folder, out, root, settings, public=True)
    return (out / f"{STEM}-publik.md").read_text(encoding="utf-8")


def test_numbers_addresses_and_names_from_samverkan_yaml(
    scratch_repo: Path, tmp_path: Path
) -> None:
    (scratch_repo / "samverkan.yaml").write_text(
        "publicering:\n"
        '  behåll_nummer: ["+46 739 10 12 15"]\n'
        "  behåll_adresser: [per.granhallen@stockholm.se, daniel.mattsson@]\n"
        "  ta_bort_namn: [Lugna Gatan]\n",
        encoding="utf-8",
    )
    markdown = public_markdown(scratch_repo, tmp_path)
    assert "0739-10 12 15" in markdown  # the same number in another notation
    assert "076-120 10 15" not in markdown
    assert "per.granhallen@stockholm.se" in markdown
    assert "daniel.mattsson@polisen.se" in markdown  # a local part and "@": any domain
    assert "Lugna Gatan" not in markdown
    assert "Nattvandrare" in markdown


@pytest.mark.parametrize(
    ("setting", "fragment"),
    [
        ('behåll_nummer: ["växeln"]', 'till exempel "0651-180 00"'),
        ("behåll_nummer: ['123']", "inget svenskt telefonnummer"),
        ("behåll_adresser: [registrator]", "(felanmalan@)"),
        ("behåll_adresser: ['a@b@c']", "är ingen e-postadress"),
        ("behåll_undertecknare: kanske", ""),
    ],
)
def test_a_wrong_setting_is_located_with_an_example(
    scratch_repo: Path, setting: str, fragment: str
) -> None:
    (scratch_repo / "samverkan.yaml").write_text(f"publicering:\n  {setting}\n", encoding="utf-8")
    (problem,) = load_config(scratch_repo).problems
    assert problem.rule == "SV014"
    assert (problem.location.line, problem.location.file) == (2, "samverkan.yaml")
    assert fragment in problem.message
