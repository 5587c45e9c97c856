"""The agreement's own `kontaktuppgifter:` block: printed just before the signatures with the
people grouped by party (as the bilaga prints them), placed by `avsnitt`, checked by SV157
and SV131 at its lines, removed from the public version, and made placeholders by `init`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.check.folder import CheckSettings
from samverkan_cli.core.problems import Severity
from samverkan_cli.init.copy_edits import AGREEMENT_SCHEMA, Plan, copy_edits
from samverkan_cli.init.mall_values import mall_edits
from samverkan_cli.init.yaml_editing import Editor, index
from samverkan_cli.model.section_blocks import BLOCKS, STOCKHOLM_ORDER
from samverkan_cli.render.agreement_document import agreement_document
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.writers import write_markdown
from tests.agreement_copy import AgreementCopy
from tests.conftest import REPO_ROOT
from tests.test_rules import assert_problem, only, position, value_position

NAME = "exempel-kommun"
SETTINGS = CheckSettings(today=dt.date(2025, 3, 1))
CONTACTS = """
kontaktuppgifter:
  inledning: Frågor om överenskommelsen besvaras av kontaktpersonerna.
  personer:
    - part: polisen
      namn: Kerstin Blomqvistsson
      titel: Kommunpolis
      telefon: 070-555 12 34
      epost: kerstin.blomqvistsson@polisen.se
    - part: kommunen
      namn: Tord Hjalmarsson
      titel: Trygghetssamordnare
      telefon: 0651-180 55
      telefonetikett: Direkt
"""


@pytest.fixture
def example(tmp_path: Path) -> AgreementCopy:
    agreement = AgreementCopy.of_example(NAME, tmp_path)
    agreement.edit("\nunderskrifter:", CONTACTS + "\nunderskrifter:")
    return agreement


def _markdown(folder: Path) -> str:
    loaded = load_agreement(folder)
    assert loaded.agreement is not None, loaded.problems
    return write_markdown(agreement_document(loaded, REPO_ROOT))


def test_the_block_comes_just_before_the_signatures() -> None:
    assert BLOCKS["kontaktuppgifter"].attribute == "contacts"
    assert STOCKHOLM_ORDER[-2:] == ("kontaktuppgifter", "underskrifter")


def test_the_people_are_printed_by_party_below_the_heading(example: AgreementCopy) -> None:
    markdown = _markdown(example.folder)
    section = markdown[markdown.index("## Kontaktuppgifter\n") :]
    municipality = section.index("### Exempelby kommun\n")
    police = section.index("### Lokalpolisområde Exempelby\n")
    assert municipality < police, "grouped in the order of the parties, not of the people"
    assert "Frågor om överenskommelsen besvaras av kontaktpersonerna.\n" in section
    assert "Tord Hjalmarsson\\\nTrygghetssamordnare\n\nDirekt: 0651-180 55\n" in section
    assert (
        "Kerstin Blomqvistsson\\\nKommunpolis\n\n"
        "Mobil: 070-555 12 34\\\nkerstin.blomqvistsson@polisen.se\n"
    ) in section
    assert not [p for p in example.check(SETTINGS) if p.severity is Severity.ERROR]


def test_avsnitt_places_the_block_and_its_own_heading(example: AgreementCopy) -> None:
    example.edit("  inledning: Frågor", "  rubrik: Samordnare\n  inledning: Frågor")
    example.edit("\nbakgrund:", "\navsnitt: [kontaktuppgifter, bakgrund]\n\nbakgrund:")
    markdown = _markdown(example.folder)
    assert markdown.index("## Samordnare\n") < markdown.index("## Bakgrund")
    assert "## Kontaktuppgifter" not in markdown
    assert "### Exempelby kommun\n" in markdown


def test_sv157_a_contact_of_an_unknown_party(example: AgreementCopy) -> None:
    text = example.edit("    - part: polisen\n      namn: K", "    - part: polis\n      namn: K")
    problem = only(example.check(SETTINGS), "SV157")
    assert_problem(
        problem,
        Severity.ERROR,
        example.folder / "overenskommelse.yaml",
        value_position(text, "part: polis\n"),
        "okänd part 'polis'; kända: kommunen, polisen (menade du 'polisen'?)",
    )


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("070-555 12 34", "ring mig", "telefonnumret 'ring mig' för Kerstin Blomqvistsson"),
        (
            "kerstin.blomqvistsson@polisen.se",
            "kerstin.polisen.se",
            "e-postadressen 'kerstin.polisen.se' för Kerstin Blomqvistsson har fel form",
        ),
    ],
)
def test_sv131_the_blocks_phone_and_email(
    example: AgreementCopy, old: str, new: str, fragment: str
) -> None:
    text = example.edit(old, new)
    problem = only(example.check(SETTINGS), "SV131")
    assert_problem(
        problem,
        Severity.ERROR,
        example.folder / "overenskommelse.yaml",
        position(text, new),
        fragment,
    )


def test_the_public_version_removes_the_people(example: AgreementCopy, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_agreement(example.folder, out, REPO_ROOT, SETTINGS, public=True)
    public = next(out.glob("*-publik.md")).read_text(encoding="utf-8")
    internal = next(p for p in out.glob("*.md") if not p.name.endswith("-publik.md"))
    assert "Kerstin Blomqvistsson" in internal.read_text(encoding="utf-8")
    assert "## Kontaktuppgifter" in public
    for gone in (
        "Kerstin",
        "Blomqvistsson",
        "Hjalmarsson",
        "070-555 12 34",
        "0651-180 55",
        "kerstin.blomqvistsson@polisen.se",
    ):
        assert gone not in public, f"{gone!r} left in the public version"


def _edited_contacts(text: str, mall: bool) -> list[dict[str, str]]:
    """The block's people after `init --mall` (True) or `init --från` (False)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert root is not None
    entries = dict(index(root))
    plan = Plan(start=dt.date(2026, 1, 1), today=dt.date(2025, 12, 1))
    edits = (
        mall_edits("överenskommelse", entries, 0, None)
        if mall
        else copy_edits(AGREEMENT_SCHEMA, entries, plan)
    )
    own = [edit for edit in edits if edit.path[:1] == ("kontaktuppgifter",)]
    people: list[dict[str, str]] = yaml.safe_load(Editor(text, entries).apply(own))[
        "kontaktuppgifter"
    ]["personer"]
    return people


@pytest.mark.parametrize("mall", [True, False], ids=["mall", "kopia"])
def test_init_makes_the_contacts_placeholders(example: AgreementCopy, mall: bool) -> None:
    people = _edited_contacts(example.text(), mall)
    assert [p["part"] for p in people] == ["polisen", "kommunen"]
    assert {p["namn"] for p in people} == {"«Namn på kontaktpersonen»"}
    assert not any("telefon" in p or "epost" in p for p in people)
