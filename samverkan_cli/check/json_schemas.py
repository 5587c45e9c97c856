"""JSON Schemas of the YAML file kinds, generated from the pydantic models.

They live in `schemas/` so that editors (yaml-language-server) can complete and check the
YAML as it is typed, with a Swedish description and examples for every key (from
`schema_texts.yaml`); a test fails when they are out of date with the models.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

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

_TEXTS = Path(__file__).parent.parent / "source" / "schema_texts.yaml"


@cache
def key_texts() -> dict[str, dict[str, Any]]:
    """YAML key → {beskrivning, exempel?}, Swedish."""
    data: dict[str, dict[str, Any]] = read_yaml(_TEXTS).data
    return data


def schema_texts() -> dict[str, str]:
    """File name → JSON text of each schema (stable: sorted keys, trailing newline)."""
    texts = {}
    for name, (title, adapter) in SCHEMA_FILES.items():
        schema = adapter.json_schema(by_alias=True, mode="validation")
        _swedish(schema)
        schema["title"] = title
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        texts[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return texts


def undescribed_keys() -> set[str]:
    """Keys in the schemas that have no Swedish description (a test wants none)."""
    missing: set[str] = set()
    for _, adapter in SCHEMA_FILES.values():
        schema = adapter.json_schema(by_alias=True, mode="validation")
        missing |= {k for k in _property_keys(schema) if k not in key_texts()}
    return missing


def write_schemas(folder: Path) -> list[Path]:
    files = {folder / name: text.encode("utf-8") for name, text in schema_texts().items()}
    return write_files_atomically(files)


def _swedish(node: Any) -> None:
    """Replace the models' English docstrings and titles by the Swedish key texts."""
    if isinstance(node, dict):
        node.pop("description", None)
        properties = node.get("properties")
        if isinstance(properties, dict):
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
