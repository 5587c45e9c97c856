"""Terms as the text gives them (issue 17): a year or a month instead of a day, until a
successor is presented, "kan revideras", undated drafts and historic documents.

The fixture tests/fixtures/agreements/tid-som-texten runs from a month (2020-09) to a year
(2022) and then until new promises are presented; it can (not must) be revised and can be
terminated without a notice period. Its checks have no profile, so only the term's own
rules speak.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from samverkan_cli.calendar.events import agreement_calendar
from samverkan_cli.check.folder import CheckSettings
from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.init.moved_dates import moved_written, term_start_months
from samverkan_cli.init.new_folder import initialise
from samverkan_cli.model import PartialDate, Term
from samverkan_cli.render.agreement_document import agreement_document
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.source.repository import Repository
from samverkan_cli.status.standing import agreement_status
from samverkan_cli.status.upcoming_deadlines import DeadlineKind
from samverkan_cli.writers.markdown import write_markdown
from tests.agreement_copy import AgreementCopy
from tests.conftest import REPO_ROOT
from tests.test_rules import covers_rule, only, value_position

FIXTURE = REPO_ROOT / "tests" / "fixtures" / "agreements" / "tid-som-texten"
TERM_BLOCK = """tid:
  rubrik: Tid
  från: 2020-09
  till: 2022
  gäller_till_dess: nya löften presenteras
  revidering: vid behov
  revidering_hjälpverb: kan
  revidering_efter: samråd mellan parterna
  uppsägning: {}
"""


def on(day: str) -> CheckSettings:
    return CheckSettings(today=dt.date.fromisoformat(day))


@pytest.fixture
def tid(tmp_path: Path) -> AgreementCopy:
    folder = tmp_path / "agreements" / "tid-som-texten"
    shutil.copytree(FIXTURE, folder)
    copy = AgreementCopy(folder)
    assert TERM_BLOCK in copy.text()
    return copy


def with_term(copy: AgreementCopy, block: str) -> AgreementCopy:
    copy.edit(TERM_BLOCK, block)
    return copy


def term_text(copy: AgreementCopy) -> str:
    """The Tid section of the document, as one paragraph of Markdown."""
    markdown = write_markdown(agreement_document(load_agreement(copy.folder)))
    return markdown.split("## Tid\n\n", 1)[1].split("\n\n", 1)[0].strip()


def rules(problems: list[Problem]) -> set[str]:
    return {p.rule for p in problems}


# --- the value type -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "first", "last", "swedish"),
    [
        (2017, "2017-01-01", "2017-12-31", "2017"),
        ("2017", "2017-01-01", "2017-12-31", "2017"),
        ("2020-09", "2020-09-01", "2020-09-30", "september 2020"),
        ("2024-02", "2024-02-01", "2024-02-29", "februari 2024"),
        ("2024-06-01", "2024-06-01", "2024-06-01", "2024-06-01"),
        (dt.date(2024, 6, 1), "2024-06-01", "2024-06-01", "2024-06-01"),
    ],
)
def test_a_partial_date_has_two_bounds_and_prints_as_written(
    written: object, first: str, last: str, swedish: str
) -> None:
    date = PartialDate.parse(written)
    assert (date.first_day.isoformat(), date.last_day.isoformat()) == (first, last)
    assert date.swedish() == swedish
    assert TypeAdapter(PartialDate).dump_python(date, mode="json") == date.iso()


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("hösten 2020", "'hösten 2020' är inget datum; skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD"),
        ("2020-13", "'2020-13' är inget giltigt datum: månaden ska vara 01–12"),
        (0, "'0' är inget år för en avtalstid; skriv ett år 1900–2999 (ÅÅÅÅ)"),
        (4711, "'4711' är inget år för en avtalstid"),
        ("2020-09-31", "'2020-09-31' är inget giltigt datum"),
        (True, "värdet är inget datum"),
    ],
)
def test_what_is_no_date_is_refused_in_swedish(written: object, message: str) -> None:
    with pytest.raises(ValidationError) as raised:
        TypeAdapter(PartialDate).validate_python(written)
    assert message in str(raised.value)


def test_moving_keeps_the_precision() -> None:
    assert moved_written(PartialDate(2017), 12 * 10) == PartialDate(2027)
    assert moved_written(PartialDate(2020, 9), 76) == PartialDate(2027, 1)
    assert moved_written(PartialDate(2022), 76) == PartialDate(2029)  # its last day moved
    assert moved_written(PartialDate(2026, 2, 28), 12) == PartialDate(2027, 2, 28)
    # A year starts at the first year that begins on or after the new term's first day.
    assert term_start_months(PartialDate(2017), dt.date(2026, 12, 1)) == 12 * 10
    assert term_start_months(PartialDate(2017), dt.date(2027, 1, 1)) == 12 * 10
    assert term_start_months(PartialDate(2020, 9), dt.date(2027, 1, 1)) == 76


# --- the printed sentence -------------------------------------------------------------------


def test_the_fixture_prints_its_own_words(tid: AgreementCopy) -> None:
    assert term_text(tid) == (
        "Överenskommelsen löper från och med september 2020 till och med 2022 och därefter "
        "till dess att nya löften presenteras. Överenskommelsen kan revideras vid behov "
        "efter samråd mellan parterna. Var och en av parterna kan säga upp överenskommelsen."
    )


@pytest.mark.parametrize(
    ("block", "sentence"),
    [
        (
            "tid:\n  från: 2017\n  till: 2022\n",
            "Överenskommelsen löper från och med 2017 till och med 2022.",
        ),
        (
            "tid:\n  från: 2021\n  gäller_till_dess: nya medborgarlöften presenteras\n",
            "Överenskommelsen löper från och med 2021 till dess att nya medborgarlöften "
            "presenteras.",
        ),
        ("tid:\n  från: 2017\n", "Överenskommelsen löper från och med 2017."),
        (
            "tid:\n  från: 2020-09\n  till: tillsvidare\n",
            "Överenskommelsen löper från och med september 2020 tillsvidare.",
        ),
        (
            "tid:\n  benämning: Medborgarlöftet\n  från: 2024-01-01\n  till: 2024-12-31\n"
            "  uppsägning:\n    uppsägningstid_månader: 3\n",
            "Medborgarlöftet löper från och med 2024-01-01 till och med 2024-12-31. Var och en "
            "av parterna kan säga upp medborgarlöftet med en uppsägningstid om tre (3) månader.",
        ),
        (
            "tid:\n  från: 2024-01-01\n  till: 2025-12-31\n  revidering: {varje: år}\n",
            "Överenskommelsen löper från och med 2024-01-01 till och med 2025-12-31. "
            "Överenskommelsen ska revideras varje år.",
        ),
    ],
)
def test_each_form_of_the_term_in_a_sentence(tid: AgreementCopy, block: str, sentence: str) -> None:
    assert term_text(with_term(tid, block)) == sentence


def test_tills_vidare_and_until_replaced_together_are_refused_at_the_term(
    tid: AgreementCopy,
) -> None:
    text = tid.edit("  till: 2022\n", "  till: tills vidare\n")
    problem = only(tid.check(on("2021-01-01")), "SV010")
    assert problem.severity is Severity.ERROR
    assert "antingen 'till: tills vidare' eller 'gäller_till_dess'" in problem.message
    # at the term's mapping (its first key), where an error about the whole term is put
    assert problem.location.line == text[: text.index("tid:")].count("\n") + 2


def test_an_empty_till_is_refused_at_its_line(tid: AgreementCopy) -> None:
    text = tid.edit("  till: 2022\n", "  till:\n")
    problem = only(tid.check(on("2021-01-01")), "SV010")
    assert "ta bort 'till' om texten inte säger när avtalstiden slutar" in problem.message
    assert problem.location.line == text[: text.index("  till:")].count("\n") + 1


def test_a_season_is_refused_with_the_forms_to_write(tid: AgreementCopy) -> None:
    text = tid.edit("  från: 2020-09\n", "  från: hösten 2020\n")
    problem = only(tid.check(on("2021-01-01")), "SV010")
    assert "'hösten 2020' är inget datum; skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD" in problem.message
    assert (problem.location.line, problem.location.column) == value_position(
        text, "från: hösten 2020"
    )


# --- SV185: the day a check took ------------------------------------------------------------


@covers_rule("SV185")
def test_sv185_says_which_day_each_partial_date_was_taken_as(tid: AgreementCopy) -> None:
    problems = [p for p in tid.check(on("2021-01-01")) if p.rule == "SV185"]
    start, end = sorted(problems, key=lambda p: p.location.line)
    assert start.severity is end.severity is Severity.INFO
    text = tid.text()
    assert (start.location.line, start.location.column) == value_position(text, "från: 2020-09")
    assert (end.location.line, end.location.column) == value_position(text, "till: 2022")
    assert start.message == (
        "'2020-09' anger bara månaden; profilernas krav med datum, SV111 (ordningen), status "
        "och kalendern räknar med 2020-09-01 som avtalstidens första dag"
    )
    assert end.message == (
        "'2022' anger bara året; SV111 (ordningen), status och kalendern räknar med "
        "2022-12-31 som avtalstidens sista dag"
    )


def test_no_sv185_for_whole_days(tid: AgreementCopy) -> None:
    with_term(tid, "tid:\n  från: 2020-09-01\n  till: 2022-12-31\n")
    assert "SV185" not in rules(tid.check(on("2021-01-01")))


def test_sv185_names_the_signature_rules_when_there_are_signatures(tid: AgreementCopy) -> None:
    tid.edit(
        "    kortnamn: Polisen\n",
        "    kortnamn: Polisen\n    undertecknare:\n"
        "      titel: Lokalpolisområdeschef\n      datum: 2020-10-15\n",
    )
    messages = [p.message for p in tid.check(on("2021-01-01")) if p.rule == "SV185"]
    assert any("SV113 (underskrift efter start)" in m for m in messages)
    assert any("SV112 (underskrift efter slut)" in m for m in messages)


@pytest.mark.parametrize(
    ("start", "end", "error"),
    [
        ("2017-06", "2017", False),  # every day of June 2017 … December 2017
        ("2017", "2017", False),  # the year 2017
        ("2017", "2017-06-30", False),  # could start in January
        ("2018", "2017", True),  # no day of 2017 follows one in 2018
        ("2017-07", "2017-06", True),
    ],
)
def test_sv111_only_when_every_day_the_text_can_mean_is_wrong(
    tid: AgreementCopy, start: str, end: str, error: bool
) -> None:
    with_term(tid, f"tid:\n  från: {start}\n  till: {end}\n")
    assert ("SV111" in rules(tid.check(on("2017-01-01")))) is error


def test_sv113_a_signature_inside_the_start_year_is_after_its_first_day(
    tid: AgreementCopy,
) -> None:
    with_term(tid, "tid:\n  från: 2017\n  till: 2018\n")
    tid.edit(
        "    kortnamn: Polisen\n",
        "    kortnamn: Polisen\n    undertecknare:\n"
        "      titel: Lokalpolisområdeschef\n      datum: 2017-03-15\n",
    )
    problem = only(tid.check(on("2017-01-01")), "SV113")
    assert problem.message == (
        "underskriftsdatumet 2017-03-15 ligger efter avtalstidens start 2017-01-01 "
        "(texten anger 2017)"
    )
    assert "SV112" not in rules(tid.check(on("2017-01-01")))


# --- SV186: historic documents --------------------------------------------------------------


@covers_rule("SV186")
def test_sv186_a_term_that_ended_long_ago_is_historic_and_its_deadlines_quiet(
    tmp_path: Path,
) -> None:
    copy = AgreementCopy.of_example("rinkeby-kista-2017", tmp_path)
    within = copy.check(on("2019-03-31"))  # three months after 2018-12-31: not yet
    assert "SV124" in rules(within) and "SV186" not in rules(within)
    problems = copy.check(on("2026-12-04"))
    problem = only(problems, "SV186")
    assert problem.severity is Severity.INFO
    assert (problem.location.line, problem.location.column) == value_position(
        copy.text(), "till: 2018-12-31"
    )
    assert problem.message == (
        "avtalstiden slutade 2018-12-31, mer än tre (3) månader före 2026-12-04; "
        "överenskommelsen läses som historisk och dess passerade frister varnas inte för"
    )
    assert not rules(problems) & {"SV123", "SV124"}
    status = agreement_status(copy.folder, on("2026-12-04"))
    assert status.overdue == ()
    assert status.term is not None and status.term.historic
    assert status.term.swedish() == "2017-01-01 – 2018-12-31 (historisk)"


def test_a_term_until_replaced_is_never_historic(tid: AgreementCopy) -> None:
    problems = tid.check(on("2030-01-01"))
    assert "SV186" not in rules(problems)
    status = agreement_status(tid.folder, on("2030-01-01"))
    (end,) = [d for d in status.deadlines if d.kind is DeadlineKind.TERM_END]
    assert (end.date, end.overdue) == (dt.date(2022, 12, 31), False)
    assert status.term is not None
    assert status.term.swedish() == "september 2020 – 2022"
    assert (status.term.start, status.term.end) == (dt.date(2020, 9, 1), dt.date(2022, 12, 31))


# --- SV187: undated drafts ------------------------------------------------------------------


@covers_rule("SV187")
def test_sv187_a_document_without_a_term_is_accepted_with_info(tid: AgreementCopy) -> None:
    tid.edit(TERM_BLOCK, "")
    problems = tid.check(on("2021-01-01"))
    problem = only(problems, "SV187")
    assert problem.severity is Severity.INFO
    assert (problem.location.line, problem.location.column) == (1, 1)
    assert "dokumentet anger ingen avtalstid ('tid')" in problem.message
    assert not [p for p in problems if p.severity is Severity.ERROR]


def test_sv187_a_term_with_only_its_start(tid: AgreementCopy) -> None:
    with_term(tid, "tid:\n  från: 2017\n")
    problem = only(tid.check(on("2021-01-01")), "SV187")
    assert problem.message == (
        "avtalstiden anger bara när den börjar (2017); frister som räknas från dess slut visas inte"
    )


def test_a_profile_that_requires_a_term_says_so_instead(tid: AgreementCopy) -> None:
    tid.edit("profil: []\n", "profil: bra-samverkan\n")
    with_term(tid, "tid:\n  från: 2017\n")
    problems = tid.check(on("2021-01-01"))
    assert "SV187" not in rules(problems)
    problem = only(problems, "SV140")
    assert "avtalstiden anger bara när den börjar (2017)" in problem.message


# --- status, calendar and init --------------------------------------------------------------


def test_the_calendar_puts_a_year_on_its_first_and_last_day(tid: AgreementCopy) -> None:
    with_term(tid, "tid:\n  från: 2021\n  till: 2022\n")
    loaded = load_agreement(tid.folder)
    first = {e.key: e for e in agreement_calendar(loaded, 2021).events}["avtalstid-start"]
    assert first.dates == (dt.date(2021, 1, 1),)
    assert first.description == (
        "Överenskommelsen gäller från och med 2021. Texten anger 2021; kalendern räknar med "
        "1 januari 2021."
    )
    last = {e.key: e for e in agreement_calendar(loaded, 2022).events}["avtalstid-slut"]
    assert last.dates == (dt.date(2022, 12, 31),)


def test_a_copy_moves_a_partial_term_by_whole_months_and_years(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root / "agreements" / "tid-som-texten")
    made = initialise(Repository(root), "ny", "tid-som-texten", today=dt.date(2026, 12, 4))
    agreement = load_agreement(made.folder).agreement
    assert agreement is not None and agreement.term is not None
    term: Term = agreement.term
    assert (term.start, term.end_date) == (PartialDate(2027, 1), PartialDate(2029))
    text = (made.folder / "overenskommelse.yaml").read_text(encoding="utf-8")
    assert "  från: 2027-01  # FYLL I" in text
    assert "  till: 2029  # FYLL I" in text


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2017", "2018", None),  # two years: 2017-01-01 – 2018-12-31
        ("2017-03", "2019-02", None),
        ("2017-03-01", "2019", None),  # could end 2019-02-28
        ("2017", "2019", None),  # could be 2017-12-31 – 2019-12-30
        (
            "2017",
            "2020",
            "avtalstiden ska vara två (2) år, från 2017 till och med 2018, men slutar 2020",
        ),
        (
            "2017-03",
            "2019-06",
            "avtalstiden ska vara två (2) år, från 2017-03 till och med 2019-02, men slutar "
            "2019-06",
        ),
    ],
)
def test_sv116_accepts_every_pair_of_days_the_text_can_mean(
    tid: AgreementCopy, start: str, end: str, message: str | None
) -> None:
    tid.edit("profil: []\n", "profil: stockholm-2015\n")
    with_term(tid, f"tid:\n  från: {start}\n  till: {end}\n")
    found = [p for p in tid.check(on("2017-01-01")) if p.rule == "SV116"]
    assert [p.message for p in found] == ([message] if message else [])


@pytest.mark.parametrize("written", [2017, "2020-09", dt.date(2020, 9, 1)])
def test_a_term_dumped_validates_again_as_written(written: object) -> None:
    """A dump of the model (as diff and tests make) is read back to the same term; a whole
    day dumps as a date, a year or month as its text, and JSON gets the ISO form."""
    term = Term.model_validate({"från": written, "till": "tills vidare"})
    assert Term.model_validate(term.model_dump(by_alias=True)) == term
    assert Term.model_validate_json(term.model_dump_json(by_alias=True)) == term
    dumped = term.model_dump(by_alias=True)["från"]
    assert dumped == (written if isinstance(written, dt.date) else str(written))
