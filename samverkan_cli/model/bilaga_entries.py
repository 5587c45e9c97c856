"""Bilagor: the attachments listed in an agreement, and the generic bilaga file.

Each listed bilaga has a kind and a source: a file in the agreement folder, or a document
kept elsewhere (the diarium) referenced by title, date and diarienummer.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import ConfigDict, Field, field_validator, model_validator

from samverkan_cli.core.portable_names import MAX_NAME_BYTES, name_bytes
from samverkan_cli.model.base import Date, SourceModel, not_both, swedish_error
from samverkan_cli.model.partial_date import PartialDate

MAX_FILE_PATH_BYTES = 1024
"""The longest `fil` (a path inside the agreement's folder): far below the 4,096 bytes Linux
allows for a whole path, so that the repository's own path fits in front of it."""


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
    follow the calendar (2026-03-01 – 2027-02-28). Whole days: a handlingsplan's period is
    laid against the next plan's day by day (SV146's gap, SV147's decision before it) and
    its last day is a deadline in the calendar and `status`."""

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
    date: PartialDate | None = Field(None, alias="datum")
    """A year, a month or a day, as the document is dated."""
    registration_number: str | None = Field(None, alias="diarienummer")
    kept_at: str | None = Field(None, alias="förvaras")
    period: DatePeriod | None = Field(None, alias="period")
    """The period a dated document covers: an earlier year's handlingsplan, so that the
    plans' periods can be checked against each other without the document at hand."""


class BilagaEntry(SourceModel):
    """One line of the agreement's list of bilagor."""

    model_config = ConfigDict(json_schema_extra=not_both("fil", "extern", ("string", "object")))

    id: str = Field(min_length=1)
    title: str = Field(alias="titel", min_length=1)
    kind: BilagaKind = Field(alias="typ")
    file: str | None = Field(None, alias="fil", json_schema_extra={"pattern": r"^[^\x00]*$"})
    external: ExternalDocument | None = Field(None, alias="extern")
    as_written: str | None = Field(None, alias="som_skrivet", min_length=1)
    """The entry in the list of bilagor as the signed original writes it ("Lokal
    lägesbild"), printed there instead of the title and the details of a bilaga kept
    elsewhere; the title stays the bilaga's heading."""

    @field_validator("file")
    @classmethod
    def _storable(cls, value: str | None) -> str | None:
        """A name no file system can store is refused here, before anything looks for the
        file (the system would answer with an error, not "no such file")."""
        if value is None:
            return value
        if "\0" in value:
            raise swedish_error("filnamnet innehåller ett nolltecken")
        if name_bytes(value) > MAX_FILE_PATH_BYTES:
            raise swedish_error(
                "sökvägen är {size} byte lång; högst {limit} byte går att använda",
                size=name_bytes(value),
                limit=MAX_FILE_PATH_BYTES,
            )
        for part in value.replace("\\", "/").split("/"):
            if name_bytes(part) > MAX_NAME_BYTES:
                raise swedish_error(
                    "namnet '{part}' är {size} byte långt; ett filsystem lagrar högst "
                    "{limit} byte per namn",
                    part=part[:40] + "…",
                    size=name_bytes(part),
                    limit=MAX_NAME_BYTES,
                )
        return value

    @model_validator(mode="after")
    def _one_source(self) -> BilagaEntry:
        if self.file is not None and self.external is not None:
            raise swedish_error("ange antingen 'fil' eller 'extern', inte båda")
        return self
