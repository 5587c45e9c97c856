"""The public version of a document (`build --publik`): personal data replaced by a marker.

Redaction is a transform of the one document model, so the Markdown and the DOCX of the
public version are redacted alike. Every text of the document is searched (every block,
table cells, alt texts, link addresses, the contents, the document properties and the page
header; see `publish.walk`), and each of these is replaced by "[uppgift borttagen]":

- personnummer and samordningsnummer, in any form, Luhn-checked (`publish.patterns`);
- Swedish phone numbers in any notation (the `phonenumbers` library), except switchboards:
  numbers the data marks as växel, numbers next to the word "växel" in the text, 112 and
  114 14, and samverkan.yaml's `behåll_nummer`;
- personal e-mail addresses ("anna.berg@…", any address with a removed name in it, any at
  gmail.com and the like); functional ones (`registrator@`, `info@`, … and samverkan.yaml's
  `behåll_adresser`) stay;
- the name of every person of the data, whole or in parts, and names in prose that begin
  with a common first name ("Lena Holmqvist"; see `publish.person_names`).

A link whose address holds personal data loses its address. A picture drawn from the data
(the organisation chart) is drawn again from the redacted data (`publish.assets`). An
included file of another
format (a .docx or .pdf bilaga) cannot be searched; the build leaves it out of the public
version (`bilaga_placement.withheld`) and the scan after redaction reports it
(`publish.scan`), as it reports whatever else still looks personal.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from samverkan_cli.check.settings import REDACTION_KINDS, PublicationSettings, RedactionKind
from samverkan_cli.core.phone_numbers import normalised_number
from samverkan_cli.document.tree import Document, Span
from samverkan_cli.model.agreement import Organisation
from samverkan_cli.model.chart_words import SWEDISH, ChartWords
from samverkan_cli.publish.assets import with_public_chart
from samverkan_cli.publish.patterns import (
    EMAIL,
    MailboxPolicy,
    is_kept_number,
    personal_ids,
    phone_numbers,
    switchboard_numbers,
)
from samverkan_cli.publish.people import People, people_of
from samverkan_cli.publish.person_names import NameFinder, prose_names
from samverkan_cli.publish.walk import Walker, inline_text, texts_of
from samverkan_cli.source.loading import LoadedAgreement

MARKER = "[uppgift borttagen]"

HitKind = Literal["personnummer", "epost", "telefon", "behåll", "namn"]
_PRIORITY: dict[HitKind, int] = {
    "personnummer": 0,
    "epost": 1,
    "telefon": 2,
    "behåll": 3,
    "namn": 4,
}


@dataclass(frozen=True, slots=True)
class RedactionCounts:
    """How many items of each kind were replaced."""

    phones: int = 0
    emails: int = 0
    names: int = 0
    ids: int = 0
    """Personnummer and samordningsnummer."""

    @property
    def total(self) -> int:
        return self.phones + self.emails + self.names + self.ids

    def __add__(self, other: RedactionCounts) -> RedactionCounts:
        return RedactionCounts(
            self.phones + other.phones,
            self.emails + other.emails,
            self.names + other.names,
            self.ids + other.ids,
        )

    def counted(self, kind: HitKind) -> RedactionCounts:
        if kind == "telefon":
            return replace(self, phones=self.phones + 1)
        if kind == "epost":
            return replace(self, emails=self.emails + 1)
        if kind == "namn":
            return replace(self, names=self.names + 1)
        if kind == "personnummer":
            return replace(self, ids=self.ids + 1)
        return self

    def swedish(self) -> str:
        """ "tog bort 4 uppgifter: 2 telefonnummer, 2 e-postadresser"."""
        if self.total == 0:
            return "tog bort 0 uppgifter"
        parts = [
            f"{count} {word}"
            for count, word in (
                (self.ids, "personnummer"),
                (self.phones, "telefonnummer"),
                (self.emails, "e-postadress" if self.emails == 1 else "e-postadresser"),
                (self.names, "namn"),
            )
            if count
        ]
        items = "uppgift" if self.total == 1 else "uppgifter"
        return f"tog bort {self.total} {items}: {', '.join(parts)}"


@dataclass(frozen=True, slots=True)
class RedactionPolicy:
    """What the public version removes and keeps; see `policy_for`."""

    removed_names: tuple[str, ...] = ()
    kept_names: tuple[str, ...] = ()
    remove: frozenset[RedactionKind] = frozenset(REDACTION_KINDS)
    kept_numbers: frozenset[str] = frozenset()
    """E.164 numbers that stay (switchboards), besides 112 and 114 14."""
    mailboxes: MailboxPolicy = field(default_factory=MailboxPolicy)
    place_words: frozenset[str] = frozenset()
    organisation: Organisation | None = None
    """The data the organisation chart is drawn from: drawn again, redacted."""
    chart_words: ChartWords = SWEDISH
    """The chart's own words: a translation's, when its chart is drawn again."""
    marker: str = MARKER
    """What stands where something was removed: in a translation, in its language
    (`model.translation.removed_marker`)."""


def policy_for(
    loaded: LoadedAgreement, publication: PublicationSettings | None = None
) -> RedactionPolicy:
    """The policy for one agreement: its people and switchboards, and `publicering`."""
    publication = publication or PublicationSettings()
    people: People = people_of(loaded, publication)
    return RedactionPolicy(
        removed_names=people.removed,
        kept_names=people.kept,
        remove=frozenset(publication.remove),
        kept_numbers=people.switchboards | publication.kept_numbers,
        mailboxes=people.mailboxes(publication.kept_addresses),
        place_words=people.place_words,
        organisation=loaded.agreement.organisation if loaded.agreement else None,
    )


def names_to_redact(loaded: LoadedAgreement, keep: Iterable[str] = ()) -> list[str]:
    """The people of the agreement whose names the public version removes."""
    publication = PublicationSettings.model_validate({"behåll_namn": list(keep)})
    return list(people_of(loaded, publication).removed)


def redact(
    document: Document,
    names: Iterable[str] = (),
    remove: Collection[RedactionKind] = REDACTION_KINDS,
) -> tuple[Document, int]:
    """The document with personal data replaced by `MARKER`, and how many items were."""
    policy = RedactionPolicy(removed_names=tuple(names), remove=frozenset(remove))
    redacted, counts = redact_document(document, policy)
    return redacted, counts.total


def redact_document(
    document: Document, policy: RedactionPolicy
) -> tuple[Document, RedactionCounts]:
    """As `redact`, by a whole policy, with the count of each kind."""
    texts = texts_of(document)
    kept = policy.kept_numbers | switchboard_numbers(texts)
    names = policy.removed_names
    if "namn" in policy.remove:  # names in prose that the data does not know
        known = {" ".join(n.casefold().split()) for n in (*names, *policy.kept_names)}
        found = prose_names(texts, policy.place_words)
        names += tuple(n for n in found if " ".join(n.casefold().split()) not in known)
    redactor = _Redactor(replace(policy, kept_numbers=kept, removed_names=names))
    redacted = redactor.document(document)
    redacted = with_public_chart(
        redacted,
        policy.organisation,
        lambda text: redactor.text(text, counted=False),
        policy.chart_words,
    )
    return redacted, redactor.counts


class HitFinder:
    """Where the personal data in one text is, by kind, the longest at each place."""

    def __init__(self, policy: RedactionPolicy) -> None:
        self.policy = policy
        self.names = NameFinder(
            policy.removed_names if "namn" in policy.remove else (),
            policy.kept_names,
            policy.place_words,
        )

    def hits(self, text: str) -> list[tuple[int, int, HitKind]]:
        """Non-overlapping (start, end, kind), in order; "behåll" protects what stays."""
        found: list[tuple[int, int, HitKind]] = []
        remove = self.policy.remove
        for start, end in personal_ids(text):
            written = text[start:end]
            number = normalised_number(written)
            kept = number is not None and is_kept_number(written, number, self.policy.kept_numbers)
            found.append((start, end, "behåll" if kept else "personnummer"))
        for match in EMAIL.finditer(text):
            personal = "epost" in remove and self.policy.mailboxes.is_personal(match.group())
            found.append((match.start(), match.end(), "epost" if personal else "behåll"))
        for phone in phone_numbers(text):
            written = text[phone.start : phone.end]
            kept = is_kept_number(written, phone.number, self.policy.kept_numbers)
            kind: HitKind = "telefon" if "telefon" in remove and not kept else "behåll"
            found.append((phone.start, phone.end, kind))
        if self.names:
            for name in self.names.find(text):
                found.append((name.start, name.end, "behåll" if name.kept else "namn"))
        found.sort(key=lambda h: (h[0], h[0] - h[1], _PRIORITY[h[2]]))
        chosen: list[tuple[int, int, HitKind]] = []
        reached = 0
        for start, end, kind in found:
            if start >= reached:
                chosen.append((start, end, kind))
                reached = end
        return [hit for hit in chosen if hit[2] != "behåll"]


class _Redactor(Walker):
    """Replaces what `HitFinder` finds, in every text of the document, and counts it."""

    def __init__(self, policy: RedactionPolicy) -> None:
        self.finder = HitFinder(policy)
        self.counts = RedactionCounts()
        self.marker = policy.marker

    def text(self, text: str, counted: bool) -> str:
        hits = self.finder.hits(text)
        self._count(hits, counted)
        return _replaced(text, 0, hits, self.marker)

    def inlines(self, content: tuple[Any, ...], counted: bool) -> tuple[Any, ...]:
        hits = self.finder.hits(inline_text(content))
        self._count(hits, counted)
        result = []
        offset = 0
        for inline in content:
            text = getattr(inline, "text", None)
            length = len(text) if isinstance(text, str) else 1
            if isinstance(inline, Span):
                address_hits = self.finder.hits(inline.address) if inline.address else []
                inline = inline.with_text(_replaced(inline.text, offset, hits, self.marker))
                if address_hits:  # a person's mailto: or a name in the address
                    inline = inline.without_link()
            elif isinstance(text, str):
                inline = replace(inline, text=_replaced(text, offset, hits, self.marker))
            else:
                inline = super().walk(inline, counted)
            result.append(inline)
            offset += length
        return tuple(result)

    def _count(self, hits: list[tuple[int, int, HitKind]], counted: bool) -> None:
        if counted:
            for _, _, kind in hits:
                self.counts = self.counts.counted(kind)


def _replaced(
    text: str, offset: int, hits: list[tuple[int, int, HitKind]], marker: str = MARKER
) -> str:
    """`text`, which starts at `offset` of the searched text, with each hit that starts in
    it replaced by the marker and the rest of any hit that began before it removed."""
    end = offset + len(text)
    pieces: list[str] = []
    cursor = offset
    for start, stop, _ in hits:
        if stop <= offset or start >= end:
            continue
        if start >= offset:
            pieces += [text[cursor - offset : start - offset], marker]
        cursor = max(cursor, min(stop, end))
    pieces.append(text[cursor - offset :])
    return "".join(pieces)
