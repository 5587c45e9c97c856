"""The kinds of bilaga an agreement can have, each as data (seed 003 shows them all).

A bilaga file names its kind with `typ`; that picks the model. Every kind renders under the
heading "Bilaga N" in the agreement's document, numbered by the agreement's bilagor list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Discriminator, Field, Tag, field_validator, model_validator

from samverkan_cli.model.agreement import PriorityArea, Scheduled
from samverkan_cli.model.base import (
    Boolean,
    Date,
    SourceModel,
    require_unique_ids,
    swedish_error,
)
from samverkan_cli.model.bilaga_entries import DatePeriod
from samverkan_cli.model.contacts import Person
from samverkan_cli.model.frequency import Frequency
from samverkan_cli.model.mapping_rules import OPERATIVE_ACTIVITY_SCHEMA
from samverkan_cli.model.markdown_text import MarkdownText
from samverkan_cli.model.partial_date import PartialDate
from samverkan_cli.model.plan_rows import PlanRows
from samverkan_cli.model.promises import (
    FollowUpEntry,
    PromiseGroup,
    PromisePeriod,
    follow_up_dates,
    report_dates,
)


class Passage(SourceModel):
    """A headed piece of a bilaga: Markdown text and/or a list of points."""

    heading: str | None = Field(None, alias="rubrik")
    text: MarkdownText | None = Field(None, alias="text")
    items: list[str] = Field(default_factory=list, alias="punkter")


class _BilagaBase(SourceModel):
    title: str = Field(alias="titel", min_length=1)
    date: PartialDate | None = Field(None, alias="datum")
    """A year, a month or a day, as the bilaga is dated ("Lägesbild hösten 2023" as
    2023-09..): a rule that counts from it takes the latest day the text can mean (SV123)."""


class ContactsBilaga(_BilagaBase):
    """Kontaktuppgifter / samordnare: people grouped by party."""

    kind: Literal["kontaktuppgifter"] = Field(alias="typ")
    introduction: MarkdownText | None = Field(None, alias="inledning")
    people: list[Person] = Field(alias="personer", min_length=1)


class SituationPictureBilaga(_BilagaBase):
    """Lokal lägesbild: who made it, its sources, the prose, and the priority areas."""

    kind: Literal["lägesbild"] = Field(alias="typ")
    authors: list[str] = Field(default_factory=list, alias="upprättad_av")
    sources: list[str] = Field(default_factory=list, alias="underlag")
    sources_introduction: str | None = Field(None, alias="underlag_inledning")
    text: MarkdownText | None = Field(None, alias="text")
    priority_areas: list[PriorityArea] = Field(default_factory=list, alias="prioriterade_områden")


class PlanForum(Scheduled):
    """One forum of an åtgärdsplan and how often it meets."""

    name: str | None = Field(None, alias="namn")


class PlanParty(SourceModel):
    """What one party puts into an åtgärdsplan."""

    party: str = Field(alias="part", min_length=1)
    label: str | None = Field(None, alias="rubrik")
    resource: str | None = Field(None, alias="resurs")
    commitment: str = Field(alias="åtagande", min_length=1)


class ActionPlan(PlanRows):
    id: str = Field(min_length=1)
    name: str = Field(alias="namn", min_length=1)
    note: str | None = Field(None, alias="anmärkning")
    priority_area: str | None = Field(None, alias="prioriterat_område")
    definition: str | None = Field(None, alias="definition")
    goal: str = Field(alias="mål_och_syfte", min_length=1)
    problem: str | None = Field(None, alias="problembild")
    challenges: str | None = Field(None, alias="utmaningar")
    communication: str | None = Field(None, alias="kommunikation")
    duration: str | None = Field(None, alias="löptid")
    forums: list[PlanForum] = Field(default_factory=list, alias="mötesfrekvens")
    responsible: str = Field(alias="ansvarig", min_length=1)
    administrator: str | None = Field(None, alias="administratör")
    resources_heading: str = Field("Resurser/funktioner/åtaganden", alias="resurser_rubrik")
    parties: list[PlanParty] = Field(default_factory=list, alias="parter")
    others: str | None = Field(None, alias="övriga_deltagare")
    financing: str = Field(alias="finansiering", min_length=1)
    status: str | None = Field(None, alias="nuläge")


class Decision(SourceModel):
    """Who decided a document, and when (lag 2023:196: the åtgärdsplan is decided)."""

    date: PartialDate = Field(alias="datum")
    """A year, a month or a day, as the text dates the decision; SV147 takes its first
    day."""
    by: str = Field(alias="av", min_length=1)
    registration_number: str | None = Field(None, alias="diarienummer")


class ActionPlansBilaga(_BilagaBase):
    """Åtgärdsplaner: one two-column table per plan, as in seed 003."""

    kind: Literal["åtgärdsplan"] = Field(alias="typ")
    decision: Decision | None = Field(None, alias="beslut")
    introduction: MarkdownText | None = Field(None, alias="inledning")
    list_plans: Boolean = Field(True, alias="förteckning")
    plans: list[ActionPlan] = Field(alias="planer", min_length=1)

    @field_validator("plans")
    @classmethod
    def _unique_ids(cls, value: list[ActionPlan]) -> list[ActionPlan]:
        require_unique_ids((plan.id for plan in value), "planernas")
        return value


class FollowUpItem(SourceModel):
    """How one thing is followed up: method, who is responsible, and how often."""

    subject: Literal[
        "samverkansorganisationen", "lägesbild", "åtgärdsplan", "kommunikationsplan", "annat"
    ] = Field(alias="avser")
    heading: str | None = Field(None, alias="rubrik")
    method: str = Field(alias="metod", min_length=1)
    responsible: str = Field(alias="ansvarig", min_length=1)
    frequency: Scheduled = Field(alias="frekvens")


class FollowUpBilaga(_BilagaBase):
    kind: Literal["uppföljningsplan"] = Field(alias="typ")
    table_heading: str = Field("Uppföljning", alias="tabellrubrik")
    items: list[FollowUpItem] = Field(alias="uppföljning", min_length=1)


class CommunicationPlanBilaga(_BilagaBase):
    """Kommunikationsplan: the parts seed 003 has, each a headed passage."""

    kind: Literal["kommunikationsplan"] = Field(alias="typ")
    subtitle: str | None = Field(None, alias="undertitel")
    background: Passage | None = Field(None, alias="bakgrund")
    purpose: Passage | None = Field(None, alias="syfte")
    key_message: Passage | None = Field(None, alias="huvudbudskap")
    strategy: Passage | None = Field(None, alias="strategi")
    goals: Passage | None = Field(None, alias="mål")
    audiences: Passage | None = Field(None, alias="målgrupper")
    action_plans: Passage | None = Field(None, alias="åtgärdsplaner")
    way_of_working: Passage | None = Field(None, alias="arbetssätt")
    channels: Passage | None = Field(None, alias="kanaler")
    challenges_heading: str = Field("Kommunikativa utmaningar", alias="utmaningar_rubrik")
    strengths: Passage | None = Field(None, alias="styrkor")
    weaknesses: Passage | None = Field(None, alias="svagheter")
    opportunities: Passage | None = Field(None, alias="möjligheter")
    risks: Passage | None = Field(None, alias="risker")


class RegistrationNumber(SourceModel):
    label: str = Field(alias="etikett", min_length=1)
    number: str = Field(alias="nummer", min_length=1)


class AgreementPoint(SourceModel):
    heading: str = Field(alias="rubrik", min_length=1)
    text: MarkdownText = Field(alias="text")


class OverarchingAgreementBilaga(_BilagaBase):
    """The overarching agreement included in full, its points numbered (2015 avtal)."""

    kind: Literal["övergripande överenskommelse"] = Field(alias="typ")
    registration_numbers: list[RegistrationNumber] = Field(
        default_factory=list, alias="diarienummer"
    )
    document_title: str | None = Field(None, alias="dokumenttitel")
    points: list[AgreementPoint] = Field(alias="punkter", min_length=1)


class GenericSection(SourceModel):
    heading: str = Field(alias="rubrik", min_length=1)
    paragraphs: list[str] = Field(default_factory=list, alias="text")
    items: list[str] = Field(default_factory=list, alias="punkter")


class CitizenPromisesBilaga(_BilagaBase):
    """Medborgarlöften: a period, the parties' counted promises, and when they are followed up."""

    kind: Literal["medborgarlöften"] = Field(alias="typ")
    introduction: MarkdownText | None = Field(None, alias="inledning")
    period: PromisePeriod = Field(alias="period")
    groups: list[PromiseGroup] = Field(alias="löften", min_length=1)
    follow_ups: list[FollowUpEntry] = Field(default_factory=list, alias="uppföljning")
    """Dates (uppföljningar inside the period) or entries with `typ` (an återrapport after)."""

    @property
    def follow_up_dates(self) -> list[dt.date]:
        return follow_up_dates(self.follow_ups)

    @property
    def report_dates(self) -> list[dt.date]:
        return report_dates(self.follow_ups)

    @model_validator(mode="after")
    def _period(self) -> CitizenPromisesBilaga:
        if self.period.last_day <= self.period.first_day:
            raise swedish_error("medborgarlöftets period slutar före den börjar")
        return self


class MatrixRow(SourceModel):
    """One fokusområde: each party's activities and how the parties work together."""

    priority_area: str = Field(alias="fokusområde", min_length=1)
    activities: dict[str, str] = Field(alias="aktiviteter")
    form: str = Field(alias="samverkansform", min_length=1)


class ActivityMatrixBilaga(_BilagaBase):
    """A table of activities per fokusområde and party, with the form of collaboration."""

    kind: Literal["aktivitetsmatris"] = Field(alias="typ")
    introduction: MarkdownText | None = Field(None, alias="inledning")
    rows: list[MatrixRow] = Field(alias="rader", min_length=1)


class OperativeActivity(SourceModel):
    """One activity of the year: what is done, by which parties, when, and how it is measured."""

    model_config = ConfigDict(json_schema_extra=OPERATIVE_ACTIVITY_SCHEMA)

    activity: str = Field(alias="aktivitet", min_length=1)
    responsible: str | list[str] = Field(alias="ansvarig")
    """A party id, or several; or any organisational unit or function, as text
    ("socialförvaltningen", "fältassistenterna"). A party id prints as the party's name."""
    when: str | None = Field(None, alias="när")
    frequency: Frequency | None = Field(None, alias="frekvens")
    goal: str | None = Field(None, alias="mål")
    measure: str | None = Field(None, alias="mått")

    @model_validator(mode="after")
    def _complete(self) -> OperativeActivity:
        if not self.parties or not all(party.strip() for party in self.parties):
            raise swedish_error(
                "ange vem som ansvarar ('ansvarig': en parts id, eller en enhet eller "
                "funktion som text)"
            )
        if self.when is None and self.frequency is None:
            raise swedish_error("ange när aktiviteten genomförs: 'när' (text) eller 'frekvens'")
        return self

    @property
    def parties(self) -> list[str]:
        """Who is responsible, as written: party ids and units or functions as text."""
        return [self.responsible] if isinstance(self.responsible, str) else self.responsible

    def responsible_names(self, parties: Sequence[Any]) -> list[str]:
        """Who is responsible, as printed: the parties named (by their short names, in the
        agreement's order), then the units and functions that are no party, as written."""
        ids = {party.id for party in parties}
        named = [p.called[:1].upper() + p.called[1:] for p in parties if p.id in self.parties]
        return named + [who for who in self.parties if who not in ids]

    def timing(self) -> str:
        """When, as the plan prints it: "fredagar och lördagar, under sommarlovet"."""
        parts = [self.frequency.swedish()] if self.frequency is not None else []
        return ", ".join([*parts, *([self.when] if self.when else [])])

    def goal_text(self) -> str:
        """The goal and its measure, as the plan prints them."""
        if self.goal and self.measure:
            return f"{self.goal} (mått: {self.measure})"
        if self.measure:
            return f"Mått: {self.measure}"
        return self.goal or ""


class FocusActivities(SourceModel):
    """The year's activities in one fokusområde: a priority area's id."""

    priority_area: str = Field(alias="fokusområde", min_length=1)
    activities: list[OperativeActivity] = Field(alias="aktiviteter", min_length=1)


class PlanFollowUp(SourceModel):
    """When the handlingsplan is followed up (dates) and how (prose)."""

    occasions: list[Date] = Field(default_factory=list, alias="tillfällen")
    """Whole days: each is a meeting the calendar books and SV169 checks against days off;
    a plan that says only "under hösten" says it in `text`."""
    text: MarkdownText = Field(alias="text")


class OperativePlanBilaga(_BilagaBase):
    """A yearly operative plan under a strategic agreement (handlingsplan, operativ
    överenskommelse): its own period and decision, the year's activities per fokusområde,
    and its follow-up. An agreement lists one per year, earlier ones perhaps as extern."""

    kind: Literal["handlingsplan"] = Field(alias="typ")
    subject: str = Field("Handlingsplanen", alias="benämning", min_length=1)
    """What the plan is called at the start of a sentence, in definite form."""
    period: DatePeriod = Field(alias="period")
    decision: Decision | None = Field(None, alias="fastställd")
    """When and by which forum of the agreement (its id) the plan was decided."""
    introduction: MarkdownText | None = Field(None, alias="inledning")
    areas: list[FocusActivities] = Field(alias="fokusområden", min_length=1)
    follow_up: PlanFollowUp | None = Field(None, alias="uppföljning")

    @field_validator("areas")
    @classmethod
    def _one_group_per_area(cls, value: list[FocusActivities]) -> list[FocusActivities]:
        require_unique_ids((group.priority_area for group in value), "fokusområdenas")
        return value

    @property
    def measured(self) -> bool:
        """True when any activity states a goal or a measure (the table gets that column)."""
        return any(a.goal or a.measure for group in self.areas for a in group.activities)


class GenericBilaga(_BilagaBase):
    """Any other bilaga: headed sections of paragraphs and points."""

    kind: Literal["annan"] = Field(alias="typ")
    sections: list[GenericSection] = Field(default_factory=list, alias="avsnitt")


def _bilaga_kind(value: Any) -> str | None:
    kind = value.get("typ") if isinstance(value, dict) else getattr(value, "kind", None)
    return _TAGS.get(kind) if isinstance(kind, str) else None


_TAGS = {
    "kontaktuppgifter": "contacts",
    "lägesbild": "situation",
    "åtgärdsplan": "plans",
    "uppföljningsplan": "follow_up",
    "kommunikationsplan": "communication",
    "övergripande överenskommelse": "overarching",
    "medborgarlöften": "promises",
    "aktivitetsmatris": "matrix",
    "handlingsplan": "operative",
    "annan": "generic",
}

BilagaContent = Annotated[
    Annotated[ContactsBilaga, Tag("contacts")]
    | Annotated[SituationPictureBilaga, Tag("situation")]
    | Annotated[ActionPlansBilaga, Tag("plans")]
    | Annotated[FollowUpBilaga, Tag("follow_up")]
    | Annotated[CommunicationPlanBilaga, Tag("communication")]
    | Annotated[OverarchingAgreementBilaga, Tag("overarching")]
    | Annotated[CitizenPromisesBilaga, Tag("promises")]
    | Annotated[ActivityMatrixBilaga, Tag("matrix")]
    | Annotated[OperativePlanBilaga, Tag("operative")]
    | Annotated[GenericBilaga, Tag("generic")],
    Discriminator(
        _bilaga_kind,
        custom_error_type="bilaga_kind",
        custom_error_message=(
            "okänd 'typ'; en bilagefil har typen kontaktuppgifter, lägesbild, åtgärdsplan, "
            "uppföljningsplan, kommunikationsplan, övergripande överenskommelse, "
            "medborgarlöften, aktivitetsmatris, handlingsplan eller annan"
        ),
    ),
]
"""Any bilaga file; `typ` decides which model reads it."""
