"""The JSON Schemas in schemas/ are generated from the models and must be up to date."""

from __future__ import annotations

import json

from samverkan_cli.json_schemas import schema_texts
from tests.conftest import REPO_ROOT


def test_schemas_are_up_to_date() -> None:
    for name, text in schema_texts().items():
        committed = (REPO_ROOT / "schemas" / name).read_text(encoding="utf-8")
        assert committed == text, f"schemas/{name} is stale: run 'samverkan schema'"


def test_agreement_schema_uses_the_swedish_keys() -> None:
    schema = json.loads(schema_texts()["overenskommelse.schema.json"])
    assert {"parter", "tid", "organisation", "lägesbild"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False
