"""Finding people's names in text, for the public version.

A name from the data is removed wherever it stands: whole ("Anna Berg", any case, also
"ANNA BERG"), in the genitive ("Anna Bergs"), with initials ("A. Berg", "A.B. Berg"), with
the surname's initial ("Anna B."), and each part alone ("Anna", "Bergs"). A part alone is
matched as a whole word and only as written in the data (capitalised), so "berg" in "berg
och dal" is never touched. A part that is also an ordinary word (`COMMON_WORDS`: "Berg",
"Lund", "Strand", "Per") is removed only where it cannot be the word: capitalised and not at
the start of a sentence ("kontakta Berg", "enligt Kommunpolis Berg"). A part that is a word
of a party's name or place ("Rinkeby" in a person called Rinkeby) is removed only with the
rest of the name. A capitalised word right before or after a removed part goes with it
when it looks like the rest of the name ("Anna Svensson" where only Anna is known).

Names that stay (samverkan.yaml `behåll_namn`, and the signatories with
`behåll_undertecknare: true`) are matched too, so that a part they share with a removed
name is not taken out of them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

from samverkan_cli.publish.words import (
    COMMON_WORDS,
    FIRST_NAMES,
    INSTITUTION_WORDS,
    ROLE_WORDS,
    SURNAME_ENDINGS,
)

_SPACE = r"[ \t\u00a0]+"
_GENITIVE = r"(?:s|'s|’s|'|’)?"
_WORD_END = r"(?![\w-])"
_WORD_START = r"(?<![\w-])"
PARTICLES = frozenset({"af", "av", "von", "van", "der", "de", "la", "le", "el", "al", "bin", "ibn"})
SENTENCE_START = re.compile(r"(?:^|[.!?…]|\n)[\s\"'“”‘’«»(\[*_–-]*$")
_UPPER = "A-ZÀ-ÖØ-Þ\u0100-\u017f"  # Latin-1 and Latin Extended-A: "Ibrahimović", "Øberg"
_LOWER = "a-zß-öø-ÿ\u0100-\u017f"
CAPITALISED = re.compile(f"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?")
_NEXT_WORD = re.compile(_SPACE + r"(" + CAPITALISED.pattern + r")" + _GENITIVE + _WORD_END)
_PREVIOUS_PARTICLE = re.compile(_WORD_START + r"(?:af|von|van|der|bin|ibn)" + _SPACE + r"$")
"""A particle that goes with the name after it; not "av", "de", "la": Swedish words too."""
_COORDINATED = re.compile(r"[ \t\u00a0]*(?:,|&|och|eller|samt)[ \t\u00a0]+")
"""Between two names in a row: "Björn och Camila", "Per, Anna"."""
_PREVIOUS_WORD = re.compile(_WORD_START + r"(" + CAPITALISED.pattern + r")" + _SPACE + r"$")


@dataclass(frozen=True, slots=True)
class NameHit:
    start: int
    end: int
    kept: bool
    """A name that stays: its span is protected from the other patterns."""


def name_parts(name: str) -> list[str]:
    """The words of a name that can stand alone: not initials or particles ("af", "von")."""
    words = unicodedata.normalize("NFC", name).replace(",", " ").split()
    return [w.strip(".") for w in words if len(w.strip(".")) > 1 and w.casefold() not in PARTICLES]


def at_sentence_start(text: str, start: int) -> bool:
    return SENTENCE_START.search(text[:start]) is not None


def is_place_word(word: str, place_words: Collection[str]) -> bool:
    """A word of an organisation or a place, also in the genitive ("Lunds")."""
    return (
        word in place_words
        or word.removesuffix("s") in place_words
        or word in INSTITUTION_WORDS
        or word.removesuffix("s") in INSTITUTION_WORDS
    )


class NameFinder:
    """Finds the names to remove, and those to keep, in one text at a time."""

    def __init__(
        self,
        removed: Iterable[str],
        kept: Iterable[str] = (),
        place_words: Collection[str] = frozenset(),
    ) -> None:
        self.place_words = place_words
        removed_names = _unique(removed)
        kept_names = _unique(kept)
        whole: list[tuple[str, bool]] = []
        for name in removed_names:
            whole.extend((pattern, False) for pattern in _whole_name_patterns(name))
        for name in kept_names:
            whole.extend((pattern, True) for pattern in _whole_name_patterns(name))
        whole.sort(key=lambda item: len(item[0]), reverse=True)
        self._whole = [(re.compile(pattern), kept) for pattern, kept in whole]
        parts = {part for name in removed_names for part in name_parts(name)}
        self.parts = frozenset(parts)
        self._parts = (
            re.compile(
                _WORD_START
                + "(?:"
                + "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True))
                + ")"
                + _GENITIVE
                + _WORD_END
            )
            if parts
            else None
        )

    def __bool__(self) -> bool:
        return bool(self._whole)

    def find(self, text: str) -> Iterator[NameHit]:
        """Every whole name (removed or kept) and every part alone that is to be removed;
        the hits may overlap (the caller keeps the longest at each place)."""
        for pattern, kept in self._whole:
            for match in pattern.finditer(text):
                yield NameHit(match.start(), match.end(), kept)
        if self._parts is None:
            return
        hits: list[NameHit] = []
        doubtful: list[tuple[int, int]] = []
        for match in self._parts.finditer(text):
            part = _without_genitive(match.group(), self.parts)
            if self._removable_alone(part, text, match.start()):
                start, end = self._with_rest_of_name(text, match.start(), match.end())
                hits.append(NameHit(start, end, False))
            elif not is_place_word(part, self.place_words):
                doubtful.append((match.start(), match.end()))
        starts = {hit.start for hit in hits}
        for start, end in doubtful:  # "Björn och Camila presenterade …": both are names
            joined = _COORDINATED.match(text, end)
            if joined is not None and joined.end() in starts:
                hits.append(NameHit(start, end, False))
        yield from hits

    def _removable_alone(self, part: str, text: str, start: int) -> bool:
        if is_place_word(part, self.place_words):
            return False
        if part.casefold() in COMMON_WORDS:
            return not at_sentence_start(text, start) and not _as_place(text, start)
        return True

    def _with_rest_of_name(self, text: str, start: int, end: int) -> tuple[int, int]:
        """The hit widened to a name-like capitalised word beside it ("Anna Svensson")."""
        following = _NEXT_WORD.match(text, end)
        if following is not None and self._could_be_name(following.group(1)):
            end = following.end()
        particle = _PREVIOUS_PARTICLE.search(text[:start])
        if particle is not None:  # "von Platen", "af Klint"
            start = particle.start()
        preceding = _PREVIOUS_WORD.search(text[:start])
        if preceding is not None:
            word = preceding.group(1)
            if word in FIRST_NAMES or (
                self._could_be_name(word) and not at_sentence_start(text, preceding.start())
            ):
                start = preceding.start()
        return start, end

    def _could_be_name(self, word: str) -> bool:
        return not is_place_word(word, self.place_words) and word.casefold() not in COMMON_WORDS


_IN_PLACE = re.compile(r"(?<![\w-])i" + _SPACE + r"$")
_PLACE_AFTER = re.compile(r"[\w-]+" + _SPACE + r"(?:kommun|stad|län|socken|församling)\b")


def _as_place(text: str, start: int) -> bool:
    """A surname that is also a place, written as the place: "polisen i Lund", "Bergs
    kommun" (never a person: one is not "i" a person)."""
    return _IN_PLACE.search(text[:start]) is not None or _PLACE_AFTER.match(text, start) is not None


def _whole_name_patterns(name: str) -> list[str]:
    """The whole name in any case, in the genitive, with initials for the given names, and
    with the surname's initial."""
    words = unicodedata.normalize("NFC", name).split()
    if not words:
        return []
    joined = _SPACE.join(re.escape(w) for w in words)
    patterns = [_WORD_START + "(?i:" + joined + ")" + _GENITIVE + _WORD_END]
    given, surname = words[:-1], words[-1]
    if given and surname[:1].isupper():
        initials = "".join(
            re.escape(w[0]) + r"(?:\.[ \u00a0]?|[ \u00a0])" for w in given if w[:1].isupper()
        )
        if initials:
            patterns.append(_WORD_START + initials + re.escape(surname) + _GENITIVE + _WORD_END)
        first_initial = re.escape(given[0][0]) + r"(?:\.[ \u00a0]?|[ \u00a0])"
        patterns.append(_WORD_START + first_initial + re.escape(surname) + _GENITIVE + _WORD_END)
        patterns.append(
            _WORD_START
            + _SPACE.join(re.escape(w) for w in given)
            + _SPACE
            + re.escape(surname[0])
            + r"(?=\.)"
        )
    return list(dict.fromkeys(patterns))


def _without_genitive(found: str, parts: Collection[str]) -> str:
    if found in parts:
        return found
    for suffix in ("'s", "’s", "s", "'", "’"):
        if found.endswith(suffix) and found.removesuffix(suffix) in parts:
            return found.removesuffix(suffix)
    return found


def _unique(names: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        cleaned = " ".join(unicodedata.normalize("NFC", name).split())
        if cleaned:
            seen.setdefault(cleaned.casefold(), cleaned)
    return list(seen.values())


def looks_like_name(words: list[str], place_words: Collection[str]) -> bool:
    """Two to four capitalised words, none an organisation's or a place's: the shape of a
    person's name ("Karin Provsson", "Anna-Karin af Berg"), not "Lokalpolisområde Rinkeby"."""
    names = [w for w in words if w.casefold() not in PARTICLES]
    if not 2 <= len(names) <= 4:
        return False
    return all(
        CAPITALISED.fullmatch(w) is not None and not is_place_word(w, place_words) for w in names
    )


def names_in_free_text(text: str, place_words: Collection[str]) -> list[str]:
    """The person-like names in a field that may name a person or a function ("Anna Berg,
    kommunpolis", "BRÅ-samordnarna i Exempelås", "Nattvandrare, Lugna Gatan"): runs of
    capitalised words that `looks_like_name` and carry a sign of a person's name (see
    `person_signal`). Another name there is left to the scan after redaction, which
    reports it."""
    found: list[str] = []
    for piece in re.split(r"[,;:()/\n]|\s(?:och|samt|eller|med|för|i|på|vid)\s", text):
        run: list[str] = []
        for word in [*piece.split(), ""]:
            if word and (CAPITALISED.fullmatch(word) or word.casefold() in PARTICLES):
                run.append(word)
                continue
            while run and run[0].casefold() in PARTICLES:
                run = run[1:]
            if run and looks_like_name(run, place_words) and person_signal(run, ""):
                found.append(" ".join(run))
            run = []
    return found


def person_signal(words: list[str], before: str, at_start: bool = False) -> bool:
    """A run of capitalised words that is a person's name, not a thing's: it begins with a
    common first name ("Lena Holmqvist"), follows a title or role ("rektor Emir Hodžić"),
    ends in a surname ("Dragana Petrović", "Gunnel Sandström-Ek") or has a particle inside
    ("Jovan von Platen"; not at the start of a sentence: "Enligt von Essen")."""
    if words[0] in FIRST_NAMES or is_role(before):
        return True
    if not at_start and any(w.casefold() in PARTICLES for w in words[1:-1]):
        return True
    return any(is_surname_shaped(w) for w in words[1:])


def is_role(word: str) -> bool:
    """A title or role, also in the definite form: "rektor", "Fältassistenten"."""
    word = word.casefold().strip(",:")
    stems = {word, word.removesuffix("en"), word.removesuffix("n"), word.removesuffix("et")}
    return any(stem.endswith(role) for stem in stems for role in ROLE_WORDS)


def is_surname_shaped(word: str) -> bool:
    """A word with a surname's ending, or a double surname with one ("Sandström-Ek")."""
    return any(
        len(piece) > 4 and piece.casefold().endswith(SURNAME_ENDINGS)
        for piece in word.rstrip("s").split("-")
    )


_PROSE_PARTICLE = r"(?:af|von|van|der|de|da|dos|del|di|du|la|le|bin|ibn)"
_PROSE_NAME = re.compile(
    _WORD_START
    + r"("
    + CAPITALISED.pattern
    + r")"
    + r"((?:"
    + _SPACE
    + r"(?:"
    + _PROSE_PARTICLE
    + _SPACE
    + r"){0,2}(?:"
    + CAPITALISED.pattern
    + r"))+)"
    + _GENITIVE
    + _WORD_END
)
_PREVIOUS_ROLE = re.compile(r"([\w-]+)[ \t\u00a0]+$")
_ROLE_AND_SURNAME = re.compile(
    _WORD_START + r"([\w-]+)" + _SPACE + r"(" + CAPITALISED.pattern + r")" + _GENITIVE + _WORD_END
)
_NAMED_PLACE = re.compile(
    r"(?:gata|gatan|väg|vägen|torg|torget|plats|platsen|park|parken|skola|skolan|gård|gården"
    r"|plan|kyrka|kyrkan|gymnasium|gymnasiet|centrum|huset|hus)\b"
)


def prose_names(texts: Iterable[str], place_words: Collection[str]) -> list[str]:
    """Names written in prose that the data does not know: two or three capitalised words
    (particles between them allowed) that are no place's or organisation's and carry a
    sign of a person's name (`person_signal`: "Karin Wanngård", "Carl von Platen",
    "rektor Emir Hodžić"), unless a word for a place follows ("Olof Palmes gata"); and a
    surname alone after a title ("kommunpolis Svensson")."""
    found: dict[str, None] = {}
    for text in texts:
        for match in _PROSE_NAME.finditer(text):
            words = [match.group(1), *match.group(2).split()]
            before = _PREVIOUS_ROLE.search(text[: match.start()])
            at_start = at_sentence_start(text, match.start())
            name = _name_in_run(words, before.group(1) if before else "", at_start, place_words)
            if name is None:
                continue
            after = text[match.end() : match.end() + 12].lstrip()
            if _NAMED_PLACE.match(after) or name[-1].endswith(_PLACE_SUFFIXES):
                continue
            found[" ".join(name)] = None
        for match in _ROLE_AND_SURNAME.finditer(text):
            role, surname = match.group(1), match.group(2)
            shaped = is_role(role) and is_surname_shaped(surname)
            if shaped and not is_place_word(surname, place_words):
                found[surname] = None
    return list(found)


def _name_in_run(
    words: list[str], before: str, at_start: bool, place_words: Collection[str]
) -> list[str] | None:
    """The name in a run of capitalised words: from its first word, or after a title that
    begins it ("Rektor Emir Hodžić") or a word before it ("Enligt Dragana Petrović")."""
    for start in range(min(2, len(words) - 1)):
        if words[start].casefold() in PARTICLES:
            break
        if start == 0 and is_role(words[0]):
            continue
        role = words[start - 1] if start else before
        name = _first_names(words[start:])
        if looks_like_name(name, place_words) and person_signal(name, role, at_start and not start):
            return name
    return None


def _first_names(words: list[str]) -> list[str]:
    """The first three words that are not particles, and the particles among them ("Carl
    von Platen", "Anna Maria Lind")."""
    taken: list[str] = []
    for word in words:
        if len([w for w in taken if w.casefold() not in PARTICLES]) == 3:
            break
        taken.append(word)
    while taken and taken[-1].casefold() in PARTICLES:
        taken.pop()
    return taken


_PLACE_SUFFIXES = ("gatan", "vägen", "torget", "platsen", "parken", "skolan", "gården")
