"""A meeting text that names a time gives the event its time ("kl 18.30", "18.30–20.00",
"klockan 9"); a text without one keeps the 09.00–11.00 placeholder, and numbers that are no
meeting time ("inom 24 timmar", a date "12.05–14.06") are never taken for one."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from samverkan_cli.calendar.events import agreement_calendar
from samverkan_cli.calendar.ics import calendar_ics
from samverkan_cli.calendar.times import meeting_time
from samverkan_cli.source.loading import load_agreement
from tests.agreement_copy import AgreementCopy
from tests.conftest import REPO_ROOT

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Utsättning varje fredag kl 18.30 i Husby.", "18:30", "20:30"),
        ("Mötet börjar kl. 18:30 och är öppet.", "18:30", "20:30"),
        ("Gruppen träffas 18.30–20.00 i aulan.", "18:30", "20:00"),
        ("Samling klockan 9 på polisstationen.", "09:00", "11:00"),
        ("Klockan 13.15 till 15.00, digitalt.", "13:15", "15:00"),
        ("Telefonmöte kl 8-9 varje torsdag.", "08:00", "09:00"),
        ("Mötet hålls 9:00-11:45.", "09:00", "11:45"),
        ("Husby kl 18.30 och Rinkeby kl 19:00.", "18:30", "20:30"),  # the earliest
        ("Kvällspass kl 22.00–01.00.", "22:00", "00:00"),  # the end before the start: ignored
    ],
)
def test_a_named_time_is_read(text: str, start: str, end: str) -> None:
    found = meeting_time(text)
    assert found is not None
    day = dt.datetime(2025, 3, 3)
    begins = dt.datetime.combine(day, found.start)
    assert (begins.strftime("%H:%M"), (begins + found.length).strftime("%H:%M")) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "Polisen återkopplar inom 24 timmar.",
        "Insatsen pågår 24/7 under sommaren.",
        "Perioden 12.05–14.06 gäller för sommarlovet.",
        "Beslutet 2017.10.12 gäller tills vidare.",
        "Eleverna i årskurs 7–9 och klass 9 deltar.",
        "Kostnaden ökar 2.50–3.75 kr per invånare.",
        "Version 1.30–2.00 av planen.",
        "Möten hålls mellan 10 och 12 procent av tiden.",
        "Minst 18.5 procent av ungdomarna.",
        "kl 25 eller kl 9 procent",
        "Mötet tar 2–3 timmar.",
    ],
)
def test_no_meeting_time_is_read_where_none_is_named(text: str | None) -> None:
    assert meeting_time(text) is None


def _starts(folder: object, key: str, year: int) -> list[tuple[dt.datetime, dt.datetime]]:
    loaded = load_agreement(folder)  # type: ignore[arg-type]
    parsed = icalendar.Calendar.from_ical(calendar_ics(agreement_calendar(loaded, year)))
    return sorted(
        (o["DTSTART"].dt, o["DTEND"].dt)
        for o in recurring_ical_events.of(parsed).between(
            dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
        )
        if str(o["UID"]).startswith(f"{key}-{year}@")
    )


def test_rinkeby_kista_utsattning_is_at_18_30_as_its_text_says() -> None:
    starts = _starts(
        REPO_ROOT / "agreements" / "rinkeby-kista-2017", "atgardsplaner-utsattningsmote-1", 2018
    )
    assert starts and {(s.time(), e.time()) for s, e in starts} == {
        (dt.time(18, 30), dt.time(20, 30))
    }
    event = agreement_calendar(
        load_agreement(REPO_ROOT / "agreements" / "rinkeby-kista-2017"), 2018
    ).event("atgardsplaner-utsattningsmote-1")
    assert "Starttiden 18.30 står i texten; sluttiden 20.30 är ett förslag" in event.description
    assert "Texten nämner flera klockslag (18.30 och 19.00)" in event.description


def test_a_forum_text_with_a_range_moves_every_occurrence_and_override(
    jarva: AgreementCopy,
) -> None:
    """A fresh forum: its meetings, the overrides moved off a day off included, and the
    EXDATE/RECURRENCE-ID all at the text's time, across summer time."""
    text = jarva.folder.joinpath("overenskommelse.yaml").read_text(encoding="utf-8")
    assert "Möten sammankallas vid" in text
    jarva.edit("Möten sammankallas vid", "Möten kl. 13:15–15:00 sammankallas vid")
    starts = _starts(jarva.folder, "styrgrupp", 2025)
    assert starts == [
        (
            dt.datetime(2025, 3, 17, 13, 15, tzinfo=STOCKHOLM),
            dt.datetime(2025, 3, 17, 15, 0, tzinfo=STOCKHOLM),
        ),
        (
            dt.datetime(2025, 9, 15, 13, 15, tzinfo=STOCKHOLM),
            dt.datetime(2025, 9, 15, 15, 0, tzinfo=STOCKHOLM),
        ),
    ]
    # The other forums keep the placeholder.
    assert {s.time() for s, _ in _starts(jarva.folder, "beredningsgrupp", 2025)} == {dt.time(9, 0)}


def test_a_text_with_a_number_that_is_no_time_keeps_the_placeholder(
    jarva: AgreementCopy,
) -> None:
    jarva.edit("Möten sammankallas vid", "Inom 24 timmar, 7–9 gånger, sammankallas möten vid")
    starts = _starts(jarva.folder, "styrgrupp", 2025)
    assert {(s.time(), e.time()) for s, e in starts} == {(dt.time(9, 0), dt.time(11, 0))}
