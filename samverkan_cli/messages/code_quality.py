"""`validate --format gitlab`: a GitLab Code Quality report, so that merge requests show
what `validate` found.

GitLab reads a subset of the Code Climate issue format: a JSON array with, per finding,
`description`, `check_name`, `fingerprint`, `severity` (info, minor, major, critical,
blocker), `location.path` (relative to the repository root) and `location.lines.begin`.
Exactly these are written:

- `check_name` is the rule id (SV101), `description` the rule id and the message;
- `severity`: an error is `major`, a warning `minor`, info `info` (an error stops `build`,
  but GitLab keeps `critical` and `blocker` for what breaks the software itself);
- `fingerprint` is a SHA-256 of rule, path and message, and of how many identical findings
  came before it in the same file, so it is unique per finding and stays the same when lines
  are added above it (GitLab compares fingerprints to tell new findings from fixed ones);
- `location.path`: the file relative to the top of the git checkout that holds the working
  directory (GitLab's repository root), with forward slashes; without a checkout, relative
  to the working directory, as in the text output.

The document goes through `core.safe_output.safe_json` like every JSON format: a hostile
folder name or YAML value stays a JSON string and cannot become a CI command.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.core.safe_output import safe_json

if TYPE_CHECKING:  # reporters imports this module: only the type is needed here
    from samverkan_cli.messages.reporters import CheckedAgreement

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
"""samverkan's severity → the Code Climate severity GitLab shows."""


class GitlabReporter:
    """A GitLab Code Quality report: one issue per problem, in the order checked."""

    def render(self, checked: Sequence[CheckedAgreement]) -> str:
        return safe_json(self.issues(checked, Path.cwd()))

    def issues(self, checked: Sequence[CheckedAgreement], cwd: Path) -> list[dict[str, Any]]:
        top = checkout_root(cwd)
        seen: Counter[tuple[str, str, str]] = Counter()
        issues = []
        for agreement in checked:
            for problem in agreement.problems:
                path = repository_path(problem.location.file, cwd, top)
                identity = (problem.rule, path, problem.message)
                issues.append(_issue(problem, path, seen[identity]))
                seen[identity] += 1
        return issues


def _issue(problem: Problem, path: str, earlier: int) -> dict[str, Any]:
    return {
        "description": f"{problem.rule}: {problem.message}",
        "check_name": problem.rule,
        "fingerprint": fingerprint(problem.rule, path, problem.message, earlier),
        "severity": SEVERITIES[problem.severity],
        "location": {"path": path, "lines": {"begin": max(problem.location.line, 1)}},
    }


def fingerprint(rule: str, path: str, message: str, earlier: int) -> str:
    """A finding's identity: stable across runs and line shifts, unique within a report.
    A name that is not UTF-8 (lone surrogates) is hashed by its code points."""
    import hashlib  # only for this format: `--help` and `validate` need it not

    identity = "\0".join((rule, path, message, str(earlier)))
    return hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()


def checkout_root(cwd: Path) -> Path:
    """The top of the git checkout that holds `cwd` (a folder with `.git`, which is a file
    in a worktree or submodule); `cwd` itself outside any checkout."""
    for folder in (cwd, *cwd.parents):
        if (folder / ".git").exists():
            return folder
    return cwd


def repository_path(file: str, cwd: Path, top: Path) -> str:
    """A problem's file relative to `top`, with forward slashes; as given when it lies
    outside (GitLab then shows the finding without a link)."""
    path = Path(file)
    absolute = path if path.is_absolute() else cwd / path
    try:
        return absolute.relative_to(top).as_posix()
    except ValueError:
        return path.as_posix()
