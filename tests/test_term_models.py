"""The two term models of the examples, with concrete dates.

- exempel-tre-kommuner: a fixed term that does not follow calendar years, 2023-03-01 –
  2027-02-28, extended two years at a time after a samråd six months before it ends;
- exempel-kommun: tills vidare from 2026-01-01, revised every third year ({vart: 3, per: år}),
  six months' notice.

The samråd date is SV124's (`consultation_due`), which `samverkan status` and `samverkan
kalender` also show; the status is checked as well. Six months before 2027-02-28 is
2026-08-28: `add_months` keeps the day of the month.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest

from samverkan_cli.calendar.events import agreement_calendar
from samverkan_cli.check.folder import CheckSettings
from samverkan_cli.core.date_arithmetic import add_months
from samverkan_cli.core.problems import Severity
from samverkan_cli.model import Term
from samverkan_cli.render.agreement_document import agreement_document
from samverkan_cli.rules.situation import interval_months
from samverkan_cli.rules.term import consultation_due, term_revision_dates
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.status.standing import agreement_status
from samverkan_cli.status.upcoming_deadlines import Deadline, DeadlineKind
from samverkan_cli.writers.markdown import write_markdown
from tests.conftest import REPO_ROOT
from tests.test_rules import AgreementCopy, only, value_position

EXAMPLES = REPO_ROOT / "agreements"
SITUATION = "bilagor/lagesbild.yaml"
SAMRAD = "samråd_månader_före: 6"


TERM_KINDS = {DeadlineKind.CONSULTATION, DeadlineKind.TERM_END, DeadlineKind.SITUATION_PICTURE}
"""The deadlines these tests are about; the status may list others (medborgarlöften)."""


def on(day: str) -> CheckSettings:
    return CheckSettings(today=dt.date.fromisoformat(day))


def term_deadlines(deadlines: Iterable[Deadline]) -> list[Deadline]:
    return [d for d in deadlines if d.kind in TERM_KINDS]


def _copy(tmp_path: Path, name: str) -> AgreementCopy:
    folder = tmp_path / "agreements" / name
    shutil.copytree(EXAMPLES / name, folder)
    return AgreementCopy(folder)


def _term(name: str) -> Term:
    agreement = load_agreement(EXAMPLES / name).agreement
    assert agreement is not None and agreement.term is not None
    return agreement.term


@pytest.fixture
def tre(tmp_path: Path) -> AgreementCopy:
    """Exempeldalen without the exception that records that the samråd took place."""
    copy = _copy(tmp_path, "exempel-tre-kommuner")
    copy.cut("undantag:\n", "\nbakgrund:")
    return copy


# --- the fixed term across non-calendar years --------------------------------------------------


def test_the_fixed_term_and_its_samrad_date() -> None:
    term = _term("exempel-tre-kommuner")
    assert (term.first_day, term.last_day) == (dt.date(2023, 3, 1), dt.date(2027, 2, 28))
    assert term.extension is not None and term.extension.years == 2
    assert consultation_due(term) == dt.date(2026, 8, 28)


DUE = "samrådet om förlängning ska ske senast 2026-08-28"
PASSED = "samrådet om förlängning skulle ha skett senast 2026-08-28"


@pytest.mark.parametrize(
    ("today", "message"),
    [
        ("2026-05-27", None),  # more than three months before the samråd: quiet
        ("2026-05-28", f"{DUE}, om 92 dagar"),
        ("2026-08-28", f"{DUE}, om 0 dagar"),
        ("2026-08-29", f"{PASSED} (i dag 2026-08-29)"),
        ("2027-05-28", f"{PASSED} (i dag 2027-05-28)"),  # ended, within the reminder time
        ("2027-05-29", None),  # historic (SV186): its passed deadlines are not warned about
    ],
)
def test_sv124_across_the_years_of_the_term(
    tre: AgreementCopy, today: str, message: str | None
) -> None:
    problems = tre.check(on(today))
    if message is None:
        assert "SV124" not in {p.rule for p in problems}
        return
    problem = only(problems, "SV124")
    assert problem.severity is Severity.WARNING
    assert (problem.location.line, problem.location.column) == value_position(tre.text(), SAMRAD)
    assert problem.message == message


def test_sv124_is_info_where_the_example_records_the_samrad(tmp_path: Path) -> None:
    copy = _copy(tmp_path, "exempel-tre-kommuner")
    problem = only(copy.check(on("2026-11-23")), "SV124")
    assert problem.severity is Severity.INFO
    assert problem.message.startswith(
        "samrådet om förlängning skulle ha skett senast 2026-08-28 (i dag 2026-11-23) "
        "(undantag: Samrådet om förlängning hölls i styrgruppen 2026-05-19;"
    )


def test_the_status_shows_the_samrad_and_the_end_of_the_term(tre: AgreementCopy) -> None:
    status = agreement_status(tre.folder, on("2026-07-01"))
    assert [(d.kind, d.date, d.overdue) for d in term_deadlines(status.deadlines)] == [
        (DeadlineKind.CONSULTATION, dt.date(2026, 8, 28), False),
        (DeadlineKind.TERM_END, dt.date(2027, 2, 28), False),
    ]
    assert [d.label for d in status.next_deadlines] == ["samråd om förlängning"]
    # The check on the same day gives the one warning: SV124, the samråd is near; and one
    # info, SV022: the term starts before lag-2023-196 came into force, so it is not applied.
    assert status.check.swedish() == "godkänd (0 fel, 1 varning, 1 info)"
    later = agreement_status(tre.folder, on("2026-09-01"))
    assert [
        (d.kind, d.overdue, d.days_from(dt.date(2026, 9, 1)))
        for d in term_deadlines(later.deadlines)
    ] == [
        (DeadlineKind.CONSULTATION, True, -4),
        (DeadlineKind.TERM_END, False, 180),
    ]


def test_the_calendar_has_the_same_samrad_date() -> None:
    loaded = load_agreement(EXAMPLES / "exempel-tre-kommuner")
    calendar = agreement_calendar(loaded, 2026)
    assert calendar.event("avtalstid-samrad").dates == (dt.date(2026, 8, 28),)
    assert (calendar.first_day, calendar.last_day) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    last_year = agreement_calendar(loaded, 2027)
    assert (last_year.first_day, last_year.last_day) == (dt.date(2027, 1, 1), dt.date(2027, 2, 28))
    assert last_year.event("avtalstid-slut").dates == (dt.date(2027, 2, 28),)


def test_a_dated_lagesbild_is_revised_a_year_later_across_the_turn_of_the_year(
    tre: AgreementCopy,
) -> None:
    title = "titel: Gemensam lägesbild för Exempeldalen\n"
    tre.edit(title, title + "datum: 2026-02-15\n", SITUATION)
    status = agreement_status(tre.folder, on("2026-07-01"))
    revisions = [d for d in status.deadlines if d.kind is DeadlineKind.SITUATION_PICTURE]
    assert [(d.date, d.label) for d in revisions] == [
        (dt.date(2027, 2, 15), "revidering av lägesbilden")
    ]
    assert "SV123" not in {p.rule for p in tre.check(on("2027-02-15"))}
    assert "SV123" in {p.rule for p in tre.check(on("2027-02-16"))}


# --- tills vidare, revised every third year, six months' notice ------------------------------


def test_until_further_notice_has_no_end_and_no_samrad() -> None:
    term = _term("exempel-kommun")
    assert (term.first_day, term.last_day, term.end) == (dt.date(2026, 1, 1), None, "tills vidare")
    assert consultation_due(term) is None
    status = agreement_status(EXAMPLES / "exempel-kommun", on("2026-07-01"))
    assert status.term is not None
    assert status.term.swedish() == "2026-01-01 – tills vidare"
    assert term_deadlines(status.deadlines) == []


def test_the_revision_every_third_year() -> None:
    term = _term("exempel-kommun")
    assert term.revision is not None
    assert term.revision.swedish() == "vart tredje år"
    assert interval_months(term.revision) == 36
    assert term_revision_dates(term, dt.date(2035, 12, 31)) == (
        dt.date(2029, 1, 1),
        dt.date(2032, 1, 1),
        dt.date(2035, 1, 1),
    )
    # Tills vidare: the dates go on as far as asked, and none before the first is due.
    assert term_revision_dates(term, dt.date(2028, 12, 31)) == ()
    assert len(term_revision_dates(term, dt.date(2125, 12, 31))) == 33
    assert term_revision_dates(term, dt.date(2035, 12, 31), since=dt.date(2029, 1, 2)) == (
        dt.date(2032, 1, 1),
        dt.date(2035, 1, 1),
    )


def _revised(start: str, end: str, revision: object) -> Term:
    return Term.model_validate({"från": start, "till": end, "revidering": revision})


@pytest.mark.parametrize(
    ("start", "end", "revision", "until", "dates"),
    [
        # A fixed term across non-calendar years: 36 months from 1 March, up to its last day.
        ("2023-03-01", "2029-02-28", {"vart": 3, "per": "år"}, "2040-01-01", ["2026-03-01"]),
        (
            "2023-03-01",
            "2029-03-01",
            {"var": 3, "per": "år"},
            "2040-01-01",
            ["2026-03-01", "2029-03-01"],  # the last day itself is within the term
        ),
        # Tills vidare from 1 March: on as far as asked.
        (
            "2023-03-01",
            "tills vidare",
            {"vart": 3, "per": "år"},
            "2032-03-01",
            ["2026-03-01", "2029-03-01", "2032-03-01"],
        ),
        (
            "2023-07-01",
            "tillsvidare",
            {"vart": 2, "per": "år", "eller_vid_behov": True},
            "2028-06-30",
            ["2025-07-01", "2027-07-01"],
        ),
        (
            "2023-09-15",
            "tills vidare",
            {"varannan": "år"},
            "2027-09-15",
            ["2025-09-15", "2027-09-15"],
        ),
        ("2023-09-15", "tills vidare", {"varje": "år"}, "2025-09-14", ["2024-09-15"]),
        (
            "2024-02-29",  # a leap day: the month's last day in other years, never drifting
            "tills vidare",
            {"antal": 1, "per": "år"},
            "2028-12-31",
            ["2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29"],
        ),
        (
            "2023-01-31",  # five a year: 2.4 months apart, in whole months from the start
            "2023-12-31",
            {"antal": 5, "per": "år"},
            "2030-01-01",
            ["2023-03-31", "2023-05-31", "2023-08-31", "2023-10-31"],
        ),
        ("2023-03-01", "tills vidare", "vid behov", "2040-01-01", []),
        ("2023-03-01", "tills vidare", None, "2040-01-01", []),
    ],
)
def test_term_revision_dates(
    start: str, end: str, revision: object, until: str, dates: list[str]
) -> None:
    term = _revised(start, end, revision)
    found = term_revision_dates(term, dt.date.fromisoformat(until))
    assert found == tuple(dt.date.fromisoformat(d) for d in dates)


def test_term_revision_dates_are_at_most_monthly() -> None:
    term = _revised("2025-01-10", "tills vidare", {"varannan": "vecka"})
    assert term_revision_dates(term, dt.date(2025, 4, 30)) == (
        dt.date(2025, 2, 10),
        dt.date(2025, 3, 10),
        dt.date(2025, 4, 10),
    )


def test_the_calendar_shows_the_fixed_terms_revisions_from_its_first_day(tmp_path: Path) -> None:
    """A term from 1 March, revised every third year: one event in 2026, none in 2025."""
    copy = _copy(tmp_path, "exempel-kommun")
    copy.edit("från: 2026-01-01", "från: 2023-03-01")
    copy.edit("till: tills vidare", "till: 2029-02-28")
    loaded = load_agreement(copy.folder)
    assert "avtalstid-revidering" not in {e.key for e in agreement_calendar(loaded, 2025).events}
    event = agreement_calendar(loaded, 2026).event("avtalstid-revidering")
    assert event.dates == (dt.date(2026, 3, 2),)  # Sunday 1 March: the next working day
    later = agreement_calendar(loaded, 2029)
    assert "avtalstid-revidering" not in {e.key for e in later.events}  # after the last day
    assert later.event("avtalstid-slut").dates == (dt.date(2029, 2, 28),)


@pytest.mark.parametrize(
    ("notice_given", "ends"),
    [
        ("2026-03-15", "2026-09-15"),
        ("2026-08-31", "2027-02-28"),  # no 31 February: the month's last day
        ("2027-08-31", "2028-02-29"),  # a leap year
    ],
)
def test_notice_of_termination_ends_the_agreement_six_months_later(
    notice_given: str, ends: str
) -> None:
    term = _term("exempel-kommun")
    assert term.termination is not None
    months = term.termination.notice_months
    assert months == 6  # (and so not None)
    assert add_months(dt.date.fromisoformat(notice_given), months) == dt.date.fromisoformat(ends)


def test_a_dated_lagesbild_of_the_kommun_is_revised_within_the_year(
    tmp_path: Path,
) -> None:
    copy = _copy(tmp_path, "exempel-kommun")
    title = "titel: Gemensam lägesbild\n"
    copy.edit(title, title + "datum: 2025-11-30\n", SITUATION)
    status = agreement_status(copy.folder, on("2026-07-01"))
    assert [(d.kind, d.date) for d in term_deadlines(status.deadlines)] == [
        (DeadlineKind.SITUATION_PICTURE, dt.date(2026, 11, 30))
    ]


def _markdown(copy: AgreementCopy) -> str:
    loaded = load_agreement(copy.folder)
    return write_markdown(agreement_document(loaded, REPO_ROOT))


NOTICE = "  uppsägning:\n    uppsägningstid_månader: 6\n"


def test_termination_without_a_notice_period_is_stated_as_the_text_says(tmp_path: Path) -> None:
    """'Kan sägas upp av båda parter' and no period: neither an error nor an invented one."""
    copy = _copy(tmp_path, "exempel-kommun")
    copy.edit(NOTICE, "  uppsägning: {}\n")
    assert not [p for p in copy.check(on("2026-07-01")) if p.severity is Severity.ERROR]
    markdown = _markdown(copy)
    assert "kan säga upp överenskommelsen.\n" in markdown
    assert "uppsägningstid" not in markdown


def test_a_notice_period_of_zero_months_is_refused_at_its_line(tmp_path: Path) -> None:
    copy = _copy(tmp_path, "exempel-kommun")
    text = copy.edit(NOTICE, NOTICE.replace(": 6", ": 0"))
    (problem,) = [p for p in copy.check() if p.rule == "SV010"]
    line = text[: text.index("uppsägningstid_månader: 0")].count("\n") + 1
    assert problem.location.line == line
    assert problem.severity is Severity.ERROR


def test_a_notice_period_is_printed_with_its_months(tmp_path: Path) -> None:
    copy = _copy(tmp_path, "exempel-kommun")
    assert "med en uppsägningstid om sex (6) månader." in _markdown(copy)
