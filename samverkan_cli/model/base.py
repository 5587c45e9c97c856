"""Shared pydantic configuration: strict about unknown fields, Swedish keys as aliases."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Strict
from pydantic_core import PydanticCustomError


class SourceModel(BaseModel):
    """Base of every model read from YAML.

    Python attribute names are English; the YAML keys the users write are Swedish aliases.
    Unknown keys are errors (a typo must not silently drop a clause from a signed document).
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        populate_by_name=True,
        defer_build=True,
    )


Integer = Annotated[int, Strict()]
"""A whole number as YAML writes it: `true` is not taken for 1, nor the text "2" for 2."""


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
