"""Who and what the public version of an agreement removes, read from its data and from
samverkan.yaml's `publicering`: the people, the names that stay, the switchboard numbers
and the words of organisations and places that are never a person's name.

Every person field of the models is listed here (`PERSON_FIELDS`: a name and nothing else;
`FREE_TEXT_PERSON_FIELDS`: a name or a function, "Anna Berg, kommunpolis" or
"Enhetschef preventionsenheten", of which the person-like names are taken). A test checks
that every field that could hold a person (`namn`, `ansvarig`, `undertecknare` …) is either
listed or known not to be a person's (`NOT_PERSON_FIELDS`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from pydantic import BaseModel

from samverkan_cli.check.settings import PublicationSettings
from samverkan_cli.core.folding import fold
from samverkan_cli.core.phone_numbers import normalised_number
from samverkan_cli.publish.patterns import MailboxPolicy
from samverkan_cli.publish.person_names import PARTICLES, name_parts, names_in_free_text
from samverkan_cli.source.loading import LoadedAgreement

PERSON_FIELDS = frozenset(
    {
        ("Person", "name"),
        ("Signatory", "name"),
        ("ForewordSigner", "name"),
        ("ReportSigner", "name"),
    }
)
"""(model, field): the field holds a person's name."""

SIGNATORY_FIELDS = frozenset(
    {("Signatory", "name"), ("ForewordSigner", "name"), ("ReportSigner", "name")}
)

FREE_TEXT_PERSON_FIELDS = frozenset(
    {
        ("SituationPictureBilaga", "authors"),
        ("ActionPlan", "responsible"),
        ("ActionPlan", "administrator"),
        ("ActionPlan", "others"),
        ("FollowUpItem", "responsible"),
        ("Forum", "chair"),
        ("Forum", "co_opted"),
        ("MemberFunctions", "functions"),
        ("Decision", "by"),
        ("DocumentDecision", "by"),
        ("Forum", "convener"),
        ("OperativeActivity", "responsible"),  # party ids, or a unit or function in words
        ("Report", "authority"),
    }
)
"""(model, field): a person or a function, in words."""

NOT_PERSON_FIELDS = frozenset(
    {
        ("Party", "name"),
        ("Party", "signatories"),
        ("LegalParty", "name"),
        ("Process", "name"),
        ("PriorityArea", "name"),
        ("ActionPlan", "name"),
        ("PlanForum", "name"),
        ("Foreword", "signers"),
        ("Report", "signers"),
    }
)
"""Fields named like a person's that hold an organisation, a forum, an id or a sub-model."""

PERSON_LIKE_ALIASES = frozenset(
    {
        "namn",
        "undertecknare",
        "ansvarig",
        "administratör",
        "upprättad_av",
        "ordförande",
        "sammankallande",
        "adjungering",
        "övriga_deltagare",
        "av",
        "kontaktperson",
        "författare",
        "förvaltning",
        "handläggare",
        "deltagare",
        "medlemmar",
    }
)
"""Keys whose value could be a person's name: a field with one of them must be listed."""

_SWITCHBOARD_WORD = re.compile("växel", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class People:
    """What the public version of one agreement removes and keeps."""

    removed: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    switchboards: frozenset[str] = frozenset()
    """E.164 numbers the data marks as a switchboard (a contact whose label says växel)."""
    place_words: frozenset[str] = frozenset()
    addresses: frozenset[str] = frozenset()
    """The e-mail addresses the data gives as a person's own (a contact's `epost`)."""

    def mailboxes(self, kept_addresses: frozenset[str] = frozenset()) -> MailboxPolicy:
        parts = frozenset(p for name in self.removed for p in address_parts(name))
        places = frozenset(fold(w) for w in self.place_words)
        initials = frozenset(i for name in self.removed for i in name_initials(name))
        personal = frozenset(fold(a) for a in self.addresses)
        return MailboxPolicy(kept_addresses, parts, places - parts, personal, initials)


def address_parts(name: str) -> set[str]:
    """How the parts of a name are written in an e-mail address, folded: each part, each
    half of a double surname, and both halves or a particle and a surname written together
    ("Helena von Essen": helena, essen, vonessen; "Lind-Sjöberg": lind, sjoberg,
    lindsjoberg, lind-sjoberg)."""
    words = fold(name).replace(",", " ").split()
    found = {fold(p) for p in name_parts(name)}
    for word in (w for w in words if w not in PARTICLES):
        pieces = [p for p in word.strip(".").split("-") if len(p) > 1]
        found.update(pieces)
        found.add("".join(pieces))
    for first, second in pairwise(words):
        if first in PARTICLES:
            found.add(first + second.replace("-", ""))
    return {part for part in found if len(part) > 1}


def name_initials(name: str) -> set[str]:
    """A person's initials as a local part writes them, folded: all words' ("kjae" for
    Karl-Johan af Ekström), without particles ("kje"), first and last ("ke")."""
    words = [w for w in re.split(r"[\s-]+", fold(name).replace(".", " ")) if w]
    if len(words) < 2:
        return set()
    named = [w for w in words if w not in PARTICLES]
    found = {"".join(w[0] for w in words), "".join(w[0] for w in named)}
    found.add(words[0][0] + words[-1][0])
    return {i for i in found if len(i) >= 2}


def people_of(loaded: LoadedAgreement, publication: PublicationSettings | None = None) -> People:
    """The people of an agreement (every person field of its data, the tjänsteutlåtande's
    and the bilagor's), less those `publicering` keeps, plus those it names to remove."""
    publication = publication or PublicationSettings()
    models: list[BaseModel] = [m for m in (loaded.agreement, loaded.report) if m is not None]
    models += [b.model for b in loaded.bilagor.values() if isinstance(b.model, BaseModel)]
    place_words = frozenset(_place_words(loaded))
    names: list[str] = []
    signatories: list[str] = []
    switchboards: set[str] = set()
    addresses: dict[str, str] = {}  # a contact's own address: the contact's name
    for model in models:
        for owner, field, value in _fields(model):
            key = (type(owner).__name__, field)
            if key in PERSON_FIELDS and isinstance(value, str):
                if _is_switchboard_entry(owner):
                    continue
                names.append(value)
                email = getattr(owner, "email", None)
                if isinstance(email, str):
                    addresses[email] = value
                if key in SIGNATORY_FIELDS:
                    signatories.append(value)
            elif key in FREE_TEXT_PERSON_FIELDS:
                for text in value if isinstance(value, list) else [value]:
                    if isinstance(text, str):
                        names.extend(names_in_free_text(text, place_words))
            if _is_switchboard_entry(owner) or "växel" in _alias(owner, field):
                for number in _numbers(owner):
                    switchboards.add(number)
    kept = [*publication.keep_names, *(signatories if publication.keep_signatories else [])]
    kept_folded = {" ".join(k.casefold().split()) for k in kept}
    removed = [
        n
        for n in [*names, *publication.remove_names]
        if " ".join(n.casefold().split()) not in kept_folded
    ]
    return People(
        tuple(dict.fromkeys(removed)),
        tuple(dict.fromkeys(kept)),
        frozenset(switchboards),
        place_words,
        frozenset(a for a, name in addresses.items() if name in removed),
    )


def _fields(model: BaseModel) -> Iterator[tuple[BaseModel, str, Any]]:
    """(model, field name, value) for every field of `model` and its sub-models."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        yield model, name, value
        items = value.values() if isinstance(value, dict) else value
        for item in items if isinstance(items, list | type({}.values())) else [value]:
            if isinstance(item, BaseModel):
                yield from _fields(item)


def _alias(model: BaseModel, field: str) -> str:
    return (type(model).model_fields[field].alias or field).casefold()


def _is_switchboard_entry(model: BaseModel) -> bool:
    """A contact that is a switchboard ("Kommunens växel", label or title "Växel")."""
    texts = [getattr(model, f, None) for f in ("phone_label", "title")]
    return any(isinstance(t, str) and _SWITCHBOARD_WORD.search(t) for t in texts)


def _numbers(model: BaseModel) -> Iterator[str]:
    for field in type(model).model_fields:
        value = getattr(model, field)
        if isinstance(value, str) and ("phone" in field or "växel" in _alias(model, field)):
            number = normalised_number(value)
            if number is not None:
                yield number


def _place_words(loaded: LoadedAgreement) -> Iterator[str]:
    """The capitalised words of the parties' names and places and of the title, each also
    split at hyphens: never a person's name where they stand alone."""
    agreement = loaded.agreement
    if agreement is None:
        return
    texts = [agreement.title]
    for party in agreement.parties:
        texts += [party.name, party.short_name or "", party.police_region or ""]
        texts += [party.police_area or ""]
        texts += [party.registration_label or ""]
        if party.address is not None:
            texts += [party.address.street, party.address.town]
    for text in texts:
        for word in re.findall(r"[\w-]+", text):
            if word[:1].isupper():
                yield word
                yield from (piece for piece in word.split("-") if piece[:1].isupper())
