"""Two items with one id are refused (rules/unique_ids.py, SV165): at the second, naming the
line of the first, with an id that would do. Tested on every list with ids in every file of
every example, found by walking the data as written (so a list added later is covered), and
on the undantag, whose key is the rule."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from samverkan_cli.check.folder import check_folder
from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.source.yaml_document import YamlDocument
from tests.agreement_copy import AgreementCopy
from tests.conftest import REPO_ROOT
from tests.test_diff_properties import EXAMPLES
from tests.test_rules import assert_problem, covers_rule, only, position, value_position

KEYS = ("id", "regel")


copy_of = AgreementCopy.of_example


@covers_rule("SV165")
def test_sv165_a_second_priority_area_with_the_same_id(tmp_path: Path) -> None:
    jarva = copy_of("järva", tmp_path)
    file = "bilagor/lagesbild.yaml"
    text = jarva.edit("- id: kriminella-konflikter", "- id: nyrekrytering", file)
    first_line, _ = position(text, "- id: nyrekrytering\n    namn: Nyrekrytering")
    problem = only(jarva.check(), "SV165")
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / file,
        value_position(text, "id: nyrekrytering", after="namn: Nyrekrytering"),
        f"id 'nyrekrytering' finns redan på rad {first_line}; varje prioriterat område "
        "behöver ett eget id, t.ex. 'nyrekrytering-2'",
    )


def test_sv165_two_exceptions_for_one_rule_are_refused(tmp_path: Path) -> None:
    agreement = copy_of("rinkeby-kista-2017", tmp_path)
    text = agreement.edit(
        "      avtal kräver tid för genomförande.\n",
        "      avtal kräver tid för genomförande.\n"
        "  - regel: SV126\n    fil: bilagor/atgardsplaner.yaml\n    plats: planer\n"
        "    allvarlighet: varning\n    motivering: NYTT SKÄL som är långt\n",
    )
    first_line, _ = position(text, "regel: SV126", after="regel: SV125")
    problem = only(agreement.check(), "SV165")
    assert_problem(
        problem,
        Severity.ERROR,
        agreement.folder / "overenskommelse.yaml",
        value_position(text, "regel: SV126", after="avtal kräver tid"),
        f"ett undantag för regel 'SV126' finns redan på rad {first_line}, med samma fil "
        "'bilagor/atgardsplaner.yaml' och plats 'planer'; en regel kan ha flera undantag bara "
        "om de gäller olika platser ('plats', 'fil'). Slå ihop motiveringarna",
    )


def test_sv165_two_exceptions_for_one_rule_at_different_places_are_accepted(
    tmp_path: Path,
) -> None:
    """Same rule and same place is the duplicate; other places are other undantag."""
    agreement = copy_of("rinkeby-kista-2017", tmp_path)
    two = (
        "  - regel: SV126\n    plats: parter[1]\n    motivering: Ett skäl som är långt nog\n"
        "  - regel: SV126\n    plats: parter[2]\n    motivering: Ett skäl som är långt nog\n"
    )
    agreement.edit(
        "      avtal kräver tid för genomförande.\n",
        "      avtal kräver tid för genomförande.\n" + two,
    )
    assert not [p for p in agreement.check() if p.rule == "SV165"]
    agreement.edit("plats: parter[2]", "plats: parter[1]")
    problem = only(agreement.check(), "SV165")
    assert "med samma plats 'parter[1]'; en regel kan ha flera" in problem.message


def test_sv165_a_priority_area_id_used_in_two_lagesbilder(tmp_path: Path) -> None:
    """The agreement's own lägesbild and a lägesbild bilaga share one set of area ids."""
    jarva = copy_of("järva", tmp_path)
    revision = "  revidering:\n    frekvens: {varje: år, eller_vid_behov: true}\n"
    areas = "  prioriterade_områden:\n    - id: otrygga-platser\n      namn: Otrygga platser\n"
    text = jarva.edit(revision, areas + revision)
    first_line, _ = position(text, "- id: otrygga-platser")
    bilaga = jarva.text("bilagor/lagesbild.yaml")
    problem = only(jarva.check(), "SV165")
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / "bilagor/lagesbild.yaml",
        value_position(bilaga, "id: otrygga-platser"),
        f"id 'otrygga-platser' finns redan på rad {first_line} i ",
    )
    assert "overenskommelse.yaml; varje prioriterat område" in problem.message, problem


# --- the class: every list with ids, in every file of every example --------------------------


@dataclass(frozen=True, slots=True)
class KeyedList:
    """Two items of one list that an id (or an undantag's rule) tells apart."""

    file: Path
    path: tuple[str | int, ...]
    key: str
    first: Any
    second: Any


def _documents(name: str) -> Iterator[YamlDocument]:
    loaded = load_agreement(REPO_ROOT / "agreements" / name)
    assert loaded.source is not None
    yield loaded.source
    yield from (bilaga.document for bilaga in loaded.bilagor.values())
    if loaded.report_source is not None:
        yield loaded.report_source


def _keyed_lists(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[Any, str, list[Any]]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _keyed_lists(item, (*path, key))
    elif isinstance(value, list):
        for key in KEYS:
            keyed = [item for item in value if isinstance(item, dict) and key in item]
            if len(keyed) >= 2 and len({str(item[key]) for item in keyed}) == len(keyed):
                yield path, key, value
        for index, item in enumerate(value):
            yield from _keyed_lists(item, (*path, index))


def _cases() -> list[tuple[str, KeyedList]]:
    cases: list[tuple[str, KeyedList]] = []
    for name in EXAMPLES:
        for document in _documents(name):
            for path, key, items in _keyed_lists(document.data, ()):
                first, second = [i for i, item in enumerate(items) if key in item][:2]
                cases.append((name, KeyedList(document.path, path, key, first, second)))
    return cases


CASES = _cases()


def test_the_examples_have_lists_with_ids_in_bilaga_files_too() -> None:
    files = {case.file.name for _, case in CASES}
    assert len(CASES) >= 15 and "overenskommelse.yaml" in files and len(files) >= 4, files


@pytest.mark.parametrize(
    ("name", "case"),
    CASES,
    ids=[f"{name}:{case.file.name}:{'/'.join(map(str, case.path))}" for name, case in CASES],
)
def test_every_list_with_ids_refuses_a_repeated_id(
    name: str, case: KeyedList, tmp_path: Path
) -> None:
    """The second item gets the first one's id, written in the file as a user would: the
    agreement is refused at that id, by SV165 or, for lists the model already checks (forum,
    parter, bilagor, planer), by the schema, never by both and never accepted."""
    agreement = copy_of(name, tmp_path)
    relative = case.file.relative_to(REPO_ROOT / "agreements" / name)
    document = next(d for d in _documents(name) if d.path == case.file)
    first = document.location((*case.path, case.first, case.key))
    second = document.location((*case.path, case.second, case.key))
    items = _at(document.data, case.path)
    written = str(items[case.first][case.key])
    _replace_at(agreement.folder / relative, second.line, second.column, items, case, written)
    problems = agreement.check()
    errors = [p for p in problems if p.severity is Severity.ERROR]
    ours = [p for p in problems if p.rule == "SV165"]
    schema = [p for p in errors if p.rule == "SV010" and "unika" in p.message]
    assert errors, f"{relative}: två poster med {case.key} '{written}' godtogs"
    if schema:
        assert not ours, [str(p) for p in ours]
        return
    assert len(ours) == 1, [str(p) for p in problems]
    _assert_at(ours[0], agreement.folder / relative, (second.line, second.column))
    assert f"'{written}' finns redan på rad {first.line}" in ours[0].message, ours[0]
    assert "t.ex." in ours[0].message, ours[0]


def _at(data: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _replace_at(
    file: Path, line: int, column: int, items: list[Any], case: KeyedList, written: str
) -> None:
    """Write `written` over the second item's key value, in place in the text."""
    lines = file.read_text(encoding="utf-8").split("\n")
    old = str(items[case.second][case.key])
    text = lines[line - 1]
    start = column - 1
    if text[start : start + len(old)] != old:
        pytest.fail(f"{file.name}:{line}:{column}: {old!r} not written plainly: {text!r}")
    lines[line - 1] = text[:start] + written + text[start + len(old) :]
    file.write_text("\n".join(lines), encoding="utf-8")


def _assert_at(problem: Problem, file: Path, at: tuple[int, int]) -> None:
    assert Path(problem.location.file).resolve() == file.resolve(), problem
    assert (problem.location.line, problem.location.column) == at, problem


def test_check_folder_of_an_unchanged_example_has_no_sv165() -> None:
    for name in EXAMPLES:
        _, problems = check_folder(REPO_ROOT / "agreements" / name)
        assert not [p for p in problems if p.rule == "SV165"], name
