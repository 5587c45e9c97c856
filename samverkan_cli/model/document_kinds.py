"""Document kinds and the links between documents: what kind of document an agreement file
holds (`dokumenttyp`), and what it is tied to (`huvudavtal`, `ersätter`, `bygger_på`).

The kind decides which profile requirements apply (a medborgarlöfte is never checked as an
agreement) and the wording; a document under another one (an underavtal under its
huvudavtal, a lokal överenskommelse under a central one, an operativ överenskommelse or
handlingsplan under a strategic one) names that document by its folder, and the
repository-wide checks verify the pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pydantic import Field

from samverkan_cli.model.base import SourceModel
from samverkan_cli.model.partial_date import PartialDate


class DocumentKind(StrEnum):
    """What an `overenskommelse.yaml` holds."""

    AGREEMENT = "samverkansöverenskommelse"
    """A lokal samverkansöverenskommelse: the default."""
    CITIZEN_PROMISE = "medborgarlöfte"
    """Promises to the residents for a period (Brå's handbook, steps 4–5)."""
    MAIN_AGREEMENT = "huvudavtal"
    SUB_AGREEMENT = "underavtal"
    """Concluded under a huvudavtal, which it names."""
    CENTRAL_AGREEMENT = "central överenskommelse"
    LOCAL_AGREEMENT = "lokal överenskommelse"
    """Concluded under a central överenskommelse, which it names."""
    STRATEGIC_AGREEMENT = "strategisk överenskommelse"
    OPERATIVE_AGREEMENT = "operativ överenskommelse"
    """A yearly operative agreement under a strategic one, which it names."""
    ACTION_PLAN = "handlingsplan"
    """A handlingsplan as a document of its own, under a strategic agreement."""

    @property
    def is_agreement(self) -> bool:
        """Every kind but a medborgarlöfte is an agreement between the parties."""
        return self is not DocumentKind.CITIZEN_PROMISE


@dataclass(frozen=True, slots=True)
class KindWording:
    """How the parties clause speaks of a document of one kind when `omfattning` does not
    say it: its heading, what the parties do with it, what it is and its short name. So no
    kind's wording appears in another (a medborgarlöfte is given, not concluded)."""

    scope_heading: str
    verb_phrase: str
    concluded: str
    document_name: str
    definite: str = "Överenskommelsen"
    """How a sentence names the document ("Huvudavtalet har upprättats i …")."""


_AGREEMENT_HEADING = "Parter och överenskommelsens omfattning"
_CONCLUDED = "har idag som nedan ingått"

WORDING: dict[DocumentKind, KindWording] = {
    DocumentKind.AGREEMENT: KindWording(
        _AGREEMENT_HEADING, _CONCLUDED, "följande samverkansöverenskommelse", "Överenskommelse"
    ),
    DocumentKind.CITIZEN_PROMISE: KindWording(
        "Parter och medborgarlöftets omfattning",
        "lämnar härmed",
        "följande medborgarlöfte",
        "Medborgarlöftet",
        "Medborgarlöftet",
    ),
    DocumentKind.MAIN_AGREEMENT: KindWording(
        "Parter och huvudavtalets omfattning",
        _CONCLUDED,
        "följande huvudavtal",
        "Huvudavtalet",
        "Huvudavtalet",
    ),
    DocumentKind.SUB_AGREEMENT: KindWording(
        "Parter och underavtalets omfattning",
        _CONCLUDED,
        "följande underavtal",
        "Underavtalet",
        "Underavtalet",
    ),
    DocumentKind.CENTRAL_AGREEMENT: KindWording(
        _AGREEMENT_HEADING,
        _CONCLUDED,
        "följande centrala samverkansöverenskommelse",
        "Överenskommelsen",
    ),
    DocumentKind.LOCAL_AGREEMENT: KindWording(
        _AGREEMENT_HEADING,
        _CONCLUDED,
        "följande lokala samverkansöverenskommelse",
        "Överenskommelsen",
    ),
    DocumentKind.STRATEGIC_AGREEMENT: KindWording(
        _AGREEMENT_HEADING,
        _CONCLUDED,
        "följande strategiska samverkansöverenskommelse",
        "Överenskommelsen",
    ),
    DocumentKind.OPERATIVE_AGREEMENT: KindWording(
        _AGREEMENT_HEADING,
        _CONCLUDED,
        "följande operativa samverkansöverenskommelse",
        "Överenskommelsen",
    ),
    DocumentKind.ACTION_PLAN: KindWording(
        "Parter och handlingsplanens omfattning",
        "har idag som nedan fastställt",
        "följande handlingsplan",
        "Handlingsplanen",
        "Handlingsplanen",
    ),
}
"""The parties clause's wording per kind; `omfattning` overrides each part."""


PARENT_KINDS: dict[DocumentKind, tuple[DocumentKind, ...]] = {
    DocumentKind.SUB_AGREEMENT: (DocumentKind.MAIN_AGREEMENT,),
    DocumentKind.LOCAL_AGREEMENT: (DocumentKind.CENTRAL_AGREEMENT,),
    DocumentKind.OPERATIVE_AGREEMENT: (DocumentKind.STRATEGIC_AGREEMENT,),
    DocumentKind.ACTION_PLAN: (DocumentKind.STRATEGIC_AGREEMENT,),
}
"""A kind that lies under another document, and the kinds that document may have."""


class ParentLink(SourceModel):
    """`huvudavtal:` the document this one lies under, by its folder in the repository, and
    the condition that ties them (printed as written)."""

    folder: str = Field(alias="överenskommelse", min_length=1)
    title: str = Field(alias="titel", min_length=1)
    """The title the document is known by, as printed."""
    condition: str | None = Field(None, alias="villkor", min_length=1)
    """The sentence that ties the two ("Underavtalet gäller så länge huvudavtalet gäller.")."""


class Replaces(SourceModel):
    """`ersätter:` the document this one replaces: its title, with its date and diarienummer
    when known, and the folder of the earlier agreement when it is in the repository."""

    title: str = Field(alias="titel", min_length=1)
    date: PartialDate | None = Field(None, alias="datum")
    """A year, a month or a day: an earlier agreement is often known as "överenskommelsen
    från 2015"."""
    registration_number: str | None = Field(None, alias="diarienummer", min_length=1)
    folder: str | None = Field(None, alias="överenskommelse", min_length=1)


class BuildsOn(SourceModel):
    """`bygger_på:` a national plan, a strategy or another document this one builds on."""

    title: str = Field(alias="titel", min_length=1)
    date: PartialDate | None = Field(None, alias="datum")
    """A year, a month or a day, as the text dates the plan or strategy ("2024")."""
    registration_number: str | None = Field(None, alias="diarienummer", min_length=1)


class DocumentDecision(SourceModel):
    """`beslut:` the decision behind a document: when, by which body, its paragraph and
    diarienummer when the text gives them."""

    date: PartialDate = Field(alias="datum")
    """A year, a month or a day: "beslutade i juni 2023" is a decision the text dates by
    its month."""
    by: str = Field(alias="av", min_length=1)
    paragraph: str | None = Field(None, alias="paragraf", min_length=1)
    registration_number: str | None = Field(None, alias="diarienummer", min_length=1)
