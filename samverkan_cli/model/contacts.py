"""Contact persons: the people the parties name as their contacts, grouped by party.

The same `Person` stands in a bilaga of the type kontaktuppgifter (`model.bilaga_kinds`) and
in the agreement's own block `kontaktuppgifter:`, so both are checked (SV131, SV157),
printed and removed from the public version in one way.
"""

from __future__ import annotations

from pydantic import Field

from samverkan_cli.model.base import SourceModel
from samverkan_cli.model.markdown_text import MarkdownText

CONTACTS_HEADING = "Kontaktuppgifter"


class Person(SourceModel):
    party: str = Field(alias="part", min_length=1)
    name: str = Field(alias="namn", min_length=1)
    title: str = Field(alias="titel", min_length=1)
    phone: str | None = Field(None, alias="telefon")
    phone_label: str = Field("Mobil", alias="telefonetikett")
    email: str | None = Field(None, alias="epost")


class ContactsSection(SourceModel):
    """The agreement's own block of contact persons (`kontaktuppgifter:`), printed where
    `avsnitt` puts it (by default just before the signatures)."""

    heading: str = Field(CONTACTS_HEADING, alias="rubrik", min_length=1)
    introduction: MarkdownText | None = Field(None, alias="inledning")
    people: list[Person] = Field(alias="personer", min_length=1)
