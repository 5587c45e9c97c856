"""Any console encoding works: a cp850, latin-1 or ASCII console gets what it can show.

Through click's test runner (the stream's encoding set) and through a real process with
PYTHONIOENCODING, `status`, `regler`, `validate`, `--help` and a usage error end normally,
without an internal error, and what the console cannot hold is written in ASCII forms.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from samverkan_cli.cli.main import cli
from samverkan_cli.core.safe_output import ascii_form, for_console

SAMVERKAN = Path(sys.executable).parent / "samverkan"
ENCODINGS = ("cp850", "ascii", "latin-1", "cp1252")


def test_ascii_forms() -> None:
    assert [ascii_form(c) for c in "–—’“…→å\u00a0æ"] == [
        "-", "-", "'", '"', "...", "->", "a", " ", "ae"
    ]  # fmt: skip
    assert ascii_form("\u4e2d") == "?"
    assert for_console("Överenskommelse – tills vidare", "cp850") == (
        "Överenskommelse - tills vidare"
    )
    assert for_console("Överenskommelse – tills vidare", "ascii") == (
        "Overenskommelse - tills vidare"
    )
    assert for_console("– å", "utf-8") == "– å"


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("args", [["status", "--idag", "2025-06-01"], ["regler"]])
def test_commands_under_click_runner(in_repo: Path, encoding: str, args: list[str]) -> None:
    result = CliRunner(charset=encoding).invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "internt fel" not in result.output
    result.stdout_bytes.decode(encoding)  # every byte is of the console's encoding


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["status", "--idag", "2025-06-01"], 0),
        (["regler"], 0),
        (["validate", "agreements/järva"], 0),
        (["--help"], 0),
        (["status", "--idag", "1 juni"], 2),
    ],
)
def test_commands_in_a_process(in_repo: Path, encoding: str, args: list[str], code: int) -> None:
    environment = {**os.environ, "PYTHONIOENCODING": encoding, "SAMVERKAN_LANG": "sv"}
    done = subprocess.run(
        [str(SAMVERKAN), *args], capture_output=True, env=environment, timeout=120, check=False
    )
    assert done.returncode == code, done.stderr.decode(encoding, "replace")
    stderr = done.stderr.decode(encoding)
    assert "internt fel" not in stderr and "Traceback" not in stderr
    # click itself writes UTF-8 to a stream it takes for a misconfigured ASCII one (--help)
    stdout = done.stdout.decode(encoding if encoding != "ascii" else "utf-8")
    assert stdout or stderr
