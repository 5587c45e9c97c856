"""Messages that teach: every refusal of a value shows an accepted example of its form;
an org.nr without its dash is taken when unambiguous; `build --alla` ends with a summary;
`status` fits the terminal.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from samverkan_cli.cli.main import cli
from samverkan_cli.core.problems import Problem
from samverkan_cli.model.frequency_prose import frequency_suggestion
from samverkan_cli.model.orgnr import OrgNumberRefused, normalised_org_number
from samverkan_cli.model.party import Party
from samverkan_cli.source.schema_errors import _SIMPLE, _message
from samverkan_cli.status.output import fitted_table
from tests.agreement_copy import AgreementCopy

EXAMPLE = re.compile(r"t\.ex\.|till exempel|\{[^{}:]+: [^{}]+\}")


def schema_problems(jarva: AgreementCopy, old: str, new: str) -> list[Problem]:
    jarva.edit(old, new)
    return [p for p in jarva.check() if p.rule == "SV010"]


# --- every template and every kind of refusal shows an example --------------------------------


@pytest.mark.parametrize("kind", sorted(_SIMPLE))
def test_every_simple_template_shows_an_example(kind: str) -> None:
    assert "{example}" in _SIMPLE[kind]
    context = {"min_length": 1, "max_length": 1, "ge": 1, "gt": 0, "le": 9}
    detail: Any = {"type": kind, "loc": ("exemplar",), "msg": "x", "input": "x", "ctx": context}
    message = _message(detail, ("exemplar",), ["exemplar"], None)
    assert EXAMPLE.search(message), message


@pytest.mark.parametrize(
    ("kind", "given", "ctx"),
    [
        ("missing", None, {}),
        ("extra_forbidden", 1, {}),
        ("literal_error", "x", {"expected": "'a' or 'b'"}),
        ("enum", "x", {"expected": "'a' or 'b'"}),
        ("date_from_datetime_parsing", "2025-13-01", {}),
        ("union_tag_not_found", "x", {}),
        ("union_tag_invalid", "x", {}),
        ("samverkan", "x", {}),
        ("some_future_type", "x", {}),
    ],
)
def test_every_other_kind_shows_an_example(kind: str, given: object, ctx: dict[str, Any]) -> None:
    detail: Any = {"type": kind, "loc": ("titel",), "msg": "fel", "input": given, "ctx": ctx}
    message = _message(detail, ("titel",), ["titel", "exemplar"], None)
    assert EXAMPLE.search(message), message


@pytest.mark.parametrize(
    ("old", "new", "wanted"),
    [
        # frequencies: the text meant, as the mapping it means, and every form
        ("frekvens: {minst: 2, per: år}", "frekvens: två gånger per år", "{antal: 2, per: år}"),
        (
            "frekvens: {minst: 2, per: år}",
            "frekvens: minst fyra möten per år",
            "{minst: 4, per: år}",
        ),
        ("frekvens: {minst: 2, per: år}", "frekvens: vart tredje år", "{vart: 3, per: år}"),
        ("frekvens: {minst: 2, per: år}", "frekvens: årligen", "{varje: år}"),
        ("frekvens: {minst: 2, per: år}", "frekvens: ofta", "{minst: 2, per: år}"),
        ("frekvens: {minst: 2, per: år}", "frekvens: {minst: 2, per: årligen}", "per: år"),
        ("frekvens: {minst: 2, per: år}", "frekvens: {minst: 2}", "t.ex. per: år"),
        ("frekvens: {minst: 2, per: år}", "frekvens: {minst: tre, per: år}", "t.ex. minst: 3"),
        (
            "frekvens: {minst: 2, per: år}",
            "frekvens: {minst: 2, per: år, siffror: ja}",
            "t.ex. siffror: true",
        ),
        (
            "frekvens: {minst: 2, per: år}",
            "frekvens: {veckodagar: fredag}",
            "t.ex. veckodagar: [fredag]",
        ),
        # enumerations: the nearest allowed value
        ("      roll: styrgrupp", "      roll: stryrgrupp", "menade du 'styrgrupp'?"),
        ("    typ: lokalpolisområde", "    typ: lokalpolis", "t.ex. typ: lokalpolisområde"),
        ("    typ: lokalpolisområde", "    typ: [lokalpolisområde]", "skriv ett enda värde"),
        # dates: day and month swapped, or prose
        ("  datum: 2024-06-01", "  datum: 2024-13-06", "t.ex. datum: 2024-06-13"),
        ("  datum: 2024-06-01", "  datum: 1 juni 2024", "t.ex. datum: 2024-06-01"),
        # numbers and truth values
        ("exemplar: 2", "exemplar: två", "t.ex. exemplar: 2"),
        ("exemplar: 2", "exemplar: 0", "t.ex. exemplar: 1"),
        # unknown and missing keys
        ("exemplar: 2", "exmplar: 2", "menade du 'exemplar'? (t.ex. exemplar: 2)"),
        ("exemplar: 2", "exemplar: [2]", "t.ex. exemplar: 2"),
        ("    typ: lokalpolisområde\n", "", "fältet 'typ' saknas; lägg till det, t.ex. typ: "),
    ],
)
def test_refusals_show_the_accepted_form(
    jarva: AgreementCopy, old: str, new: str, wanted: str
) -> None:
    problems = schema_problems(jarva, old, new)
    assert problems, "refused"
    assert any(wanted in p.message for p in problems), [p.message for p in problems]
    for problem in problems:
        assert EXAMPLE.search(problem.message), problem.message


def test_a_key_with_a_no_break_space_is_named(jarva: AgreementCopy) -> None:
    (problem,) = schema_problems(jarva, "exemplar: 2", "\u00a0exemplar: 2")
    assert "osynligt mellanslag (U+00A0" in problem.message
    assert "'exemplar:'" in problem.message


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("tre gånger per termin", "{antal: 3, per: termin}"),
        ("cirka 10 tillfällen per år", "{cirka: 10, per: år}"),
        ("varannan månad", "{varannan: månad}"),
        ("var fjärde vecka", "{var: 4, per: vecka}"),
        ("varje tisdag", "{veckodagar: [tisdag]}"),
        ("måndagar och torsdagar", "{veckodagar: [måndag, torsdag]}"),
        ("kvartalsvis", "{varje: kvartal}"),
        ("någon gång", None),
    ],
)
def test_frequency_prose_is_read_as_its_mapping(text: str, meant: str | None) -> None:
    assert frequency_suggestion(text) == meant


# --- organisationsnummer -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "taken"),
    [
        (2120000142, "212000-0142"),
        ("2120000142", "212000-0142"),
        ("212000 0142", "212000-0142"),
        ("16212000-0142", "212000-0142"),
        ("202100-0076", "202100-0076"),
        (5560360793, "556036-0793"),
    ],
)
def test_an_unambiguous_org_number_is_taken_with_its_dash(given: object, taken: str) -> None:
    assert normalised_org_number(given) == taken


@pytest.mark.parametrize(
    ("given", "words"),
    [
        (2120000143, "fel kontrollsiffra"),
        ("212000014", "har 9 siffror men ska ha 10"),
        ("21200001422", "har 11 siffror"),
        ("212OOO-0142", "bara ha siffror"),
        (True, "inom citattecken"),
        (21.5, "inom citattecken"),
    ],
)
def test_an_ambiguous_org_number_is_told_the_exact_form(given: object, words: str) -> None:
    with pytest.raises(OrgNumberRefused) as refused:
        normalised_org_number(given)
    assert words in str(refused.value)
    assert '"212000-0142"' in str(refused.value)


def test_an_unquoted_org_number_passes_the_check(jarva: AgreementCopy) -> None:
    jarva.edit("organisationsnummer: 212000-0142", "organisationsnummer: 2120000142")
    assert [p for p in jarva.check() if p.severity.value == "fel"] == []
    fields = {"organisationsnummer": 2120000142}
    assert Party.model_fields["org_number"].alias in fields


def test_a_wrong_unquoted_org_number_is_refused_once(jarva: AgreementCopy) -> None:
    (problem,) = schema_problems(
        jarva, "organisationsnummer: 212000-0142", "organisationsnummer: 2120000143"
    )
    assert "fel kontrollsiffra" in problem.message
    assert "sätt citattecken" not in problem.message


# --- build --alla and status -------------------------------------------------------------------


def test_build_alla_ends_with_a_summary_and_the_failures_last(in_repo: Path) -> None:
    broken = in_repo / "agreements" / "exempel-kommun" / "overenskommelse.yaml"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("exemplar:", "exmplar:", 1), encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--alla", "--out", str(in_repo / "ut")])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    heading = lines.index("exempel-kommun: misslyckades, 1 fel; ingenting skrevs för den")
    assert "exmplar" in lines[heading + 1] and lines[heading + 1].startswith("agreements/")
    assert all(not line.startswith("skrev ") for line in lines[heading:])
    total = len(list((in_repo / "agreements").iterdir()))
    assert lines[-1] == (
        f"byggde {total - 1} av {total} överenskommelser; misslyckades: exempel-kommun"
    )


def test_build_alla_summary_when_all_were_built(in_repo: Path) -> None:
    for folder in (in_repo / "agreements").iterdir():
        if folder.name != "järva":
            for path in sorted(folder.rglob("*"), reverse=True):
                path.unlink() if path.is_file() else path.rmdir()
            folder.rmdir()
    result = CliRunner().invoke(cli, ["build", "--alla", "--out", str(in_repo / "ut")])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "byggde 1 av 1 överenskommelser"


@pytest.mark.parametrize("columns", ["100", "80", "60"])
def test_status_fits_the_terminal(
    in_repo: Path, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    for day in ("2018-08-01", "2025-06-01"):
        result = CliRunner().invoke(cli, ["status", "--idag", day])
        assert result.exit_code == 0, result.output
        assert max(len(line) for line in result.output.splitlines()) <= int(columns)
        assert result.output.startswith("Överenskommelse")


def test_status_is_100_columns_when_not_a_terminal(
    in_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    result = CliRunner().invoke(cli, ["status", "--idag", "2018-08-01"])
    assert max(len(line) for line in result.output.splitlines()) <= 100
    json_result = CliRunner().invoke(cli, ["status", "--idag", "2018-08-01", "--format", "json"])
    assert "samråd om förlängning" in json_result.output  # the full data


def test_a_fitted_table_keeps_what_fits_and_wraps_within_columns() -> None:
    rows = [("Namn", "Text"), ("a", "ett två tre fyra fem sex sju åtta nio tio")]
    assert fitted_table(rows, 80) == [
        "Namn  Text",
        "a     ett två tre fyra fem sex sju åtta nio tio",
    ]
    wrapped = fitted_table(rows, 24)
    assert max(len(line) for line in wrapped) <= 24
    words = [word for line in wrapped[1:] for word in line.split() if word != "a"]
    assert words == ["ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio"]
