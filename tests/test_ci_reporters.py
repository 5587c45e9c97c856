"""The CI formats of `samverkan validate`: the GitLab Code Quality report (the Code Climate
subset GitLab reads), the Markdown job summary (every finding, nothing a YAML value can turn
into Markdown or HTML), and the quiet text of `--tyst`; then each through the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from samverkan_cli.core.problems import Location, Problem, Severity
from samverkan_cli.messages.code_quality import checkout_root, repository_path
from samverkan_cli.messages.job_summary import markdown_text
from samverkan_cli.messages.reporters import QUIET_REPORTERS, CheckedAgreement, render
from tests.test_cli import break_jarva, run

AGREEMENT_FILE = "agreements/järva/overenskommelse.yaml"
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}
HOSTILE = (
    "x | y <script>alert(1)</script> [länk](https://evil.example) **fet** `kod` "
    "![bild](x.png) https://evil.example www.evil.example a@b.se $x$ ~~s~~ &amp; "
    "::error::falsk\n##[error]falsk\r\x1b[31m\u202e\\ # rubrik"
)


def problem(
    rule: str, severity: Severity, message: str, file: str = AGREEMENT_FILE, line: int = 1
) -> Problem:
    return Problem(Location(file, line, 3), rule, severity, message)


def checked(name: str, *problems: Problem, wide: bool = False) -> CheckedAgreement:
    return CheckedAgreement(Path.cwd() / "agreements" / name, sorted(problems), wide)


@pytest.fixture
def results() -> list[CheckedAgreement]:
    return [
        checked(
            "samverkan.yaml",
            problem("SV014", Severity.ERROR, "okänt fält", "samverkan.yaml"),
            wide=True,
        ),
        checked(
            "järva",
            problem("SV101", Severity.ERROR, "Lokal styrgrupp möts en (1) gång per år", line=119),
            problem("SV113", Severity.WARNING, "datumet är en måndag", line=200),
            problem("SV108", Severity.INFO, "bilagan saknar datum", line=85),
        ),
        checked("rinkeby-kista-2017"),
    ]


# -- GitLab Code Quality ------------------------------------------------------------------


def assert_code_climate(issues: Any) -> None:
    """The fields GitLab reads, each as its documentation describes it."""
    assert isinstance(issues, list)
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == len(fingerprints), "a fingerprint per finding"
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert isinstance(issue["description"], str) and issue["description"]
        assert re.fullmatch(r"SV\d{3}", issue["check_name"])
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
        assert issue["severity"] in GITLAB_SEVERITIES
        location = issue["location"]
        assert set(location) == {"path", "lines"}
        path = location["path"]
        assert path and not path.startswith(("/", "./"))
        assert set(location["lines"]) == {"begin"}
        assert isinstance(location["lines"]["begin"], int) and location["lines"]["begin"] >= 1


def test_gitlab_report_fields(results: list[CheckedAgreement]) -> None:
    issues = json.loads(render("gitlab", results))
    assert_code_climate(issues)
    assert [(i["check_name"], i["severity"]) for i in issues] == [
        ("SV014", "major"),
        ("SV108", "info"),
        ("SV101", "major"),
        ("SV113", "minor"),
    ]
    sv101 = issues[2]
    assert sv101["description"] == "SV101: Lokal styrgrupp möts en (1) gång per år"
    assert sv101["location"] == {"path": AGREEMENT_FILE, "lines": {"begin": 119}}


def test_gitlab_fingerprints_are_stable_and_unique() -> None:
    same = problem("SV115", Severity.WARNING, "samma meddelande", line=10)
    moved = problem("SV115", Severity.WARNING, "samma meddelande", line=40)
    first = json.loads(render("gitlab", [checked("järva", same, moved)]))
    assert_code_climate(first)
    # lines added above both findings: the same two fingerprints
    later = [problem("SV115", Severity.WARNING, "samma meddelande", line=n) for n in (12, 42)]
    second = json.loads(render("gitlab", [checked("järva", *later)]))
    assert [i["fingerprint"] for i in first] == [i["fingerprint"] for i in second]
    assert [i["location"]["lines"]["begin"] for i in second] == [12, 42]


def test_gitlab_line_zero_and_empty_report() -> None:
    issues = json.loads(
        render(
            "gitlab",
            [checked("järva", problem("SV015", Severity.ERROR, "x", "agreements", line=0))],
        )
    )
    assert issues[0]["location"]["lines"]["begin"] == 1
    assert json.loads(render("gitlab", [])) == []


def test_gitlab_paths_are_relative_to_the_checkout(tmp_path: Path) -> None:
    top = tmp_path / "checkout"
    sub = top / "kommun"
    (sub / "agreements").mkdir(parents=True)
    (top / ".git").mkdir()
    assert checkout_root(sub) == top
    assert repository_path("agreements/järva/x.yaml", sub, top) == "kommun/agreements/järva/x.yaml"
    assert (
        repository_path(str(tmp_path / "else" / "x.yaml"), sub, top)
        == (tmp_path / "else" / "x.yaml").as_posix()
    )
    plain = tmp_path / "plain"
    plain.mkdir()
    assert checkout_root(plain) in (plain, *plain.parents)


def test_gitlab_hostile_values_stay_json_strings() -> None:
    name = "järva\n::error::x"
    hostile = problem("SV101", Severity.ERROR, HOSTILE, f"agreements/{name}/overenskommelse.yaml")
    output = render("gitlab", [checked(name, hostile)])
    issues = json.loads(output)
    assert_code_climate(issues)
    assert issues[0]["description"] == f"SV101: {HOSTILE}"
    assert issues[0]["location"]["path"] == f"agreements/{name}/overenskommelse.yaml"
    for line in output.splitlines():
        assert not line.lstrip().startswith("::")
        assert "##[" not in line
        assert "\x1b" not in line and "\u202e" not in line


def test_gitlab_a_name_that_is_not_utf8() -> None:
    file = "agreements/j\udcc3rva/overenskommelse.yaml"
    output = render("gitlab", [checked("j\udcc3rva", problem("SV101", Severity.ERROR, "x", file))])
    output.encode("utf-8")  # no lone surrogate reaches the report
    issues = json.loads(output)
    assert_code_climate(issues)
    assert issues[0]["location"]["path"] == "agreements/j\\xc3rva/overenskommelse.yaml"


# -- Markdown -----------------------------------------------------------------------------


def parse(markdown: str) -> list[Any]:
    return MarkdownIt("commonmark").enable("table").parse(markdown)


def inline_kinds(tokens: list[Any]) -> set[str]:
    return {
        child.type for token in tokens if token.type == "inline" for child in token.children or []
    }


def test_markdown_text_shows_exactly_the_text() -> None:
    for value in (
        HOSTILE,
        "|",
        "\\",
        "a\\|b",
        "1. lista",
        "- punkt",
        "> citat",
        "# rubrik",
        "<!-- x -->",
    ):
        shown = markdown_text(value)
        tokens = parse(f"| a |\n|---|\n| {shown} |\n")
        assert inline_kinds(tokens) <= {"text"}, value
        cells = [t for t in tokens if t.type == "inline"]
        expected = (
            value.replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\x1b", "\\x1b")
            .replace("\u202e", "\\u202e")
        )
        rendered = "".join(child.content for child in cells[-1].children)
        assert rendered == expected.strip(), value


def test_markdown_lists_every_finding_in_tables(results: list[CheckedAgreement]) -> None:
    output = render("markdown", results)
    assert output.startswith("## samverkan validate\n")
    plain = output.replace("\\", "")
    assert "**2 överenskommelser kontrollerade: 2 fel, 1 varning, 1 info**" in plain
    tokens = parse(output)
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == 1 + 3 + 2 * 1 + 1 + 3  # agreements header and rows, two findings tables
    assert "SV101" in output and "agreements/järva/overenskommelse.yaml:119:3" in output.replace(
        "\\", ""
    )
    assert "GitHub Actions visar högst 10" not in output


def test_markdown_says_when_annotations_are_capped() -> None:
    many = [problem("SV113", Severity.WARNING, f"varning {n}", line=n) for n in range(1, 14)]
    output = render("markdown", [checked("järva", *many)])
    assert "så 3 av fynden syns bara här" in output
    assert output.count("| varning | SV113 |") == 13


def test_markdown_hostile_values_cannot_inject(results: list[CheckedAgreement]) -> None:
    name = "järva <b>x</b> | [l](https://e.se)"
    hostile = checked(name, problem("SV101", Severity.ERROR, HOSTILE, f"agreements/{name}/x.yaml"))
    output = render("markdown", [hostile])
    tokens = parse(output)
    assert inline_kinds(tokens) <= {"text", "strong_open", "strong_close", "softbreak"}
    assert not [t for t in tokens if t.type in ("html_block", "html_inline", "fence", "code_block")]
    assert sum(t.type == "table_open" for t in tokens) == 2
    for row in (t for t in tokens if t.type == "tr_open"):
        assert row.map is not None
    cells_per_row = output.split("### ", 1)[1].splitlines()[-1]
    assert len(re.findall(r"(?<!\\)\|", cells_per_row)) == 5
    for line in output.splitlines():
        assert not line.lstrip().startswith("::") and "##[" not in line


def test_markdown_with_nothing_to_check() -> None:
    output = render("markdown", [])
    assert "0 överenskommelser kontrollerade" in output
    assert "inga överenskommelser att kontrollera" in output


# -- quiet --------------------------------------------------------------------------------


def test_quiet_text_shows_errors_warnings_and_one_line(results: list[CheckedAgreement]) -> None:
    output = QUIET_REPORTERS["text"].render(results)
    lines = output.splitlines()
    assert lines[-1] == "2 överenskommelser kontrollerade: 2 fel, 1 varning, 1 info"
    assert len(lines) == 4
    assert "SV108" not in output  # info is only counted
    assert "godkänd" not in output


def test_quiet_summary_words() -> None:
    one = QUIET_REPORTERS["text"].render([checked("järva")])
    assert one == "1 överenskommelse kontrollerad: 0 fel, 0 varningar\n"


# -- through the CLI ----------------------------------------------------------------------


def test_cli_gitlab_on_the_examples(in_repo: Path) -> None:
    break_jarva(in_repo)
    result = run("validate", "--format", "gitlab")
    assert result.exit_code == 1
    issues = json.loads(result.stdout)
    assert_code_climate(issues)
    sv101 = [i for i in issues if i["check_name"] == "SV101" and i["severity"] == "major"]
    assert sv101 and sv101[0]["location"]["path"] == AGREEMENT_FILE


def test_cli_markdown_on_the_examples(in_repo: Path) -> None:
    break_jarva(in_repo)
    result = run("validate", "--format", "markdown")
    assert result.exit_code == 1
    assert result.stdout.startswith("## samverkan validate")
    assert "| fel | SV101 |" in result.stdout


@pytest.mark.parametrize("flag", ["--tyst", "--quiet", "-q"])
def test_cli_quiet(in_repo: Path, flag: str) -> None:
    break_jarva(in_repo)
    (in_repo / "README.md").write_text("# Avtal\n", encoding="utf-8")
    result = run("validate", flag, "agreements/järva/overenskommelse.yaml", "README.md")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("1 överenskommelse kontrollerad: 1 fel")
    assert all("SV101 fel" in line for line in lines[:-1]) and len(lines) == 2
    assert "hoppas över" not in result.output  # quiet: no note for the skipped file
