"""Every check, one failing agreement each: a copy of Järva with one small edit.

Edits are string replacements on the YAML text, so the expected line and column are found
by searching the edited text, never hard-coded. `RULES` must hold exactly the ids tested
here, so a new rule cannot be added without a fixture.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from samverkan_cli.check.folder import check_folder
from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.rules import RULES
from tests.agreement_copy import AgreementCopy

AGREEMENT = "overenskommelse.yaml"
LAGESBILD = "bilagor/lagesbild.yaml"

F = TypeVar("F", bound=Callable[..., object])
TESTED_RULES: set[str] = set()


def covers_rule(rule_id: str) -> Callable[[F], F]:
    """Mark a test as the fixture of a registered rule (see test_every_rule_is_tested)."""
    TESTED_RULES.add(rule_id)
    return lambda test: test


def position(text: str, needle: str, after: str = "") -> tuple[int, int]:
    """1-based line and column of `needle` in `text`.

    Without `after` the needle must occur exactly once; with it, the first occurrence after
    the (only) occurrence of `after` is meant.
    """
    if after:
        assert text.count(after) == 1, f"{after!r} must occur exactly once"
        offset = text.index(needle, text.index(after))
    else:
        assert text.count(needle) == 1, f"{needle!r} must occur exactly once"
        offset = text.index(needle)
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def value_position(text: str, key_value: str, after: str = "") -> tuple[int, int]:
    """Position of the value in a `key: value` line."""
    line, column = position(text, key_value, after)
    return line, column + key_value.index(": ") + 2


def only(problems: list[Problem], rule: str) -> Problem:
    """The single problem with this rule id."""
    found = [p for p in problems if p.rule == rule]
    assert len(found) == 1, f"expected one {rule}, got {[str(p) for p in problems]}"
    return found[0]


def assert_problem(
    problem: Problem,
    severity: Severity,
    file: Path,
    at: tuple[int, int],
    fragment: str,
) -> None:
    assert problem.severity is severity, problem
    assert Path(problem.location.file).resolve() == file.resolve(), problem
    assert (problem.location.line, problem.location.column) == at, problem
    assert fragment in problem.message, problem


# --- the unmodified agreement -------------------------------------------------------------


def test_unmodified_jarva_has_no_errors_or_warnings(jarva: AgreementCopy) -> None:
    problems = jarva.check()
    assert [str(p) for p in problems if p.severity is not Severity.INFO] == []


def test_every_rule_is_tested() -> None:
    import tests.test_as_written  # (registers the as-written rules' fixtures)
    import tests.test_bilaga_files  # (registers the bilaga file rules' fixtures)
    import tests.test_calendar_working_days  # (registers the day-off rule's fixture)
    import tests.test_cost_limits  # (registers the chart limit's fixture)
    import tests.test_document_kinds  # (registers the promise period rule's fixture)
    import tests.test_exceptions_per_finding  # (registers the undantag place rule's fixture)
    import tests.test_id_references  # (registers the id reference rules' fixtures)
    import tests.test_init  # (registers the placeholder rule's fixtures)
    import tests.test_init_copies  # (registers the deadline rule's fixtures)
    import tests.test_inline_markdown  # (registers the prose rules' fixtures)
    import tests.test_internal_errors  # (registers the output limit rules' fixtures)
    import tests.test_messages_silent  # (registers the police org.nr rule's fixture)
    import tests.test_national_rules  # (registers the national model's fixtures)
    import tests.test_operative_plans  # (registers the handlingsplan rules' fixtures)
    import tests.test_orgchart_print  # (registers the chart text rule's fixture)
    import tests.test_partial_dates  # (registers the term precision rules' fixtures)
    import tests.test_parties  # (registers the org.nr and signature presence rules' fixtures)
    import tests.test_plain_text_markdown  # (registers the plain text rule's fixture)
    import tests.test_profile_rules  # (registers the profile rules' fixtures)
    import tests.test_sections  # (registers the section list rules' fixtures)
    import tests.test_translation  # (registers the translation rules' fixtures)
    import tests.test_translation_bilagor  # (registers the translation bilaga rules' fixtures)
    import tests.test_translation_marker  # (registers the removed-marker rule's fixture)
    import tests.test_unique_ids  # (registers the duplicate id rule's fixture)
    import tests.test_unused_values  # noqa: F401  (registers the unused value rule's fixture)

    assert sorted(RULES) == sorted(TESTED_RULES)


# --- SV010: schema errors, in Swedish, at the YAML node -----------------------------------


def test_sv010_unknown_field_suggests_the_known_one_at_the_key(jarva: AgreementCopy) -> None:
    text = jarva.edit("  revidering_efter: samråd", "  revidering_eftr: samråd")
    problem = only(jarva.check(), "SV010")
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / AGREEMENT,
        position(text, "revidering_eftr:"),
        "okänt fält 'revidering_eftr'; menade du 'revidering_efter'?",
    )


def test_sv010_wrong_type(jarva: AgreementCopy) -> None:
    text = jarva.edit("exemplar: 2", "exemplar: två")
    problem = only(jarva.check(), "SV010")
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / AGREEMENT,
        value_position(text, "exemplar: två"),
        "'exemplar': värdet ska vara ett heltal, inte 'två'",
    )


def test_sv010_date_that_does_not_exist(jarva: AgreementCopy) -> None:
    text = jarva.edit("från: 2024-06-01", "från: 2024-02-30")
    problem = only(jarva.check(), "SV010")
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / AGREEMENT,
        position(text, "2024-02-30"),
        "'från': '2024-02-30' är inget giltigt datum",
    )


def test_sv010_missing_required_field(jarva: AgreementCopy) -> None:
    text = jarva.edit("    namn: Järva stadsdelsförvaltning\n", "")
    problem = only(jarva.check(), "SV010")
    # The party has no "namn", so the problem is placed at the party (its first key).
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / AGREEMENT,
        position(text, "id: sdf"),
        "fältet 'namn' saknas",
    )


def test_sv010_unknown_frequency_form(jarva: AgreementCopy) -> None:
    text = jarva.edit("frekvens: {minst: 2, per: år}", "frekvens: {gånger: 2, per: år}")
    problem = only(jarva.check(), "SV010")
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / AGREEMENT,
        position(text, "{gånger"),
        "'frekvens': okänd frekvens; skriv till exempel 'vid behov'",
    )


def test_sv010_misspelt_frequency_key_suggests_the_right_one(jarva: AgreementCopy) -> None:
    text = jarva.edit("frekvens: {minst: 2, per: år}", "frekvens: {mist: 2, per: år}")
    problem = only(jarva.check(), "SV010")
    assert problem.location.line == position(text, "{mist")[0]
    assert problem.message.startswith("'frekvens': okänd frekvens; skriv")
    assert problem.message.endswith("; menade du 'minst' i stället för 'mist'?")


def test_sv010_counted_frequency_text_without_placeholder(jarva: AgreementCopy) -> None:
    text = jarva.edit(
        "text: Möten sammankallas vid {frekvens} och",
        "text: Möten sammankallas två gånger per år och",
    )
    problem = only(jarva.check(), "SV010")
    # The error belongs to the whole "möten" mapping, which starts at its first key.
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / AGREEMENT,
        position(text, "frekvens: {minst: 2, per: år}"),
        "texten måste innehålla {frekvens} där frekvensen ska stå",
    )


def test_sv010_in_a_bilaga_file(jarva: AgreementCopy) -> None:
    text = jarva.edit("\nunderlag:\n", "\nunderlagen:\n", LAGESBILD)
    problem = only(jarva.check(), "SV010")
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / LAGESBILD,
        position(text, "underlagen:"),
        "okänt fält 'underlagen'; menade du 'underlag'?",
    )


def test_sv010_bilaga_file_of_unknown_kind(jarva: AgreementCopy) -> None:
    text = jarva.edit("typ: lägesbild", "typ: lägesbilden", LAGESBILD)
    problem = only(jarva.check(), "SV010")
    assert_problem(
        problem, Severity.ERROR, jarva.folder / LAGESBILD, position(text, "typ:"), "okänd 'typ'"
    )


def test_sv155_markdown_prose_with_html_is_refused(jarva: AgreementCopy) -> None:
    text = jarva.edit("typ: lägesbild\n", "typ: lägesbild\ntext: <div>rå html</div>\n", LAGESBILD)
    problem = only(jarva.check(), "SV155")
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / LAGESBILD,
        value_position(text, "text: <div>"),
        "HTML som inte stöds",
    )


# --- SV011 and SV013: the folder and the profile ------------------------------------------


def test_sv011_folder_without_agreement_file(tmp_path: Path) -> None:
    folder = tmp_path / "tom"
    folder.mkdir()
    problem = only(check_folder(folder)[1], "SV011")
    assert_problem(problem, Severity.ERROR, folder, (1, 1), "mappen saknar filen " + AGREEMENT)


def test_sv013_unknown_profile(jarva: AgreementCopy) -> None:
    text = jarva.edit("profil: stockholm-lokal-2023", "profil: [stockholm-lokal-2023, malmo]")
    problem = only(jarva.check(), "SV013")
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / AGREEMENT,
        position(text, "malmo"),
        "okänd regelprofil 'malmo'; kända profiler: arlig-handlingsplan, "
        "bra-samverkan, lag-2023-196, stockholm-2015, stockholm-lokal-2023",
    )


# --- SV101..SV103: forums -----------------------------------------------------------------


@covers_rule("SV101")
@pytest.mark.parametrize(
    ("frequency", "fragment"),
    [
        (
            "{minst: 1, per: år}",
            "Lokal styrgrupp möts en (1) gång per år, men profilen kräver minst två (2) gånger",
        ),
        (
            "vid behov",
            "Lokal styrgrupp har mötesfrekvensen 'vid behov', men profilen kräver minst 2",
        ),
    ],
    ids=["too-few", "not-counted"],
)
def test_sv101_forum_meets_too_seldom(jarva: AgreementCopy, frequency: str, fragment: str) -> None:
    text = jarva.edit("frekvens: {minst: 2, per: år}", f"frekvens: {frequency}")
    problem = only(jarva.check(), "SV101")
    at = value_position(text, f"frekvens: {frequency}", after="id: styrgrupp")
    assert_problem(problem, Severity.ERROR, jarva.folder / AGREEMENT, at, fragment)


@covers_rule("SV102")
def test_sv102_required_forum_missing(jarva: AgreementCopy) -> None:
    text = jarva.cut("    - id: beredningsgrupp\n", "    - id: arbetsgrupper\n")
    problem = only(jarva.check(), "SV102")
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / AGREEMENT,
        position(text, "rubrik: Lokal samverkansorganisation"),
        "samverkansorganisationen saknar en beredningsgrupp",
    )


@covers_rule("SV103")
def test_sv103_updates_decided_by_unknown_forum(jarva: AgreementCopy) -> None:
    text = jarva.edit("beslutas_av: styrgrupp", "beslutas_av: finnsinte")
    problem = only(jarva.check(), "SV103")
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / AGREEMENT,
        position(text, "finnsinte"),
        "forumet 'finnsinte' finns inte i organisationen; "
        "kända forum: styrgrupp, beredningsgrupp, arbetsgrupper",
    )


# --- SV104..SV108: sections and bilagor ---------------------------------------------------


@covers_rule("SV104")
def test_sv104_required_section_missing(jarva: AgreementCopy) -> None:
    jarva.cut("information:\n", "exemplar:")
    problem = only(jarva.check(), "SV104")
    assert_problem(
        problem, Severity.ERROR, jarva.folder / AGREEMENT, (1, 1), "avsnittet 'information' saknas"
    )


@covers_rule("SV105")
def test_sv105_required_bilaga_kind_missing(jarva: AgreementCopy) -> None:
    text = jarva.cut("    - id: kommunikationsplan\n", "    - id: kontaktuppgifter\n")
    problem = only(jarva.check(), "SV105")
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / AGREEMENT,
        position(text, "rubrik: Bilagor"),
        "bilagelistan saknar en bilaga av typen 'kommunikationsplan'",
    )


@covers_rule("SV106")
def test_sv106_bilaga_file_does_not_exist(jarva: AgreementCopy) -> None:
    text = jarva.edit("fil: bilagor/lagesbild.yaml", "fil: bilagor/finnsinte.yaml")
    problem = only(jarva.check(), "SV106")
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / AGREEMENT,
        position(text, "bilagor/finnsinte.yaml"),
        "filen 'bilagor/finnsinte.yaml' finns inte",
    )


def test_sv106_bilaga_file_outside_the_folder(jarva: AgreementCopy) -> None:
    # The target exists (tmp_path/x.yaml) and is a valid bilaga; it is refused all the same.
    outside = jarva.folder / ".." / ".." / "x.yaml"
    shutil.copy(jarva.folder / LAGESBILD, outside)
    text = jarva.edit("fil: bilagor/lagesbild.yaml", "fil: ../../x.yaml")
    problem = only(jarva.check(), "SV106")
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / AGREEMENT,
        position(text, "../../x.yaml"),
        "filen '../../x.yaml' ligger utanför överenskommelsens mapp",
    )


@covers_rule("SV107")
def test_sv107_bilaga_file_of_another_kind(jarva: AgreementCopy) -> None:
    text = "typ: annan\ntitel: Gemensam lokal lägesbild\n"
    (jarva.folder / LAGESBILD).write_text(text, encoding="utf-8")
    problem = only(jarva.check(), "SV107")
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / LAGESBILD,
        position(text, "annan"),
        "filen har typen 'annan' men bilagelistan säger 'lägesbild'",
    )


@covers_rule("SV108")
def test_sv108_external_bilaga_without_reference(jarva: AgreementCopy) -> None:
    lines = jarva.text().splitlines()
    # Each finding is at its "extern" mapping, the "{}" after "extern:".
    externs = [
        (number, line.index("{}") + 1)
        for number, line in enumerate(lines, start=1)
        if line.strip() == "extern: {}"
    ]
    problems = [p for p in jarva.check() if p.rule == "SV108"]
    assert [(p.location.line, p.location.column) for p in problems] == externs
    assert len(externs) == 4
    assert_problem(
        problems[0],
        Severity.INFO,
        jarva.folder / AGREEMENT,
        externs[0],
        "bilagan 'Övergripande samverkansöverenskommelse' har varken diarienummer eller datum",
    )


def test_sv108_goes_away_with_a_diarienummer(jarva: AgreementCopy) -> None:
    jarva.edit(
        "      typ: övergripande överenskommelse\n      extern: {}\n",
        "      typ: övergripande överenskommelse\n      extern: {diarienummer: KS 2015/1234}\n",
    )
    messages = [p.message for p in jarva.check() if p.rule == "SV108"]
    assert len(messages) == 3
    assert not any("'Övergripande samverkansöverenskommelse'" in m for m in messages)


# --- SV109, SV110: parties ----------------------------------------------------------------


@covers_rule("SV109")
def test_sv109_org_number_with_wrong_check_digit(jarva: AgreementCopy) -> None:
    text = jarva.edit("212000-0142", "212000-0143")
    problem = only(jarva.check(), "SV109")
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / AGREEMENT,
        position(text, "212000-0143"),
        "organisationsnumret 212000-0143 för Järva stadsdelsförvaltning har fel kontrollsiffra",
    )


@covers_rule("SV110")
def test_sv110_two_parties_with_the_same_short_name(jarva: AgreementCopy) -> None:
    text = jarva.edit("kortnamn: Polisen", "kortnamn: Kommunen")
    problem = only(jarva.check(), "SV110")
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / AGREEMENT,
        position(text, "Kommunen"),
        "kortnamnet 'Kommunen' används redan för Järva stadsdelsförvaltning",
    )


# --- SV111..SV113: dates ------------------------------------------------------------------


@covers_rule("SV111")
def test_sv111_term_ends_before_it_starts(jarva: AgreementCopy) -> None:
    text = jarva.edit("till: tillsvidare", "till: 2024-01-01")
    problem = only(jarva.check(), "SV111")
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / AGREEMENT,
        position(text, "2024-01-01"),
        "avtalstiden slutar 2024-01-01, inte efter att den börjar 2024-06-01",
    )


@covers_rule("SV112")
def test_sv112_signed_after_the_term_ends(jarva: AgreementCopy) -> None:
    jarva.edit("till: tillsvidare", "till: 2025-06-01")
    text = jarva.edit("  datum: 2024-06-01", "  datum: 2025-07-01")
    problem = only(jarva.check(), "SV112")
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / AGREEMENT,
        position(text, "2025-07-01"),
        "underskriftsdatumet 2025-07-01 ligger efter att avtalstiden slutar 2025-06-01",
    )


@covers_rule("SV113")
def test_sv113_signed_after_the_term_starts(jarva: AgreementCopy) -> None:
    text = jarva.edit(
        "      titel: Lokalpolisområdeschef, LPO Järva\n",
        "      titel: Lokalpolisområdeschef, LPO Järva\n      datum: 2024-06-15\n",
    )
    problem = only(jarva.check(), "SV113")
    assert_problem(
        problem,
        Severity.WARNING,
        jarva.folder / AGREEMENT,
        position(text, "2024-06-15"),
        "underskriftsdatumet 2024-06-15 ligger efter avtalstidens start 2024-06-01",
    )


def test_sv112_signing_on_the_last_day_is_allowed(jarva: AgreementCopy) -> None:
    jarva.edit("till: tillsvidare", "till: 2025-06-01")
    jarva.edit("  datum: 2024-06-01", "  datum: 2025-06-01")
    rules = {p.rule for p in jarva.check()}
    assert "SV113" in rules
    assert "SV112" not in rules


def test_an_exception_turns_a_finding_into_info_with_its_reason(jarva: AgreementCopy) -> None:
    jarva.edit("frekvens: {minst: 2, per: år}", "frekvens: {minst: 1, per: år}")
    reason = "Styrgruppen möts en gång per år enligt beslut 2024-05-01."
    jarva.edit(
        "exemplar: 2\n", f"exemplar: 2\nundantag:\n  - regel: SV101\n    motivering: {reason}\n"
    )
    problem = only(jarva.check(), "SV101")
    assert problem.severity is Severity.INFO
    assert problem.message.endswith(f"(undantag: {reason})")


def test_an_exception_needs_a_rule_id_and_a_reason(jarva: AgreementCopy) -> None:
    jarva.edit("exemplar: 2\n", "exemplar: 2\nundantag:\n  - regel: 101\n    motivering: kort\n")
    messages = [p.message for p in jarva.check() if p.rule == "SV010"]
    assert any("'regel'" in m for m in messages)
    assert any("'motivering'" in m for m in messages)


# --- SV114 and SV115: references to bilagor -------------------------------------------------


@covers_rule("SV114")
def test_sv114_reference_to_unknown_bilaga(jarva: AgreementCopy) -> None:
    text = jarva.edit("{bilaga:lagesbild}", "{bilaga:lagesbilden}")
    problem = only(jarva.check(), "SV114")
    scalar_start = text.rindex(">-", 0, text.index("{bilaga:lagesbilden}"))
    line = text.count("\n", 0, scalar_start) + 1
    column = scalar_start - text.rindex("\n", 0, scalar_start)
    assert problem.severity is Severity.ERROR
    assert (problem.location.line, problem.location.column) == (line, column)
    assert "{bilaga:lagesbilden} pekar inte på någon bilaga" in problem.message
    assert "lagesbild" in problem.message


@covers_rule("SV115")
def test_sv115_typed_number_of_the_wrong_bilaga(jarva: AgreementCopy) -> None:
    jarva.edit("{bilaga:lagesbild}", "bilaga 1")
    problem = only(jarva.check(), "SV115")
    assert problem.severity is Severity.WARNING
    assert problem.message == (
        "'bilaga 1' är 'Övergripande samverkansöverenskommelse', men meningen talar om "
        "lägesbild (bilaga 2); skriv {bilaga:id}"
    )


def test_sv115_typed_number_beyond_the_list(jarva: AgreementCopy) -> None:
    jarva.edit("{bilaga:lagesbild}", "bilaga 9")
    problem = only(jarva.check(), "SV115")
    assert "'bilaga 9' finns inte; bilagelistan har 5 bilagor" in problem.message


def test_a_right_typed_number_is_accepted(jarva: AgreementCopy) -> None:
    jarva.edit("{bilaga:lagesbild}", "bilaga 2")
    assert not [p for p in jarva.check() if p.rule == "SV115"]
