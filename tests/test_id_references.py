"""References by id (rules/ids.py): an unknown id is an error at the reference, with the ids
that are known and the nearest one, never a value silently left out of the document."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.core.errors import ProblemsFound
from samverkan_cli.core.problems import Severity
from tests.agreement_copy import AgreementCopy
from tests.test_rules import assert_problem, covers_rule, only, value_position

copy_of = AgreementCopy.of_example


@covers_rule("SV157")
def test_sv157_a_contact_of_a_misspelt_party_is_refused_not_left_out(tmp_path: Path) -> None:
    agreement = copy_of("rinkeby-kista-2017", tmp_path)
    file = "bilagor/samordnare.yaml"
    text = agreement.edit("  - part: sdf\n", "  - part: sdff\n", file)
    problem = only(agreement.check(), "SV157")
    assert_problem(
        problem,
        Severity.ERROR,
        agreement.folder / file,
        value_position(text, "part: sdff"),
        "okänd part 'sdff'; kända: sdf, polisen (menade du 'sdf'?). Skriv till exempel 'part: sdf'",
    )
    with pytest.raises(ProblemsFound):
        build_agreement(agreement.folder, tmp_path / "out")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize(
    ("name", "file", "old", "new", "needle", "written"),
    [
        (
            "exempel-medborgarlofte",
            "overenskommelse.yaml",
            "    - part: kommunen\n      funktioner:",
            "    - part: kommun\n      funktioner:",
            "part: kommun\n",
            "kommun",
        ),
        (
            "exempel-medborgarlofte",
            "bilagor/medborgarloften.yaml",
            "  - parter: [polisen]\n",
            "  - parter: [polis]\n",
            "polis]",
            "polis",
        ),
    ],
    ids=["resurser", "medborgarlöften"],
)
def test_sv157_every_party_reference_is_checked_at_the_reference(
    tmp_path: Path, name: str, file: str, old: str, new: str, needle: str, written: str
) -> None:
    # the promises in a bilaga: the fixture keeps the earlier shape of the medborgarlöfte example
    fixture = Path(__file__).parent / "fixtures" / "agreements" / name
    agreement = AgreementCopy(tmp_path / "agreements" / name)
    shutil.copytree(fixture, agreement.folder)
    text = agreement.edit(old, new, file)
    problem = only(agreement.check(), "SV157")
    line = text[: text.index(new)].count("\n") + 1 + new[: new.index(needle)].count("\n")
    assert problem.location.line == line, problem
    assert Path(problem.location.file).resolve() == (agreement.folder / file).resolve()
    assert f"okänd part '{written}'; kända: kommunen, polisen" in problem.message


def test_sv157_an_activity_matrix_column_of_an_unknown_party_is_refused_at_its_key(
    tmp_path: Path,
) -> None:
    agreement = copy_of("exempel-tre-kommuner", tmp_path)
    file = "bilagor/aktivitetsmatris.yaml"
    text = agreement.text(file)
    first = text.index("      exempelvik:")
    edited = text[:first] + "      exempelvk:" + text[first + len("      exempelvik:") :]
    (agreement.folder / file).write_text(edited, encoding="utf-8")
    problem = only(agreement.check(), "SV157")
    assert (problem.location.line, problem.location.column) == (
        edited[:first].count("\n") + 1,
        7,
    )
    assert "okänd part 'exempelvk'" in problem.message
    assert "(menade du 'exempelvik'?)" in problem.message


@covers_rule("SV158")
def test_sv158_an_action_plan_of_an_unknown_priority_area_is_refused(tmp_path: Path) -> None:
    agreement = copy_of("exempel-tre-kommuner", tmp_path)
    file = "bilagor/atgardsplan.yaml"
    text = agreement.edit("prioriterat_område: inbrott", "prioriterat_område: inbrot", file)
    problem = only(agreement.check(), "SV158")
    assert_problem(
        problem,
        Severity.ERROR,
        agreement.folder / file,
        value_position(text, "prioriterat_område: inbrot\n"[:-1]),
        "okänt prioriterat område 'inbrot'; kända: narkotika, inbrott, vald (menade du "
        "'inbrott'?). Skriv till exempel 'prioriterat_område: narkotika'",
    )


def test_a_known_priority_area_is_printed_in_its_action_plan(tmp_path: Path) -> None:
    agreement = copy_of("exempel-tre-kommuner", tmp_path)
    build_agreement(agreement.folder, tmp_path / "out")
    (markdown,) = (tmp_path / "out").glob("*.md")
    assert "| Prioriterat område |" in markdown.read_text(encoding="utf-8")


@covers_rule("SV159")
def test_sv159_an_exception_for_an_unknown_rule_is_refused(tmp_path: Path) -> None:
    agreement = copy_of("järva", tmp_path)
    exception = "undantag:\n  - regel: SV999\n    motivering: En regel som inte finns.\n"
    text = agreement.edit("\nexemplar:", f"\n{exception}exemplar:")
    problem = only(agreement.check(), "SV159")
    assert_problem(
        problem,
        Severity.ERROR,
        agreement.folder / "overenskommelse.yaml",
        value_position(text, "regel: SV999"),
        "okänd regel 'SV999'",
    )
    assert problem.message.endswith(
        "; `samverkan regler` listar reglernas id. Skriv till exempel 'regel: SV101'"
    )
