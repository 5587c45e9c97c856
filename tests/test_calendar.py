"""`samverkan kalender`: the events of a year, the .ics read back and expanded by an independent
implementation (recurring-ical-events), the årshjul as SVG and PNG, and the command."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from click.testing import CliRunner, Result
from PIL import Image
from pydantic import TypeAdapter

from samverkan_cli.calendar.events import (
    AgreementCalendar,
    EventKind,
    agreement_calendar,
    frequency_series,
    weekly_offsets,
)
from samverkan_cli.calendar.ics import PRODID, calendar_ics
from samverkan_cli.calendar.wheel_layout import wheel_layout
from samverkan_cli.calendar.year_wheel import wheel_png, wheel_svg, year_wheel
from samverkan_cli.cli.main import cli
from samverkan_cli.core.swedish import MONTHS
from samverkan_cli.model.frequency import Frequency
from samverkan_cli.source.loading import load_agreement
from tests.agreement_copy import AgreementCopy
from tests.conftest import REPO_ROOT

SVG = "{http://www.w3.org/2000/svg}"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
JARVA_STEM = "lokal-samverkansoverenskommelse-jarva"
_FREQUENCY: TypeAdapter[Any] = TypeAdapter(Frequency)


def _calendar(folder: Path | str, year: int) -> AgreementCalendar:
    path = REPO_ROOT / "agreements" / folder if isinstance(folder, str) else folder
    loaded = load_agreement(path)
    assert loaded.agreement is not None, loaded.problems
    return agreement_calendar(loaded, year)


def _expanded(ics: bytes, year: int) -> dict[str, list[Any]]:
    """Every occurrence in the year by UID, as an independent implementation expands it."""
    parsed = icalendar.Calendar.from_ical(ics)
    occurrences = recurring_ical_events.of(parsed).between(
        dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    )
    by_uid: dict[str, list[Any]] = defaultdict(list)
    for occurrence in occurrences:
        by_uid[str(occurrence["UID"])].append(occurrence["DTSTART"].dt)
    return {uid: sorted(starts, key=_day) for uid, starts in by_uid.items()}


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _counts(ics: bytes, year: int) -> Counter[str]:
    return Counter({uid: len(starts) for uid, starts in _expanded(ics, year).items()})


def _vevents(ics: bytes) -> list[Any]:
    return list(icalendar.Calendar.from_ical(ics).walk("VEVENT"))


# ---------------------------------------------------------------------------------------------
# Frequencies → recurrence rules


@pytest.mark.parametrize(
    ("frequency", "rule", "in_2025"),
    [
        ({"veckodagar": ["fredag", "lördag"]}, "FREQ=WEEKLY;BYDAY=FR,SA", 104),
        ({"veckodagar": ["lördag", "fredag"]}, "FREQ=WEEKLY;BYDAY=FR,SA", 104),
        ({"veckodagar": ["onsdag"]}, "FREQ=WEEKLY;BYDAY=WE", 53),
        ({"varje": "vecka"}, "FREQ=WEEKLY", 53),
        ({"varannan": "vecka"}, "FREQ=WEEKLY;INTERVAL=2", 27),
        ({"minst": 2, "per": "år"}, "FREQ=MONTHLY;INTERVAL=6", 2),
        ({"antal": 4, "per": "år"}, "FREQ=MONTHLY;INTERVAL=3", 4),
        ({"cirka": 1, "per": "månad"}, "FREQ=MONTHLY", 12),
        ({"antal": 1, "per": "år"}, "FREQ=YEARLY", 1),
        ({"varje": "år"}, "FREQ=YEARLY", 1),
        ({"varje": "kvartal"}, "FREQ=MONTHLY;INTERVAL=3", 4),
        ({"minst": 1, "per": "halvår"}, "FREQ=MONTHLY;INTERVAL=6", 2),
        ({"cirka": 2, "per": "termin"}, "FREQ=MONTHLY;INTERVAL=3", 4),
        ({"antal": 2, "per": "tertial"}, "FREQ=MONTHLY;INTERVAL=2", 6),
        ({"antal": 3, "per": "tertial"}, None, 9),
        ({"antal": 2, "per": "vecka"}, "FREQ=WEEKLY;BYDAY=TU,TH", 104),
        ({"antal": 5, "per": "år"}, None, 5),
        ({"antal": 10, "per": "termin"}, None, 20),
        ({"antal": 2, "per": "månad"}, None, 24),
    ],
)
def test_frequency_to_recurrence_rule(frequency: Any, rule: str | None, in_2025: int) -> None:
    window = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    series = frequency_series(_FREQUENCY.validate_python(frequency), window, origin=window[0])
    assert series is not None
    assert len(series.dates) == in_2025
    assert len(set(series.dates)) == in_2025
    if rule is None:
        assert series.recurrence is None
    else:
        assert series.recurrence is not None
        assert series.recurrence.without_count() == rule
        assert series.recurrence.count == in_2025


@pytest.mark.parametrize("named", ["vid behov", "enligt överenskommelse", "ej aktuellt", "löpande"])
def test_named_frequencies_give_no_series(named: str) -> None:
    window = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert frequency_series(_FREQUENCY.validate_python(named), window, origin=window[0]) is None


def test_counted_occurrences_spread_evenly_over_each_period() -> None:
    window = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    twice = frequency_series(
        _FREQUENCY.validate_python({"minst": 2, "per": "år"}), window, origin=window[0]
    )
    assert twice is not None
    assert twice.dates == (dt.date(2025, 3, 15), dt.date(2025, 9, 15))
    assert twice.placeholder
    five = frequency_series(
        _FREQUENCY.validate_python({"antal": 5, "per": "år"}), window, origin=window[0]
    )
    assert five is not None
    gaps = [(b - a).days for a, b in zip(five.dates, five.dates[1:], strict=False)]
    assert max(gaps) - min(gaps) <= 1
    assert weekly_offsets(1) == (2,)  # a weekly meeting on Wednesday
    assert weekly_offsets(3) == (0, 2, 4)


def test_every_other_week_counts_from_the_term_start() -> None:
    frequency = _FREQUENCY.validate_python({"varannan": "vecka"})
    window = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    first = frequency_series(frequency, window, origin=dt.date(2024, 6, 3))
    second = frequency_series(frequency, window, origin=dt.date(2024, 6, 10))
    assert first is not None and second is not None
    assert first.dates[0] + dt.timedelta(days=7) == second.dates[0]
    assert set(first.dates).isdisjoint(second.dates)


# ---------------------------------------------------------------------------------------------
# The examples' years


def test_jarva_2025_meetings() -> None:
    calendar = _calendar("järva", 2025)
    ics = calendar_ics(calendar)
    counts = _counts(ics, 2025)
    assert counts["styrgrupp-2025@jarva.samverkan"] == 2
    assert counts["beredningsgrupp-2025@jarva.samverkan"] == 4
    assert not [uid for uid in counts if "arbetsgrupper" in uid]  # "vid behov": no series
    assert counts["lagesbild-revidering-2025@jarva.samverkan"] == 1
    starts = _expanded(ics, 2025)["styrgrupp-2025@jarva.samverkan"]
    assert starts == [  # 15 March 2025 is a Saturday: held on Monday 17 March
        dt.datetime(2025, 3, 17, 9, 0, tzinfo=STOCKHOLM),
        dt.datetime(2025, 9, 15, 9, 0, tzinfo=STOCKHOLM),
    ]
    styrgrupp, moved = [e for e in _vevents(ics) if "styrgrupp" in str(e["UID"])]
    assert moved["RECURRENCE-ID"].dt == dt.datetime(2025, 3, 15, 9, 0, tzinfo=STOCKHOLM)
    assert moved["DTSTART"].dt == dt.datetime(2025, 3, 17, 9, 0, tzinfo=STOCKHOLM)
    assert "Flyttat från lördag 15 mars 2025, som inte är en arbetsdag." in str(
        moved["DESCRIPTION"]
    )
    assert str(styrgrupp["SUMMARY"]) == "Lokal styrgrupp: möte (minst två (2) tillfällen per år)"
    assert dict(styrgrupp["RRULE"]) == {"FREQ": ["MONTHLY"], "INTERVAL": [6], "COUNT": [2]}
    assert styrgrupp["DTEND"].dt == dt.datetime(2025, 3, 15, 11, 0, tzinfo=STOCKHOLM)
    assert str(styrgrupp["STATUS"]) == "TENTATIVE"
    assert "Planeras" in str(styrgrupp["DESCRIPTION"])
    assert "Möten sammankallas vid minst två (2) tillfällen per år" in str(styrgrupp["DESCRIPTION"])


def test_weekdays_give_every_such_day_of_the_year() -> None:
    calendar = _calendar("rinkeby-kista-2017", 2018)
    counts = _counts(calendar_ics(calendar), 2018)
    uid = "atgardsplaner-utsattningsmote-1-2018@rinkeby-kista-2017.samverkan"
    # 2018: 52 Fridays and 52 Saturdays, but never a helgdag or afton: trettondedag jul,
    # långfredagen, midsommarafton, midsommardagen and alla helgons dag are left out.
    assert counts[uid] == 99
    assert calendar.event("atgardsplaner-utsattningsmote-1").excluded == (
        dt.date(2018, 1, 6),
        dt.date(2018, 3, 30),
        dt.date(2018, 6, 22),
        dt.date(2018, 6, 23),
        dt.date(2018, 11, 3),
    )
    # Every Thursday but Kristi himmelsfärdsdag (10 May 2018), a helgdag: left out (EXDATE).
    thursdays = "atgardsplaner-checklista-social-oro-1-2018@rinkeby-kista-2017.samverkan"
    assert counts[thursdays] == 51
    assert calendar.event("atgardsplaner-checklista-social-oro-1").excluded == (
        dt.date(2018, 5, 10),
    )
    event = calendar.event("atgardsplaner-utsattningsmote-1")
    assert event.recurrence is not None
    assert event.recurrence.rfc5545() == "FREQ=WEEKLY;BYDAY=FR,SA;COUNT=104"
    assert {day.weekday() for day in event.dates} == {4, 5}


@pytest.mark.parametrize(("year", "expected"), [(2025, 98), (2027, 96)])
def test_weekdays_in_a_year_with_53_fridays(jarva: AgreementCopy, year: int, expected: int) -> None:
    """2025: 52 Fridays and 52 Saturdays less långfredagen, nationaldagen, midsommarafton,
    midsommardagen, alla helgons dag and annandag jul; 2027: 53 Fridays and 52 Saturdays
    less nyårsdagen, långfredagen, första maj, midsommarafton, midsommardagen, alla helgons
    dag, julafton, juldagen and nyårsafton."""
    jarva.edit("frekvens: {minst: 2, per: år}", "frekvens: {veckodagar: [fredag, lördag]}")
    counts = _counts(calendar_ics(_calendar(jarva.folder, year)), year)
    assert counts[f"styrgrupp-{year}@jarva.samverkan"] == expected


def test_samrad_deadline_of_rinkeby_kista() -> None:
    calendar = _calendar("rinkeby-kista-2017", 2018)
    ics = calendar_ics(calendar)
    starts = _expanded(ics, 2018)
    # six months before 31 December is Saturday 30 June: the last working day before it
    assert starts["avtalstid-samrad-2018@rinkeby-kista-2017.samverkan"] == [dt.date(2018, 6, 29)]
    assert starts["avtalstid-slut-2018@rinkeby-kista-2017.samverkan"] == [dt.date(2018, 12, 31)]
    deadline = next(e for e in _vevents(ics) if "samrad" in str(e["UID"]))
    assert deadline["DTSTART"].params.get("VALUE") == "DATE"
    assert deadline["DTEND"].dt == dt.date(2018, 6, 30)
    assert "30 juni 2018 är en lördag; sista arbetsdagen före är fredag 29 juni 2018." in str(
        deadline["DESCRIPTION"]
    )
    assert str(deadline["SUMMARY"]) == "Sista dag för samråd om förlängning"
    assert str(deadline["STATUS"]) == "CONFIRMED"
    assert "sex (6) månader" in str(deadline["DESCRIPTION"])
    earlier = _calendar("rinkeby-kista-2017", 2017)
    assert [e.key for e in earlier.events if e.kind is EventKind.TERM] == ["avtalstid-start"]


def test_events_outside_the_term_are_left_out() -> None:
    for year in (2016, 2019):
        calendar = _calendar("rinkeby-kista-2017", year)
        assert calendar.events == ()
        assert _vevents(calendar_ics(calendar)) == []
    # Järva runs from 2024-06-01: in 2024 only what falls from June on.
    calendar = _calendar("järva", 2024)
    starts = _expanded(calendar_ics(calendar), 2024)
    # 15 September 2024 is a Sunday: the meeting is planned on Monday 16 September.
    assert [_day(s) for s in starts["styrgrupp-2024@jarva.samverkan"]] == [dt.date(2024, 9, 16)]
    assert [_day(s) for s in starts["beredningsgrupp-2024@jarva.samverkan"]] == [
        dt.date(2024, 8, 15),
        dt.date(2024, 11, 15),
    ]
    assert starts["avtalstid-start-2024@jarva.samverkan"] == [dt.date(2024, 6, 1)]
    assert min(_day(s) for days in starts.values() for s in days) == dt.date(2024, 6, 1)


def test_action_plans_and_follow_up() -> None:
    calendar = _calendar("rinkeby-kista-2017", 2018)
    counts = _counts(calendar_ics(calendar), 2018)
    domain = "2018@rinkeby-kista-2017.samverkan"
    assert counts[f"atgardsplaner-mys-1-{domain}"] == 4  # cirka 2 per termin
    assert counts[f"atgardsplaner-mys-2-{domain}"] == 6  # cirka 3 per termin
    assert counts[f"atgardsplaner-mbu-1-{domain}"] == 20  # 10 per termin, listed as RDATE
    assert counts[f"uppfoljningsplan-1-samverkansorganisationen-{domain}"] == 1
    assert counts[f"uppfoljningsplan-2-lagesbild-{domain}"] == 2
    assert not [uid for uid in counts if "orossamtal" in uid]  # enligt överenskommelse
    follow_up = calendar.event("uppfoljningsplan-2-lagesbild")
    assert follow_up.all_day
    assert follow_up.summary == "Uppföljning av lägesbilden (två gånger per år eller vid behov)"


def test_lagesbild_revision_counts_from_its_date(jarva: AgreementCopy) -> None:
    jarva.edit("typ: lägesbild\n", "typ: lägesbild\ndatum: 2024-03-10\n", "bilagor/lagesbild.yaml")
    calendar = _calendar(jarva.folder, 2025)
    revision = calendar.event("lagesbild-revidering")
    assert revision.dates == (dt.date(2025, 3, 10),)
    assert "10 mars 2024" in revision.description
    jarva.edit("{varje: år, eller_vid_behov: true}", "{antal: 5, per: år}")
    revision = _calendar(jarva.folder, 2025).event("lagesbild-revidering")
    assert revision.recurrence is None and len(revision.dates) == 5


def test_ics_expands_to_exactly_the_events_dates(jarva: AgreementCopy) -> None:
    """The RRULE with COUNT, or the RDATE list, gives back every date and no other."""
    jarva.edit("{varje: år, eller_vid_behov: true}", "{antal: 5, per: år}")  # all-day RDATE
    jarva.edit("frekvens: vid behov\n", "frekvens: {varannan: vecka}\n")
    jarva.edit("kopplat till uppdraget.", "kopplat till uppdraget, {frekvens}.")
    for calendar in (
        _calendar("rinkeby-kista-2017", 2018),
        _calendar("järva", 2025),
        _calendar(jarva.folder, 2025),
    ):
        expanded = _expanded(calendar_ics(calendar), calendar.year)
        assert len(expanded) == len(calendar.events)
        for event in calendar.events:
            uid = f"{event.key}-{calendar.year}@{calendar.name.replace('ä', 'a')}.samverkan"
            assert [_day(s) for s in expanded[uid]] == list(event.dates), event.key
            for start in expanded[uid]:
                assert isinstance(start, dt.datetime) != event.all_day


def test_ics_header_and_properties(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    ics = calendar_ics(_calendar("järva", 2025))
    parsed = icalendar.Calendar.from_ical(ics)
    assert str(parsed["PRODID"]) == PRODID
    assert str(parsed["VERSION"]) == "2.0"
    assert str(parsed["X-WR-CALNAME"]) == "Lokal samverkansöverenskommelse 2025"
    timezones = list(parsed.walk("VTIMEZONE"))
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Stockholm"]
    events = _vevents(ics)
    masters = [e for e in events if "RECURRENCE-ID" not in e]
    assert len({str(e["UID"]) for e in masters}) == len(masters)
    for event in events:
        assert event["DTSTAMP"].dt == dt.datetime(2024, 6, 1, tzinfo=dt.UTC)  # signing date
    assert b"\r\n" in ics
    assert max(len(line) for line in ics.split(b"\r\n")) <= 75
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    stamped = _vevents(calendar_ics(_calendar("järva", 2025)))
    assert stamped[0]["DTSTAMP"].dt == dt.datetime.fromtimestamp(1700000000, tz=dt.UTC)


def test_ics_is_the_same_bytes_every_run() -> None:
    first = calendar_ics(_calendar("rinkeby-kista-2017", 2018))
    second = calendar_ics(_calendar("rinkeby-kista-2017", 2018))
    assert first == second


# ---------------------------------------------------------------------------------------------
# The årshjul


def test_arshjul_svg_has_twelve_months_and_a_mark_per_date() -> None:
    calendar = _calendar("järva", 2025)
    svg, _ = year_wheel(calendar)
    root = ET.fromstring(svg.encode("utf-8"))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert [t for t in texts if t in MONTHS] == MONTHS
    assert "2025" in texts
    titles = [
        c.find(f"{SVG}title").text  # type: ignore[union-attr]
        for c in root.iter(f"{SVG}circle")
        if c.find(f"{SVG}title") is not None
    ]
    on_wheel = [t for t in titles if t and t[0].isdigit()]
    assert len(on_wheel) == sum(len(e.dates) for e in calendar.events) == 7
    assert "17 mars 2025: Lokal styrgrupp: möte (minst två (2) tillfällen per år)" in on_wheel
    assert "Lokal beredningsgrupp" in (root.findtext(f"{SVG}desc") or "")


def test_arshjul_places_marks_by_date() -> None:
    layout = wheel_layout(_calendar("rinkeby-kista-2017", 2018))
    samrad = next(m for m in layout.marks if m.key == "avtalstid-samrad")
    end = next(m for m in layout.marks if m.key == "avtalstid-slut")
    # 30 June is half a year round: below the centre; 31 December just left of the top.
    assert samrad.y > layout.cy and abs(samrad.x - layout.cx) < 10
    assert end.y < layout.cy and -10 < end.x - layout.cx < 0
    assert len(layout.legend_marks) == len(layout.tracks) == 16


def test_arshjul_without_events() -> None:
    calendar = _calendar("rinkeby-kista-2017", 2019)
    layout = wheel_layout(calendar)
    assert layout.marks == () and len(layout.month_labels) == 12
    assert any("avtalstiden omfattar inte året" in t.text for t in layout.texts)
    ET.fromstring(wheel_svg(layout).encode("utf-8"))


def test_arshjul_png_is_deterministic() -> None:
    layout = wheel_layout(_calendar("rinkeby-kista-2017", 2018))
    first, second = wheel_png(layout), wheel_png(layout)
    assert first == second
    image = Image.open(io.BytesIO(first))
    assert image.size == (layout.width * 2, layout.height * 2)
    assert image.getpixel((round(layout.cx * 2), 10)) == (255, 255, 255)


# ---------------------------------------------------------------------------------------------
# The command


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["kalender", *args])


def _written(out: Path, year: int, stem: str = JARVA_STEM) -> list[Path]:
    return [
        out / f"{stem}-{year}.ics",
        out / f"{stem}-arshjul-{year}.svg",
        out / f"{stem}-arshjul-{year}.png",
    ]


def test_command_writes_calendar_and_wheel(in_repo: Path) -> None:
    result = _run("järva", "--år", "2025")
    assert result.exit_code == 0, result.output
    files = _written(in_repo / "out" / "järva", 2025)
    assert sorted((in_repo / "out" / "järva").iterdir()) == sorted(files)
    for path in files:
        assert f"skrev out/järva/{path.name}" in result.output
    assert _counts(files[0].read_bytes(), 2025)["styrgrupp-2025@jarva.samverkan"] == 2
    assert files[2].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    before = [path.read_bytes() for path in files]
    assert _run("jarva", "--year", "2025").exit_code == 0
    assert [path.read_bytes() for path in files] == before


def test_command_defaults_to_this_year_and_takes_out(in_repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "kalender"
    result = _run("järva", "--out", str(target))  # runs "tills vidare": this year is in it
    assert result.exit_code == 0, result.output
    year = dt.date.today().year
    assert all(path.is_file() for path in _written(target, year))


def test_command_refuses_this_year_outside_the_term(in_repo: Path, tmp_path: Path) -> None:
    result = _run("rinkeby-kista-2017", "--out", str(tmp_path / "kalender"))
    assert result.exit_code == 2
    assert "ligger utanför avtalstiden 2017-01-01–2018-12-31" in result.output
    assert "--år 2018" in result.output
    assert not (tmp_path / "kalender").exists()


def test_command_unknown_name_is_exit_2(in_repo: Path) -> None:
    result = _run("finns-inte", "--år", "2025")
    assert result.exit_code == 2
    assert "järva" in result.output
    assert not (in_repo / "out").exists()


@pytest.mark.parametrize(
    "year",
    [
        "25",
        "0025",
        "99999",
        "-1",
        "abc",
        "0",
        "2025.5",
        "",
        "+2025",
        "2_025",
        "２０２５",
        "1999",
        "2101",
    ],
)
def test_command_year_that_is_no_four_digit_year_is_a_swedish_usage_error(
    in_repo: Path, year: str
) -> None:
    result = _run("järva", f"--år={year}")
    assert result.exit_code == 2, result.output
    assert "--år" in result.output and "--år 2026" in result.output  # how to write it
    assert "ska vara ett årtal med fyra siffror" in result.output or (
        "ligger utanför åren 2000–2100" in result.output
    )
    assert "Traceback" not in result.output and "is not" not in result.output
    assert not (in_repo / "out").exists()


@pytest.mark.parametrize(
    ("name", "year", "term"),
    [
        (
            "rinkeby-kista-2017",
            "2019",
            "2017-01-01–2018-12-31; ange ett år från 2017 till 2018, t.ex. --år 2018",
        ),
        (
            "rinkeby-kista-2017",
            "2016",
            "2017-01-01–2018-12-31; ange ett år från 2017 till 2018, t.ex. --år 2017",
        ),
        (
            "järva",
            "2023",
            "2024-06-01–tills vidare; ange ett år från 2024 till 2100, t.ex. --år 2024",
        ),
    ],
)
def test_command_year_outside_the_term_is_refused_with_the_term(
    in_repo: Path, name: str, year: str, term: str
) -> None:
    result = _run(name, "--år", year)
    assert result.exit_code == 2
    assert f"--år {year} ligger utanför avtalstiden {term}" in result.output
    assert not (in_repo / "out").exists()


def test_command_schema_error_is_exit_1_and_writes_nothing(in_repo: Path) -> None:
    source = in_repo / "agreements" / "järva" / "overenskommelse.yaml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("från: 2024-06-01", "från: inte-ett-datum"), "utf-8")
    result = _run("järva", "--år", "2025")
    assert result.exit_code == 1
    assert "overenskommelse.yaml" in result.output
    assert not (in_repo / "out").exists()


def test_command_help_is_swedish() -> None:
    result = CliRunner().invoke(cli, ["kalender", "--help"])
    assert result.exit_code == 0
    assert "Exempel:" in result.output
    assert "samverkan kalender järva --år 2026" in result.output


def test_medborgarloften_follow_ups_and_period_end_are_in_the_calendar() -> None:
    loaded = load_agreement(REPO_ROOT / "agreements" / "exempel-kommun")
    calendar = agreement_calendar(loaded, 2026)
    follow_up = next(e for e in calendar.events if e.key.endswith("-uppfoljning"))
    assert follow_up.dates == (dt.date(2026, 6, 15), dt.date(2026, 12, 7))
    assert "minst femtiotvå (52) hastighetskontroller" in follow_up.description
    period_end = next(e for e in calendar.events if e.key.endswith("-slut"))
    assert period_end.dates == (dt.date(2026, 12, 31),)
    parsed = icalendar.Calendar.from_ical(calendar_ics(calendar))
    summaries = [str(c.get("SUMMARY")) for c in parsed.walk("VEVENT")]
    assert any("uppföljning" in s for s in summaries)
