"""Medborgarlöften as data: counted promises per party, jointly by all parties or by a named
actor that is not a party, and the follow-ups (an återrapport may come after the period).

The same promises stand in a bilaga of the type medborgarlöften (`bilaga_kinds`) and in a
standalone medborgarlöfte (`dokumenttyp: medborgarlöfte`, agreement-level `löften:`).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from samverkan_cli.core.swedish import counted
from samverkan_cli.model.base import (
    Integer,
    SourceModel,
    exactly_one_of,
    non_empty_list,
    not_both,
    swedish_error,
)
from samverkan_cli.model.partial_date import PartialDate

ALL_PARTIES = "alla"

PER_WORDS = {"år": "per år", "period": "under perioden"}
"""How a counted target's `per` is said after the promise."""


class Amount(SourceModel):
    """How many: "minst femtiotvå (52)", per year or for the whole period when said."""

    model_config = ConfigDict(json_schema_extra=exactly_one_of(("minst", "antal"), "integer"))

    at_least: Integer | None = Field(None, alias="minst", ge=1)
    exactly: Integer | None = Field(None, alias="antal", ge=1)
    per: Literal["år", "period"] | None = Field(None, alias="per")
    """The target counts per year, or for the whole period; unset, the text says it."""

    @model_validator(mode="after")
    def _one(self) -> Amount:
        if (self.at_least is None) == (self.exactly is None):
            raise swedish_error("ange antingen 'minst' eller 'antal'")
        return self

    def swedish(self) -> str:
        count = self.at_least if self.at_least is not None else self.exactly
        assert count is not None
        return ("minst " if self.at_least is not None else "") + counted(count)


class Promise(SourceModel):
    """One promise: "genomföra {antal} hastighetskontroller", tied to a fokusområde."""

    model_config = ConfigDict(
        json_schema_extra={
            "if": {"required": ["antal"], "properties": {"antal": {"type": "object"}}},
            "then": {"properties": {"text": {"pattern": r"\{antal\}"}}},
            "else": {"properties": {"text": {"not": {"pattern": r"\{antal\}"}}}},
        }
    )

    text: str = Field(alias="text", min_length=1)
    amount: Amount | None = Field(None, alias="antal")
    priority_area: str | None = Field(None, alias="fokusområde")

    @model_validator(mode="after")
    def _placeholder(self) -> Promise:
        if (self.amount is None) != ("{antal}" not in self.text):
            raise swedish_error("ett löfte med 'antal' skriver {antal} i texten, och bara då")
        return self

    def swedish(self) -> str:
        if self.amount is None:
            return self.text
        text = self.text.replace("{antal}", self.amount.swedish())
        per = self.amount.per
        return f"{text} {PER_WORDS[per]}" if per is not None else text


class PromiseGroup(SourceModel):
    """The promises of one or more parties ("Polisen lovar att"), of all parties together
    (`parter: alla`, or no `parter`), or of a named actor that is not a party (`aktör`)."""

    model_config = ConfigDict(
        json_schema_extra=not_both("parter", "aktör", (["array", "string"], "string"))
    )

    parties: list[str] | Literal["alla"] | None = Field(
        None, alias="parter", json_schema_extra=non_empty_list
    )
    actor: str | None = Field(None, alias="aktör", min_length=1)
    heading: str = Field(alias="rubrik", min_length=1)
    promises: list[Promise] = Field(alias="lovar", min_length=1)

    @model_validator(mode="after")
    def _who(self) -> PromiseGroup:
        if self.actor is not None and self.parties is not None:
            raise swedish_error("ange 'parter' eller 'aktör', inte båda")
        if isinstance(self.parties, list) and not self.parties:
            raise swedish_error("'parter' ska ange minst en part, eller vara 'alla'")
        return self

    @property
    def party_ids(self) -> list[str]:
        """The parties named by id; none for a joint group or an actor."""
        return self.parties if isinstance(self.parties, list) else []


class PromisePeriod(SourceModel):
    """The period the promises run: a year, a month or a day at each end, as the text gives
    it ("från april 2024 till september 2024" runs 2024-04-01 – 2024-09-30)."""

    start: PartialDate = Field(alias="från")
    end: PartialDate = Field(alias="till")

    @property
    def first_day(self) -> dt.date:
        return self.start.first_day

    @property
    def last_day(self) -> dt.date:
        return self.end.last_day


class PromiseFollowUp(SourceModel):
    """A follow-up with its kind: `uppföljning` during the period, or an `återrapport` that
    may come after it (to the residents, to the kommunstyrelse)."""

    date: PartialDate = Field(alias="datum")
    """A day, or a month or a year when the text gives no day ("uppföljning i juni 2024"):
    the calendar and `status` show only whole days (a month gives no event), the rules read
    a month or a year as every day in it."""
    kind: Literal["uppföljning", "återrapport"] = Field("uppföljning", alias="typ")
    text: str | None = Field(None, alias="text", min_length=1)
    """To whom or how, as the text says it ("till kommunstyrelsen")."""


FollowUpEntry = PartialDate | PromiseFollowUp
"""A follow-up as a date (an uppföljning) or with its kind."""


def follow_up_entry(entry: FollowUpEntry) -> PromiseFollowUp:
    """An entry as a PromiseFollowUp: a bare date is an uppföljning."""
    return entry if isinstance(entry, PromiseFollowUp) else PromiseFollowUp(date=entry)


def follow_up_dates(entries: list[FollowUpEntry]) -> list[dt.date]:
    """The follow-ups that belong inside the period (everything but återrapporter), those
    written as a whole day: the calendar invents no day for "juni 2024"."""
    return [d.first_day for d in follow_up_periods(entries) if d.is_day]


def follow_up_periods(entries: list[FollowUpEntry]) -> list[PartialDate]:
    """The follow-ups that belong inside the period, at the precision the text gives."""
    return [e.date for e in map(follow_up_entry, entries) if e.kind == "uppföljning"]


def report_dates(entries: list[FollowUpEntry]) -> list[dt.date]:
    """The återrapporter, which may come after the period; those written as a whole day."""
    found = (e.date for e in map(follow_up_entry, entries) if e.kind == "återrapport")
    return [d.first_day for d in found if d.is_day]
