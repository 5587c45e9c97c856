"""The parties to an agreement: any number, each of its own kind, each with a signatory."""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import Field, field_validator

from samverkan_cli.model.base import Date, SourceModel, swedish_error
from samverkan_cli.model.orgnr import OrgNumberRefused, normalised_org_number

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_POSTCODE = re.compile(r"^(\d{3}) ?(\d{2})$")
POSTCODE_EXAMPLE = "163 64"


class PartyKind(StrEnum):
    """What kind of organisation a party is; decides nothing in code, only in profiles."""

    MUNICIPALITY = "kommun"
    DISTRICT_ADMINISTRATION = "stadsdelsförvaltning"
    DISTRICT_COMMITTEE = "stadsdelsnämnd"
    MUNICIPAL_ADMINISTRATION = "förvaltning"
    LOCAL_POLICE_AREA = "lokalpolisområde"
    POLICE_REGION = "polisregion"
    POLICE_AUTHORITY = "polismyndighet"
    RESCUE_SERVICE = "räddningstjänst"
    HOUSING_COMPANY = "bostadsbolag"
    PROPERTY_OWNERS = "fastighetsägare"
    REGION = "region"
    OTHER = "annan"


class PostalAddress(SourceModel):
    street: str = Field(alias="gatuadress", min_length=1)
    postcode: str = Field(
        alias="postnummer",
        json_schema_extra={"type": ["string", "integer"], "pattern": r"^\d{3} ?\d{2}$"},
    )
    town: str = Field(alias="ort", min_length=1)

    @field_validator("postcode", mode="before")
    @classmethod
    def _postcode_form(cls, value: object) -> str:
        """Five digits, as a number (`16364`) or a text with or without the space, are
        written the Swedish way, NNN NN: what the reader sees is the same in every form."""
        text = str(value).strip() if isinstance(value, int | str) else ""
        match = _POSTCODE.match(text) if not isinstance(value, bool) else None
        if match is None:
            shown = "ett tomt värde" if value is None else f"'{value}'"
            raise swedish_error(
                f"postnumret {shown} ska ha fem siffror, skrivna NNN NN, t.ex. "
                f"postnummer: {POSTCODE_EXAMPLE}"
            )
        return f"{match.group(1)} {match.group(2)}"

    def swedish(self) -> str:
        return f"{self.street} {self.postcode} {self.town}"


class Signatory(SourceModel):
    """Who signs for a party: always a function (title), optionally a name."""

    title: str = Field(alias="titel", min_length=1)
    name: str | None = Field(None, alias="namn")
    place: str | None = Field(None, alias="ort")
    date: Date | None = Field(None, alias="datum")


class Party(SourceModel):
    """One party; `dnr_etikett` names it in the header ("Dnr Polisen: …")."""

    id: str = Field(min_length=1)
    name: str = Field(alias="namn", min_length=1)
    kind: PartyKind = Field(alias="typ")
    org_number: str = Field(alias="organisationsnummer")
    address: PostalAddress | None = Field(None, alias="postadress")
    short_name: str = Field(alias="kortnamn", min_length=1)
    police_region: str | None = Field(None, alias="polisregion")
    police_area: str | None = Field(None, alias="polisområde")
    registration_number: str | None = Field(None, alias="diarienummer")
    registration_label: str | None = Field(None, alias="dnr_etikett")
    signatory: Signatory = Field(alias="undertecknare")

    @field_validator("id")
    @classmethod
    def _id_form(cls, value: str) -> str:
        if not _ID.match(value):
            raise swedish_error("id får bara innehålla små bokstäver a–z, siffror, '-' och '_'")
        return value

    @field_validator("org_number", mode="before")
    @classmethod
    def _org_number_form(cls, value: object) -> str:
        """Ten digits without the dash (an unquoted number in YAML) are the same number
        when their check digit agrees: taken, written with the dash."""
        try:
            return normalised_org_number(value)
        except OrgNumberRefused as refused:
            raise swedish_error(str(refused)) from None

    @property
    def header_line(self) -> str | None:
        if self.registration_number is None:
            return None
        return f"Dnr {self.registration_label or self.short_name}: {self.registration_number}"
