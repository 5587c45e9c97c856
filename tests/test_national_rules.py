"""The national model's rules (profile bra-samverkan, rules/national.py): one failing and
one passing fixture each, on scratch copies of the two example agreements.

Both examples name [bra-samverkan, lag-2023-196]. They are checked as of a day in their
terms (ON), before Exempeldalen's samråd reminder starts, so the findings are the edits'.
"""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest

from samverkan_cli.check.folder import CheckSettings
from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.messages.language import catalogue
from tests.conftest import REPO_ROOT
from tests.test_rules import (
    AgreementCopy,
    assert_problem,
    covers_rule,
    only,
    position,
    value_position,
)

EXAMPLES = REPO_ROOT / "agreements"
AGREEMENT = "overenskommelse.yaml"
PROMISES = "bilagor/medborgarloften.yaml"
SITUATION = "bilagor/lagesbild.yaml"
MATRIX = "bilagor/aktivitetsmatris.yaml"
ON = CheckSettings(today=dt.date(2026, 3, 1))
NATIONAL_RULES = [f"SV{n}" for n in range(136, 144)]


def _copy(tmp_path: Path, name: str) -> AgreementCopy:
    folder = tmp_path / "agreements" / name
    shutil.copytree(EXAMPLES / name, folder)
    return AgreementCopy(folder)


@pytest.fixture
def kommun(tmp_path: Path) -> AgreementCopy:
    """A scratch copy of agreements/exempel-kommun (one kommun, tills vidare)."""
    return _copy(tmp_path, "exempel-kommun")


@pytest.fixture
def tre(tmp_path: Path) -> AgreementCopy:
    """A scratch copy of agreements/exempel-tre-kommuner (three kommuner, 2023-03-01 –
    2027-02-28)."""
    return _copy(tmp_path, "exempel-tre-kommuner")


def rules_of(problems: list[Problem]) -> set[str]:
    return {p.rule for p in problems}


def not_info(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems if p.severity is not Severity.INFO]


# --- passing fixtures: the examples as they are ---------------------------------------------


@pytest.mark.parametrize("name", ["exempel-kommun", "exempel-tre-kommuner"])
@pytest.mark.parametrize("day", ["2023-01-01", "2026-03-01", "2026-11-23", "2030-01-01"])
def test_the_examples_pass_both_profiles(tmp_path: Path, name: str, day: str) -> None:
    copy = _copy(tmp_path, name)
    assert not_info(copy.check(CheckSettings(today=dt.date.fromisoformat(day)))) == []


def test_the_national_rules_are_quiet_without_the_profile(kommun: AgreementCopy) -> None:
    kommun.edit("profil: [bra-samverkan, lag-2023-196]", "profil: lag-2023-196")
    kommun.edit("      orsaker:\n        - dålig belysning på torget och vid resecentrum\n", "")
    kommun.edit("        - ordningsstörningar kring stängningsdags\n", "")
    kommun.edit("      titel: Kommunstyrelsens ordförande,", "      titel: Kommundirektör,")
    kommun.edit("uppföljning:\n  - 2026-06-15\n  - 2026-12-07\n", "", PROMISES)
    assert not_info(kommun.check(ON)) == []


def test_every_national_rule_has_english_texts() -> None:
    rules = catalogue()["regler"]
    for rule_id in NATIONAL_RULES:
        assert {"titel", "förklaring"} <= set(rules[rule_id]), rule_id


# --- SV136: the problems in focus -----------------------------------------------------------


def _area_block(copy: AgreementCopy) -> str:
    """The agreement's prioriterade_områden, cut out of its lägesbild section."""
    text = copy.text()
    start = text.index("  prioriterade_områden:\n")
    block = text[start : text.index("\ndokumentation:", start)]
    copy.edit(block, "")
    return block


@covers_rule("SV136")
def test_sv136_no_priority_areas(kommun: AgreementCopy) -> None:
    _area_block(kommun)
    problem = only(kommun.check(ON), "SV136")
    assert_problem(
        problem,
        Severity.ERROR,
        kommun.folder / SITUATION,
        value_position(kommun.text(SITUATION), "typ: lägesbild"),
        "överenskommelsen anger inte vilka problem som är i fokus för samverkan "
        "('prioriterade_områden')",
    )


def test_sv136_passes_with_the_areas_in_the_lagesbild_bilaga(kommun: AgreementCopy) -> None:
    block = _area_block(kommun)
    path = kommun.folder / SITUATION
    path.write_text(kommun.text(SITUATION) + textwrap.dedent(block), encoding="utf-8")
    assert not_info(kommun.check(ON)) == []


# --- SV137 and SV138: causes and measurable goals ------------------------------------------


@covers_rule("SV137")
def test_sv137_area_without_causes(kommun: AgreementCopy) -> None:
    text = kommun.cut(
        "      orsaker:\n        - dålig belysning", "      mål:\n        - text: Fler känner"
    )
    problem = only(kommun.check(ON), "SV137")
    assert_problem(
        problem,
        Severity.WARNING,
        kommun.folder / AGREEMENT,
        position(text, "id: centrum"),
        "det prioriterade området 'Otrygghet i centrum kvällstid' anger inga troliga orsaker "
        "('orsaker')",
    )


def test_sv137_passes_with_one_cause(kommun: AgreementCopy) -> None:
    kommun.edit("        - ordningsstörningar kring stängningsdags\n", "")
    assert "SV137" not in rules_of(kommun.check(ON))


@covers_rule("SV138")
def test_sv138_area_without_goal_and_goal_without_measure(kommun: AgreementCopy) -> None:
    kommun.cut("      mål:\n        - text: Fler känner", "\ndokumentation:")
    text = kommun.edit(
        "          mått: andel av unga i SSPF som har en samordnad plan inom fyra veckor\n", ""
    )
    problems = sorted((p for p in kommun.check(ON) if p.rule == "SV138"), key=str)
    assert [(p.location.line, p.location.column) for p in problems] == [
        position(text, "text: Fler unga i riskzon"),
        position(text, "id: centrum"),
    ]
    assert [p.message for p in problems] == [
        "målet 'Fler unga i riskzon får en samordnad insats' för 'Unga i riskzon för "
        "kriminalitet' anger inte hur det mäts ('mått')",
        "det prioriterade området 'Otrygghet i centrum kvällstid' har inget mål ('mål')",
    ]
    assert {p.severity for p in problems} == {Severity.WARNING}


def test_sv138_passes_with_a_measure_and_no_target(kommun: AgreementCopy) -> None:
    kommun.edit("          målvärde: minst 70 procent\n", "")
    assert "SV138" not in rules_of(kommun.check(ON))


# --- SV139: documentation and follow-up -----------------------------------------------------


@covers_rule("SV139")
def test_sv139_no_documentation_section(kommun: AgreementCopy) -> None:
    kommun.cut("dokumentation:\n", "uppdateringar:\n")
    problem = only(kommun.check(ON), "SV139")
    assert_problem(
        problem,
        Severity.ERROR,
        kommun.folder / AGREEMENT,
        (1, 1),
        "överenskommelsen beskriver inte hur arbetet dokumenteras och följs upp ('dokumentation')",
    )


FOLLOW_UP_TEXT = (
    "    - >-\n      Uppföljningen prövar om åtgärderna har påverkat problemen, hur Parterna "
    "uppfyllt sina\n"
)


def _without_other_follow_up(kommun: AgreementCopy) -> str:
    """No process with a cadence and no documentation text about the follow-up: only the
    `uppföljning` of the documentation can say how the work is followed up."""
    kommun.cut("  processer:\n", "\nsamordning:")
    return kommun.cut(FOLLOW_UP_TEXT, "  uppföljning:\n")


def test_sv139_documentation_without_follow_up(kommun: AgreementCopy) -> None:
    _without_other_follow_up(kommun)
    text = kommun.cut("  uppföljning:\n    frekvens: {antal: 2", "\nuppdateringar:")
    problem = only(kommun.check(ON), "SV139")
    assert_problem(
        problem,
        Severity.ERROR,
        kommun.folder / AGREEMENT,
        position(text, "rubrik: Dokumentation och uppföljning"),
        "dokumentationen anger inte hur arbetet följs upp ('uppföljning')",
    )


def test_sv139_a_text_about_the_follow_up_or_a_process_with_a_cadence_will_do(
    kommun: AgreementCopy,
) -> None:
    """Brå's handbook asks how the follow-up is done, not for a counted frequency: a
    documentation text about it, or a process with a cadence, states it."""
    kommun.cut("  uppföljning:\n    frekvens: {antal: 2", "\nuppdateringar:")
    assert "SV139" not in rules_of(kommun.check(ON))  # the text speaks of the follow-up
    kommun.cut(FOLLOW_UP_TEXT, "\nuppdateringar:")
    assert "SV139" not in rules_of(kommun.check(ON))  # the processes have a cadence


def test_sv139_follow_up_without_a_count(kommun: AgreementCopy) -> None:
    _without_other_follow_up(kommun)
    text = kommun.edit(
        "    frekvens: {antal: 2, per: år}\n    text: Arbetet följs upp vid {frekvens}, i juni",
        "    frekvens: vid behov\n    text: Arbetet följs upp vid behov, i juni",
    )
    problem = only(kommun.check(ON), "SV139")
    assert problem.location.line == position(text, "frekvens: vid behov")[0]
    assert problem.message == (
        "arbetet följs upp 'vid behov'; ange hur ofta, till exempel {antal: 2, per: år} "
        "eller löpande"
    )


@pytest.mark.parametrize("continuous", ["löpande", "fortlöpande", "kontinuerligt"])
def test_sv139_continuous_follow_up_will_do(kommun: AgreementCopy, continuous: str) -> None:
    _without_other_follow_up(kommun)
    kommun.edit(
        "    frekvens: {antal: 2, per: år}\n    text: Arbetet följs upp vid {frekvens}, i juni",
        f"    frekvens: {continuous}\n    text: Arbetet följs upp {{frekvens}}, i juni",
    )
    assert "SV139" not in rules_of(kommun.check(ON))


def test_sv139_a_profile_that_asks_for_a_counted_frequency(kommun: AgreementCopy) -> None:
    """`räknebar: true`: only a counted frequency will do, neither 'löpande' nor a text."""
    from samverkan_cli.check.settings import load_config

    _without_other_follow_up(kommun)
    root = kommun.folder.parent.parent
    (root / "profiler").mkdir()
    (root / "profiler" / "raknad.yaml").write_text(
        "id: raknad\ntitel: Räknad uppföljning\nkälla: Kommunens riktlinje\n"
        "dokumentation:\n  krävs: true\n  uppföljning: true\n  räknebar: true\n"
        "  källa: Riktlinjen punkt 4, uppföljning två gånger per år\n",
        encoding="utf-8",
    )
    (root / "samverkan.yaml").write_text("profilmappar: [profiler]\n", encoding="utf-8")
    kommun.edit("profil: [bra-samverkan, lag-2023-196]", "profil: raknad")
    text = kommun.edit(
        "    frekvens: {antal: 2, per: år}\n    text: Arbetet följs upp vid {frekvens}, i juni",
        "    frekvens: löpande\n    text: Arbetet följs upp {frekvens}, i juni",
    )
    settings = CheckSettings(load_config(root), today=ON.today)
    problem = only(kommun.check(settings), "SV139")
    assert problem.location.line == position(text, "frekvens: löpande")[0]
    assert "profilen kräver en räknebar frekvens" in problem.message


def test_sv139_passes_with_a_quarterly_follow_up(kommun: AgreementCopy) -> None:
    kommun.edit(
        "    frekvens: {antal: 2, per: år}\n    text: Arbetet följs upp vid {frekvens}, i juni "
        "och i december.",
        "    frekvens: {varje: kvartal}\n    text: Arbetet följs upp {frekvens}.",
    )
    assert not_info(kommun.check(ON)) == []


# --- SV140: the period ----------------------------------------------------------------------


@covers_rule("SV140")
def test_sv140_no_term(kommun: AgreementCopy) -> None:
    kommun.cut("tid:\n", "organisation:\n")
    problem = only(kommun.check(ON), "SV140")
    assert_problem(
        problem,
        Severity.ERROR,
        kommun.folder / AGREEMENT,
        (1, 1),
        "överenskommelsen anger inte vilken period den avser ('tid')",
    )


def test_sv140_until_further_notice_without_an_end(kommun: AgreementCopy) -> None:
    kommun.edit("  revidering: {vart: 3, per: år}\n", "  revidering: vid behov\n")
    text = kommun.edit("  uppsägning:\n    uppsägningstid_månader: 6\n", "")
    problem = only(kommun.check(ON), "SV140")
    assert_problem(
        problem,
        Severity.ERROR,
        kommun.folder / AGREEMENT,
        value_position(text, "till: tills vidare"),
        "överenskommelsen gäller tills vidare utan uppsägningstid ('uppsägning') eller "
        "räknebar revidering ('revidering'), så perioden den avser har inget slut",
    )


def test_sv140_passes_until_further_notice_with_a_counted_revision(kommun: AgreementCopy) -> None:
    kommun.edit("  uppsägning:\n    uppsägningstid_månader: 6\n", "")
    assert "SV140" not in rules_of(kommun.check(ON))


# --- SV141: who signs -----------------------------------------------------------------------


@covers_rule("SV141")
def test_sv141_the_municipal_director_signs(kommun: AgreementCopy) -> None:
    text = kommun.edit(
        "      titel: Kommunstyrelsens ordförande, Exempelby kommun",
        "      titel: Kommundirektör, Exempelby kommun",
    )
    problem = only(kommun.check(ON), "SV141")
    # The handbook names who signs in its model but does not say that another signatory
    # departs from it: the requirement is unverified (bra-samverkan.yaml), so only info.
    assert_problem(
        problem,
        Severity.INFO,
        kommun.folder / AGREEMENT,
        value_position(text, "titel: Kommundirektör, Exempelby kommun"),
        "Exempelby kommun undertecknas av 'Kommundirektör, Exempelby kommun'; för typen kommun "
        "anger profilen kommunstyrelsens ordförande eller ordförande i kommunstyrelsen eller "
        "kommunstyrelsens ordf. eller kso (Steg 3: kommunstyrelsens ordförande skriver på "
        "överenskommelsen) (profilens krav är inte kontrollerat mot källan, så fyndet är "
        "information)",
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Kommunstyrelsens ordförande, Exempelby", "Ordförande i kommunstyrelsen, Exempelby"),
        ("Kommunstyrelsens ordförande, Exempelby", "KOMMUNSTYRELSENS ORDFÖRANDE, Exempelby"),
        ("Lokalpolisområdeschef, LPO Exempelby", "Chefen för lokalpolisområde Exempelby"),
        ("Lokalpolisområdeschef, LPO Exempelby", "LPO-chef, Exempelby"),
        ("Kommunstyrelsens ordförande, Exempelby", "Kommunalråd och KSO, Exempelby"),
        ("Kommunstyrelsens ordförande, Exempelby", "Kommunstyrelsens ordf., Exempelby"),
    ],
)
def test_sv141_passes_for_each_title_the_profile_names(
    kommun: AgreementCopy, old: str, new: str
) -> None:
    kommun.edit(old, new)
    assert "SV141" not in rules_of(kommun.check(ON))


def test_sv141_checks_every_one_of_four_signatories(tre: AgreementCopy) -> None:
    assert "SV141" not in rules_of(tre.check(ON))
    tre.edit("      titel: Chef för lokalpolisområde Exempeldalen", "      titel: Polisområdeschef")
    problem = only(tre.check(ON), "SV141")
    assert problem.message.startswith("Lokalpolisområde Exempeldalen undertecknas av")


# --- SV142: follow-up of the medborgarlöften -------------------------------------------------


@covers_rule("SV142")
def test_sv142_promises_without_a_follow_up(kommun: AgreementCopy) -> None:
    text = kommun.edit("uppföljning:\n  - 2026-06-15\n  - 2026-12-07\n", "", PROMISES)
    problem = only(kommun.check(ON), "SV142")
    assert_problem(
        problem,
        Severity.WARNING,
        kommun.folder / PROMISES,
        position(text, "period:"),
        "medborgarlöftena för 2026-01-01 – 2026-12-31 har inget datum för uppföljning "
        "('uppföljning')",
    )


def test_sv142_follow_up_after_the_period(kommun: AgreementCopy) -> None:
    text = kommun.edit("  - 2026-12-07\n", "  - 2027-01-15\n", PROMISES)
    problem = only(kommun.check(ON), "SV142")
    assert_problem(
        problem,
        Severity.WARNING,
        kommun.folder / PROMISES,
        position(text, "2027-01-15"),
        "uppföljningsdatumet 2027-01-15 ligger utanför löftenas period 2026-01-01 – 2026-12-31",
    )


def test_sv142_passes_on_the_periods_last_day(tre: AgreementCopy) -> None:
    tre.edit("  - 2027-02-15\n", "  - 2027-02-28\n", PROMISES)
    assert "SV142" not in rules_of(tre.check(ON))


# --- SV143: the fokusområde a promise or a matrix row points to ------------------------------


@covers_rule("SV143")
def test_sv143_promise_points_to_an_unknown_area(kommun: AgreementCopy) -> None:
    text = kommun.edit("        fokusområde: trafik\n", "        fokusområde: trafiken\n", PROMISES)
    problem = only(kommun.check(ON), "SV143")
    assert_problem(
        problem,
        Severity.ERROR,
        kommun.folder / PROMISES,
        value_position(text, "fokusområde: trafiken"),
        "löftet 'genomföra minst femtiotvå (52) hastighetskontroller vid skolor och på "
        "bostadsgator' pekar på fokusområdet 'trafiken', som inte finns; kända: trafik, unga, "
        "centrum",
    )


def test_sv143_matrix_row_points_to_an_unknown_area(tre: AgreementCopy) -> None:
    text = tre.edit("  - fokusområde: inbrott\n", "  - fokusområde: stöld\n", MATRIX)
    problem = only(tre.check(ON), "SV143")
    assert_problem(
        problem,
        Severity.ERROR,
        tre.folder / MATRIX,
        value_position(text, "fokusområde: stöld"),
        "aktivitetsmatrisen pekar på fokusområdet 'stöld', som inte finns; kända: narkotika, "
        "inbrott, vald",
    )


def test_sv143_passes_for_a_promise_without_an_area(kommun: AgreementCopy) -> None:
    kommun.edit("        fokusområde: trafik\n", "", PROMISES)
    assert not_info(kommun.check(ON)) == []


# --- what the profile asks of the existing rules ---------------------------------------------


def test_the_profile_asks_no_more_than_the_handbook_lists(kommun: AgreementCopy) -> None:
    """Brå's handbook lists problems, causes, measurable goals, documentation, follow-up and
    the period; not a resources section of its own, nor an organisation section."""
    kommun.cut("resurser:\n", "lägesbild:\n")
    assert "SV104" not in {p.rule for p in kommun.check(ON)}


# --- SV178: forums under forums ----------------------------------------------------------------


@covers_rule("SV178")
def test_sv178_a_forum_under_an_unknown_forum(kommun: AgreementCopy) -> None:
    organisation = kommun.text().split("organisation:\n", 1)[1]
    first_group = organisation.split("    - id: ", 3)[2].split("\n", 1)[0]
    text = kommun.edit(
        f"    - id: {first_group}\n", f"    - id: {first_group}\n      under: radet\n"
    )
    problem = only(kommun.check(ON), "SV178")
    assert_problem(
        problem,
        Severity.ERROR,
        kommun.folder / AGREEMENT,
        value_position(text, "under: radet"),
        "står under forumet 'radet', som inte finns",
    )


def test_sv178_a_cycle_and_the_printed_tree(kommun: AgreementCopy, tmp_path: Path) -> None:
    from samverkan_cli.build.pipeline import build_agreement

    organisation = kommun.text().split("organisation:\n", 1)[1]
    ids = [part.split("\n", 1)[0] for part in organisation.split("    - id: ")[1:3]]
    top, group = ids
    kommun.edit(
        f"    - id: {group}\n",
        f"    - id: {group}\n      under: {top}\n      sammankallande: Kommunens BRÅ-samordnare\n",
    )
    assert "SV178" not in rules_of(kommun.check(ON))
    result = build_agreement(kommun.folder, tmp_path / "out", REPO_ROOT, settings=ON)
    [markdown] = [p for p in result.written if p.suffix == ".md" and "tjanste" not in p.name]
    printed = markdown.read_text(encoding="utf-8")
    assert " är en undergrupp till " in printed
    assert "Sammankallande: Kommunens BRÅ-samordnare" in printed
    kommun.edit(f"    - id: {top}\n", f"    - id: {top}\n      under: {group}\n")
    problems = [p for p in kommun.check(ON) if p.rule == "SV178"]
    assert len(problems) == 2 and all("står under sig självt" in p.message for p in problems)
