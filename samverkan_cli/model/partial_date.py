"""A date at the precision the text gives it: a year (2017), a month (2020-09) or a day.

Agreements say "2017–2022" or "från september 2020" as often as they give a day. The term
keeps what the text says, prints it as written, and a check that needs a day asks for the
bound it means: `first_day` (the earliest day the text can mean) or `last_day` (the latest).
"från och med 2017 till och med 2022" is read as 2017-01-01 – 2022-12-31 unless a rule says
otherwise (and then SV185 says which day it took).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from samverkan_cli.core.swedish import MONTHS, long_date
from samverkan_cli.model.base import swedish_error

_WRITTEN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_HOW = "skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD"
YEARS = (1900, 2999)
YEAR_OR_MONTH_PATTERN = r"^(?:19|2\d)\d{2}(?:-(?:0[1-9]|1[0-2]))?$"
"""A year (`YEARS`) or a month of one, as the JSON Schema checks them (a day: `format: date`)."""
"""The years a year or a month alone may name (as `samverkan_sedan`): `från: 4711` or `till:
1` is a slip, not a term. A whole day keeps the calendar's 0001–9999."""


class Precision(StrEnum):
    YEAR = "år"
    MONTH = "månad"
    DAY = "dag"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A year, a month of a year, or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> Precision:
        if self.month is None:
            return Precision.YEAR
        return Precision.MONTH if self.day is None else Precision.DAY

    @property
    def is_day(self) -> bool:
        return self.day is not None

    @property
    def first_day(self) -> dt.date:
        """The earliest day the text can mean: 2017 → 2017-01-01, 2020-09 → 2020-09-01."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        """The latest day the text can mean: 2017 → 2017-12-31, 2020-02 → 2020-02-29."""
        if self.day is not None:
            return self.first_day
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        """As the YAML writes it: "2017", "2020-09", "2020-09-01"."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return self.first_day.isoformat()

    def swedish(self) -> str:
        """As the term clause prints it: "2017", "september 2020", "2020-09-01"."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return self.iso()

    def long(self) -> str:
        """As a sentence says it: "1 juni 2024", "september 2020", "2017"."""
        if self.day is not None:
            return long_date(self.first_day)
        return self.swedish()

    def taken_as(self, day: dt.date) -> str:
        """For a message: "2020-09-01" for a day; "2017-01-01 (texten anger 2017)" for a
        year or a month, naming the day a check took for it."""
        if self.is_day:
            return self.iso()
        return f"{day.isoformat()} (texten anger {self.swedish()})"

    def counted_as(self, day: dt.date) -> str:
        """For a message of a rule that needs a day: "2020-09-01" for a day; for a year or a
        month the text as written and the bound the rule took for it, "2020 (räknat från
        2020-12-31, sista dagen i 2020)"."""
        if self.is_day:
            return self.iso()
        which = "första" if day == self.first_day else "sista"
        return f"{self.swedish()} (räknat från {day.isoformat()}, {which} dagen i {self.swedish()})"

    def overlaps(self, start: dt.date, end: dt.date | None) -> bool:
        """Whether any day the text can mean lies from `start` to `end` (None: no end)."""
        return self.last_day >= start and (end is None or self.first_day <= end)

    def moved_months(self, months: int) -> PartialDate | None:
        """The same date `months` later (a year moves by whole years, a month by whole
        months, a day as `add_months` moves it); None outside the years 1–9999. A year
        moved by a number of months that is not whole years moves by the years it spans."""
        index = self.year * 12 + (self.month or 1) - 1 + months
        year, month = divmod(index, 12)
        if not 1 <= year <= 9999:
            return None
        if self.month is None:
            return PartialDate(year)
        if self.day is None:
            return PartialDate(year, month + 1)
        last = calendar.monthrange(year, month + 1)[1]
        return PartialDate(year, month + 1, min(self.day, last))

    def __str__(self) -> str:
        return self.iso()

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """ÅÅÅÅ (a number or text), ÅÅÅÅ-MM or ÅÅÅÅ-MM-DD; a Swedish error otherwise."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return cls.of(value)
        if value is None:
            raise swedish_error(f"värdet saknas; {_HOW}")
        written = value
        if isinstance(value, int) and not isinstance(value, bool):
            written = f"{value:04d}" if 0 <= value <= 9999 else str(value)
        found = _WRITTEN.fullmatch(written) if isinstance(written, str) else None
        if found is None:
            plain = isinstance(value, str | int | float) and not isinstance(value, bool)
            shown = f"'{value}'" if plain else "värdet"
            raise swedish_error(f"{shown} är inget datum; {_HOW}")
        year, month, day = (int(part) if part else None for part in found.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            raise swedish_error(f"'{value}' är inget giltigt datum: månaden ska vara 01–12")
        if day is not None:
            try:
                dt.date(year, month or 1, day)
            except ValueError:
                raise swedish_error(f"'{value}' är inget giltigt datum") from None
        elif not YEARS[0] <= year <= YEARS[1]:
            raise swedish_error(
                f"'{value}' är inget år för en avtalstid; skriv ett år {YEARS[0]}–{YEARS[1]} "
                "(ÅÅÅÅ), en månad (ÅÅÅÅ-MM) eller en dag (ÅÅÅÅ-MM-DD)"
            )
        return cls(year, month, day)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse,
            serialization=core_schema.plain_serializer_function_ser_schema(_dumped, info_arg=True),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "anyOf": [
                {"type": "integer", "minimum": YEARS[0], "maximum": YEARS[1]},
                {"type": "string", "pattern": YEAR_OR_MONTH_PATTERN},
                {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"},
            ]
        }


def _dumped(value: PartialDate, info: core_schema.SerializationInfo) -> dt.date | str:
    """As written, so that a dump validates again: a whole day as a date (in JSON its ISO
    form), a year or month as its text ("2017", "2020-09")."""
    if info.mode == "python" and value.is_day:
        return value.first_day
    return value.iso()
