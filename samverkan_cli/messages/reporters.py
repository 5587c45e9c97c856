"""Output formats of `samverkan validate`: one reporter per format, chosen by name.

A reporter gets every checked agreement with its problems, in the order they were checked,
and returns the whole output text (ending in a newline). Reporters only read `Problem`
values; they never decide the exit code.

- `text`: one line per problem and a summary line per agreement (see `messages.problem_lines`).
- `json`: the versioned structure described in docs/referens/validate-output.md and
  `schemas/validate-output.schema.json`.
- `github`: GitHub Actions workflow commands (`::error file=…::…`), one per problem.
- `sarif`: a SARIF 2.1.0 log with one run, for code scanning.
- `gitlab`: a GitLab Code Quality report (`messages.code_quality`).
- `markdown`: a job summary with every finding (`messages.job_summary`).

`QUIET_REPORTERS` holds what `validate --tyst` prints instead: for text, the problem lines and
one summary line for the whole run.

Every value is escaped for its format by `core.safe_output` (see there): a hostile folder name
or YAML value can neither start a line nor become a workflow command, and JSON is always
UTF-8.
"""

from __future__ import annotations

import os
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple, Protocol
from urllib.parse import quote

from samverkan_cli.core.package_version import package_version
from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.core.safe_output import neutralise_markers, safe_json, safe_line, visible
from samverkan_cli.messages.code_quality import GitlabReporter
from samverkan_cli.messages.job_summary import MarkdownReporter
from samverkan_cli.messages.language import text
from samverkan_cli.messages.problem_lines import format_problem, run_summary, summary
from samverkan_cli.messages.rule_catalogue import RuleInfo, all_rules

JSON_FORMAT = "samverkan-validate"
JSON_VERSION = 1
SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_SOURCE_ROOT = "%SRCROOT%"

PASSED = "godkänd"
FAILED = "underkänd"

_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_GITHUB_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


class CheckedAgreement(NamedTuple):
    """One agreement folder as checked, with every problem found in it."""

    folder: Path
    problems: Sequence[Problem]
    repository_wide: bool = False
    """True for what concerns the repository as a whole (samverkan.yaml, templates/), which
    is reported like an agreement but not counted as one."""

    @property
    def name(self) -> str:
        """The folder name, NFC-normalised as the loader names agreements."""
        return unicodedata.normalize("NFC", self.folder.name)

    @property
    def shown_path(self) -> str:
        """The folder as the text output shows it: relative to the working directory."""
        from samverkan_cli.source.loading import display_path  # keeps pydantic out of `--help`

        return display_path(self.folder)

    @property
    def passed(self) -> bool:
        return not any(p.severity is Severity.ERROR for p in self.problems)


class Reporter(Protocol):
    """Turns the results of one `validate` run into the whole output text."""

    def render(self, checked: Sequence[CheckedAgreement]) -> str: ...


class TextReporter:
    """`file:line:column: REGEL nivå: meddelande` per problem, then a summary line."""

    def render(self, checked: Sequence[CheckedAgreement]) -> str:
        lines: list[str] = []
        for agreement in checked:
            lines.extend(format_problem(problem) for problem in agreement.problems)
            lines.append(summary(agreement.shown_path, agreement.problems))
        if not checked:
            lines.append(text("no_agreements"))
        return _lines(lines)


class QuietTextReporter:
    """`--tyst`: the errors and warnings of every agreement, then one line for the whole
    run ("3 överenskommelser kontrollerade: 2 fel, 1 varning, 4 info"); info is only
    counted."""

    def render(self, checked: Sequence[CheckedAgreement]) -> str:
        lines = [
            format_problem(p)
            for agreement in checked
            for p in agreement.problems
            if p.severity is not Severity.INFO
        ]
        lines.append(summary_of_run(checked))
        return _lines(lines)


def summary_of_run(checked: Sequence[CheckedAgreement]) -> str:
    """One line for a whole run (agreements counted without the repository's own files)."""
    agreements = sum(not agreement.repository_wide for agreement in checked)
    return run_summary(agreements, [p for agreement in checked for p in agreement.problems])


class JsonReporter:
    """The documented JSON structure (docs/referens, schemas/validate-output.schema.json)."""

    def render(self, checked: Sequence[CheckedAgreement]) -> str:
        document = {
            "format": JSON_FORMAT,
            "version": JSON_VERSION,
            "agreements": [self._agreement(agreement) for agreement in checked],
            "summary": {
                "agreements": len(checked),
                "passed": sum(agreement.passed for agreement in checked),
                "failed": sum(not agreement.passed for agreement in checked),
                "counts": _counts(p for agreement in checked for p in agreement.problems),
            },
        }
        return safe_json(document)

    @staticmethod
    def _agreement(agreement: CheckedAgreement) -> dict[str, Any]:
        return {
            "name": agreement.name,
            "path": _posix(agreement.shown_path),
            "status": PASSED if agreement.passed else FAILED,
            "counts": _counts(agreement.problems),
            "problems": [
                {
                    "rule": problem.rule,
                    "severity": problem.severity.value,
                    "message": problem.message,
                    "file": _posix(problem.location.file),
                    "line": problem.location.line,
                    "column": problem.location.column,
                }
                for problem in agreement.problems
            ],
        }


class GithubReporter:
    """GitHub Actions workflow commands: one annotation per problem, then the summaries.

    Escaping follows the runner: `%`, CR and LF in the message; additionally `:` and `,` in
    the properties (file, title). Other control characters are shown `visible`, so that no
    value can end the line; the summaries are plain lines that `safe_line` keeps from being
    read as commands.
    """

    def render(self, checked: Sequence[CheckedAgreement]) -> str:
        titles = {rule.id: rule.title for rule in all_rules()}
        lines: list[str] = []
        for agreement in checked:
            lines.extend(self.annotation(problem, titles) for problem in agreement.problems)
        lines.extend(summary(agreement.shown_path, agreement.problems) for agreement in checked)
        if not checked:
            lines.append(safe_line(text("no_agreements")))
        return _lines(lines)

    @staticmethod
    def annotation(problem: Problem, titles: Mapping[str, str]) -> str:
        title = titles.get(problem.rule)
        properties = {
            "file": _posix(problem.location.file),
            "line": str(problem.location.line),
            "col": str(problem.location.column),
            "title": f"{problem.rule} {title}" if title else problem.rule,
        }
        joined = ",".join(
            f"{key}={escape_property(_shown(value))}" for key, value in properties.items()
        )
        command = _GITHUB_COMMANDS[problem.severity]
        return f"::{command} {joined}::{escape_data(_shown(problem.message))}"


class SarifReporter:
    """A SARIF 2.1.0 log: one run, every catalogue rule, one result per problem."""

    def render(self, checked: Sequence[CheckedAgreement]) -> str:
        return safe_json(self.log(checked))

    def log(self, checked: Sequence[CheckedAgreement]) -> dict[str, Any]:
        rules = all_rules()
        index = {rule.id: position for position, rule in enumerate(rules)}
        results = [
            _sarif_result(problem, index.get(problem.rule))
            for agreement in checked
            for problem in agreement.problems
        ]
        driver = {
            "name": "samverkan",
            "version": _package_version(),
            "rules": [_sarif_rule(rule) for rule in rules],
        }
        run = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}
        return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


REPORTERS: Mapping[str, Reporter] = MappingProxyType(
    {
        "text": TextReporter(),
        "json": JsonReporter(),
        "github": GithubReporter(),
        "sarif": SarifReporter(),
        "gitlab": GitlabReporter(),
        "markdown": MarkdownReporter(),
    }
)
"""Format name → reporter; the names are the choices of `validate --format`."""

QUIET_REPORTERS: Mapping[str, Reporter] = MappingProxyType({"text": QuietTextReporter()})
"""`validate --tyst`: the reporter that replaces the one of REPORTERS for these formats
(the others are quiet already: they print nothing besides the findings)."""

FORMATS: tuple[str, ...] = tuple(REPORTERS)


def render(format_name: str, checked: Sequence[CheckedAgreement]) -> str:
    """The whole output of `validate` in the named format."""
    return REPORTERS[format_name].render(checked)


def escape_data(text: str) -> str:
    """A workflow command's message: `%`, CR and LF percent-encoded (`%` first)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as `escape_data`, and `:` and `,` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def artifact_uri(file: str) -> tuple[str, str | None]:
    """A problem's file as a SARIF artifact URI and its uriBaseId.

    Relative paths become relative URI references against `%SRCROOT%`: forward slashes,
    each segment percent-encoded as UTF-8 (RFC 3986), so `järva` is `j%C3%A4rva`; a name
    that is not UTF-8 keeps its bytes (`%FF`). Absolute paths (outside the working
    directory) become `file:` URIs without a base.
    """
    path = Path(file)
    if path.is_absolute():
        return path.as_uri(), None
    return quote(os.fsencode(path.as_posix()), safe="/"), SARIF_SOURCE_ROOT


def _sarif_rule(rule: RuleInfo) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": _pascal_case(rule.title),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.explanation},
        "defaultConfiguration": {"level": _SARIF_LEVELS[rule.severity]},
    }


def _sarif_result(problem: Problem, rule_index: int | None) -> dict[str, Any]:
    uri, base = artifact_uri(problem.location.file)
    artifact: dict[str, Any] = {"uri": uri}
    if base is not None:
        artifact["uriBaseId"] = base
    region = {
        "startLine": max(problem.location.line, 1),
        "startColumn": max(problem.location.column, 1),
    }
    result: dict[str, Any] = {"ruleId": problem.rule}
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    result["level"] = _SARIF_LEVELS[problem.severity]
    result["message"] = {"text": problem.message}
    result["locations"] = [{"physicalLocation": {"artifactLocation": artifact, "region": region}}]
    return result


def _pascal_case(title: str) -> str:
    """A rule title as a readable identifier: "Forum med för få möten" → "ForumMedFörFåMöten"."""
    words = "".join(c if c.isalnum() else " " for c in title).split()
    return "".join(word[:1].upper() + word[1:] for word in words)


def _counts(problems: Iterable[Problem]) -> dict[str, int]:
    counted = Counter(problem.severity for problem in problems)
    return {severity.value: counted[severity] for severity in _SEVERITIES}


def _package_version() -> str:
    return package_version() or "0+unknown"  # a source tree that was never installed


def _posix(path: str) -> str:
    return Path(path).as_posix()


def _shown(value: str) -> str:
    """A value for a workflow command: CR and LF are left for the runner's own escaping,
    every other control character is shown, and no `##[` marker is left."""
    return neutralise_markers(visible(value, keep="\r\n"))


def _lines(lines: Iterable[str]) -> str:
    return "".join(f"{line}\n" for line in lines)
