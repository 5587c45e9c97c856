"""Bilagor: the attachments listed in an agreement, and the generic bilaga file.

Each listed bilaga has a kind and a source: a file in the agreement folder, or a document
kept elsewhere (the diarium) referenced by title, date and diarienummer.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field, model_validator

from samverkan_cli.model.base import SourceModel, swedish_error


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
    OTHER = "annan"


class ExternalDocument(SourceModel):
    """A bilaga kept outside the repository, e.g. in the diarium."""

    title: str | None = Field(None, alias="titel")
    date: dt.date | None = Field(None, alias="datum")
    registration_number: str | None = Field(None, alias="diarienummer")
    kept_at: str | None = Field(None, alias="förvaras")


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
