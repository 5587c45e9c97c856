"""JSON Schemas of the YAML file kinds, generated from the pydantic models.

They live in `schemas/` so that editors (yaml-language-server) can complete and check the
YAML as it is typed; a test fails when they are out of date with the models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from samverkan_cli.atomic import write_files_atomically
from samverkan_cli.config import RepositorySettings
from samverkan_cli.model import Agreement, BilagaContent
from samverkan_cli.model.report import Report
from samverkan_cli.profiles import Profile

SCHEMA_FILES: dict[str, TypeAdapter[Any]] = {
    "overenskommelse.schema.json": TypeAdapter(Agreement),
    "bilaga.schema.json": TypeAdapter(BilagaContent),
    "tjansteutlatande.schema.json": TypeAdapter(Report),
    "samverkan.schema.json": TypeAdapter(RepositorySettings),
    "profil.schema.json": TypeAdapter(Profile),
}


def schema_texts() -> dict[str, str]:
    """File name → JSON text of each schema (stable: sorted keys, trailing newline)."""
    texts = {}
    for name, adapter in SCHEMA_FILES.items():
        schema = adapter.json_schema(by_alias=True, mode="validation")
        texts[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return texts


def write_schemas(folder: Path) -> list[Path]:
    files = {folder / name: text.encode("utf-8") for name, text in schema_texts().items()}
    return write_files_atomically(files)
