"""Every field of the bilaga kinds, the förord and the tjänsteutlåtande refuses bad values with
a Swedish message at the offending YAML node."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter, ValidationError

from samverkan_cli.model import Agreement, BilagaContent
from samverkan_cli.model.committee_report import Report
from samverkan_cli.source.schema_errors import schema_problems
from samverkan_cli.source.yaml_source import read_yaml

VALID: dict[str, dict[str, Any]] = {
    "kontaktuppgifter": {
        "typ": "kontaktuppgifter",
        "titel": "SAMORDNARE",
        "personer": [
            {
                "part": "polisen",
                "namn": "Daniel Mattsson",
                "titel": "Kommunpolis",
                "telefon": "0739-10 12 15",
                "epost": "daniel.mattsson@polisen.se",
            }
        ],
    },
    "lägesbild": {"typ": "lägesbild", "titel": "LÄGESBILD", "text": "# Inledning\n\nText."},
    "åtgärdsplan": {
        "typ": "åtgärdsplan",
        "titel": "ÅTGÄRDSPLANER",
        "planer": [
            {
                "id": "mys",
                "namn": "MYS",
                "mål_och_syfte": "Trygga uppväxtmiljöer.",
                "mötesfrekvens": [
                    {"namn": "Styrgruppen", "frekvens": {"cirka": 2, "per": "termin"}}
                ],
                "ansvarig": "VO-chef",
                "parter": [{"part": "polisen", "åtagande": "Delta i styrgrupp."}],
                "finansiering": "Respektive part bär sina egna personalkostnader",
            }
        ],
    },
    "uppföljningsplan": {
        "typ": "uppföljningsplan",
        "titel": "UPPFÖLJNINGSPLAN",
        "uppföljning": [
            {
                "avser": "lägesbild",
                "metod": "Uppdateras.",
                "ansvarig": "Samordnarna",
                "frekvens": {"frekvens": {"antal": 2, "per": "år"}, "text": "{frekvens}"},
            }
        ],
    },
    "kommunikationsplan": {
        "typ": "kommunikationsplan",
        "titel": "KOMMUNIKATIONSPLAN",
        "syfte": {"text": "Att fördjupa samverkan."},
        "risker": {"punkter": ["Otydlighet."]},
    },
    "övergripande överenskommelse": {
        "typ": "övergripande överenskommelse",
        "titel": "SAMVERKANSAVTAL",
        "diarienummer": [{"etikett": "Polisen", "nummer": "483-AA 204 646-2015"}],
        "punkter": [{"rubrik": "AVTALSTID", "text": "Avtalet löper från och med 2015-05-19."}],
    },
    "annan": {"typ": "annan", "titel": "Övrigt", "avsnitt": [{"rubrik": "A", "text": ["B"]}]},
}

# (kind, YAML path to change, bad value, expected fragment of the Swedish message); Markdown
# the document cannot hold is refused by the prose rules (tests/test_inline_markdown.py)
BAD = [
    ("kontaktuppgifter", ("personer",), [], "minst 1 element"),
    ("kontaktuppgifter", ("personer", 0, "namn"), "", "får inte vara tom"),
    ("lägesbild", ("datum",), "2017-02-30", "inget giltigt datum"),
    ("lägesbild", ("prioriterade_områden",), [{"id": "x"}], "fältet 'namn' saknas"),
    ("åtgärdsplan", ("planer", 0, "mötesfrekvens", 0, "frekvens"), "ibland", "ogiltigt värde"),
    (
        "åtgärdsplan",
        ("planer", 0, "mötesfrekvens", 0, "text"),
        "Möten ca 2 ggr/termin",
        "måste innehålla {frekvens}",
    ),
    ("åtgärdsplan", ("planer", 0, "finansiering"), None, "värdet ska vara text"),
    ("åtgärdsplan", ("planer", 0, "parter", 0, "åtagande"), "", "får inte vara tom"),
    ("uppföljningsplan", ("uppföljning", 0, "avser"), "budget", "tillåtna värden"),
    (
        "uppföljningsplan",
        ("uppföljning", 0, "frekvens"),
        "två gånger",
        "värdet ska vara en mappning",
    ),
    ("kommunikationsplan", ("styrka",), {"text": "x"}, "menade du 'styrkor'"),
    ("övergripande överenskommelse", ("punkter",), [], "minst 1 element"),
    ("övergripande överenskommelse", ("diarienummer", 0, "nummer"), 483, "värdet ska vara text"),
    ("annan", ("typ",), "bilaga", "okänd 'typ'"),
]


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def _problems(tmp_path: Path, data: Any, shape: Any) -> list[tuple[int, int, str]]:
    path = tmp_path / "bilaga.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    document = read_yaml(path)
    try:
        TypeAdapter(shape).validate_python(document.data)
    except ValidationError as exc:
        return [
            (p.location.line, p.location.column, p.message)
            for p in schema_problems(exc, document, shape)
        ]
    return []


@pytest.mark.parametrize("kind", sorted(VALID))
def test_valid_examples_of_every_kind(tmp_path: Path, kind: str) -> None:
    assert _problems(tmp_path, VALID[kind], BilagaContent) == []


@pytest.mark.parametrize(("kind", "path", "value", "fragment"), BAD)
def test_bad_values_are_refused_where_they_stand(
    tmp_path: Path, kind: str, path: tuple[Any, ...], value: Any, fragment: str
) -> None:
    import copy

    data = copy.deepcopy(VALID[kind])
    _set(data, path, value)
    problems = _problems(tmp_path, data, BilagaContent)
    located = [(line, column) for line, column, message in problems if fragment in message]
    assert located, problems
    assert set(located) <= _places_at_or_around(read_yaml(tmp_path / "bilaga.yaml"), path)


def _places_at_or_around(document: Any, path: tuple[Any, ...]) -> set[tuple[int, int]]:
    """The node at `path`, its key, anything inside it, and its parent mapping (where
    pydantic reports a whole-object or discriminator error)."""
    places = {document.location(path, key=True), document.location(path[:-1])}
    places |= {document.location(q) for q in document.value_marks if q[: len(path)] == path}
    return {(place.line, place.column) for place in places}


def test_foreword_and_exception_fields_are_checked(tmp_path: Path) -> None:
    path = Path(__file__).parent.parent / "agreements" / "järva" / "overenskommelse.yaml"
    data = read_yaml(path).data
    data["förord"] = {"text": "<b>x</b>\n\n<div>y</div>", "datum": "i morgon"}
    data["innehållsförteckning"] = "ja"
    problems = _problems(tmp_path, data, Agreement)
    messages = " | ".join(m for _, _, m in problems)
    # a foreword may be dated by a year or a month ("Stockholm i juni 2024")
    assert "'datum': 'i morgon' är inget datum; skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD" in messages
    assert "'innehållsförteckning': värdet ska vara true eller false" in messages


def test_report_fields_are_checked(tmp_path: Path) -> None:
    path = Path(__file__).parent.parent / "agreements" / "järva" / "tjansteutlatande.yaml"
    data = read_yaml(path).data
    data["förslag_till_beslut"] = []
    data["datum"] = "2024-13-01"
    del data["undertecknare"]
    messages = " | ".join(m for _, _, m in _problems(tmp_path, data, Report))
    assert "'förslag_till_beslut': minst 1 element krävs" in messages
    assert "inget giltigt datum" in messages
    assert "fältet 'undertecknare' saknas" in messages
