"""The command line through click's CliRunner: exit codes, names, --out, nothing written on
errors, and earlier output left byte-identical when a build fails."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from samverkan_cli.cli.main import cli

MD = "lokal-samverkansoverenskommelse-jarva.md"
DOCX = "lokal-samverkansoverenskommelse-jarva.docx"
REPORT_MD = "lokal-samverkansoverenskommelse-jarva-tjansteutlatande.md"
REPORT_DOCX = "lokal-samverkansoverenskommelse-jarva-tjansteutlatande.docx"
ORGANISATION = [
    f"lokal-samverkansoverenskommelse-jarva-organisation.{ext}" for ext in ("png", "svg")
]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def break_jarva(root: Path) -> None:
    source = root / "agreements" / "järva" / "overenskommelse.yaml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("{minst: 2, per: år}", "{minst: 1, per: år}"), "utf-8")


def test_validate_all_passes_on_the_examples(in_repo: Path) -> None:
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert "agreements/järva: godkänd (0 fel" in result.output
    assert "Traceback" not in result.output


def test_validate_a_folder_path(in_repo: Path) -> None:
    result = run("validate", "agreements/järva")
    assert result.exit_code == 0, result.output


def test_validate_reports_errors_with_exit_1(in_repo: Path) -> None:
    break_jarva(in_repo)
    result = run("validate")
    assert result.exit_code == 1
    assert "SV101" in result.output
    assert "agreements/järva/overenskommelse.yaml:" in result.output
    assert "underkänd (1 fel" in result.output


def test_strict_makes_warnings_fail(in_repo: Path) -> None:
    source = in_repo / "agreements" / "järva" / "overenskommelse.yaml"
    text = source.read_text(encoding="utf-8").replace("  datum: 2024-06-01", "  datum: 2024-06-03")
    source.write_text(text, encoding="utf-8")
    assert run("validate").exit_code == 0
    strict = run("validate", "--strikt")
    assert strict.exit_code == 1
    assert "SV113" in strict.output


def test_validate_unknown_path_is_a_usage_error(in_repo: Path) -> None:
    result = run("validate", "finns-inte")
    assert result.exit_code == 2
    assert "ingen överenskommelse som heter 'finns-inte'" in result.output
    assert "järva" in result.output


def test_build_writes_markdown_and_docx(in_repo: Path) -> None:
    result = run("build", "järva")
    assert result.exit_code == 0, result.output
    out = in_repo / "out" / "järva"
    assert (out / MD).read_text(encoding="utf-8").startswith("# Lokal samverkansöverenskommelse")
    assert (out / DOCX).read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("name", ["jarva", "JÄRVA", "Järva", unicodedata.normalize("NFD", "järva")])
def test_build_finds_the_folder_by_folded_name(in_repo: Path, name: str, tmp_path: Path) -> None:
    result = run("build", name, "--out", str(tmp_path / "o"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o" / MD).exists()


def test_build_with_out(in_repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "ny" / "mapp"
    result = run("build", "järva", "--out", str(target))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in target.iterdir()) == sorted(
        [MD, DOCX, REPORT_MD, REPORT_DOCX, *ORGANISATION]
    )


@pytest.mark.parametrize("name", ["../../etc", "finns-inte", "agreements/järva", "/etc", ""])
def test_build_refuses_names_that_are_not_agreements(in_repo: Path, name: str) -> None:
    result = run("build", name)
    assert result.exit_code == 2
    assert "Överenskommelser: exempel-huvudavtal, exempel-kommun, " in result.output
    assert "exempel-region, exempel-tre-kommuner, exempel-underavtal, järva, " in result.output
    assert "Traceback" not in result.output
    assert not (in_repo / "out").exists()


def test_build_outside_a_repository(tmp_path: Path) -> None:
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = run("build", "järva")
    finally:
        os.chdir(old)
    assert result.exit_code == 2
    assert "hittar ingen mapp 'agreements/'" in result.output


def test_failed_build_writes_nothing_and_keeps_earlier_output(in_repo: Path) -> None:
    assert run("build", "järva").exit_code == 0
    out = in_repo / "out" / "järva"
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    break_jarva(in_repo)
    result = run("build", "järva")
    assert result.exit_code == 1
    assert "SV101" in result.output
    assert "ingenting skrevs" in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_build_never_changes_the_sources(in_repo: Path) -> None:
    folder = in_repo / "agreements" / "järva"
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}
    assert run("build", "järva").exit_code == 0
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}
    assert after == before


def test_output_path_that_is_a_file_is_a_clear_error(in_repo: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "fil"
    blocker.write_text("x", encoding="utf-8")
    result = run("build", "järva", "--out", str(blocker))
    assert result.exit_code == 2
    assert "det är en fil" in result.output
    assert blocker.read_text(encoding="utf-8") == "x"


def test_unknown_command_and_missing_argument_exit_2(in_repo: Path) -> None:
    assert run("finns-inte").exit_code == 2
    assert run("build").exit_code == 2


def test_rules_are_listed(in_repo: Path) -> None:
    result = run("regler")
    assert result.exit_code == 0
    assert "SV101 [fel] Forum med för få möten" in result.output


def test_help_has_examples() -> None:
    for command in ([], ["validate"], ["build"]):
        result = run(*command, "--help")
        assert result.exit_code == 0
        assert "Exempel:" in result.output


def test_validate_does_not_import_python_docx(in_repo: Path) -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from samverkan_cli.cli.main import cli\n"
        "result = CliRunner().invoke(cli, ['validate'])\n"
        "assert result.exit_code == 0, result.output\n"
        "heavy = ('docx', 'jinja2', 'PIL', 'icalendar', 'lxml')\n"
        "print(any(name in sys.modules for name in heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=in_repo
    )
    assert done.stdout.strip() == "False"


def test_help_imports_none_of_the_libraries_it_does_not_use() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from samverkan_cli.cli.main import cli\n"
        "CliRunner().invoke(cli, ['--help'])\n"
        "heavy = ('docx', 'jinja2', 'PIL', 'icalendar', 'lxml', 'pydantic', 'markdown_it')\n"
        "print([name for name in heavy if name in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


SAMVERKAN = Path(sys.executable).parent / "samverkan"


def test_the_installed_command_flushes_all_output_before_it_ends(in_repo: Path) -> None:
    """`run` ends the process with os._exit; what was printed must all have been written."""
    done = subprocess.run([str(SAMVERKAN), "regler"], capture_output=True, text=True, cwd=in_repo)
    assert done.returncode == 0, done.stderr
    assert done.stdout == run("regler").output
    failed = subprocess.run(
        [str(SAMVERKAN), "build", "finns-inte"], capture_output=True, text=True, cwd=in_repo
    )
    assert failed.returncode == 2
    assert "finns-inte" in failed.stderr


def test_a_reader_that_closes_the_pipe_early_is_not_an_internal_error(in_repo: Path) -> None:
    """As `samverkan regler | head -1` when head has gone: the pipe's reading end is closed
    before anything is written, so the first write fails every time."""
    reading, writing = os.pipe()
    os.close(reading)
    try:
        done = subprocess.run(
            [str(SAMVERKAN), "regler"], cwd=in_repo, stdout=writing, stderr=subprocess.PIPE
        )
    finally:
        os.close(writing)
    assert done.returncode == 141
    assert done.stderr == b""


@pytest.mark.parametrize(
    ("code", "status", "stderr"), [("None", 0, ""), ("3", 3, ""), ("'stoppad'", 1, "stoppad\n")]
)
def test_the_process_ends_with_the_status_sys_exit_would_give(
    code: str, status: int, stderr: str
) -> None:
    script = f"from samverkan_cli.cli.main import end_process\nprint('före')\nend_process({code})\n"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (status, "före\n", stderr)
