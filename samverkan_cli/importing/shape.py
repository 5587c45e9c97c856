"""A Word agreement's blocks shaped into what the YAML will hold: the title, the parties
(with the parties clause as `omfattning`), the term (`tid`), the forums (`organisation`),
the signatories and the number of copies, and every other section as prose in `avsnitt`.

What a recogniser read is replaced by the typed block that prints it; the source text
stays in the YAML as a comment beside the data. What could not be read as data stays
prose; what could not be placed at all is kept too and flagged (`Flag`), so nothing of
the document is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from samverkan_cli.importing.forums import read_organisation
from samverkan_cli.importing.parties_clause import PartyFound, read_clause
from samverkan_cli.importing.recognisers import REGISTRATION, TermFound, copies, find_term
from samverkan_cli.importing.signatures import TITLE_PLACEHOLDER, find_signatures
from samverkan_cli.importing.word_outline import Section, outline, walk
from samverkan_cli.importing.word_reading import Block

TITLE_MISSING = "«Skriv överenskommelsens titel»"
LEADING_HEADING = "Inledande text"
BILAGA_HEADING = re.compile(r"^bilaga\s+\d+", re.IGNORECASE)


@dataclass(slots=True)
class Flag:
    """A part the import could not place as data or kept in another place than Word had
    it: its paragraph number, the heading it stood under and what to do."""

    number: int
    heading: str
    reason: str


@dataclass(slots=True)
class Imported:
    title: str
    parties: list[PartyFound]
    sections: list[Section]
    scope: dict[str, Any] | None = None
    term: TermFound | None = None
    organisation: dict[str, Any] | None = None
    copies: int | None = None
    flags: list[Flag] = field(default_factory=list)
    notes: dict[str, list[Block]] = field(default_factory=dict)
    """The source blocks read into a key's data (`parter`, `tid` …), kept as comments."""
    signatures_after: Section | None = None
    """The prose section the signatures stood at the end of: `underskrifter` follows it."""
    term_suggestion: TermFound | None = None
    """A term found in a paragraph that stays prose: written as a comment to take over."""


def shape(blocks: list[Block]) -> Imported:
    tree = outline(blocks)
    sections = tree.sections
    leading = [b for b in tree.leading if b.kind == "table" or b.text.strip()]
    imported = Imported(TITLE_MISSING, [], sections)
    if tree.title is not None:
        imported.title = " ".join(tree.title.text.split())
        imported.notes["titel"] = [tree.title]
    else:
        imported.flags.append(Flag(0, "", "ingen titel hittades: skriv den i 'titel'"))
    registrations = [b for b in leading if _registration(b) is not None]
    leading = [b for b in leading if b not in registrations]
    if leading:
        sections.insert(0, Section(LEADING_HEADING, leading[0].number, 1, leading))
        imported.flags.append(Flag(leading[0].number, LEADING_HEADING, _LEADING))
    _pictures(imported)
    for section in walk(sections):
        if BILAGA_HEADING.match(section.heading):
            imported.flags.append(Flag(section.number, section.heading, _BILAGA))
        for block in section.blocks:
            if block.flattened:
                imported.flags.append(
                    Flag(block.number, section.heading, "en tabell i tabellen är läst som text")
                )
    _parties(imported)
    _signatures(imported)  # first: a term or forum section may end with the signatures
    _term(imported)
    _organisation(imported)
    _copies(imported)
    _registrations(imported, registrations)
    _empty_sections(imported)
    return imported


def _pictures(imported: Imported) -> None:
    """Pictures are not imported; a caption is kept as a comment (with the picture's
    place) and both are flagged."""
    for section in walk(imported.sections):
        for block in [b for b in section.blocks if b.note is not None]:
            if block.note == "bildtext":
                section.blocks.remove(block)
                imported.notes.setdefault("bildtexter", []).append(block)
                reason = "bildtexten står som kommentar; bilden tas inte med"
            else:
                reason = "en bild tas inte med; lägg den som bilaga eller beskriv den i text"
            imported.flags.append(Flag(block.number, section.heading, reason))


def _registration(block: Block) -> list[tuple[str, str, str]] | None:
    """The diarienummer of a paragraph whose every line is one ("Dnr Polisen: A123"):
    label, number and the line; lines broken by Shift+Enter are separate numbers."""
    if block.kind != "paragraph":
        return None
    found = []
    for line in block.text.split("\n"):
        match = REGISTRATION.match(" ".join(line.split())) if line.strip() else None
        if line.strip() and match is None:
            return None
        if match is not None:
            found.append(((match["label"] or "").strip(), match["number"].strip(), line))
    return found or None


def _parties(imported: Imported) -> None:
    for section in walk(imported.sections):
        for block in section.blocks:
            clause = read_clause(block.text) if block.kind == "paragraph" else None
            if clause is None:
                continue
            imported.parties = clause.parties
            imported.notes["parter"] = [block]
            others = [b for b in section.blocks if b is not block]
            if section.children or any(b.kind != "paragraph" for b in others):
                imported.flags.append(
                    Flag(block.number, section.heading, _GENERATED_CLAUSE + _PARTIES_KEPT)
                )
                section.blocks.remove(block)
                return
            scope: dict[str, Any] = {"rubrik": section.heading, **clause.scope}
            texts = [" ".join(b.text.split()) for b in others if b.text.strip()]
            if clause.rest:
                texts.insert(0, clause.rest)
            if texts:
                scope["text"] = texts
            if not clause.complete:
                imported.flags.append(Flag(block.number, section.heading, _GENERATED_CLAUSE))
            imported.scope = scope
            section.kind = "omfattning"
            return
    imported.flags.append(
        Flag(0, "", "inga parter med organisationsnummer (NNNNNN-NNNN) hittades: fyll i 'parter'")
    )


_BILAGA = (
    "bilagan står som ett avsnitt; flytta den till en bilagefil (bilagor/…) och ange den "
    "under 'bilagor', eller ta bort den om den förvaras för sig"
)
_LEADING = "texten stod före första rubriken; ge avsnittet en egen rubrik eller flytta texten"
_GENERATED_CLAUSE = (
    "partsmeningen skrivs nu av samverkan från 'parter' och 'omfattning'; jämför med "
    "originalet (kommentaren vid 'parter')"
)
_PARTIES_KEPT = "; avsnittets övriga text står kvar som prosa"


def _term(imported: Imported) -> None:
    for section in walk(imported.sections):
        for block in section.blocks:
            found = find_term(block.text) if block.kind == "paragraph" else None
            if found is None:
                continue
            term, rest = found
            others = [b for b in section.blocks if b is not block and (b.text.strip() or b.rows)]
            if rest or others or section.children or section.kind != "prosa":
                imported.term_suggestion = term
                imported.flags.append(
                    Flag(
                        block.number,
                        section.heading,
                        "avtalstiden är läst som data men avsnittet har mer text, så det står "
                        "kvar som prosa; för över datumen till 'tid' (förslaget står som "
                        "kommentar) och ersätt avsnittet med '- tid'",
                    )
                )
                return
            imported.term = term
            imported.notes["tid"] = [block]
            section.kind = "tid"
            return


def _organisation(imported: Imported) -> None:
    for section in walk(imported.sections):
        if section.kind != "prosa":
            continue
        organisation = read_organisation(section)
        if organisation is not None:
            imported.organisation = organisation
            section.kind = "organisation"
            return


def _signatures(imported: Imported) -> None:
    sections = [s for s in walk(imported.sections) if s.kind == "prosa"]
    for section in sections:  # the first: a bilaga may hold an earlier agreement's
        found = find_signatures(section.blocks)
        if found is None:
            continue
        kept = [b for b in section.blocks if b not in found.consumed]
        for block in kept:
            number = copies(block.text) if block.kind == "paragraph" else None
            if number is not None:
                imported.copies = number
                found.consumed.append(block)
                kept.remove(block)
                break
        section.blocks = kept
        if not section.children and not any(b.text.strip() or b.rows for b in kept):
            section.kind = "underskrifter"
        else:
            imported.signatures_after = section
        imported.notes["underskrifter"] = found.consumed
        parties = imported.parties
        if not parties:
            return
        signatories = found.signatories
        if len(signatories) != len(parties):
            imported.flags.append(
                Flag(
                    found.consumed[0].number,
                    section.heading,
                    f"{len(signatories)} undertecknare men {len(parties)} parter: kontrollera "
                    "vem som skriver under för vilken part",
                )
            )
        for index, signatory in enumerate(signatories):
            parties[min(index, len(parties) - 1)].signatories.append(signatory)
            if signatory["titel"] == TITLE_PLACEHOLDER:
                imported.flags.append(
                    Flag(found.consumed[0].number, section.heading, "undertecknare utan titel")
                )
        return


def _copies(imported: Imported) -> None:
    """The sentence on the number of copies where no signature block was read: it is
    printed with the signatures, which then follow its section."""
    if imported.copies is not None:
        return
    for section in walk(imported.sections):
        for block in section.blocks if section.kind == "prosa" else []:
            number = copies(block.text) if block.kind == "paragraph" else None
            if number is None:
                continue
            imported.copies = number
            section.blocks.remove(block)
            imported.notes.setdefault("underskrifter", []).append(block)
            if imported.signatures_after is None and section.kind == "prosa":
                imported.signatures_after = section
            return


def _registrations(imported: Imported, blocks: list[Block]) -> None:
    for block in blocks:
        unplaced = [
            line
            for label, number, line in _registration(block) or []
            if not _register(imported, block, label, number)
        ]
        if unplaced:  # kept as text: nothing is dropped
            kept = Block(block.number, "paragraph", "\n".join(unplaced))
            imported.sections.insert(0, Section("Diarienummer", block.number, 1, [kept]))
        if len(unplaced) < len(_registration(block) or []):
            imported.notes.setdefault("parter", []).append(block)


def _register(imported: Imported, block: Block, label: str, number: str) -> bool:
    """One diarienummer onto the party its label names, else onto the first without one
    (flagged); False when every party has one already."""
    party = next((p for p in imported.parties if label and label.casefold() in _names(p)), None)
    if party is None or party.registration is not None:
        imported.flags.append(
            Flag(
                block.number,
                "",
                "diarienumret kunde inte knytas till en part: skriv det under rätt "
                "parts 'diarienummer'"
                if imported.parties
                else "diarienumret har ingen part",
            )
        )
        party = next((p for p in imported.parties if p.registration is None), None)
        if party is None:
            return False
    party.registration = number
    if label and label != (party.short_name or party.name):  # else the label printed anyway
        party.registration_label = label
    return True


def _names(party: PartyFound) -> set[str]:
    return {n.casefold() for n in (party.name, party.short_name) if n}


def _empty_sections(imported: Imported) -> None:
    """A prose section left with a heading only (its text became data, or Word had none)
    gets a placeholder text, flagged: a prose section needs some text."""
    for section in walk(imported.sections):
        empty = not any(b.text.strip() or b.rows for b in section.blocks)
        if section.kind == "prosa" and empty and not section.children:
            imported.flags.append(Flag(section.number, section.heading, EMPTY_SECTION))


EMPTY_SECTION = "avsnittet har bara en rubrik; skriv dess text eller ta bort det"


__all__ = ["Flag", "Imported", "shape"]
