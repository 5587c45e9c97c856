"""Rules about the parties: organisationsnummer, the names the text uses for them, and that
someone commits to the document (signatories or the forum that decided it).

The police has been one legal person, Polismyndigheten (202100-0076), since 2015-01-01;
before that each county had its own police authority with its own number. Whether a
document is from before the reform is read from its dates (term start, signatures, the
decision), the latest one deciding; a document without any date is read by the police
party's name ("Polismyndigheten i Stockholms län", "Rikspolisstyrelsen").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator

from samverkan_cli.core.problems import Location, Severity
from samverkan_cli.model import BilagaKind
from samverkan_cli.model.contacts import Person
from samverkan_cli.model.orgnr import CHECK_ADVICE, POLICE_AUTHORITY, org_number_is_valid
from samverkan_cli.model.party import Party
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.rules.lookup import bilagor_of_kind, signatories

POLICE_REFORM = dt.date(2015, 1, 1)
"""The day Polismyndigheten replaced Rikspolisstyrelsen and the 21 county authorities."""
_PRE_REFORM_NAME = re.compile(r"^(Polismyndigheten i \S|Rikspolisstyrelsen)", re.IGNORECASE)


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
        number, path = _org_number(party, index)
        if number is not None and not org_number_is_valid(number):
            owner = party.legal_party.name if party.legal_party else party.name
            yield Finding(
                ctx.at(*path),
                f"organisationsnumret {number} för {owner} har fel kontrollsiffra; {CHECK_ADVICE}",
            )


def _org_number(party: Party, index: int) -> tuple[str | None, tuple[str | int, ...]]:
    """The number the party signs with and where it is written (its own, or under
    `juridisk_part`)."""
    if party.legal_party is not None:
        return party.legal_party.org_number, (
            "parter",
            index,
            "juridisk_part",
            "organisationsnummer",
        )
    return party.org_number, ("parter", index, "organisationsnummer")


def _latest_date(ctx: RuleContext) -> dt.date | None:
    """The latest date the document gives: its term start, signatures and decision."""
    agreement = ctx.agreement
    dates = [date for _, s, _ in signatories(ctx) if (date := s.date) is not None]
    if agreement.signing is not None and agreement.signing.date is not None:
        dates.append(agreement.signing.date)
    if agreement.adopted_by is not None and agreement.adopted_by.date is not None:
        dates.append(agreement.adopted_by.date.first_day)  # "2014": before the reform
    if agreement.term is not None:
        start = getattr(agreement.term, "first_day", agreement.term.start)
        if isinstance(start, dt.date):
            dates.append(start)
    return max(dates, default=None)


def before_police_reform(ctx: RuleContext, party: Party) -> bool:
    """True for a document from before 2015, when each county police authority had its own
    organisationsnummer: by the document's latest date, or without dates by the name."""
    latest = _latest_date(ctx)
    if latest is not None:
        return latest < POLICE_REFORM
    names = [party.name, party.legal_party.name if party.legal_party else ""]
    return any(_PRE_REFORM_NAME.match(name) for name in names)


@rule(
    "SV164",
    title="Polisen med ett annat organisationsnummer än Polismyndighetens",
    severity=Severity.WARNING,
    explanation=(
        "Polismyndigheten är en enda juridisk person med organisationsnummer "
        f"{POLICE_AUTHORITY}; ett lokalpolisområde, polisområde eller en polisregion har inget "
        "eget. Ett annat nummer för en polispart pekar ut fel juridisk person. Före 2015 hade "
        "varje läns polismyndighet ett eget nummer: ett dokument vars senaste datum ligger "
        "före 2015-01-01 (eller, utan datum, en part som heter 'Polismyndigheten i …' eller "
        "'Rikspolisstyrelsen') kontrolleras inte."
    ),
)
def police_org_number(ctx: RuleContext) -> Iterator[Finding]:
    for index, party in enumerate(ctx.agreement.parties):
        number, path = _org_number(party, index)
        if (
            party.is_police
            and number not in {None, POLICE_AUTHORITY, "000000-0000"}
            and not before_police_reform(ctx, party)
        ):
            yield Finding(
                ctx.at(*path),
                f"{party.name} är av typen '{party.kind.value}' men har organisationsnummer "
                f"{number}; Polismyndigheten är en enda juridisk person och alla "
                f"dess delar skriver under med dess nummer: organisationsnummer: "
                f"{POLICE_AUTHORITY}",
            )


@rule(
    "SV173",
    title="Part utan organisationsnummer där profilen förväntar sig ett",
    severity=Severity.INFO,
    explanation=(
        "En profil kan ange att varje part skrivs med organisationsnummer (nyckeln "
        "parter.organisationsnummer, med sin källa). Står inget nummer i texten anges inget: "
        "ett påhittat nummer pekar ut fel juridisk person. Fyndet är information; lägg till "
        "numret om det finns, eget eller under juridisk_part."
    ),
)
def org_number_expected(ctx: RuleContext) -> Iterator[Finding]:
    wanted = [r for r in ctx.profiles.parties if r.org_number]
    if not wanted:
        return
    source = f" ({wanted[0].source})" if wanted[0].source else ""
    for index, party in enumerate(ctx.agreement.parties):
        if party.legal_org_number is None:
            yield Finding(
                ctx.at("parter", index, "namn"),
                f"{party.name} anger inget organisationsnummer; profilen förväntar sig ett{source}",
            )


@rule(
    "SV174",
    title="Ingen undertecknar och inget organ har fastställt dokumentet",
    severity=Severity.INFO,
    explanation=(
        "Ett dokument undertecknas av parterna eller fastställs av ett forum eller organ "
        "(fastställd_av). Många publicerade överenskommelser anger varken undertecknare eller "
        "beslut, så det är inget fel att texten tiger; men utan dem står det inte i dokumentet "
        "vem som har åtagit sig det, och det blir inget underskriftsblock. Fyndet är "
        "information: ange undertecknare hos parterna eller fastställd_av om texten säger det."
    ),
)
def someone_commits(ctx: RuleContext) -> Iterator[Finding]:
    if ctx.agreement.adopted_by is not None or any(True for _ in signatories(ctx)):
        return
    yield Finding(
        ctx.at("parter", key=True),
        "ingen part har undertecknare och dokumentet anger inte vem som fastställt det; ange "
        "undertecknare hos parterna, eller fastställd_av med organ och datum",
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
        if party.short_name is None:
            continue  # the text gives it none
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
KeyPath = tuple[str | int, ...]


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
    """The contact persons of the bilagor of the type kontaktuppgifter and of the
    agreement's own `kontaktuppgifter:`."""
    groups: list[tuple[list[Person], Callable[[KeyPath], Location], KeyPath]] = [
        (loaded.model.people, loaded.document.location, ("personer",))
        for _, loaded in bilagor_of_kind(ctx, BilagaKind.CONTACTS)
    ]
    if ctx.agreement.contacts is not None:
        own = ("kontaktuppgifter", "personer")
        groups.append((ctx.agreement.contacts.people, ctx.source.location, own))
    for people, locate, prefix in groups:
        for index, person in enumerate(people):
            if person.phone is not None and not _PHONE.match(person.phone):
                yield Finding(
                    locate((*prefix, index, "telefon")),
                    f"telefonnumret '{person.phone}' för {person.name} har fel form; skriv siffror "
                    "med mellanslag eller bindestreck, t.ex. 08-508 000 00 eller +46 8 508 000 00",
                )
            if person.email is not None and not _EMAIL.match(person.email):
                yield Finding(
                    locate((*prefix, index, "epost")),
                    f"e-postadressen '{person.email}' för {person.name} har fel form; skriv "
                    "namn@domän.se, t.ex. fornamn.efternamn@polisen.se",
                )
