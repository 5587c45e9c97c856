"""Shell completion of agreement names, through click's own completion protocol (the
environment bash, zsh and fish set): every command that takes an agreement offers the folders
under agreements/, names with spaces and å, ä, ö included; outside a repository it offers
nothing and never fails; it reads no YAML and loads no models."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from samverkan_cli.cli.main import cli

NAMES = ["järva", "järva-2023", "mitt avtal", "Åre kommun", "östra"]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose agreement folders are empty: completion reads names, not files."""
    root = tmp_path / "repo"
    for name in NAMES:
        (root / "agreements" / name).mkdir(parents=True)
    (root / "agreements" / ".dold").mkdir()
    (root / "agreements" / "en fil.txt").write_text("", encoding="utf-8")
    monkeypatch.chdir(root / "agreements" / "järva")  # found from a folder below the root
    return root


def complete(words: list[str], shell: str = "bash") -> list[str]:
    """The values `samverkan` offers for the last of `words` (the one being typed), as the
    shell's completion function asks for them."""
    line = " ".join(["samverkan", *words])
    if shell == "fish":
        env = {"COMP_WORDS": line, "COMP_CWORD": words[-1]}
    else:
        env = {"COMP_WORDS": line, "COMP_CWORD": str(len(words))}
    env["_SAMVERKAN_COMPLETE"] = f"{shell}_complete"
    result = CliRunner().invoke(cli, [], env=env, prog_name="samverkan")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    if shell == "zsh":  # type, value, help: three lines each
        return [lines[i + 1] for i in range(0, len(lines), 3) if lines[i] == "plain"]
    values = [line.split(",", 1)[1] for line in lines if line.startswith("plain,")]
    if shell == "bash":  # as the script's `read` gives them to COMPREPLY
        return [re.sub(r"\\(.)", r"\1", value) for value in values]
    return values


@pytest.mark.parametrize(
    "words",
    [
        ["build", ""],
        ["diff", ""],
        ["diff", "järva", ""],
        ["kalender", ""],
        ["kalender", "--år", "2025", ""],
        ["init", "ny", "--från", ""],
        ["validate", ""],
        ["validate", "järva", ""],
    ],
)
def test_every_command_that_takes_an_agreement_offers_the_names(
    repo: Path, words: list[str]
) -> None:
    assert complete(words, "zsh") == ["järva", "järva-2023", "mitt avtal", "Åre kommun", "östra"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_names_are_matched_as_build_matches_them(repo: Path, shell: str) -> None:
    offered = complete(["build", "ja"], shell)
    assert offered == ["järva", "järva-2023"]
    assert complete(["build", "JÄRVA-"], shell) == ["järva-2023"]
    assert complete(["build", "are"], shell) == (
        ["Åre\\ kommun"] if shell == "bash" else ["Åre kommun"]
    )
    assert complete(["kalender", "x"], shell) == []


def test_bash_gets_names_with_spaces_as_one_word(repo: Path) -> None:
    assert complete(["build", "mitt"]) == ["mitt\\ avtal"]
    assert complete(["build", "mitt\\ a"]) == ["mitt\\ avtal"]  # bash passes the word escaped
    assert complete(["build", "mitt"], "zsh") == ["mitt avtal"]  # zsh and fish quote it
    assert complete(["build", "mitt"], "fish") == ["mitt avtal"]


def test_a_path_being_typed_is_left_to_the_shell(repo: Path) -> None:
    env = {
        "COMP_WORDS": "samverkan validate agreements/jä",
        "COMP_CWORD": "2",
        "_SAMVERKAN_COMPLETE": "bash_complete",
    }
    result = CliRunner().invoke(cli, [], env=env, prog_name="samverkan")
    assert result.output.splitlines() == ["file,agreements/jä"]


def test_outside_a_repository_nothing_is_offered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert complete(["build", ""]) == []
    assert complete(["validate", ""], "fish") == []


def test_an_unreadable_agreements_folder_offers_nothing(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from samverkan_cli.source.repository import Repository

    def refuse(self: Repository) -> list[Path]:
        raise PermissionError("refused")

    monkeypatch.setattr(Repository, "agreement_folders", refuse)
    assert complete(["build", ""]) == []


def test_the_mallar_export_completes_template_names(repo: Path) -> None:
    assert complete(["mallar", "exportera", "--bara", "avsnitt/sy"]) == ["avsnitt/syfte.md.j2"]
    assert "reference.docx" in complete(["mallar", "exportera", "--bara", "ref"])


def test_completion_loads_no_models(repo: Path) -> None:
    """A Tab costs the import of the command line and a folder listing: no pydantic, no
    YAML of the agreements (measured: under 0.1 s)."""
    script = (
        "import sys\n"
        "from samverkan_cli.cli.main import cli\n"
        "try:\n"
        "    cli.main(prog_name='samverkan')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'))\n"
    )
    env = {
        **os.environ,
        "COMP_WORDS": "samverkan build jä",
        "COMP_CWORD": "2",
        "_SAMVERKAN_COMPLETE": "bash_complete",
    }
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.splitlines() == ["plain,järva", "plain,järva-2023", "[]"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_puts_a_name_with_a_space_on_the_command_line_as_one_word(repo: Path) -> None:
    """click's own bash script, sourced as the guide says, run as bash runs it on Tab."""
    executable = Path(sys.executable).parent / "samverkan"
    script = (
        'eval "$(_SAMVERKAN_COMPLETE=bash_source samverkan)"\n'
        "COMP_WORDS=(samverkan build mitt)\n"
        "COMP_CWORD=2\n"
        "_samverkan_completion samverkan\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
        'eval "set -- ${COMPREPLY[0]}"\n'
        'printf "%s|\\n" "$@"\n'
    )
    env = {**os.environ, "PATH": f"{executable.parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "--norc", "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.splitlines() == ["mitt\\ avtal", "mitt avtal|"]
