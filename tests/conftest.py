"""Shared fixtures: the repository root, a scratch copy of it, and the Järva agreement."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.agreement_copy import AgreementCopy

REPO_ROOT = Path(__file__).resolve().parent.parent
JARVA = REPO_ROOT / "agreements" / "järva"
SEEDS = REPO_ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session", autouse=True)
def _own_user_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The suite's caches (core/user_cache.py) in a folder of its own, for the test processes
    and every command they start: never the user's, so no earlier run's entry is read."""
    old = os.environ.get("SAMVERKAN_CACHE")
    os.environ["SAMVERKAN_CACHE"] = str(tmp_path_factory.mktemp("user-cache"))
    yield
    if old is None:
        os.environ.pop("SAMVERKAN_CACHE", None)
    else:
        os.environ["SAMVERKAN_CACHE"] = old


@pytest.fixture
def scratch_repo(tmp_path: Path) -> Path:
    """A copy of the agreements folder in a fresh repository, safe to edit."""
    root = tmp_path / "repo"
    shutil.copytree(REPO_ROOT / "agreements", root / "agreements")
    return root


@pytest.fixture
def in_repo(scratch_repo: Path) -> Iterator[Path]:
    """The scratch repository as the working directory, as a user runs the CLI."""
    old = Path.cwd()
    os.chdir(scratch_repo)
    try:
        yield scratch_repo
    finally:
        os.chdir(old)


@pytest.fixture
def jarva(tmp_path: Path) -> AgreementCopy:
    """A scratch copy of agreements/järva in a repository of its own."""
    folder = tmp_path / "agreements" / "järva"
    shutil.copytree(JARVA, folder)
    return AgreementCopy(folder)
