"""JSON Schemas of the YAML file kinds, generated from the pydantic models.

They live in `schemas/` so that editors (yaml-language-server) can complete and check the
YAML as it is typed, with a Swedish description and examples for every key (from
`schema_texts.yaml`); a test fails when they are out of date with the models, and
tests/test_schema_parity.py that a schema and the tool judge an edit alike. Every text the
models strip and require (`min_length`) must hold a character that is not a space, which
the generator below says in each such schema. The schemas of `validate`'s and `status`'s
JSON output are written by hand (there is no model of them); they ship with the package
(`schemas/` in the wheel) and are exported with the others.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core.core_schema import StringSchema

from samverkan_cli.check.settings import RepositorySettings
from samverkan_cli.core.atomic import write_files_atomically
from samverkan_cli.model import Agreement, BilagaContent
from samverkan_cli.model.committee_report import Report
from samverkan_cli.model.translation import Translation
from samverkan_cli.profiles import Profile
from samverkan_cli.source.yaml_source import read_yaml

SCHEMA_FILES: dict[str, tuple[str, TypeAdapter[Any]]] = {
    "overenskommelse.schema.json": ("Lokal samverkansöverenskommelse", TypeAdapter(Agreement)),
    "bilaga.schema.json": ("Bilaga", TypeAdapter(BilagaContent)),
    "tjansteutlatande.schema.json": ("Tjänsteutlåtande", TypeAdapter(Report)),
    "samverkan.schema.json": ("Repositoriets inställningar", TypeAdapter(RepositorySettings)),
    "profil.schema.json": ("Regelprofil", TypeAdapter(Profile)),
    "oversattning.schema.json": ("Översättning", TypeAdapter(Translation)),
}

OUTPUT_SCHEMAS = ("validate-output.schema.json", "status-output.schema.json")
"""Hand-written: the JSON that `validate --format json` and `status --format json` write."""

_TEXTS = Path(__file__).parent.parent / "source" / "schema_texts.yaml"
_PACKAGE = Path(__file__).parent.parent


def shipped_schema_folder() -> Path:
    """`schemas/` as shipped: inside the installed package (the wheel's force-include), else
    the source tree's own folder."""
    installed = _PACKAGE / "schemas"
    return installed if installed.is_dir() else _PACKAGE.parent / "schemas"


def non_blank_pattern(min_length: int) -> str:
    """A text that still has `min_length` characters when the spaces around it are stripped
    (as every model strips its texts): from a non-space to a non-space that far apart."""
    return r"\S" if min_length <= 1 else rf"\S[\s\S]{{{min_length - 2},}}\S"


class _AsValidated(GenerateJsonSchema):
    """The models' JSON Schema, with what the validation does beyond pydantic's own schema:
    the texts are stripped before `min_length` and `pattern` are checked, so a text of
    spaces is empty, and spaces around a text do not break its pattern."""

    def str_schema(self, schema: StringSchema) -> JsonSchemaValue:
        json_schema = super().str_schema(schema)
        pattern = schema.get("pattern")
        if isinstance(pattern, str) and pattern.startswith("^") and pattern.endswith("$"):
            json_schema["pattern"] = rf"^\s*(?:{pattern[1:-1]})\s*$"
        min_length = schema.get("min_length")
        if min_length and "pattern" not in json_schema:
            json_schema["pattern"] = non_blank_pattern(min_length)
        return json_schema


@cache
def key_texts() -> dict[str, dict[str, Any]]:
    """YAML key → {beskrivning, exempel?}, Swedish."""
    data: dict[str, dict[str, Any]] = read_yaml(_TEXTS).data
    return data


def schema_texts() -> dict[str, str]:
    """File name → JSON text of each schema (stable: sorted keys, trailing newline)."""
    texts = {}
    for name, (title, adapter) in SCHEMA_FILES.items():
        schema = _generated(adapter)
        _swedish(schema)
        schema["title"] = title
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        texts[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    for name in OUTPUT_SCHEMAS:
        texts[name] = (shipped_schema_folder() / name).read_text(encoding="utf-8")
    return texts


def _generated(adapter: TypeAdapter[Any]) -> dict[str, Any]:
    schema: dict[str, Any] = adapter.json_schema(
        by_alias=True, mode="validation", schema_generator=_AsValidated
    )
    return schema


def undescribed_keys() -> set[str]:
    """Keys in the schemas that have no Swedish description (a test wants none)."""
    missing: set[str] = set()
    for _, adapter in SCHEMA_FILES.values():
        schema = _generated(adapter)
        missing |= {k for k in _property_keys(schema) if k not in key_texts()}
    return missing


def write_schemas(folder: Path) -> list[Path]:
    files = {folder / name: text.encode("utf-8") for name, text in schema_texts().items()}
    return write_files_atomically(files)


def export_schemas(folder: Path) -> list[Path]:
    """Write the schemas that are missing from `folder` or differ from this version's (all
    at once, atomically); those already the same are left alone. Returns what was written."""
    files = {}
    for name, text in schema_texts().items():
        wanted = text.encode("utf-8")
        target = folder / name
        try:
            same = target.is_file() and target.read_bytes() == wanted
        except OSError:
            same = False
        if not same:
            files[target] = wanted
    return write_files_atomically(files) if files else []


def _swedish(node: Any) -> None:
    """Replace the models' English docstrings and titles by the Swedish key texts."""
    if isinstance(node, dict):
        node.pop("description", None)
        properties = node.get("properties")
        if isinstance(properties, dict) and "additionalProperties" in node:
            for key, prop in properties.items():
                _swedish(prop)
                text = key_texts().get(key)
                prop["title"] = key
                if text:
                    prop["description"] = text["beskrivning"]
                    if "exempel" in text:
                        prop["examples"] = text["exempel"]
        for key, value in node.items():
            if key != "properties":
                _swedish(value)
    elif isinstance(node, list):
        for item in node:
            _swedish(item)


def _property_keys(node: Any) -> set[str]:
    keys: set[str] = set()
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            keys |= set(node["properties"])
        for value in node.values():
            keys |= _property_keys(value)
    elif isinstance(node, list):
        for item in node:
            keys |= _property_keys(item)
    return keys
