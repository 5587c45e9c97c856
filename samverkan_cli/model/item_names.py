"""What one item of each list of the data is called in Swedish, and which key names it.

Shared by `samverkan diff` (which reports an added or moved item by its noun) and the rule
that refuses a second item with the same id (SV165), so both speak of an item alike.
"""

from __future__ import annotations

NOUNS: dict[tuple[str, ...], tuple[str, bool]] = {
    ("parter",): ("part", False),
    ("forum",): ("forum", True),
    ("bilagor", "lista"): ("bilaga", False),
    ("funktioner", "lista"): ("funktion", False),
    ("funktioner",): ("funktion", False),
    ("underlag",): ("underlag", True),
    ("prioriterade_områden",): ("prioriterat område", True),
    ("undantag",): ("undantag", True),
    ("profil",): ("regelprofil", False),
    ("undertecknare",): ("undertecknare", False),
    ("processer",): ("process", False),
    ("uppgifter",): ("uppgift", False),
    ("orsaker",): ("orsak", False),
    ("mål",): ("mål", True),
    ("personer",): ("person", False),
    ("planer",): ("plan", False),
    ("mötesfrekvens",): ("forum", True),
    ("punkter",): ("punkt", False),
    ("avsnitt",): ("avsnitt", True),
    ("löften",): ("löftesgrupp", False),
    ("lovar",): ("löfte", True),
    ("rader",): ("rad", False),
    ("fokusområden",): ("fokusområde", True),
    ("aktiviteter",): ("aktivitet", False),
    ("tillfällen",): ("tillfälle", True),
    ("uppföljning",): ("uppföljning", False),
    ("upprättad_av",): ("upprättare", False),
    ("förslag_till_beslut",): ("beslutsförslag", True),
    ("övriga_bilagor",): ("övrig bilaga", False),
}
"""What one item of a list is called, and whether the noun is neuter (ett-ord)."""

KEY_ATTRIBUTES = ("id", "rule")
"""Attributes that identify a list item across versions (`id`, or `regel` of an undantag)."""

KEY_FIELDS = ("id", "regel")
"""The same, as YAML keys (for the data trees the fallback walks)."""


def noun_of(path: tuple[str, ...], label: str) -> tuple[str, bool]:
    """What one item of the list at `path` is called, and whether it is an ett-ord."""
    for length in (2, 1):
        found = NOUNS.get(path[-length:]) if len(path) >= length else None
        if found is not None:
            return found
    key = path[-1] if path else ""
    return (f"post i {label or key.replace('_', ' ')}", False)
