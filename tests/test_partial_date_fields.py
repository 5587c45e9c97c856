"""Dates at the precision the text gives them, in every date field that a real agreement may
date by a year or a month (issue 17): goals' `senast`, decisions, what a document replaces or
builds on, `fastställd_av`, `samverkan_sedan`, a foreword, bilagor and external documents,
medborgarlöften periods and follow-ups. Each is written as a year, a month and a day in a copy
of an example, which must check without errors and print the date as the text gives it.

The rules that compare such a date take the bound that cannot give a false finding and say
which day they took; the calendar invents no day for a month or a year.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from samverkan_cli.calendar.events import agreement_calendar
from samverkan_cli.check.folder import CheckSettings, check_folder
from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.model import PartialDate
from samverkan_cli.render.agreement_document import agreement_document
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.writers.markdown import write_markdown
from tests.agreement_copy import AgreementCopy
from tests.conftest import REPO_ROOT

SETTINGS = CheckSettings(today=dt.date(2026, 1, 15))


@dataclass(frozen=True)
class Field:
    """Where a date is written in an example, and how each precision of it must print."""

    folder: str
    """`agreements/<name>` or `tests/fixtures/agreements/<name>`."""
    file: str
    line: str
    """The line as the example writes it, with `{}` for the date."""
    written: str
    """The date the example writes."""
    printed: dict[str, str]
    """By the date written instead: the text the built document must hold."""


FIELDS = {
    "mål senast": Field(
        "agreements/exempel-underavtal",
        "overenskommelse.yaml",
        "          senast: {}\n",
        "2026-12-31",
        {
            "2026": "senast 2026",
            "2026-12": "senast december 2026",
            "2026-11-30": "senast 2026-11-30",
        },
    ),
    "ersätter datum": Field(
        "agreements/exempel-underavtal",
        "overenskommelse.yaml",
        "  titel: Handlingsplan för samverkan i Exempelfors 2025\n  datum: {}\n",
        "2024-12-11",
        {
            "2024": "daterad 2024",
            "2024-12": "daterad december 2024",
            "2024-12-10": "daterad 2024-12-10",
        },
    ),
    "bygger_på datum": Field(
        "agreements/exempel-underavtal",
        "overenskommelse.yaml",
        "    datum: {}\n\nunderskrifter:",
        "2025-10-20",
        {
            "2025": "daterad 2025",
            "2025-10": "daterad oktober 2025",
            "2025-10-21": "daterad 2025-10-21",
        },
    ),
    "beslut datum": Field(
        "agreements/exempel-medborgarlofte",
        "overenskommelse.yaml",
        "beslut:\n  datum: {}\n",
        "2026-03-10",
        {
            "2026": "i Exempelstad under 2026, § 4",
            "2026-03": "i Exempelstad i mars 2026, § 4",
            "2026-03-11": "i Exempelstad den 11 mars 2026, § 4",
        },
    ),
    "samverkan_sedan": Field(
        "agreements/exempel-medborgarlofte",
        "overenskommelse.yaml",
        "samverkan_sedan: {}\n",
        "2016",
        {
            "2015": "samverkat sedan 2015.",
            "2016-05": "samverkat sedan maj 2016.",
            "2016-05-02": "samverkat sedan 2016-05-02.",
        },
    ),
    "uppföljning (medborgarlöfte)": Field(
        "agreements/exempel-medborgarlofte",
        "overenskommelse.yaml",
        "uppföljning:\n  - {}\n",
        "2026-06-16",
        {
            "2026": "följs upp under 2026 och ",
            "2026-06": "följs upp i juni 2026 och ",
            "2026-06-17": "följs upp 2026-06-17 och ",
        },
    ),
    "fastställd_av datum": Field(
        "tests/fixtures/agreements/parter-faststalld",
        "overenskommelse.yaml",
        "  datum: {}\n  paragraf: § 7",
        "2025-11-10",
        {
            "2025": "rådet under 2025, § 7",
            "2025-11": "rådet i november 2025, § 7",
            "2025-11-11": "rådet den 11 november 2025, § 7",
        },
    ),
    "förord datum": Field(
        "tests/fixtures/agreements/alla-falt",
        "overenskommelse.yaml",
        "  ort: Exempelstad\n  datum: {}\n",
        "2025-12-10",
        {
            "2025": "Exempelstad 2025",
            "2025-12": "Exempelstad december 2025",
            "2025-12-11": "Exempelstad 11 december 2025",
        },
    ),
    "extern datum": Field(
        "tests/fixtures/agreements/alla-falt",
        "overenskommelse.yaml",
        "        datum: {}\n        diarienummer: KS 2025/0412",
        "2025-10-20",
        {
            "2025": "daterad 2025",
            "2025-10": "daterad oktober 2025",
            "2025-10-21": "daterad 2025-10-21",
        },
    ),
    "bilaga datum": Field(
        "tests/fixtures/agreements/alla-falt",
        "bilagor/kontakter.yaml",
        "datum: {}\n",
        "2025-12-02",
        {
            "2025": "Daterad 2025.",
            "2025-12": "Daterad december 2025.",
            "2025-12-03": "Daterad 2025-12-03.",
        },
    ),
    "medborgarlöften period": Field(
        "tests/fixtures/agreements/exempel-medborgarlofte",
        "bilagor/medborgarloften.yaml",
        "period:\n  från: {}\n",
        "2026-01-01",
        {
            "2026": "från och med 2026 till och med 2026-12-31",
            "2026-01": "från och med januari 2026 till",
            "2026-01-02": "från och med 2026-01-02 till",
        },
    ),
    "handlingsplan fastställd": Field(
        "agreements/exempel-tre-kommuner",
        "bilagor/handlingsplan-2026.yaml",
        "fastställd:\n  datum: {}\n",
        "2026-02-10",
        {
            "2026": "fastställdes under 2026 av",
            "2026-02": "fastställdes i februari 2026 av",
            "2026-02-11": "fastställdes 2026-02-11 av",
        },
    ),
    "åtgärdsplan beslut": Field(
        "agreements/exempel-tre-kommuner",
        "bilagor/atgardsplan.yaml",
        "beslut:\n  datum: {}\n",
        "2023-02-14",
        {
            "2023": "beslutades under 2023 av",
            "2023-02": "beslutades i februari 2023 av",
            "2023-02-15": "beslutades 2023-02-15 av",
        },
    ),
}

CASES = [(name, date) for name, field in FIELDS.items() for date in field.printed]


def copy_of(folder: str, tmp_path: Path) -> AgreementCopy:
    target = tmp_path / "agreements" / Path(folder).name
    shutil.copytree(REPO_ROOT / folder, target)
    return AgreementCopy(target)


def markdown_of(copy: AgreementCopy) -> str:
    return write_markdown(agreement_document(load_agreement(copy.folder)))


def errors(problems: list[Problem]) -> list[str]:
    return [f"{p.rule} {p.message}" for p in problems if p.severity is Severity.ERROR]


@pytest.mark.parametrize(("name", "date"), CASES)
def test_a_date_field_takes_a_year_a_month_or_a_day_and_prints_it_as_written(
    name: str, date: str, tmp_path: Path
) -> None:
    field = FIELDS[name]
    copy = copy_of(field.folder, tmp_path)
    copy.edit(field.line.format(field.written), field.line.format(date), field.file)
    assert errors(check_folder(copy.folder, SETTINGS)[1]) == []
    assert field.printed[date] in markdown_of(copy)


def test_a_signature_date_stays_a_whole_day(tmp_path: Path) -> None:
    """A signature is dated to the day (SV112/SV113 compare it with the term day by day)."""
    copy = copy_of("agreements/exempel-underavtal", tmp_path)
    block = copy.text().split("underskrifter:", 1)[1]
    line = next(ln for ln in block.splitlines() if "datum:" in ln)
    copy.edit(line, line.split("datum:")[0] + "datum: 2025-12")
    problems = check_folder(copy.folder, SETTINGS)[1]
    assert any("2025-12" in p.message for p in problems if p.severity is Severity.ERROR)


def test_the_calendar_invents_no_day_for_a_follow_up_month(tmp_path: Path) -> None:
    copy = copy_of("agreements/exempel-medborgarlofte", tmp_path)
    line = "uppföljning:\n  - {}\n"
    before = agreement_calendar(load_agreement(copy.folder), 2026)
    copy.edit(line.format("2026-06-16"), line.format("2026-06"))
    after = agreement_calendar(load_agreement(copy.folder), 2026)
    days = {d for e in before.events for d in e.dates}
    assert dt.date(2026, 6, 16) in days
    assert dt.date(2026, 6, 16) not in {d for e in after.events for d in e.dates}
    assert not any(d.month == 6 and d.day == 1 for e in after.events for d in e.dates)


# --- the rules take the safe bound and say so -----------------------------------------------


def findings(copy: AgreementCopy, rule: str, today: str = "2026-01-15") -> list[str]:
    settings = CheckSettings(today=dt.date.fromisoformat(today))
    return [p.message for p in check_folder(copy.folder, settings)[1] if p.rule == rule]


def with_goal_by(date: str, tmp_path: Path) -> AgreementCopy:
    """exempel-underavtal (term 2026-01-01 – 2026-12-31) with a goal `senast: <date>`."""
    copy = copy_of("agreements/exempel-underavtal", tmp_path)
    copy.edit("          senast: 2026-12-31\n", f"          senast: {date}\n")
    return copy


@pytest.mark.parametrize("date", ["2026", "2026-01", "2026-12"])
def test_a_goal_deadline_of_a_year_or_month_inside_the_term_is_not_outside(
    date: str, tmp_path: Path
) -> None:
    assert findings(with_goal_by(date, tmp_path), "SV163") == []


def test_a_goal_deadline_after_the_term_counts_from_its_first_day(tmp_path: Path) -> None:
    (message,) = findings(with_goal_by("2027", tmp_path), "SV163")
    assert message.startswith(
        "målets 'senast' 2027 (räknat från 2027-01-01, första dagen i 2027) ligger efter "
        "avtalstiden"
    )


def test_a_goal_deadline_before_the_term_counts_from_its_last_day(tmp_path: Path) -> None:
    (message,) = findings(with_goal_by("2025-12", tmp_path), "SV163")
    assert message.startswith(
        "målets 'senast' december 2025 (räknat från 2025-12-31, sista dagen i december 2025) "
        "ligger före avtalstiden"
    )


def promises_fixture(tmp_path: Path) -> AgreementCopy:
    """A term 2026-01-01 – 2026-12-31 with a medborgarlöften bilaga for 2026."""
    return copy_of("tests/fixtures/agreements/exempel-medborgarlofte", tmp_path)


def test_a_promise_period_ending_in_the_terms_last_year_is_not_past_it(tmp_path: Path) -> None:
    """SV179 at the boundary: the term ends 2026-06-30, the period "till 2026" may too."""
    copy = promises_fixture(tmp_path)
    copy.edit(
        "  från: 2026-01-01\n  till: 2026-12-31\n", "  från: 2026-01-01\n  till: 2026-06-30\n"
    )
    copy.edit("  till: 2026-12-31\n", "  till: 2026\n", "bilagor/medborgarloften.yaml")
    assert findings(copy, "SV179") == []
    copy.edit("  till: 2026\n", "  till: 2027\n", "bilagor/medborgarloften.yaml")
    assert findings(copy, "SV179") == [
        "löftenas period slutar 2027 (räknat från 2027-01-01, första dagen i 2027), efter "
        "överenskommelsens avtalstid, som slutar 2026-06-30"
    ]


def test_a_follow_up_month_is_inside_the_period_when_any_day_of_it_is(tmp_path: Path) -> None:
    copy = promises_fixture(tmp_path)
    file = "bilagor/medborgarloften.yaml"
    copy.edit("  - 2026-12-04\n", "  - 2026-12\n", file)
    assert findings(copy, "SV142") == []
    copy.edit("  - 2026-12\n", "  - 2025-12\n", file)
    (message,) = findings(copy, "SV142")
    assert message.startswith(
        "uppföljningsdatumet december 2025 (räknat från 2025-12-31, sista dagen i december "
        "2025) ligger utanför löftenas period 2026-01-01 – 2026-12-31"
    )


def test_a_situation_picture_of_a_year_counts_from_its_last_day(tmp_path: Path) -> None:
    """SV123: "2024" may mean 2024-12-31, so with a yearly revision it is due 2025-12-31."""
    copy = copy_of("tests/fixtures/agreements/underavtal-med-ram", tmp_path)
    file = "bilagor/lagesbild.yaml"
    copy.edit("titel: Gemensam lägesbild\n", "titel: Gemensam lägesbild\ndatum: 2024\n", file)
    assert findings(copy, "SV123", today="2025-12-31") == []
    (message,) = findings(copy, "SV123", today="2026-01-01")
    assert message.startswith(
        "lägesbilden är daterad 2024 (räknat från 2024-12-31, sista dagen i 2024) och skulle "
        "ha reviderats senast 2025-12-31"
    )


def test_a_plan_decided_in_the_month_its_period_starts_is_late(tmp_path: Path) -> None:
    """SV147: "2026" may be January, before the period from 2026-03-01; "mars 2026" is not."""
    copy = copy_of("agreements/exempel-tre-kommuner", tmp_path)
    file = "bilagor/handlingsplan-2026.yaml"
    copy.edit("fastställd:\n  datum: 2026-02-10\n", "fastställd:\n  datum: 2026\n", file)
    assert findings(copy, "SV147") == []
    copy.edit("fastställd:\n  datum: 2026\n", "fastställd:\n  datum: 2026-03\n", file)
    (message,) = findings(copy, "SV147")
    assert "fastställdes mars 2026 (räknat från 2026-03-01, första dagen i mars 2026), men" in (
        message
    )


def test_a_message_names_the_bound_taken_for_a_year_or_a_month() -> None:
    year, month = PartialDate(2020), PartialDate(2020, 9)
    assert year.counted_as(year.last_day) == "2020 (räknat från 2020-12-31, sista dagen i 2020)"
    assert month.counted_as(month.first_day) == (
        "september 2020 (räknat från 2020-09-01, första dagen i september 2020)"
    )
    assert PartialDate(2020, 9, 1).counted_as(dt.date(2020, 9, 1)) == "2020-09-01"
    assert month.overlaps(dt.date(2020, 9, 30), None)
    assert not month.overlaps(dt.date(2020, 10, 1), dt.date(2020, 12, 31))


def test_the_bound_a_rule_took_is_said_in_english_too(tmp_path: Path) -> None:
    from samverkan_cli.messages.language import message, set_language

    (swedish,) = findings(with_goal_by("2027", tmp_path), "SV163")
    set_language("en")
    try:
        assert message(swedish).startswith(
            "the goal's 'senast' 2027 (counted from 2027-01-01, its first day) lies after the term"
        )
    finally:
        set_language("sv")
