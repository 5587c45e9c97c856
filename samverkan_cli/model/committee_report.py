"""Tjänsteutlåtande: the committee report that brings the agreement to the nämnd.

Its prose is the official's own; what it says about the agreement (parties, term, priority
areas, the bilaga) is filled in from the agreement's data when rendered, so that the
report and the agreement can never disagree.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from samverkan_cli.model.base import Date, SourceModel
from samverkan_cli.model.markdown_text import MarkdownText


class ReportSigner(SourceModel):
    name: str | None = Field(None, alias="namn")
    title: str = Field(alias="titel", min_length=1)


class Report(SourceModel):
    """A tjänsteutlåtande in the shape of seeds 000 and 002."""

    kind: Literal["tjänsteutlåtande"] = Field(alias="typ")
    title: str = Field(alias="rubrik", min_length=1)
    authority: str | None = Field(None, alias="förvaltning")
    registration_number: str | None = Field(None, alias="diarienummer")
    date: Date | None = Field(None, alias="datum")
    proposal: list[str] = Field(alias="förslag_till_beslut", min_length=1)
    summary: MarkdownText = Field(alias="sammanfattning")
    background: MarkdownText = Field(alias="bakgrund")
    preparation: MarkdownText = Field(alias="ärendets_beredning")
    matter: MarkdownText = Field(alias="ärendet")
    opinion: MarkdownText = Field(alias="synpunkter_och_förslag")
    signer: ReportSigner = Field(alias="undertecknare")
    extra_bilagor: list[str] = Field(default_factory=list, alias="övriga_bilagor")
