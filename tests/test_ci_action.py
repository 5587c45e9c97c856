"""The GitHub Action (`action.yml`), run step by step as the runner runs it on a sample
repository: `run:` steps in bash with their env (inputs, step outputs and the github
context substituted as the runner would), `uses:` steps checked but not run; Python is a stub
that records the venv and pip calls. Also what the action promises: current major versions
of the actions it uses, the caller's Python untouched, no install by a bare package name,
inputs reaching scripts only through env, and its permissions documented."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO_ROOT
from tests.test_ci_integrations import (
    DOCX,
    SAMVERKAN,
    bash,
    break_agreement,
    environment,
    load,
    run_job,
    sample,
    stub_bin,
)

__all__ = ["sample"]  # the fixture, imported to be used here

_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
_NAME = re.compile(r"\b(?:inputs|steps|github|runner)(?:\.[\w\[\]-]+)+")
CURRENT = {
    "actions/setup-python": "v6",
    "actions/cache/restore": "v5",
    "actions/cache/save": "v5",
    "github/codeql-action/upload-sarif": "v4",
    "actions/upload-artifact": "v7",
}
"""The major versions that run on Node 24 (Node 20 is deprecated on the runners)."""

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


def action_steps() -> list[dict[str, Any]]:
    action = load("action.yml")
    assert action["runs"]["using"] == "composite"
    steps: list[dict[str, Any]] = action["runs"]["steps"]
    return steps


def step(step_id: str) -> dict[str, Any]:
    return next(s for s in action_steps() if s.get("id") == step_id)


def action_inputs(**given: str) -> dict[str, str]:
    declared = load("action.yml")["inputs"]
    unknown = set(given) - set(declared)
    assert not unknown, unknown
    values = {
        name: given.get(name, str(spec.get("default", ""))) for name, spec in declared.items()
    }
    return {f"inputs.{name}": value for name, value in values.items()}


def evaluate(expression: str, context: dict[str, str]) -> str:
    """The value of context names and comparisons of them (all the action uses)."""
    python = _NAME.sub(lambda m: repr(context.get(m.group(0), "")), expression)
    python = python.replace("&&", " and ").replace("||", " or ")
    assert re.fullmatch(r"[\w\s'=.:/@+\[\]-]*", python), f"unsupported expression: {expression}"
    return str(eval(python, {"__builtins__": {}}, {}))


def substitute(value: object, context: dict[str, str]) -> str:
    return _EXPRESSION.sub(lambda m: evaluate(m.group(1), context), str(value))


def runs(a_step: dict[str, Any], context: dict[str, str]) -> bool:
    condition = a_step.get("if")
    if condition is None:
        return True
    body = _EXPRESSION.fullmatch(str(condition).strip())
    return evaluate(body.group(1) if body else str(condition), context) == "True"


class Runner:
    """One job's worth of runner state: the temp folder, the job summary, step outputs."""

    def __init__(self, sample: Path, action_path: Path = REPO_ROOT) -> None:
        self.sample = sample
        self.temp = sample.parent / "runner-temp"
        self.temp.mkdir(exist_ok=True)
        self.summary = sample.parent / "step-summary.md"
        self.summary.touch()
        self.action_path = action_path
        self.context: dict[str, str] = {
            "github.repository": "kommunen/avtal",
            "github.actor": "handlaggare",
            "runner.temp": str(self.temp),
            "runner.os": "Linux",
            "runner.arch": "X64",
            "steps.install.outputs.samverkan": str(SAMVERKAN),
            "steps.python.outputs.python-path": "python",
            "steps.python.outputs.python-version": "3.12.9",
        }

    def run(
        self, a_step: dict[str, Any], inputs: dict[str, str], path_first: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        assert a_step["shell"] == "bash"
        script = a_step["run"]
        assert "${{" not in script, "scripts read inputs through env only"
        used = set(re.findall(r"\$\{?((?:GITHUB|RUNNER)_\w+)", script))
        known = {"GITHUB_ACTION_PATH", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "RUNNER_TEMP"}
        assert used <= known, used - known
        context = {**self.context, **inputs}
        env = {name: substitute(value, context) for name, value in a_step.get("env", {}).items()}
        output = self.temp / f"output-{a_step.get('id', 'x')}.txt"
        output.write_text("", encoding="utf-8")
        runner = {
            "GITHUB_ACTION_PATH": str(self.action_path),
            "GITHUB_OUTPUT": str(output),
            "GITHUB_STEP_SUMMARY": str(self.summary),
            "RUNNER_TEMP": str(self.temp),
        }
        done = bash(script, self.sample, environment({**runner, **env}, path_first))
        for line in output.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            self.context[f"steps.{a_step.get('id')}.outputs.{key}"] = value
        return done


def python_stub(tmp_path: Path) -> Path:
    """A `python` that records its calls and makes a venv of stubs for `-m venv DIR`."""
    folder = stub_bin(tmp_path)
    python = folder / "python"
    python.write_text(
        "#!/bin/sh\n"
        f'echo "python $*" >> "{folder}/calls.txt"\n'
        'if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then\n'
        '  mkdir -p "$3/bin"; cp "$0" "$3/bin/python"\n'
        f'  cp "{folder}/samverkan" "$3/bin/samverkan"\n'
        "fi\n",
        encoding="utf-8",
    )
    return folder


def run_action(sample: Path, inputs: dict[str, str]) -> tuple[Runner, dict[str, Any]]:
    """Every `run:` step whose `if` holds, in order, until one fails (as GitHub does); the
    install step with the Python stub, then the real samverkan for the steps after it."""
    small = sample.parent / "action-copy"
    small.mkdir(exist_ok=True)
    (small / "action.yml").write_text("x", encoding="utf-8")
    runner = Runner(sample)
    results: dict[str, Any] = {}
    for a_step in action_steps():
        if not runs(a_step, {**runner.context, **inputs}) or "uses" in a_step:
            continue
        if a_step["id"] == "libreoffice":
            continue  # apt-get, only with pdf
        if a_step["id"] == "key":
            runner.action_path = small  # the real action folder holds this test's venv
        stubs = python_stub(sample.parent) if a_step["id"] == "install" else None
        if stubs is not None:
            runner.context["steps.python.outputs.python-path"] = str(stubs / "python")
        done = runner.run(a_step, inputs, stubs)
        runner.action_path = REPO_ROOT
        if a_step["id"] == "install":
            runner.context["steps.install.outputs.samverkan"] = str(SAMVERKAN)
        results[a_step["id"]] = done
        if done.returncode != 0:
            break
    return runner, results


# -- what the action declares -------------------------------------------------------------


def test_the_action_uses_current_majors_of_known_actions() -> None:
    used = {s["uses"].split("@")[0]: s["uses"].split("@")[1] for s in action_steps() if "uses" in s}
    assert used == CURRENT


def test_the_callers_python_is_untouched() -> None:
    setup = next(s for s in action_steps() if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["id"] == "python"
    assert setup["with"]["update-environment"] is False
    install = step("install")["run"]
    assert '"$SAMVERKAN_PYTHON" -m venv "$venv"' in install
    assert 'venv="$RUNNER_TEMP/samverkan-venv"' in install
    assert "GITHUB_PATH" not in json.dumps(action_steps())
    assert "GITHUB_ENV" not in json.dumps(action_steps())


def test_the_cache_is_keyed_by_os_python_and_the_action() -> None:
    restore = next(
        s for s in action_steps() if s.get("uses", "").startswith("actions/cache/restore")
    )
    key = restore["with"]["key"]
    for part in ("runner.os", "steps.python.outputs.python-version", "steps.key.outputs.key"):
        assert part in key
    assert restore["with"]["path"] == "${{ runner.temp }}/samverkan-venv"
    save = next(s for s in action_steps() if s.get("uses", "").startswith("actions/cache/save"))
    assert save["with"]["key"] == "${{ steps.cache.outputs.cache-primary-key }}"
    assert "GITHUB_ACTION_PATH" in step("key")["run"]


def test_no_install_by_a_bare_package_name() -> None:
    text = (REPO_ROOT / "action.yml").read_text(encoding="utf-8")
    assert "samverkan==" not in text
    assert "samverkan-version" not in load("action.yml")["inputs"]
    assert "pip install" in step("install")["run"]


def test_inputs_reach_scripts_only_through_env() -> None:
    for a_step in action_steps():
        if "run" in a_step:
            assert "${{" not in a_step["run"], a_step.get("name")


def test_the_permissions_are_documented() -> None:
    text = (REPO_ROOT / "action.yml").read_text(encoding="utf-8")
    header = text.split("\nname:", 1)[0]
    for needed in ("contents: read", "security-events: write", "actions: read", "fork"):
        assert needed in header, needed
    guide = (REPO_ROOT / "docs" / "guide" / "ci.md").read_text(encoding="utf-8")
    for needed in ("contents: read", "security-events: write", "actions: read", "fork"):
        assert needed in guide, needed


# -- installing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "spec"),
    [
        ({}, str(REPO_ROOT)),
        ({"samverkan-source": "git+https://example.se/s@v1"}, "git+https://example.se/s@v1"),
    ],
)
def test_the_action_installs_into_a_venv(sample: Path, given: dict[str, str], spec: str) -> None:
    runner = Runner(sample)
    stubs = python_stub(sample.parent)
    runner.context["steps.python.outputs.python-path"] = str(stubs / "python")
    done = runner.run(step("install"), action_inputs(**given))
    assert done.returncode == 0, done.stdout + done.stderr
    venv = runner.temp / "samverkan-venv"
    calls = (stubs / "calls.txt").read_text(encoding="utf-8").splitlines()
    assert calls == [
        f"python -m venv {venv}",
        f"python -m pip install --disable-pip-version-check --quiet {spec}",
        "samverkan --version",
    ]
    assert runner.context["steps.install.outputs.samverkan"] == f"{venv}/bin/samverkan"
    assert runner.context["steps.install.outputs.save"] == "true"
    again = runner.run(step("install"), action_inputs(**given))  # from the cache: no pip
    assert again.returncode == 0
    calls = (stubs / "calls.txt").read_text(encoding="utf-8").splitlines()
    assert calls[3:] == ["samverkan --version", "samverkan --version"]


def test_the_action_refuses_a_source_that_is_no_git_url(sample: Path) -> None:
    runner = Runner(sample)
    stubs = python_stub(sample.parent)
    runner.context["steps.python.outputs.python-path"] = str(stubs / "python")
    done = runner.run(step("install"), action_inputs(**{"samverkan-source": "samverkan==0.1.0"}))
    assert done.returncode == 2
    assert "::error" in done.stdout
    assert "pip" not in (stubs / "calls.txt").read_text(encoding="utf-8")


def test_the_cache_key_follows_the_action_content(sample: Path, tmp_path: Path) -> None:
    action = tmp_path / "action"
    action.mkdir()
    (action / "action.yml").write_text("a", encoding="utf-8")
    runner = Runner(sample, action)
    runner.run(step("key"), action_inputs())
    first = runner.context["steps.key.outputs.key"]
    runner.run(step("key"), action_inputs())
    assert runner.context["steps.key.outputs.key"] == first
    (action / "action.yml").write_text("b", encoding="utf-8")
    runner.run(step("key"), action_inputs())
    assert runner.context["steps.key.outputs.key"] != first
    runner.run(step("key"), action_inputs(**{"samverkan-source": "git+https://x.se/s@v2"}))
    assert runner.context["steps.key.outputs.key"].split("-")[1] != first.split("-")[1]


# -- running ------------------------------------------------------------------------------


def test_the_action_validates_writes_sarif_a_summary_and_builds(sample: Path) -> None:
    runner, results = run_action(sample, action_inputs(sarif="true", build="true", html="true"))
    assert list(results) == ["key", "install", "sarif", "validate", "build"]
    for name, done in results.items():
        assert done.returncode == 0, f"{name}: {done.stdout}{done.stderr}"
    assert "::error" not in results["validate"].stdout
    assert "agreements/järva: godkänd" in results["validate"].stdout
    assert runner.context["steps.sarif.outputs.upload"] == "true"
    sarif = json.loads((sample / "samverkan.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    summary = runner.summary.read_text(encoding="utf-8")
    assert summary.startswith("## samverkan validate")
    assert (sample / "out" / "järva" / DOCX).read_bytes()[:2] == b"PK"
    page = (sample / "out" / "järva" / DOCX).with_suffix(".html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")


def test_the_action_annotates_a_broken_agreement_and_builds_nothing(sample: Path) -> None:
    break_agreement(sample / "agreements" / "järva")
    runner, results = run_action(sample, action_inputs(sarif="true", build="true"))
    assert list(results) == ["key", "install", "sarif", "validate"]  # build is not reached
    assert results["sarif"].returncode == 0  # problems go to code scanning, not a failure
    validate = results["validate"]
    assert validate.returncode == 1
    assert validate.stdout.startswith("::")
    assert "::error file=agreements/järva/overenskommelse.yaml,line=" in validate.stdout
    assert "title=SV101 " in validate.stdout
    assert "| fel | SV101 |" in runner.summary.read_text(encoding="utf-8")
    assert not (sample / "out").exists()


def test_the_action_says_when_annotations_are_capped(sample: Path) -> None:
    source = sample / "agreements" / "järva"
    for n in range(3):  # 4 info findings each: 12 notices, two more than GitHub shows
        shutil.copytree(source, sample / "agreements" / f"kopia-{n}")
    shutil.rmtree(source)
    runner, results = run_action(sample, action_inputs())
    validate = results["validate"]
    assert validate.returncode == 0, validate.stdout + validate.stderr
    first = validate.stdout.splitlines()[0]
    assert first.startswith("::notice title=samverkan::GitHub visar högst 10 annoteringar")
    assert "2 fynd syns inte som annoteringar" in first
    summary = runner.summary.read_text(encoding="utf-8").replace("\\", "")
    assert "så 2 av fynden syns bara här" in summary
    assert summary.count("| info | SV108 |") == 12


@pytest.mark.parametrize(
    ("context", "reason"),
    [
        ({"github.event.pull_request.head.repo.full_name": "nagon/avtal"}, "fork"),
        (
            {
                "github.event.pull_request.head.repo.full_name": "kommunen/avtal",
                "github.actor": "dependabot[bot]",
            },
            "Dependabot",
        ),
    ],
)
def test_the_sarif_upload_is_skipped_for_read_only_tokens(
    sample: Path, context: dict[str, str], reason: str
) -> None:
    runner = Runner(sample)
    runner.context.update(context)
    inputs = action_inputs(sarif="true")
    done = runner.run(step("sarif"), inputs)
    assert done.returncode == 0
    assert done.stdout.startswith("::notice title=samverkan::SARIF laddas inte upp")
    assert reason in done.stdout
    assert runner.context["steps.sarif.outputs.upload"] == "false"
    upload = next(s for s in action_steps() if s.get("uses", "").startswith("github/codeql"))
    assert not runs(upload, {**runner.context, **inputs})
    assert not (sample / "samverkan.sarif").exists()


def test_the_action_checks_only_the_named_agreements_and_strict(sample: Path) -> None:
    broken = sample / "agreements" / "trasig"
    shutil.copytree(sample / "agreements" / "järva", broken)
    break_agreement(broken)
    runner = Runner(sample)
    named = runner.run(step("validate"), action_inputs(agreements="järva"))
    assert named.returncode == 0, named.stdout + named.stderr
    assert "trasig" not in named.stdout
    every = runner.run(step("validate"), action_inputs())
    assert every.returncode == 1
    assert "::error file=agreements/trasig/overenskommelse.yaml" in every.stdout
    jarva = sample / "agreements" / "järva" / "overenskommelse.yaml"
    text = jarva.read_text(encoding="utf-8").replace("  datum: 2024-06-01", "  datum: 2024-06-03")
    jarva.write_text(text, encoding="utf-8")  # SV113, a warning
    assert runner.run(step("validate"), action_inputs(agreements="järva")).returncode == 0
    strict = runner.run(step("validate"), action_inputs(agreements="järva", strict="true"))
    assert strict.returncode == 1
    assert "::warning file=agreements/järva/overenskommelse.yaml" in strict.stdout


@pytest.mark.parametrize("name", ["--help", "-h", "--version", "--format=json"])
def test_a_folder_named_like_an_option_is_still_checked_and_built(sample: Path, name: str) -> None:
    """The scripts end the options with `--`: a folder named `--help` is a name, so a broken
    one fails the job instead of printing help and passing."""
    broken = sample / "agreements" / name
    shutil.copytree(sample / "agreements" / "järva", broken)
    break_agreement(broken)
    runner = Runner(sample)
    named = runner.run(step("validate"), action_inputs(agreements=name))
    assert named.returncode == 1, named.stdout + named.stderr
    assert "title=SV101 " in named.stdout
    build = runner.run(step("build"), action_inputs(build="true"))
    assert build.returncode == 1, build.stdout + build.stderr
    assert "SV101" in build.stderr
    gitlab_build = run_job("build", sample)
    assert gitlab_build.returncode == 1
    assert "SV101" in gitlab_build.stderr
