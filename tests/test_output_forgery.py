"""Output that cannot be forged (issue 14): a hostile repository's names and values, printed
by every command in every format, never start a line of their own, never become a CI
workflow command (`::error`, `::add-mask::`, `::stop-commands::`, `##[…]`), never reach the
terminal as control characters, and JSON and SARIF are always UTF-8 JSON.

The corpus is run through the real commands: `validate` in every format, `build`,
`build --alla`, `status`, `kalender`, `diff`, `regler` and `init`, in this process (click's
CliRunner) and in a real one (the console script, real stdout), and the escaping functions
are checked on generated text (hypothesis). Names that need escaping are refused (SV016).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml.reader import Reader

from samverkan_cli.check.folder import check_folder
from samverkan_cli.cli.main import cli, use_language
from samverkan_cli.core.problems import Location, Problem, Severity
from samverkan_cli.core.safe_output import (
    BIDI_CONTROLS,
    github_lines,
    safe_json,
    safe_line,
    safe_text,
    visible,
)
from samverkan_cli.messages.problem_lines import format_problem, report_failure, summary
from samverkan_cli.messages.reporters import FORMATS, CheckedAgreement, render
from samverkan_cli.source.unsafe_names import RULE_UNSAFE_NAME
from tests.conftest import JARVA, REPO_ROOT

SAMVERKAN = Path(sys.executable).parent / "samverkan"

# -- the corpus -----------------------------------------------------------------------------

FORGERIES = [
    "\n::error file=x::forged",
    "::add-mask::secret",
    "%0A::error::x",
    "\r::warning::x",
    "\r\n::notice::x",
    "\x1b[31m",
    "\x1b]8;;http://evil\x07",
    "\u2028::error::x",
    "\u2029::error::x",
    "\x85::error::x",
    "\x0b::error::x",
    "\x0c::error::x",
    "\x1c::error::x",
    "\x7f",
    "\x9b31m",
    "\u202e::rorre",
    "  ::error::indented",
    "\u3000::error::wide space",
    "::stop-commands::tok",
    "##[add-mask]secret",
    "x ##[error]legacy",
    "##vso[task.logissue type=error]azure",
    "##teamcity[message text='x']",
]
"""Values as an attacker writes them; each is tried where a value is printed."""

FOLDER_NAMES = [value.replace("/", "\\") for value in FORGERIES] + [
    os.fsdecode(b"bad\xff\xfe-namn"),
    os.fsdecode(b"\xc3(::error::invalid"),
]
"""Agreement folder names: the corpus without `/`, and names that are not UTF-8."""

YAML_SAFE = [value for value in FORGERIES if not Reader.NON_PRINTABLE.search(value)]
"""The corpus as YAML can carry it (YAML refuses most control characters even when escaped:
SV004); line breaks, \x85, U+2028 and the bidi controls it carries."""

_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}\ud800-\udfff]")
"""What no printed line may hold (a tab may: it starts no line)."""
_ESCAPED = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}\ud800-\udfff]")
"""What a value or name may not hold: the above, and tab and line feed."""
_MARKER = re.compile(r"##(?:\[|vso\[|teamcity\[)", re.IGNORECASE)
_ANNOTATION = re.compile(
    r"::(error|warning|notice) file=([^:,\r\n]*),line=(\d+),col=(\d+),title=([^:,\r\n]*)::(.*)"
)


def assert_unforgeable(output: str, *, annotations: bool = False) -> None:
    """No line (split at every break Python, terminals and the GitHub runner honour) holds a
    raw control character, a CI marker, or starts with `::` after whitespace, except our own
    annotations in the github format, whose values must then be fully escaped."""
    lines = output.splitlines()  # \n \r \v \f \x1c-\x1e \x85 \u2028 \u2029
    by_newline = output.split("\n")
    assert lines == (by_newline[:-1] if by_newline[-1] == "" else by_newline), "hidden break"
    for line in lines:
        assert not _CONTROL.search(line), f"raw control character in {line!r}"
        assert not _MARKER.search(line), f"CI marker in {line!r}"
        body = line.lstrip()
        if body.startswith("::"):
            assert annotations, f"a workflow command: {line!r}"
            match = _ANNOTATION.fullmatch(line)
            assert match, f"not one of our annotations: {line!r}"
            assert line == body, f"an indented command: {line!r}"


def assert_json(output: str) -> object:
    """Valid UTF-8 JSON without a lone surrogate, unforgeable as printed text."""
    output.encode("utf-8")  # raises on a lone surrogate
    assert_unforgeable(output)
    return json.loads(output)


# -- the escaping functions, on generated text ----------------------------------------------

_FRAGMENTS = [":", "::", "#", "##[", "##vso[", "%", "%0A", ",", "\n", "\r", "\x1b", " ", "\u2028"]
_ANY_TEXT = st.lists(
    st.one_of(
        st.characters(exclude_categories=[]),  # any code point, lone surrogates included
        st.sampled_from(_FRAGMENTS),
    ),
    max_size=20,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_ANY_TEXT)
def test_a_safe_line_is_one_harmless_line(value: str) -> None:
    line = safe_line(value)
    assert_unforgeable(line)
    assert len(line.splitlines()) <= 1
    line.encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(_ANY_TEXT)
def test_visible_keeps_printable_text_and_escapes_the_rest(value: str) -> None:
    shown = visible(value)
    assert not _ESCAPED.search(shown)
    if not _ESCAPED.search(value):
        assert shown == value


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(_ANY_TEXT, st.lists(_ANY_TEXT, max_size=3), max_size=4))
def test_safe_json_is_utf8_and_keeps_every_valid_value(document: dict[str, list[str]]) -> None:
    loaded = assert_json(safe_json(document))
    surrogates = re.compile("[\ud800-\udfff]")
    if not any(surrogates.search(k + "".join(v)) for k, v in document.items()):
        assert loaded == document  # exact values: control characters as JSON escapes


@settings(max_examples=200, deadline=None)
@given(_ANY_TEXT, _ANY_TEXT, _ANY_TEXT)
def test_github_annotations_carry_any_value_escaped(file: str, message: str, name: str) -> None:
    problem = Problem(Location(file, 3, 4), "SV101", Severity.ERROR, message)
    output = render("github", [CheckedAgreement(Path.cwd() / name, [problem])])
    assert_unforgeable(github_lines(output), annotations=True)
    assert github_lines(output) == output  # the reporter's own output is already safe
    first, *rest = output.splitlines()
    match = _ANNOTATION.fullmatch(first)
    assert match is not None
    assert match.group(1, 3, 4) == ("error", "3", "4")
    assert_unforgeable("\n".join(rest))  # the summary line is no command


@pytest.mark.parametrize("value", FORGERIES)
@pytest.mark.parametrize("output_format", FORMATS)
def test_every_format_escapes_files_messages_and_names(value: str, output_format: str) -> None:
    problem = Problem(Location(f"agreements/{value}/x.yaml", 1, 1), "SV101", Severity.ERROR, value)
    output = render(output_format, [CheckedAgreement(Path.cwd() / value, [problem])])
    if output_format in {"json", "sarif"}:
        document = assert_json(output)
        assert value in json.dumps(document, ensure_ascii=False) or "\\" in output
    else:
        assert_unforgeable(output, annotations=output_format == "github")


def test_json_keeps_exact_values_and_names_bytes_that_are_not_utf8() -> None:
    name = os.fsdecode(b"bad\xffname")
    problem = Problem(Location("a.yaml", 1, 1), "SV101", Severity.ERROR, "a\n::error::b\u2028")
    document = assert_json(render("json", [CheckedAgreement(Path.cwd() / name, [problem])]))
    assert isinstance(document, dict)
    (agreement,) = document["agreements"]
    assert agreement["name"] == "bad\\xffname"
    assert agreement["problems"][0]["message"] == "a\n::error::b\u2028"


def test_sarif_uri_keeps_the_bytes_of_a_name_that_is_not_utf8() -> None:
    file = os.fsdecode(b"agreements/bad\xffname/overenskommelse.yaml")
    problem = Problem(Location(file, 1, 1), "SV016", Severity.ERROR, "x")
    log = assert_json(render("sarif", [CheckedAgreement(Path.cwd() / "x", [problem])]))
    assert isinstance(log, dict)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "agreements/bad%FFname/overenskommelse.yaml"


def test_text_helpers_make_every_line_safe() -> None:
    for value in FORGERIES:
        problem = Problem(Location(value, 1, 1), "SV101", Severity.ERROR, value)
        assert_unforgeable(format_problem(problem))
        assert_unforgeable(summary(value, [problem]))
        assert_unforgeable(safe_text(f"rubrik\n{value}\nslut"))
    shown: list[str] = []
    from samverkan_cli.core.errors import UsageError

    report_failure(UsageError(f"okänd '{FORGERIES[0]}'"), lambda m, **_: shown.append(m))
    assert_unforgeable("\n".join(shown))


def test_an_escaped_value_says_what_was_there() -> None:
    assert visible("a\nb\r\x1b[31m\x85\u2028\u202e") == "a\\nb\\r\\x1b[31m\\x85\\u2028\\u202e"
    assert visible(os.fsdecode(b"bad\xff")) == "bad\\xff"
    assert visible("C:\\sökväg\tå") == "C:\\sökväg\\tå"
    assert safe_line("::error::x") == "\\x3a:error::x"
    assert safe_line("  ::error::x") == "  \\x3a:error::x"
    assert safe_line("a ##[error]b") == "a \\x23#[error]b"


# -- SV016: names that need escaping are refused ---------------------------------------------


@pytest.mark.parametrize("name", FOLDER_NAMES)
def test_a_folder_name_with_a_control_character_is_refused(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "agreements" / name
    shutil.copytree(JARVA, folder)
    problems = check_folder(folder)[1]
    refused = [p for p in problems if p.rule == RULE_UNSAFE_NAME]
    if _ESCAPED.search(name):
        assert [p.severity for p in problems] == [Severity.ERROR]
        assert len(refused) == 1
        assert "mappnamnet" in refused[0].message
        assert_unforgeable(format_problem(refused[0]))
        assert not _CONTROL.search(refused[0].location.file)
    else:
        assert not refused  # `:` and `#` are allowed in names; output escapes them


@pytest.mark.parametrize("value", [v for v in YAML_SAFE if _ESCAPED.search(v)])
def test_a_bilaga_fil_with_a_control_character_is_refused(tmp_path: Path, value: str) -> None:
    folder = tmp_path / "agreements" / "järva"
    shutil.copytree(JARVA, folder)
    agreement = folder / "overenskommelse.yaml"
    text = agreement.read_text(encoding="utf-8")
    quoted = json.dumps(f"bilagor/{value}.yaml")  # a YAML double-quoted scalar
    agreement.write_text(text.replace("fil: bilagor/lagesbild.yaml", f"fil: {quoted}"), "utf-8")
    refused = [p for p in check_folder(folder)[1] if p.rule == RULE_UNSAFE_NAME]
    assert len(refused) == 1
    assert refused[0].location.file.endswith("overenskommelse.yaml")
    assert "filnamnet i 'fil'" in refused[0].message


def test_a_yaml_file_name_on_disk_with_a_control_character_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "agreements" / "järva"
    shutil.copytree(JARVA, folder)
    (folder / "bilagor" / "x\n::error::y.yaml").write_text("titel: x\n", encoding="utf-8")
    (folder / os.fsdecode(b"z\xff.yml")).write_text("titel: x\n", encoding="utf-8")
    refused = [p for p in check_folder(folder)[1] if p.rule == RULE_UNSAFE_NAME]
    assert len(refused) == 2
    for problem in refused:
        assert not _CONTROL.search(problem.location.file + problem.message)


def test_sv016_is_in_english_too(tmp_path: Path) -> None:
    folder = tmp_path / "agreements" / "x\n::error::y"
    shutil.copytree(JARVA, folder)
    (problem,) = check_folder(folder)[1]
    use_language(cli, "en")
    try:
        line = format_problem(problem)
    finally:
        use_language(cli, "sv")
    assert "SV016 error: the name 'x\\n::error::y' contains the control character U+000A" in line


# -- every command, on a hostile repository -------------------------------------------------

GOOD = "järva"
VALUES = "värden"
BROKEN = "trasig"


def _hostile_values(folder: Path, values: list[str]) -> None:
    """Järva with the corpus in printed values: a bilaga title (SV108 names it), a forum's
    heading (status, kalender and diff show it)."""
    agreement = folder / "overenskommelse.yaml"
    text = agreement.read_text(encoding="utf-8")
    joined = json.dumps("Kontaktuppgifter" + "".join(values), ensure_ascii=False)
    text = text.replace("titel: Kontaktuppgifter", f"titel: {joined}")
    heading = json.dumps("Lokal styrgrupp" + "".join(values), ensure_ascii=False)
    text = text.replace("rubrik: Lokal styrgrupp", f"rubrik: {heading}", 1)
    agreement.write_text(text, encoding="utf-8")


def _broken(folder: Path, values: list[str]) -> None:
    """Järva with the corpus where it is an error: an unknown profile and a missing `fil`."""
    agreement = folder / "overenskommelse.yaml"
    text = agreement.read_text(encoding="utf-8")
    profile = json.dumps("".join(values), ensure_ascii=False)
    text = text.replace("profil: stockholm-lokal-2023", f"profil: {profile}")
    fil = json.dumps("bilagor/" + "".join(values[:5]) + ".yaml", ensure_ascii=False)
    text = text.replace("fil: bilagor/lagesbild.yaml", f"fil: {fil}")
    agreement.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository with every hostile folder name, and Järva with hostile values."""
    root = tmp_path_factory.mktemp("hostile") / "repo"
    agreements = root / "agreements"
    for name in FOLDER_NAMES:
        shutil.copytree(JARVA, agreements / name)
    shutil.copytree(JARVA, agreements / GOOD)
    shutil.copytree(JARVA, agreements / VALUES)
    _hostile_values(agreements / VALUES, YAML_SAFE)
    shutil.copytree(JARVA, agreements / BROKEN)
    _broken(agreements / BROKEN, YAML_SAFE)
    shutil.copytree(REPO_ROOT / "templates", root / "templates")
    return root


@pytest.fixture
def in_hostile(hostile_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(hostile_repo)
    return hostile_repo


COMMANDS: list[tuple[str, list[str]]] = [
    *((f"validate-{f}", ["validate", "--format", f]) for f in FORMATS),
    ("validate-path", ["validate", f"agreements/{FOLDER_NAMES[0]}"]),
    ("build-values", ["build", VALUES, "--publik"]),
    ("build-broken", ["build", BROKEN]),
    ("build-hostile-name", ["build", FOLDER_NAMES[0]]),
    ("build-unknown-name", ["build", FORGERIES[0]]),
    ("build-every", ["build", "--alla"]),
    ("status", ["status", "--idag", "2025-01-01"]),
    ("status-json", ["status", "--format", "json", "--idag", "2025-01-01"]),
    ("kalender", ["kalender", VALUES, "--år", "2025"]),
    ("kalender-broken", ["kalender", BROKEN, "--år", "2025"]),
    ("diff", ["diff", GOOD, VALUES]),
    ("diff-broken", ["diff", GOOD, BROKEN]),
    ("regler", ["regler"]),
    ("regler-en", ["--lang", "en", "regler"]),
    ("validate-en", ["--lang", "en", "validate"]),
    ("init-hostile-name", ["init", "ny\n::error::x"]),
    ("bad-option", ["validate", "--format", "\n::error::x"]),
]


@pytest.mark.parametrize(("label", "args"), COMMANDS, ids=[label for label, _ in COMMANDS])
def test_every_command_prints_nothing_forgeable(
    in_hostile: Path, label: str, args: list[str]
) -> None:
    try:
        result = CliRunner().invoke(cli, args)
    finally:
        use_language(cli, "sv")
    for stream in (result.stdout, result.stderr):
        assert "internt fel" not in stream and "internal error" not in stream
        assert "Traceback" not in stream
        if label in {"validate-json", "validate-sarif", "status-json"} and stream is result.stdout:
            assert_json(stream)
        else:
            assert_unforgeable(stream, annotations=label == "validate-github")
    assert result.exit_code in {0, 1, 2}, result.output
    if label.startswith("validate") and label != "validate-path":
        assert RULE_UNSAFE_NAME in result.stdout


def test_the_real_process_prints_utf8_that_cannot_be_forged(hostile_repo: Path) -> None:
    """Real stdout and stderr (a surrogate once crashed SARIF and made JSON invalid UTF-8)."""
    for args in (["validate", "--format", f] for f in FORMATS):
        done = subprocess.run([SAMVERKAN, *args], capture_output=True, cwd=hostile_repo)
        assert done.returncode == 1, done.stderr
        stdout = done.stdout.decode("utf-8")  # strict: every byte is UTF-8
        if args[-1] in {"json", "sarif"}:
            assert_json(stdout)
        else:
            assert_unforgeable(stdout, annotations=args[-1] == "github")
        assert_unforgeable(done.stderr.decode("utf-8"))
    out = hostile_repo.parent / "out"
    done = subprocess.run(
        [SAMVERKAN, "build", VALUES, "--out", out], capture_output=True, cwd=hostile_repo
    )
    assert done.returncode == 0, done.stderr
    assert_unforgeable(done.stdout.decode("utf-8"))
    assert_unforgeable(done.stderr.decode("utf-8"))
    assert "skrev" in done.stdout.decode("utf-8")
    assert "::add-mask::secret" in done.stderr.decode("utf-8")  # the value, on its line
    name = os.fsencode(FOLDER_NAMES[-2])  # bytes that are not UTF-8, as the shell passes them
    done = subprocess.run([SAMVERKAN, "build", name], capture_output=True, cwd=hostile_repo)
    assert done.returncode == 1
    assert_unforgeable(done.stderr.decode("utf-8"))
    assert b"SV016" in done.stderr
