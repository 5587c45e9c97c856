"""The interval form {vart|var: N, per: P}, "once every N periods", and exact counts per year.

Issue 9: agreements outside Stockholm are revised "vart tredje år" and their lägesbild
"vartannat år". The form renders with the period's gender ("vart" before ett-words, "var"
before en-words), counts exactly (`per_year()` is a Fraction: 1/3 for every third year), and
the rules that compare counts (SV101, SV122, SV123, SV140), the calendar and the term's
revision dates all follow it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from samverkan_cli.calendar.events import EventKind, agreement_calendar, frequency_series
from samverkan_cli.calendar.ics import calendar_ics
from samverkan_cli.check.folder import CheckSettings
from samverkan_cli.check.settings import load_config
from samverkan_cli.core.problems import Severity
from samverkan_cli.core.swedish import every_nth, ordinal
from samverkan_cli.model.agreement import Scheduled
from samverkan_cli.model.frequency import Frequency, IntervalFrequency
from samverkan_cli.render.templates import scheduled_sentence
from samverkan_cli.rules.situation import interval_months
from samverkan_cli.source.loading import load_agreement
from tests.agreement_copy import AgreementCopy
from tests.conftest import REPO_ROOT
from tests.test_calendar import _calendar, _day, _expanded
from tests.test_rules import AGREEMENT, LAGESBILD, assert_problem, only, value_position

ADAPTER: TypeAdapter[Any] = TypeAdapter(Frequency)
STYRGRUPP = "frekvens: {minst: 2, per: år}"


def parse(value: Any) -> Any:
    return ADAPTER.validate_python(value)


# --- Swedish ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "swedish"),
    [
        ({"vart": 2, "per": "år"}, "vartannat år"),
        ({"vart": 3, "per": "år"}, "vart tredje år"),
        ({"vart": 4, "per": "år"}, "vart fjärde år"),
        ({"vart": 5, "per": "år"}, "vart femte år"),
        ({"vart": 12, "per": "år"}, "vart tolfte år"),
        ({"vart": 13, "per": "år"}, "vart 13:e år"),
        ({"vart": 2, "per": "halvår"}, "vartannat halvår"),
        ({"vart": 3, "per": "kvartal"}, "vart tredje kvartal"),
        ({"vart": 2, "per": "tertial"}, "vartannat tertial"),
        ({"var": 2, "per": "månad"}, "varannan månad"),
        ({"var": 3, "per": "månad"}, "var tredje månad"),
        ({"var": 4, "per": "vecka"}, "var fjärde vecka"),
        ({"var": 6, "per": "vecka"}, "var sjätte vecka"),
        ({"var": 12, "per": "vecka"}, "var tolfte vecka"),
        ({"var": 13, "per": "vecka"}, "var 13:e vecka"),
        ({"var": 3, "per": "termin"}, "var tredje termin"),
        ({"vart": 3, "per": "år", "eller_vid_behov": True}, "vart tredje år eller vid behov"),
        ({"var": 13, "per": "vecka", "eller_vid_behov": True}, "var 13:e vecka eller vid behov"),
        ({"var": 2, "per": "månad", "eller_vid_behov": False}, "varannan månad"),
    ],
)
def test_interval_swedish(value: dict[str, Any], swedish: str) -> None:
    frequency = parse(value)
    assert isinstance(frequency, IntervalFrequency)
    assert frequency.swedish() == swedish
    assert frequency.is_minimum() is False


@pytest.mark.parametrize(
    ("written", "period", "swedish"),
    [
        ("var", "år", "vart tredje år"),  # "var tredje år" is what people write; the text is right
        ("vart", "år", "vart tredje år"),
        ("vart", "vecka", "var tredje vecka"),
        ("var", "vecka", "var tredje vecka"),
        ("var", "kvartal", "vart tredje kvartal"),
        ("vart", "månad", "var tredje månad"),
        ("var", "halvår", "vart tredje halvår"),
        ("vart", "termin", "var tredje termin"),
    ],
)
def test_either_key_renders_the_grammatical_word(written: str, period: str, swedish: str) -> None:
    frequency = parse({written: 3, "per": period})
    assert frequency.swedish() == swedish
    assert frequency.periods == 3


def test_both_keys_give_the_same_frequency() -> None:
    assert parse({"vart": 2, "per": "år"}).swedish() == parse({"var": 2, "per": "år"}).swedish()
    assert (
        parse({"vart": 5, "per": "vecka"}).per_year()
        == parse({"var": 5, "per": "vecka"}).per_year()
    )


def test_ordinal_words() -> None:
    assert [ordinal(n) for n in range(3, 13)] == [
        "tredje", "fjärde", "femte", "sjätte", "sjunde",
        "åttonde", "nionde", "tionde", "elfte", "tolfte",
    ]  # fmt: skip
    assert [ordinal(n) for n in (13, 20, 21, 22, 23, 101, 111, 112, 122)] == [
        "13:e", "20:e", "21:a", "22:a", "23:e", "101:a", "111:e", "112:e", "122:a",
    ]  # fmt: skip
    assert every_nth(1, neuter=True) == "varje"
    assert every_nth(2, neuter=True) == "vartannat"
    assert every_nth(2, neuter=False) == "varannan"
    assert every_nth(7, neuter=True) == "vart sjunde"
    assert every_nth(7, neuter=False) == "var sjunde"


def test_an_interval_that_opens_a_sentence_is_capitalised() -> None:
    scheduled = Scheduled.model_validate(
        {"frekvens": {"vart": 2, "per": "år"}, "text": "{frekvens} revideras lägesbilden."}
    )
    assert scheduled_sentence(scheduled, "") == "Vartannat år revideras lägesbilden."


# --- refused forms -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "key", "fragment"),
    [
        ({"vart": 1, "per": "år"}, "vart", "ska vara minst 2, inte 1"),
        ({"var": 1, "per": "vecka"}, "var", "ska vara minst 2, inte 1"),
        ({"vart": 0, "per": "år"}, "vart", "ska vara minst 2, inte 0"),
        ({"var": -3, "per": "månad"}, "var", "ska vara minst 2, inte -3"),
        ({"vart": None, "per": "år"}, "vart", "ange antalet perioder"),
        ({"vart": 3, "var": 3, "per": "år"}, "var", "ange antingen 'vart' eller 'var', inte båda"),
        ({"vart": 3}, "per", "Field required"),
        ({"vart": 3, "per": "dygn"}, "per", "Input should be"),
        ({"vart": "tre", "per": "år"}, "vart", "valid integer"),
        ({"vart": 2.5, "per": "år"}, "vart", "valid integer"),
    ],
)
def test_refused_intervals(value: dict[str, Any], key: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse(value)
    errors = caught.value.errors()
    assert [(e["loc"][-1], fragment in e["msg"]) for e in errors] == [(key, True)], errors


def test_the_unknown_form_message_shows_the_interval() -> None:
    with pytest.raises(ValidationError) as caught:
        parse({"ibland": 3})
    assert "{vart: 3, per: år}" in caught.value.errors()[0]["msg"]


@pytest.mark.parametrize(
    ("frequency", "needle", "message"),
    [
        (
            "{vart: 1, per: år}",
            "vart: 1",
            "'vart': antalet perioder ska vara minst 2, inte 1 (vart 2 år är vartannat år); "
            "en gång varje period skrivs {varje: år}",
        ),
        (
            "{var: 0, per: vecka}",
            "var: 0",
            "'var': antalet perioder ska vara minst 2, inte 0 (vart 2 år är vartannat år); "
            "en gång varje period skrivs {varje: år}",
        ),
        (
            "{vart: 3, var: 3, per: år}",
            "var: 3",
            "'var': ange antingen 'vart' eller 'var', inte båda, t.ex. {vart: 3, per: år}",
        ),
        ("{vart: 3}", None, "fältet 'per' saknas; lägg till det, t.ex. per: år"),
    ],
    ids=["one", "zero", "both-keys", "no-period"],
)
def test_sv010_located_in_swedish(
    jarva: AgreementCopy, frequency: str, needle: str | None, message: str
) -> None:
    text = jarva.edit(STYRGRUPP, f"frekvens: {frequency}")
    problem = only(jarva.check(), "SV010")
    if needle is None:  # the key is missing: the mapping it is missing from
        at = value_position(text, f"frekvens: {frequency}")
    else:
        line, column = value_position(text, f"frekvens: {frequency}")
        at = (line, column + frequency.index(needle) + needle.index(": ") + 2)
    assert_problem(problem, Severity.ERROR, jarva.folder / AGREEMENT, at, message)
    assert problem.message == message


# --- exact counts per year -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "per_year"),
    [
        ({"vart": 2, "per": "år"}, Fraction(1, 2)),
        ({"vart": 3, "per": "år"}, Fraction(1, 3)),
        ({"var": 3, "per": "år"}, Fraction(1, 3)),
        ({"vart": 4, "per": "halvår"}, Fraction(1, 2)),
        ({"vart": 2, "per": "kvartal"}, Fraction(2)),
        ({"vart": 3, "per": "tertial"}, Fraction(1)),
        ({"var": 3, "per": "månad"}, Fraction(4)),
        ({"var": 5, "per": "månad"}, Fraction(12, 5)),
        ({"var": 3, "per": "vecka"}, Fraction(52, 3)),
        ({"var": 4, "per": "termin"}, Fraction(1, 2)),
        ({"varannan": "år"}, Fraction(1, 2)),  # was rounded up to one a year
        ({"varannan": "vecka"}, Fraction(26)),
        ({"varannan": "tertial"}, Fraction(3, 2)),
        ({"varje": "kvartal"}, Fraction(4)),
        ({"minst": 2, "per": "termin"}, Fraction(4)),
        ({"veckodagar": ["fredag", "lördag"]}, Fraction(104)),
    ],
)
def test_per_year_is_exact(value: Any, per_year: Fraction) -> None:
    found = parse(value).per_year()
    assert isinstance(found, Fraction)
    assert found == per_year


def test_named_frequencies_have_no_count() -> None:
    assert parse("vid behov").per_year() is None


@pytest.mark.parametrize(
    ("value", "months"),
    [
        ({"vart": 3, "per": "år"}, 36),
        ({"vart": 2, "per": "år"}, 24),
        ({"varannan": "år"}, 24),
        ({"vart": 2, "per": "halvår"}, 12),
        ({"var": 2, "per": "månad"}, 2),
        ({"var": 5, "per": "månad"}, 5),
        ({"varje": "år"}, 12),
        ({"antal": 5, "per": "år"}, 2),  # 2.4 months: whole months, rounded down
        ({"var": 3, "per": "vecka"}, 1),  # under a month: at least one
        ("vid behov", None),
    ],
)
def test_interval_months(value: Any, months: int | None) -> None:
    assert interval_months(parse(value)) == months


# --- SV101: forums that meet too seldom ----------------------------------------------------------


@pytest.mark.parametrize(
    ("frequency", "message"),
    [
        (
            "{vart: 3, per: år}",
            "Lokal styrgrupp möts vart tredje år, men profilen kräver minst två (2) gånger per år",
        ),
        (
            "{var: 2, per: år}",
            "Lokal styrgrupp möts vartannat år, men profilen kräver minst två (2) gånger per år",
        ),
        (
            "{var: 7, per: månad, eller_vid_behov: true}",
            "Lokal styrgrupp möts var sjunde månad eller vid behov, men profilen kräver minst "
            "två (2) gånger per år",
        ),
        (
            "{var: 12, per: månad}",  # exactly one a year: the count, as for the other forms
            "Lokal styrgrupp möts en (1) gång per år, men profilen kräver minst två (2) gånger",
        ),
    ],
)
def test_sv101_with_an_interval(jarva: AgreementCopy, frequency: str, message: str) -> None:
    text = jarva.edit(STYRGRUPP, f"frekvens: {frequency}")
    problem = only(jarva.check(), "SV101")
    at = value_position(text, f"frekvens: {frequency}")
    assert_problem(problem, Severity.ERROR, jarva.folder / AGREEMENT, at, message)
    assert problem.message == message
    assert "/" not in problem.message


@pytest.mark.parametrize("frequency", ["{var: 6, per: månad}", "{vart: 2, per: kvartal}"])
def test_sv101_passes_an_interval_that_is_often_enough(
    jarva: AgreementCopy, frequency: str
) -> None:
    jarva.edit(STYRGRUPP, f"frekvens: {frequency}")
    assert "SV101" not in {p.rule for p in jarva.check()}


# --- SV122, SV123: the lägesbild's revision ------------------------------------------------------


def _kommun(tmp_path: Path) -> AgreementCopy:
    folder = tmp_path / "agreements" / "exempel-kommun"
    shutil.copytree(REPO_ROOT / "agreements" / "exempel-kommun", folder)
    return AgreementCopy(folder)


JARVA_REVISION = "frekvens: {varje: år, eller_vid_behov: true}"
KOMMUN_REVISION = "    frekvens: {varje: år}\n    text: Den gemensamma lägesbilden revideras"


def test_sv122_every_other_year_against_a_yearly_profile(jarva: AgreementCopy) -> None:
    text = jarva.edit(JARVA_REVISION, "frekvens: {vart: 2, per: år}")
    problem = only(jarva.check(), "SV122")
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / AGREEMENT,
        value_position(text, "frekvens: {vart: 2, per: år}"),
        "lägesbilden revideras 'vartannat år'; profilen kräver minst en (1) gång varje år",
    )


@pytest.mark.parametrize(
    ("frequency", "fails"),
    [
        ("{vart: 4, per: år}", False),
        ("{var: 2, per: år}", False),
        ("{vart: 8, per: halvår}", False),
        ("{vart: 5, per: år}", True),
        ("{vart: 9, per: halvår}", True),
    ],
)
def test_sv122_against_a_kommun_profile_every_fourth_year(
    tmp_path: Path, frequency: str, fails: bool
) -> None:
    """The law sets no interval; a kommun that has decided one (once per mandate period)
    states it in a profile of its own, beside the law's."""
    kommun = _kommun(tmp_path)
    (tmp_path / "profiler").mkdir()
    (tmp_path / "profiler" / "mandatperiod.yaml").write_text(
        "id: mandatperiod\ntitel: Lägesbilden en gång per mandatperiod\n"
        "källa: Kommunfullmäktiges beslut\nlägesbild:\n  revideras_minst_vart_år: 4\n",
        encoding="utf-8",
    )
    (tmp_path / "samverkan.yaml").write_text("profilmappar: [profiler]\n", encoding="utf-8")
    kommun.edit("profil: [bra-samverkan, lag-2023-196]", "profil: [bra-samverkan, mandatperiod]")
    kommun.edit(KOMMUN_REVISION, KOMMUN_REVISION.replace("{varje: år}", frequency))
    settings = CheckSettings(load_config(tmp_path))
    problems = [p for p in kommun.check(settings) if p.rule == "SV122"]
    if not fails:
        assert problems == []
        return
    [problem] = problems
    shown = parse_flow(frequency).swedish()
    assert problem.message == (
        f"lägesbilden revideras '{shown}'; profilen kräver minst en (1) gång vart fjärde år"
    )


def parse_flow(text: str) -> Any:
    """A flow mapping such as "{vart: 5, per: år}" as a frequency."""
    import yaml

    return parse(yaml.safe_load(text))


def test_sv123_counts_two_years_for_every_other_year(tmp_path: Path) -> None:
    kommun = _kommun(tmp_path)
    kommun.edit(KOMMUN_REVISION, KOMMUN_REVISION.replace("{varje: år}", "{vart: 2, per: år}"))
    title = "titel: Gemensam lägesbild\n"
    kommun.edit(title, title + "datum: 2024-01-10\n", LAGESBILD)

    def rules(day: str) -> set[str]:
        return {p.rule for p in kommun.check(CheckSettings(today=dt.date.fromisoformat(day)))}

    assert "SV123" not in rules("2026-01-10")
    assert "SV123" in rules("2026-01-11")


# --- the calendar ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "rule", "first", "count"),
    [
        # Counted from the period the term starts in (the week, month or quarter of
        # 2024-06-03): every third Wednesday from that week, every other month from June,
        # every other quarter from April–June (its middle month, May).
        ({"var": 3, "per": "vecka"}, "FREQ=WEEKLY;INTERVAL=3", dt.date(2025, 1, 1), 18),
        ({"var": 2, "per": "månad"}, "FREQ=MONTHLY;INTERVAL=2", dt.date(2025, 2, 15), 6),
        ({"vart": 2, "per": "kvartal"}, "FREQ=MONTHLY;INTERVAL=6", dt.date(2025, 5, 15), 2),
        ({"vart": 2, "per": "år"}, "FREQ=YEARLY;INTERVAL=2", None, 0),  # 2024, 2026, …
        ({"vart": 3, "per": "halvår"}, "FREQ=MONTHLY;INTERVAL=18", dt.date(2025, 9, 15), 1),
    ],
)
def test_interval_series_within_a_year(
    value: Any, rule: str, first: dt.date | None, count: int
) -> None:
    window = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    series = frequency_series(parse(value), window, origin=dt.date(2024, 6, 3))
    assert series is not None and series.recurrence is not None
    assert series.recurrence.without_count() == rule
    assert series.recurrence.count == len(series.dates) == count
    assert (series.dates[0] if series.dates else None) == first


def test_a_forum_meeting_every_other_year_meets_in_the_year_the_term_starts(
    jarva: AgreementCopy,
) -> None:
    jarva.edit(STYRGRUPP, "frekvens: {vart: 2, per: år}")
    # Järva runs from 2024-06-01: the meetings fall in 2024, 2026, 2028, … (mid-year).
    dates = {year: _calendar(jarva.folder, year) for year in (2024, 2025, 2026, 2028)}
    # 15 June 2024 is a Saturday: the planned meeting moves to Monday 17 June.
    assert dates[2024].event("styrgrupp").dates == (dt.date(2024, 6, 17),)
    assert "styrgrupp" not in {e.key for e in dates[2025].events}
    event = dates[2026].event("styrgrupp")
    assert event.dates == (dt.date(2026, 6, 15),)
    assert event.recurrence is not None
    assert event.recurrence.rfc5545() == "FREQ=YEARLY;INTERVAL=2;COUNT=1"
    assert event.summary == "Lokal styrgrupp: möte (vartannat år)"
    assert dates[2028].event("styrgrupp").dates == (dt.date(2028, 6, 15),)


def test_a_forum_meeting_every_third_week_expands_in_an_independent_reader(
    jarva: AgreementCopy,
) -> None:
    jarva.edit(STYRGRUPP, "frekvens: {var: 3, per: vecka}")
    calendar = _calendar(jarva.folder, 2025)
    event = calendar.event("styrgrupp")
    assert len(event.dates) in (17, 18)
    expanded = _expanded(calendar_ics(calendar), 2025)
    assert [_day(s) for s in expanded["styrgrupp-2025@jarva.samverkan"]] == list(event.dates)


def test_a_lagesbild_revised_every_other_year_counts_from_its_date(jarva: AgreementCopy) -> None:
    jarva.edit(JARVA_REVISION, "frekvens: {vart: 2, per: år}")
    jarva.edit("typ: lägesbild\n", "typ: lägesbild\ndatum: 2024-03-10\n", LAGESBILD)
    assert "lagesbild-revidering" not in {e.key for e in _calendar(jarva.folder, 2025).events}
    revision = _calendar(jarva.folder, 2026).event("lagesbild-revidering")
    assert revision.dates == (dt.date(2026, 3, 10),)
    assert revision.summary == "Lägesbilden revideras (vartannat år)"


def test_the_kommun_examples_term_revision_in_the_calendar() -> None:
    loaded = load_agreement(REPO_ROOT / "agreements" / "exempel-kommun")
    for year in (2026, 2027, 2028, 2030):
        keys = {e.key for e in agreement_calendar(loaded, year).events}
        assert "avtalstid-revidering" not in keys, year
    calendar = agreement_calendar(loaded, 2029)
    event = calendar.event("avtalstid-revidering")
    assert event.kind is EventKind.TERM
    assert event.dates == (dt.date(2029, 1, 2),)  # 1 January is nyårsdagen: the next working day
    assert event.all_day and not event.planned
    assert event.recurrence is not None
    assert event.recurrence.rfc5545() == "FREQ=YEARLY;INTERVAL=3;COUNT=1"
    assert event.summary == "Överenskommelsen revideras (vart tredje år)"
    assert event.description == (
        "Överenskommelsen ska revideras vart tredje år efter samråd mellan Parterna i det "
        "lokala brottsförebyggande rådet. Datumen räknas från avtalstidens första dag, "
        "1 januari 2026."
    )
    assert agreement_calendar(loaded, 2032).event("avtalstid-revidering").dates == (
        dt.date(2032, 1, 2),
    )
    expanded = _expanded(calendar_ics(calendar), 2029)
    assert expanded["avtalstid-revidering-2029@exempel-kommun.samverkan"] == [dt.date(2029, 1, 2)]


def test_a_monthly_term_revision_on_the_31st_is_listed_date_by_date(tmp_path: Path) -> None:
    kommun = _kommun(tmp_path)
    kommun.edit("från: 2026-01-01", "från: 2026-01-31")
    kommun.edit("revidering: {vart: 3, per: år}", "revidering: {var: 2, per: månad}")
    calendar = _calendar(kommun.folder, 2026)
    event = calendar.event("avtalstid-revidering")
    # Each counted from 31 January: the month's last day where it has no 31st; Sunday 31 May
    # is held on the last working day of May.
    assert event.dates == (
        dt.date(2026, 3, 31),
        dt.date(2026, 5, 29),
        dt.date(2026, 7, 31),
        dt.date(2026, 9, 30),
        dt.date(2026, 11, 30),
    )
    assert event.recurrence is None  # RRULE would skip the months without a 31st
    expanded = _expanded(calendar_ics(calendar), 2026)
    assert expanded["avtalstid-revidering-2026@exempel-kommun.samverkan"] == list(event.dates)
