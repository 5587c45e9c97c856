"""Frequencies as data: each form's count per year and its Swedish as the seeds write it."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from samverkan_cli.core.swedish import counted, long_date, number_word
from samverkan_cli.model.frequency import Frequency

ADAPTER: TypeAdapter[Any] = TypeAdapter(Frequency)


@pytest.mark.parametrize(
    ("value", "swedish", "per_year", "minimum"),
    [
        ({"minst": 2, "per": "år"}, "minst två (2) tillfällen per år", 2, True),
        ({"antal": 4, "per": "år"}, "fyra (4) tillfällen per år", 4, False),
        ({"minst": 1, "per": "halvår"}, "minst en (1) gång varje halvår", 2, True),
        ({"cirka": 2, "per": "termin"}, "cirka två (2) tillfällen per termin", 4, False),
        ({"antal": 3, "per": "år", "ord": "gånger"}, "tre (3) gånger per år", 3, False),
        ({"minst": 2, "per": "år", "siffror": False}, "minst två tillfällen per år", 2, True),
        ({"antal": 1, "per": "år", "siffror": False, "uttryck": "per"}, "en gång per år", 1, False),
        ({"antal": 1, "per": "månad"}, "en (1) gång varje månad", 12, False),
        ({"antal": 2, "per": "kvartal"}, "två (2) tillfällen per kvartal", 8, False),
        ({"antal": 1, "per": "tertial"}, "en (1) gång varje tertial", 3, False),
        ({"antal": 1, "per": "vecka"}, "en (1) gång varje vecka", 52, False),
        ({"varje": "år", "eller_vid_behov": True}, "varje år eller vid behov", 1, False),
        ({"varannan": "vecka"}, "varannan vecka", 26, False),
        ({"varannan": "år"}, "vartannat år", Fraction(1, 2), False),
        ({"varannan": "kvartal"}, "vartannat kvartal", 2, False),
        ({"vart": 3, "per": "år"}, "vart tredje år", Fraction(1, 3), False),
        (
            {"var": 2, "per": "år", "eller_vid_behov": True},
            "vartannat år eller vid behov",
            Fraction(1, 2),
            False,
        ),
        ({"var": 4, "per": "vecka"}, "var fjärde vecka", 13, False),
        ({"veckodagar": ["torsdag"]}, "varje torsdag", 52, False),
        ({"veckodagar": ["fredag", "lördag"]}, "fredagar och lördagar", 104, False),
        ("vid behov", "vid behov", None, False),
        ("enligt överenskommelse", "enligt överenskommelse", None, False),
        ("ej aktuellt", "ej aktuellt", None, False),
        ("löpande", "löpande", None, False),
        ("fortlöpande", "fortlöpande", None, False),
        ("kontinuerligt", "kontinuerligt", None, False),
    ],
)
def test_forms(value: Any, swedish: str, per_year: Fraction | int | None, minimum: bool) -> None:
    frequency = ADAPTER.validate_python(value)
    assert frequency.swedish() == swedish
    assert frequency.per_year() == per_year
    assert frequency.is_minimum() is minimum


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("ofta", "ogiltigt värde 'ofta', ingen frekvens"),
        ({"minst": 2, "antal": 3, "per": "år"}, "exakt ett av"),
        ({"minst": 2, "per": "dygn"}, "enum"),
        ({"minst": 0, "per": "år"}, "greater_than_equal"),
        ({"veckodagar": ["fredag", "fredag"]}, "samma veckodag"),
        ({"veckodagar": []}, "too_short"),
        ({"varje": "år", "varannan": "vecka"}, "antingen 'varje' eller 'varannan'"),
        ({"vart": 1, "per": "år"}, "minst 2, inte 1"),
        ({"vart": 2, "var": 2, "per": "år"}, "antingen 'vart' eller 'var', inte båda"),
        ({"okänd": 1}, "okänd frekvens"),
        (5, "okänd frekvens"),
    ],
)
def test_refused_forms(value: Any, fragment: str) -> None:
    with pytest.raises(ValidationError) as caught:
        ADAPTER.validate_python(value)
    errors = caught.value.errors()
    assert any(fragment in (e["type"] + " " + e["msg"]) for e in errors), errors


def test_number_words() -> None:
    assert [number_word(n) for n in (1, 2, 4, 6, 12, 21, 52, 100, 104)] == [
        "en", "två", "fyra", "sex", "tolv", "tjugoen", "femtiotvå", "etthundra", "etthundrafyra",
    ]  # fmt: skip
    assert counted(1, neuter=True) == "ett (1)"
    assert number_word(1000) == "1000"


def test_long_date() -> None:
    import datetime as dt

    assert long_date(dt.date(2024, 6, 1)) == "1 juni 2024"


def test_a_frequency_that_opens_a_sentence_is_capitalised() -> None:
    from samverkan_cli.model.agreement import Scheduled
    from samverkan_cli.render.templates import scheduled_sentence

    opening = Scheduled.model_validate(
        {"frekvens": {"antal": 6, "per": "år"}, "text": "{frekvens}."}
    )
    inside = Scheduled.model_validate(
        {"frekvens": {"antal": 6, "per": "år"}, "text": "Vid {frekvens}."}
    )
    assert scheduled_sentence(opening, "") == "Sex (6) tillfällen per år."
    assert scheduled_sentence(inside, "") == "Vid sex (6) tillfällen per år."


@pytest.mark.parametrize(
    ("value", "swedish"),
    [
        ({"minst": 1, "per": "år"}, "minst en (1) gång varje år"),
        ({"minst": 1, "per": "år", "ord": "gånger"}, "minst en (1) gång varje år"),
        ({"minst": 1, "per": "år", "ord": "tillfällen"}, "minst ett (1) tillfälle varje år"),
        (
            {"antal": 1, "per": "år", "ord": "tillfällen", "siffror": False},
            "ett tillfälle varje år",
        ),
        ({"antal": 3, "per": "år"}, "tre (3) tillfällen per år"),
        ({"antal": 3, "per": "år", "ord": "gånger"}, "tre (3) gånger per år"),
    ],
)
def test_the_word_written_is_the_word_printed_also_for_one(value: Any, swedish: str) -> None:
    """`ord` reaches the document for a count of one too (before, "gång" always)."""
    assert TypeAdapter(Frequency).validate_python(value).swedish() == swedish
