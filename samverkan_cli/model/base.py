"""Shared pydantic configuration: strict about unknown fields, Swedish keys as aliases."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, GetJsonSchemaHandler, Strict
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError


class SourceModel(BaseModel):
    """Base of every model read from YAML.

    Python attribute names are English; the YAML keys the users write are Swedish aliases.
    Unknown keys are errors (a typo must not silently drop a clause from a signed document).
    Python code may build a model by its English names; YAML is validated by the aliases
    alone (`by_alias=True, by_name=False` wherever a file's data is validated), so that an
    English key (`title:`) is an unknown key there, as the JSON Schemas say.
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        validate_by_name=True,
        validate_by_alias=True,
        defer_build=True,
    )


Integer = Annotated[int, Strict()]
"""A whole number as YAML writes it: `true` is not taken for 1, nor the text "2" for 2."""

Boolean = Annotated[bool, Strict()]
"""true or false as YAML writes them: neither the text "yes" nor the number 1 is taken for
true (the JSON Schemas say "boolean", and an editor marks the others)."""

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date_as_written(value: object) -> object:
    """Only ÅÅÅÅ-MM-DD is a date: pydantic would also take 0 or "0" for 1970-01-01 and a
    timestamp with a zero time, which in a signed agreement are mistakes, not dates."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return value
    if value is None:
        raise swedish_error("värdet saknas; skriv ett datum ÅÅÅÅ-MM-DD")
    shown = f"'{value}'" if isinstance(value, str | int | float) else "värdet"
    raise swedish_error(f"{shown} är inget datum; skriv ÅÅÅÅ-MM-DD")


class SchemaKeywords:
    """JSON Schema keywords for what a validator beside it in an `Annotated` checks, so that
    the check and what the editors are told come from one definition (tests/
    test_schema_parity.py holds the two to the same verdicts). `replace`: the keywords are
    the whole schema (for a value taken in several forms, as an organisationsnummer)."""

    def __init__(self, *, replace: bool = False, **keywords: Any) -> None:
        self.replace = replace
        self.keywords = keywords

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        if self.replace:
            return dict(self.keywords)
        json_schema = handler(schema)
        json_schema.update(self.keywords)
        return json_schema


def refuses_null(schema: dict[str, Any]) -> None:
    """`json_schema_extra` of an optional field whose validator refuses a key written with no
    value (a forgotten value, not "none"): the schema's null form is dropped too."""
    forms = schema.get("anyOf")
    if isinstance(forms, list):
        kept = [form for form in forms if form != {"type": "null"}]
        if len(kept) == 1:
            schema.pop("anyOf")
            schema.update(kept[0])
        else:
            schema["anyOf"] = kept


def exactly_one_of(keys: tuple[str, ...], json_type: str) -> dict[str, Any]:
    """The JSON Schema of a mapping that gives exactly one of `keys` a value (a model
    validator's "ange exakt ett av …"); a key written with no value counts as not given."""
    return {
        "oneOf": [{"required": [key], "properties": {key: {"type": json_type}}} for key in keys]
    }


def not_both(first: str, second: str, types: tuple[str | list[str], str]) -> dict[str, Any]:
    """The JSON Schema of a mapping that gives `first` and `second` not both a value (of the
    JSON `types` that count as one; a key written with no value counts as not given)."""
    properties = {first: {"type": types[0]}, second: {"type": types[1]}}
    return {"not": {"required": [first, second], "properties": properties}}


def non_empty_list(schema: dict[str, Any]) -> None:
    """`json_schema_extra` of a field whose list form must hold an item (a model validator's
    "minst en")."""
    for form in [schema, *schema.get("anyOf", [])]:
        if form.get("type") == "array":
            form["minItems"] = 1


ISO_DATE_PATTERN = "^" + _ISO_DATE.pattern + "$"

Date = Annotated[
    dt.date,
    BeforeValidator(_date_as_written),
    SchemaKeywords(pattern=ISO_DATE_PATTERN),
]
"""A date as the YAML writes it: ÅÅÅÅ-MM-DD and nothing else (the day is checked too)."""


class _OneOrAList:
    """A list that also takes one item written alone (`profil: namn`, `undertecknare:` one
    mapping): the item is read as a list of one, and the schema takes both forms."""

    def __init__(self, single: type) -> None:
        self.single = single

    def _listed(self, value: object) -> object:
        return [value] if isinstance(value, self.single) else value

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self._listed, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        array = handler(schema)
        return {"anyOf": [array["items"], array]}


ONE_TEXT_OR_A_LIST = _OneOrAList(str)
"""A list of texts that also takes one text (`profil: stockholm-lokal-2023`)."""
ONE_MAPPING_OR_A_LIST = _OneOrAList(dict)
"""A list of mappings that also takes one mapping (one `undertecknare`)."""


def swedish_error(message: str, **context: object) -> PydanticCustomError:
    """A validation error whose message is already Swedish (type 'samverkan')."""
    return PydanticCustomError("samverkan", message, dict(context) if context else None)


def require_unique_ids(ids: Iterable[str], what: str) -> None:
    """Raise a Swedish validation error naming every id that occurs more than once."""
    listed = list(ids)
    duplicates = sorted({i for i in listed if listed.count(i) > 1})
    if duplicates:
        raise swedish_error(
            "{what} id måste vara unika: {ids}", what=what, ids=", ".join(duplicates)
        )
