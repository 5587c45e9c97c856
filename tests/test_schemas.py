"""The JSON Schemas in schemas/ are generated from the models and must be up to date."""

from __future__ import annotations

import json

from samverkan_cli.check.json_schemas import schema_texts
from tests.conftest import REPO_ROOT


def test_schemas_are_up_to_date() -> None:
    for name, text in schema_texts().items():
        committed = (REPO_ROOT / "schemas" / name).read_text(encoding="utf-8")
        assert committed == text, f"schemas/{name} is stale: run 'samverkan schema'"


def test_agreement_schema_uses_the_swedish_keys() -> None:
    schema = json.loads(schema_texts()["overenskommelse.schema.json"])
    assert {"parter", "tid", "organisation", "lägesbild"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


def test_every_key_has_a_swedish_description() -> None:
    from samverkan_cli.check.json_schemas import undescribed_keys

    assert undescribed_keys() == set(), "add them to samverkan_cli/source/schema_texts.yaml"


def test_descriptions_and_examples_reach_the_schema() -> None:
    schema = json.loads(schema_texts()["overenskommelse.schema.json"])
    assert schema["title"] == "Lokal samverkansöverenskommelse"
    parties = schema["properties"]["parter"]
    assert parties["description"].startswith("Parterna: hur många som helst")
    assert "description" not in schema.get("$defs", {}).get("Party", {})
    org = schema["$defs"]["Party"]["properties"]["organisationsnummer"]
    assert org["examples"] == ["212000-0142"]
