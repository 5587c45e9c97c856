"""Tjänsteutlåtande: the committee report that brings the agreement to a nämnd or to the
kommunstyrelse (`mottagare`).

Its prose is the official's own, in the sections the kommun's form has (only the summary and
the matter are always there); what it says about the agreement (parties, term, priority
areas, the bilaga) is filled in from the agreement's data when rendered, so that the
report and the agreement can never disagree.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from samverkan_cli.model.base import ONE_MAPPING_OR_A_LIST, Date, SourceModel
from samverkan_cli.model.markdown_text import MarkdownText


class ReportSigner(SourceModel):
    name: str | None = Field(None, alias="namn")
    title: str = Field(alias="titel", min_length=1)


class Report(SourceModel):
    """A tjänsteutlåtande in the shape of seeds 000 and 002."""

    kind: Literal["tjänsteutlåtande"] = Field(alias="typ")
    title: str = Field(alias="rubrik", min_length=1)
    recipient: str | None = Field(None, alias="mottagare", min_length=1)
    """Who the report goes to ("Kommunstyrelsen", "Järva stadsdelsnämnd"): "Till …"."""
    authority: str | None = Field(None, alias="förvaltning")
    registration_number: str | None = Field(None, alias="diarienummer")
    date: Date | None = Field(None, alias="datum")
    """A whole day: a tjänsteutlåtande is dated the day it is signed and registered, and the
    day is the DOCX's date."""
    proposal: list[str] = Field(alias="förslag_till_beslut", min_length=1)
    summary: MarkdownText = Field(alias="sammanfattning")
    background: MarkdownText | None = Field(None, alias="bakgrund")
    preparation: MarkdownText | None = Field(None, alias="ärendets_beredning")
    matter: MarkdownText = Field(alias="ärendet")
    opinion: MarkdownText | None = Field(None, alias="synpunkter_och_förslag")
    signers: Annotated[list[ReportSigner], ONE_MAPPING_OR_A_LIST] = Field(
        alias="undertecknare", min_length=1
    )
    """One (a mapping) or several (a list): the förvaltningschef and the handläggare."""
    extra_bilagor: list[str] = Field(default_factory=list, alias="övriga_bilagor")
