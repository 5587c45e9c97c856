"""`samverkan status`: terms, deadlines and what is overdue as of --idag, the check verdict,
the table, the JSON against its schema, and the exit codes."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from jsonschema.validators import validator_for

from samverkan_cli.calendar.events import agreement_calendar, promise_dates, slug
from samverkan_cli.check.folder import CheckSettings, check_folder
from samverkan_cli.cli.main import cli
from samverkan_cli.core.days_off import due_day
from samverkan_cli.core.problems import Severity
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.source.repository import Repository
from samverkan_cli.status.output import HEADERS, as_json, render_text, table
from samverkan_cli.status.standing import (
    AgreementStatus,
    StatusReport,
    agreement_status,
    repository_status,
)
from samverkan_cli.status.upcoming_deadlines import DeadlineKind
from tests.agreement_copy import AgreementCopy
from tests.conftest import REPO_ROOT

RINKEBY = REPO_ROOT / "agreements" / "rinkeby-kista-2017"
JARVA = REPO_ROOT / "agreements" / "järva"
LOFTET = REPO_ROOT / "tests" / "fixtures" / "agreements" / "exempel-medborgarlofte"
"""The medborgarlöfte with its promises in a bilaga (the example is now a standalone one)."""
TRE_KOMMUNER = REPO_ROOT / "agreements" / "exempel-tre-kommuner"
PROMISES_FILE = "bilagor/medborgarloften.yaml"
OUTPUT_SCHEMA = REPO_ROOT / "schemas" / "status-output.schema.json"
SITUATION_FILE = "bilagor/lagesbild.yaml"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def on(day: str) -> CheckSettings:
    return CheckSettings(today=dt.date.fromisoformat(day))


def status_of(folder: Path, day: str) -> AgreementStatus:
    return agreement_status(folder, on(day))


def kinds(status: AgreementStatus) -> list[tuple[DeadlineKind, str, bool]]:
    return [(d.kind, d.date.isoformat(), d.overdue) for d in status.deadlines]


@pytest.fixture
def rinkeby(tmp_path: Path) -> AgreementCopy:
    """A scratch copy of agreements/rinkeby-kista-2017 that a test may edit."""
    folder = tmp_path / "agreements" / "rinkeby-kista-2017"
    shutil.copytree(RINKEBY, folder)
    return AgreementCopy(folder)


def output_validator() -> Any:
    schema = json.loads(OUTPUT_SCHEMA.read_text(encoding="utf-8"))
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def assert_valid(instance: object) -> None:
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in output_validator().iter_errors(instance)
    ]
    assert not errors, "\n".join(errors)


# The library: dates as of --idag.


def test_rinkeby_before_the_samrad_deadline() -> None:
    status = status_of(RINKEBY, "2018-05-01")
    assert status.term is not None
    assert status.term.swedish() == "2017-01-01 – 2018-12-31"
    assert kinds(status) == [
        (DeadlineKind.CONSULTATION, "2018-06-30", False),
        (DeadlineKind.FOLLOW_UP, "2018-07-01", False),
        (DeadlineKind.FOLLOW_UP, "2018-07-01", False),
        (DeadlineKind.FOLLOW_UP, "2018-07-01", False),
        (DeadlineKind.TERM_END, "2018-12-31", False),
    ]
    assert status.overdue == ()
    (first,) = status.next_deadlines
    assert (first.kind, first.date, first.label) == (
        DeadlineKind.CONSULTATION,
        dt.date(2018, 6, 30),
        "samråd om förlängning",
    )
    assert first.days_from(dt.date(2018, 5, 1)) == 60
    assert [d.label for d in status.deadlines if d.kind is DeadlineKind.FOLLOW_UP] == [
        "uppföljning av lägesbilden",
        "uppföljning av åtgärdsplanerna",
        "uppföljning av kommunikationsplanen",
    ]


def test_rinkeby_after_the_samrad_deadline() -> None:
    status = status_of(RINKEBY, "2018-08-01")
    assert [(d.kind, d.date.isoformat()) for d in status.overdue] == [
        (DeadlineKind.CONSULTATION, "2018-06-30")
    ]
    assert [d.kind for d in status.next_deadlines] == [DeadlineKind.TERM_END]
    # The same day as SV124's warning, which says the samråd is late.
    _, problems = check_folder(RINKEBY, on("2018-08-01"))
    assert any(p.rule == "SV124" and "skulle ha skett" in p.message for p in problems)


def test_the_samrad_deadline_matches_sv124_on_its_last_day() -> None:
    assert status_of(RINKEBY, "2018-06-30").overdue == ()
    assert [d.kind for d in status_of(RINKEBY, "2018-07-01").overdue] == [DeadlineKind.CONSULTATION]


def test_an_ended_term_is_overdue_and_has_no_follow_ups() -> None:
    status = status_of(RINKEBY, "2019-01-01")
    assert kinds(status) == [
        (DeadlineKind.CONSULTATION, "2018-06-30", True),
        (DeadlineKind.TERM_END, "2018-12-31", True),
    ]
    assert status.next_deadlines == ()


def test_follow_ups_count_from_the_start_of_the_term() -> None:
    # Twice a year from 2017-01-01: 2017-07-01, 2018-01-01, 2018-07-01; once a year:
    # 2018-01-01 (and 2019-01-01, after the term).
    status = status_of(RINKEBY, "2017-12-15")
    follow_ups = [
        (d.date.isoformat(), d.label) for d in status.deadlines if d.kind is DeadlineKind.FOLLOW_UP
    ]
    assert follow_ups == [
        ("2018-01-01", "uppföljning av samverkansorganisationen"),
        ("2018-01-01", "uppföljning av lägesbilden"),
        ("2018-01-01", "uppföljning av åtgärdsplanerna"),
        ("2018-01-01", "uppföljning av kommunikationsplanen"),
    ]
    assert all(not d.overdue for d in status.deadlines if d.kind is DeadlineKind.FOLLOW_UP)


def test_jarva_runs_until_further_notice_without_samrad() -> None:
    status = status_of(JARVA, "2026-11-23")
    assert status.term is not None
    assert status.term.end is None
    assert status.term.swedish() == "2024-06-01 – tills vidare"
    assert not any(
        d.kind in {DeadlineKind.CONSULTATION, DeadlineKind.TERM_END} for d in status.deadlines
    )
    assert status.overdue == ()
    assert status.check.swedish() == "godkänd (0 fel, 0 varningar, 4 info)"


def test_a_lagesbild_older_than_its_interval_is_overdue(rinkeby: AgreementCopy) -> None:
    rinkeby.edit("titel: LÄGESBILD", "datum: 2017-06-01\ntitel: LÄGESBILD", SITUATION_FILE)
    rinkeby.edit("frekvens: {minst: 1, per: år}", "frekvens: {minst: 2, per: år}")
    status = status_of(rinkeby.folder, "2018-05-01")
    (situation,) = [d for d in status.deadlines if d.kind is DeadlineKind.SITUATION_PICTURE]
    assert (situation.date, situation.overdue) == (dt.date(2017, 12, 1), True)
    assert situation.label == "revidering av lägesbilden"
    # SV123 says the same, from the same interval.
    assert any(p.rule == "SV123" for p in rinkeby.check(on("2018-05-01")))


def test_a_lagesbild_without_an_interval_is_due_after_a_year(rinkeby: AgreementCopy) -> None:
    rinkeby.edit("titel: LÄGESBILD", "datum: 2017-06-01\ntitel: LÄGESBILD", SITUATION_FILE)
    rinkeby.edit("frekvens: {minst: 1, per: år}", "frekvens: vid behov")
    before = status_of(rinkeby.folder, "2018-05-01")
    (situation,) = [d for d in before.deadlines if d.kind is DeadlineKind.SITUATION_PICTURE]
    assert (situation.date, situation.overdue) == (dt.date(2018, 6, 1), False)
    after = status_of(rinkeby.folder, "2018-06-02")
    assert DeadlineKind.SITUATION_PICTURE in {d.kind for d in after.overdue}
    # SV123 has no interval to go by, so the check stays silent.
    assert not any(p.rule == "SV123" for p in rinkeby.check(on("2018-06-02")))


def test_the_check_verdict_uses_the_same_day(rinkeby: AgreementCopy) -> None:
    rinkeby.edit("till: 2018-12-31", "till: 2016-12-31")
    status = status_of(rinkeby.folder, "2018-05-01")
    assert not status.check.passed
    assert status.check.errors >= 1
    assert status.check.swedish().startswith("underkänd (")


def test_an_unreadable_agreement_has_no_term(rinkeby: AgreementCopy) -> None:
    (rinkeby.folder / "overenskommelse.yaml").write_text("titel: [\n", encoding="utf-8")
    status = status_of(rinkeby.folder, "2018-05-01")
    assert (status.title, status.term, status.deadlines) == (None, None, ())
    assert status.check.verdict == "underkänd"


# Output: the table and the JSON.


def report(day: str) -> StatusReport:
    return repository_status(Repository(REPO_ROOT), on(day))


def test_table_columns_are_aligned() -> None:
    lines = table([("a", "bb", "c"), ("ccc", "d", "")])
    assert lines == ["a    bb  c", "ccc  d"]


def test_text_output() -> None:
    text = render_text(report("2018-08-01"))
    lines = text.splitlines()
    header = lines[0]
    assert header.split() == " ".join(HEADERS).split()
    (row,) = [line for line in lines if line.startswith("rinkeby-kista-2017 ")]
    assert row.index("2017-01-01 – 2018-12-31") == header.index("Avtalstid")
    assert row.index("2018-12-31 avtalstidens slut (om 152 dagar)") == header.index("Nästa frist")
    assert row.index("samråd om förlängning 2018-06-30") == header.index("Försenat")
    assert row.index("godkänd (0 fel, 16 varningar, 0 info)") == header.index("Kontroll")
    (jarva,) = [line for line in lines if line.startswith("järva ")]
    assert "2024-06-01 – tills vidare" in jarva
    assert "  2018-06-30  samråd om förlängning (försenad, för 32 dagar sedan)" in lines
    assert lines[-1] == (
        "10 överenskommelser per 2018-08-01: 1 med något försenat, 0 underkända i kontrollen"
    )
    assert all(line == line.rstrip() for line in lines)


def test_json_output_validates_against_its_schema() -> None:
    document = as_json(report("2018-05-01"))
    assert_valid(document)
    assert (document["format"], document["version"], document["today"]) == (
        "samverkan-status",
        1,
        "2018-05-01",
    )
    by_name = {a["name"]: a for a in document["agreements"]}
    rinkeby = by_name["rinkeby-kista-2017"]
    assert rinkeby["term"] == {
        "start": "2017-01-01",
        "end": "2018-12-31",
        "until_further_notice": False,
        "written": None,
        "historic": False,
    }
    assert rinkeby["next"] == [
        {
            "kind": "samråd",
            "date": "2018-06-30",
            "label": "samråd om förlängning",
            "overdue": False,
            "days": 60,
            "exception": None,
        }
    ]
    assert rinkeby["overdue"] is False
    assert rinkeby["check"] == {"status": "godkänd", "counts": {"fel": 0, "varning": 16, "info": 0}}
    assert by_name["järva"]["term"]["until_further_notice"] is True
    assert by_name["järva"]["term"]["end"] is None
    assert document["summary"] == {"agreements": 10, "overdue": 0, "passed": 10, "failed": 0}


def test_the_schema_refuses_what_it_does_not_describe() -> None:
    document = as_json(report("2018-08-01"))
    assert_valid(document)
    for broken in (
        {**document, "version": 2},
        {**document, "extra": 1},
        {**document, "today": "1 augusti 2018"},
    ):
        assert list(output_validator().iter_errors(broken))
    deadline = document["agreements"][-1]["deadlines"][0]
    deadline["kind"] = "okänd"
    assert list(output_validator().iter_errors(document))


# The command: exit codes and formats.


def test_status_command_text(in_repo: Path) -> None:
    result = run("status", "--idag", "2018-05-01")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Överenskommelse ")
    assert "  2018-06-30  samråd om förlängning (om 60 dagar)\n" in result.output
    assert max(len(line) for line in result.output.splitlines()) <= 100  # not a terminal


def test_status_command_json(in_repo: Path) -> None:
    result = run("status", "--idag", "2026-11-23", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert_valid(document)
    paths = [a["path"] for a in document["agreements"]]
    assert paths == [
        "agreements/exempel-huvudavtal",
        "agreements/exempel-kommun",
        "agreements/exempel-medborgarlofte",
        "agreements/exempel-numrerade-avsnitt",
        "agreements/exempel-region",
        "agreements/exempel-tre-kommuner",
        "agreements/exempel-underavtal",
        "agreements/järva",
        "agreements/järva-2023",
        "agreements/rinkeby-kista-2017",
    ]
    # The medborgarlöfte's återrapport (2026-10-20) has passed. Rinkeby-Kista's term ended
    # years ago: a historic document (SV186), whose passed deadlines are not overdue.
    # Exempeldalen's samråd (2026-08-28) has passed too, but its undantag records that it
    # took place, so it is not overdue, as in validate.
    assert document["summary"]["overdue"] == 1
    by_name = {a["name"]: a for a in document["agreements"]}
    assert by_name["exempel-medborgarlofte"]["overdue"]
    assert not by_name["exempel-tre-kommuner"]["overdue"]
    assert not by_name["rinkeby-kista-2017"]["overdue"]
    assert by_name["rinkeby-kista-2017"]["term"]["historic"]


def test_overdue_fails_only_with_strikt(in_repo: Path) -> None:
    assert run("status", "--idag", "2018-08-01").exit_code == 0
    assert run("status", "--idag", "2018-08-01", "--strikt").exit_code == 1
    assert run("status", "--idag", "2018-08-01", "--strict", "--format", "json").exit_code == 1
    assert run("status", "--idag", "2018-05-01", "--strikt").exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["--idag", "2018-13-01"],
        ["--format", "xml"],
        ["--okänd"],
        ["överflödig"],
    ],
)
def test_usage_errors_exit_2(in_repo: Path, args: list[str]) -> None:
    result = run("status", *args)
    assert result.exit_code == 2, result.output


def test_no_repository_exits_2(tmp_path: Path) -> None:
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = run("status")
    finally:
        os.chdir(old)
    assert result.exit_code == 2
    assert "hittar ingen mapp 'agreements/'" in result.output
    assert "Traceback" not in result.output


def test_a_broken_samverkan_yaml_is_reported_and_the_defaults_used(in_repo: Path) -> None:
    (in_repo / "samverkan.yaml").write_text("okänd_nyckel: 1\n", encoding="utf-8")
    result = run("status", "--idag", "2018-05-01")
    assert result.exit_code == 0, result.output
    assert "SV014" in result.output
    assert "rinkeby-kista-2017" in result.output


def test_help_has_examples() -> None:
    result = run("status", "--help")
    assert result.exit_code == 0
    assert "Exempel:" in result.output
    assert "samverkan status --idag 2018-05-01" in result.output


# Medborgarlöften: the next follow-up, the end of the period, and what is overdue.

PROMISE_KINDS = {DeadlineKind.PROMISE_FOLLOW_UP, DeadlineKind.PROMISE_PERIOD}
FOLLOW_UPS = "uppföljning:\n  - 2026-06-12\n  - 2026-12-04\n"


@pytest.fixture
def loftet(tmp_path: Path) -> AgreementCopy:
    """A scratch copy of agreements/exempel-medborgarlofte (one year, 2026)."""
    folder = tmp_path / "agreements" / "exempel-medborgarlofte"
    shutil.copytree(LOFTET, folder)
    return AgreementCopy(folder)


def until_further_notice(copy: AgreementCopy) -> None:
    """The agreement runs on after its promises' period (as a kommun's agreement does)."""
    copy.edit(
        "  till: 2026-12-31\n",
        "  till: tills vidare\n  uppsägning:\n    uppsägningstid_månader: 3\n",
    )


def promise_rows(status: AgreementStatus) -> list[tuple[str, str, str, bool]]:
    return [
        (d.kind.value, d.date.isoformat(), d.label, d.overdue)
        for d in status.deadlines
        if d.kind in PROMISE_KINDS
    ]


def test_promises_show_the_next_follow_up_and_the_period_end() -> None:
    status = status_of(LOFTET, "2026-03-01")
    assert promise_rows(status) == [
        ("medborgarlöfte-uppföljning", "2026-06-12", "Medborgarlöften 2026: uppföljning", False),
        ("medborgarlöfte-period", "2026-12-31", "Medborgarlöften 2026: periodens sista dag", False),
    ]
    assert [d.kind for d in status.next_deadlines] == [DeadlineKind.PROMISE_FOLLOW_UP]
    assert status.overdue == ()
    (promises,) = status.promises
    assert (promises.bilaga, promises.start, promises.end) == (
        "loften",
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
    )
    assert promises.follow_ups == (dt.date(2026, 6, 12), dt.date(2026, 12, 4))
    assert (promises.next_follow_up, promises.ended) == (dt.date(2026, 6, 12), False)


def test_counted_promises_show_their_targets() -> None:
    (promises,) = status_of(LOFTET, "2026-03-01").promises
    assert [(c.heading, c.target, c.at_least, c.priority_area) for c in promises.counted] == [
        ("Polisen lovar att", 40, True, "trafik"),
        ("Polisen lovar att", 12, True, "narkotika"),
        ("Kommunen lovar att", 4, False, "trafik"),
        ("Kommunen lovar att", 2, False, "parken"),
    ]
    assert promises.counted[0].swedish() == (
        "Polisen lovar att genomföra minst fyrtio (40) hastighetskontroller vid skolorna "
        "under terminerna"
    )


@pytest.mark.parametrize(
    ("day", "next_follow_up"),
    [
        ("2026-01-01", "2026-06-12"),
        ("2026-06-12", "2026-06-12"),
        ("2026-06-13", "2026-12-04"),
        ("2026-12-04", "2026-12-04"),
        ("2026-12-05", None),
    ],
)
def test_a_passed_follow_up_gives_way_to_the_next_and_is_not_overdue(
    day: str, next_follow_up: str | None
) -> None:
    status = status_of(LOFTET, day)
    follow_ups = [
        d.date.isoformat() for d in status.deadlines if d.kind is DeadlineKind.PROMISE_FOLLOW_UP
    ]
    assert follow_ups == ([next_follow_up] if next_follow_up else [])
    (promises,) = status.promises
    expected = dt.date.fromisoformat(next_follow_up) if next_follow_up else None
    assert promises.next_follow_up == expected
    # Whether a follow-up was held is not in the data: a passed date is never overdue.
    assert status.overdue == ()


def test_an_ended_period_is_overdue_while_the_agreement_runs(loftet: AgreementCopy) -> None:
    until_further_notice(loftet)
    on_the_last_day = status_of(loftet.folder, "2026-12-31")
    assert promise_rows(on_the_last_day) == [
        ("medborgarlöfte-period", "2026-12-31", "Medborgarlöften 2026: periodens sista dag", False)
    ]
    after = status_of(loftet.folder, "2027-01-01")
    assert promise_rows(after) == [
        (
            "medborgarlöfte-period",
            "2026-12-31",
            "Medborgarlöften 2026: perioden har slutat, nya löften behövs",
            True,
        )
    ]
    assert after.promises[0].ended
    assert after.promises[0].next_follow_up is None


def test_an_ended_agreement_has_no_promise_rows() -> None:
    # The promises' period is the term: once it has ended, the term's end says so.
    status = status_of(LOFTET, "2027-01-01")
    assert kinds(status) == [(DeadlineKind.TERM_END, "2026-12-31", True)]
    assert status.promises == ()


def test_a_later_period_of_promises_makes_the_ended_one_history(loftet: AgreementCopy) -> None:
    until_further_notice(loftet)
    loftet.edit(
        "    - id: lagesbild\n",
        "    - id: loften-2027\n      titel: Medborgarlöften 2027\n      typ: medborgarlöften\n"
        "      fil: bilagor/medborgarloften-2027.yaml\n    - id: lagesbild\n",
    )
    next_year = (
        loftet.text(PROMISES_FILE)
        .replace("titel: Medborgarlöften 2026", "titel: Medborgarlöften 2027")
        .replace("från: 2026-01-01", "från: 2027-01-01")
        .replace("till: 2026-12-31", "till: 2027-12-31")
        .replace(FOLLOW_UPS, "uppföljning:\n  - 2027-06-11\n")
    )
    (loftet.folder / "bilagor" / "medborgarloften-2027.yaml").write_text(next_year, "utf-8")
    assert not [p for p in loftet.check(on("2027-01-10")) if p.severity is Severity.ERROR]
    status = status_of(loftet.folder, "2027-01-10")
    assert status.overdue == ()
    assert promise_rows(status) == [
        ("medborgarlöfte-uppföljning", "2027-06-11", "Medborgarlöften 2027: uppföljning", False),
        ("medborgarlöfte-period", "2027-12-31", "Medborgarlöften 2027: periodens sista dag", False),
    ]
    assert [p.title for p in status.promises] == ["Medborgarlöften 2026", "Medborgarlöften 2027"]


def test_a_period_without_a_follow_up_in_it_is_overdue_once_it_ends(
    loftet: AgreementCopy,
) -> None:
    until_further_notice(loftet)
    loftet.edit(FOLLOW_UPS, "uppföljning:\n  - 2027-01-15\n", PROMISES_FILE)
    # validate warns about the date outside the period (SV142) ...
    assert any(p.rule == "SV142" for p in loftet.check(on("2026-11-01")))
    missing = "Medborgarlöften 2026: ingen uppföljning under perioden"
    before = status_of(loftet.folder, "2026-11-01")
    assert promise_rows(before) == [
        ("medborgarlöfte-uppföljning", "2026-12-31", missing, False),
        ("medborgarlöfte-period", "2026-12-31", "Medborgarlöften 2026: periodens sista dag", False),
        ("medborgarlöfte-uppföljning", "2027-01-15", "Medborgarlöften 2026: uppföljning", False),
    ]
    # ... and the status says it is overdue once the period has ended without one.
    after = status_of(loftet.folder, "2027-01-05")
    assert [(d.label, d.overdue) for d in after.overdue] == [
        (missing, True),
        ("Medborgarlöften 2026: perioden har slutat, nya löften behövs", True),
    ]
    assert [d.date.isoformat() for d in after.next_deadlines] == ["2027-01-15"]


def test_an_undantag_for_sv142_waives_the_missing_follow_up(loftet: AgreementCopy) -> None:
    until_further_notice(loftet)
    loftet.edit(FOLLOW_UPS, "uppföljning:\n  - 2027-01-15\n", PROMISES_FILE)
    loftet.edit(
        "filnamn: medborgarlofte-exempelstad-2026\n",
        "filnamn: medborgarlofte-exempelstad-2026\nundantag:\n  - regel: SV142\n"
        "    motivering: Löftena följs upp i januari, tillsammans med trygghetsmätningen.\n",
    )
    status = status_of(loftet.folder, "2027-01-05")
    (missing,) = [d for d in status.deadlines if d.rule == "SV142"]
    assert (missing.overdue, missing.waived) == (False, True)
    assert missing.exception is not None
    assert missing.exception.reason.startswith("Löftena följs upp i januari")
    # The follow-up still to come is no concern of the exception.
    (coming,) = status.next_deadlines
    assert (coming.date, coming.exception) == (dt.date(2027, 1, 15), None)
    # validate reports SV142 as info, with the same reason.
    problems = loftet.check(on("2027-01-05"))
    assert {p.severity for p in problems if p.rule == "SV142"} == {Severity.INFO}


# Undantag: the status applies the agreement's exceptions as validate does.

SAMRAD_UNDANTAG = (
    "  - regel: SV124\n    motivering: Samrådet om förlängning hölls i styrgruppen 2018-04-20.\n"
)


def add_undantag(copy: AgreementCopy, entry: str) -> None:
    """One more entry in the agreement's list of undantag (Rinkeby-Kista has some)."""
    copy.edit("\nundantag:\n", f"\nundantag:\n{entry}")


def with_samrad_undantag(copy: AgreementCopy, severity: str | None = None) -> None:
    extra = f"    allvarlighet: {severity}\n" if severity else ""
    add_undantag(copy, SAMRAD_UNDANTAG + extra)


def consultation(status: AgreementStatus) -> Any:
    (found,) = [d for d in status.deadlines if d.kind is DeadlineKind.CONSULTATION]
    return found


def sv124(copy: AgreementCopy, day: str) -> list[Severity]:
    return [p.severity for p in copy.check(on(day)) if p.rule == "SV124"]


def test_exempel_tre_kommuner_samrad_is_excepted_not_overdue() -> None:
    day = "2026-11-23"
    status = status_of(TRE_KOMMUNER, day)
    samrad = consultation(status)
    assert samrad.date < dt.date.fromisoformat(day)
    assert (samrad.overdue, samrad.waived, samrad.rule) == (False, True, "SV124")
    assert samrad.exception.reason.startswith("Samrådet om förlängning hölls")
    assert samrad not in status.upcoming
    assert DeadlineKind.CONSULTATION not in {d.kind for d in status.overdue}
    # validate on the same day: the finding of the same rule, as info, with the reason.
    _, problems = check_folder(TRE_KOMMUNER, on(day))
    findings = [p for p in problems if p.rule == "SV124"]
    assert findings and all(p.severity is Severity.INFO for p in findings)
    assert all(samrad.exception.reason.split()[0] in p.message for p in findings)


@pytest.mark.parametrize(
    ("day", "reported", "waived", "next_kind"),
    [
        # Before SV124's reminder: nothing to except yet, the samråd is the next deadline.
        ("2018-03-01", [], False, DeadlineKind.CONSULTATION),
        # In the reminder months validate reports it, as info: so does the status.
        ("2018-05-01", [Severity.INFO], True, DeadlineKind.FOLLOW_UP),
        # Passed: excepted instead of overdue.
        ("2018-08-01", [Severity.INFO], True, DeadlineKind.TERM_END),
    ],
)
def test_the_undantag_applies_from_the_day_validate_reports_the_rule(
    rinkeby: AgreementCopy,
    day: str,
    reported: list[Severity],
    waived: bool,
    next_kind: DeadlineKind,
) -> None:
    with_samrad_undantag(rinkeby)
    assert sv124(rinkeby, day) == reported
    status = status_of(rinkeby.folder, day)
    samrad = consultation(status)
    assert (samrad.waived, samrad.overdue) == (waived, False)
    assert (samrad.exception is not None) == waived
    assert status.next_deadlines[0].kind is next_kind
    assert status.overdue == ()


def test_an_undantag_that_is_a_warning_leaves_the_deadline_overdue(
    rinkeby: AgreementCopy,
) -> None:
    with_samrad_undantag(rinkeby, "varning")
    assert sv124(rinkeby, "2018-08-01") == [Severity.WARNING]
    status = status_of(rinkeby.folder, "2018-08-01")
    samrad = consultation(status)
    assert (samrad.overdue, samrad.waived) == (True, False)
    assert samrad.exception is not None and samrad.exception.severity == "varning"
    assert status.overdue == (samrad,)


def test_an_undantag_for_another_rule_changes_nothing(rinkeby: AgreementCopy) -> None:
    add_undantag(rinkeby, "  - regel: SV123\n    motivering: Lägesbilden revideras i höst.\n")
    assert (
        status_of(rinkeby.folder, "2018-08-01").deadlines
        == status_of(RINKEBY, "2018-08-01").deadlines
    )


def test_text_and_json_show_the_undantag(rinkeby: AgreementCopy) -> None:
    with_samrad_undantag(rinkeby)
    status = status_of(rinkeby.folder, "2018-08-01")
    report = StatusReport(dt.date(2018, 8, 1), (status,))
    lines = render_text(report).splitlines()
    assert (
        "  2018-06-30  samråd om förlängning (för 32 dagar sedan; undantag: Samrådet om "
        "förlängning hölls i styrgruppen 2018-04-20.)"
    ) in lines
    (row,) = [line for line in lines if line.startswith("rinkeby-kista-2017 ")]
    assert "samråd om förlängning 2018-06-30" not in row  # not in the Försenat column
    document = as_json(report)
    assert_valid(document)
    (agreement,) = document["agreements"]
    assert agreement["overdue"] is False
    assert agreement["deadlines"][0] == {
        "kind": "samråd",
        "date": "2018-06-30",
        "label": "samråd om förlängning",
        "overdue": False,
        "days": -32,
        "exception": {
            "rule": "SV124",
            "reason": "Samrådet om förlängning hölls i styrgruppen 2018-04-20.",
            "severity": "info",
        },
    }
    assert all(d["exception"] is None for d in agreement["deadlines"][1:])


def test_text_and_json_show_the_promises() -> None:
    status = status_of(LOFTET, "2026-11-23")
    report = StatusReport(dt.date(2026, 11, 23), (status,))
    text = render_text(report)
    assert (
        "exempel-medborgarlofte:\n"
        "  2026-12-04  Medborgarlöften 2026: uppföljning (om 11 dagar)\n"
        "  2026-12-31  avtalstidens slut (om 38 dagar)\n"
        "  2026-12-31  Medborgarlöften 2026: periodens sista dag (om 38 dagar)\n"
        "  Medborgarlöften 2026, 2026-01-01 – 2026-12-31, räknade löften:\n"
        "    Polisen lovar att genomföra minst fyrtio (40) hastighetskontroller vid skolorna "
        "under terminerna\n"
    ) in text
    document = as_json(report)
    assert_valid(document)
    (promises,) = document["agreements"][0]["promises"]
    assert promises == {
        "bilaga": "loften",
        "title": "Medborgarlöften 2026",
        "period": {"start": "2026-01-01", "end": "2026-12-31"},
        "follow_ups": ["2026-06-12", "2026-12-04"],
        "next_follow_up": "2026-12-04",
        "ended": False,
        "counted": promises["counted"],
    }
    assert [(c["heading"], c["target"], c["at_least"]) for c in promises["counted"]] == [
        ("Polisen lovar att", 40, True),
        ("Polisen lovar att", 12, True),
        ("Kommunen lovar att", 4, False),
        ("Kommunen lovar att", 2, False),
    ]
    assert [d["kind"] for d in document["agreements"][0]["next"]] == ["medborgarlöfte-uppföljning"]


def test_the_schema_refuses_an_unknown_promise_field() -> None:
    document = as_json(StatusReport(dt.date(2026, 3, 1), (status_of(LOFTET, "2026-03-01"),)))
    assert_valid(document)
    document["agreements"][0]["promises"][0]["achieved"] = 12
    assert list(output_validator().iter_errors(document))


# The status and the calendar read the same dates.


def calendar_dates(folder: Path, years: range) -> tuple[set[dt.date], set[dt.date]]:
    """The medborgarlöften's follow-up days and period ends in the calendar of `years`."""
    loaded = load_agreement(folder)
    ids = [slug(schedule.bilaga_id) for schedule in promise_dates(loaded)]
    follow_ups: set[dt.date] = set()
    ends: set[dt.date] = set()
    for year in years:
        for event in agreement_calendar(loaded, year).events:
            if event.key in {f"{i}-uppfoljning" for i in ids}:
                follow_ups.update(event.dates)
            elif event.key in {f"{i}-slut" for i in ids}:
                ends.update(event.dates)
    return follow_ups, ends


@pytest.mark.parametrize(
    ("name", "days"),
    [
        ("exempel-medborgarlofte", ["2025-12-01", "2026-06-12", "2026-06-13", "2026-12-05"]),
        ("exempel-kommun", ["2026-01-01", "2026-06-16", "2026-12-31"]),
        ("exempel-tre-kommuner", ["2026-03-01", "2026-09-16", "2027-02-16"]),
    ],
)
def test_status_and_calendar_agree_on_the_promise_dates(name: str, days: list[str]) -> None:
    folder = LOFTET if name == LOFTET.name else REPO_ROOT / "agreements" / name
    follow_ups, ends = calendar_dates(folder, range(2024, 2029))
    assert follow_ups and ends
    schedules = list(promise_dates(load_agreement(folder)))
    assert set().union(*(s.follow_ups for s in schedules)) == follow_ups
    for day in days:
        today = dt.date.fromisoformat(day)
        status = status_of(folder, day)
        coming = min((d for d in follow_ups if d >= today), default=None)
        shown = [d for d in status.deadlines if d.kind is DeadlineKind.PROMISE_FOLLOW_UP]
        assert [d.date for d in shown] == ([coming] if coming else [])
        assert [p.next_follow_up for p in status.promises] == [coming]
        period = [d.date for d in status.deadlines if d.kind is DeadlineKind.PROMISE_PERIOD]
        assert set(period) <= ends


# The agreement's own revision and the handlingsplaner.

KOMMUN = REPO_ROOT / "agreements" / "exempel-kommun"
PLAN_FILE = "bilagor/handlingsplan-2026.yaml"


@pytest.fixture
def tre_kommuner(tmp_path: Path) -> AgreementCopy:
    """A scratch copy of exempel-tre-kommuner whose term runs two more years, so that the
    2026/2027 handlingsplan is not the last one of the term."""
    folder = tmp_path / "agreements" / "exempel-tre-kommuner"
    shutil.copytree(TRE_KOMMUNER, folder)
    copy = AgreementCopy(folder)
    copy.edit("  till: 2027-02-28\n", "  till: 2029-02-28\n")
    return copy


def revisions(status: AgreementStatus) -> list[tuple[str, str]]:
    return [
        (d.date.isoformat(), d.label)
        for d in status.deadlines
        if d.kind is DeadlineKind.TERM_REVISION
    ]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2018-08-01", "2029-01-01"),
        ("2026-11-23", "2029-01-01"),
        ("2029-01-01", "2029-01-01"),
        ("2029-01-02", "2032-01-01"),
    ],
)
def test_the_next_revision_of_a_term_tills_vidare_every_third_year(day: str, expected: str) -> None:
    assert revisions(status_of(KOMMUN, day)) == [(expected, "revidering av överenskommelsen")]


def test_the_revision_is_never_overdue_and_agrees_with_the_calendar() -> None:
    status = status_of(KOMMUN, "2030-06-01")
    (shown,) = [d for d in status.deadlines if d.kind is DeadlineKind.TERM_REVISION]
    assert not shown.overdue
    loaded = load_agreement(KOMMUN)
    days = {
        day
        for event in agreement_calendar(loaded, 2032).events
        if event.key == "avtalstid-revidering"
        for day in event.dates
    }
    assert due_day(shown.date) in days  # the calendar holds it on a working day


def test_no_revision_after_the_end_of_a_fixed_term() -> None:
    # exempel-tre-kommuner revises every year from 2023-03-01; the term ends 2027-02-28
    assert revisions(status_of(TRE_KOMMUNER, "2026-11-23")) == []
    assert revisions(status_of(TRE_KOMMUNER, "2025-11-23")) == [
        ("2026-03-01", "revidering av överenskommelsen")
    ]


def plan_rows(status: AgreementStatus) -> list[tuple[DeadlineKind, str, bool]]:
    plan_kinds = {DeadlineKind.PLAN_FOLLOW_UP, DeadlineKind.PLAN_PERIOD, DeadlineKind.NEXT_PLAN}
    return [
        (d.kind, d.date.isoformat(), d.overdue) for d in status.deadlines if d.kind in plan_kinds
    ]


def test_a_plan_shows_its_follow_up_its_end_and_when_the_next_is_due(
    tre_kommuner: AgreementCopy,
) -> None:
    status = status_of(tre_kommuner.folder, "2026-11-23")
    assert plan_rows(status) == [
        (DeadlineKind.NEXT_PLAN, "2027-01-28", False),
        (DeadlineKind.PLAN_FOLLOW_UP, "2027-02-09", False),
        (DeadlineKind.PLAN_PERIOD, "2027-02-28", False),
    ]
    (due,) = [d for d in status.deadlines if d.kind is DeadlineKind.NEXT_PLAN]
    assert due.label == "nästa handlingsplan efter Operativ handlingsplan 2026/2027 fastställs"


def test_the_next_plan_is_overdue_once_its_day_has_passed(tre_kommuner: AgreementCopy) -> None:
    status = status_of(tre_kommuner.folder, "2027-02-10")
    assert (DeadlineKind.NEXT_PLAN, "2027-01-28", True) in plan_rows(status)
    assert any(d.kind is DeadlineKind.NEXT_PLAN for d in status.overdue)


def test_a_decided_next_plan_clears_the_deadline(tre_kommuner: AgreementCopy) -> None:
    plan = (tre_kommuner.folder / PLAN_FILE).read_text(encoding="utf-8")
    following = (
        plan.replace("2026-03-01", "2027-03-01")
        .replace("2027-02-28", "2028-02-29")
        .replace("2026/2027", "2027/2028")
        .replace("2026-09-15", "2027-09-15")
        .replace("2027-02-09", "2028-02-09")
        .replace("2026-02-10", "2027-02-10")
    )
    (tre_kommuner.folder / "bilagor" / "handlingsplan-2027.yaml").write_text(
        following, encoding="utf-8"
    )
    tre_kommuner.edit(
        "      fil: bilagor/handlingsplan-2026.yaml\n",
        "      fil: bilagor/handlingsplan-2026.yaml\n"
        "    - id: handlingsplan-2027\n"
        "      titel: Operativ handlingsplan 2027/2028\n"
        "      typ: handlingsplan\n"
        "      fil: bilagor/handlingsplan-2027.yaml\n",
    )
    rows = plan_rows(status_of(tre_kommuner.folder, "2027-02-10"))
    assert [r for r in rows if r[0] is DeadlineKind.NEXT_PLAN] == [
        (DeadlineKind.NEXT_PLAN, "2028-01-28", False)  # 29 January 2028 is a Saturday
    ]


def test_an_undantag_for_sv146_waives_the_next_plan(tre_kommuner: AgreementCopy) -> None:
    tre_kommuner.edit(
        "\nundantag:\n",
        "\nundantag:\n  - regel: SV146\n    motivering: Styrgruppen beslutar planen i mars.\n",
    )
    status = status_of(tre_kommuner.folder, "2027-02-10")
    (due,) = [d for d in status.deadlines if d.kind is DeadlineKind.NEXT_PLAN]
    assert not due.overdue and due.waived


def test_no_next_plan_deadline_when_the_term_ends_with_the_plan() -> None:
    rows = plan_rows(status_of(TRE_KOMMUNER, "2026-11-23"))
    assert [r for r in rows if r[0] is DeadlineKind.NEXT_PLAN] == []


def test_the_json_has_the_plan_and_revision_kinds(tre_kommuner: AgreementCopy) -> None:
    status = status_of(tre_kommuner.folder, "2026-11-23")
    document = as_json(StatusReport(dt.date(2026, 11, 23), (status,)))
    assert_valid(document)
    shown = {d["kind"] for d in document["agreements"][0]["deadlines"]}
    assert {"handlingsplan-nästa", "handlingsplan-uppföljning", "handlingsplan-period"} <= shown
    assert "revidering" in shown


# Linked documents: an underavtal and its huvudavtal.


def test_the_underavtal_follows_its_huvudavtal_in_the_table(in_repo: Path) -> None:
    result = run("status", "--idag", "2026-03-01")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    names = [line.split()[0] for line in lines[1:] if line.startswith(("exempel", "  exempel"))]
    assert names[:3] == ["exempel-huvudavtal", "exempel-underavtal", "exempel-kommun"]
    assert any(line.startswith("  exempel-underavtal ") for line in lines)  # indented
    huvud = lines.index("exempel-huvudavtal:")
    assert lines[huvud + 1] == "  huvudavtal för exempel-underavtal"
    under = lines.index("exempel-underavtal:")
    assert lines[under + 1].startswith(
        "  underavtal under exempel-huvudavtal: ”Huvudavtal om samverkan mellan Exempelfors"
    )


def test_the_json_has_the_pair_on_both_sides(in_repo: Path) -> None:
    result = run("status", "--idag", "2026-03-01", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert_valid(document)
    by_name = {a["name"]: a for a in document["agreements"]}
    huvud, under = by_name["exempel-huvudavtal"], by_name["exempel-underavtal"]
    assert (huvud["kind"], huvud["parent"], huvud["children"]) == (
        "huvudavtal",
        None,
        ["exempel-underavtal"],
    )
    assert under["kind"] == "underavtal" and under["children"] == []
    assert under["parent"] == {
        "name": "exempel-huvudavtal",
        "title": "Huvudavtal om samverkan mellan Exempelfors kommun och Lokalpolisområde "
        "Exempelfors",
        "found": True,
    }
    assert by_name["järva"]["kind"] == "samverkansöverenskommelse"
    assert by_name["järva"]["parent"] is None


def test_a_missing_huvudavtal_is_shown_as_missing(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(REPO_ROOT / "agreements" / "exempel-underavtal", root / "agreements" / "u")
    status = repository_status(Repository(root), on("2026-03-01"))
    (under,) = status.agreements
    assert under.parent is not None and not under.parent.found
    text = render_text(status)
    assert "  underavtal under exempel-huvudavtal (mappen finns inte): ”Huvudavtal" in text
    (shown,) = as_json(status)["agreements"]
    assert shown["parent"]["found"] is False
    assert_valid(as_json(status))


def test_the_schema_refuses_a_parent_without_its_title() -> None:
    document = as_json(report("2026-03-01"))
    under = next(a for a in document["agreements"] if a["name"] == "exempel-underavtal")
    del under["parent"]["title"]
    assert list(output_validator().iter_errors(document))
