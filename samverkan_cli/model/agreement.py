"""The local collaboration agreement (lokal samverkansöverenskommelse) as data.

Sections are optional in the model: which ones an agreement must have is decided by its
rule profile, so that a kommun with a lokala BRÅ and no beredningsgrupp is data, not code.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, Field, field_validator, model_validator

from samverkan_cli.model.agreement_term import Term
from samverkan_cli.model.base import (
    ONE_TEXT_OR_A_LIST,
    Boolean,
    Date,
    Integer,
    SourceModel,
    exactly_one_of,
    require_unique_ids,
    swedish_error,
)
from samverkan_cli.model.bilaga_entries import BilagaEntry
from samverkan_cli.model.contacts import ContactsSection
from samverkan_cli.model.contents_setting import TableOfContents
from samverkan_cli.model.document_kinds import (
    PARENT_KINDS,
    WORDING,
    BuildsOn,
    DocumentDecision,
    DocumentKind,
    KindWording,
    ParentLink,
    Replaces,
)
from samverkan_cli.model.frequency import Frequency, NamedFrequency
from samverkan_cli.model.goals import Goal, GoalsSection, PurposeSection
from samverkan_cli.model.mapping_rules import (
    AGREEMENT_SCHEMA,
    ORGANISATION_SCHEMA,
    SCHEDULED_SCHEMA,
)
from samverkan_cli.model.markdown_text import MarkdownText
from samverkan_cli.model.paragraph_text import ParagraphMarkdownText, SentenceMarkdownText
from samverkan_cli.model.partial_date import PartialDate
from samverkan_cli.model.party import Adoption, Party
from samverkan_cli.model.promises import FollowUpEntry, PromiseGroup
from samverkan_cli.model.rule_exceptions import RuleException
from samverkan_cli.model.section_blocks import SectionItem

FREQUENCY_PLACEHOLDER = "{frekvens}"
DEFAULT_PROFILE = "stockholm-lokal-2023"

Paragraphs = list[ParagraphMarkdownText]
"""Paragraphs of inline Markdown (links, **fet**, *kursiv*, `kod`, lists), one per item."""


class TextSection(SourceModel):
    """A heading and its paragraphs."""

    heading: str | None = Field(None, alias="rubrik")
    paragraphs: Paragraphs = Field(alias="text", min_length=1)


class ScopeSection(SourceModel):
    """Parter och överenskommelsens omfattning: the names the text uses for the parties."""

    heading: str | None = Field(None, alias="rubrik")
    collective_name: str = Field("Parterna", alias="gemensamt_kortnamn")
    collective_in_clause: Boolean = Field(True, alias="gemensamt_i_partsmeningen")
    """False where the signed parties clause does not name the parties jointly (no
    "gemensamt ”Parterna”"); the collective name is still used in the other sentences."""
    verb_phrase: str | None = Field(None, alias="verbfras", min_length=1)
    """What the parties do with the document: "har idag som nedan ingått" an agreement;
    a medborgarlöfte is given, not concluded ("lämnar härmed"). Unset: the document
    kind's (`document_kinds.WORDING`), as for the two below."""
    document_name: str | None = Field(None, alias="dokumentets_kortnamn", min_length=1)
    concluded: str | None = Field(None, alias="ingås", min_length=1)
    paragraphs: list[SentenceMarkdownText] = Field(default_factory=list, alias="text")
    """Continues the parties clause's paragraph, so it holds no list."""


class BilagaList(SourceModel):
    heading: str | None = Field(None, alias="rubrik")
    introduction: str | None = Field(None, alias="inledning")
    numbered: Boolean = Field(False, alias="numrerade")
    entries: list[BilagaEntry] = Field(alias="lista", min_length=1)

    @field_validator("entries")
    @classmethod
    def _unique_ids(cls, value: list[BilagaEntry]) -> list[BilagaEntry]:
        require_unique_ids((entry.id for entry in value), "bilagornas")
        return value


class Scheduled(SourceModel):
    """A frequency and the sentence it stands in; `{frekvens}` marks where it goes."""

    model_config = ConfigDict(json_schema_extra=SCHEDULED_SCHEMA)

    frequency: Frequency = Field(alias="frekvens")
    text: str | None = Field(None, alias="text")
    as_written: str | None = Field(None, alias="som_skrivet", min_length=1)
    """The frequency's words as the signed original writes them ("ca 2 ggr/termin"), printed
    in place of `{frekvens}`; the structured frequency is still what the rules check, and
    SV198 refuses a text that contradicts it."""

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
    parent: str | None = Field(None, alias="under", min_length=1)
    """The id of the forum this one is a subgroup of (SV178 refuses an unknown or cyclic one)."""
    convener: str | None = Field(None, alias="sammankallande", min_length=1)
    """Who convenes the forum, as text ("Kommunens brottsförebyggande samordnare")."""


class Process(SourceModel):
    """A recurring process with its own cadence, not a forum: a joint lägesbild every year,
    EST meetings every week, an analysis each tertial."""

    id: str = Field(min_length=1)
    name: str = Field(alias="namn", min_length=1)
    schedule: Scheduled = Field(alias="frekvens")


class Organisation(SourceModel):
    model_config = ConfigDict(json_schema_extra=ORGANISATION_SCHEMA)

    heading: str | None = Field(None, alias="rubrik")
    introduction: Paragraphs = Field(default_factory=list, alias="inledning")
    forums: list[Forum] = Field(default_factory=list, alias="forum")
    """Forums, processes or both: no forum is required unless a profile requires one (SV102)."""
    processes: list[Process] = Field(default_factory=list, alias="processer")

    @model_validator(mode="after")
    def _forums_or_processes(self) -> Organisation:
        if not self.forums and not self.processes:
            raise swedish_error(
                "ange minst ett forum ('forum') eller en process ('processer'), t.ex. "
                "processer: [{id: lagesbild, namn: Gemensam lägesbild, frekvens: "
                "{frekvens: {varje: vecka}}}]"
            )
        return self

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
    """A whole day, as a signature is dated ("Stockholm den 1 juni 2024"; see Signatory)."""
    own_page: Boolean = Field(False, alias="egen_sida")
    """The signature block (with the copies sentence) begins a page of its own; it is
    kept together on one page in any case."""


class ForewordSigner(SourceModel):
    name: str = Field(alias="namn", min_length=1)
    title: str = Field(alias="titel", min_length=1)


class Foreword(SourceModel):
    """Förord: the joint foreword, with place, date and the chiefs who stand behind it."""

    heading: str | None = Field(None, alias="rubrik")
    text: MarkdownText = Field(alias="text")
    place: str | None = Field(None, alias="ort")
    date: PartialDate | None = Field(None, alias="datum")
    """A year, a month or a day, as the foreword is dated ("Stockholm i juni 2024")."""
    signers: list[ForewordSigner] = Field(default_factory=list, alias="undertecknare")


JOINT_COMMITMENT = "alla"


class PartyResources(SourceModel):
    """The functions and resources one party guarantees (kommunpolis, BRÅ-samordnare …),
    all parties jointly (`part: alla`), or an actor that is not a party (`aktör`)."""

    model_config = ConfigDict(json_schema_extra=exactly_one_of(("part", "aktör"), "string"))

    party: str | None = Field(None, alias="part", min_length=1)
    actor: str | None = Field(None, alias="aktör", min_length=1)
    functions: list[str] = Field(alias="funktioner", min_length=1)

    @model_validator(mode="after")
    def _one_giver(self) -> PartyResources:
        if (self.party is None) == (self.actor is None):
            raise swedish_error(
                "ange vem som åtar sig: antingen part (en parts id, eller alla för ett "
                "gemensamt åtagande) eller aktör (den som åtar sig något utan att vara part)"
            )
        return self

    @property
    def joint(self) -> bool:
        return self.party == JOINT_COMMITMENT


class Commitments(SourceModel):
    heading: str | None = Field(None, alias="rubrik")
    introduction: str | None = Field(None, alias="inledning")
    parties: list[PartyResources] = Field(alias="parter", min_length=1)


class Documentation(SourceModel):
    """How the work is documented and followed up (the national model's step 5)."""

    heading: str | None = Field(None, alias="rubrik")
    paragraphs: Paragraphs = Field(alias="text", min_length=1)
    follow_up: Scheduled | None = Field(None, alias="uppföljning")


class Agreement(SourceModel):
    """A whole local agreement, as written in `overenskommelse.yaml`."""

    model_config = ConfigDict(json_schema_extra=AGREEMENT_SCHEMA)

    title: str = Field(alias="titel", min_length=1)
    document_kind: DocumentKind = Field(DocumentKind.AGREEMENT, alias="dokumenttyp")
    """Which requirements apply and how the document speaks (model/document_kinds.py)."""
    profiles: Annotated[list[str], ONE_TEXT_OR_A_LIST] | None = Field(None, alias="profil")
    """The rule profiles; None means the repository's default (samverkan.yaml)."""
    output_name: str | None = Field(None, alias="filnamn", pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    foreword: Foreword | None = Field(None, alias="förord")
    table_of_contents: TableOfContents = Field(False, alias="innehållsförteckning")
    """`true` or `{djup: N}` (model.contents_setting): a table of contents after the förord."""
    background: TextSection | None = Field(None, alias="bakgrund")
    purpose: PurposeSection | None = Field(None, alias="syfte")
    goals: GoalsSection | None = Field(None, alias="mål")
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
    contacts: ContactsSection | None = Field(None, alias="kontaktuppgifter")
    """The contact persons in the agreement text itself (a bilaga may list them instead)."""
    copies: Integer | None = Field(None, alias="exemplar", ge=1)
    signing: Signing | None = Field(None, alias="underskrifter")
    adopted_by: Adoption | None = Field(None, alias="fastställd_av")
    exceptions: list[RuleException] = Field(default_factory=list, alias="undantag")
    parent: ParentLink | None = Field(None, alias="huvudavtal")
    """The document this one lies under (an underavtal's huvudavtal), by its folder."""
    replaces: Replaces | None = Field(None, alias="ersätter")
    builds_on: list[BuildsOn] = Field(default_factory=list, alias="bygger_på")
    collaborating_since: PartialDate | None = Field(None, alias="samverkan_sedan")
    """A year ("samverkan sedan 2010"), or a month or a day when the text gives one."""
    promises: list[PromiseGroup] | None = Field(None, alias="löften")
    """A standalone medborgarlöfte's promises, for the period of its term."""
    promise_follow_ups: list[FollowUpEntry] = Field(default_factory=list, alias="uppföljning")
    """When a medborgarlöfte's promises are followed up; an återrapport may come after."""
    area: str | None = Field(None, alias="område", min_length=1)
    """The geographic scope, as the text names it ("centrum och Västerby")."""
    decision: DocumentDecision | None = Field(None, alias="beslut")
    focus_areas: list[PriorityArea] = Field(default_factory=list, alias="fokusområden")
    """A medborgarlöfte's own focus areas, which its promises refer to by id."""
    sections: list[SectionItem] | None = Field(None, alias="avsnitt")
    """The sections in the parties' order (`model.section_blocks`); None: the Stockholm mall's."""
    numbered_headings: Boolean = Field(False, alias="numrerade_rubriker")

    @field_validator("parties")
    @classmethod
    def _unique_ids(cls, value: list[Party]) -> list[Party]:
        require_unique_ids((p.id for p in value), "parternas")
        return value

    @model_validator(mode="after")
    def _promises_of_a_medborgarlofte(self) -> Agreement:
        """`löften`, `uppföljning` and `fokusområden` belong to a standalone medborgarlöfte
        (an agreement lists its promises as a bilaga of the type medborgarlöften)."""
        keys = ("löften", self.promises), ("uppföljning", self.promise_follow_ups)
        used = [k for k, v in (*keys, ("fokusområden", self.focus_areas)) if v]
        if used and self.document_kind is not DocumentKind.CITIZEN_PROMISE:
            raise swedish_error(
                f"{', '.join(used)} hör till ett medborgarlöfte ('dokumenttyp: medborgarlöfte'); "
                "en överenskommelse har sina medborgarlöften i en bilaga av typen medborgarlöften"
            )
        require_unique_ids((area.id for area in self.focus_areas), "fokusområdenas")
        return self

    @property
    def wording(self) -> KindWording:
        """The parties clause's wording for this kind, where `omfattning` gives none."""
        return WORDING[self.document_kind]

    @property
    def framing(self) -> bool | None:
        """True when there is something to say of what the document lies under, replaces,
        builds on or continues (the `huvudavtal` block); None otherwise."""
        found = (self.parent, self.replaces, self.builds_on, self.collaborating_since)
        return True if any(found) else None

    @model_validator(mode="after")
    def _parent_of_its_kind(self) -> Agreement:
        """Only a document that lies under another names one (`huvudavtal`)."""
        if self.parent is not None and self.document_kind not in PARENT_KINDS:
            kinds = ", ".join(k.value for k in PARENT_KINDS)
            raise swedish_error(
                f"'huvudavtal' anger dokumentet som detta ligger under och hör till "
                f"dokumenttyperna {kinds}; dokumenttypen är {self.document_kind.value}"
            )
        return self
