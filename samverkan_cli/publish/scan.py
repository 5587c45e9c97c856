"""After redaction: what in the public version still looks personal (rule SV166).

The redaction removes what the data says is personal; the scan looks at what is left with
wider nets, so that a name written only in prose or a number in an odd notation is seen
before the document is published:

- a name: a known first name followed by a capitalised word ("Lena Holmqvist"), or two
  capitalised words inside a sentence that are no organisation's or place's and never
  occur in lower case in the document; and a part of a removed name left standing where
  it could be an ordinary word (at the start of a sentence: "Berg har …");
- a phone number that `phonenumbers` accepts as possible in Sweden and that is not kept;
- an e-mail address that was kept but looks personal (a first name, "anna@…");
- ten or twelve digits, separated in any way, that are a valid personnummer;
- a bilaga file of another format, left out of the public version.

Each finding is a warning located in the public Markdown; under `build --strikt` one stops
the build before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from phonenumbers import Leniency

from samverkan_cli.core.folding import fold
from samverkan_cli.core.problems import Location, Problem, Severity
from samverkan_cli.document.tree import Document
from samverkan_cli.publish.patterns import (
    EMAIL,
    is_kept_number,
    loose_personal_ids,
    phone_numbers,
    switchboard_numbers,
)
from samverkan_cli.publish.person_names import (
    CAPITALISED,
    PARTICLES,
    at_sentence_start,
    is_place_word,
    name_parts,
)
from samverkan_cli.publish.redaction import RedactionPolicy
from samverkan_cli.publish.walk import texts_of
from samverkan_cli.publish.words import COMMON_WORDS, FIRST_NAMES

RULE_PUBLIC_SCAN = "SV166"

_PAIR = re.compile(
    r"(?<![\w-])(" + CAPITALISED.pattern + r")(?=[ \u00a0]+(" + CAPITALISED.pattern + r")(?![\w-]))"
)
"""Two capitalised words; a lookahead, so that every pair is seen ("Rektor Emir Hodžić":
"Rektor Emir" and "Emir Hodžić")."""
_WORDS = re.compile(r"[\w-]+")
_DEFINITE = ("an", "et", "na", "orna", "arna", "erna")


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str
    """"namn", "telefon", "epost", "personnummer" or "fil"."""
    text: str


def scan(
    original: Document, redacted: Document, policy: RedactionPolicy, swedish: bool = True
) -> list[Finding]:
    """What still looks personal in `redacted` (the public version of `original`). Two
    unknown capitalised words are a name only in Swedish, which writes titles and bodies in
    lower case; a translation (`swedish=False`, where "Municipal Executive Board" is how the
    language writes it) is scanned for known first names, the data's names, numbers and
    addresses."""
    texts = texts_of(redacted)
    lower = {w for t in texts for w in _WORDS.findall(t) if w[:1].islower()}
    kept_names = {w for name in policy.kept_names for w in name.split()}
    removed_parts = {p for name in policy.removed_names for p in name_parts(name)}
    kept_numbers = policy.kept_numbers | switchboard_numbers(texts_of(original))
    found: dict[Finding, None] = {}
    for text in texts:
        for finding in _names(text, lower, kept_names, removed_parts, policy, swedish):
            found[finding] = None
        for phone in phone_numbers(text, Leniency.POSSIBLE):
            written = text[phone.start : phone.end]
            if not is_kept_number(written, phone.number, kept_numbers):
                found[Finding("telefon", written)] = None
        for match in EMAIL.finditer(text):
            if _looks_personal(match.group()):
                found[Finding("epost", match.group())] = None
        for start, end in loose_personal_ids(text):
            found[Finding("personnummer", text[start:end])] = None
    for source in _included_files(original):
        found[Finding("fil", source)] = None
    return list(found)


def _names(
    text: str,
    lower: set[str],
    kept: set[str],
    removed_parts: set[str],
    policy: RedactionPolicy,
    swedish: bool,
) -> Iterator[Finding]:
    places = policy.place_words
    for match in _PAIR.finditer(text):
        first, second = match.group(1), match.group(2)
        if first in kept or second in kept:
            continue
        known = (first in FIRST_NAMES and not is_place_word(second, places)) or (
            second in FIRST_NAMES and not is_place_word(first, places)
        )
        unknown = swedish and _unknown_pair(text, match.start(), (first, second), lower, places)
        if known or unknown:
            yield Finding("namn", text[match.start() : match.end(2)])
    for part in removed_parts - kept:
        if is_place_word(part, places):
            continue
        for match in re.finditer(r"(?<![\w-])" + re.escape(part) + r"s?(?![\w-])", text):
            yield Finding("namn", match.group())


def _unknown_pair(
    text: str, start: int, words: tuple[str, str], lower: set[str], places: frozenset[str]
) -> bool:
    """Two capitalised words inside a sentence, neither a place's, an organisation's or an
    ordinary word (one that the document also writes in lower case), the second not a noun
    in the definite form ("Lugna Gatan", "Unga Vuxna" are names of things)."""
    if words[1].endswith(_DEFINITE):
        return False
    return not at_sentence_start(text, start) and not any(
        is_place_word(w, places)
        or w.casefold() in lower
        or w.casefold() in COMMON_WORDS
        or w.casefold() in PARTICLES
        for w in words
    )


def _looks_personal(address: str) -> bool:
    """A kept address whose local part is a first name ("anna@", "anna.b@")."""
    local = fold(address.rpartition("@")[0])
    first = re.split(r"[._+-]", local)[0]
    return any(fold(name) == first for name in FIRST_NAMES)


def _included_files(document: Document) -> Iterator[str]:
    for block in document.blocks:
        if type(block).__name__ == "IncludedDocument":
            yield str(getattr(block, "source", ""))


def scan_public_version(
    original: Document, public: Document, policy: RedactionPolicy, path: Path, swedish: bool = True
) -> list[Problem]:
    """The scan's findings in the public version of `original`, as warnings located in
    its Markdown, which is (or would be) written at `path` (`swedish=False`: a translation)."""
    from samverkan_cli.source.loading import display_path
    from samverkan_cli.writers import write_markdown

    findings = scan(original, public, policy, swedish)
    if not findings:
        return []
    return findings_as_problems(findings, write_markdown(public), display_path(path))


def findings_as_problems(findings: list[Finding], markdown: str, path: Path | str) -> list[Problem]:
    """Each finding as a warning at its first place in the public Markdown `markdown`
    (written, or to be written, at `path`)."""
    problems = []
    for finding in findings:
        line, column = _position(markdown, finding.text)
        problems.append(
            Problem(
                Location(str(path), line, column),
                RULE_PUBLIC_SCAN,
                Severity.WARNING,
                _message(finding),
            )
        )
    return problems


def _position(markdown: str, text: str) -> tuple[int, int]:
    """Where `text` first stands as whole words ("Per", not the start of "Personrån")."""
    whole = re.search(r"(?<![\w-])" + re.escape(text) + r"(?![\w-])", markdown)
    index = whole.start() if whole else markdown.find(text)
    if index < 0:
        return 1, 1
    before = markdown[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def _message(finding: Finding) -> str:
    what = finding.text
    if finding.kind == "namn":
        return (
            f"den publika versionen innehåller '{what}', som ser ut som ett namn; är det en "
            f"person, lägg till namnet i samverkan.yaml: publicering: {{ta_bort_namn: [{what}]}}, "
            f"annars: publicering: {{behåll_namn: [{what}]}}"
        )
    if finding.kind == "telefon":
        return (
            f"den publika versionen innehåller '{what}', som kan vara ett telefonnummer; är det "
            f"en växel, skriv 'växel' framför det eller lägg till det i samverkan.yaml: "
            f'publicering: {{behåll_nummer: ["{what}"]}}; annars skriv det som '
            "telefonnummer, till exempel 070-123 45 67, så tas det bort"
        )
    if finding.kind == "epost":
        return (
            f"den publika versionen innehåller '{what}', som ser ut som en persons e-postadress; "
            "använd en funktionsadress (till exempel registrator@kommun.se), eller lägg till "
            f"den i samverkan.yaml: publicering: {{behåll_adresser: [{what}]}} om den är en"
        )
    if finding.kind == "personnummer":
        return (
            f"den publika versionen innehåller '{what}', som är ett giltigt personnummer; "
            "ta bort det ur källan eller skriv det ÅÅMMDD-NNNN, till exempel 850101-1234, "
            "så tas det bort"
        )
    return (
        f"bilagan i filen '{what}' ingår inte i den publika versionen: en fil av annat format "
        "kan inte rensas från personuppgifter; skriv bilagan som YAML eller Markdown "
        "(till exempel bilagor/lagesbild.yaml), eller publicera en rensad fil separat"
    )
