"""Tid: when an agreement runs, as its text says it – at the precision the text gives.

"2017–2022", "från och med september 2020 tills vidare", "till dess att nya medborgarlöften
presenteras", "kan revideras vid behov": each is data, printed in the text's own words.
Checks that need a day take `first_day` / `last_day` of the term (model/partial_date.py)
and say which one they took (SV185).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from samverkan_cli.model.base import Integer, SourceModel, refuses_null, swedish_error
from samverkan_cli.model.frequency import Frequency
from samverkan_cli.model.partial_date import PartialDate

UNTIL_FURTHER_NOTICE = ("tills vidare", "tillsvidare")


class Extension(SourceModel):
    """Förlängning N år i taget, with samråd M months before the term ends."""

    years: Integer = Field(alias="år", ge=1)
    consultation_months_before: Integer | None = Field(None, alias="samråd_månader_före", ge=1)
    subject: str | None = Field(None, alias="benämning", min_length=1)
    """What the extension sentence calls the agreement where the original names it otherwise
    than the term's `benämning` ("Överenskommelsen kan förlängas …"); unset: that one."""


class Termination(SourceModel):
    """Uppsägning: either party may end the agreement, with a notice period when the text
    gives one (`uppsägning: {}` when it says only that the agreement can be terminated)."""

    notice_months: Integer | None = Field(None, alias="uppsägningstid_månader", ge=1)
    """At least one month; a text without a period leaves the key out (never 0 months)."""


class Term(SourceModel):
    model_config = ConfigDict(
        json_schema_extra={
            "not": {
                "required": ["gäller_till_dess", "till"],
                "properties": {
                    "gäller_till_dess": {"type": "string"},
                    "till": {"enum": list(UNTIL_FURTHER_NOTICE)},
                },
            }
        }
    )

    """Tid: when the agreement runs, how it is revised and on what condition."""

    heading: str | None = Field(None, alias="rubrik")
    subject: str = Field("Överenskommelsen", alias="benämning", min_length=1)
    start: PartialDate = Field(alias="från")
    """A year, a month or a day, as the text gives it."""
    end: PartialDate | Literal["tills vidare", "tillsvidare"] | None = Field(
        None, alias="till", json_schema_extra=refuses_null
    )
    """None: the text gives only when the term starts (a draft, or "från 2017")."""
    until_replaced: str | None = Field(None, alias="gäller_till_dess", min_length=1)
    """The text's condition for the end: "nya medborgarlöften presenteras" (printed after
    "till dess att"); after `till`'s date when there is one ("och därefter …")."""
    revision: Frequency | None = Field(None, alias="revidering")
    revision_after: str | None = Field(None, alias="revidering_efter")
    revision_verb: Literal["ska", "kan"] = Field("ska", alias="revidering_hjälpverb")
    """The text's modal verb: "ska revideras" or "kan revideras"."""
    condition: str | None = Field(None, alias="villkor")
    extension: Extension | None = Field(None, alias="förlängning")
    termination: Termination | None = Field(None, alias="uppsägning")

    @field_validator("end", mode="before")
    @classmethod
    def _written_end(cls, value: object) -> object:
        if value is None:  # `till:` with nothing after it is a forgotten value, not "no end"
            raise swedish_error(
                "värdet saknas; skriv ÅÅÅÅ, ÅÅÅÅ-MM, ÅÅÅÅ-MM-DD eller tills vidare, eller ta bort "
                "'till' om texten inte säger när avtalstiden slutar"
            )
        return value

    @model_validator(mode="after")
    def _one_open_end(self) -> Term:
        if self.until_replaced is not None and self.end in UNTIL_FURTHER_NOTICE:
            raise swedish_error(
                "skriv antingen 'till: tills vidare' eller 'gäller_till_dess', inte båda: "
                "'gäller_till_dess' säger redan att överenskommelsen gäller tills vidare"
            )
        return self

    @property
    def end_date(self) -> PartialDate | None:
        """The end the text dates (a year, a month or a day); None tills vidare, until
        replaced, or when the text gives no end."""
        return self.end if isinstance(self.end, PartialDate) else None

    @property
    def first_day(self) -> dt.date:
        """The first day of the term as the text reads: "från och med 2017" → 2017-01-01."""
        return self.start.first_day

    @property
    def last_day(self) -> dt.date | None:
        """The last day as the text reads: "till och med 2022" → 2022-12-31; None without a
        dated end."""
        return self.end_date.last_day if self.end_date is not None else None

    @property
    def open_ended(self) -> bool:
        """Tills vidare, until replaced, or without an end: no last day."""
        return self.end_date is None

    def span(self) -> str:
        """ "2017 – 2022", "september 2020 – tills vidare": the term in a message. (Not
        `swedish()`: `samverkan diff` would then show the term as one value.)"""
        if self.end_date is not None:
            end = self.end_date.swedish()
        elif self.until_replaced is not None:
            end = f"till dess att {self.until_replaced}"
        elif self.end is None:
            end = "…"
        else:
            end = str(self.end)  # as written: "tills vidare" or "tillsvidare"
        return f"{self.start.swedish()} – {end}"
