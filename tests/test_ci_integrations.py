"""The CI integrations for agreement repositories, run as they run on a sample repository.

`.pre-commit-hooks.yaml`, `action.yml` and `docs/ci/gitlab-ci.yml` are read with
yaml.safe_load and their commands are run in bash in a repository made in tmp_path (a copy of
agreements/järva), with the venv's `samverkan` on PATH. Steps that use other actions are
checked, not run, and pip is replaced by a stub that records what would be installed.
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
GITHUB_ENV = {"GITHUB_ACTION_PATH": str(REPO_ROOT), "GITHUB_WORKSPACE": "(the sample repository)"}
_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")

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


def test_the_hook_is_declared_for_agreement_files() -> None:
    declared = hook()
    assert declared["language"] == "python"
    assert declared["entry"] == "samverkan validate"
    assert declared["pass_filenames"] is False
    files = re.compile(declared["files"])
    for path in (
        "agreements/järva/overenskommelse.yaml",
        "agreements/järva/bilagor/lagesbild.yml",
        "samverkan.yaml",
    ):
        assert files.search(path), path
    for path in ("README.md", "out/järva/x.yaml", "profiler/egen.yaml", "x/samverkan.yaml"):
        assert not files.search(path), path


def run_hook(sample: Path) -> subprocess.CompletedProcess[str]:
    command = shlex.split(hook()["entry"])
    assert command[0] == "samverkan"
    return subprocess.run(
        [str(SAMVERKAN), *command[1:]],
        cwd=sample,
        env=environment({}),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_hook_passes_and_fails(sample: Path) -> None:
    passed = run_hook(sample)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "agreements/järva: godkänd" in passed.stdout
    break_agreement(sample / "agreements" / "järva")
    failed = run_hook(sample)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "SV101 fel" in failed.stdout


# --- the GitHub Action -------------------------------------------------------------------------


def action_steps() -> list[dict[str, Any]]:
    action = load("action.yml")
    assert action["runs"]["using"] == "composite"
    steps: list[dict[str, Any]] = action["runs"]["steps"]
    return steps


def action_inputs(**given: str) -> dict[str, str]:
    declared = load("action.yml")["inputs"]
    unknown = set(given) - set(declared)
    assert not unknown, unknown
    return {name: given.get(name, str(spec.get("default", ""))) for name, spec in declared.items()}


def evaluate(expression: str, inputs: dict[str, str]) -> str:
    """The value of `inputs.NAME` expressions and comparisons of them (all the action uses)."""
    python = re.sub(r"inputs\.([\w-]+)", lambda m: repr(inputs[m.group(1)]), expression)
    python = python.replace("&&", " and ").replace("||", " or ")
    assert re.fullmatch(r"[\w\s'=.:/@+-]*", python), f"unsupported expression: {expression}"
    return str(eval(python, {"__builtins__": {}}, {}))


def substitute(value: object, inputs: dict[str, str]) -> str:
    return _EXPRESSION.sub(lambda m: evaluate(m.group(1), inputs), str(value))


def runs(step: dict[str, Any], inputs: dict[str, str]) -> bool:
    condition = step.get("if")
    if condition is None:
        return True
    body = _EXPRESSION.fullmatch(str(condition).strip())
    return evaluate(body.group(1) if body else str(condition), inputs) == "True"


def run_step(
    step: dict[str, Any], inputs: dict[str, str], sample: Path, path_first: Path | None = None
) -> subprocess.CompletedProcess[str]:
    assert step["shell"] == "bash"
    script = step["run"]
    assert "${{" not in script, "scripts read inputs through env only"
    used = set(re.findall(r"\$\{?(GITHUB_\w+)", script))
    assert used <= set(GITHUB_ENV), used - set(GITHUB_ENV)
    env = {name: substitute(value, inputs) for name, value in step.get("env", {}).items()}
    github = {**GITHUB_ENV, "GITHUB_WORKSPACE": str(sample)}
    return bash(script, sample, environment({**github, **env}, path_first))


def run_action(sample: Path, inputs: dict[str, str]) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every `run:` step whose `if` holds, in order, until one fails (as GitHub does).

    The install step runs with stubs for pip and samverkan; `uses:` steps are skipped."""
    results: dict[str, subprocess.CompletedProcess[str]] = {}
    for step in action_steps():
        if not runs(step, inputs) or "uses" in step:
            continue
        if step["id"] == "libreoffice":
            continue  # apt-get, only with pdf
        stubs = stub_bin(sample.parent) if step["id"] == "install" else None
        done = run_step(step, inputs, sample, stubs)
        results[step["id"]] = done
        if done.returncode != 0:
            break
    return results


def test_the_action_uses_known_actions_with_the_files_the_scripts_write() -> None:
    used = {step["uses"].split("@")[0]: step for step in action_steps() if "uses" in step}
    assert set(used) == {
        "actions/setup-python",
        "github/codeql-action/upload-sarif",
        "actions/upload-artifact",
    }
    inputs = action_inputs(sarif="true", build="true")
    upload_sarif = used["github/codeql-action/upload-sarif"]
    assert runs(upload_sarif, inputs)
    assert not runs(upload_sarif, action_inputs())
    assert upload_sarif["with"]["sarif_file"] == "samverkan.sarif"
    artifact = used["actions/upload-artifact"]
    assert runs(artifact, inputs)
    assert not runs(artifact, action_inputs())
    assert artifact["with"]["path"] == "out/"
    assert substitute(artifact["with"]["name"], inputs) == "samverkan"
    setup = used["actions/setup-python"]
    assert substitute(setup["with"]["python-version"], inputs) == "3.11"


def test_the_action_validates_writes_sarif_and_builds(sample: Path) -> None:
    results = run_action(sample, action_inputs(sarif="true", build="true", html="true"))
    assert list(results) == ["install", "sarif", "validate", "build"]
    for name, done in results.items():
        assert done.returncode == 0, f"{name}: {done.stdout}{done.stderr}"
    assert "::error" not in results["validate"].stdout
    assert "agreements/järva: godkänd" in results["validate"].stdout
    sarif = json.loads((sample / "samverkan.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert sarif["runs"][0]["tool"]["driver"]["name"] == "samverkan"
    assert (sample / "out" / "järva" / DOCX).read_bytes()[:2] == b"PK"
    page = (sample / "out" / "järva" / DOCX).with_suffix(".html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")


def test_the_action_annotates_a_broken_agreement_and_builds_nothing(sample: Path) -> None:
    break_agreement(sample / "agreements" / "järva")
    results = run_action(sample, action_inputs(sarif="true", build="true"))
    assert list(results) == ["install", "sarif", "validate"]  # build is not reached
    assert results["sarif"].returncode == 0  # problems go to code scanning, not a failure
    sarif = json.loads((sample / "samverkan.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]].count("SV101") == 1
    validate = results["validate"]
    assert validate.returncode == 1
    assert validate.stdout.startswith("::")
    assert "::error file=agreements/järva/overenskommelse.yaml,line=" in validate.stdout
    assert "title=SV101 " in validate.stdout
    assert not (sample / "out").exists()


def test_the_action_checks_only_the_named_agreements_and_strict(sample: Path) -> None:
    broken = sample / "agreements" / "trasig"
    shutil.copytree(sample / "agreements" / "järva", broken)
    break_agreement(broken)
    validate = next(step for step in action_steps() if step.get("id") == "validate")
    named = run_step(validate, action_inputs(agreements="järva"), sample)
    assert named.returncode == 0, named.stdout + named.stderr
    assert "trasig" not in named.stdout
    every = run_step(validate, action_inputs(), sample)
    assert every.returncode == 1
    assert "::error file=agreements/trasig/overenskommelse.yaml" in every.stdout
    jarva = sample / "agreements" / "järva" / "overenskommelse.yaml"
    text = jarva.read_text(encoding="utf-8").replace("  datum: 2024-06-01", "  datum: 2024-06-03")
    jarva.write_text(text, encoding="utf-8")  # SV113, a warning
    assert run_step(validate, action_inputs(agreements="järva"), sample).returncode == 0
    strict = run_step(validate, action_inputs(agreements="järva", strict="true"), sample)
    assert strict.returncode == 1
    assert "::warning file=agreements/järva/overenskommelse.yaml" in strict.stdout


@pytest.mark.parametrize(
    ("given", "spec"),
    [
        ({}, str(REPO_ROOT)),
        ({"samverkan-version": "0.1.0"}, "samverkan==0.1.0"),
        (
            {"samverkan-version": "0.1.0", "samverkan-source": "git+https://example.se/s@v1"},
            "git+https://example.se/s@v1",
        ),
    ],
)
def test_the_action_installs_what_it_is_given(
    sample: Path, given: dict[str, str], spec: str
) -> None:
    install = next(step for step in action_steps() if step.get("id") == "install")
    stubs = stub_bin(sample.parent)
    done = run_step(install, action_inputs(**given), sample, stubs)
    assert done.returncode == 0, done.stdout + done.stderr
    calls = (stubs / "calls.txt").read_text(encoding="utf-8").splitlines()
    assert calls[0].startswith("python -m pip install ")
    assert calls[0].endswith(f" {spec}")
    assert calls[1] == "samverkan --version"


# --- GitLab CI -----------------------------------------------------------------------------------


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


def run_job(name: str, sample: Path) -> subprocess.CompletedProcess[str]:
    """A job's before_script with pip stubbed, then its script, line by line under -e."""
    config = gitlab()
    job = config[name]
    before = job.get("before_script", config.get("default", {}).get("before_script", []))
    stubs = stub_bin(sample.parent)
    done = bash("\n".join(before), sample, environment(gitlab_env(sample), stubs))
    assert done.returncode == 0, done.stderr
    calls = (stubs / "calls.txt").read_text(encoding="utf-8").splitlines()
    assert calls == ["python -m pip install --disable-pip-version-check --quiet samverkan"]
    return bash("\n".join(job["script"]), sample, environment(gitlab_env(sample)))


def test_gitlab_has_validate_and_build_stages() -> None:
    config = gitlab()
    assert config["stages"] == ["validate", "build"]
    assert config["validate"]["stage"] == "validate"
    assert config["build"]["stage"] == "build"
    assert config["build"]["artifacts"]["paths"] == ["out/"]


def test_gitlab_validate_passes_and_fails(sample: Path) -> None:
    passed = run_job("validate", sample)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "agreements/järva: godkänd" in passed.stdout
    break_agreement(sample / "agreements" / "järva")
    failed = run_job("validate", sample)
    assert failed.returncode == 1
    assert "agreements/järva/overenskommelse.yaml:" in failed.stdout
    assert "SV101 fel" in failed.stdout


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


@pytest.mark.parametrize("name", ["--help", "-h", "--version", "--format=json"])
def test_a_folder_named_like_an_option_is_still_checked_and_built(sample: Path, name: str) -> None:
    """The templates end the options with `--`: a folder named `--help` is a name, so a broken
    one fails the pipeline instead of printing help and passing."""
    broken = sample / "agreements" / name
    shutil.copytree(sample / "agreements" / "järva", broken)
    break_agreement(broken)
    steps = {step.get("id"): step for step in action_steps()}
    named = run_step(steps["validate"], action_inputs(agreements=name), sample)
    assert named.returncode == 1, named.stdout + named.stderr
    assert "title=SV101 " in named.stdout
    build = run_step(steps["build"], action_inputs(build="true"), sample)
    assert build.returncode == 1, build.stdout + build.stderr
    assert "SV101" in build.stderr
    gitlab_build = run_job("build", sample)
    assert gitlab_build.returncode == 1
    assert "SV101" in gitlab_build.stderr
