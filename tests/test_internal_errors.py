"""Values at the edges end in located problems or in answers, never in "internt fel".

What `build` (or `status`, `kalender`, `init`) would fail on, `validate` finds first:
titles that go into the DOCX's document properties (SV150), output names (SV151), names
Windows cannot hold (SV152), file names no file system stores and images in prose (SV155).
Where refusing would be wrong, the code answers instead: dates at 0001-01-01 and
9999-12-31, huge counts and huge numbers in prose. SOURCE_DATE_EPOCH is checked as the
reproducible-builds specification asks: a malformed value is wrong use (exit 2).

The last part mutates every date and every whole number of every example agreement and
checks that nothing raises, so a new rule or deadline that overflows is found here.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from samverkan_cli.calendar.events import agreement_calendar
from samverkan_cli.check.folder import CheckSettings, check_folder
from samverkan_cli.cli.main import cli
from samverkan_cli.core.date_arithmetic import add_days, add_months, next_day
from samverkan_cli.core.errors import UsageError
from samverkan_cli.core.portable_names import unportable_reason, windows_device
from samverkan_cli.core.problems import Severity
from samverkan_cli.core.source_date import source_date_epoch
from samverkan_cli.model import Term
from samverkan_cli.model.output_capacity import (
    MAX_PROPERTY_CHARS,
    MAX_STEM_BYTES,
    fit_authors,
    fit_property,
    title_stem,
)
from samverkan_cli.rules.term import term_revision_dates
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.status.standing import agreement_status
from tests.agreement_copy import AgreementCopy
from tests.conftest import REPO_ROOT
from tests.test_rules import assert_problem, covers_rule, only, position, value_position

AGREEMENT = "overenskommelse.yaml"
REPORT = "tjansteutlatande.yaml"
LAGESBILD = "bilagor/lagesbild.yaml"
TITLE = "titel: Lokal samverkansöverenskommelse\n"
OUTPUT_NAME = "filnamn: lokal-samverkansoverenskommelse-jarva"
BILAGA_FILE = "fil: bilagor/lagesbild.yaml"
EXAMPLES = sorted(p.name for p in (REPO_ROOT / "agreements").iterdir() if p.is_dir())


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert "internt fel" not in result.output, result.output
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def edit(root: Path, old: str, new: str, file: str = AGREEMENT, name: str = "järva") -> None:
    AgreementCopy(root / "agreements" / name).edit(old, new, file)


def assert_refused(root: Path, rule: str, *commands: tuple[str, ...]) -> None:
    """`validate` reports `rule` with a location and exits 1; each build command exits 1
    with the same problem and writes nothing."""
    checked = run("validate", "agreements/järva")
    assert checked.exit_code == 1, checked.output
    assert f": {rule} fel: " in checked.output, checked.output
    assert "agreements/järva/" in checked.output.split(f": {rule} ")[0].splitlines()[-1]
    for command in commands or (("build", "järva"), ("build", "järva", "--publik")):
        built = run(*command, "--out", str(root / "ut"))
        assert built.exit_code == 1, built.output
        assert f": {rule} fel: " in built.output
        assert not (root / "ut").exists()


# --- SV150: the title is a document property ------------------------------------------


@covers_rule("SV150")
def test_sv150_a_title_longer_than_the_docx_property(jarva: AgreementCopy) -> None:
    text = jarva.edit(TITLE, f"titel: {'Å' * (MAX_PROPERTY_CHARS + 1)}\n")
    problem = only(jarva.check(), "SV150")
    at = value_position(text, f"titel: {'Å' * 10}")
    assert_problem(problem, Severity.ERROR, jarva.folder / AGREEMENT, at, "256 tecken")


def test_sv150_a_title_of_255_characters_is_built(jarva: AgreementCopy) -> None:
    jarva.edit(TITLE, f"titel: {'Å' * MAX_PROPERTY_CHARS}\n")
    assert not [p for p in jarva.check() if p.rule == "SV150"]


def test_sv150_the_reports_heading(jarva: AgreementCopy) -> None:
    long = "Anmälan " * 40
    text = jarva.edit("rubrik: Anmälan av överenskommelse", f"rubrik: {long}", REPORT)
    problem = only(jarva.check(), "SV150")
    at = value_position(text, "rubrik: Anmälan Anmälan")
    assert_problem(problem, Severity.ERROR, jarva.folder / REPORT, at, "rubriken har")


def test_cli_long_title_is_a_located_problem_and_nothing_is_written(in_repo: Path) -> None:
    edit(in_repo, TITLE, f"titel: {'A' * 300}\n")
    assert_refused(in_repo, "SV150")


def test_long_derived_properties_are_shortened_not_refused(in_repo: Path) -> None:
    """Subject and author are put together from the title and many parties: no one chose
    their length, so the build shortens them (255 characters, "…") instead of failing."""
    long_name = "Stadsdelsförvaltningen i ett mycket långt namngivet område " * 3
    edit(in_repo, "namn: Järva stadsdelsförvaltning", f"namn: {long_name.strip()}")
    edit(in_repo, TITLE, f"titel: {'Lång titel ' * 20}\n")
    built = run("build", "järva", "--out", str(in_repo / "ut"))
    assert built.exit_code == 0, built.output
    import docx

    stem = "lokal-samverkansoverenskommelse-jarva"
    properties = docx.Document(str(in_repo / "ut" / f"{stem}.docx")).core_properties
    assert len(properties.subject) == MAX_PROPERTY_CHARS and properties.subject.endswith("…")
    assert len(properties.author) <= MAX_PROPERTY_CHARS


def test_fit_property_and_authors() -> None:
    assert fit_property("kort") == "kort"
    assert len(fit_property("x" * 1000)) == MAX_PROPERTY_CHARS
    assert fit_authors(["A", "B"]) == ("A", "B")
    (joined,) = fit_authors(["Namn " * 30, "Namn " * 30])
    assert len(joined) <= MAX_PROPERTY_CHARS and joined.endswith("…")


# --- SV151: output names --------------------------------------------------------------


@covers_rule("SV151")
def test_sv151_an_output_name_longer_than_200(jarva: AgreementCopy) -> None:
    text = jarva.edit(OUTPUT_NAME, f"filnamn: {'a' * (MAX_STEM_BYTES + 1)}")
    problem = only(jarva.check(), "SV151")
    at = value_position(text, "filnamn: aaaa")
    assert_problem(problem, Severity.ERROR, jarva.folder / AGREEMENT, at, "201 tecken")


def test_sv151_an_output_name_of_200_is_built(in_repo: Path) -> None:
    edit(in_repo, OUTPUT_NAME, f"filnamn: {'a' * MAX_STEM_BYTES}")
    built = run("build", "järva", "--publik", "--out", str(in_repo / "ut"))
    assert built.exit_code == 0, built.output
    assert (in_repo / "ut" / f"{'a' * MAX_STEM_BYTES}-tjansteutlatande-publik.docx").is_file()


def test_cli_long_output_name_is_refused_by_every_writing_command(in_repo: Path) -> None:
    edit(in_repo, OUTPUT_NAME, f"filnamn: {'a' * 300}")
    assert_refused(
        in_repo,
        "SV151",
        ("build", "järva"),
        ("build", "järva", "--publik"),
        ("kalender", "järva", "--år", "2025"),
    )


def test_a_name_made_from_a_long_title_is_cut_to_fit(in_repo: Path) -> None:
    edit(in_repo, f"{OUTPUT_NAME}\n", "")
    edit(in_repo, TITLE, f"titel: {'Överenskommelse ' * 15}\n")
    built = run("build", "järva", "--publik", "--out", str(in_repo / "ut"))
    assert built.exit_code == 0, built.output
    names = [path.name for path in (in_repo / "ut").iterdir()]
    assert names and all(len(name.encode()) <= 255 for name in names)
    assert title_stem("Överenskommelse " * 15) == ("overenskommelse-" * 15)[:200].rstrip("-")


def test_cli_bilaga_file_name_longer_than_a_file_system_stores(in_repo: Path) -> None:
    edit(in_repo, BILAGA_FILE, f"fil: bilagor/{'a' * 300}.yaml")
    assert_refused(in_repo, "SV010")
    checked = run("validate", "agreements/järva")
    assert "ett filsystem lagrar högst 255 byte per namn" in checked.output
    line, column = value_position(
        (in_repo / "agreements" / "järva" / AGREEMENT).read_text(encoding="utf-8"),
        "fil: bilagor/aaa",
    )
    assert f"{AGREEMENT}:{line}:{column}: SV010" in checked.output


@pytest.mark.parametrize(
    "written",
    ["/".join(["a" * 200] * 30) + ".yaml", "bilagor/ny\0.yaml", "å" * 200 + "/x.yaml"],
)
def test_bilaga_paths_no_system_can_open_are_schema_errors(
    jarva: AgreementCopy, written: str
) -> None:
    jarva.edit(BILAGA_FILE, f"fil: {json.dumps(written)}")
    problems = jarva.check()
    errors = [p.rule for p in problems if p.severity is Severity.ERROR]
    assert errors in (["SV010"], ["SV004"]), problems  # SV004: the reader refuses U+0000


# --- SV152: names Windows cannot hold -------------------------------------------------


@covers_rule("SV152")
@pytest.mark.parametrize("name", ["CON", "con", "nul.txt", "Aux.backup", "COM1", "lpt9", "x."])
def test_sv152_an_output_name_windows_cannot_hold(jarva: AgreementCopy, name: str) -> None:
    text = jarva.edit(OUTPUT_NAME, f"filnamn: {name}")
    problem = only(jarva.check(), "SV152")
    at = value_position(text, f"filnamn: {name}")
    assert_problem(problem, Severity.ERROR, jarva.folder / AGREEMENT, at, f"'{name}'")


def test_sv152_a_name_made_from_the_title(jarva: AgreementCopy) -> None:
    jarva.edit(f"{OUTPUT_NAME}\n", "")
    text = jarva.edit(TITLE, "titel: Prn\n")
    problem = only(jarva.check(), "SV152")
    at = value_position(text, "titel: Prn")
    assert_problem(problem, Severity.ERROR, jarva.folder / AGREEMENT, at, "ange ett annat")


@pytest.mark.parametrize(
    "written", ["bilagor/CON.yaml", "NUL/lagesbild.yaml", "bilagor /läge.yaml", "bilagor/a:b.yaml"]
)
def test_sv152_a_bilaga_file(jarva: AgreementCopy, written: str) -> None:
    target = jarva.folder / written
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(jarva.folder / LAGESBILD, target)
    (jarva.folder / LAGESBILD).unlink()
    text = jarva.edit(BILAGA_FILE, f'fil: "{written}"')
    problem = only(jarva.check(), "SV152")
    at = value_position(text, f'fil: "{written}"')
    assert_problem(problem, Severity.ERROR, jarva.folder / AGREEMENT, at, written)


def test_sv152_the_agreement_folder(tmp_path: Path) -> None:
    folder = tmp_path / "agreements" / "LPT1.järva"
    shutil.copytree(REPO_ROOT / "agreements" / "järva", folder)
    problem = only(check_folder(folder)[1], "SV152")
    assert_problem(problem, Severity.ERROR, folder / AGREEMENT, (1, 1), "mappen 'LPT1.järva'")


def test_cli_windows_names_are_located_problems_and_nothing_is_written(in_repo: Path) -> None:
    edit(in_repo, OUTPUT_NAME, "filnamn: nul")
    assert_refused(in_repo, "SV152")


@pytest.mark.parametrize(
    "name",
    ["CON", "con", "PRN.txt", "aux.tar.gz", "NUL ", "nul .md", "COM0", "com9.x", "LPT¹", "Conin$"],
)
def test_windows_devices(name: str) -> None:
    assert windows_device(name)
    assert unportable_reason(name) is not None


@pytest.mark.parametrize("name", ["CONSOLE", "con-x", "com10", "lpt", "järva", "nul-2023", "a.con"])
def test_names_that_are_no_devices(name: str) -> None:
    assert unportable_reason(name) is None


# --- init -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("a" * 300, "namnet är för långt (300 tecken)"),
        ("å" * 101, "högst 100 tecken"),
        ("\U0001f600" * 60, "för långt"),
        ("CON", "reserverat enhetsnamn"),
        ("nul.txt", "reserverat enhetsnamn"),
        ("kista.", "punkter och mellanslag"),
        ("a:b", "tillåter inte tecknen :"),
    ],
)
def test_init_refuses_a_name_no_system_can_hold(in_repo: Path, name: str, said: str) -> None:
    """A name is the command's argument, so refusing it is wrong use (exit 2), as for the
    other names init refuses, with a message instead of an internal error."""
    before = sorted(p.name for p in (in_repo / "agreements").iterdir())
    result = run("init", name)
    assert result.exit_code == 2, result.output
    assert said in result.output
    assert sorted(p.name for p in (in_repo / "agreements").iterdir()) == before


def test_init_with_a_long_name_writes_an_agreement_that_builds(in_repo: Path) -> None:
    name = "ﷺ" * 20 + "x" * 80  # expands to far more than 200 letters when made ASCII
    made = run("init", name)
    assert made.exit_code == 0, made.output
    checked = run("validate", f"agreements/{name}")
    assert "(0 fel" in checked.output, checked.output


# --- dates at the ends of the calendar ------------------------------------------------


def test_add_months_and_days_stop_at_the_ends_of_the_calendar() -> None:
    assert add_months(dt.date(9999, 12, 1), 1) == dt.date.max
    assert add_months(dt.date(1, 1, 31), -1) == dt.date.min
    assert add_months(dt.date(2024, 1, 31), 10**30) == dt.date.max
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_days(dt.date.max, 1) == dt.date.max
    assert add_days(dt.date.min, -1) == dt.date.min
    assert next_day(dt.date.max) is None


def test_revision_dates_of_a_term_that_reaches_9999_end() -> None:
    term = Term.model_validate(
        {"från": "9990-01-01", "till": "tills vidare", "revidering": {"vart": 3, "per": "år"}}
    )
    dates = term_revision_dates(term, dt.date.max)
    assert dates[0] == dt.date(9993, 1, 1) and dates[-1] == dt.date(9999, 1, 1)


PLAN_2026 = "bilagor/handlingsplan-2026.yaml"
EDGE_CASES = [
    ("exempel-kommun", AGREEMENT, "från: 2026-01-01", "från: 9999-12-01"),
    ("exempel-tre-kommuner", AGREEMENT, "till: 2027-02-28", "till: 0001-01-01"),
    ("exempel-tre-kommuner", PLAN_2026, "till: 2027-02-28", "till: 9999-12-31"),
    ("exempel-kommun", AGREEMENT, "{vart: 3, per: år}", "{vart: 9999999999999999, per: år}"),
    ("järva", AGREEMENT, "{minst: 2, per: år}", "{minst: 1000000000000, per: år}"),
]


@pytest.mark.parametrize(("name", "file", "old", "new"), EDGE_CASES)
def test_cli_dates_and_counts_at_the_edges(
    in_repo: Path, name: str, file: str, old: str, new: str
) -> None:
    source = in_repo / "agreements" / name / file
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new, 1), encoding="utf-8")
    for command in (
        ("validate", f"agreements/{name}"),
        ("status",),
        ("status", "--idag", "9999-12-31"),
        ("status", "--idag", "0001-01-01"),
        ("kalender", name, "--år", "9998", "--out", str(in_repo / "k")),
        ("kalender", name, "--år", "1", "--out", str(in_repo / "k")),
    ):
        result = run(*command)
        # kalender refuses a year outside 2000–2100 or the term: a usage error, exit 2.
        allowed = (0, 1, 2) if command[0] == "kalender" else (0, 1)
        assert result.exit_code in allowed, (command, result.output)


# --- SOURCE_DATE_EPOCH ----------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["253402300800", "-62135596801", "9" * 5000, "abc", "1e9", "17000000.5", "²", "١٧"]
)
def test_source_date_epoch_that_is_no_date_is_wrong_use(
    in_repo: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH"):
        source_date_epoch()
    for command in (("build", "järva"), ("kalender", "järva", "--år", "2025")):
        result = run(*command, "--out", str(in_repo / "ut"))
        assert result.exit_code == 2, result.output
        assert "SOURCE_DATE_EPOCH" in result.output
        assert not (in_repo / "ut").exists()


@pytest.mark.parametrize(
    ("value", "moment"),
    [
        ("", None),
        ("  ", None),
        ("1700000000", dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)),
        ("253402300799", dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.UTC)),
        ("-1", dt.datetime(1969, 12, 31, 23, 59, 59, tzinfo=dt.UTC)),
    ],
)
def test_source_date_epoch_values(
    monkeypatch: pytest.MonkeyPatch, value: str, moment: dt.datetime | None
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert source_date_epoch() == moment


@pytest.mark.parametrize("value", ["253402300799", "-1", "0"])
def test_build_at_the_ends_of_source_date_epoch(
    in_repo: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    for command in (("build", "järva"), ("kalender", "järva", "--år", "2025")):
        result = run(*command, "--out", str(in_repo / "ut"))
        assert result.exit_code == 0, result.output


# --- numbers in prose and images in prose ---------------------------------------------


@pytest.mark.parametrize("digits", [7, 4301, 5000, 50_000])
def test_a_huge_typed_bilaga_number_is_a_warning(in_repo: Path, digits: int) -> None:
    old = "    - Överenskommelsen reglerar former och förutsättningar för samverkan."
    edit(in_repo, old, f"    - Se bilaga {'9' * digits}. Överenskommelsen reglerar former.")
    checked = run("validate", "agreements/järva")
    assert checked.exit_code == 0, checked.output
    assert "SV115 varning: 'bilaga 999999…' finns inte" in checked.output
    built = run("build", "järva", "--publik", "--out", str(in_repo / "ut"))
    assert built.exit_code == 0, built.output


@pytest.mark.parametrize(
    "prose",
    [
        "Inledning.\\n\\n![Karta](bild.png)\\n",
        "![Karta](bild.png)",
        "Text ![i en mening](bild.png) och mer.",
        "- ![i en lista](bild.png)\\n",
        "![ref][k]\\n\\n[k]: bild.png\\n",
    ],
)
def test_cli_an_image_in_prose_is_a_located_problem(in_repo: Path, prose: str) -> None:
    edit(
        in_repo,
        "titel: Gemensam lokal lägesbild\n",
        f'titel: Gemensam lokal lägesbild\ntext: "{prose}"\n',
        LAGESBILD,
    )
    assert_refused(in_repo, "SV155")
    text = (in_repo / "agreements" / "järva" / LAGESBILD).read_text(encoding="utf-8")
    line, column = position(text, '"' + prose[:5])
    checked = run("validate", "agreements/järva")
    assert f"lagesbild.yaml:{line}:{column}: SV155 fel: 'text':" in checked.output
    assert "bilder kan inte ingå i texten" in checked.output


# --- every date and whole number of every example, at its edges -----------------------


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _leaves(value, (*path, index))
    else:
        yield path, data


def _edge_values(value: Any) -> list[Any]:
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [10**30]
    if isinstance(value, dt.date):
        return [dt.date.min, dt.date.max]
    return []


def _mutations() -> Iterator[tuple[str, str, tuple[Any, ...], Any]]:
    for name in EXAMPLES:
        folder = REPO_ROOT / "agreements" / name
        for file in sorted(folder.rglob("*.yaml")):
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
            for path, value in _leaves(data):
                for new in _edge_values(value):
                    yield name, file.relative_to(folder).as_posix(), path, new


@pytest.mark.parametrize(
    ("name", "file", "path", "new"),
    list(_mutations()),
    ids=lambda v: str(v) if not isinstance(v, tuple) else ".".join(map(str, v)),
)
def test_no_date_or_number_at_its_edge_raises(
    tmp_path: Path, name: str, file: str, path: tuple[Any, ...], new: Any
) -> None:
    """check, status and the calendar answer for every mutated example: no SV000, and
    nothing raises (an overflow at 9999-12-31 or a loop over 10**30 meetings would)."""
    folder = tmp_path / "agreements" / name
    shutil.copytree(REPO_ROOT / "agreements" / name, folder)
    source = folder / file
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    for today in (dt.date(2026, 7, 1), dt.date.min, dt.date.max):
        problems = check_folder(folder, CheckSettings(today=today))[1]
        assert not [p for p in problems if p.rule == "SV000"], problems
        agreement_status(folder, CheckSettings(today=today))
    loaded = load_agreement(folder)
    if loaded.agreement is not None:
        for year in (1, 2026, 9998):
            agreement_calendar(loaded, year)


# --- what the templates look up must exist --------------------------------------------


@covers_rule("SV153")
def test_sv153_an_action_plan_names_a_party_that_does_not_exist(tmp_path: Path) -> None:
    folder = tmp_path / "agreements" / "rinkeby-kista-2017"
    shutil.copytree(REPO_ROOT / "agreements" / "rinkeby-kista-2017", folder)
    plans = AgreementCopy(folder)
    text = plans.text("bilagor/atgardsplaner.yaml")
    first = text.index("      - part: polisen")
    edited = text[:first] + text[first:].replace("part: polisen", "part: polis", 1)
    (folder / "bilagor/atgardsplaner.yaml").write_text(edited, encoding="utf-8")
    problem = only(check_folder(folder)[1], "SV153")
    line = edited[:first].count("\n") + 1
    at = (line, len("      - part: ") + 1)
    file = folder / "bilagor/atgardsplaner.yaml"
    assert_problem(problem, Severity.ERROR, file, at, "nämner parten 'polis', som inte finns")


@pytest.mark.parametrize("name", ["Å" * 300, "p" * 251])
def test_a_profile_name_no_file_system_holds_is_unknown(jarva: AgreementCopy, name: str) -> None:
    jarva.edit("profil: stockholm-lokal-2023", f"profil: {name}")
    problem = only(jarva.check(), "SV013")
    assert "okänd regelprofil" in problem.message


@pytest.mark.parametrize(
    ("old", "new"),
    [("till: 2027-02-28", "till: 9999-12-31"), ("från: 2023-03-01", "från: 0001-01-01")],
)
def test_init_copies_an_agreement_dated_at_the_ends_of_the_calendar(
    in_repo: Path, old: str, new: str
) -> None:
    for file in (AGREEMENT, PLAN_2026):
        source = in_repo / "agreements" / "exempel-tre-kommuner" / file
        source.write_text(source.read_text(encoding="utf-8").replace(old, new), "utf-8")
    made = run("init", "ny", "--från", "exempel-tre-kommuner")
    assert made.exit_code == 0, made.output
    assert (in_repo / "agreements" / "ny" / AGREEMENT).is_file()
