"""samverkan's version from the file hatch-vcs writes at install, and from the installed
metadata when a source tree was never installed (issue 20: no metadata scan per run)."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

import pytest

from samverkan_cli.core import package_version as module


def test_the_written_file_gives_the_installed_version() -> None:
    assert module.package_version() == version("samverkan")


def test_reading_the_version_scans_no_installed_distribution() -> None:
    script = (
        "import sys\n"
        "from samverkan_cli.core.package_version import package_version\n"
        "assert package_version()\n"
        "print('importlib.metadata' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_without_the_file_the_metadata_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "samverkan_cli._build_version", None)  # import fails
    assert module.package_version.__wrapped__() == version("samverkan")


def test_neither_file_nor_metadata_is_no_version(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    def missing(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setitem(sys.modules, "samverkan_cli._build_version", None)
    monkeypatch.setattr(importlib.metadata, "version", missing)
    assert module.package_version.__wrapped__() is None
