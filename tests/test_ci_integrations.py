"""The CI integrations for agreement repositories, run as they run on a sample repository.

`.pre-commit-hooks.yaml` and `docs/ci/gitlab-ci.yml` (and `action.yml`, in
tests/test_ci_action.py) are read with yaml.safe_load and their commands are run in bash in a
repository made in tmp_path (a copy of agreements/järva), with the venv's `samverkan` on PATH.
Python and pip are replaced by stubs that record what would be installed.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import JARVA, REPO_ROOT

BIN = Path(sys.executable).parent
SAMVERKAN = BIN / "samverkan"
DOCX = "lokal-samverkansoverenskommelse-jarva.docx"

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


def load(name: str) -> Any:
    return yaml.safe_load((REPO_ROOT / name).read_text(encoding="utf-8"))


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """An agreement repository: agreements/järva and nothing of samverkan's own."""
    root = tmp_path / "avtal"
    shutil.copytree(JARVA, root / "agreements" / "järva")
    return root


def break_agreement(folder: Path) -> None:
    """One meeting a year for the styrgrupp: SV101, an error."""
    path = folder / "overenskommelse.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("{minst: 2, per: år}") == 1
    path.write_text(text.replace("{minst: 2, per: år}", "{minst: 1, per: år}"), "utf-8")


def stub_bin(tmp_path: Path) -> Path:
    """`python` and `samverkan` stubs that record their arguments in calls.txt."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="stub-bin-", dir=tmp_path))
    for name in ("python", "samverkan"):
        stub = folder / name
        stub.write_text(f'#!/bin/sh\necho "{name} $*" >> "{folder}/calls.txt"\n', "utf-8")
        stub.chmod(0o755)
    return folder


def environment(extra: dict[str, str], path_first: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "CI_"))}
    env["PATH"] = os.pathsep.join(
        str(p) for p in (path_first, BIN, env.get("PATH", "")) if p is not None
    )
    return {**env, **extra}


def bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The script as GitHub runs `shell: bash` (and GitLab its script): -e and pipefail."""
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- pre-commit ----------------------------------------------------------------------------------


def hook() -> dict[str, Any]:
    hooks = load(".pre-commit-hooks.yaml")
    return next(h for h in hooks if h["id"] == "samverkan-validate")


def test_the_hook_is_declared_for_agreement_settings_and_profile_files() -> None:
    declared = hook()
    assert declared["language"] == "python"
    assert declared["entry"] == "samverkan validate --tyst"
    assert declared["pass_filenames"] is True
    assert declared["require_serial"] is True  # one process: each agreement checked once
    files = re.compile(declared["files"])
    for path in (
        "agreements/järva/overenskommelse.yaml",
        "agreements/järva/bilagor/lagesbild.yml",
        "agreements/järva/bilagor/avtal.docx",
        "samverkan.yaml",
        "profiler/egen.yaml",
        "profiles/own.yaml",
    ):
        assert files.search(path), path
    for path in ("README.md", "out/järva/x.yaml", "x/samverkan.yaml", "samverkan.yaml.bak"):
        assert not files.search(path), path


def test_the_hook_usage_pins_the_release() -> None:
    text = (REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    usage = yaml.safe_load(
        "\n".join(line[3:] for line in text.splitlines() if line.startswith("#   "))
    )
    assert usage["repos"][0]["repo"] == "https://github.com/samverkan/samverkan"
    assert usage["repos"][0]["rev"] == "v0.1.0"
    assert usage["repos"][0]["hooks"][0]["id"] == "samverkan-validate"


def run_hook(sample: Path, *files: str) -> subprocess.CompletedProcess[str]:
    """The hook as pre-commit runs it: entry, then the files of the commit it matches."""
    declared = hook()
    command = shlex.split(declared["entry"])
    assert command[0] == "samverkan"
    matched = [f for f in files if re.search(declared["files"], f)]
    return subprocess.run(
        [str(SAMVERKAN), *command[1:], *matched],
        cwd=sample,
        env=environment({}),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_hook_checks_the_changed_agreement_quietly(sample: Path) -> None:
    shutil.copytree(sample / "agreements" / "järva", sample / "agreements" / "trasig")
    break_agreement(sample / "agreements" / "trasig")
    passed = run_hook(sample, "agreements/järva/overenskommelse.yaml", "README.md")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert passed.stdout.splitlines() == [
        "1 överenskommelse kontrollerad: 0 fel, 0 varningar, 4 info"
    ]
    failed = run_hook(sample, "agreements/trasig/overenskommelse.yaml")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    lines = failed.stdout.splitlines()
    assert len(lines) == 2 and "SV101 fel" in lines[0]
    assert lines[1].startswith("1 överenskommelse kontrollerad: 1 fel")


def test_the_hook_checks_every_agreement_when_a_profile_changes(sample: Path) -> None:
    (sample / "samverkan.yaml").write_text("profilmappar: [profiler]\n", encoding="utf-8")
    (sample / "profiler").mkdir()
    (sample / "profiler" / "egen.yaml").write_text("id: annan\n", encoding="utf-8")
    shutil.copytree(sample / "agreements" / "järva", sample / "agreements" / "trasig")
    break_agreement(sample / "agreements" / "trasig")
    failed = run_hook(sample, "profiler/egen.yaml")
    assert failed.returncode == 1
    assert "agreements/trasig/overenskommelse.yaml" in failed.stdout
    assert failed.stdout.splitlines()[-1].startswith("2 överenskommelser kontrollerade")


# --- GitLab CI -----------------------------------------------------------------------------------

SPEC = "git+https://github.com/samverkan/samverkan@v0.1.0"


def gitlab() -> dict[str, Any]:
    config: dict[str, Any] = load("docs/ci/gitlab-ci.yml")
    return config


def gitlab_env(sample: Path) -> dict[str, str]:
    predefined = {"CI_PROJECT_DIR": str(sample), "CI_COMMIT_SHORT_SHA": "1a2b3c4d"}
    variables = {
        name: re.sub(r"\$(\w+)", lambda m: predefined.get(m.group(1), m.group(0)), str(value))
        for name, value in gitlab().get("variables", {}).items()
    }
    return {**predefined, **variables}


def run_before_script(sample: Path) -> list[str]:
    """The before_script with python stubbed: what it would run."""
    config = gitlab()
    before = config["default"]["before_script"]
    stubs = stub_bin(sample.parent)
    venv = Path(gitlab_env(sample)["SAMVERKAN_VENV"])
    (venv / "bin").mkdir(parents=True)
    shutil.copy(stubs / "python", venv / "bin" / "python")
    done = bash("\n".join(before), sample, environment(gitlab_env(sample), stubs))
    assert done.returncode == 0, done.stderr
    return (stubs / "calls.txt").read_text(encoding="utf-8").splitlines()


def run_job(name: str, sample: Path) -> subprocess.CompletedProcess[str]:
    """A job's script, line by line under -e, with the venv's samverkan on PATH."""
    return bash("\n".join(gitlab()[name]["script"]), sample, environment(gitlab_env(sample)))


def test_gitlab_installs_the_pinned_tag_into_a_venv(sample: Path) -> None:
    config = gitlab()
    assert config["variables"]["SAMVERKAN_SPEC"] == SPEC
    assert not config["default"]["image"].endswith("-slim")  # pip needs git for a git source
    assert config["default"]["cache"]["paths"] == [".cache/pip"]
    assert config["variables"]["PIP_CACHE_DIR"] == "$CI_PROJECT_DIR/.cache/pip"
    calls = run_before_script(sample)
    venv = gitlab_env(sample)["SAMVERKAN_VENV"]
    assert calls == [
        f"python -m venv {venv}",
        f"python -m pip install --disable-pip-version-check --quiet {SPEC}",
    ]
    text = (REPO_ROOT / "docs" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8")
    assert "samverkan==" not in text
    assert not re.search(r"pip install[^\n]*\s['\"]?samverkan['\"]?\s*$", text, re.MULTILINE)


def test_gitlab_has_validate_and_build_stages() -> None:
    config = gitlab()
    assert config["stages"] == ["validate", "build"]
    assert config["validate"]["stage"] == "validate"
    assert config["build"]["stage"] == "build"
    assert config["build"]["artifacts"]["paths"] == ["out/"]
    artifacts = config["validate"]["artifacts"]
    assert artifacts["reports"] == {"codequality": "gl-code-quality-report.json"}
    assert artifacts["when"] == "always"  # the report of a failing job is published too


def test_gitlab_validate_passes_and_fails_with_a_report(sample: Path) -> None:
    passed = run_job("validate", sample)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "agreements/järva: godkänd" in passed.stdout
    report = json.loads((sample / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert {issue["severity"] for issue in report} == {"info"}
    break_agreement(sample / "agreements" / "järva")
    failed = run_job("validate", sample)
    assert failed.returncode == 1
    assert "agreements/järva/overenskommelse.yaml:" in failed.stdout
    assert "SV101 fel" in failed.stdout
    report = json.loads((sample / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    sv101 = [issue for issue in report if issue["check_name"] == "SV101"]
    assert sv101[0]["severity"] == "major"
    assert sv101[0]["location"]["path"] == "agreements/järva/overenskommelse.yaml"


def test_gitlab_build_writes_the_artifact_folder(sample: Path) -> None:
    (sample / "agreements" / "anteckningar").mkdir()  # no agreement file: skipped
    done = run_job("build", sample)
    assert done.returncode == 0, done.stdout + done.stderr
    for path in gitlab()["build"]["artifacts"]["paths"]:
        assert (sample / path).is_dir()
    assert (sample / "out" / "järva" / DOCX).read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in (sample / "out").iterdir()) == ["järva"]


def test_gitlab_build_fails_when_an_agreement_does(sample: Path) -> None:
    broken = sample / "agreements" / "a-trasig"
    shutil.copytree(sample / "agreements" / "järva", broken)
    break_agreement(broken)
    done = run_job("build", sample)
    assert done.returncode == 1
    assert "SV101" in done.stderr
    assert not (sample / "out" / "järva").exists()  # the loop stops at the first failure
