"""`samverkan validate` with file paths, as pre-commit passes them: a file in an agreement
folder checks that agreement, samverkan.yaml and profile files check every agreement, other
files are skipped with a note, deleted paths are handled; folders and names as before."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from samverkan_cli.cli.main import cli


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["validate", "--format", "json", *args])


def checked(result: Result) -> list[str]:
    assert result.exit_code in (0, 1), result.output
    return [a["name"] for a in json.loads(result.stdout)["agreements"]]


def test_a_file_checks_its_agreement_once(in_repo: Path) -> None:
    result = run(
        "agreements/järva/overenskommelse.yaml",
        "agreements/rinkeby-kista-2017/bilagor/atgardsplaner.yaml",
        "agreements/järva/bilagor/../overenskommelse.yaml",
        "agreements/järva",
    )
    assert checked(result) == ["järva", "rinkeby-kista-2017"]


def test_settings_and_profiles_check_every_agreement(in_repo: Path) -> None:
    every = sorted(p.name for p in (in_repo / "agreements").iterdir() if p.is_dir())
    (in_repo / "samverkan.yaml").write_text("profilmappar: [profiler]\n", encoding="utf-8")
    (in_repo / "profiler").mkdir()
    shutil.copy(
        Path(__file__).parent.parent / "samverkan_cli" / "profiles" / "bra-samverkan.yaml",
        in_repo / "profiler" / "egen.yaml",
    )
    assert sorted(checked(run("samverkan.yaml"))) == every
    assert sorted(checked(run("profiler/egen.yaml"))) == every
    assert sorted(checked(run("profiler/borttagen.yaml"))) == every  # a deleted profile
    # first named first, each once
    names = checked(run("agreements/järva/overenskommelse.yaml", "samverkan.yaml"))
    assert names[0] == "järva" and sorted(names) == every


def test_a_deleted_settings_file_checks_every_agreement(in_repo: Path) -> None:
    assert len(checked(run("samverkan.yaml"))) > 1


def test_other_files_are_skipped_with_a_note(in_repo: Path) -> None:
    (in_repo / "README.md").write_text("# Avtal\n", encoding="utf-8")
    (in_repo / "agreements" / "LÄSMIG.md").write_text("x\n", encoding="utf-8")
    result = run("README.md", "agreements/LÄSMIG.md")
    assert result.exit_code == 0
    assert checked(result) == []
    assert (
        "samverkan: README.md hör inte till någon överenskommelse och hoppas över" in result.stderr
    )
    assert "agreements/LÄSMIG.md hör inte till någon överenskommelse" in result.stderr
    text = CliRunner().invoke(cli, ["validate", "README.md"])
    assert text.exit_code == 0
    assert "inga överenskommelser att kontrollera" in text.stdout


def test_deleted_files(in_repo: Path) -> None:
    # a deleted bilaga: its agreement (which may still name it) is checked
    assert checked(run("agreements/järva/bilagor/borttagen.yaml")) == ["järva"]
    # a deleted agreement: nothing to check, a note
    shutil.rmtree(in_repo / "agreements" / "järva")
    result = run("agreements/järva/overenskommelse.yaml")
    assert result.exit_code == 0
    assert checked(result) == []
    assert "överenskommelsen järva finns inte längre" in result.stderr


def test_folders_and_names_as_before(in_repo: Path) -> None:
    assert checked(run("agreements/järva")) == ["järva"]
    assert checked(run("jarva")) == ["järva"]
    assert len(checked(run("agreements"))) > 1
    for wrong in ("finns-inte", "agreements/finns-inte"):
        result = CliRunner().invoke(cli, ["validate", wrong])
        assert result.exit_code == 2
        assert "ingen överenskommelse som heter" in result.output
    (in_repo / "agreements" / "järva" / "tom").mkdir()
    result = CliRunner().invoke(cli, ["validate", "agreements/järva/tom"])
    assert result.exit_code == 2
    assert "är ingen överenskommelse" in result.output


def test_a_broken_agreement_is_found_through_its_file(in_repo: Path) -> None:
    source = in_repo / "agreements" / "järva" / "overenskommelse.yaml"
    source.write_text(
        source.read_text(encoding="utf-8").replace("{minst: 2, per: år}", "{minst: 1, per: år}"),
        encoding="utf-8",
    )
    broken = CliRunner().invoke(cli, ["validate", "--tyst", str(source)])
    assert broken.exit_code == 1
    assert "SV101 fel" in broken.stdout
    other = CliRunner().invoke(
        cli, ["validate", "agreements/rinkeby-kista-2017/overenskommelse.yaml"]
    )
    assert other.exit_code == 0
