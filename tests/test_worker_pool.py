"""`build --alla` and `validate` on every core (`core.worker_pool`): what they print, in
which order, and the files they write are the same with one worker and with several; one
agreement's failure in the middle of a parallel run loses nothing of the others; one core
works as before. No timing is asserted (performance is measured in bench/, not tested)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from samverkan_cli.cli.main import cli
from samverkan_cli.core import worker_pool
from samverkan_cli.core.errors import TemplateTimedOut
from samverkan_cli.core.worker_pool import WORKERS_VARIABLE, Failed, Skipped, ordered_map
from samverkan_cli.validate import command as validate_command
from tests.conftest import REPO_ROOT

CHOSEN = ("exempel-kommun", "exempel-region", "exempel-tre-kommuner", "järva", "rinkeby-kista-2017")


@pytest.fixture
def small_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Five agreements (the third broken: an unknown key) as the working directory."""
    root = tmp_path / "repo"
    for name in CHOSEN:
        shutil.copytree(REPO_ROOT / "agreements" / name, root / "agreements" / name)
    broken = root / "agreements" / "exempel-tre-kommuner" / "overenskommelse.yaml"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("exemplar:", "exmplar:", 1), encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def _run(args: list[str], workers: int, monkeypatch: pytest.MonkeyPatch) -> Result:
    monkeypatch.setenv(WORKERS_VARIABLE, str(workers))
    return CliRunner().invoke(cli, args)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_build_alla_prints_and_writes_the_same_with_one_worker_and_many(
    small_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = _run(["build", "--alla", "--out", "ut1"], 1, monkeypatch)
    parallel = _run(["build", "--alla", "--out", "ut2"], 3, monkeypatch)
    assert serial.exit_code == parallel.exit_code == 1, serial.output
    assert serial.stdout.replace("ut1/", "ut2/") == parallel.stdout
    assert serial.stderr.replace("ut1/", "ut2/") == parallel.stderr
    # the broken agreement in the middle is reported, and the ones after it were built
    assert "exempel-tre-kommuner: misslyckades, 1 fel" in parallel.stderr
    assert "byggde 4 av 5 överenskommelser; misslyckades: exempel-tre-kommuner" in parallel.stderr
    built = _files(small_repo / "ut1")
    assert not (small_repo / "ut1" / "exempel-tre-kommuner").exists()
    assert {Path(name).parts[0] for name in built} == set(CHOSEN) - {"exempel-tre-kommuner"}
    assert built == _files(small_repo / "ut2")


def test_validate_prints_the_same_with_one_worker_and_many(
    small_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(validate_command, "PARALLEL_FROM", 2)
    for output_format in ("text", "json"):
        args = ["validate", "--format", output_format]
        serial, parallel = _run(args, 1, monkeypatch), _run(args, 3, monkeypatch)
        assert serial.exit_code == parallel.exit_code == 1
        assert serial.stdout == parallel.stdout and serial.stderr == parallel.stderr
        assert "exmplar" in parallel.stdout


def test_one_core_works_in_this_process(small_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(WORKERS_VARIABLE, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    if hasattr(os, "sched_getaffinity"):
        monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    monkeypatch.setattr(validate_command, "PARALLEL_FROM", 2)
    monkeypatch.setattr(worker_pool, "_pooled", _no_pool)
    built = CliRunner().invoke(cli, ["build", "--alla", "--out", "ut"])
    assert built.exit_code == 1 and "byggde 4 av 5" in built.stderr, built.output
    checked = CliRunner().invoke(cli, ["validate"])
    assert checked.exit_code == 1 and "exmplar" in checked.stdout


def _no_pool(*args: object) -> Iterator[object]:
    raise AssertionError("one core: no worker processes")


# --- the pool itself ---------------------------------------------------------------------


def _square_or_fail(offset: int, item: int) -> int:
    if item == 5:
        raise ValueError(f"fel vid {item}")
    if item == 7:
        raise _Unsendable(lambda: item)
    if item == 11:
        raise TemplateTimedOut("mallen tog för lång tid")
    return item * item + offset


class _Unsendable(Exception):
    """An exception that does not pickle (it holds a lambda)."""


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_results_come_in_order_and_failures_stay_with_their_item(
    workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(WORKERS_VARIABLE, str(workers))
    outcomes = list(ordered_map(_square_or_fail, 1, list(range(11)), parallel_from=2))
    assert [o for i, o in enumerate(outcomes) if i not in (5, 7)] == [
        i * i + 1 for i in range(11) if i not in (5, 7)
    ]
    failed = outcomes[5]
    assert isinstance(failed, Failed) and str(failed.error) == "fel vid 5"
    assert isinstance(failed.error, ValueError)
    unsendable = outcomes[7]  # sent back by its name and text, as an internal error shows it
    assert isinstance(unsendable, Failed) and type(unsendable.error).__name__ == "_Unsendable"


@pytest.mark.parametrize("workers", [1, 2])
def test_a_stop_skips_what_comes_after_it(workers: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(WORKERS_VARIABLE, str(workers))
    items = [1, 2, 11, 3, 4, 6, 8, 9, 10, 12, 13, 14]
    outcomes = list(
        ordered_map(_square_or_fail, 0, items, parallel_from=2, stop_on=TemplateTimedOut)
    )
    assert outcomes[:2] == [1, 4]
    assert isinstance(outcomes[2], Failed) and isinstance(outcomes[2].error, TemplateTimedOut)
    # a worker may have finished an item after the stop before it was told: never one before
    assert all(isinstance(o, Skipped | int) for o in outcomes[3:])
    if workers == 1:
        assert all(isinstance(o, Skipped) for o in outcomes[3:])


def test_the_first_item_warms_this_process_and_a_few_stay_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(WORKERS_VARIABLE, "4")
    monkeypatch.setattr(worker_pool, "_pooled", _no_pool)
    assert list(ordered_map(_square_or_fail, 0, [1, 2, 3], parallel_from=4)) == [1, 4, 9]
    assert list(ordered_map(_square_or_fail, 0, [2], parallel_from=1)) == [4]
