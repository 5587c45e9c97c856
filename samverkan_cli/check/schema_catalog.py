"""samverkan's entries for the SchemaStore catalog, and where its schemas are published.

SchemaStore (schemastore.org) is the catalog editors consult to find a schema by a file's
name, so that a kommun's `overenskommelse.yaml` is completed and checked without a
`$schema` line. Its entries are in English, as SchemaStore requires; their `url` is the
schema as committed at a released tag of the canonical repository. The fragment to propose
to SchemaStore is docs/schemastore/catalog.json; tests/test_schema_export.py keeps it equal
to `catalog_text()` and checks each `fileMatch` against the names the tool reads.
"""

from __future__ import annotations

import json
from typing import Any

REPOSITORY_URL = "https://github.com/samverkan/samverkan"
"""The canonical repository (the project's URLs in pyproject.toml name the same)."""
SCHEMA_RELEASE = "v0.1.0"
"""The tag whose schemas the catalog points at; move it when a release changes a schema."""
RAW_SCHEMAS_URL = f"https://raw.githubusercontent.com/samverkan/samverkan/{SCHEMA_RELEASE}/schemas/"

_ABOUT = "samverkan (Swedish crime-prevention agreements of a municipality and the police)"

CATALOG: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "overenskommelse.schema.json": (
        "samverkan agreement",
        f"Local collaboration agreement (lokal samverkansöverenskommelse) for {_ABOUT}",
        ("overenskommelse.yaml",),
    ),
    "bilaga.schema.json": (
        "samverkan appendix",
        f"Appendix (bilaga) of an agreement for {_ABOUT}",
        ("**/agreements/*/bilagor/*.yaml",),
    ),
    "tjansteutlatande.schema.json": (
        "samverkan committee report",
        f"Committee report (tjänsteutlåtande) on an agreement for {_ABOUT}",
        ("tjansteutlatande.yaml",),
    ),
    "oversattning.schema.json": (
        "samverkan translation",
        f"Translation of an agreement (oversattning.<language>.yaml) for {_ABOUT}",
        ("oversattning.*.yaml",),
    ),
    "samverkan.schema.json": (
        "samverkan settings",
        f"Repository settings (samverkan.yaml) of {_ABOUT}",
        ("samverkan.yaml",),
    ),
    "profil.schema.json": (
        "samverkan rule profile",
        f"Rule profile (regelprofil) in a repository's profiler/ folder for {_ABOUT}",
        ("**/profiler/*.yaml",),
    ),
    "validate-output.schema.json": (
        "samverkan validate output",
        f"Output of 'samverkan validate --format json' of {_ABOUT}",
        (),
    ),
    "status-output.schema.json": (
        "samverkan status output",
        f"Output of 'samverkan status --format json' of {_ABOUT}",
        (),
    ),
}
"""Schema file → (name, description, fileMatch); the outputs are matched by no file name."""


def catalog_entries() -> list[dict[str, Any]]:
    """The entries as SchemaStore's catalog.json lists them."""
    entries = []
    for file, (name, description, patterns) in CATALOG.items():
        entry: dict[str, Any] = {"name": name, "description": description}
        if patterns:
            entry["fileMatch"] = list(patterns)
        entry["url"] = RAW_SCHEMAS_URL + file
        entries.append(entry)
    return entries


def catalog_text() -> str:
    """docs/schemastore/catalog.json: a fragment of SchemaStore's catalog (its `schemas`)."""
    fragment = {"schemas": catalog_entries()}
    return json.dumps(fragment, ensure_ascii=False, indent=2) + "\n"
