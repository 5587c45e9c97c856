"""Shared pydantic configuration: strict about unknown fields, Swedish keys as aliases."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Strict
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


Date = Annotated[dt.date, BeforeValidator(_date_as_written)]
"""A date as the YAML writes it: ÅÅÅÅ-MM-DD and nothing else (the day is checked too)."""


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
