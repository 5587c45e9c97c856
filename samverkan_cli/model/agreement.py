"""The local collaboration agreement (lokal samverkansöverenskommelse) as data.

Sections are optional in the model: which ones an agreement must have is decided by its
rule profile, so that a kommun with a lokala BRÅ and no beredningsgrupp is data, not code.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import Field, field_validator, model_validator

from samverkan_cli.model.base import (
    Date,
    Integer,
    SourceModel,
    require_unique_ids,
    swedish_error,
)
from samverkan_cli.model.bilaga_entries import BilagaEntry
from samverkan_cli.model.frequency import Frequency, NamedFrequency
from samverkan_cli.model.markdown_text import MarkdownText
from samverkan_cli.model.paragraph_text import ParagraphMarkdownText
from samverkan_cli.model.party import Party

FREQUENCY_PLACEHOLDER = "{frekvens}"
DEFAULT_PROFILE = "stockholm-lokal-2023"

Paragraphs = list[ParagraphMarkdownText]
"""Paragraphs of inline Markdown (links, **fet**, *kursiv*, `kod`), one per item."""


class TextSection(SourceModel):
    """A heading and its paragraphs."""

    heading: str | None = Field(None, alias="rubrik")
    paragraphs: Paragraphs = Field(alias="text", min_length=1)


class ScopeSection(SourceModel):
    """Parter och överenskommelsens omfattning: the names the text uses for the parties."""

    heading: str | None = Field(None, alias="rubrik")
    collective_name: str = Field("Parterna", alias="gemensamt_kortnamn")
    document_name: str = Field("Överenskommelse", alias="dokumentets_kortnamn")
    concluded: str = Field("följande lokala samverkansöverenskommelse", alias="ingås")
    paragraphs: Paragraphs = Field(default_factory=list, alias="text")


class BilagaList(SourceModel):
    heading: str | None = Field(None, alias="rubrik")
    introduction: str | None = Field(None, alias="inledning")
    numbered: bool = Field(False, alias="numrerade")
    entries: list[BilagaEntry] = Field(alias="lista", min_length=1)

    @field_validator("entries")
    @classmethod
    def _unique_ids(cls, value: list[BilagaEntry]) -> list[BilagaEntry]:
        require_unique_ids((entry.id for entry in value), "bilagornas")
        return value


class Extension(SourceModel):
    """Förlängning N år i taget, with samråd M months before the term ends."""

    years: Integer = Field(alias="år", ge=1)
    consultation_months_before: Integer | None = Field(None, alias="samråd_månader_före", ge=1)


class Termination(SourceModel):
    """Uppsägning: either party may end the agreement, with a notice period when the text
    gives one (`uppsägning: {}` when it says only that the agreement can be terminated)."""

    notice_months: Integer | None = Field(None, alias="uppsägningstid_månader", ge=1)
    """At least one month; a text without a period leaves the key out (never 0 months)."""


class Term(SourceModel):
    """Tid: when the agreement runs, how it is revised and on what condition."""

    heading: str | None = Field(None, alias="rubrik")
    subject: str = Field("Överenskommelsen", alias="benämning", min_length=1)
    start: Date = Field(alias="från")
    end: Date | Literal["tills vidare", "tillsvidare"] = Field(alias="till")
    revision: Frequency | None = Field(None, alias="revidering")
    revision_after: str | None = Field(None, alias="revidering_efter")
    condition: str | None = Field(None, alias="villkor")
    extension: Extension | None = Field(None, alias="förlängning")
    termination: Termination | None = Field(None, alias="uppsägning")

    @property
    def end_date(self) -> dt.date | None:
        return self.end if isinstance(self.end, dt.date) else None


class Scheduled(SourceModel):
    """A frequency and the sentence it stands in; `{frekvens}` marks where it goes."""

    frequency: Frequency = Field(alias="frekvens")
    text: str | None = Field(None, alias="text")

    @model_validator(mode="after")
    def _placeholder(self) -> Scheduled:
        if self.text is None:
            return self
        count = self.text.count(FREQUENCY_PLACEHOLDER)
        if count > 1:
            raise swedish_error("texten får innehålla {frekvens} högst en gång")
        if count == 0 and not isinstance(self.frequency, NamedFrequency):
            raise swedish_error(
                "texten måste innehålla {frekvens} där frekvensen ska stå, "
                "så att text och data inte kan skilja sig åt"
            )
        return self


class ForumRole(StrEnum):
    """The kind of forum; profiles set minimum frequencies per role."""

    STEERING_GROUP = "styrgrupp"
    PREPARATORY_GROUP = "beredningsgrupp"
    WORKING_GROUP = "arbetsgrupp"
    COLLABORATION_GROUP = "samverkansgrupp"
    LOCAL_CRIME_PREVENTION_COUNCIL = "lokalt brå"
    AREA_GROUP = "områdesgrupp"
    OTHER = "annat"


class MemberFunctions(SourceModel):
    introduction: str = Field(alias="inledning", min_length=1)
    functions: list[str] = Field(alias="lista", min_length=1)


class Forum(SourceModel):
    """A styrgrupp, beredningsgrupp, arbetsgrupp, lokalt BRÅ or any other forum."""

    id: str = Field(min_length=1)
    role: ForumRole = Field(alias="roll")
    heading: str = Field(alias="rubrik", min_length=1)
    purpose: Paragraphs = Field(default_factory=list, alias="uppdrag")
    members: MemberFunctions | None = Field(None, alias="funktioner")
    co_opted: str | None = Field(None, alias="adjungering")
    chair: str | None = Field(None, alias="ordförande")
    meetings: Scheduled | None = Field(None, alias="möten")


class Process(SourceModel):
    """A recurring process with its own cadence, not a forum: a joint lägesbild every year,
    EST meetings every week, an analysis each tertial."""

    id: str = Field(min_length=1)
    name: str = Field(alias="namn", min_length=1)
    schedule: Scheduled = Field(alias="frekvens")


class Organisation(SourceModel):
    heading: str | None = Field(None, alias="rubrik")
    introduction: Paragraphs = Field(default_factory=list, alias="inledning")
    forums: list[Forum] = Field(alias="forum", min_length=1)
    processes: list[Process] = Field(default_factory=list, alias="processer")

    @field_validator("forums")
    @classmethod
    def _unique_ids(cls, value: list[Forum]) -> list[Forum]:
        require_unique_ids((forum.id for forum in value), "forumens")
        return value

    def forum(self, forum_id: str) -> Forum | None:
        return next((f for f in self.forums if f.id == forum_id), None)


class Coordination(SourceModel):
    """Samordnare: the function that prepares and coordinates, its tasks and resources."""

    heading: str | None = Field(None, alias="rubrik")
    paragraphs: Paragraphs = Field(alias="text", min_length=1)
    tasks_introduction: str | None = Field(None, alias="uppgifter_inledning")
    tasks: list[str] = Field(default_factory=list, alias="uppgifter")
    resources: str | None = Field(None, alias="resurser")


class Goal(SourceModel):
    """A delimited, measurable goal: what, how it is measured, and the value aimed for."""

    text: str = Field(alias="text", min_length=1)
    measure: str | None = Field(None, alias="mått")
    target: str | None = Field(None, alias="målvärde")
    by: Date | None = Field(None, alias="senast")


class PriorityArea(SourceModel):
    """A priority area (fokusområde): the problem in focus, its probable causes (the
    orsaksanalys) and measurable goals."""

    id: str = Field(min_length=1)
    name: str = Field(alias="namn", min_length=1)
    description: str | None = Field(None, alias="beskrivning")
    causes: list[str] = Field(default_factory=list, alias="orsaker")
    goals: list[Goal] = Field(default_factory=list, alias="mål")


class SituationPicture(SourceModel):
    """Gemensam lokal lägesbild: how it was made, its sources, priorities and revision."""

    heading: str | None = Field(None, alias="rubrik")
    paragraphs: Paragraphs = Field(alias="text", min_length=1)
    sources_introduction: str | None = Field(None, alias="underlag_inledning")
    sources: list[str] = Field(default_factory=list, alias="underlag")
    priority_areas: list[PriorityArea] = Field(default_factory=list, alias="prioriterade_områden")
    revision: Scheduled | None = Field(None, alias="revidering")


class Updates(SourceModel):
    """Uppdateringar, ändringar och tillägg; the lägesbild revision sentence comes first."""

    heading: str | None = Field(None, alias="rubrik")
    paragraphs: Paragraphs = Field(alias="text", min_length=1)
    decided_by: str | None = Field(None, alias="beslutas_av")


class Signing(SourceModel):
    """Place and date shared by the signatures unless a signatory gives their own."""

    place: str = Field(alias="ort", min_length=1)
    date: Date | None = Field(None, alias="datum")


class ForewordSigner(SourceModel):
    name: str = Field(alias="namn", min_length=1)
    title: str = Field(alias="titel", min_length=1)


class Foreword(SourceModel):
    """Förord: the joint foreword, with place, date and the chiefs who stand behind it."""

    heading: str | None = Field(None, alias="rubrik")
    text: MarkdownText = Field(alias="text")
    place: str | None = Field(None, alias="ort")
    date: Date | None = Field(None, alias="datum")
    signers: list[ForewordSigner] = Field(default_factory=list, alias="undertecknare")


class PartyResources(SourceModel):
    """The functions and resources one party guarantees (kommunpolis, BRÅ-samordnare …)."""

    party: str = Field(alias="part", min_length=1)
    functions: list[str] = Field(alias="funktioner", min_length=1)


class Commitments(SourceModel):
    heading: str | None = Field(None, alias="rubrik")
    introduction: str | None = Field(None, alias="inledning")
    parties: list[PartyResources] = Field(alias="parter", min_length=1)


class Documentation(SourceModel):
    """How the work is documented and followed up (the national model's step 5)."""

    heading: str | None = Field(None, alias="rubrik")
    paragraphs: Paragraphs = Field(alias="text", min_length=1)
    follow_up: Scheduled | None = Field(None, alias="uppföljning")


class RuleException(SourceModel):
    """A rule that does not apply to this agreement, with the reason written down."""

    rule: str = Field(alias="regel", pattern=r"^SV\d{3}$")
    reason: str = Field(alias="motivering", min_length=10)
    severity: Literal["varning", "info"] = Field("info", alias="allvarlighet")
    """A known gap stays visible as a warning; an accepted departure becomes info."""


class Agreement(SourceModel):
    """A whole local agreement, as written in `overenskommelse.yaml`."""

    title: str = Field(alias="titel", min_length=1)
    profiles: list[str] | None = Field(None, alias="profil")
    """The rule profiles; None means the repository's default (samverkan.yaml)."""
    output_name: str | None = Field(None, alias="filnamn", pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    foreword: Foreword | None = Field(None, alias="förord")
    table_of_contents: bool = Field(False, alias="innehållsförteckning")
    background: TextSection | None = Field(None, alias="bakgrund")
    parties: list[Party] = Field(alias="parter", min_length=2)
    scope: ScopeSection | None = Field(None, alias="omfattning")
    bilagor: BilagaList | None = Field(None, alias="bilagor")
    term: Term | None = Field(None, alias="tid")
    organisation: Organisation | None = Field(None, alias="organisation")
    coordination: Coordination | None = Field(None, alias="samordning")
    commitments: Commitments | None = Field(None, alias="resurser")
    documentation: Documentation | None = Field(None, alias="dokumentation")
    situation_picture: SituationPicture | None = Field(None, alias="lägesbild")
    updates: Updates | None = Field(None, alias="uppdateringar")
    information: TextSection | None = Field(None, alias="information")
    copies: Integer | None = Field(None, alias="exemplar", ge=1)
    signing: Signing | None = Field(None, alias="underskrifter")
    exceptions: list[RuleException] = Field(default_factory=list, alias="undantag")

    @field_validator("profiles", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("parties")
    @classmethod
    def _unique_ids(cls, value: list[Party]) -> list[Party]:
        require_unique_ids((p.id for p in value), "parternas")
        return value
