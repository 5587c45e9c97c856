"""Goals and purpose: a priority area's measurable goals, and the agreement's own `syfte:`
and `mål:` sections, whose goals are the same kind of goal with the measures that are to
reach them (printed by templates/avsnitt/syfte.md.j2 and mal.md.j2)."""

from __future__ import annotations

from pydantic import Field

from samverkan_cli.model.base import SourceModel
from samverkan_cli.model.markdown_text import MarkdownText
from samverkan_cli.model.partial_date import PartialDate


class Goal(SourceModel):
    """A delimited, measurable goal: what, how it is measured, and the value aimed for."""

    text: str = Field(alias="text", min_length=1)
    measure: str | None = Field(None, alias="mått")
    target: str | None = Field(None, alias="målvärde")
    by: PartialDate | None = Field(None, alias="senast")
    """A year, a month or a day, as the text gives it ("senast 2026", "senast juni 2026"):
    SV163 takes the bound that cannot call it outside the term by mistake."""


class AgreementGoal(Goal):
    """A goal of the agreement as a whole (`mål:`), with the measures that are to reach it."""

    measures: list[str] = Field(default_factory=list, alias="åtgärder")


class GoalsSection(SourceModel):
    """`mål:` – the agreement's goals, after an optional introduction (Markdown)."""

    heading: str | None = Field(None, alias="rubrik")
    introduction: MarkdownText | None = Field(None, alias="inledning")
    goals: list[AgreementGoal] = Field(alias="lista", min_length=1)


class PurposeSection(SourceModel):
    """`syfte:` – why the parties collaborate, in Markdown (paragraphs and lists)."""

    heading: str | None = Field(None, alias="rubrik")
    text: MarkdownText = Field(alias="text")
