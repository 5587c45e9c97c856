"""A calendar written again: unchanged events keep their bytes, changed ones get a higher
SEQUENCE and a later LAST-MODIFIED, removed ones are cancelled, UIDs never change; and the
file stays RFC 5545 that an independent reader expands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import icalendar
import pytest
import recurring_ical_events
from click.testing import CliRunner, Result

from samverkan_cli.calendar.ics import calendar_ics
from samverkan_cli.calendar.sequence import PREVIOUS_LIMIT, PreviousCalendar, read_previous
from samverkan_cli.cli.main import cli

STEM = "lokal-samverkansoverenskommelse-jarva"
EPOCH = 1_750_000_000  # 2025-06-15
SIGNED = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)
STYRGRUPP = "styrgrupp-2025@jarva.samverkan"


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["kalender", "järva", "--år", "2025", *args])


def _ics(repo: Path) -> bytes:
    return (repo / "out" / "järva" / f"{STEM}-2025.ics").read_bytes()


def _masters(ics: bytes) -> dict[str, Any]:
    events = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    return {str(e["UID"]): e for e in events if "RECURRENCE-ID" not in e}


def _edit(repo: Path, old: str, new: str) -> None:
    path = repo / "agreements" / "järva" / "overenskommelse.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def no_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def test_first_calendar_is_sequence_0_stamped_with_the_agreements_date(
    in_repo: Path, no_epoch: None
) -> None:
    assert _run().exit_code == 0
    for event in icalendar.Calendar.from_ical(_ics(in_repo)).walk("VEVENT"):
        assert int(event["SEQUENCE"]) == 0
        assert event["DTSTAMP"].dt == event["LAST-MODIFIED"].dt == SIGNED


def test_a_changed_meeting_gets_a_higher_sequence_and_the_rest_keep_their_bytes(
    in_repo: Path, monkeypatch: pytest.MonkeyPatch, no_epoch: None
) -> None:
    assert _run().exit_code == 0
    first = _ics(in_repo)
    assert _run().exit_code == 0
    assert _ics(in_repo) == first  # rebuilt without changes: the same bytes
    _edit(in_repo, "frekvens: {minst: 2, per: år}", "frekvens: {minst: 3, per: år}")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    assert _run().exit_code == 0
    second = _ics(in_repo)
    before, after = _masters(first), _masters(second)
    assert set(before) == set(after)  # the same UIDs
    changed = after[STYRGRUPP]
    assert int(changed["SEQUENCE"]) == 1
    moment = dt.datetime.fromtimestamp(EPOCH, tz=dt.UTC)
    assert changed["LAST-MODIFIED"].dt == changed["DTSTAMP"].dt == moment
    for uid, event in after.items():
        if uid != STYRGRUPP:
            assert int(event["SEQUENCE"]) == 0, uid
            assert event["LAST-MODIFIED"].dt == SIGNED, uid
    overrides = [
        e
        for e in icalendar.Calendar.from_ical(second).walk("VEVENT")
        if str(e["UID"]) == STYRGRUPP and "RECURRENCE-ID" in e
    ]
    assert overrides and all(int(o["SEQUENCE"]) == 1 for o in overrides)
    assert _run().exit_code == 0
    assert _ics(in_repo) == second
    # Changed again: one more, stamped later than before even with an older epoch.
    _edit(in_repo, "frekvens: {minst: 3, per: år}", "frekvens: {minst: 5, per: år}")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH - 86400))
    assert _run().exit_code == 0
    third = _masters(_ics(in_repo))[STYRGRUPP]
    assert int(third["SEQUENCE"]) == 2
    assert third["DTSTAMP"].dt > moment


def test_without_source_date_epoch_a_change_is_stamped_now(in_repo: Path, no_epoch: None) -> None:
    assert _run().exit_code == 0
    _edit(in_repo, "Lokal styrgrupp", "Styrgruppen")  # the heading: summary and description
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    assert _run().exit_code == 0
    stamp = _masters(_ics(in_repo))[STYRGRUPP]["LAST-MODIFIED"].dt
    assert before <= stamp <= dt.datetime.now(dt.UTC)


def test_a_removed_meeting_is_cancelled_once_and_stays_cancelled(
    in_repo: Path, no_epoch: None
) -> None:
    assert _run().exit_code == 0
    _edit(in_repo, "frekvens: {minst: 2, per: år}", "frekvens: enligt överenskommelse")
    assert _run().exit_code == 0
    cancelled = _ics(in_repo)
    event = _masters(cancelled)[STYRGRUPP]
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 1
    assert _run().exit_code == 0
    assert _ics(in_repo) == cancelled
    # Back again: a higher SEQUENCE than the cancellation, and not cancelled.
    _edit(in_repo, "frekvens: enligt överenskommelse", "frekvens: {minst: 2, per: år}")
    assert _run().exit_code == 0
    event = _masters(_ics(in_repo))[STYRGRUPP]
    assert str(event["STATUS"]) == "TENTATIVE" and int(event["SEQUENCE"]) == 2


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xffnot a calendar",
        b"BEGIN:VCALENDAR\r\nPRODID:-//other//x//EN\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
        b"BEGIN:VCALENDAR\r\nPRODID:-//samverkan//kalender//SV\r\nBEGIN:VEVENT\r\n"
        b"UID:styrgrupp-2025@jarva.samverkan\r\nDTSTAMP:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        b"X" * (PREVIOUS_LIMIT + 1),
    ],
    ids=["binary", "other-prodid", "bad-dtstamp", "too-large"],
)
def test_a_previous_file_that_cannot_be_used_starts_at_0_and_says_so(
    in_repo: Path, no_epoch: None, content: bytes
) -> None:
    folder = in_repo / "out" / "järva"
    folder.mkdir(parents=True)
    (folder / f"{STEM}-2025.ics").write_bytes(content)
    result = _run()
    assert result.exit_code == 0, result.output
    assert "går inte att läsa" in result.output and "SEQUENCE 0" in result.output
    for event in icalendar.Calendar.from_ical(_ics(in_repo)).walk("VEVENT"):
        assert int(event["SEQUENCE"]) == 0


def test_a_previous_folder_or_link_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "folder.ics").mkdir()
    assert read_previous(tmp_path / "folder.ics", "x").note is not None
    (tmp_path / "secret").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    (tmp_path / "link.ics").symlink_to(tmp_path / "secret")
    note = read_previous(tmp_path / "link.ics", "x").note
    assert note is not None and "symbolisk länk" in note
    assert read_previous(tmp_path / "missing.ics", "x") == PreviousCalendar()


def test_every_event_is_rfc_5545_and_expands_in_an_independent_reader(
    in_repo: Path, no_epoch: None
) -> None:
    assert _run().exit_code == 0
    _edit(in_repo, "frekvens: {minst: 2, per: år}", "frekvens: {varje: vecka}")
    assert _run().exit_code == 0
    parsed = icalendar.Calendar.from_ical(_ics(in_repo))
    for event in parsed.walk("VEVENT"):
        for name in ("UID", "DTSTAMP", "DTSTART", "SEQUENCE", "LAST-MODIFIED"):
            assert name in event, (name, event)
    occurrences = recurring_ical_events.of(parsed).between(dt.date(2025, 1, 1), dt.date(2026, 1, 1))
    weekly = [o for o in occurrences if str(o["UID"]) == STYRGRUPP]
    assert len(weekly) == 53  # every week of 2025, 1 January and 31 December moved
    assert min(o["DTSTART"].dt.date() for o in weekly) == dt.date(2025, 1, 2)
    assert max(o["DTSTART"].dt.date() for o in weekly) == dt.date(2025, 12, 30)


def test_calendar_ics_without_previous_is_reproducible(no_epoch: None) -> None:
    from samverkan_cli.calendar.events import agreement_calendar
    from samverkan_cli.source.loading import load_agreement
    from tests.conftest import REPO_ROOT

    calendar = agreement_calendar(load_agreement(REPO_ROOT / "agreements" / "järva"), 2025)
    assert calendar_ics(calendar) == calendar_ics(calendar, PreviousCalendar())


def test_events_of_another_agreement_or_year_are_not_carried_over(
    in_repo: Path, no_epoch: None
) -> None:
    folder = in_repo / "out" / "järva"
    folder.mkdir(parents=True)
    foreign = b"".join(
        b"BEGIN:VEVENT\r\nUID:" + uid + b"\r\nDTSTAMP:20240101T000000Z\r\n"
        b"DTSTART;VALUE=DATE:20250303\r\nSUMMARY:x\r\nEND:VEVENT\r\n"
        for uid in (b"evil@example.org", b"styrgrupp-2024@jarva.samverkan")
    )
    (folder / f"{STEM}-2025.ics").write_bytes(
        b"BEGIN:VCALENDAR\r\nPRODID:-//samverkan//kalender//SV\r\nVERSION:2.0\r\n"
        + foreign
        + b"END:VCALENDAR\r\n"
    )
    result = _run()
    assert result.exit_code == 0, result.output
    uids = {str(e["UID"]) for e in icalendar.Calendar.from_ical(_ics(in_repo)).walk("VEVENT")}
    assert "evil@example.org" not in uids and "styrgrupp-2024@jarva.samverkan" not in uids
    assert STYRGRUPP in uids
