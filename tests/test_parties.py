"""Parties of any kind and era (issue 17): what the text states of them and no more.

Kinds beyond kommun and lokalpolisområde, police at every level before and after the 2015
reform, the legal party above a signing unit (`juridisk_part`), an optional
organisationsnummer (SV173 where a profile expects one), none, one or several signatories,
a document decided by a forum (`fastställd_av`) and one nobody commits to (SV174), the
parties clause's verb from the data, and a tjänsteutlåtande to the kommunstyrelse.
The fixture tests/fixtures/agreements/parter-faststalld holds every new field.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path

import docx
import pytest
import yaml
from pydantic import ValidationError

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.check.folder import CheckSettings, check_folder
from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.init.copy_edits import PLACEHOLDER_SIGNATORY
from samverkan_cli.init.mall_values import SIGNATORY, mall_edits
from samverkan_cli.init.new_folder import initialise
from samverkan_cli.init.yaml_editing import Editor, index
from samverkan_cli.model.agreement import PartyResources
from samverkan_cli.model.party import Party, PartyKind
from samverkan_cli.publish.people import people_of
from samverkan_cli.render.agreement_document import agreement_document, report_document
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.source.repository import Repository
from samverkan_cli.writers import write_markdown
from tests.agreement_copy import AgreementCopy
from tests.conftest import REPO_ROOT
from tests.test_rules import covers_rule, only, position, value_position

FIXTURE = REPO_ROOT / "tests" / "fixtures" / "agreements" / "parter-faststalld"
AGREEMENT = "overenskommelse.yaml"
ON = CheckSettings(today=dt.date(2026, 3, 1))


def _copy(tmp_path: Path, source: Path) -> AgreementCopy:
    folder = tmp_path / "agreements" / source.name
    shutil.copytree(source, folder)
    return AgreementCopy(folder)


@pytest.fixture
def parties(tmp_path: Path) -> AgreementCopy:
    return _copy(tmp_path, FIXTURE)


@pytest.fixture
def region(tmp_path: Path) -> AgreementCopy:
    return _copy(tmp_path, REPO_ROOT / "agreements" / "exempel-region")


@pytest.fixture
def jarva(tmp_path: Path) -> AgreementCopy:
    return _copy(tmp_path, REPO_ROOT / "agreements" / "järva")


def _markdown(copy: AgreementCopy) -> str:
    loaded = load_agreement(copy.folder)
    assert loaded.agreement is not None, loaded.problems
    return write_markdown(agreement_document(loaded, REPO_ROOT))


def _party(**fields: object) -> Party:
    data: dict[str, object] = {"id": "p", "namn": "P", "typ": "kommun", "kortnamn": "p"}
    return Party.model_validate({**data, **fields})


def _without_signatories(copy: AgreementCopy) -> str:
    """The fixture with no party's `undertecknare` and no shared place of signing."""
    copy.cut("    undertecknare:\n      titel: Stadsdelsdirektör", "  - id: polisen")
    copy.cut("    undertecknare:\n      titel: Polisområdeschef", "  - id: bolaget")
    copy.cut("    undertecknare:\n      - titel: Verkställande", "  - id: foreningen")
    return copy.edit("underskrifter:\n  ort: Exempelstaden\n", "")


def rules_of(problems: list[Problem]) -> set[str]:
    return {p.rule for p in problems}


# --- kinds, legal party, optional values -----------------------------------------------------


@pytest.mark.parametrize(
    "kind", ["statlig myndighet", "kommunalt bolag", "förening", "polisområde", "region"]
)
def test_every_new_kind_of_party_is_accepted(kind: str) -> None:
    assert _party(typ=kind).kind is PartyKind(kind)


def test_a_party_may_have_no_org_number_and_no_signatory() -> None:
    party = _party()
    assert party.org_number is None and party.legal_org_number is None
    assert party.signatories == []


def test_one_signatory_or_a_list_of_them() -> None:
    one = _party(undertecknare={"titel": "Kommundirektör"})
    many = _party(undertecknare=[{"titel": "Kommundirektör"}, {"titel": "Kommunchef"}])
    assert [s.title for s in one.signatories] == ["Kommundirektör"]
    assert [s.title for s in many.signatories] == ["Kommundirektör", "Kommunchef"]


def test_the_org_number_belongs_to_the_legal_party() -> None:
    party = _party(juridisk_part={"namn": "Polismyndigheten", "organisationsnummer": 2021000076})
    assert party.legal_org_number == "202100-0076"


def test_an_org_number_both_on_the_party_and_its_legal_party_is_refused(
    parties: AgreementCopy,
) -> None:
    text = parties.edit(
        "    typ: stadsdelsnämnd\n",
        "    typ: stadsdelsnämnd\n    organisationsnummer: 212000-0142\n",
    )
    problem = only(parties.check(ON), "SV010")
    assert problem.severity is Severity.ERROR
    assert "flytta organisationsnummer till juridisk_part" in problem.message
    assert problem.location.line == position(text, "id: stadsdelen")[0]


# --- the parties clause, the decision line and the signature block ---------------------------


def test_the_parties_clause_states_what_the_data_states(parties: AgreementCopy) -> None:
    markdown = _markdown(parties)
    assert (
        "Exempelstads stadsdelsnämnd inom Exempelstads kommun, org.nr 212000-9952, "
        "”Stadsdelsnämnden”, Polisområde Exempel inom Polismyndigheten, org.nr 202100-0076, "
        "”Polisen”, Exempelbostäder AB, org.nr 556000-9903, ”Bolaget” och Föreningen Trygga "
        "Exempelstaden, ”Föreningen”, gemensamt ”Parterna”, har kommit överens om följande "
        "samverkan, ”Överenskommelse”." in markdown
    )
    assert "org.nr None" not in markdown and "ingått" not in markdown


@pytest.mark.parametrize(
    "name", ["Polismyndigheten i Stockholms län", "Rikspolisstyrelsen", "Polisen Södertörn"]
)
def test_police_names_of_any_era_print_as_written(parties: AgreementCopy, name: str) -> None:
    parties.edit("    namn: Polisområde Exempel\n", f"    namn: {name}\n")
    parties.edit("    typ: polisområde\n", "    typ: polismyndighet\n")
    markdown = _markdown(parties)
    assert f"”Stadsdelsnämnden”, {name} inom Polismyndigheten, org.nr 202100-0076" in markdown
    assert "polisregion" not in markdown.casefold()


def test_the_decision_line_and_every_signatory(parties: AgreementCopy) -> None:
    markdown = _markdown(parties)
    assert (
        "Fastställd av det lokala brottsförebyggande rådet den 10 november 2025, § 7, "
        "dnr SDN 2025/0099." in markdown
    )
    assert "| Stadsdelsdirektör | Polisområdeschef |" in markdown
    assert "| Bo Exempelsson | Britt Modellin |" in markdown
    assert "| Exempelstaden den 3 november 2025 |" in markdown
    assert markdown.count("<!-- samverkan:underskrifter -->") == 2  # the förening signs not


def test_a_decision_alone_prints_no_signature_block(parties: AgreementCopy) -> None:
    _without_signatories(parties)
    markdown = _markdown(parties)
    assert "Fastställd av det lokala brottsförebyggande rådet" in markdown
    assert "samverkan:underskrifter" not in markdown
    assert "SV174" not in rules_of(parties.check(ON))


def test_the_region_example_builds_without_findings(region: AgreementCopy) -> None:
    problems = region.check(CheckSettings(today=dt.date(2026, 6, 1)))
    assert [str(p) for p in problems if p.severity is not Severity.INFO] == []
    assert "undantag" not in region.text()
    markdown = _markdown(region)
    assert "Polisregion Exempel inom Polismyndigheten, org.nr 202100-0076, ”Polisen”" in markdown
    assert "| Regionstyrelsens ordförande, Region Exempelland | Regiondirektör, Region" in markdown


def test_the_region_docx_signs_every_signatory_in_order(
    region: AgreementCopy, tmp_path: Path
) -> None:
    result = build_agreement(region.folder, tmp_path / "ut", region.folder.parent.parent)
    [path] = [p for p in result.written if p.suffix == ".docx"]
    document = docx.Document(io.BytesIO(path.read_bytes()))
    texts = [p.text for p in document.paragraphs]
    names = ["Ingrid Påhittad", "Olof Exempelgren", "Sara Modellsdotter", "Karl Testman"]
    assert [texts.index(name) for name in names] == sorted(texts.index(name) for name in names)
    for title in (
        "Landshövding, Länsstyrelsen i Exempellän",
        "Regionpolischef, Polisregion Exempel",
    ):
        assert title in texts
    assert texts.index("Sara Modellsdotter") < texts.index(
        "Landshövding, Länsstyrelsen i Exempellän"
    )


# --- SV164 before and after the police reform ------------------------------------------------


def test_sv164_is_silent_for_a_county_police_authority_before_2015(jarva: AgreementCopy) -> None:
    jarva.edit("typ: lokalpolisområde", "typ: polismyndighet")
    jarva.edit("organisationsnummer: 202100-0076", "organisationsnummer: 212000-0142")
    assert "SV164" in rules_of(jarva.check())
    text = jarva.text()
    for date in sorted(set(re.findall(r"\b20\d\d-\d\d-\d\d\b", text))):
        text = text.replace(date, "2013" + date[4:])
    (jarva.folder / AGREEMENT).write_text(text, encoding="utf-8")
    assert "SV164" not in rules_of(jarva.check(CheckSettings(today=dt.date(2014, 1, 1))))


@pytest.mark.parametrize("name", ["Polismyndigheten i Stockholms län", "Rikspolisstyrelsen"])
def test_sv164_reads_an_undated_documents_era_from_the_name(
    parties: AgreementCopy, name: str
) -> None:
    parties.cut("fastställd_av:", "underskrifter:")
    parties.edit("        datum: 2025-11-03\n", "")
    parties.edit(
        "      namn: Polismyndigheten\n      organisationsnummer: 202100-0076\n",
        "      namn: Polismyndigheten\n      organisationsnummer: 212000-0142\n",
    )
    assert "SV164" in rules_of(parties.check(ON))
    parties.edit("      namn: Polismyndigheten\n", f"      namn: {name}\n")
    assert "SV164" not in rules_of(parties.check(ON))


# --- SV173, SV174 -----------------------------------------------------------------------------


@covers_rule("SV173")
def test_sv173_a_missing_org_number_where_the_profile_expects_one(jarva: AgreementCopy) -> None:
    text = jarva.edit("    organisationsnummer: 202100-0076\n", "")
    text = jarva.edit(", org.nr {organisationsnummer}, postadress", ", postadress")  # as written
    problem = only(jarva.check(), "SV173")
    assert problem.severity is Severity.INFO
    assert problem.location.line == value_position(text, "namn: Lokalpolisområde Järva")[0]
    assert problem.message.startswith(
        "Lokalpolisområde Järva anger inget organisationsnummer; profilen förväntar sig ett"
    )


def test_sv173_is_silent_where_no_profile_expects_one(parties: AgreementCopy) -> None:
    assert "SV173" not in rules_of(parties.check(ON))


@covers_rule("SV174")
def test_sv174_nobody_signs_and_nothing_decided_it(parties: AgreementCopy) -> None:
    parties.cut("fastställd_av:", "underskrifter:")
    text = _without_signatories(parties)
    problem = only(parties.check(ON), "SV174")
    assert problem.severity is Severity.INFO
    assert problem.location.line == position(text, "parter:")[0]
    assert "ange undertecknare hos parterna, eller fastställd_av" in problem.message


# --- dates and titles of several signatories -------------------------------------------------


def test_sv113_locates_the_date_of_one_of_several_signatories(parties: AgreementCopy) -> None:
    text = parties.edit(
        "underskrifter:\n  ort: Exempelstaden\n",
        "underskrifter:\n  ort: Exempelstaden\ntid:\n  från: 2025-11-01\n  till: 2026-10-31\n",
    )
    problem = only(parties.check(ON), "SV113")
    assert problem.location.line == value_position(text, "datum: 2025-11-03")[0]


def test_sv156_the_shared_place_is_unused_when_every_one_of_a_list_has_their_own(
    region: AgreementCopy,
) -> None:
    assert "SV156" not in rules_of(region.check(ON))
    text = region.text().replace(
        "        namn: Ingrid Påhittad\n",
        "        namn: Ingrid Påhittad\n        ort: Exempelstad\n",
    )
    text = text.replace(
        "        namn: Olof Exempelgren\n",
        "        namn: Olof Exempelgren\n        ort: Exempelstad\n",
    )
    text = text.replace(
        "      namn: Sara Modellsdotter\n",
        "      namn: Sara Modellsdotter\n      ort: Exempelstad\n",
    )
    (region.folder / AGREEMENT).write_text(text, encoding="utf-8")
    assert "SV156" not in rules_of(region.check(ON))  # the police's signatory has no place
    region.edit("      namn: Karl Testman\n", "      namn: Karl Testman\n      ort: Exempelstad\n")
    problem = only(region.check(ON), "SV156")
    assert problem.message.startswith("ort 'Exempelstad' skrivs aldrig ut")


def test_sv141_checks_each_of_several_signatories(tmp_path: Path) -> None:
    kommun = _copy(tmp_path, REPO_ROOT / "agreements" / "exempel-kommun")
    kommun.edit(
        "    undertecknare:\n      titel: Kommunstyrelsens ordförande, Exempelby kommun\n"
        "      namn: Anna Exempelsson\n",
        "    undertecknare:\n      - titel: Kommunstyrelsens ordförande, Exempelby kommun\n"
        "        namn: Anna Exempelsson\n      - titel: Kommundirektör\n",
    )
    problem = only(kommun.check(ON), "SV141")
    assert problem.severity is Severity.INFO  # the handbook's requirement is unverified
    assert "undertecknas av 'Kommundirektör'" in problem.message


def test_sv141_is_silent_for_kinds_the_profile_does_not_name(region: AgreementCopy) -> None:
    assert "SV141" not in rules_of(region.check(ON))


# --- public version, init ----------------------------------------------------------------------


def test_every_signatory_of_a_list_is_a_name_to_remove(parties: AgreementCopy) -> None:
    people = people_of(load_agreement(parties.folder))
    for name in ("Petra Påhittad", "Bo Exempelsson", "Britt Modellin", "Kim Testsson"):
        assert name in people.removed
    assert "Polismyndigheten" not in people.removed


def test_a_mall_keeps_only_the_polices_org_number_under_juridisk_part() -> None:
    text = (
        "parter:\n"
        "  - typ: stadsdelsnämnd\n"
        "    juridisk_part: {namn: Exempelstads kommun, organisationsnummer: 212000-9952}\n"
        "    undertecknare:\n      - {titel: Stadsdelsdirektör, namn: Petra Påhittad}\n"
        "  - typ: polisområde\n"
        "    juridisk_part: {namn: Polismyndigheten, organisationsnummer: 202100-0076}\n"
        "fastställd_av:\n  organ: Rådet\n  datum: 2025-11-10\n"
    )
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    assert node is not None
    entries = dict(index(node))
    edited = Editor(text, entries).apply(mall_edits("överenskommelse", entries, 12, None))
    data = yaml.safe_load(edited)
    assert data["parter"][0]["juridisk_part"]["organisationsnummer"] == "000000-0000"
    assert data["parter"][1]["juridisk_part"]["organisationsnummer"] == "202100-0076"
    assert data["parter"][0]["undertecknare"][0]["namn"] == SIGNATORY
    assert "datum" not in data["fastställd_av"]  # a decision not yet taken


def test_a_copy_replaces_every_signatory_and_keeps_the_polices_legal_number(
    tmp_path: Path,
) -> None:
    """`init --från` a kommun's own agreement (not a shipped example): the signatories of a
    list lose their names, the police's legal party keeps Polismyndigheten's real number and
    any other organisationsnummer is kept but marked."""
    root = tmp_path / "repo"
    own = root / "agreements" / "var-region"
    shutil.copytree(REPO_ROOT / "agreements" / "exempel-region", own)
    (own / AGREEMENT).write_text(
        (own / AGREEMENT).read_text(encoding="utf-8").replace("# EXEMPEL", "# Vår"),
        encoding="utf-8",
    )
    made = initialise(Repository(root), "ny", "var-region", today=dt.date(2028, 11, 1))
    text = (made.folder / AGREEMENT).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    names = [s["namn"] for p in data["parter"] for s in _listed(p["undertecknare"])]
    assert names == [PLACEHOLDER_SIGNATORY] * 4
    assert "organisationsnummer: 202100-0076\n" in text  # unmarked: the police's own
    assert "organisationsnummer: 232100-9900  # FYLL I" in text


def _listed(value: object) -> list[dict[str, str]]:
    return value if isinstance(value, list) else [value]  # type: ignore[list-item]


# --- tjänsteutlåtande to the kommunstyrelse ----------------------------------------------------


def test_a_report_to_the_kommunstyrelse_with_two_signers(parties: AgreementCopy) -> None:
    loaded = load_agreement(parties.folder)
    markdown = write_markdown(report_document(loaded, REPO_ROOT))
    assert "Till Kommunstyrelsen\\\nKommunledningskontoret" in markdown
    assert "Kim Testsson\\\nKommundirektör\n\nSäkerhetsstrateg\n" in markdown
    for heading in ("## Bakgrund", "## Ärendets beredning", "## Synpunkter och förslag"):
        assert heading not in markdown


def test_commitments_of_all_parties_together_and_of_an_actor_are_printed(
    tmp_path: Path,
) -> None:
    """`resurser` holds what one party, all parties together (`part: alla`) or an actor that
    is not a party (`aktör`) commits; the latter two need no party id."""
    folder = REPO_ROOT / "tests" / "fixtures" / "agreements" / "alla-falt"
    loaded = load_agreement(folder)
    assert loaded.agreement is not None, loaded.problems
    text = write_markdown(agreement_document(loaded, REPO_ROOT))
    assert "Parterna garanterar gemensamt:\n\n- En gemensam lägesbild varje vecka" in text
    assert "Föreningen Västerby Nattvandrare åtar sig:\n\n- Nattvandrare fredags-" in text
    assert "SV157" not in [p.rule for p in check_folder(folder)[1]]


@pytest.mark.parametrize(
    "written",
    [{"part": "polisen", "aktör": "Föreningen X"}, {}],
    ids=["both", "neither"],
)
def test_a_commitment_names_exactly_one_giver(written: dict[str, str]) -> None:
    with pytest.raises(ValidationError, match=r"antingen part .* eller aktör"):
        PartyResources.model_validate({**written, "funktioner": ["Kommunpolis"]})
