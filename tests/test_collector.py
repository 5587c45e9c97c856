"""The garbage collector's threshold: high while the command line starts and checks, the
default again once a build has built an agreement (building many makes cyclic garbage)."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from samverkan_cli.build.command import build
from samverkan_cli.core.collector import START_UP_THRESHOLD, collect_normally, defer_collection


@pytest.fixture
def default_thresholds() -> Iterator[tuple[int, int, int]]:
    before = gc.get_threshold()
    yield before
    gc.set_threshold(*before)


def test_deferred_then_normal(default_thresholds: tuple[int, int, int]) -> None:
    defer_collection()
    assert gc.get_threshold() == (START_UP_THRESHOLD, *default_thresholds[1:])
    collect_normally()
    assert gc.get_threshold() == default_thresholds


def test_a_build_collects_normally_once_an_agreement_is_built(
    in_repo: Path, default_thresholds: tuple[int, int, int]
) -> None:
    defer_collection()
    assert build(in_repo, "järva", None, echo=lambda *args, **kwargs: None) == 0
    assert gc.get_threshold() == default_thresholds


def test_the_command_line_starts_with_the_high_threshold() -> None:
    script = (
        "import gc, sys\n"
        "import samverkan_cli.cli.main as cli\n"
        "sys.argv = ['samverkan', '--version']\n"
        "cli.use_language = lambda *args: print(gc.get_threshold()[0])\n"
        "cli.run()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == str(START_UP_THRESHOLD)
