"""The public version of a document (`build --publik`): personal data replaced by a marker.

Redaction is a transform of the one document model, so the Markdown and the DOCX of the
public version are redacted alike. Every span of every block is searched for

- e-mail addresses;
- Swedish phone numbers: a leading 0 or +46 and eight to ten digits in all, in groups
  separated by single spaces or hyphens (0739-10 12 15, 076-120 10 15, 08-508 000 00,
  +46 8 508 000 00, +46 (0)70-123 45 67), but not dates, years or organisationsnummer;
- the names of officials who are not signatories (`names`, see `names_to_redact`).

Each is replaced by "[uppgift borttagen]". A name is matched as whole words, also in the
genitive ("Per Granhällens"). The organisation chart (a picture) holds no personal data and
is left as it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace

from samverkan_cli.config import REDACTION_KINDS, RedactionKind
from samverkan_cli.document import (
    Block,
    BulletList,
    Contents,
    ContentsEntry,
    Document,
    Figure,
    Heading,
    Inline,
    Inlines,
    ListItem,
    OrderedList,
    Paragraph,
    Span,
    Table,
)
from samverkan_cli.loading import LoadedAgreement
from samverkan_cli.model.bilagor import ContactsBilaga

MARKER = "[uppgift borttagen]"

EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")
PHONE = re.compile(
    r"(?<![\w+/-])(?<!\d[.,])"  # not the tail of a word, a number, a date or a dnr
    r"(?:\+46[ -]?(?:\(0\)[ -]?)?(?:[ -]?\d){7,9}|0(?:[ -]?\d){7,9})"
    r"(?![ -]?\d)(?![\w/])(?![.,]\d)"  # nor the head of a longer number
)


@dataclass(frozen=True, slots=True)
class RedactionCounts:
    """How many items of each kind were replaced."""

    phones: int = 0
    emails: int = 0
    names: int = 0

    @property
    def total(self) -> int:
        return self.phones + self.emails + self.names

    def __add__(self, other: RedactionCounts) -> RedactionCounts:
        return RedactionCounts(
            self.phones + other.phones, self.emails + other.emails, self.names + other.names
        )

    def swedish(self) -> str:
        """ "tog bort 4 uppgifter: 2 telefonnummer, 2 e-postadresser"."""
        if self.total == 0:
            return "tog bort 0 uppgifter"
        parts = [
            f"{count} {word}"
            for count, word in (
                (self.phones, "telefonnummer"),
                (self.emails, "e-postadress" if self.emails == 1 else "e-postadresser"),
                (self.names, "namn"),
            )
            if count
        ]
        items = "uppgift" if self.total == 1 else "uppgifter"
        return f"tog bort {self.total} {items}: {', '.join(parts)}"


def redact(
    document: Document,
    names: Iterable[str],
    remove: Collection[RedactionKind] = REDACTION_KINDS,
) -> tuple[Document, int]:
    """The document with personal data replaced by `MARKER`, and how many items were."""
    redacted, counts = redact_document(document, names, remove)
    return redacted, counts.total


def redact_document(
    document: Document,
    names: Iterable[str],
    remove: Collection[RedactionKind] = REDACTION_KINDS,
) -> tuple[Document, RedactionCounts]:
    """As `redact`, with the count of each kind."""
    redactor = _Redactor(names if "namn" in remove else (), remove)
    blocks = tuple(redactor.block(block) for block in document.blocks)
    return replace(document, blocks=blocks), redactor.counts


def names_to_redact(loaded: LoadedAgreement, keep: Iterable[str] = ()) -> list[str]:
    """The people of the agreement's kontaktuppgifter bilagor, except the signatories (the
    parties', the förord's and the tjänsteutlåtande's) and the names in `keep`."""
    agreement = loaded.agreement
    kept = {_fold(name) for name in keep}
    if agreement is not None:
        kept |= {_fold(p.signatory.name) for p in agreement.parties if p.signatory.name}
        if agreement.foreword is not None:
            kept |= {_fold(signer.name) for signer in agreement.foreword.signers}
    if loaded.report is not None and loaded.report.signer.name:
        kept.add(_fold(loaded.report.signer.name))
    found: list[str] = []
    for bilaga in loaded.bilagor.values():
        if isinstance(bilaga.model, ContactsBilaga):
            for person in bilaga.model.people:
                if _fold(person.name) not in kept and person.name not in found:
                    found.append(person.name)
    return found


class _Redactor:
    """Walks the blocks, replacing in every span and counting what it replaced."""

    def __init__(self, names: Iterable[str], remove: Collection[RedactionKind]) -> None:
        self.remove = remove
        self.counts = RedactionCounts()
        # Longest first, so that "Anna Maria Berg" is not left as "[…] Berg" by "Anna Maria".
        wanted = sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True)
        self.names = (
            re.compile("|".join(_name_pattern(name) for name in wanted)) if wanted else None
        )

    def block(self, block: Block) -> Block:
        if isinstance(block, Heading | Paragraph):
            return replace(block, content=self.inlines(block.content))
        if isinstance(block, BulletList | OrderedList):
            items = tuple(ListItem(tuple(self.block(b) for b in i.blocks)) for i in block.items)
            return replace(block, items=items)
        if isinstance(block, Table):
            header = tuple(self.inlines(cell) for cell in block.header)
            rows = tuple(tuple(self.inlines(cell) for cell in row) for row in block.rows)
            return replace(block, header=header, rows=rows)
        if isinstance(block, Contents):
            # The entries repeat the headings, which are counted where they stand.
            entries = tuple(
                ContentsEntry(e.level, self.text(e.text, count=False)) for e in block.entries
            )
            return replace(block, entries=entries)
        if isinstance(block, Figure):
            return replace(block, alt=self.text(block.alt))
        return block

    def inlines(self, content: Inlines) -> Inlines:
        result: list[Inline] = []
        for inline in content:
            result.append(
                replace(inline, text=self.text(inline.text)) if isinstance(inline, Span) else inline
            )
        return tuple(result)

    def text(self, text: str, count: bool = True) -> str:
        counts = self.counts
        if "epost" in self.remove:
            text, found = EMAIL.subn(MARKER, text)
            counts = replace(counts, emails=counts.emails + found)
        if "telefon" in self.remove:
            text, found = PHONE.subn(MARKER, text)
            counts = replace(counts, phones=counts.phones + found)
        if self.names is not None:
            text, found = self.names.subn(MARKER, text)
            counts = replace(counts, names=counts.names + found)
        if count:
            self.counts = counts
        return text


def _name_pattern(name: str) -> str:
    """A name as whole words, any whitespace between its parts, with or without a genitive s."""
    parts = [re.escape(part) for part in unicodedata.normalize("NFC", name).split()]
    return r"(?<!\w)" + r"\s+".join(parts) + r"s?(?!\w)"


def _fold(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())
