"""`samverkan diff` sees every change: each leaf of each example, mutated in turn.

For every example agreement, every value of every file (the agreement, each bilaga file, the
tjänsteutlåtande) is changed in turn: a text gets a marker appended, a number +1, a
yes/no flipped, a date +1 day, a list item or a mapping key removed. A mutant that still
validates is compared with the original through the library API: the report must not say
"Inga skillnader." (unless the mutant's model is equal to the original, a removed key whose
default is the same value), and must name the marker or the new date. The originals are
loaded once and each mutant is validated in memory, so the thousands of cases take seconds.
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

from samverkan_cli import diff_walk
from samverkan_cli.diff_files import AgreementVersion, version_of
from samverkan_cli.diffing import NO_DIFFERENCES, diff_folders, diff_versions
from samverkan_cli.loading import LoadedAgreement, load_agreement
from samverkan_cli.model import Agreement, BilagaContent
from samverkan_cli.model.report import Report
from tests.conftest import REPO_ROOT

EXAMPLES = [
    "exempel-kommun",
    "exempel-medborgarlofte",
    "exempel-tre-kommuner",
    "järva",
    "järva-2023",
    "rinkeby-kista-2017",
]
NONE = NO_DIFFERENCES + "\n"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

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


def _apply(data: Any, mutant: Mutant) -> Any:
    """`data` with the mutant in place, copying only the containers on its path. A removal
    mutant holds the container without the item, so it replaces the container itself."""
    path = mutant.path[:-1] if mutant.what.endswith("borttagen") else mutant.path
    return _set(data, path, mutant.data)


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
            try:
                model = source.adapter.validate_python(_apply(source.data, mutant))
            except ValidationError:
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
