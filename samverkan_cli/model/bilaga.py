"""Bilagor: the attachments listed in an agreement, and the generic bilaga file.

Each listed bilaga has a kind and a source: a file in the agreement folder, or a document
kept elsewhere (the diarium) referenced by title, date and diarienummer.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field, model_validator

from samverkan_cli.model.base import Date, SourceModel, swedish_error


class BilagaKind(StrEnum):
    AGREEMENT = "överenskommelse"
    OVERARCHING_AGREEMENT = "övergripande överenskommelse"
    SITUATION_PICTURE = "lägesbild"
    ACTION_PLAN = "åtgärdsplan"
    FOLLOW_UP_PLAN = "uppföljningsplan"
    COMMUNICATION_PLAN = "kommunikationsplan"
    CONTACTS = "kontaktuppgifter"
    CITIZEN_PROMISES = "medborgarlöften"
    ACTIVITY_MATRIX = "aktivitetsmatris"
    OPERATIVE_PLAN = "handlingsplan"
    OTHER = "annan"


class DatePeriod(SourceModel):
    """The days a document covers, both included; a year of a strategic agreement need not
    follow the calendar (2026-03-01 – 2027-02-28)."""

    start: Date = Field(alias="från")
    end: Date = Field(alias="till")

    @model_validator(mode="after")
    def _order(self) -> DatePeriod:
        if self.end <= self.start:
            raise swedish_error("perioden måste sluta efter att den börjar ('till' efter 'från')")
        return self

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, other: DatePeriod) -> bool:
        return self.start <= other.end and other.start <= self.end

    def swedish(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


class ExternalDocument(SourceModel):
    """A bilaga kept outside the repository, e.g. in the diarium."""

    title: str | None = Field(None, alias="titel")
    date: Date | None = Field(None, alias="datum")
    registration_number: str | None = Field(None, alias="diarienummer")
    kept_at: str | None = Field(None, alias="förvaras")
    period: DatePeriod | None = Field(None, alias="period")
    """The period a dated document covers: an earlier year's handlingsplan, so that the
    plans' periods can be checked against each other without the document at hand."""


class BilagaEntry(SourceModel):
    """One line of the agreement's list of bilagor."""

    id: str = Field(min_length=1)
    title: str = Field(alias="titel", min_length=1)
    kind: BilagaKind = Field(alias="typ")
    file: str | None = Field(None, alias="fil")
    external: ExternalDocument | None = Field(None, alias="extern")

    @model_validator(mode="after")
    def _one_source(self) -> BilagaEntry:
        if self.file is not None and self.external is not None:
            raise swedish_error("ange antingen 'fil' eller 'extern', inte båda")
        return self
