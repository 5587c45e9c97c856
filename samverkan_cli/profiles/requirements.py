"""What a rule profile can require, as data: each requirement is read by one rule.

Every requirement says where it comes from (`källa`: law and paragraph, handbook step,
point of an overarching agreement), whether that was checked against the source
(`verifierad`), and from which day it applies (`gäller_från`); a requirement that leaves one
out has its profile's. A requirement applies to a document whose term starts on or after its
date; an unverified one only informs (`check.folder`). A profile and each requirement
apply to the document kinds they list (`dokumenttyper`), by default a samverkansöverenskommelse.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from samverkan_cli.core.problems import Severity
from samverkan_cli.model.agreement import ForumRole
from samverkan_cli.model.base import Boolean, Date, Integer, SchemaKeywords, SourceModel
from samverkan_cli.model.bilaga_entries import BilagaKind
from samverkan_cli.model.document_kinds import DocumentKind
from samverkan_cli.model.party import PartyKind


class Requirement(SourceModel):
    """Where a requirement comes from, whether that is verified, and since when it applies."""

    source: str | None = Field(None, alias="källa")
    verified: Boolean | None = Field(None, alias="verifierad")
    """False: the profile's reading of its source, not checked against it; findings are info."""
    applies_from: Date | None = Field(None, alias="gäller_från")
    """The first day of a term this requirement applies to; unset, the profile's."""
    document_kinds: list[DocumentKind] | None = Field(None, alias="dokumenttyper")
    """The kinds of document this requirement applies to; unset, the profile's."""


SectionId = str

SECTION_KEYS: dict[SectionId, str] = {
    "bakgrund": "background",
    "syfte": "purpose",
    "mål": "goals",
    "omfattning": "scope",
    "bilagor": "bilagor",
    "tid": "term",
    "organisation": "organisation",
    "samordning": "coordination",
    "resurser": "commitments",
    "lägesbild": "situation_picture",
    "uppdateringar": "updates",
    "information": "information",
    "exemplar": "copies",
    "underskrifter": "signing",
}
"""Section ids a profile may require, mapped to the Agreement attribute that holds them."""

PlanField = Literal[
    "definition", "mål_och_syfte", "problembild", "löptid", "ansvarig", "administratör",
    "finansiering", "nuläge",
]  # fmt: skip
FollowUpSubject = Literal[
    "samverkansorganisationen", "lägesbild", "åtgärdsplan", "kommunikationsplan"
]


class ForumRequirement(Requirement):
    """A forum role: whether it must exist, how often it meets, who chairs and sits in it."""

    role: ForumRole = Field(alias="roll")
    required: Boolean = Field(False, alias="krävs")
    min_per_year: Integer | None = Field(None, alias="minst_per_år", ge=1)
    chair: Boolean = Field(False, alias="ordförande")
    functions: list[str] = Field(default_factory=list, alias="funktioner")


class TermRequirement(Requirement):
    required: Boolean = Field(False, alias="krävs")
    """The agreement must state the period it covers (a term; tills vidare with an end)."""
    years: Integer | None = Field(None, alias="år", ge=1)
    reminder_months: Integer = Field(3, alias="påminnelse_månader", ge=0)


class KeywordRequirement(SourceModel):
    """Something a text must speak of, recognised by any of its keywords."""

    name: str = Field(alias="namn", min_length=1)
    keywords: list[str] = Field(alias="sökord", min_length=1)


class SituationRequirement(Requirement):
    sources: Boolean = Field(False, alias="underlag")
    revision_interval_years: Integer | None = Field(None, alias="revideras_minst_vart_år", ge=1)
    stances: list[KeywordRequirement] = Field(default_factory=list, alias="ställningstagande")
    content: list[KeywordRequirement] = Field(default_factory=list, alias="innehåll")


class PlanRequirement(Requirement):
    per_priority_area: Boolean = Field(False, alias="per_prioriterat_område")
    fields: list[PlanField] = Field(default_factory=list, alias="fält")
    commitment_per_party: Boolean = Field(False, alias="åtagande_per_part")
    decided: Boolean = Field(False, alias="beslutad")


class FollowUpRequirement(Requirement):
    subjects: list[FollowUpSubject] = Field(default_factory=list, alias="avser")


class UpdatesRequirement(Requirement):
    decided_by: ForumRole | None = Field(None, alias="beslutas_av")
    content: list[KeywordRequirement] = Field(default_factory=list, alias="innehåll")


class CoordinationRequirement(Requirement):
    resources: Boolean = Field(False, alias="resurser")


class PriorityAreaRequirement(Requirement):
    """The problems in focus: that there are some, their causes and measurable goals."""

    required: Boolean = Field(False, alias="krävs")
    causes: Boolean = Field(False, alias="orsaker")
    measurable_goals: Boolean = Field(False, alias="mätbara_mål")


class DocumentationRequirement(Requirement):
    """How the work is documented and how often it is followed up."""

    required: Boolean = Field(False, alias="krävs")
    follow_up: Boolean = Field(False, alias="uppföljning")
    """The text says how the work is followed up: a frequency (counted or continuous, as
    "löpande"), a process with a cadence, or a documentation text about the follow-up."""
    counted: Boolean = Field(False, alias="räknebar")
    """The follow-up needs a counted frequency ({antal: 2, per: år}), where the source asks
    for one; continuous follow-up does not do then."""


class SignatoryRequirement(Requirement):
    """Who signs for a kind of party, recognised by any of the title keywords."""

    party_kind: PartyKind = Field(alias="typ")
    titles: list[str] = Field(alias="titlar", min_length=1)


class PartyRequirement(Requirement):
    """What the text states of every party: an organisationsnummer (its own or its legal
    party's). A missing one is information (SV173), never filled in."""

    org_number: Boolean = Field(False, alias="organisationsnummer")


class CitizenPromisesRequirement(Requirement):
    """Medborgarlöften, when listed: followed up on a date within their period."""

    follow_up: Boolean = Field(False, alias="uppföljning")


class OperativePlanRequirement(Requirement):
    """A strategic agreement carried out through a yearly operative plan (handlingsplan)."""

    required: Boolean = Field(False, alias="krävs")
    """A plan covers every day of the term, and each is decided before its period starts."""
    period_months: Integer | None = Field(None, alias="period_månader", ge=1)
    """The longest period one plan may cover (12: a plan a year)."""


class Profile(SourceModel):
    id: str
    title: str = Field(alias="titel")
    source: str = Field(alias="källa")
    verified: Boolean = Field(True, alias="verifierad")
    """False: the profile is a reading of its source that was not checked against it."""
    applies_from: Date | None = Field(None, alias="gäller_från")
    """The day the source came into force (a law, an agreement); unset when the source gives
    none (a handbook): the profile then applies to every document."""
    document_kinds: list[DocumentKind] = Field(
        default_factory=lambda: [DocumentKind.AGREEMENT], alias="dokumenttyper", min_length=1
    )
    """The kinds of document the profile applies to; a requirement may narrow it."""
    sections: list[Annotated[SectionId, SchemaKeywords(enum=list(SECTION_KEYS))]] = Field(
        default_factory=list, alias="avsnitt"
    )
    """Known sections only (`SECTION_KEYS`; the profile loader refuses another)."""
    forums: list[ForumRequirement] = Field(default_factory=list, alias="forum")
    bilagor: list[BilagaKind] = Field(default_factory=list, alias="bilagor")
    term: TermRequirement | None = Field(None, alias="avtalstid")
    situation: SituationRequirement | None = Field(None, alias="lägesbild")
    plans: PlanRequirement | None = Field(None, alias="åtgärdsplaner")
    follow_up: FollowUpRequirement | None = Field(None, alias="uppföljning")
    updates: UpdatesRequirement | None = Field(None, alias="uppdateringar")
    coordination: CoordinationRequirement | None = Field(None, alias="samordning")
    priority_areas: PriorityAreaRequirement | None = Field(None, alias="prioriterade_områden")
    documentation: DocumentationRequirement | None = Field(None, alias="dokumentation")
    signatories: list[SignatoryRequirement] = Field(default_factory=list, alias="undertecknare")
    parties: PartyRequirement | None = Field(None, alias="parter")
    citizen_promises: CitizenPromisesRequirement | None = Field(None, alias="medborgarlöften")
    operative_plan: OperativePlanRequirement | None = Field(None, alias="handlingsplan")
    severities: dict[str, Severity] = Field(default_factory=dict, alias="allvarlighet")
