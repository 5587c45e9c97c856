"""Every schema is shipped and exported: `samverkan schema` writes all of them (the outputs'
and samverkan.yaml's too), the wheel carries `schemas/`, `init` puts them where its files'
`$schema` lines point, and the SchemaStore catalog entry names each with the file names the
tool reads."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from samverkan_cli.check.json_schemas import (
    OUTPUT_SCHEMAS,
    SCHEMA_FILES,
    export_schemas,
    schema_texts,
    shipped_schema_folder,
)
from samverkan_cli.check.schema_catalog import (
    CATALOG,
    RAW_SCHEMAS_URL,
    REPOSITORY_URL,
    catalog_entries,
    catalog_text,
)
from samverkan_cli.check.settings import CONFIG_FILE
from samverkan_cli.cli.main import cli
from samverkan_cli.init.file_preparation import schema_for
from samverkan_cli.source.repository import AGREEMENT_FILE, REPORT_FILE
from tests.conftest import REPO_ROOT

EVERY_SCHEMA = {*SCHEMA_FILES, *OUTPUT_SCHEMAS}


def test_every_schema_is_written_by_samverkan_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "agreements").mkdir()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0, result.output
    written = {p.name for p in (tmp_path / "schemas").iterdir()}
    assert written == EVERY_SCHEMA
    assert {"samverkan.schema.json", "validate-output.schema.json"} <= written
    for name, text in schema_texts().items():
        assert (tmp_path / "schemas" / name).read_text(encoding="utf-8") == text
        Draft202012Validator.check_schema(json.loads(text))


def test_the_wheel_ships_every_schema() -> None:
    """The wheel's force-include puts the source tree's schemas/ in the package, where
    `shipped_schema_folder` looks first; every schema is in that folder."""
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    included = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert included["schemas"] == "samverkan_cli/schemas"
    assert shipped_schema_folder() == REPO_ROOT / "schemas"  # the source tree: not installed
    assert {p.name for p in (REPO_ROOT / "schemas").glob("*.json")} >= EVERY_SCHEMA


def test_init_exports_the_schemas_its_lines_point_at(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first = CliRunner().invoke(cli, ["init", "kista"])
    assert first.exit_code == 0, first.output
    for name in sorted(EVERY_SCHEMA):
        assert f"skrev schemas/{name}\n" in first.output
    assert "schemas/ har scheman från den här versionen av samverkan" in first.output
    agreement = tmp_path / "agreements" / "kista" / AGREEMENT_FILE
    line = agreement.read_text(encoding="utf-8").splitlines()[0]
    target = (agreement.parent / line.removeprefix("# yaml-language-server: $schema=")).resolve()
    assert target == (tmp_path / "schemas" / "overenskommelse.schema.json").resolve()
    assert target.read_text(encoding="utf-8") == schema_texts()["overenskommelse.schema.json"]

    stale = tmp_path / "schemas" / "bilaga.schema.json"
    stale.write_text("{}", encoding="utf-8")
    second = CliRunner().invoke(cli, ["init", "husby"])
    assert second.exit_code == 0, second.output
    assert second.output.count("skrev schemas/") == 1  # the stale one, only
    assert stale.read_text(encoding="utf-8") == schema_texts()["bilaga.schema.json"]


def test_export_leaves_schemas_that_are_current_alone(tmp_path: Path) -> None:
    assert len(export_schemas(tmp_path)) == len(EVERY_SCHEMA)
    assert export_schemas(tmp_path) == []


def test_the_translation_file_of_a_copy_names_the_translation_schema() -> None:
    assert schema_for(Path("oversattning.en.yaml")) == "oversattning.schema.json"
    assert schema_for(Path("bilagor/oversattning.yaml")) == "bilaga.schema.json"


# --- SchemaStore ------------------------------------------------------------------------------


def _glob(pattern: str) -> re.Pattern[str]:
    """A fileMatch pattern as SchemaStore's editors read it: without a '/' it matches the
    file's name anywhere; `**/` is any folders, `*` anything but a '/'."""
    if "/" not in pattern:
        pattern = "**/" + pattern
    parts = re.split(r"(\*\*/|\*)", pattern)
    regex = "".join(
        "(?:.*/)?" if part == "**/" else "[^/]*" if part == "*" else re.escape(part)
        for part in parts
    )
    return re.compile(regex)


def _schema_matching(path: str) -> set[str]:
    return {
        file
        for file, (_, _, patterns) in CATALOG.items()
        if any(_glob(p).fullmatch(path) for p in patterns)
    }


def test_the_catalog_fragment_is_current_and_names_every_schema() -> None:
    committed = (REPO_ROOT / "docs" / "schemastore" / "catalog.json").read_text(encoding="utf-8")
    assert committed == catalog_text(), "regenerate docs/schemastore/catalog.json"
    assert set(CATALOG) == EVERY_SCHEMA
    for entry in catalog_entries():
        assert entry["url"].startswith(RAW_SCHEMAS_URL)
        assert {"name", "description", "url"} <= set(entry)
    assert RAW_SCHEMAS_URL.startswith(
        REPOSITORY_URL.replace("github.com", "raw.githubusercontent.com")
    )


@pytest.mark.parametrize(
    ("path", "schema"),
    [
        (f"agreements/kista/{AGREEMENT_FILE}", "overenskommelse.schema.json"),
        (f"agreements/kista/{REPORT_FILE}", "tjansteutlatande.schema.json"),
        ("agreements/kista/oversattning.en.yaml", "oversattning.schema.json"),
        ("agreements/kista/bilagor/lagesbild.yaml", "bilaga.schema.json"),
        (CONFIG_FILE, "samverkan.schema.json"),
        ("profiler/egen.yaml", "profil.schema.json"),
    ],
)
def test_file_match_finds_the_schema_of_each_file_the_tool_reads(path: str, schema: str) -> None:
    assert _schema_matching(path) == {schema}


def test_every_example_file_is_matched_as_its_schema_line_says() -> None:
    for path in sorted((REPO_ROOT / "agreements").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        named = Path(first.removeprefix("# yaml-language-server: $schema=")).name
        relative = path.relative_to(REPO_ROOT).as_posix()
        assert _schema_matching(relative) == {named}, relative
