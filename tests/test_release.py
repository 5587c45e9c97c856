"""What a release carries: the version on the command line (`--version`, `-V`),
`python -m samverkan_cli`, and a licence that matches the package metadata."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from importlib.metadata import version

import pytest
from click.testing import CliRunner

from samverkan_cli.cli.main import cli
from tests.conftest import REPO_ROOT


@pytest.mark.parametrize("option", ["--version", "-V"])
def test_version_names_the_program_and_its_version(option: str) -> None:
    result = CliRunner().invoke(cli, [option])
    assert result.exit_code == 0, result.output
    assert result.output == f"samverkan {version('samverkan')}\n"


def test_help_names_the_short_version_option() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "-V, --version" in result.output


def test_help_reads_no_metadata_and_no_yaml() -> None:
    """The version is read only when asked for; help in Swedish needs no catalogue."""
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from samverkan_cli.cli.main import cli\n"
        "result = CliRunner().invoke(cli, ['--help'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print([name for name in ('importlib.metadata', 'yaml') if name in sys.modules])\n"
    )
    env = {**os.environ, "SAMVERKAN_LANG": "sv"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert done.stdout.strip() == "[]"


def _module(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SAMVERKAN_LANG": "sv", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "samverkan_cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=REPO_ROOT,
    )


def test_python_m_prints_the_version() -> None:
    done = _module("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"samverkan {version('samverkan')}\n"


def test_python_m_shows_help_as_samverkan() -> None:
    done = _module("--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Användning: samverkan [ALTERNATIV]")
    assert "__main__" not in done.stdout


def test_the_licence_matches_the_metadata() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    licence = (REPO_ROOT / "LICENSE").read_text(encoding="utf-8")
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert licence.startswith("MIT License\n")
    assert "Copyright (c) 2026 samverkan contributors" in licence
    assert not any(c.startswith("License ::") for c in project["classifiers"])  # PEP 639
