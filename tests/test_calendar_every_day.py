"""Every occurrence of every event of every example, 2017–2030, read back from the .ics by an
independent reader (recurring-ical-events) and checked against the Swedish calendar of the
`holidays` library and a list of the three aftnar of its own: a day off is allowed only when
the date is written in the agreement's data (the term's first day, a period's last day …),
or when it is a Saturday or Sunday that a `veckodagar` list in the data names and no
helgdag or afton. Whatever the frequency form, RRULE or RDATE, nothing else falls on a day
off."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import holidays
import icalendar
import pytest
import recurring_ical_events
import yaml
from holidays.constants import DE_FACTO, PUBLIC

from samverkan_cli.calendar.events import agreement_calendar
from samverkan_cli.calendar.ics import calendar_ics
from samverkan_cli.source.loading import load_agreement
from tests.agreement_copy import AgreementCopy
from tests.conftest import REPO_ROOT

EXAMPLES = sorted(p.name for p in (REPO_ROOT / "agreements").iterdir() if p.is_dir())
YEARS = range(2017, 2031)
_SWEDEN = holidays.Sweden(categories=(PUBLIC, DE_FACTO), years=range(2016, 2032))
_WEEKDAYS = {"lördag": 5, "söndag": 6}


def _red_day(day: dt.date) -> bool:
    """A helgdag or afton, whatever the weekday."""
    midsommarafton = day.month == 6 and 19 <= day.day <= 25 and day.weekday() == 4
    return day in _SWEDEN or (day.month, day.day) in {(12, 24), (12, 31)} or midsommarafton


def _walk(node: Any) -> Any:
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield None, item
            yield from _walk(item)


def _data(folder: Path) -> tuple[set[dt.date], set[int]]:
    """Every date written in the agreement's YAML, and the weekend days it names."""
    dates: set[dt.date] = set()
    weekend: set[int] = set()
    for path in folder.rglob("*.yaml"):
        for key, value in _walk(yaml.safe_load(path.read_text(encoding="utf-8"))):
            if isinstance(value, dt.date):
                dates.add(value)
            if key == "veckodagar" and isinstance(value, list):
                weekend |= {_WEEKDAYS[v] for v in value if v in _WEEKDAYS}
    return dates, weekend


def _days_off(folder: Path, years: range) -> list[tuple[int, str, dt.date]]:
    written, weekend = _data(folder)
    loaded = load_agreement(folder)
    assert loaded.agreement is not None, loaded.problems
    found = []
    for year in years:
        parsed = icalendar.Calendar.from_ical(calendar_ics(agreement_calendar(loaded, year)))
        for occurrence in recurring_ical_events.of(parsed).between(
            dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
        ):
            start = occurrence["DTSTART"].dt
            day = start.date() if isinstance(start, dt.datetime) else start
            if day in written:
                continue
            if _red_day(day) or (day.weekday() >= 5 and day.weekday() not in weekend):
                found.append((year, str(occurrence["UID"]).split("@")[0], day))
    return found


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_occurrence_of_any_example_falls_on_a_day_off(name: str) -> None:
    assert _days_off(REPO_ROOT / "agreements" / name, YEARS) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # every weekday form, weekends included, with a helgdag among them
        ("frekvens: {minst: 2, per: år}", "frekvens: {veckodagar: [lördag, söndag]}"),
        ("frekvens: {minst: 2, per: år}", "frekvens: {veckodagar: [måndag, fredag]}"),
        ("frekvens: {minst: 2, per: år}", "frekvens: {antal: 7, per: vecka}"),
        ("frekvens: {minst: 2, per: år}", "frekvens: {antal: 5, per: år}"),
        ("frekvens: {minst: 2, per: år}", "frekvens: {varannan: vecka}"),
        ("frekvens: {minst: 2, per: år}", "frekvens: {antal: 12, per: vecka}"),
    ],
)
def test_every_frequency_form_keeps_off_days_off(jarva: AgreementCopy, old: str, new: str) -> None:
    jarva.edit(old, new)
    assert _days_off(jarva.folder, range(2024, 2031)) == []


def test_counted_deadlines_fall_on_working_days(jarva: AgreementCopy) -> None:
    """The term revised every year from a Saturday (1 June 2024): each revision and the
    samråd deadline counted from the last day are on working days."""
    jarva.edit(
        "  till: tillsvidare\n",
        "  till: 2029-12-23\n  förlängning:\n    år: 2\n    samråd_månader_före: 6\n",
    )
    jarva.edit("  revidering: vid behov\n", "  revidering: {varje: år}\n")
    assert _days_off(jarva.folder, range(2024, 2030)) == []
    calendar = agreement_calendar(load_agreement(jarva.folder), 2025)
    revision = calendar.event("avtalstid-revidering")
    assert revision.dates == (dt.date(2025, 6, 2),)  # 1 June 2025 is a Sunday
    assert [(m.original, m.day) for m in revision.moves] == [
        (dt.date(2025, 6, 1), dt.date(2025, 6, 2))
    ]
    samrad = agreement_calendar(load_agreement(jarva.folder), 2029).event("avtalstid-samrad")
    # six months before 23 December 2029 is midsommardagen: Thursday before midsommarafton
    assert samrad.dates == (dt.date(2029, 6, 21),)
    assert "23 juni 2029 är en lördag och midsommardagen" in samrad.description
