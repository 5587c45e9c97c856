"""A section on the collaboration organisation read as forums: each subsection whose
heading names a forum (styrgrupp, beredningsgrupp, arbetsgrupp, samverkansgrupp, lokalt
BRÅ, områdesgrupp) becomes a forum with its uppdrag, its functions ("I styrgruppen ska
följande funktioner ingå:" and the list after it) and its meetings, the frequency read as
data and its words kept as written (`som_skrivet`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from samverkan_cli.importing.prose_markdown import blocks_markdown
from samverkan_cli.importing.recognisers import find_frequency
from samverkan_cli.importing.word_outline import Section
from samverkan_cli.importing.word_reading import Block

_ROLES = (
    ("styrgrupp", "styrgrupp"),
    ("beredningsgrupp", "beredningsgrupp"),
    ("arbetsgrupp", "arbetsgrupp"),
    ("samverkansgrupp", "samverkansgrupp"),
    ("brå", "lokalt brå"),
    ("brottsförebyggande råd", "lokalt brå"),
    ("områdesgrupp", "områdesgrupp"),
)
_MEETING_WORDS = re.compile(r"möt|sammanträd|träffas|ses\b|sammankall", re.IGNORECASE)
_MEMBERS_WORDS = re.compile(r"funktion|ingå|består|deltar|representer", re.IGNORECASE)
ORGANISATION_HEADING = re.compile(r"organisation", re.IGNORECASE)


def forum_role(heading: str) -> str | None:
    folded = heading.casefold()
    return next((role for word, role in _ROLES if word in folded), None)


def read_organisation(section: Section) -> dict[str, Any] | None:
    """`organisation:` for a section whose every subsection is a forum, or None."""
    if not ORGANISATION_HEADING.search(section.heading) or not section.children:
        return None
    if any(b.kind == "table" for b in section.blocks):
        return None
    forums = []
    used: set[str] = set()
    for child in section.children:
        forum = _forum(child, used)
        if forum is None:
            return None
        forums.append(forum)
    organisation: dict[str, Any] = {"rubrik": section.heading}
    introduction = _paragraphs(section.blocks)
    if introduction is None:
        return None
    if introduction:
        organisation["inledning"] = introduction
    organisation["forum"] = forums
    return organisation


def _forum(section: Section, used: set[str]) -> dict[str, Any] | None:
    role = forum_role(section.heading)
    if role is None or section.children or any(b.kind == "table" for b in section.blocks):
        return None
    forum: dict[str, Any] = {"id": _identifier(section.heading, used), "roll": role}
    forum["rubrik"] = section.heading
    forum["uppdrag"] = []  # first in the file, as in the printed forum
    purpose: list[Block] = []
    blocks = [b for b in section.blocks if b.kind == "item" or b.text.strip()]
    index = 0
    while index < len(blocks):
        block = blocks[index]
        items = _items_after(blocks, index)
        text = " ".join(block.text.split())
        if (
            block.kind == "paragraph"
            and text.endswith(":")
            and items
            and "funktioner" not in forum
            and _MEMBERS_WORDS.search(text)
            and all(item.level == 0 for item in items)
        ):
            forum["funktioner"] = {
                "inledning": text,
                "lista": [" ".join(item.text.split()) for item in items],
            }
            index += 1 + len(items)
            continue
        found = find_frequency(text) if block.kind == "paragraph" else None
        if found is not None and "möten" not in forum and _MEETING_WORDS.search(text):
            phrase, value = found
            forum["möten"] = {
                "frekvens": value,
                "som_skrivet": phrase,
                "text": text.replace(phrase, "{frekvens}", 1),
            }
            forum["_källa"] = [block]  # the sentence as Word has it, kept as a comment
            if "{frekvens}" not in forum["möten"]["text"]:
                return None
            index += 1
            continue
        purpose.append(block)
        index += 1
    paragraphs = _paragraphs(purpose)
    if paragraphs is None:
        return None
    forum["uppdrag"] = paragraphs
    if not paragraphs:
        del forum["uppdrag"]
    return forum


def _items_after(blocks: list[Block], index: int) -> list[Block]:
    end = index + 1
    while end < len(blocks) and blocks[end].kind == "item":
        end += 1
    return blocks[index + 1 : end]


def _paragraphs(blocks: list[Block]) -> list[str] | None:
    """Paragraphs, each with the lists after it, as paragraph Markdown; None when a list
    stands first (it has no paragraph to belong to)."""
    groups: list[list[Block]] = []
    for block in blocks:
        if block.kind == "item":
            if not groups:
                return None
            groups[-1].append(block)
        elif block.text.strip():
            groups.append([block])
    return [blocks_markdown(group) for group in groups]


def _identifier(heading: str, used: set[str]) -> str:
    decomposed = unicodedata.normalize("NFKD", heading.casefold())
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:40].strip("-") or "forum"
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    used.add(candidate)
    return candidate


__all__ = ["ORGANISATION_HEADING", "forum_role", "read_organisation"]
