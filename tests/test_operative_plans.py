"""The yearly operative plan (`typ: handlingsplan`) under a strategic agreement: its model,
its rules (SV144–SV149, rules/operative.py), its calendar dates, its rendering and `init`.

Every fixture is a scratch copy of agreements/exempel-tre-kommuner (term 2023-03-01 –
2027-02-28, profile arlig-handlingsplan), whose plan for 2026-03-01 – 2027-02-28 is a file
and whose plan for the year before is listed as extern with its period.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.calendar.events import agreement_calendar
from samverkan_cli.check.folder import CheckSettings
from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.init.new_folder import initialise
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.source.repository import Repository
from tests.conftest import REPO_ROOT
from tests.test_rules import (
    AgreementCopy,
    assert_problem,
    covers_rule,
    only,
    position,
    value_position,
)

NAME = "exempel-tre-kommuner"
AGREEMENT = "overenskommelse.yaml"
PLAN = "bilagor/handlingsplan-2026.yaml"
ON = CheckSettings(today=dt.date(2026, 11, 23))
EXTERN_PERIOD = "period: {från: 2025-03-01, till: 2026-02-28}"
PROFILES = "profil: [bra-samverkan, lag-2023-196, arlig-handlingsplan]"


@pytest.fixture
def tre(tmp_path: Path) -> AgreementCopy:
    folder = tmp_path / "agreements" / NAME
    shutil.copytree(REPO_ROOT / "agreements" / NAME, folder)
    return AgreementCopy(folder)


def on(day: str) -> CheckSettings:
    return CheckSettings(today=dt.date.fromisoformat(day))


def not_info(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems if p.severity is not Severity.INFO]


def rules_of(problems: list[Problem]) -> set[str]:
    return {p.rule for p in problems}


# --- the example --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day", ["2023-01-01", "2025-03-01", "2026-03-01", "2027-02-28", "2030-01-01"]
)
def test_the_example_passes_while_a_plan_covers_the_day(tre: AgreementCopy, day: str) -> None:
    assert not_info(tre.check(on(day))) == []


def test_the_plan_is_read_as_data() -> None:
    loaded = load_agreement(REPO_ROOT / "agreements" / NAME)
    plan = loaded.bilagor["handlingsplan"].model
    assert (plan.period.start, plan.period.end) == (dt.date(2026, 3, 1), dt.date(2027, 2, 28))
    decided = plan.decision.date  # a year, a month or a day (PartialDate); here a day
    assert (decided.first_day, decided.is_day, plan.decision.by) == (
        dt.date(2026, 2, 10),
        True,
        "styrgrupp",
    )
    assert [group.priority_area for group in plan.areas] == ["narkotika", "inbrott", "vald"]
    first = plan.areas[0].activities[2]
    assert first.parties == ["exempelas", "exempelholm", "exempelvik"]
    assert first.timing() == "en (1) gång varje termin"
    assert plan.follow_up.occasions == [dt.date(2026, 9, 15), dt.date(2027, 2, 9)]
    assert loaded.agreement is not None and loaded.agreement.bilagor is not None
    extern = loaded.agreement.bilagor.entries[-1].external
    assert extern is not None and extern.period is not None
    assert extern.period.swedish() == "2025-03-01 – 2026-02-28"


# --- the model: SV010 -------------------------------------------------------------------------


def test_a_period_that_ends_before_it_starts_is_a_schema_error(tre: AgreementCopy) -> None:
    text = tre.edit("  till: 2027-02-28\n", "  till: 2026-02-28\n", PLAN)
    problem = only(tre.check(ON), "SV010")
    assert_problem(
        problem,
        Severity.ERROR,
        tre.folder / PLAN,
        position(text, "från: 2026-03-01"),
        "perioden måste sluta efter att den börjar",
    )


def test_an_activity_without_when_is_a_schema_error(tre: AgreementCopy) -> None:
    tre.edit("        när: två kvällar i november 2026\n", "", PLAN)
    problem = only(tre.check(ON), "SV010")
    assert "ange när aktiviteten genomförs: 'när' (text) eller 'frekvens'" in problem.message


# --- SV144: inside the term ---------------------------------------------------------------------


@covers_rule("SV144")
def test_sv144_plan_ends_after_the_term(tre: AgreementCopy) -> None:
    text = tre.edit("  till: 2027-02-28\n", "  till: 2027-03-31\n", PLAN)
    problem = only(tre.check(ON), "SV144")
    assert_problem(
        problem,
        Severity.ERROR,
        tre.folder / PLAN,
        value_position(text, "till: 2027-03-31"),
        "handlingsplanen 'Operativ handlingsplan 2026/2027' slutar 2027-03-31, efter "
        "avtalstiden 2023-03-01 – 2027-02-28",
    )


def test_sv144_plan_starts_before_a_term_tills_vidare(tre: AgreementCopy) -> None:
    tre.edit(
        "  från: 2023-03-01\n  till: 2027-02-28\n", "  från: 2026-06-01\n  till: tills vidare\n"
    )
    tre.edit("  förlängning:\n    år: 2\n    samråd_månader_före: 6\n", "")
    tre.cut("undantag:\n", "\nbakgrund:")
    text = tre.text(PLAN)
    problem = only(tre.check(ON), "SV144")
    assert_problem(
        problem,
        Severity.ERROR,
        tre.folder / PLAN,
        value_position(text, "från: 2026-03-01"),
        "börjar 2026-03-01, före avtalstiden 2026-06-01 – tills vidare",
    )


def test_sv144_does_not_check_an_extern_plan_of_an_earlier_agreement(tre: AgreementCopy) -> None:
    tre.edit(EXTERN_PERIOD, "period: {från: 2022-03-01, till: 2023-02-28}")
    assert "SV144" not in rules_of(tre.check(ON))


# --- SV145: no overlap ------------------------------------------------------------------------


@covers_rule("SV145")
def test_sv145_plans_overlap(tre: AgreementCopy) -> None:
    tre.edit(EXTERN_PERIOD, "period: {från: 2025-04-01, till: 2026-03-31}")
    problem = only(tre.check(ON), "SV145")
    assert_problem(
        problem,
        Severity.ERROR,
        tre.folder / PLAN,
        value_position(tre.text(PLAN), "från: 2026-03-01"),
        "handlingsplanen 'Operativ handlingsplan 2026/2027' (2026-03-01 – 2027-02-28) "
        "överlappar 'Operativ handlingsplan 2025/2026' (2025-04-01 – 2026-03-31)",
    )


def test_sv145_plans_that_follow_each_other_do_not_overlap(tre: AgreementCopy) -> None:
    assert "SV145" not in rules_of(tre.check(ON))


# --- SV146: a plan covers the day --------------------------------------------------------------


@covers_rule("SV146")
def test_sv146_no_plan_covers_the_day(tre: AgreementCopy) -> None:
    problem = only(tre.check(on("2024-06-01")), "SV146")
    assert_problem(
        problem,
        Severity.WARNING,
        tre.folder / AGREEMENT,
        position(tre.text(), "- id: lagesbild"),
        "ingen handlingsplan gäller i dag (2024-06-01); profilen kräver en operativ "
        "handlingsplan per år under avtalstiden; den senaste, 'Operativ handlingsplan "
        "2026/2027', gäller 2026-03-01 – 2027-02-28",
    )


def test_sv146_counts_an_extern_plan_with_its_period(tre: AgreementCopy) -> None:
    assert "SV146" not in rules_of(tre.check(on("2025-06-01")))
    tre.edit(f"        {EXTERN_PERIOD}\n", "")
    assert "SV146" in rules_of(tre.check(on("2025-06-01")))


def test_the_profile_rules_are_quiet_without_the_profile(tre: AgreementCopy) -> None:
    tre.edit(PROFILES, "profil: [bra-samverkan, lag-2023-196]")
    tre.edit("  datum: 2026-02-10\n", "  datum: 2026-03-10\n", PLAN)
    tre.edit(EXTERN_PERIOD, "period: {från: 2025-01-01, till: 2026-02-28}")
    found = rules_of(tre.check(on("2024-06-01")))
    assert not found & {"SV146", "SV147", "SV148"}


# --- SV147: decided before the period ----------------------------------------------------------


@covers_rule("SV147")
def test_sv147_plan_decided_after_its_period_started(tre: AgreementCopy) -> None:
    text = tre.edit("  datum: 2026-02-10\n", "  datum: 2026-03-10\n", PLAN)
    problem = only(tre.check(ON), "SV147")
    assert_problem(
        problem,
        Severity.WARNING,
        tre.folder / PLAN,
        value_position(text, "datum: 2026-03-10"),
        "handlingsplanen 'Operativ handlingsplan 2026/2027' fastställdes 2026-03-10, men dess "
        "period började 2026-03-01; den ska fastställas innan perioden börjar",
    )


def test_sv147_undecided_plan_is_a_draft_until_its_period_starts(tre: AgreementCopy) -> None:
    text = tre.cut("fastställd:\n", "inledning:", PLAN)
    assert "SV147" not in rules_of(tre.check(on("2026-02-15")))
    problem = only(tre.check(ON), "SV147")
    assert_problem(
        problem,
        Severity.WARNING,
        tre.folder / PLAN,
        value_position(text, "titel: Operativ handlingsplan 2026/2027"),
        "gäller från 2026-03-01 men anger inte när och av vilket forum den fastställdes",
    )


# --- SV148: how long one plan runs ------------------------------------------------------------


@covers_rule("SV148")
def test_sv148_plan_longer_than_the_profile_allows(tre: AgreementCopy) -> None:
    text = tre.edit(EXTERN_PERIOD, "period: {från: 2025-01-01, till: 2026-02-28}")
    problem = only(tre.check(ON), "SV148")
    assert_problem(
        problem,
        Severity.WARNING,
        tre.folder / AGREEMENT,
        position(text, "2026-02-28}"),
        "handlingsplanen 'Operativ handlingsplan 2025/2026' gäller 2025-01-01 – 2026-02-28, "
        "längre än de tolv (12) månader profilen medger",
    )


# --- SV149: what the plan refers to ----------------------------------------------------------


@covers_rule("SV149")
def test_sv149_unknown_fokusomrade(tre: AgreementCopy) -> None:
    text = tre.edit("  - fokusområde: inbrott\n", "  - fokusområde: stölder\n", PLAN)
    problem = only(tre.check(ON), "SV149")
    assert_problem(
        problem,
        Severity.ERROR,
        tre.folder / PLAN,
        value_position(text, "fokusområde: stölder"),
        "handlingsplanen pekar på fokusområdet 'stölder', som inte finns; kända: narkotika, "
        "inbrott, vald",
    )


def test_sv149_unknown_party_in_a_list(tre: AgreementCopy) -> None:
    old = "        ansvarig: [exempelas, exempelholm, exempelvik]\n"
    text = tre.edit(old, "        ansvarig: [exempelas, exempelstad]\n", PLAN)
    problem = only(tre.check(ON), "SV149")
    assert_problem(
        problem,
        Severity.ERROR,
        tre.folder / PLAN,
        position(text, "exempelstad"),
        "aktiviteten 'Föräldrautbildning om narkotika på varje högstadieskola' har den "
        "ansvariga parten 'exempelstad', som inte finns (menade du 'exempelas'?); kända "
        "parter: exempelas, exempelholm, exempelvik, polisen. En enhet eller funktion som inte "
        "är part skrivs som text",
    )


def test_sv149_a_unit_or_function_as_text_is_accepted_and_printed(
    tre: AgreementCopy, tmp_path: Path
) -> None:
    """`ansvarig` is a party id (printed as the party's name) or any unit or function as
    text, printed as written; a lower-case word far from every party id is text too."""
    tre.edit(
        "        ansvarig: exempelholm\n        frekvens: {antal: 3, per: vecka}",
        "        ansvarig: [exempelholm, Fritidsförvaltningen, fältassistenterna]\n"
        "        frekvens: {antal: 3, per: vecka}",
        PLAN,
    )
    assert not [p for p in tre.check(ON) if p.rule == "SV149"]
    result = build_agreement(tre.folder, tmp_path / "out", REPO_ROOT, settings=ON)
    [markdown] = [p for p in result.written if p.suffix == ".md" and "tjanste" not in p.name]
    printed = markdown.read_text(encoding="utf-8")
    assert (
        "| Kvällsöppen fritidsgård för unga 13–17 år | Exempelholm, Fritidsförvaltningen och "
        "fältassistenterna |" in printed
    )


def test_sv149_unknown_party_and_forum(tre: AgreementCopy) -> None:
    tre.edit("  av: styrgrupp\n", "  av: kommunstyrelsen\n", PLAN)
    text = tre.edit(
        "        ansvarig: exempelholm\n        när: festivalen",
        "        ansvarig: exempelhom\n        när: festivalen",
        PLAN,
    )
    found = [p for p in tre.check(ON) if p.rule == "SV149"]
    assert [(p.location.line, p.location.column) for p in found] == [
        value_position(text, "av: kommunstyrelsen"),
        value_position(text, "ansvarig: exempelhom"),
    ]
    assert "(menade du 'exempelholm'?)" in found[1].message
    assert (
        "forumet 'kommunstyrelsen', som inte finns i organisationen; kända forum: "
        "styrgrupp, samverkansgrupp" in found[0].message
    )


# --- the calendar -------------------------------------------------------------------------------


def test_the_calendar_has_the_plans_follow_ups_end_and_next_decision() -> None:
    loaded = load_agreement(REPO_ROOT / "agreements" / NAME)
    year = agreement_calendar(loaded, 2026)
    assert year.event("handlingsplan-uppfoljning").dates == (dt.date(2026, 9, 15),)
    last = agreement_calendar(loaded, 2027)
    assert last.event("handlingsplan-uppfoljning").dates == (dt.date(2027, 2, 9),)
    end = last.event("handlingsplan-slut")
    assert end.dates == (dt.date(2027, 2, 28),)
    assert end.summary == "Operativ handlingsplan 2026/2027: periodens sista dag"
    due = last.event("handlingsplan-nasta-plan")
    assert due.dates == (dt.date(2027, 1, 28),)
    assert due.all_day and not due.planned
    assert "Nästa handlingsplan ska fastställas innan den börjar gälla 1 mars 2027." in (
        due.description
    )
    assert "förutsätter att överenskommelsen förlängs" in due.description


def test_no_next_decision_when_a_decided_plan_follows(tre: AgreementCopy) -> None:
    tre.edit(EXTERN_PERIOD, "period: {från: 2027-03-01, till: 2028-02-29}")
    calendar = agreement_calendar(load_agreement(tre.folder), 2027)
    keys = {event.key for event in calendar.events}
    assert "handlingsplan-slut" in keys and "handlingsplan-nasta-plan" not in keys


# --- the document -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> docx.document.Document:
    out = tmp_path_factory.mktemp("tre")
    result = build_agreement(REPO_ROOT / "agreements" / NAME, out, REPO_ROOT)
    [path] = [p for p in result.written if p.suffix == ".docx"]
    return docx.Document(io.BytesIO(path.read_bytes()))


def test_the_plan_renders_a_table_per_fokusomrade(document: docx.document.Document) -> None:
    header = ["Aktivitet", "Ansvarig", "När", "Mål och mått"]
    tables = [t for t in document.tables if [c.text for c in t.rows[0].cells] == header]
    assert [len(t.rows) for t in tables] == [6, 5, 6]
    rows = [[cell.text for cell in row.cells] for row in tables[1].rows]
    assert rows[1] == [
        "Riktade kontroller längs riksvägen",
        "Polisen",
        "minst tjugofyra (24) tillfällen per år",
        "Medborgarlöftet om kontroller hålls (mått: antal genomförda kontroller)",
    ]
    assert rows[2][1] == "Exempelås, Exempelholm, Exempelvik och Polisen"
    for table in tables:
        assert table.style is not None and table.style.name == "Table Grid"
        repeat = table.rows[0]._tr.trPr
        assert repeat is not None and repeat.find(qn("w:tblHeader")) is not None


def test_the_plan_has_its_headings_and_sentences(document: docx.document.Document) -> None:
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    start = headings.index(("Heading 1", "Bilaga 5. Operativ handlingsplan 2026/2027"))
    assert headings[start + 1 : start + 5] == [
        ("Heading 2", "Unga och narkotika"),
        ("Heading 2", "Bostadsinbrott och stölder på landsbygden"),
        ("Heading 2", "Våld och ordningsstörningar vid evenemang"),
        ("Heading 2", "Uppföljning av handlingsplanen"),
    ]
    texts = [p.text for p in document.paragraphs]
    assert (
        "Handlingsplanen fastställdes 2026-02-10 av Gemensam styrgrupp och gäller från och med "
        "2026-03-01 till och med 2027-02-28." in texts
    )
    assert "Handlingsplanen följs upp 2026-09-15 och 2027-02-09." in texts


# --- init -------------------------------------------------------------------------------------


def test_init_moves_the_plan_to_the_new_term(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "agreements").mkdir(parents=True)
    made = initialise(Repository(root), "ny", mall="flera-kommuner", today=dt.date(2026, 11, 23))
    plan = (made.folder / PLAN).read_text(encoding="utf-8")
    assert "  från: 2026-12-01  # FYLL I: första dagen handlingsplanen gäller\n" in plan
    assert "  till: 2027-11-30  # FYLL I: sista dagen handlingsplanen gäller\n" in plan
    # Every date of the plan moves by the same months; none defaults to today.
    assert "  datum: 2026-11-10  # FYLL I: dagen då beslutet fattades\n" in plan
    assert "    - 2027-06-15  # FYLL I: dag då handlingsplanen följs upp\n" in plan
    assert "    - 2027-11-09  # FYLL I: dag då handlingsplanen följs upp\n" in plan
    agreement = (made.folder / AGREEMENT).read_text(encoding="utf-8")
    assert "period: {från: 2025-03-01" not in agreement
    assert '        titel: "«Exempel: Operativ handlingsplan 2025/2026»"\n' in agreement
    for day in ("2026-11-23", "2027-06-01"):
        problems = AgreementCopy(made.folder).check(on(day))
        assert {p.rule for p in problems if p.severity is not Severity.INFO} <= {"SV135"}
