"""`samverkan init`: the skeleton and copies validate with only placeholders left, every YAML
file names its schema, wrong names are refused, and SV135 finds the placeholders."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from samverkan_cli.check.folder import CheckSettings, check_folder
from samverkan_cli.cli.main import cli
from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.init.file_preparation import SCHEMA_COMMENT, schema_comment, schema_for
from samverkan_cli.init.new_folder import initialise
from samverkan_cli.rules.placeholders import placeholder_texts
from samverkan_cli.source.repository import Repository
from tests.conftest import REPO_ROOT
from tests.test_rules import AgreementCopy, covers_rule, position

TODAY = dt.date(2026, 3, 14)
NEXT_MONTH = dt.date(2026, 4, 1)
ALLOWED = {Severity.WARNING: {"SV135"}, Severity.INFO: {"SV108"}}


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in {".yaml", ".yml"})


def dates(data: object) -> Iterator[dt.date]:
    """Every date value in parsed YAML."""
    if isinstance(data, dt.date):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from dates(value)
    elif isinstance(data, list):
        for value in data:
            yield from dates(value)


def assert_only_placeholders(problems: list[Problem]) -> None:
    """No errors; warnings only SV135 and notes only SV108."""
    unexpected = [str(p) for p in problems if p.rule not in ALLOWED.get(p.severity, set())]
    assert unexpected == []
    assert any(p.rule == "SV135" for p in problems)


@pytest.fixture
def empty_repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "agreements").mkdir(parents=True)
    return root


# --- without --från: the skeleton ----------------------------------------------------------


def test_skeleton_validates_with_only_placeholder_warnings(empty_repo: Path) -> None:
    made = initialise(Repository(empty_repo), "kista", today=TODAY)
    assert made.folder == empty_repo / "agreements" / "kista"
    assert [p.relative_to(made.folder).as_posix() for p in made.written] == [
        "bilagor/lagesbild.yaml",
        "overenskommelse.yaml",
    ]
    problems = check_folder(made.folder, CheckSettings(today=TODAY))[1]
    assert_only_placeholders(problems)
    messages = {p.message for p in problems if p.rule == "SV135"}
    assert "fyll i: Skriv bakgrunden här." in messages
    assert "fyll i: första dagen överenskommelsen gäller" in messages
    assert "fyll i: partens organisationsnummer (NNNNNN-NNNN)" in messages


def test_skeleton_starts_next_month_and_names_its_output(empty_repo: Path) -> None:
    made = initialise(Repository(empty_repo), "Södra Järva", today=TODAY)
    data = yaml.safe_load((made.folder / "overenskommelse.yaml").read_text(encoding="utf-8"))
    assert data["tid"]["från"] == NEXT_MONTH
    assert data["filnamn"] == "lokal-samverkansoverenskommelse-sodra-jarva"
    assert data["profil"] == "stockholm-lokal-2023"
    kinds = [party["typ"] for party in data["parter"]]
    assert kinds == ["stadsdelsförvaltning", "lokalpolisområde"]


def test_init_command_then_validate(empty_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(empty_repo)
    result = run("init", "kista")
    assert result.exit_code == 0, result.output
    assert "skrev agreements/kista/overenskommelse.yaml" in result.output
    assert "agreements/kista: godkänd (0 fel" in result.output
    assert "platshållare att fylla i (SV135)" in result.output
    assert "skrev schemas/overenskommelse.schema.json" in result.output  # exported for the editor
    validated = run("validate", "kista")
    assert validated.exit_code == 0, validated.output
    assert "SV135 varning: fyll i:" in validated.output
    assert run("validate", "--strikt", "kista").exit_code == 1


def test_init_without_a_repository_makes_agreements(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init", "ny")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "agreements" / "ny" / "overenskommelse.yaml").is_file()


def test_the_skeleton_builds_as_a_draft(empty_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(empty_repo)
    assert run("init", "kista").exit_code == 0
    refused = run("build", "kista")
    assert refused.exit_code == 1
    assert "samverkan build kista --utkast" in refused.output
    result = run("build", "kista", "--utkast")
    assert result.exit_code == 0, result.output
    markdown = empty_repo / "out" / "kista" / "lokal-samverkansoverenskommelse-kista-utkast.md"
    assert "«Skriv bakgrunden här.»" in markdown.read_text(encoding="utf-8")


# --- --från: a copy with dates and people cleared ----------------------------------------------


def test_from_jarva_validates_with_only_placeholder_warnings(scratch_repo: Path) -> None:
    made = initialise(Repository(scratch_repo), "järva-2026", "jarva", today=TODAY)
    names = sorted(p.relative_to(made.folder).as_posix() for p in made.written)
    assert names == ["bilagor/lagesbild.yaml", "overenskommelse.yaml", "tjansteutlatande.yaml"]
    problems = check_folder(made.folder, CheckSettings(today=TODAY))[1]
    assert_only_placeholders(problems)
    for path in yaml_files(made.folder):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert dt.date(2024, 6, 1) not in set(dates(data)), path
    agreement = made.folder / "overenskommelse.yaml"
    data = yaml.safe_load(agreement.read_text(encoding="utf-8"))
    assert data["tid"] == {**data["tid"], "från": NEXT_MONTH, "till": "tillsvidare"}
    assert data["underskrifter"] == {"ort": "Spånga"}
    report = yaml.safe_load((made.folder / "tjansteutlatande.yaml").read_text(encoding="utf-8"))
    assert "datum" not in report
    start = next(p for p in problems if p.rule == "SV135" and "första dagen" in p.message)
    text = agreement.read_text(encoding="utf-8")
    assert (start.location.line, start.location.column) == position(text, "2026-04-01")
    assert start.message == "fyll i: första dagen överenskommelsen gäller"


def test_from_jarva_keeps_everything_else(scratch_repo: Path) -> None:
    made = initialise(Repository(scratch_repo), "järva-2026", "järva", today=TODAY)
    source = scratch_repo / "agreements" / "järva"
    old = (source / "overenskommelse.yaml").read_text(encoding="utf-8").splitlines()
    new = (made.folder / "overenskommelse.yaml").read_text(encoding="utf-8").splitlines()
    removed = [line for line in old if line not in new]
    assert removed == [
        "    organisationsnummer: 212000-0142",  # kept, and marked to be looked at
        "  från: 2024-06-01",
        "  datum: 2024-06-01",
    ]
    assert "    organisationsnummer: 212000-0142  # FYLL I: kontrollera" in "\n".join(new)
    assert new[:3] == [
        "# yaml-language-server: $schema=../../schemas/overenskommelse.schema.json",
        "# Kopia av agreements/järva (samverkan init): avtalstid, datum, personer och "
        "diarienummer är rensade; andra datum och årtal",
        "# är flyttade med avtalstiden och markerade med FYLL I. Kommentarerna nedan kan gälla "
        "originalet.",
    ]
    lagesbild = "bilagor/lagesbild.yaml"
    old_bilaga = (source / lagesbild).read_text(encoding="utf-8").splitlines()
    new_bilaga = (made.folder / lagesbild).read_text(encoding="utf-8").splitlines()
    assert new_bilaga[0] == old_bilaga[0]
    assert new_bilaga[3:] == old_bilaga[1:]


def test_from_rinkeby_clears_people_and_keeps_the_term_length(scratch_repo: Path) -> None:
    made = initialise(
        Repository(scratch_repo), "rinkeby-kista-2026", "rinkeby-kista-2017", today=TODAY
    )
    problems = check_folder(made.folder, CheckSettings(today=TODAY))[1]
    assert [str(p) for p in problems if p.severity is Severity.ERROR] == []
    everything = "\n".join(p.read_text(encoding="utf-8") for p in yaml_files(made.folder))
    for person in ("Patrik Derk", "Niclas Andersson", "Daniel Mattsson", "Per Granhällen"):
        assert person not in everything
    for contact in ("0739-10 12 15", "daniel.mattsson@polisen.se", "1.2.5.-615-2016"):
        assert contact not in everything
    assert "datum: 2015-05-19" in everything  # the övergripande överenskommelse stays as it was
    data = yaml.safe_load((made.folder / "overenskommelse.yaml").read_text(encoding="utf-8"))
    assert (data["tid"]["från"], data["tid"]["till"]) == (NEXT_MONTH, dt.date(2028, 3, 31))
    contacts = yaml.safe_load((made.folder / "bilagor/samordnare.yaml").read_text("utf-8"))
    assert contacts["personer"][0] == {
        "part": "polisen",
        "namn": "«Namn på kontaktpersonen»",
        "titel": "Kommunpolis",
    }
    placeholders = [p for p in problems if p.rule == "SV135"]
    assert len([p for p in placeholders if "Namn på" in p.message]) == 6


def test_from_keeps_line_breaks_and_layouts_it_cannot_cut(scratch_repo: Path) -> None:
    """CR LF files stay CR LF; a date that is a mapping's only key, or sits in a flow
    mapping, becomes null instead of leaving the mapping empty or broken."""
    source = AgreementCopy(scratch_repo / "agreements" / "järva")
    source.edit(
        "      typ: åtgärdsplan\n      extern: {}\n",
        "      typ: åtgärdsplan\n      extern:\n        datum: 2024-05-01\n",
    )
    source.edit(
        "      typ: kommunikationsplan\n      extern: {}\n",
        "      typ: kommunikationsplan\n      extern: {datum: 2024-05-01, förvaras: hos oss}\n",
    )
    for path in yaml_files(source.folder):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    made = initialise(Repository(scratch_repo), "ny", "järva", today=TODAY)
    assert_only_placeholders(check_folder(made.folder, CheckSettings(today=TODAY))[1])
    for path in yaml_files(made.folder):
        raw = path.read_bytes()
        assert raw.count(b"\n") == raw.count(b"\r\n"), path
    text = (made.folder / "overenskommelse.yaml").read_bytes().decode("utf-8")
    assert "      extern:\r\n        datum: null\r\n" in text
    assert "      extern: {datum: null, förvaras: hos oss}\r\n" in text


# --- the schema comment ------------------------------------------------------------------------


@pytest.mark.parametrize("source", [None, "järva", "rinkeby-kista-2017"])
def test_every_yaml_file_names_its_schema(scratch_repo: Path, source: str | None) -> None:
    shutil.copytree(REPO_ROOT / "schemas", scratch_repo / "schemas")
    made = initialise(Repository(scratch_repo), "ny", source, today=TODAY)
    files = yaml_files(made.folder)
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        schema = schema_for(path.relative_to(made.folder))
        assert first == schema_comment(path, scratch_repo, schema)
        target = (path.parent / first.removeprefix(SCHEMA_COMMENT)).resolve()
        assert target == (scratch_repo / "schemas" / schema).resolve()
        assert target.is_file()


def test_schema_comment_is_relative_to_the_file() -> None:
    root = Path("/repo")
    folder = root / "agreements" / "ny"
    assert schema_comment(folder / "overenskommelse.yaml", root, "overenskommelse.schema.json") == (
        "# yaml-language-server: $schema=../../schemas/overenskommelse.schema.json"
    )
    assert schema_comment(folder / "bilagor" / "x.yaml", root, "bilaga.schema.json") == (
        "# yaml-language-server: $schema=../../../schemas/bilaga.schema.json"
    )
    assert schema_for(Path("tjansteutlatande.yaml")) == "tjansteutlatande.schema.json"
    assert schema_for(Path("bilagor/lagesbild.yaml")) == "bilaga.schema.json"


# --- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("järva", "det finns redan en överenskommelse som heter 'järva'"),
        ("JÄRVA", "det finns redan en överenskommelse som heter 'järva'"),
        ("../utanför", "får inte innehålla / eller \\"),
        ("a/b", "får inte innehålla / eller \\"),
        ("a\\b", "får inte innehålla / eller \\"),
        ("..", "får inte innehålla '..'"),
        (".dold", "får inte börja med punkt"),
        (" ", "ange ett namn på den nya överenskommelsen"),
    ],
)
def test_refused_names(in_repo: Path, name: str, fragment: str) -> None:
    before = sorted(os.listdir(in_repo / "agreements"))
    result = run("init", name)
    assert result.exit_code == 2, result.output
    assert fragment in result.output
    assert "Traceback" not in result.output
    assert sorted(os.listdir(in_repo / "agreements")) == before
    assert not (in_repo / "utanför").exists()


def test_unknown_source_is_refused(in_repo: Path) -> None:
    result = run("init", "ny", "--från", "finns-inte")
    assert result.exit_code == 2
    assert "ingen överenskommelse som heter 'finns-inte'" in result.output
    assert not (in_repo / "agreements" / "ny").exists()


def test_help_has_examples() -> None:
    result = run("init", "--help")
    assert result.exit_code == 0
    assert "Exempel:" in result.output
    assert "--från" in result.output


# --- SV135: placeholders ---------------------------------------------------------------------


@covers_rule("SV135")
def test_sv135_placeholders_at_their_nodes(jarva: AgreementCopy) -> None:
    text = jarva.edit("  ort: Spånga\n  datum:", "  ort: «Ort»\n  datum:")
    text = jarva.edit("exemplar: 2", "exemplar: 2  # FYLL I: antal exemplar")
    text = jarva.edit("  - Medborgardialoger\n", "  - FYLL I statistik\n", "bilagor/lagesbild.yaml")
    text_agreement = jarva.text()
    problems = [p for p in jarva.check() if p.rule == "SV135"]
    assert all(p.severity is Severity.WARNING for p in problems)
    found = {
        (Path(p.location.file).name, p.location.line, p.location.column, p.message)
        for p in problems
    }
    assert found == {
        (
            "overenskommelse.yaml",
            *position(text_agreement, "«Ort»"),
            "fyll i: Ort",
        ),
        (
            "overenskommelse.yaml",
            *position(text_agreement, "2  # FYLL I"),
            "fyll i: antal exemplar",
        ),
        ("lagesbild.yaml", *position(text, "FYLL I statistik"), "fyll i: statistik"),
    }


@covers_rule("SV135")
def test_sv135_a_comment_on_its_own_line_and_in_the_report(jarva: AgreementCopy) -> None:
    text = jarva.edit("\nexemplar: 2", "\n# FYLL I\nexemplar: 2")
    report = jarva.edit("  titel: Stadsdelsdirektör", "  titel: «Titel»", "tjansteutlatande.yaml")
    problems = [p for p in jarva.check() if p.rule == "SV135"]
    assert sorted(
        (Path(p.location.file).name, p.location.line, p.location.column, p.message)
        for p in problems
    ) == [
        ("overenskommelse.yaml", *position(text, "# FYLL I"), "fyll i: värdet"),
        ("tjansteutlatande.yaml", *position(report, "«Titel»"), "fyll i: Titel"),
    ]


def test_sv135_passes_without_placeholders(jarva: AgreementCopy) -> None:
    # Prose that asks the reader to fill something in, a comment that talks about the
    # marker, and a '#' inside text are not placeholders.
    jarva.edit("exemplar: 2", "exemplar: 2  # kommentarer med FYLL I visas av SV135")
    jarva.edit(
        "  - Medborgardialoger\n",
        '  - "Medborgardialoger # fyll i enkäten"\n',
        "bilagor/lagesbild.yaml",
    )
    assert [str(p) for p in jarva.check() if p.rule == "SV135"] == []


def test_placeholder_texts() -> None:
    assert placeholder_texts("«Skriv bakgrunden här.»") == ["Skriv bakgrunden här."]
    assert placeholder_texts("Före «a» och «b\n  c» efter") == ["a", "b c"]
    assert placeholder_texts("FYLL I: namn") == ["namn"]
    assert placeholder_texts("FYLL I") == [""]
    assert placeholder_texts("fyll i blanketten") == []
    assert placeholder_texts("Stockholms stad") == []


def test_placeholder_texts_of_zeros_and_long_examples() -> None:
    assert placeholder_texts("000000-0000") != []
    assert placeholder_texts("000 00") != []
    assert placeholder_texts("212000-0142") == []
    assert placeholder_texts("100 000 kronor") == []
    (shown,) = placeholder_texts("«Exempel: " + "ord " * 100 + "»")
    assert len(shown) <= 80 and shown.endswith("…")
