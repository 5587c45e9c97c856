"""Planned meetings fall on Swedish working days; dates written in the data stay, and a
follow-up written for a day off is noted (SV169).

The days off are checked against the `holidays` library directly and against a list of
their own (the three aftnar), not against the module under test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import holidays
import icalendar
import pytest
import recurring_ical_events
from holidays.constants import DE_FACTO, PUBLIC
from pydantic import TypeAdapter

from samverkan_cli.calendar.event_types import Series
from samverkan_cli.calendar.events import agreement_calendar, frequency_series
from samverkan_cli.calendar.ics import calendar_ics
from samverkan_cli.calendar.working_days import on_working_days
from samverkan_cli.core.days_off import day_off_name, is_working_day
from samverkan_cli.core.problems import Severity
from samverkan_cli.model.frequency import Frequency
from samverkan_cli.source.loading import load_agreement
from tests.agreement_copy import AgreementCopy
from tests.conftest import REPO_ROOT
from tests.test_rules import assert_problem, covers_rule, only, position

EXAMPLES = sorted(p.name for p in (REPO_ROOT / "agreements").iterdir() if p.is_dir())
YEARS = range(2024, 2031)
_FREQUENCY: TypeAdapter[Any] = TypeAdapter(Frequency)
_SWEDEN = holidays.Sweden(categories=(PUBLIC, DE_FACTO), years=range(2020, 2036))


def _day_off(day: dt.date) -> bool:
    """Independent of the module: a weekend, a helgdag, or one of the three aftnar."""
    aftnar = {(12, 24), (12, 31)}
    midsommarafton = day.month == 6 and 19 <= day.day <= 25 and day.weekday() == 4
    return day.weekday() >= 5 or day in _SWEDEN or (day.month, day.day) in aftnar or midsommarafton


def test_days_off_are_weekends_helgdagar_and_the_three_aftnar() -> None:
    assert day_off_name(dt.date(2025, 6, 20)) == "midsommarafton"
    assert day_off_name(dt.date(2025, 12, 24)) == "julafton"
    assert day_off_name(dt.date(2025, 12, 31)) == "nyårsafton"
    assert day_off_name(dt.date(2025, 1, 6)) == "trettondedag jul"
    assert day_off_name(dt.date(2025, 5, 29)) == "Kristi himmelsfärdsdag"
    assert day_off_name(dt.date(2025, 3, 15)) == "lördag"
    assert day_off_name(dt.date(2025, 3, 16)) == "söndag"
    assert day_off_name(dt.date(2025, 3, 17)) is None
    for offset in range(3 * 366):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=offset)
        assert is_working_day(day) is not _day_off(day), day


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_planned_date_of_any_example_is_a_day_off(name: str) -> None:
    """Every year 2024–2030 of every example: the events' planned dates, and the
    occurrences an independent reader expands from the .ics, are working days."""
    loaded = load_agreement(REPO_ROOT / "agreements" / name)
    assert loaded.agreement is not None
    for year in YEARS:
        calendar = agreement_calendar(loaded, year)
        planned = {e.key for e in calendar.events if e.placeholder}
        for event in calendar.events:
            if event.placeholder:
                assert not [d for d in event.dates if _day_off(d)], (name, year, event.key)
        parsed = icalendar.Calendar.from_ical(calendar_ics(calendar))
        occurrences = recurring_ical_events.of(parsed).between(
            dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
        )
        for occurrence in occurrences:
            key = str(occurrence["UID"]).rsplit(f"-{year}@", 1)[0]
            start = occurrence["DTSTART"].dt
            day = start.date() if isinstance(start, dt.datetime) else start
            if key in planned:
                assert not _day_off(day), (name, year, key, day)


FREQUENCIES = [
    {"minst": 1, "per": "år"},
    {"minst": 2, "per": "år"},
    {"antal": 3, "per": "år"},
    {"antal": 4, "per": "år"},
    {"antal": 5, "per": "år"},
    {"cirka": 1, "per": "månad"},
    {"antal": 2, "per": "månad"},
    {"antal": 3, "per": "termin"},
    {"antal": 10, "per": "termin"},
    {"antal": 2, "per": "tertial"},
    {"minst": 1, "per": "kvartal"},
    {"antal": 1, "per": "vecka"},
    {"antal": 3, "per": "vecka"},
    {"antal": 5, "per": "vecka"},
    {"antal": 7, "per": "vecka"},
    {"antal": 9, "per": "vecka"},
    {"varje": "vecka"},
    {"varannan": "vecka"},
    {"varje": "månad"},
    {"varannan": "månad"},
    {"varje": "år"},
    {"var": 3, "per": "vecka"},
    {"vart": 2, "per": "kvartal"},
]


@pytest.mark.parametrize("frequency", FREQUENCIES, ids=str)
def test_every_counted_frequency_is_planned_on_working_days(frequency: Any) -> None:
    """Moved within its period (month or week) and the window, never onto a date the series
    already has; an occurrence is dropped only when its period has no free working day."""
    parsed = _FREQUENCY.validate_python(frequency)
    for year in YEARS:
        for origin in (dt.date(year - 1, 6, 1), dt.date(year - 1, 9, 17)):
            window = (dt.date(year, 1, 1), dt.date(year, 12, 31))
            raw = frequency_series(parsed, window, origin=origin)
            assert raw is not None and raw.placeholder
            placed = on_working_days(raw, window)
            assert list(placed.dates) == sorted(set(placed.dates))
            assert all(is_working_day(d) and window[0] <= d <= window[1] for d in placed.dates)
            kept = [d for d in raw.dates if is_working_day(d)]
            assert set(kept) <= set(placed.dates)
            if placed.recurrence is not None:
                moved = {m.original: m.day for m in placed.moves}
                assert set(moved) | set(placed.excluded) == set(raw.dates) - set(kept)
                assert len(placed.dates) == len(raw.dates) - len(placed.excluded)
                for original, day in moved.items():
                    same = (
                        day.isocalendar()[:2] == original.isocalendar()[:2]
                        if raw.unit == "week"
                        else (day.year, day.month) == (original.year, original.month)
                    )
                    assert same, (frequency, original, day)
            for dropped in placed.excluded:
                assert raw.unit in ("week", "day"), (frequency, dropped)


def test_a_day_off_moves_forward_or_back_within_its_period() -> None:
    window = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    # Saturday 31 May: the next working day is in June, so Friday 30 May.
    back = on_working_days(Series((dt.date(2025, 5, 31),), None, True, "month"), window)
    assert back.dates == (dt.date(2025, 5, 30),)
    # Sunday 15 June: Monday 16 June.
    forward = on_working_days(Series((dt.date(2025, 6, 15),), None, True, "month"), window)
    assert forward.dates == (dt.date(2025, 6, 16),)
    # Three a week (Monday, Wednesday, Friday): långfredagen 18 April 2025 becomes
    # Thursday 17 April, since the weekend and the next week are out.
    three = frequency_series(
        _FREQUENCY.validate_python({"antal": 3, "per": "vecka"}), window, origin=window[0]
    )
    assert three is not None
    placed = on_working_days(three, window)
    assert dt.date(2025, 4, 17) in placed.dates and dt.date(2025, 4, 18) not in placed.dates
    # A weekly Wednesday: nyårsafton 31 December becomes Tuesday 30 December (the year
    # ends there), nyårsdagen 1 January Thursday 2 January.
    weekly = frequency_series(
        _FREQUENCY.validate_python({"varje": "vecka"}), window, origin=window[0]
    )
    assert weekly is not None
    placed = on_working_days(weekly, window)
    assert placed.dates[0] == dt.date(2025, 1, 2) and placed.dates[-1] == dt.date(2025, 12, 30)
    assert len(placed.dates) == len(weekly.dates) == 53


def test_named_weekdays_skip_helgdagar_and_aftnar_also_on_weekends() -> None:
    window = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    wednesdays = frequency_series(
        _FREQUENCY.validate_python({"veckodagar": ["onsdag"]}), window, origin=window[0]
    )
    assert wednesdays is not None
    placed = on_working_days(wednesdays, window)
    # 1 January, 24 and 31 December 2025 are Wednesdays off; the rest are kept as named.
    assert placed.excluded == (dt.date(2025, 1, 1), dt.date(2025, 12, 24), dt.date(2025, 12, 31))
    assert len(placed.dates) == 50 and not placed.moves
    weekend = frequency_series(
        _FREQUENCY.validate_python({"veckodagar": ["fredag", "lördag"]}), window, origin=window[0]
    )
    assert weekend is not None
    placed = on_working_days(weekend, window)
    # The named Saturdays are kept, but no helgdag or afton: långfredagen, nationaldagen,
    # midsommarafton, midsommardagen, alla helgons dag and annandag jul are left out.
    assert placed.excluded == (
        dt.date(2025, 4, 18),
        dt.date(2025, 6, 6),
        dt.date(2025, 6, 20),
        dt.date(2025, 6, 21),
        dt.date(2025, 11, 1),
        dt.date(2025, 12, 26),
    )
    assert not placed.moves and len(placed.dates) == 104 - 6
    assert dt.date(2025, 3, 15) in placed.dates  # an ordinary Saturday, as named
    sundays = frequency_series(
        _FREQUENCY.validate_python({"veckodagar": ["söndag"]}), window, origin=window[0]
    )
    assert sundays is not None
    # Sundays named are kept, but not påskdagen and pingstdagen
    assert on_working_days(sundays, window).excluded == (
        dt.date(2025, 4, 20),
        dt.date(2025, 6, 8),
    )


def test_a_moved_occurrence_is_an_override_with_the_same_uid(jarva: AgreementCopy) -> None:
    calendar = agreement_calendar(load_agreement(jarva.folder), 2025)
    event = calendar.event("beredningsgrupp")
    assert [(m.original, m.day) for m in event.moves] == [
        (dt.date(2025, 2, 15), dt.date(2025, 2, 17)),
        (dt.date(2025, 11, 15), dt.date(2025, 11, 17)),
    ]
    parsed = icalendar.Calendar.from_ical(calendar_ics(calendar))
    components = [c for c in parsed.walk("VEVENT") if "beredningsgrupp" in str(c["UID"])]
    assert len(components) == 3 and len({str(c["UID"]) for c in components}) == 1
    master = components[0]
    assert "RECURRENCE-ID" not in master and "COUNT=4" in master["RRULE"].to_ical().decode()
    overrides = {c["RECURRENCE-ID"].dt.date(): c["DTSTART"].dt.date() for c in components[1:]}
    assert overrides == {
        dt.date(2025, 2, 15): dt.date(2025, 2, 17),
        dt.date(2025, 11, 15): dt.date(2025, 11, 17),
    }


# --- SV169: a follow-up written for a day off -------------------------------------------


def _copy(tmp_path: Path, name: str) -> AgreementCopy:
    import shutil

    folder = tmp_path / "agreements" / name
    shutil.copytree(REPO_ROOT / "agreements" / name, folder)
    return AgreementCopy(folder)


@covers_rule("SV169")
def test_sv169_a_follow_up_on_midsommarafton_is_noted_at_the_date(tmp_path: Path) -> None:
    kommun = _copy(tmp_path, "exempel-kommun")
    file = "bilagor/medborgarloften.yaml"
    text = kommun.edit("  - 2026-06-15\n", "  - 2026-06-19\n", file)
    problem = only(kommun.check(), "SV169")
    assert_problem(
        problem,
        Severity.INFO,
        kommun.folder / file,
        position(text, "2026-06-19"),
        "uppföljningen 2026-06-19 är en fredag och midsommarafton",
    )
    assert "t.ex. 2026-06-22" in problem.message
    # The calendar keeps the date as it is written.
    calendar = agreement_calendar(load_agreement(kommun.folder), 2026)
    follow_up = next(e for e in calendar.events if e.key.endswith("-uppfoljning"))
    assert dt.date(2026, 6, 19) in follow_up.dates


def test_sv169_a_handlingsplan_follow_up_on_a_saturday(tmp_path: Path) -> None:
    plans = _copy(tmp_path, "exempel-tre-kommuner")
    file = "bilagor/handlingsplan-2026.yaml"
    plans.edit("    - 2026-09-15\n", "    - 2026-09-19\n", file)
    problem = only(plans.check(), "SV169")
    assert problem.severity is Severity.INFO
    assert Path(problem.location.file).name == "handlingsplan-2026.yaml"
    assert "uppföljningen 2026-09-19 är en lördag" in problem.message
    assert "t.ex. 2026-09-21" in problem.message


@pytest.mark.parametrize("name", EXAMPLES)
def test_sv169_is_quiet_for_the_examples(name: str) -> None:
    copy = AgreementCopy(REPO_ROOT / "agreements" / name)
    assert [str(p) for p in copy.check() if p.rule == "SV169"] == []
