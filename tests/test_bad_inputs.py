"""Hostile input, nothing lost.

Every bad file in tests/bad_inputs/ is an agreement's overenskommelse.yaml in a scratch
repository of its own, and the real `samverkan validate` (a new process) must refuse it with
the located Swedish problem that bad_inputs/cases.yaml names, exit 1 and print no traceback:
with libyaml, with the pure-Python parser (SAMVERKAN_PURE_YAML=1) and in the C locale, with
the same lines each time. The cases are checked by three processes, one per way of running,
each validating every case folder (one process per case and way would take some 40 s).

Then: files that must be accepted (BOM, CRLF), a value of the wrong kind in every scalar field
of Järva and a misspelt copy of every key, NFD file names, links out of the repository, names
with path separators, and output that cannot be written (earlier output stays byte-identical).
"""

from __future__ import annotations

import copy
import errno
import os
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from samverkan_cli.check.folder import check_folder
from samverkan_cli.cli.main import cli
from samverkan_cli.core import atomic
from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.source.yaml_limits import MAX_DEPTH, MAX_FILE_BYTES
from samverkan_cli.source.yaml_source import read_yaml
from tests.agreement_copy import AgreementCopy
from tests.conftest import JARVA

SAMVERKAN = Path(sys.executable).parent / "samverkan"
BAD_INPUTS = Path(__file__).parent / "bad_inputs"
CASES_FILE = "cases.yaml"
AGREEMENT = "overenskommelse.yaml"
GOLDEN = Path(__file__).parent / "golden" / "järva.md"
MD = "lokal-samverkansoverenskommelse-jarva.md"
DOCX = "lokal-samverkansoverenskommelse-jarva.docx"


@dataclass(frozen=True, slots=True)
class Expected:
    """The problem a bad file must be refused with."""

    rule: str
    line: int
    column: int
    message: str


def _listed_cases() -> dict[str, Expected]:
    data = yaml.safe_load((BAD_INPUTS / CASES_FILE).read_text(encoding="utf-8"))
    return {name.removesuffix(".yaml"): Expected(**fields) for name, fields in data.items()}


LISTED = _listed_cases()

# Bad files too large to keep in the repository; made for each run by `_generated_content`.
GENERATED = {
    "too-large": Expected("SV007", 1, 1, "filen är för stor"),
    # A million levels: libyaml's own composer crashed the process (SIGSEGV) on this.
    "deep-nesting-huge": Expected("SV008", 1, len("titel: ") + MAX_DEPTH + 1, "för djupt"),
}
CASES = {**LISTED, **GENERATED}


def _generated_content(name: str) -> bytes:
    if name == "too-large":
        item = b"  - " + b"x" * 1000 + b"\n"
        return b"titel: ok\ntext:\n" + item * (MAX_FILE_BYTES // len(item) + 1)
    levels = 1_000_000
    return b"titel: " + b"[" * levels + b"]" * levels + b"\n"


# The environment of each way of running; the test's own locale and language are removed.
MODES: dict[str, dict[str, str]] = {
    "libyaml": {"SAMVERKAN_LANG": "sv"},
    "pure": {"SAMVERKAN_LANG": "sv", "SAMVERKAN_PURE_YAML": "1"},
    "c-locale": {"LANG": "C", "LC_ALL": "C"},
}
_REMOVED = {"SAMVERKAN_LANG", "SAMVERKAN_PURE_YAML", "LANG", "LC_ALL", "LC_MESSAGES"}
_REMOVED |= {"PYTHONUTF8", "PYTHONIOENCODING"}


def environment(mode: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _REMOVED}
    return env | MODES[mode]


@dataclass(frozen=True, slots=True)
class Run:
    code: int
    stdout: str
    stderr: str


def samverkan(args: list[str], cwd: Path, mode: str = "libyaml") -> Run:
    """The installed `samverkan` command in a new process; its output must be UTF-8."""
    done = subprocess.run(
        [str(SAMVERKAN), *args], cwd=cwd, env=environment(mode), capture_output=True, timeout=300
    )
    return Run(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def assert_no_traceback(*texts: str) -> None:
    for text in texts:
        assert "Traceback" not in text, text
        assert "internt fel" not in text, text


# --- the corpus ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def validated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """`samverkan validate` over every case, each its own repository's agreements/x, run
    once per way of running (the three processes side by side)."""
    root = tmp_path_factory.mktemp("bad-inputs")
    for name in CASES:
        folder = root / name / "agreements" / "x"
        folder.mkdir(parents=True)
        source = BAD_INPUTS / f"{name}.yaml"
        content = source.read_bytes() if name in LISTED else _generated_content(name)
        (folder / AGREEMENT).write_bytes(content)
    folders = [f"{name}/agreements/x" for name in sorted(CASES)]
    with ThreadPoolExecutor(len(MODES)) as pool:
        runs = pool.map(lambda mode: samverkan(["validate", *folders], root, mode), MODES)
        return dict(zip(MODES, runs, strict=True))


def lines_of(run: Run, case: str) -> list[str]:
    return [line for line in run.stdout.splitlines() if line.startswith(f"{case}/")]


def test_every_bad_file_is_listed_with_its_problem() -> None:
    files = {p.name.removesuffix(".yaml") for p in BAD_INPUTS.iterdir() if p.name != CASES_FILE}
    assert files == set(LISTED)
    assert all(BAD_INPUTS.joinpath(f"{name}.yaml").stat().st_size < 100_000 for name in files)


@pytest.mark.parametrize("mode", MODES)
def test_bad_inputs_exit_1_without_a_traceback(validated: dict[str, Run], mode: str) -> None:
    run = validated[mode]
    assert run.code == 1, run.stderr
    assert_no_traceback(run.stdout, run.stderr)
    assert run.stderr == ""
    for line in run.stdout.splitlines():
        assert " fel: " in line or ": underkänd (" in line, line


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_refused_with_a_located_swedish_problem(
    validated: dict[str, Run], case: str
) -> None:
    expected = CASES[case]
    lines = lines_of(validated["libyaml"], case)
    place = f"{case}/agreements/x/{AGREEMENT}:{expected.line}:{expected.column}: "
    wanted = f"{place}{expected.rule} fel: "
    assert any(line.startswith(wanted) and expected.message in line for line in lines), lines
    assert lines[-1].startswith(f"{case}/agreements/x: underkänd ("), lines


@pytest.mark.parametrize("mode", ["pure", "c-locale"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_the_same_problems_without_libyaml_and_in_the_c_locale(
    validated: dict[str, Run], case: str, mode: str
) -> None:
    assert lines_of(validated[mode], case) == lines_of(validated["libyaml"], case)


@pytest.mark.parametrize("case", ["syntax-colon", "invalid-utf8", "deep-nesting-flow"])
def test_a_bad_agreement_alone(tmp_path: Path, case: str) -> None:
    """As a user meets it: agreements/x in the working directory's repository; `build`
    refuses it too and writes nothing."""
    folder = tmp_path / "agreements" / "x"
    folder.mkdir(parents=True)
    shutil.copy(BAD_INPUTS / f"{case}.yaml", folder / AGREEMENT)
    expected = CASES[case]
    validate = samverkan(["validate"], tmp_path)
    assert validate.code == 1
    place = f"agreements/x/{AGREEMENT}:{expected.line}:{expected.column}: {expected.rule} fel:"
    assert validate.stdout.startswith(place)
    build = samverkan(["build", "x"], tmp_path)
    assert build.code == 1
    assert build.stderr.startswith(place)
    assert "ingenting skrevs" in build.stderr
    assert_no_traceback(validate.stdout, validate.stderr, build.stdout, build.stderr)
    assert not (tmp_path / "out").exists()


# --- accepted -----------------------------------------------------------------------------


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    folder = tmp_path / "agreements" / "järva"
    shutil.copytree(JARVA, folder)
    for path in folder.rglob("*.yaml"):
        content = path.read_bytes().replace(b"\n", b"\r\n")
        path.write_bytes(b"\xef\xbb\xbf" + content)
    for mode in ("libyaml", "pure"):
        run = samverkan(["validate"], tmp_path, mode)
        assert run.code == 0, run.stdout
        assert "agreements/järva: godkänd (0 fel" in run.stdout
    build = samverkan(["build", "järva", "--out", "ut"], tmp_path)
    assert build.code == 0, build.stderr
    assert (tmp_path / "ut" / MD).read_text(encoding="utf-8") == GOLDEN.read_text(encoding="utf-8")


# --- wrong kinds of values and misspelt keys, in every field of Järva ----------------------

JARVA_DATA = read_yaml(JARVA / AGREEMENT).data
SENTINEL = "SENTINELVÄRDE"
WRONG = {"list": "[fel, värde]", "mapping": "{fel: värde}", "bool": "true", "int": "4711"}
WRONG_TEXT = "fel värde"
ACCEPTED = {(("profil",), "list")}
"""Wrong-looking values the schema accepts: `profil` may be a list of profile names."""


def scalar_paths(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from scalar_paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from scalar_paths(value, (*path, index))
    else:
        yield path


def mapping_paths(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every key of every mapping."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*path, key)
            yield from mapping_paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from mapping_paths(value, (*path, index))


def shown(path: tuple[Any, ...]) -> str:
    return "/".join(str(p) for p in path)


def dumped_with(path: tuple[Any, ...], value: Any) -> str:
    data = copy.deepcopy(JARVA_DATA)
    parent = data
    for element in path[:-1]:
        parent = parent[element]
    parent[path[-1]] = value
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the only occurrence of `needle`."""
    assert text.count(needle) == 1, needle
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def schema_problems_at(folder: Path, line: int, column: int) -> list[Problem]:
    problems = check_folder(folder)[1]
    return [
        p
        for p in problems
        if p.rule == "SV010" and (p.location.line, p.location.column) == (line, column)
    ]


@pytest.fixture(scope="module")
def jarva_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wrong-kinds") / "agreements" / "järva"
    shutil.copytree(JARVA, folder)
    return folder


@pytest.mark.parametrize("path", list(scalar_paths(JARVA_DATA)), ids=shown)
def test_a_value_of_the_wrong_kind_is_located(jarva_folder: Path, path: tuple[Any, ...]) -> None:
    """The wrong value is written where the sentinel stood, so its line and column are known
    from the text alone."""
    original = JARVA_DATA
    for element in path:
        original = original[element]
    own = {bool: "bool", int: "int", str: "text"}[type(original)]
    text = dumped_with(path, SENTINEL)
    line, column = position(text, SENTINEL)
    kinds = {**WRONG, "text": WRONG_TEXT}
    for kind, wrong in kinds.items():
        if kind == own or (path, kind) in ACCEPTED:
            continue
        (jarva_folder / AGREEMENT).write_text(text.replace(SENTINEL, wrong), encoding="utf-8")
        found = schema_problems_at(jarva_folder, line, column)
        assert found, f"{kind} {wrong!r} in {shown(path)}: no SV010 at {line}:{column}"
        assert all(p.severity is Severity.ERROR for p in found)


def misspelt(key: str) -> str:
    return key + key[-1]


@pytest.mark.parametrize(
    "path", sorted(set(mapping_paths(JARVA_DATA)), key=lambda p: [str(e) for e in p]), ids=shown
)
def test_a_misspelt_key_gets_a_suggestion(jarva_folder: Path, path: tuple[Any, ...]) -> None:
    key = path[-1]
    data = copy.deepcopy(JARVA_DATA)
    parent = data
    for element in path[:-1]:
        parent = parent[element]
    renamed = {(misspelt(k) if k == key else k): v for k, v in parent.items()}
    parent.clear()
    parent.update(renamed)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    (jarva_folder / AGREEMENT).write_text(text, encoding="utf-8")
    wrong = misspelt(key)
    problems = check_folder(jarva_folder)[1]
    found = [p for p in problems if f"okänt fält '{wrong}'; menade du '{key}'?" in p.message]
    if not found and path[-2:-1] == ("frekvens",):
        # `minst`, `varje` and the like tell a frequency's forms apart: the form is unknown,
        # and the message shows the forms there are and the key that was probably meant
        found = [
            p
            for p in problems
            if "'frekvens': okänd frekvens; skriv" in p.message
            and f"menade du '{key}' i stället för '{wrong}'?" in p.message
        ]
    assert len(found) == 1, [str(p) for p in problems]
    assert found[0].rule == "SV010"
    line = found[0].location.line
    assert text.splitlines()[line - 1].lstrip(" -").startswith(f"{wrong}:")


@pytest.mark.parametrize(
    "written",
    ["0", "'0'", "86400", "2024-06-01T00:00:00", "20240601", "2024-6-1", "'1 juni 2024'"],
)
def test_only_a_written_date_is_a_date(jarva: AgreementCopy, written: str) -> None:
    """pydantic alone would read 0 as 1970-01-01 and a timestamp as its day."""
    text = jarva.edit("  datum: 2024-06-01\n", f"  datum: {written}\n")
    found = [p for p in check_folder(jarva.folder)[1] if p.rule == "SV010"]
    assert [p.location.line for p in found] == [position(text, f"datum: {written}")[0]]
    assert "är inget datum; skriv ÅÅÅÅ-MM-DD" in found[0].message
    assert found[0].message.startswith("'datum': ")


def test_a_value_that_fits_no_form_is_one_problem(jarva: AgreementCopy) -> None:
    """`till` is a year, a month, a day or "tills vidare": one problem says what each form
    wanted."""
    jarva.edit("  till: tillsvidare\n", "  till: 0\n")
    found = [p for p in check_folder(jarva.folder)[1] if p.rule == "SV010"]
    assert [p.message for p in found] == [
        "'till': '0' är inget år för en avtalstid; skriv ett år 1900–2999 (ÅÅÅÅ), en månad "
        "(ÅÅÅÅ-MM) eller en dag (ÅÅÅÅ-MM-DD) – eller: ogiltigt värde '0'; "
        "tillåtna värden är 'tills vidare' eller 'tillsvidare'; "
        "t.ex. till: 2018-12-31 eller till: tills vidare"
    ]


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure"])
@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("frekvens: {minst: 2, per: år}", "frekvens: {minst: 2, per: }", "per: }"),
        ("frekvens: {minst: 2, per: år}", "frekvens: {minst: 2, per:}", "per:}"),
        ("  till: tillsvidare\n", "  till:\n", "till:\n"),
    ],
)
def test_an_empty_value_is_located_at_its_key_on_both_parsers(
    jarva: AgreementCopy, monkeypatch: pytest.MonkeyPatch, pure: bool, old: str, new: str, key: str
) -> None:
    if pure:
        monkeypatch.setenv("SAMVERKAN_PURE_YAML", "1")
    else:
        monkeypatch.delenv("SAMVERKAN_PURE_YAML", raising=False)
    text = jarva.edit(old, new)
    found = [p for p in check_folder(jarva.folder)[1] if p.rule == "SV010"]
    assert [(p.location.line, p.location.column) for p in found] == [position(text, key)]
    assert "värdet saknas" in found[0].message


# --- file names and links -----------------------------------------------------------------


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert_no_traceback(result.output)
    return result


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding a copy of Järva, as the working directory."""
    root = tmp_path / "repo"
    shutil.copytree(JARVA, root / "agreements" / "järva")
    monkeypatch.chdir(root)
    return root


def errors(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems if p.severity is Severity.ERROR]


def test_bilaga_file_name_in_nfd_is_found_from_nfc(repo: Path) -> None:
    """macOS writes "ä" decomposed; the YAML, written elsewhere, has it composed."""
    folder = repo / "agreements" / "järva"
    nfd_folder = folder / unicodedata.normalize("NFD", "bilagor-år")
    (folder / "bilagor").rename(nfd_folder)
    (nfd_folder / "lagesbild.yaml").rename(nfd_folder / unicodedata.normalize("NFD", "läge.yaml"))
    source = folder / AGREEMENT
    text = source.read_text(encoding="utf-8")
    new = unicodedata.normalize("NFC", "fil: bilagor-år/läge.yaml")
    source.write_text(text.replace("fil: bilagor/lagesbild.yaml", new), encoding="utf-8")
    problems = check_folder(folder)[1]
    assert errors(problems) == []
    assert not [p for p in problems if p.rule in {"SV106", "SV130"}]
    result = invoke("validate")
    assert result.exit_code == 0, result.output
    assert invoke("build", "järva", "--out", "ut").exit_code == 0
    assert "Stadsdelsförvaltningen" in (repo / "ut" / MD).read_text(encoding="utf-8")


def test_agreement_folder_linked_outside_the_repository(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "utanför"
    shutil.copytree(JARVA, outside)
    (repo / "agreements" / "länkad").symlink_to(outside, target_is_directory=True)
    result = invoke("validate")
    assert result.exit_code == 1
    assert "SV009 fel: mappen är en länk som pekar utanför repositoriet" in result.output
    assert "agreements/järva: godkänd" in result.output
    build = invoke("build", "länkad", "--out", "ut")
    assert build.exit_code == 1
    assert "SV009" in build.output
    assert not (repo / "ut").exists()


def test_agreement_file_linked_outside_the_repository(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "utanför.yaml"
    agreement = repo / "agreements" / "järva" / AGREEMENT
    shutil.move(agreement, outside)
    agreement.symlink_to(outside)
    result = invoke("validate")
    assert result.exit_code == 1
    assert f"{AGREEMENT}:1:1: SV009 fel: {AGREEMENT} är en länk som pekar utanför" in result.output


def test_bilaga_file_linked_outside_the_repository(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "lagesbild.yaml"
    bilaga = repo / "agreements" / "järva" / "bilagor" / "lagesbild.yaml"
    shutil.move(bilaga, outside)
    bilaga.symlink_to(outside)
    result = invoke("validate")
    assert result.exit_code == 1
    assert "SV106 fel: filen 'bilagor/lagesbild.yaml' ligger utanför" in result.output
    assert invoke("build", "järva", "--out", "ut").exit_code == 1
    assert not (repo / "ut").exists()


def test_a_link_inside_the_repository_is_followed(repo: Path) -> None:
    (repo / "agreements" / "också-järva").symlink_to(
        repo / "agreements" / "järva", target_is_directory=True
    )
    result = invoke("validate")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "name", ["../x", "a/b", "a\\b", "..", ".", "järva/..", "järva/../järva", "./järva"]
)
def test_names_with_path_separators_are_refused(repo: Path, name: str) -> None:
    result = invoke("build", name)
    assert result.exit_code == 2
    assert "Överenskommelser: järva" in result.output
    assert not (repo / "out").exists()
    assert not (repo.parent / "x").exists()


# --- output that cannot be written --------------------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every name in the folder with its bytes (None for a folder)."""
    return {p.name: p.read_bytes() if p.is_file() else None for p in sorted(folder.iterdir())}


@pytest.fixture
def built(repo: Path) -> Path:
    """Järva built into out/järva, then changed so that a new build differs."""
    assert invoke("build", "järva").exit_code == 0
    source = repo / "agreements" / "järva" / AGREEMENT
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Bakgrund", "Bakgrund och syfte", 1), encoding="utf-8")
    return repo / "out" / "järva"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_read_only_output_folder(built: Path) -> None:
    before = snapshot(built)
    built.chmod(0o555)
    try:
        result = invoke("build", "järva")
    finally:
        built.chmod(0o755)
    assert result.exit_code == 2
    assert "samverkan: kan inte skriva utdata" in result.output
    assert snapshot(built) == before


FAILURES = {
    "permission": PermissionError(errno.EACCES, "Permission denied"),
    "disk-full": OSError(errno.ENOSPC, "No space left on device"),
}


@pytest.mark.parametrize("failure", FAILURES)
@pytest.mark.parametrize("stage", ["rename", "write"])
def test_output_that_cannot_be_written_keeps_the_earlier_output(
    built: Path, monkeypatch: pytest.MonkeyPatch, stage: str, failure: str
) -> None:
    """The DOCX fails after the Markdown beside it was written (or, for `rename`, already
    renamed into place): nothing of the new build may remain."""
    before = snapshot(built)
    error = FAILURES[failure]
    if stage == "rename":
        real_replace = os.replace

        def replace(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
            if Path(target).parent == built and Path(target).name == DOCX:
                raise type(error)(error.errno, error.strerror, str(target))
            real_replace(source, target, *args, **kwargs)

        monkeypatch.setattr(os, "replace", replace)
    else:
        real_write = atomic._write_temporary

        def write(target: Path, content: bytes) -> Path:
            if target.name == DOCX:
                raise type(error)(error.errno, error.strerror, str(target))
            return real_write(target, content)

        monkeypatch.setattr(atomic, "_write_temporary", write)
    result = invoke("build", "järva")
    assert result.exit_code == 2
    assert "samverkan: kan inte skriva utdata" in result.output
    assert str(error.strerror) in result.output
    assert snapshot(built) == before


def test_output_path_that_is_a_file(repo: Path) -> None:
    (repo / "fil").write_bytes(b"x")
    result = invoke("build", "järva", "--out", "fil")
    assert result.exit_code == 2
    assert "samverkan: kan inte skriva till fil: det är en fil, inte en mapp" in result.output
    below = invoke("build", "järva", "--out", "fil/under")
    assert below.exit_code == 2
    assert "samverkan: kan inte skriva utdata" in below.output
    assert (repo / "fil").read_bytes() == b"x"


def test_output_file_that_is_a_folder(built: Path) -> None:
    (built / MD).unlink()
    (built / MD).mkdir()
    before = snapshot(built)
    result = invoke("build", "järva")
    assert result.exit_code == 2
    assert "det är en mapp" in result.output
    assert snapshot(built) == before
