"""The rules that read a profile's requirements: one failing and one passing fixture each.

Stockholm 2015 rules run on a copy of Rinkeby-Kista 2017 (checked as of a day in its term),
the local Stockholm rules on Järva, and the law's rules on Järva made to name lag-2023-196.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from samverkan_cli.check.folder import CheckSettings
from samverkan_cli.core.problems import Problem, Severity
from tests.conftest import JARVA, REPO_ROOT
from tests.test_rules import (
    AgreementCopy,
    assert_problem,
    covers_rule,
    only,
    position,
    value_position,
)

RINKEBY = REPO_ROOT / "agreements" / "rinkeby-kista-2017"
AGREEMENT = "overenskommelse.yaml"
IN_TERM = CheckSettings(today=dt.date(2017, 3, 1))


@pytest.fixture
def rinkeby(tmp_path: Path) -> AgreementCopy:
    folder = tmp_path / "agreements" / "rinkeby-kista-2017"
    shutil.copytree(RINKEBY, folder)
    copy = AgreementCopy(folder)
    copy.cut("undantag:\n", "\nförord:")  # report the real gaps as what they are
    return copy


@pytest.fixture
def lawful(tmp_path: Path) -> AgreementCopy:
    """Järva, also under lag (2023:196), with what the law asks for in place."""
    folder = tmp_path / "agreements" / "järva"
    shutil.copytree(JARVA, folder)
    copy = AgreementCopy(folder)
    copy.edit("profil: stockholm-lokal-2023", "profil: [stockholm-lokal-2023, lag-2023-196]")
    copy.edit(
        "\nlägesbild:\n",
        "\nsamordning:\n  text:\n    - Kommunens säkerhetsstrateg är samordningsfunktion.\n"
        "\nlägesbild:\n",
    )
    copy.edit(
        "underlag_inledning:",
        "text: |\n  # Kartläggning\n\n  Statistik över anmälda brott.\n\n  # Analys\n\n  Orsaker.\n"
        "underlag_inledning:",
        "bilagor/lagesbild.yaml",
    )
    copy.edit(
        "      typ: åtgärdsplan\n      extern: {}\n",
        "      typ: åtgärdsplan\n      fil: bilagor/atgardsplan.yaml\n",
    )
    (folder / "bilagor" / "atgardsplan.yaml").write_text(
        "typ: åtgärdsplan\ntitel: Åtgärdsplan\nbeslut:\n  datum: 2024-05-20\n"
        "  av: Järva stadsdelsnämnd\nplaner:\n  - id: nyrekrytering\n    namn: Nyrekrytering\n"
        "    mål_och_syfte: Färre unga rekryteras.\n    ansvarig: Beredningsgruppen\n"
        "    mötesfrekvens:\n      - frekvens: {antal: 4, per: år}\n        text: '{frekvens}'\n"
        "    finansiering: Respektive part bär sina egna kostnader\n",
        encoding="utf-8",
    )
    return copy


def rules_of(problems: list[Problem]) -> set[str]:
    return {p.rule for p in problems}


# --- passing fixtures ---------------------------------------------------------------------


def test_rinkeby_passes_every_stockholm_2015_rule_but_its_documented_gaps(
    rinkeby: AgreementCopy,
) -> None:
    assert rules_of(rinkeby.check(IN_TERM)) == {"SV125", "SV126"}


def test_lawful_jarva_passes_the_law_profile(lawful: AgreementCopy) -> None:
    problems = [p for p in lawful.check() if p.severity is not Severity.INFO]
    assert problems == []


def test_rinkeby_passes_sv125_and_sv126_once_the_gaps_are_filled(rinkeby: AgreementCopy) -> None:
    head, *plans = rinkeby.text("bilagor/atgardsplaner.yaml").split("\n  - id: ")
    filled = [
        plan.replace("    mål_och_syfte:", "    prioriterat_område: unga\n    mål_och_syfte:")
        + ("" if "\n    löptid:" in plan else "\n    löptid: 2017–2018")
        for plan in plans
    ]
    text = "\n  - id: ".join([head, *filled]) + "\n"
    (rinkeby.folder / "bilagor/atgardsplaner.yaml").write_text(text, encoding="utf-8")
    rinkeby.edit(
        "typ: lägesbild\n",
        "typ: lägesbild\nprioriterade_områden:\n  - id: unga\n    namn: Unga i riskzon\n",
        "bilagor/lagesbild.yaml",
    )
    problems = rinkeby.check(IN_TERM)
    assert not rules_of(problems) & {"SV125", "SV126"}, [str(p) for p in problems]


# --- SV116 and SV124: the term ------------------------------------------------------------


@covers_rule("SV116")
def test_sv116_term_of_the_wrong_length(rinkeby: AgreementCopy) -> None:
    text = rinkeby.edit("till: 2018-12-31", "till: 2019-12-31")
    problem = only(rinkeby.check(IN_TERM), "SV116")
    assert_problem(
        problem,
        Severity.ERROR,
        rinkeby.folder / AGREEMENT,
        value_position(text, "till: 2019-12-31"),
        "avtalstiden ska vara två (2) år, från 2017-01-01 till och med 2018-12-31, "
        "men slutar 2019-12-31",
    )


@covers_rule("SV124")
@pytest.mark.parametrize(
    ("today", "fragment"),
    [
        (dt.date(2018, 5, 1), "samrådet om förlängning ska ske senast 2018-06-30, om 60 dagar"),
        (dt.date(2018, 7, 1), "skulle ha skett senast 2018-06-30 (i dag 2018-07-01)"),
    ],
)
def test_sv124_consultation_deadline(rinkeby: AgreementCopy, today: dt.date, fragment: str) -> None:
    text = rinkeby.text()
    problem = only(rinkeby.check(CheckSettings(today=today)), "SV124")
    assert_problem(
        problem,
        Severity.WARNING,
        rinkeby.folder / AGREEMENT,
        value_position(text, "samråd_månader_före: 6"),
        fragment,
    )


def test_sv124_is_quiet_long_before_the_deadline(rinkeby: AgreementCopy) -> None:
    assert "SV124" not in rules_of(rinkeby.check(CheckSettings(today=dt.date(2018, 3, 1))))


# --- SV117..SV119, SV129, SV134: organisation ------------------------------------------------


@covers_rule("SV117")
def test_sv117_forum_without_chair(rinkeby: AgreementCopy) -> None:
    text = rinkeby.cut("      ordförande:", "      möten:")
    problem = only(rinkeby.check(IN_TERM), "SV117")
    line, _ = position(text, "- id: styrgrupp")
    assert problem.location.line == line
    assert problem.message == "Styrgrupp anger inte vem som är ordförande ('ordförande')"


@covers_rule("SV118")
def test_sv118_function_missing(jarva: AgreementCopy) -> None:
    text = jarva.edit("          - Kommunpolis\n", "          - Polis\n")
    problem = only(jarva.check(), "SV118")
    line, _ = position(text, 'inledning: "I beredningsgruppen')
    assert (problem.location.line, problem.severity) == (line, Severity.ERROR)
    assert problem.message == "i Lokal beredningsgrupp saknas funktionen 'Kommunpolis'"


@covers_rule("SV119")
def test_sv119_coordination_without_resources(rinkeby: AgreementCopy) -> None:
    text = rinkeby.cut("  resurser:", "\nlägesbild:")
    problem = only(rinkeby.check(IN_TERM), "SV119")
    line, _ = position(text, "samordning:")
    assert problem.location.line == line + 1
    assert "samordningen anger inte vilka resurser" in problem.message


@covers_rule("SV129")
def test_sv129_updates_decided_by_another_forum(jarva: AgreementCopy) -> None:
    text = jarva.edit("beslutas_av: styrgrupp", "beslutas_av: beredningsgrupp")
    problem = only(jarva.check(), "SV129")
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / AGREEMENT,
        value_position(text, "beslutas_av: beredningsgrupp"),
        "uppdateringar ska beslutas av en styrgrupp",
    )


@covers_rule("SV134")
def test_sv134_updates_clause_without_central_report(jarva: AgreementCopy) -> None:
    jarva.edit("samt meddelas Beredningsgruppen på\n      central nivå.", "samt arkiveras.")
    problem = only(jarva.check(), "SV134")
    assert problem.severity is Severity.WARNING
    assert "att beredningsgruppen på central nivå underrättas" in problem.message


# --- SV120..SV123, SV133: the lägesbild -----------------------------------------------------


@covers_rule("SV120")
def test_sv120_no_sources(rinkeby: AgreementCopy) -> None:
    rinkeby.cut("  underlag:\n", "  revidering:")
    problem = only(rinkeby.check(IN_TERM), "SV120")
    assert problem.location.file.endswith("bilagor/lagesbild.yaml")
    assert problem.message == "lägesbilden anger inte vilka underlag som använts"


@covers_rule("SV121")
def test_sv121_no_stance_on_organised_crime(rinkeby: AgreementCopy) -> None:
    path = rinkeby.folder / "bilagor/lagesbild.yaml"
    text = path.read_text(encoding="utf-8")
    for word in ("Kriminella nätverk", "kriminella nätverk", "organiserad brottslighet"):
        text = text.replace(word, "grupperingar")
    path.write_text(text, encoding="utf-8")
    problem = only(rinkeby.check(IN_TERM), "SV121")
    assert problem.severity is Severity.WARNING
    assert "kategorin 'organiserad brottslighet'" in problem.message


@covers_rule("SV122")
def test_sv122_revised_too_seldom(jarva: AgreementCopy) -> None:
    text = jarva.edit("frekvens: {varje: år, eller_vid_behov: true}", "frekvens: vid behov")
    jarva.edit("ska revideras {frekvens} och", "ska revideras vid behov och")
    problem = only(jarva.check(), "SV122")
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / AGREEMENT,
        value_position(text, "frekvens: vid behov", after="\nlägesbild:\n"),
        "lägesbilden revideras 'vid behov'; profilen kräver minst en (1) gång varje år",
    )


@covers_rule("SV123")
def test_sv123_situation_picture_too_old(jarva: AgreementCopy) -> None:
    text = jarva.edit(
        "titel: Gemensam lokal lägesbild\n",
        "titel: Gemensam lokal lägesbild\ndatum: 2023-01-15\n",
        "bilagor/lagesbild.yaml",
    )
    problems = jarva.check(CheckSettings(today=dt.date(2024, 6, 1)))
    problem = only(problems, "SV123")
    assert_problem(
        problem,
        Severity.WARNING,
        jarva.folder / "bilagor/lagesbild.yaml",
        value_position(text, "datum: 2023-01-15"),
        "daterad 2023-01-15 och skulle ha reviderats senast 2024-01-15 (i dag 2024-06-01)",
    )
    fresh = jarva.check(CheckSettings(today=dt.date(2023, 12, 1)))
    assert "SV123" not in rules_of(fresh)


@covers_rule("SV133")
def test_sv133_law_content_missing(lawful: AgreementCopy) -> None:
    lawful.edit("  # Analys\n\n  Orsaker.\n", "", "bilagor/lagesbild.yaml")
    problem = only(lawful.check(), "SV133")
    assert problem.severity is Severity.WARNING
    assert "lägesbilden saknar en analys av kartläggningen (4 § 3)" in problem.message


# --- SV125..SV128, SV132: åtgärdsplaner and uppföljning -------------------------------------


@covers_rule("SV125")
def test_sv125_plan_without_area_and_area_without_plan(lawful: AgreementCopy) -> None:
    lawful.edit(
        "profil: [stockholm-lokal-2023, lag-2023-196]",
        "profil: [stockholm-lokal-2023, lag-2023-196, stockholm-2015]",
    )
    problems = [p for p in lawful.check() if p.rule == "SV125"]
    messages = sorted(p.message for p in problems)
    assert "åtgärdsplanen 'Nyrekrytering' hör inte till något prioriterat område" in messages
    assert (
        "det prioriterade området 'Otrygga brottsutsatta platser' har ingen åtgärdsplan" in messages
    )
    assert all(p.severity is Severity.WARNING for p in problems)


@covers_rule("SV126")
def test_sv126_plan_without_duration_or_commitment(rinkeby: AgreementCopy) -> None:
    problems = [p for p in rinkeby.check(IN_TERM) if p.rule == "SV126"]
    assert "åtgärdsplanen 'MYS, Myndigheter i samverkan' saknar 'löptid'" in {
        p.message for p in problems
    }


@covers_rule("SV127")
def test_sv127_plan_without_forum(lawful: AgreementCopy) -> None:
    lawful.cut("    mötesfrekvens:\n", "    finansiering:", "bilagor/atgardsplan.yaml")
    problem = only(lawful.check(), "SV127")
    assert problem.severity is Severity.WARNING
    assert "skriv 'frekvens: ej aktuellt'" in problem.message


@covers_rule("SV128")
def test_sv128_follow_up_without_the_communication_plan(rinkeby: AgreementCopy) -> None:
    text = rinkeby.text("bilagor/uppfoljningsplan.yaml")
    start = text.index("  - avser: kommunikationsplan")
    (rinkeby.folder / "bilagor/uppfoljningsplan.yaml").write_text(text[:start], encoding="utf-8")
    problem = only(rinkeby.check(IN_TERM), "SV128")
    assert problem.message == "uppföljningsplanen säger inte hur kommunikationsplanen följs upp"


@covers_rule("SV132")
def test_sv132_plan_not_decided(lawful: AgreementCopy) -> None:
    lawful.cut("beslut:\n", "planer:", "bilagor/atgardsplan.yaml")
    problem = only(lawful.check(), "SV132")
    assert problem.location.file.endswith("bilagor/atgardsplan.yaml")
    assert (problem.location.line, problem.location.column) == (1, 6)  # at its 'typ'
    assert "när och av vem den beslutades" in problem.message


# --- SV130 and SV131: files and contacts ----------------------------------------------------


@covers_rule("SV130")
def test_sv130_bilaga_file_not_in_the_list(jarva: AgreementCopy) -> None:
    (jarva.folder / "bilagor" / "gammal.yaml").write_text(
        "typ: annan\ntitel: X\n", encoding="utf-8"
    )
    problem = only(jarva.check(), "SV130")
    assert problem.severity is Severity.WARNING
    assert problem.location.file.endswith("bilagor/gammal.yaml")
    assert (
        problem.message == "filen 'bilagor/gammal.yaml' finns i mappen men står inte i bilagelistan"
    )


@covers_rule("SV131")
@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        (
            "0739-10 12 15",
            "ring växeln",
            "telefonnumret 'ring växeln' för Daniel Mattsson har fel form",
        ),
        (
            "daniel.mattsson@polisen.se",
            "daniel.mattsson.polisen.se",
            "e-postadressen 'daniel.mattsson.polisen.se'",
        ),
    ],
)
def test_sv131_contact_formats(rinkeby: AgreementCopy, old: str, new: str, fragment: str) -> None:
    text = rinkeby.edit(old, new, "bilagor/samordnare.yaml")
    problem = only(rinkeby.check(IN_TERM), "SV131")
    line, column = position(text, new)
    assert (problem.location.line, problem.location.column) == (line, column)
    assert fragment in problem.message
