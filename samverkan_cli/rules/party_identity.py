"""Rules about the parties: organisationsnummer and the names the text uses for them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from samverkan_cli.core.problems import Severity
from samverkan_cli.model import BilagaKind
from samverkan_cli.model.orgnr import CHECK_ADVICE, POLICE_AUTHORITY, org_number_is_valid
from samverkan_cli.model.party import PartyKind
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.rules.lookup import bilagor_of_kind


@rule(
    "SV109",
    title="Ogiltigt organisationsnummer",
    severity=Severity.ERROR,
    explanation=(
        "Ett organisationsnummer har tio siffror där den sista är en kontrollsiffra enligt "
        "Luhn-algoritmen (Skatteverket). Ett felskrivet nummer i ett undertecknat avtal "
        "pekar ut fel juridisk person."
    ),
)
def org_number_checksum(ctx: RuleContext) -> Iterator[Finding]:
    for index, party in enumerate(ctx.agreement.parties):
        if not org_number_is_valid(party.org_number):
            yield Finding(
                ctx.at("parter", index, "organisationsnummer"),
                f"organisationsnumret {party.org_number} för {party.name} har fel kontrollsiffra; "
                f"{CHECK_ADVICE}",
            )


_POLICE_KINDS = {
    PartyKind.LOCAL_POLICE_AREA,
    PartyKind.POLICE_REGION,
    PartyKind.POLICE_AUTHORITY,
}


@rule(
    "SV164",
    title="Polisen med ett annat organisationsnummer än Polismyndighetens",
    severity=Severity.WARNING,
    explanation=(
        "Polismyndigheten är en enda juridisk person med organisationsnummer "
        f"{POLICE_AUTHORITY}; ett lokalpolisområde, polisområde eller en polisregion har inget "
        "eget. Ett annat nummer för en polispart pekar ut fel juridisk person."
    ),
)
def police_org_number(ctx: RuleContext) -> Iterator[Finding]:
    for index, party in enumerate(ctx.agreement.parties):
        if party.kind in _POLICE_KINDS and party.org_number not in {
            POLICE_AUTHORITY,
            "000000-0000",
        }:
            yield Finding(
                ctx.at("parter", index, "organisationsnummer"),
                f"{party.name} är av typen '{party.kind.value}' men har organisationsnummer "
                f"{party.org_number}; Polismyndigheten är en enda juridisk person och alla "
                f"dess delar skriver under med dess nummer: organisationsnummer: "
                f"{POLICE_AUTHORITY}",
            )


@rule(
    "SV110",
    title="Samma kortnamn för flera parter",
    severity=Severity.ERROR,
    explanation='Kortnamnen ("kommunen", "Polisen") måste skilja parterna åt i texten.',
)
def unique_short_names(ctx: RuleContext) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for index, party in enumerate(ctx.agreement.parties):
        folded = party.short_name.casefold()
        if folded in seen:
            first = ctx.agreement.parties[seen[folded]].name
            yield Finding(
                ctx.at("parter", index, "kortnamn"),
                f"kortnamnet '{party.short_name}' används redan för {first}",
            )
        else:
            seen[folded] = index


_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{5,}[0-9]$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


@rule(
    "SV131",
    title="Felaktigt telefonnummer eller e-postadress",
    severity=Severity.ERROR,
    explanation=(
        "Kontaktuppgifterna ska gå att använda: telefonnummer med siffror, mellanslag och "
        "bindestreck (eventuellt +46), e-postadress på formen namn@domän.se."
    ),
)
def contact_formats(ctx: RuleContext) -> Iterator[Finding]:
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.CONTACTS):
        for index, person in enumerate(loaded.model.people):
            if person.phone is not None and not _PHONE.match(person.phone):
                yield Finding(
                    loaded.document.location(("personer", index, "telefon")),
                    f"telefonnumret '{person.phone}' för {person.name} har fel form; skriv siffror "
                    "med mellanslag eller bindestreck, t.ex. 08-508 000 00 eller +46 8 508 000 00",
                )
            if person.email is not None and not _EMAIL.match(person.email):
                yield Finding(
                    loaded.document.location(("personer", index, "epost")),
                    f"e-postadressen '{person.email}' för {person.name} har fel form; skriv "
                    "namn@domän.se, t.ex. fornamn.efternamn@polisen.se",
                )
