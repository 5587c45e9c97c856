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

from samverkan_cli.checking import CheckSettings, check_folder
from samverkan_cli.cli import cli
from samverkan_cli.repository import Repository
from samverkan_cli.status import (
    AgreementStatus,
    DeadlineKind,
    StatusReport,
    agreement_status,
    repository_status,
)
from samverkan_cli.status_command import HEADERS, as_json, render_text, table
from tests.agreement_copy import AgreementCopy
from tests.conftest import REPO_ROOT

RINKEBY = REPO_ROOT / "agreements" / "rinkeby-kista-2017"
JARVA = REPO_ROOT / "agreements" / "järva"
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
        "5 överenskommelser per 2018-08-01: 1 med något försenat, 0 underkända i kontrollen"
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
    }
    assert rinkeby["next"] == [
        {
            "kind": "samråd",
            "date": "2018-06-30",
            "label": "samråd om förlängning",
            "overdue": False,
            "days": 60,
        }
    ]
    assert rinkeby["overdue"] is False
    assert rinkeby["check"] == {"status": "godkänd", "counts": {"fel": 0, "varning": 16, "info": 0}}
    assert by_name["järva"]["term"]["until_further_notice"] is True
    assert by_name["järva"]["term"]["end"] is None
    assert document["summary"] == {"agreements": 5, "overdue": 0, "passed": 5, "failed": 0}


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
    assert "2018-06-30 samråd om förlängning (om 60 dagar)" in result.output


def test_status_command_json(in_repo: Path) -> None:
    result = run("status", "--idag", "2026-11-23", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert_valid(document)
    paths = [a["path"] for a in document["agreements"]]
    assert paths == [
        "agreements/exempel-kommun",
        "agreements/exempel-tre-kommuner",
        "agreements/järva",
        "agreements/järva-2023",
        "agreements/rinkeby-kista-2017",
    ]
    # Rinkeby-Kista's term has ended; Exempeldalen's samråd (2026-08-28) has passed: the
    # status does not read the exception that records that it took place.
    assert document["summary"]["overdue"] == 2


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
