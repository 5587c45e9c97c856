"""`init --från` leaves nothing of the old term unseen, and a shipped example is a mall.

A copy of the user's own agreement: every date and every year of the old term in a short
text moves with the term or is marked `# FYLL I`, in every file and every field (also one
nobody listed), and an organisationsnummer is kept but marked. A copy of a shipped example,
named by its folder or recognised by its `# EXEMPEL` comment, gets the mall's treatment, so
that filling what SV135 flags leaves nothing of the example. In a mall, numbers the parties
decide (meeting counts, revision, notice) are marked, and follow-up and decision days land
on working days. A build refused for placeholders points at the first one in reading order.
SV163: a deadline outside the time it belongs to.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from samverkan_cli.build.drafting import placeholder_refusal
from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.check.folder import CheckSettings, check_folder
from samverkan_cli.core.days_off import is_working_day
from samverkan_cli.core.errors import ProblemsFound
from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.init.copy_shifts import UNTOUCHED_KEYS, file_shift, shift_edits, term_years
from samverkan_cli.init.mall_catalogue import MALLAR, example_mall, mall_folder
from samverkan_cli.init.new_folder import initialise
from samverkan_cli.init.yaml_editing import Editor, index
from samverkan_cli.rules.placeholders import RULE_PLACEHOLDER
from samverkan_cli.source.repository import Repository
from tests.agreement_copy import AgreementCopy
from tests.conftest import REPO_ROOT
from tests.test_init_no_leak import LAW, docx_texts, fill_flagged, forbidden
from tests.test_rules import assert_problem, covers_rule, only, position

TODAY = dt.date(2031, 5, 10)
SETTINGS = CheckSettings(today=TODAY)
EXAMPLES = {mall: example for mall, example in MALLAR.items() if example is not None}
OWN = ["järva", "järva-2023", "rinkeby-kista-2017", *[f"egen-{m}" for m in EXAMPLES]]
"""The user's own agreements: the real ones, and each example with its EXEMPEL comment
taken away and another name (an agreement someone wrote in the same shape)."""
_FULL_DATE = re.compile(r"(?<![\d/])(?:19|20)\d\d-\d\d-\d\d(?![\d/])")
_YEAR = re.compile(r"(?<![\d/:.])((?:19|20)\d\d)(?![\d/]|:\d|-\d)")
OVERARCHING = "övergripande överenskommelse"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with every example under its own name and, as the user's own, under
    `egen-<mall>` without its EXEMPEL comments."""
    root = tmp_path / "repo"
    shutil.copytree(REPO_ROOT / "agreements", root / "agreements")
    for mall, example in EXAMPLES.items():
        own = root / "agreements" / f"egen-{mall}"
        shutil.copytree(REPO_ROOT / "agreements" / example, own)
        for path in own.rglob("*.yaml"):
            text = path.read_text(encoding="utf-8").replace("# EXEMPEL", "# Vår")
            path.write_text(text, encoding="utf-8")
    return root


def _scalars(node: Node, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple, ScalarNode]]:
    if isinstance(node, ScalarNode):
        yield path, node
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield from _scalars(value, (*path, str(key.value)))
    elif isinstance(node, SequenceNode):
        for position_, item in enumerate(node.value):
            yield from _scalars(item, (*path, position_))


def _marked(lines: list[str], node: ScalarNode) -> bool:
    """A `# FYLL I` comment on the value's first or last line."""
    first, last = node.start_mark.line, max(node.end_mark.line - 1, node.start_mark.line)
    return any("# FYLL I" in lines[line] for line in {first, min(last, len(lines) - 1)})


def _overarching(path: Path, data: object, key_path: tuple) -> bool:
    if isinstance(data, dict) and data.get("typ") == OVERARCHING:
        return True
    if key_path[:2] == ("bilagor", "lista") and isinstance(data, dict):
        return data["bilagor"]["lista"][key_path[2]].get("typ") == OVERARCHING
    return False


def _errors(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems if p.severity is Severity.ERROR]


# --- a copy of the user's own agreement -------------------------------------------------------


@pytest.mark.parametrize("source", OWN)
def test_a_copy_moves_or_marks_every_date_and_year_of_the_old_term(repo: Path, source: str) -> None:
    folder = repo / "agreements" / source
    contents = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*.yaml")}
    old_years = term_years(contents)
    assert old_years
    made = initialise(Repository(repo), "ny", source, today=TODAY)
    assert made.example is None
    unseen: list[str] = []
    for path in sorted(made.folder.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        data = yaml.safe_load(text)
        for key_path, node in _scalars(yaml.compose(text, Loader=yaml.SafeLoader)):
            value = str(node.value)
            if _overarching(path, data, key_path) or _marked(lines, node):
                continue
            if key_path and key_path[-1] in UNTOUCHED_KEYS:
                continue
            if "://" in value or ("/" in value and " " not in value.strip()):
                continue
            dated = _FULL_DATE.search(value)
            years = {int(y) for y in _YEAR.findall(_FULL_DATE.sub(" ", value))} & old_years
            if dated or years:
                unseen.append(f"{path.name}:{node.start_mark.line + 1}: {value[:60]}")
    assert unseen == []
    problems = check_folder(made.folder, SETTINGS)[1]
    assert _errors(problems) == []
    assert [str(p) for p in problems if p.rule == "SV163"] == []


def test_a_copy_keeps_the_parties_numbers_but_asks_to_check_them(repo: Path) -> None:
    made = initialise(Repository(repo), "ny", "egen-kommun", today=TODAY)
    text = (made.folder / "overenskommelse.yaml").read_text(encoding="utf-8")
    assert "organisationsnummer: 212000-9903  # FYLL I: kontrollera" in text
    assert "organisationsnummer: 202100-0076\n" in text  # the Polismyndighet's own
    problems = check_folder(made.folder, SETTINGS)[1]
    assert any("kontrollera organisationsnumret" in p.message for p in problems)


def test_a_copy_moves_goals_titles_and_periods_in_text(repo: Path) -> None:
    made = initialise(Repository(repo), "ny", "egen-kommun", today=dt.date(2026, 12, 4))
    agreement = (made.folder / "overenskommelse.yaml").read_text(encoding="utf-8")
    plan = (made.folder / "bilagor/atgardsplan.yaml").read_text(encoding="utf-8")
    promises = (made.folder / "bilagor/medborgarloften.yaml").read_text(encoding="utf-8")
    assert "senast: 2027-12-31  # FYLL I: kontrollera datumet" in agreement
    assert "löptid: 2027-01-01 – 2027-12-31  # FYLL I" in plan
    assert "titel: Medborgarlöften 2027  # FYLL I" in promises
    assert "2026-12-31" not in agreement + plan + promises


def test_a_field_nobody_listed_moves_or_is_marked() -> None:
    """Dates and years in fields added later: moved and marked; prose only marked; a law's
    number, a diarienummer and an address left alone."""
    text = (
        "typ: lägesbild\n"
        "ny_dag: 2026-03-31\n"
        "rubrik: Plan för 2026\n"
        "lag: lag (2023:196) om kommuners ansvar\n"
        "dnr: KS 2026/12\n"
        "länk: https://example.se/2026/plan\n"
        "prosa: |\n  Under 2026 ökade anmälningarna.\n  Det var 2025 också.\n"
        "lista:\n  - >-\n    Sedan 2026-02-01 gäller\n    planen.\n"
        "part: {organisationsnummer: 212000-0142, typ: kommun}\n"
    )
    entries = dict(index(yaml.compose(text, Loader=yaml.SafeLoader)))
    shift = file_shift(dt.date(2026, 1, 1), 12, dt.date(2027, 1, 1), frozenset({2026}))
    edited = Editor(text, entries).apply(shift_edits(entries, set(), shift))
    data = yaml.safe_load(edited)
    assert "ny_dag: 2027-03-31  # FYLL I: kontrollera datumet" in edited
    assert data["rubrik"] == "Plan för 2027"
    assert "rubrik: Plan för 2027  # FYLL I" in edited
    assert data["lag"] == "lag (2023:196) om kommuners ansvar"
    assert data["dnr"] == "KS 2026/12" and data["länk"] == "https://example.se/2026/plan"
    assert data["prosa"] == "Under 2026 ökade anmälningarna.\nDet var 2025 också.\n"
    assert "prosa: |  # FYLL I: texten nämner 2026;" in edited
    assert data["lista"] == ["Sedan 2026-02-01 gäller planen."]
    assert "- >-  # FYLL I: texten nämner 2026-02-01;" in edited
    assert "212000-0142, typ: kommun}  # FYLL I: kontrollera organisationsnumret" in edited


# --- a shipped example is a mall, however it is named ------------------------------------------


@pytest.mark.parametrize("mall", list(EXAMPLES))
def test_an_example_named_by_fran_leaves_nothing_of_it(repo: Path, mall: str) -> None:
    made = initialise(Repository(repo), "ny", EXAMPLES[mall], today=TODAY)
    assert made.example == mall
    assert fill_flagged(made.folder) > 30
    problems = check_folder(made.folder, SETTINGS)[1]
    assert _errors(problems) == []
    assert [str(p) for p in problems if p.rule in (RULE_PLACEHOLDER, "SV163")] == []
    result = build_agreement(made.folder, repo / "out", repo, SETTINGS)
    written = {p.suffix: p for p in result.written}
    built = written[".md"].read_text(encoding="utf-8") + "\n" + docx_texts(written[".docx"])
    example = mall_folder(mall)
    assert example is not None
    texts, years = forbidden(example)
    assert sorted(t for t in texts if t in built) == []
    assert sorted(y for y in years if re.search(rf"(?<!\d){y}(?!\d)", built.replace(LAW, ""))) == []
    assert "exempel" not in built.casefold()


def test_an_example_under_another_name_is_known_by_its_comment(repo: Path) -> None:
    renamed = repo / "agreements" / "vår-kopia"
    shutil.copytree(repo / "agreements" / "exempel-medborgarlofte", renamed)
    made = initialise(Repository(repo), "ny", "vår-kopia", today=TODAY)
    assert made.example == "medborgarlöfte"
    text = (made.folder / "overenskommelse.yaml").read_text(encoding="utf-8")
    assert "«Exempel: " in text and "filnamn: medborgarlofte-ny" in text


@pytest.mark.parametrize("mall", list(EXAMPLES))
def test_every_example_under_another_name_is_its_own_mall(repo: Path, mall: str) -> None:
    renamed = repo / "agreements" / "vår-kopia"
    shutil.copytree(repo / "agreements" / EXAMPLES[mall], renamed)
    contents = {p.relative_to(renamed): p.read_bytes() for p in renamed.rglob("*.yaml")}
    assert example_mall(renamed, contents) == mall


def test_a_folder_made_from_a_mall_is_the_users_own(repo: Path) -> None:
    initialise(Repository(repo), "från-mall", mall="kommun", today=TODAY)
    folder = repo / "agreements" / "från-mall"
    contents = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*.yaml")}
    assert example_mall(folder, contents) is None
    made = initialise(Repository(repo), "ny", "från-mall", today=TODAY)
    assert made.example is None
    text = (made.folder / "overenskommelse.yaml").read_text(encoding="utf-8")
    assert "«Exempel: «Exempel" not in text


# --- a mall: numbers the parties decide, days on working days ----------------------------------


@pytest.mark.parametrize("mall", list(EXAMPLES))
def test_every_number_of_a_mall_is_marked(repo: Path, mall: str) -> None:
    made = initialise(Repository(repo), "ny", mall=mall, today=TODAY)
    unmarked: list[str] = []
    for path in sorted(made.folder.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for key_path, node in _scalars(yaml.compose(text, Loader=yaml.SafeLoader)):
            is_number = node.tag.endswith(("int", "float"))
            is_frequency = "frekvens" in key_path or key_path[:2] == ("tid", "revidering")
            if key_path == ("exemplar",):
                continue  # one copy for each party: follows from the parties
            if (is_number or (is_frequency and key_path[-1] in ("varje", "varannan"))) and not (
                _marked(lines, node)
            ):
                unmarked.append(f"{path.name}:{node.start_mark.line + 1}: {key_path}")
    assert unmarked == []
    agreement = (made.folder / "overenskommelse.yaml").read_text(encoding="utf-8")
    if mall == "kommun":
        assert "frekvens: {antal: 6, per: år}  # FYLL I: kontrollera" in agreement
        assert "revidering: {vart: 3, per: år}  # FYLL I: kontrollera" in agreement
        assert "uppsägningstid_månader: 6  # FYLL I: kontrollera" in agreement


@pytest.mark.parametrize("month", range(1, 13))
def test_follow_up_and_decision_days_land_on_working_days(repo: Path, month: int) -> None:
    today = dt.date(2031, month, 10)
    checked = 0
    for number, source in enumerate([*EXAMPLES.values(), "egen-flera-kommuner", "egen-kommun"]):
        made = initialise(Repository(repo), f"ny-{number}", source, today=today)
        for path in sorted(made.folder.rglob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            follow_up = data.get("uppföljning")
            days = follow_up.get("tillfällen", []) if isinstance(follow_up, dict) else follow_up
            # a bilaga's promises have a period; a standalone medborgarlöfte's is its term
            period = data.get("period") or data.get("tid")
            for entry in days if isinstance(days, list) else []:
                day = entry["datum"] if isinstance(entry, dict) else entry
                assert is_working_day(day), (path, day)
                after_the_period = isinstance(entry, dict) and entry.get("typ") == "återrapport"
                if not after_the_period:
                    assert period["från"] <= day <= period["till"], (path, day)
                checked += 1
            for key in ("beslut", "fastställd"):
                decided = data.get(key)
                day = decided.get("datum") if isinstance(decided, dict) else None
                if isinstance(day, dt.date) and made.example is not None:
                    assert is_working_day(day), (path, key, day)
    assert checked >= 10


# --- a refused build points at the first placeholder ------------------------------------------


def test_an_unfilled_mall_is_refused_at_the_agreements_first_placeholder(repo: Path) -> None:
    made = initialise(Repository(repo), "ny", mall="kommun", today=TODAY)
    warnings = [p for p in check_folder(made.folder, SETTINGS)[1] if p.rule == RULE_PLACEHOLDER]
    with pytest.raises(ProblemsFound) as refused:
        build_agreement(made.folder, repo / "out", repo, SETTINGS)
    error = only([p for p in refused.value.problems if p.severity is Severity.ERROR], "SV135")
    agreement = str(made.folder / "overenskommelse.yaml")
    first = min(p.location for p in warnings if p.location.file == agreement)
    assert error.location == first
    files = len({p.location.file for p in warnings})
    assert files == 4
    assert error.message.startswith(f"{len(warnings)} platshållare i {files} filer är kvar")
    assert "--utkast" in error.message


def test_placeholders_in_bilagor_only_are_shown_in_the_list_order(tmp_path: Path) -> None:
    """lagesbild.yaml is listed before atgardsplan.yaml, though it sorts after it."""
    folder = tmp_path / "agreements" / "kommun"
    shutil.copytree(REPO_ROOT / "agreements" / "exempel-kommun", folder)
    copy = AgreementCopy(folder)
    copy.edit("titel: Gemensam lägesbild", "titel: «Lägesbildens titel»", "bilagor/lagesbild.yaml")
    copy.edit(
        "  datum: 2025-11-26", "  datum: 2025-11-26  # FYLL I: datum", "bilagor/atgardsplan.yaml"
    )
    problems = copy.check()
    refusal = only(placeholder_refusal(problems, folder), "SV135")
    assert Path(refusal.location.file).name == "lagesbild.yaml"
    assert refusal.message.startswith("2 platshållare i 2 filer är kvar att fylla i")


# --- SV163: a deadline outside its time ---------------------------------------------------------


@covers_rule("SV163")
def test_sv163_a_goal_before_the_term_is_warned_at_its_date(tmp_path: Path) -> None:
    folder = tmp_path / "agreements" / "kommun"
    shutil.copytree(REPO_ROOT / "agreements" / "exempel-kommun", folder)
    copy = AgreementCopy(folder)
    text = copy.edit("  från: 2026-01-01\n", "  från: 2027-01-01\n")
    problems = [p for p in copy.check() if p.rule == "SV163"]
    assert len(problems) == 2
    assert_problem(
        problems[0],
        Severity.WARNING,
        folder / "overenskommelse.yaml",
        position(text, "2026-12-31", after="- text: Färre fordon"),
        "målets 'senast' 2026-12-31 ligger före avtalstiden (2027-01-01 – tills vidare)",
    )
    assert "till exempel 2027-12-31" in problems[0].message


def test_sv163_a_goal_after_the_term_and_a_follow_up_outside_the_plan(tmp_path: Path) -> None:
    folder = tmp_path / "agreements" / "tre"
    shutil.copytree(REPO_ROOT / "agreements" / "exempel-tre-kommuner", folder)
    copy = AgreementCopy(folder)
    copy.edit("senast: 2027-02-28", "senast: 2027-06-30")
    plan = "bilagor/handlingsplan-2026.yaml"
    text = copy.edit("    - 2027-02-09\n", "    - 2027-03-09\n", plan)
    problems = [p for p in copy.check() if p.rule == "SV163"]
    messages = [p.message for p in problems]
    assert any("2027-06-30 ligger efter avtalstiden" in m for m in messages)
    follow_up = next(p for p in problems if "uppföljningsdagen" in p.message)
    assert (follow_up.location.line, follow_up.location.column) == position(text, "2027-03-09")
    assert "ligger efter handlingsplanens period (2026-03-01 – 2027-02-28)" in follow_up.message


@pytest.mark.parametrize("name", sorted(p.name for p in (REPO_ROOT / "agreements").iterdir()))
def test_sv163_is_quiet_for_the_examples(name: str) -> None:
    problems = check_folder(REPO_ROOT / "agreements" / name)[1]
    assert [str(p) for p in problems if p.rule == "SV163"] == []
