"""The parties to an agreement: any number, each of its own kind, with what the text states
of it: an organisationsnummer, the legal party above a signing unit, and none, one or
several signatories (a document may be decided by a forum instead of signed)."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, model_validator

from samverkan_cli.model.base import (
    ONE_MAPPING_OR_A_LIST,
    Date,
    SchemaKeywords,
    SourceModel,
    not_both,
    swedish_error,
)
from samverkan_cli.model.orgnr import JSON_SCHEMA as ORG_NUMBER_SCHEMA
from samverkan_cli.model.orgnr import OrgNumberRefused, normalised_org_number
from samverkan_cli.model.partial_date import PartialDate

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_POSTCODE = re.compile(r"^(\d{3}) ?(\d{2})$")
_AROUND = r"\s*"
"""Whitespace the models strip before they check a text (the schema's patterns allow it)."""
POSTCODE_EXAMPLE = "163 64"
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
CLAUSE_PLACEHOLDERS = (
    "namn",
    "kortnamn",
    "organisationsnummer",
    "postadress",
    "polisregion",
    "polisområde",
)
"""What a party's `som_skrivet` may hold in braces: its own values, written once in the data."""


class PartyKind(StrEnum):
    """What kind of organisation a party is; decides nothing in code, only in profiles."""

    MUNICIPALITY = "kommun"
    DISTRICT_ADMINISTRATION = "stadsdelsförvaltning"
    DISTRICT_COMMITTEE = "stadsdelsnämnd"
    MUNICIPAL_ADMINISTRATION = "förvaltning"
    MUNICIPAL_COMPANY = "kommunalt bolag"
    LOCAL_POLICE_AREA = "lokalpolisområde"
    POLICE_AREA = "polisområde"
    POLICE_REGION = "polisregion"
    POLICE_AUTHORITY = "polismyndighet"
    """The authority itself, or before 2015 a county's police authority or Rikspolisstyrelsen."""
    STATE_AGENCY = "statlig myndighet"
    RESCUE_SERVICE = "räddningstjänst"
    HOUSING_COMPANY = "bostadsbolag"
    PROPERTY_OWNERS = "fastighetsägare"
    ASSOCIATION = "förening"
    REGION = "region"
    OTHER = "annan"


POLICE_KINDS = frozenset(
    {
        PartyKind.LOCAL_POLICE_AREA,
        PartyKind.POLICE_AREA,
        PartyKind.POLICE_REGION,
        PartyKind.POLICE_AUTHORITY,
    }
)
"""Every level of the police, whose parts sign with one legal person's number since 2015."""


def _org_number(value: object) -> str:
    """Ten digits without the dash (an unquoted number in YAML) are the same number when
    their check digit agrees: taken, written with the dash."""
    try:
        return normalised_org_number(value)
    except OrgNumberRefused as refused:
        raise swedish_error(str(refused)) from None


OrgNumber = Annotated[
    str | None, BeforeValidator(_org_number), SchemaKeywords(replace=True, **ORG_NUMBER_SCHEMA)
]
"""An organisationsnummer, written NNNNNN-NNNN; a key given without a value is refused."""


def _postcode_form(value: object) -> str:
    """Five digits, as a number (`16364`) or a text with or without the space, are written
    the Swedish way, NNN NN: what the reader sees is the same in every form."""
    text = str(value).strip() if isinstance(value, int | str) else ""
    match = _POSTCODE.match(text) if not isinstance(value, bool) else None
    if match is None:
        shown = "ett tomt värde" if value is None else f"'{value}'"
        raise swedish_error(
            f"postnumret {shown} ska ha fem siffror, skrivna NNN NN, t.ex. "
            f"postnummer: {POSTCODE_EXAMPLE}"
        )
    return f"{match.group(1)} {match.group(2)}"


Postcode = Annotated[
    str,
    BeforeValidator(_postcode_form),
    SchemaKeywords(
        replace=True,
        anyOf=[
            {"type": "string", "pattern": f"^{_AROUND}{_POSTCODE.pattern[1:-1]}{_AROUND}$"},
            {"type": "integer", "minimum": 10000, "maximum": 99999},
        ],
    ),
]


def _id_form(value: str) -> str:
    if not _ID.match(value):
        raise swedish_error("id får bara innehålla små bokstäver a–z, siffror, '-' och '_'")
    return value


PartyId = Annotated[
    str,
    AfterValidator(_id_form),
    SchemaKeywords(pattern="^" + _AROUND + _ID.pattern[1:-1] + _AROUND + "$"),
]
"""A party's id: small letters a–z, digits, '-' and '_' (it names the party in the data)."""


class PostalAddress(SourceModel):
    street: str = Field(alias="gatuadress", min_length=1)
    postcode: Postcode = Field(alias="postnummer")
    town: str = Field(alias="ort", min_length=1)

    def swedish(self) -> str:
        return f"{self.street} {self.postcode} {self.town}"


class Signatory(SourceModel):
    """Who signs for a party: always a function (title), optionally a name."""

    title: str = Field(alias="titel", min_length=1)
    name: str | None = Field(None, alias="namn")
    place: str | None = Field(None, alias="ort")
    date: Date | None = Field(None, alias="datum")
    """A whole day: a signature is dated to the day it was made ("Stockholm den 1 juni
    2024"), and SV112/SV113 compare it with the term day by day; a signature the text does
    not date leaves the key out."""


class LegalParty(SourceModel):
    """The legal person a signing unit belongs to (Stockholms stad above a stadsdelsnämnd,
    Polismyndigheten above a lokalpolisområde): the organisationsnummer is its own."""

    name: str = Field(alias="namn", min_length=1)
    org_number: OrgNumber = Field(None, alias="organisationsnummer")


class Party(SourceModel):
    """One party; `dnr_etikett` names it in the header ("Dnr Polisen: …")."""

    model_config = ConfigDict(
        json_schema_extra=not_both("juridisk_part", "organisationsnummer", ("object", "string"))
    )

    id: PartyId = Field(min_length=1)
    name: str = Field(alias="namn", min_length=1)
    kind: PartyKind = Field(alias="typ")
    org_number: OrgNumber = Field(None, alias="organisationsnummer")
    legal_party: LegalParty | None = Field(None, alias="juridisk_part")
    address: PostalAddress | None = Field(None, alias="postadress")
    short_name: str | None = Field(None, alias="kortnamn", min_length=1)
    """The name the text calls the party by ("kommunen"); none where the text gives none."""
    police_region: str | None = Field(None, alias="polisregion")
    police_area: str | None = Field(None, alias="polisområde")
    registration_number: str | None = Field(None, alias="diarienummer")
    registration_label: str | None = Field(None, alias="dnr_etikett")
    signatories: Annotated[list[Signatory], ONE_MAPPING_OR_A_LIST] = Field(
        default_factory=list, alias="undertecknare"
    )
    """None, one (a mapping) or several (a list): as many as the text names."""
    as_written: str | None = Field(None, alias="som_skrivet", min_length=1)
    """The party's entry in the parties clause as the signed original writes it (name,
    organisationsnummer, address and short name as they stand there), printed instead of
    the generated one; SV199 checks that it names the party and its organisationsnummer.
    `{namn}`, `{kortnamn}`, `{organisationsnummer}`, `{postadress}`, `{polisregion}` and
    `{polisområde}` in it stand for the party's own values, so that each is written once
    (as `{frekvens}` in a text) and the words around them as the original has them."""

    @model_validator(mode="after")
    def _placeholders_as_written(self) -> Party:
        values = self._clause_values()
        for key in _PLACEHOLDER.findall(self.as_written or ""):
            if key not in values:
                known = ", ".join("{" + k + "}" for k in CLAUSE_PLACEHOLDERS)
                raise swedish_error(
                    f"som_skrivet innehåller {{{key}}}, som inte är något av partens värden; "
                    f"skriv {known}"
                )
            if values[key] is None:
                raise swedish_error(
                    f"som_skrivet innehåller {{{key}}} men parten har inget värde för det; "
                    f"ange {key}"
                )
        return self

    def _clause_values(self) -> dict[str, str | None]:
        return {
            "namn": self.name,
            "kortnamn": self.short_name,
            "organisationsnummer": self.legal_org_number,
            "postadress": self.address.swedish() if self.address else None,
            "polisregion": self.police_region,
            "polisområde": self.police_area,
        }

    @model_validator(mode="after")
    def _one_org_number(self) -> Party:
        """With a legal party the number is the legal person's: written twice, the two
        could disagree, so it is written once, under `juridisk_part`."""
        if self.legal_party is not None and self.org_number is not None:
            raise swedish_error(
                f"{self.name} har juridisk_part, så organisationsnumret är den juridiska "
                "partens: flytta organisationsnummer till juridisk_part"
            )
        return self

    @property
    def legal_org_number(self) -> str | None:
        """The organisationsnummer the party signs with: its legal party's, else its own."""
        return self.legal_party.org_number if self.legal_party else self.org_number

    @property
    def called(self) -> str:
        """What the text calls the party: its short name, else its name."""
        return self.short_name or self.name

    @property
    def clause_as_written(self) -> str | None:
        """The entry as written with the party's values put in for their placeholders."""
        if self.as_written is None:
            return None
        values = self._clause_values()
        return _PLACEHOLDER.sub(lambda m: values.get(m.group(1)) or m.group(0), self.as_written)

    @property
    def is_police(self) -> bool:
        return self.kind in POLICE_KINDS

    @property
    def header_line(self) -> str | None:
        if self.registration_number is None:
            return None
        return f"Dnr {self.registration_label or self.called}: {self.registration_number}"


class Adoption(SourceModel):
    """`fastställd_av`: the forum or body that decided the document instead of (or besides)
    signatures, with the date, paragraph and registration number the text gives."""

    body: str = Field(alias="organ", min_length=1)
    date: PartialDate | None = Field(None, alias="datum")
    """A year, a month or a day, as the text dates the decision ("fastställd i juni 2023")."""
    paragraph: str | None = Field(None, alias="paragraf", min_length=1)
    registration_number: str | None = Field(None, alias="diarienummer", min_length=1)
