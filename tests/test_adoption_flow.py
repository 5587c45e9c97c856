"""Issue 19's "Done when" as one scenario on the command line, in an empty `git init`
repository: a kommun imports its Word agreement, `validate` flags what is missing, the user
adds what the rules ask for, and then `validate`, the pre-commit hook (its command as
.pre-commit-hooks.yaml defines it), the GitLab Code Quality report and the Markdown job
summary all agree that the agreement is in order."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from samverkan_cli.cli.main import cli
from tests.conftest import REPO_ROOT
from tests.word_fixtures import seed_001_agreement

EXAMPLE = REPO_ROOT / "agreements" / "exempel-kommun"
TODAY = "2026-06-01"
"""The day the checks run as: the example lägesbild the user copies is current then."""


def _samverkan(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def _fix(folder: Path) -> None:
    """What a user adds when validate asks (SV104, SV105, SV133, SV136, SV139, SV140): the
    typed blocks for lägesbild, samordning and dokumentation in place of the prose section,
    the bilagor list with a lägesbild and an åtgärdsplan, and a notice period. The texts are
    taken from the shipped example, as the guide suggests."""
    path = folder / "overenskommelse.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    example = yaml.safe_load((EXAMPLE / "overenskommelse.yaml").read_text(encoding="utf-8"))
    for key in ("samordning", "lägesbild", "dokumentation"):
        data[key] = example[key]
    bilagor = [b for b in example["bilagor"]["lista"] if b["typ"] in ("lägesbild", "åtgärdsplan")]
    data["bilagor"] = {**example["bilagor"], "lista": bilagor}
    (folder / "bilagor").mkdir()
    for bilaga in bilagor:
        shutil.copyfile(EXAMPLE / bilaga["fil"], folder / bilaga["fil"])
    data["tid"]["uppsägning"] = {"uppsägningstid_månader": 6}
    sections: list[Any] = []
    for entry in data["avsnitt"]:
        heading = entry.get("rubrik", "") if isinstance(entry, dict) else ""
        if heading == "Bilagor":
            sections.append("bilagor")
        elif heading.startswith("Gemensam lokal lägesbild"):
            sections += ["lägesbild", "dokumentation"]
        else:
            sections.append(entry)
        if entry == "organisation":
            sections.append("samordning")
    data["avsnitt"] = sections
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")


def _hook() -> tuple[list[str], re.Pattern[str]]:
    """The hook's command and file pattern as .pre-commit-hooks.yaml declares them."""
    (hook,) = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["pass_filenames"] is True
    command = shlex.split(hook["entry"]) + list(hook.get("args", []))
    assert command[0] == "samverkan"
    executable = Path(sys.executable).parent / "samverkan"
    if not executable.is_file():
        pytest.skip("samverkan is not installed as a command in this environment")
    return [str(executable), *command[1:]], re.compile(hook["files"])


def _check_code_quality(text: str) -> list[dict[str, Any]]:
    report = json.loads(text)
    assert isinstance(report, list)
    for item in report:
        assert isinstance(item["description"], str) and item["description"]
        assert isinstance(item["check_name"], str) and item["check_name"]
        assert isinstance(item["fingerprint"], str) and item["fingerprint"]
        assert item["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert isinstance(item["location"]["path"], str)
        assert isinstance(item["location"]["lines"]["begin"], int)
    assert len({item["fingerprint"] for item in report}) == len(report)
    return report


def test_a_kommun_adopts_samverkan_from_its_word_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "kommunens-avtal"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    source = seed_001_agreement(tmp_path / "Samverkansöverenskommelse Järva.docx")
    monkeypatch.chdir(repo)

    code, output = _samverkan("import", str(source), "jarva")
    assert code == 0, output
    assert "skrev agreements/jarva/overenskommelse.yaml" in output
    assert (repo / "schemas" / "overenskommelse.schema.json").is_file()

    code, output = _samverkan("validate", "--idag", TODAY, "jarva")
    assert code == 1, output
    flagged = set(re.findall(r" (SV\d{3}) fel:", output))
    assert {"SV104", "SV136", "SV139"} <= flagged, output
    code, output = _samverkan("validate", "--idag", TODAY, "--format", "gitlab")
    assert code == 1
    report = _check_code_quality(output)
    assert {"SV104", "SV136"} <= {item["check_name"] for item in report}
    assert all(item["location"]["path"].startswith("agreements/jarva/") for item in report)

    _fix(repo / "agreements" / "jarva")
    code, output = _samverkan("validate", "--idag", TODAY, "jarva")
    assert code == 0, output
    assert " fel:" not in output

    command, pattern = _hook()
    changed = [
        p.relative_to(repo).as_posix() for p in sorted((repo / "agreements").rglob("*.yaml"))
    ]
    changed = [p for p in changed if pattern.search(p)]
    assert "agreements/jarva/overenskommelse.yaml" in changed
    hook = subprocess.run(
        [*command, *changed], cwd=repo, capture_output=True, text=True, timeout=60, check=False
    )
    assert hook.returncode == 0, hook.stdout + hook.stderr
    lines = [line for line in hook.stdout.splitlines() if line.strip()]
    assert " fel:" not in hook.stdout and " varning:" not in hook.stdout  # quiet: no info
    assert len(lines) == 1, lines  # the one-line summary
    assert re.fullmatch(
        r"1 överenskommelse kontrollerad: 0 fel, 0 varningar(, \d+ info)?", lines[0]
    )

    code, output = _samverkan("validate", "--idag", TODAY, "--format", "gitlab")
    assert code == 0, output
    assert all(item["severity"] != "major" for item in _check_code_quality(output))
    code, output = _samverkan("validate", "--idag", TODAY, "--format", "markdown")
    assert code == 0, output
    assert output.lstrip().startswith("#") and "jarva" in output, output
