"""`samverkan diff` sees every change: each leaf of each example, mutated in turn.

For every example agreement, every value of every file (the agreement, each bilaga file, the
tjänsteutlåtande) is changed in turn: a text gets a marker appended, a number +1, a
yes/no flipped, a date +1 day, a list item or a mapping key removed. Every list also gets
an item added (a copy of each item, with a marker), each item with an id duplicated, its
key changed to its neighbour's (two items with one id: pairing by id must not hide either),
and each item swapped with the next. A mutant that still validates is compared with the
original through the library API: the report must not say "Inga skillnader." (unless the
mutant's model is equal to the original, a removed key whose default is the same value),
must name the marker, the new date or the changed key, must not call anything removed when
only something was added, and must never call one text both removed and added (that is a
move). The originals are loaded once and each mutant is validated in memory, so the
thousands of cases take seconds.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from samverkan_cli.diff import sections as diff_walk
from samverkan_cli.diff.files import AgreementVersion, version_of
from samverkan_cli.diff.report_markdown import ARROW, inline
from samverkan_cli.diff.values import MISSING
from samverkan_cli.diff.versions import NO_DIFFERENCES, diff_folders, diff_versions
from samverkan_cli.model import Agreement, BilagaContent
from samverkan_cli.model.committee_report import Report
from samverkan_cli.model.item_names import KEY_FIELDS
from samverkan_cli.source.loading import LoadedAgreement, load_agreement
from tests.conftest import REPO_ROOT

EXAMPLES = [
    "exempel-huvudavtal",
    "exempel-kommun",
    "exempel-medborgarlofte",
    "exempel-numrerade-avsnitt",
    "exempel-tre-kommuner",
    "exempel-underavtal",
    "järva",
    "järva-2023",
    "rinkeby-kista-2017",
]
NONE = NO_DIFFERENCES + "\n"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
NUMBERED = ("bilagor", "lista")
"""A bilaga added in this list renumbers the later ones: every "bilaga 5" that becomes
"bilaga 6" is a real change, so an added bilaga may well change (remove) a text."""

_AGREEMENT: TypeAdapter[Agreement] = TypeAdapter(Agreement)
_BILAGA: TypeAdapter[Any] = TypeAdapter(BilagaContent)
_REPORT: TypeAdapter[Report] = TypeAdapter(Report)

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Mutant:
    """One changed copy of a file's data: what was done, where, and what the report must
    then name (None: only that something changed)."""

    what: str
    path: Path_
    data: Any
    expected: str | None
    choices: tuple[Any, ...] = ()
    """Other versions of `data` to try in turn when it does not validate (an added copy
    with the marker in another field: an id that must be unique, a text of a fixed form)."""
    adds_only: bool = False
    """True when the mutant only adds: the report must not call anything removed."""


@dataclass(frozen=True, slots=True)
class Source:
    """One file of an example: its data as read, how to validate it, and how a validated
    mutant replaces it in a version."""

    label: str
    data: Any
    adapter: TypeAdapter[Any]
    file: str | None
    """The bilaga's `fil`; None for the agreement and the tjänsteutlåtande."""


def _loaded(name: str) -> LoadedAgreement:
    loaded = load_agreement(REPO_ROOT / "agreements" / name)
    assert loaded.agreement is not None, loaded.problems
    return loaded


def _sources(loaded: LoadedAgreement) -> list[Source]:
    assert loaded.source is not None and loaded.agreement is not None
    found = [Source("overenskommelse.yaml", loaded.source.data, _AGREEMENT, None)]
    if loaded.report_source is not None:
        found.append(Source("tjansteutlatande.yaml", loaded.report_source.data, _REPORT, None))
    entries = loaded.agreement.bilagor.entries if loaded.agreement.bilagor else []
    for entry in entries:
        bilaga = loaded.bilagor.get(entry.id)
        if bilaga is not None and entry.file is not None:
            found.append(Source(entry.file, bilaga.document.data, _BILAGA, entry.file))
    return found


def _with(version: AgreementVersion, source: Source, model: Any) -> AgreementVersion:
    if source.file is not None:
        return replace(version, files={**version.files, source.file: model})
    if isinstance(model, Report):
        return replace(version, report=model)
    return replace(version, agreement=model)


def _original(version: AgreementVersion, source: Source) -> Any:
    if source.file is not None:
        return version.files[source.file]
    return version.report if source.adapter is _REPORT else version.agreement


# --- mutations ------------------------------------------------------------------------------


def mutants(data: Any) -> Iterator[Mutant]:
    """Every single-value change of `data`, and every removal of one list item or key."""
    counter = iter(range(1_000_000))
    yield from _mutants(data, (), counter)


def _mutants(value: Any, path: Path_, counter: Iterator[int]) -> Iterator[Mutant]:
    if isinstance(value, dict):
        for key, item in value.items():
            without = {k: v for k, v in value.items() if k != key}
            yield Mutant("nyckel borttagen", (*path, key), without, None)
            yield from _mutants(item, (*path, key), counter)
    elif isinstance(value, list):
        yield from _list_mutants(value, path, counter)
        for index, item in enumerate(value):
            without = value[:index] + value[index + 1 :]
            yield Mutant("post borttagen", (*path, index), without, None)
            yield from _mutants(item, (*path, index), counter)
    elif isinstance(value, bool):
        yield Mutant("ja/nej vänt", path, not value, None)
    elif isinstance(value, int):
        yield Mutant("tal + 1", path, value + 1, None)
    elif isinstance(value, dt.date):
        later = (value + dt.timedelta(days=1)).isoformat()
        yield Mutant("datum + 1", path, later, later)
    elif isinstance(value, str) and ISO_DATE.fullmatch(value):
        later = (dt.date.fromisoformat(value) + dt.timedelta(days=1)).isoformat()
        yield Mutant("datum + 1", path, later, later)
    elif isinstance(value, str):
        marker = f"Mzq{next(counter)}qzM"
        yield Mutant("text + markör", path, value + marker, marker)


def _list_mutants(items: list[Any], path: Path_, counter: Iterator[int]) -> Iterator[Mutant]:
    """A copy of each item added after it, each keyed item duplicated, each item's key set
    to its neighbour's, and each item swapped with the next."""
    for index, item in enumerate(items):
        marker = f"Mzq{next(counter)}qzM"
        copies = list(_marked_copies(item, marker))
        if copies:
            lists = tuple(_inserted(items, index, copy) for copy in copies)
            only = path != NUMBERED
            yield Mutant("post tillagd", path, lists[0], marker, lists[1:], adds_only=only)
        key = _key_of(item)
        if key is None:
            continue
        doubled = _inserted(items, index, item)
        yield Mutant("post dubblerad", path, doubled, None, adds_only=path != NUMBERED)
        neighbour = items[index + 1] if index + 1 < len(items) else items[index - 1]
        other = _key_of(neighbour) if neighbour is not item else None
        if other == key and neighbour[key] != item[key]:
            changed = [*items[:index], {**item, key: neighbour[key]}, *items[index + 1 :]]
            expected = f"{inline(str(item[key]))}{ARROW}{inline(str(neighbour[key]))}"
            yield Mutant("nyckel ändrad", path, changed, expected)
    for index in range(len(items) - 1):
        if items[index] != items[index + 1]:
            swapped = [*items[:index], items[index + 1], items[index], *items[index + 2 :]]
            yield Mutant("ordning ändrad", path, swapped, None)


def _key_of(item: Any) -> str | None:
    """The key an item of a list is known by (`id`, or `regel` of an undantag)."""
    if isinstance(item, dict):
        return next((key for key in KEY_FIELDS if isinstance(item.get(key), str)), None)
    return None


def _marked_copies(item: Any, marker: str) -> Iterator[Any]:
    """`item` with the marker appended to one of its texts, each text in turn."""
    if isinstance(item, str) and not ISO_DATE.fullmatch(item):
        yield item + marker
    elif isinstance(item, dict):
        for key, value in item.items():
            for copy in _marked_copies(value, marker):
                yield {**item, key: copy}
    elif isinstance(item, list):
        for index, value in enumerate(item):
            for copy in _marked_copies(value, marker):
                yield [*item[:index], copy, *item[index + 1 :]]


def _inserted(items: list[Any], index: int, item: Any) -> list[Any]:
    return [*items[: index + 1], item, *items[index + 1 :]]


def _contradictions(report: str) -> list[str]:
    """Lines that call one text both removed and added (a move, misreported)."""
    removed = set(_REMOVED.findall(report))
    return [f"{noun}: {text}" for noun, text in _ADDED.findall(report) if (noun, text) in removed]


_REMOVED = re.compile(r"^- Borttag(?:en|et) ([^:\n]+): (.*)$", re.MULTILINE)
_ADDED = re.compile(r"^- Nyt?t? ([^:\n]+): (.*)$", re.MULTILINE)
_REMOVAL_WORDS = ("- Borttag", "Borttaget stycke", f"{ARROW}{MISSING}", "Flytta")


def _target(mutant: Mutant) -> Path_:
    return mutant.path[:-1] if mutant.what.endswith("borttagen") else mutant.path


def _validated(source: Source, mutant: Mutant) -> Any | None:
    """The mutant's model: the first of its versions that validates; None if none does."""
    for data in (mutant.data, *mutant.choices):
        try:
            return source.adapter.validate_python(_set(source.data, _target(mutant), data))
        except ValidationError:
            continue
    return None


def _set(data: Any, path: Path_, value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, list):
        assert isinstance(head, int)
        copy = list(data)
        copy[head] = _set(data[head], rest, value)
        return copy
    return {**data, head: _set(data[head], rest, value)}


# --- the property ---------------------------------------------------------------------------


@dataclass(slots=True)
class Tally:
    tried: int = 0
    compared: int = 0
    equal_models: int = 0


def _failures(name: str) -> tuple[list[str], Tally]:
    """Every mutant of every file of an example the report misses, and how many there were."""
    loaded = _loaded(name)
    original = version_of(loaded)
    tally = Tally()
    failures: list[str] = []
    for source in _sources(loaded):
        before = _original(original, source)
        for mutant in mutants(source.data):
            tally.tried += 1
            model = _validated(source, mutant)
            if model is None:
                continue
            tally.compared += 1
            report = diff_versions(original, _with(original, source, model))
            where = f"{source.label} {'/'.join(map(str, mutant.path))} ({mutant.what})"
            if model == before:
                tally.equal_models += 1
                if report != NONE:
                    failures.append(f"{where}: ingen ändring i modellen men:\n{report}")
            elif report == NONE:
                failures.append(f"{where}: rapporten säger {NO_DIFFERENCES}")
            elif mutant.expected is not None and mutant.expected not in report:
                failures.append(f"{where}: {mutant.expected} saknas i\n{report}")
            elif contradicted := _contradictions(report):
                failures.append(f"{where}: både borttagen och ny: {contradicted}\n{report}")
            elif mutant.adds_only and any(word in report for word in _REMOVAL_WORDS):
                failures.append(f"{where}: bara tillagt, men rapporten tar bort:\n{report}")
    return failures, tally


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_mutated_leaf_is_reported(name: str) -> None:
    failures, tally = _failures(name)
    assert not failures, f"{len(failures)} of {tally.compared}:\n" + "\n".join(failures[:10])
    assert tally.compared > 100, tally


@pytest.mark.parametrize("name", ["exempel-tre-kommuner", "järva", "rinkeby-kista-2017"])
def test_the_walk_over_the_data_alone_misses_nothing(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without any readable comparison (as for a field no comparison knows yet), the walk
    over the data still reports every mutant, the marker included. These three examples
    hold every kind of bilaga file and the tjänsteutlåtande."""
    monkeypatch.setattr(diff_walk, "diff_value", lambda *args: None)
    failures, tally = _failures(name)
    assert not failures, f"{len(failures)} of {tally.compared}:\n" + "\n".join(failures[:10])


@pytest.mark.parametrize("name", EXAMPLES)
def test_an_unchanged_copy_has_no_differences(name: str, tmp_path: Path) -> None:
    copy = tmp_path / "agreements" / name
    shutil.copytree(REPO_ROOT / "agreements" / name, copy)
    assert diff_folders(REPO_ROOT / "agreements" / name, copy).endswith(NONE)
    assert diff_versions(version_of(_loaded(name)), version_of(load_agreement(copy))) == NONE
