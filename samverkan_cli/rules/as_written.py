"""SV198–SV199: a phrase given as the signed original writes it (`som_skrivet:`) must not
contradict the structured data beside it.

Why: `som_skrivet` prints the parties' own words where the template would generate them (a
frequency "ca 2 ggr/termin", a party's entry "Lokalpolisområde Rinkeby, Polismyndigheten org
nr 202100-0076"), while the rules go on checking the structured value. Where the two could
say different things, what can be compared is compared, so that the document never prints
one thing while the checks were run on another:

- SV198: a frequency as written must contain its count (as digits or as a number word), say
  "minst" only for a minimum and "ca"/"cirka"/"ungefär" only for an approximate count, and
  name each of its weekdays.
- SV199: a party's entry as written must contain the party's name, its legal party's name
  and the organisationsnummer it signs with.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from samverkan_cli.core.problems import Severity
from samverkan_cli.core.swedish import number_word
from samverkan_cli.model.agreement import Scheduled
from samverkan_cli.model.frequency import CountFrequency, WeekdayFrequency
from samverkan_cli.model.party import Party
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.rules.prose import sources
from samverkan_cli.source.yaml_document import KeyPath

RULE_FREQUENCY_AS_WRITTEN = "SV198"
RULE_PARTY_AS_WRITTEN = "SV199"
AS_WRITTEN = "som_skrivet"

_APPROXIMATE = re.compile(r"\b(?:ca|cirka|ungefär|omkring)\b", re.IGNORECASE)
_MINIMUM = re.compile(r"\b(?:minst|åtminstone)\b", re.IGNORECASE)


def models(value: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, BaseModel]]:
    """Every model in `value` at any depth, with its YAML path."""
    # only what can hold a model is walked into: a generator per text or number was most
    # of this walk's time
    if isinstance(value, BaseModel):
        yield path, value
        for name, info in type(value).model_fields.items():
            child = getattr(value, name)
            if isinstance(child, _HOLDERS):
                yield from models(child, (*path, info.alias or name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            if isinstance(item, _HOLDERS):
                yield from models(item, (*path, index))


_HOLDERS = (BaseModel, list, tuple)
"""What `models` walks into: a model, or a list or tuple that may hold one."""


def _says_count(text: str, count: int) -> bool:
    spoken = {str(count), number_word(count), number_word(count, neuter=True)}
    return any(re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text, re.I) for word in spoken)


def frequency_contradictions(scheduled: Scheduled) -> list[str]:
    """What the frequency as written says against the structured frequency, in Swedish."""
    text = scheduled.as_written or ""
    frequency = scheduled.frequency
    found: list[str] = []
    if isinstance(frequency, CountFrequency):
        if not _says_count(text, frequency.count):
            found.append(
                f"antalet {frequency.count} står varken som siffror eller som "
                f"'{number_word(frequency.count)}'"
            )
        if _MINIMUM.search(text) and frequency.at_least is None:
            found.append("texten säger 'minst' men frekvensen anger inget minsta antal (minst:)")
        if _APPROXIMATE.search(text) and frequency.about is None:
            found.append("texten säger 'ca' men frekvensen anger inget ungefärligt antal (cirka:)")
    if isinstance(frequency, WeekdayFrequency):
        missing = [d.value for d in frequency.weekdays if d.value not in text.casefold()]
        if missing:
            found.append("veckodagen " + " och ".join(missing) + " står inte i texten")
    return found


@rule(
    RULE_FREQUENCY_AS_WRITTEN,
    title="Frekvensen som den är skriven motsäger frekvensen",
    severity=Severity.ERROR,
    explanation=(
        "'som_skrivet' skriver ut frekvensen med originalets ord ('ca 2 ggr/termin') medan "
        "reglerna kontrollerar den strukturerade frekvensen ({cirka: 2, per: termin}). Texten "
        "måste då innehålla antalet (som siffror eller som ord), säga 'minst' bara om "
        "frekvensen är ett minsta antal och 'ca' bara om den är ungefärlig, och nämna varje "
        "veckodag; annars skulle dokumentet säga något annat än det som kontrollerades."
    ),
)
def frequency_as_written(ctx: RuleContext) -> Iterator[Finding]:
    for document, model, _ in sources(ctx):
        for path, found in models(model):
            if not isinstance(found, Scheduled) or found.as_written is None:
                continue
            for contradiction in frequency_contradictions(found):
                # at the frequency, the structured value the rules read (its count is on
                # the same line when written {cirka: 2, per: termin})
                yield Finding(
                    document.location((*path, "frekvens"), key=True),
                    f"frekvensen som den är skriven, '{found.as_written}', stämmer inte med "
                    f"frekvensen ({found.frequency.swedish()}): {contradiction}; rätta "
                    "'som_skrivet' eller 'frekvens' så att de säger samma sak",
                )


def _org_digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@rule(
    RULE_PARTY_AS_WRITTEN,
    title="Partens namn eller organisationsnummer saknas i partsmeningen som den är skriven",
    severity=Severity.ERROR,
    explanation=(
        "En parts 'som_skrivet' ersätter partens rad i partsmeningen med originalets ord. "
        "Raden måste innehålla partens namn, den juridiska partens namn och det "
        "organisationsnummer parten undertecknar med, så att det som skrivs ut är samma part "
        "som reglerna och sidhuvudet talar om."
    ),
)
def party_as_written(ctx: RuleContext) -> Iterator[Finding]:
    for index, party in enumerate(ctx.agreement.parties):
        if party.as_written is None:
            continue
        for missing in _missing_from(party):
            yield Finding(
                ctx.source.location(("parter", index)),
                f"partsmeningen som den är skriven för {party.name}, '{party.as_written}', "
                f"saknar {missing}; skriv den som originalet eller rätta partens uppgifter",
            )


def _missing_from(party: Party) -> Iterator[str]:
    text = party.clause_as_written or ""
    names = [party.name] + ([party.legal_party.name] if party.legal_party else [])
    for name in names:
        if name.casefold() not in text.casefold():
            yield f"namnet '{name}'"
    number = party.legal_org_number
    if number is not None and _org_digits(number) not in _org_digits(text):
        yield f"organisationsnumret {number}"
