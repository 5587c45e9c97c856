"""What the public version finds in text besides names: personnummer and samordningsnummer,
Swedish phone numbers and e-mail addresses, and which of them are public (switchboards,
functional mailboxes) and so stay.

Phone numbers are found by the `phonenumbers` library (Google's libphonenumber), region SE,
leniency VALID: a number must be one that can be dialled in Sweden, in any notation
(`0651/18000`, `0651-180 00`, `+46 651 180 00`, `070.123.45.67`, `(08) 508 000 00`).
An organisationsnummer, a diarienummer ("KS 2024/123"), a date, a year range, a postal code,
a sum of money or a paragraph number is not a valid number, and a match must also begin as
a written phone number does (0, + or a parenthesis) and not continue a longer number.

A personnummer (YYYYMMDD-NNNN, YYMMDD-NNNN, YYMMDD+NNNN, without the dash, or with a space)
is taken only when its date exists (a samordningsnummer's day is the day plus 60) and its
last digit is the Luhn check digit of the ten; an org.nr (third digit 2 or more: month 20 or
more) never is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from samverkan_cli.core.folding import fold
from samverkan_cli.core.phone_numbers import ALWAYS_KEPT_NUMBERS
from samverkan_cli.publish.words import FUNCTIONAL_MAILBOXES, PRIVATE_MAIL_DOMAINS

EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")

PERSONAL_ID = re.compile(
    r"(?<![\w/])(?<!\d[.,/-])"
    r"(?P<century>\d{2})?(?P<date>\d{6})(?:[ \u00a0]?[-+\u2010-\u2013][ \u00a0]?|[ \u00a0])?"
    r"(?P<serial>\d{4})(?![\w/])(?![.,-]\d)"
)
LOOSE_DIGITS = re.compile(r"(?<![\w])\d(?:[ .\-+/\u00a0]?\d){9,11}(?![\w])")
"""Ten or twelve digits with any single separators: the scan's wider net for an id."""

_SWITCHBOARD_WORDS = (
    r"(?<!\w)\w*växel\w*|(?<!\w)\w*kontaktcent\w*|(?<!\w)\w*kundtjänst\w*"
    r"|(?<!\w)\w*servicecent\w*|medborgarservice\w*|huvudnummer\w*|upplysningen"
)
r"""The `(?<!\w)` finds the same words, since a leading `\w*` takes the whole word from its
start, but keeps the search linear: tried at every letter of a long word ("bilaga 999…"),
each `\w*` would run to the word's end and back, quadratic in the word's length."""
SWITCHBOARD = re.compile(_SWITCHBOARD_WORDS, re.IGNORECASE)
"""A word that makes the number near it public: a switchboard, a contact centre, a
customer service ("kommunens växel", "kontaktcenter", "kundtjänst", "servicecenter")."""
_TIME = re.compile(r"\d{2}[.:]\d{2}(?!\d)")
"""A time of day ("08.00–16.30"), which `phonenumbers` may read as a number."""
_EXTENSION = re.compile(
    r"[ \u00a0]*,?[ \u00a0]*(?:ankn(?:ytning)?|anknr|ank|lokalnr|ext)\.?[ \u00a0]*\d{1,5}(?!\d)",
    re.IGNORECASE,
)
"""An extension written after a number ("08-545 812 00 ankn. 236"): it goes with the number."""
_GAP_TO_NUMBER = re.compile(r"[^\d.!?\n)]{0,30}$")
_AFTER_A_NUMBER = re.compile(r"\d[ \u00a0(]*$")
_GAP_AFTER_NUMBER = re.compile(
    r"^[ \u00a0]*\(?(?:kommunens |polisens |\w+s )?(?:" + _SWITCHBOARD_WORDS + ")", re.I
)


@dataclass(frozen=True, slots=True)
class PhoneMatch:
    start: int
    end: int
    number: str
    """E.164, `+46651180000`: the same number in any notation compares equal."""


def personal_ids(text: str) -> Iterator[tuple[int, int]]:
    """Where personnummer and samordningsnummer stand in `text`."""
    for match in PERSONAL_ID.finditer(text):
        if is_personal_id(match["century"] or "", match["date"], match["serial"]):
            yield match.start(), match.end()


def is_personal_id(century: str, date: str, serial: str) -> bool:
    """True for a date (or a samordningsnummer's date plus 60) with a right Luhn digit."""
    if not _luhn_valid(date + serial):
        return False
    year, month, day = int(date[:2]), int(date[2:4]), int(date[4:6])
    if day > 60:
        day -= 60
    centuries = [int(century)] if century else [19, 20]
    for hundreds in centuries:
        try:
            dt.date(hundreds * 100 + year, month, day)
        except ValueError:
            continue
        return True
    return False


def loose_personal_ids(text: str) -> Iterator[tuple[int, int]]:
    """Ten or twelve digits, separated in any way, that are a valid personnummer."""
    for match in LOOSE_DIGITS.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) == 12 and digits[:2] in ("18", "19", "20"):
            if is_personal_id(digits[:2], digits[2:8], digits[8:]):
                yield match.start(), match.end()
        elif len(digits) == 10 and is_personal_id("", digits[:6], digits[6:]):
            yield match.start(), match.end()


def _luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def phone_numbers(text: str, leniency: int = Leniency.VALID) -> Iterator[PhoneMatch]:
    """Swedish phone numbers in `text`, in any notation (see the module's doc)."""
    if not any(char.isdigit() for char in text):
        return
    for match in PhoneNumberMatcher(text, "SE", leniency=leniency, max_tries=1000):
        start, end = match.start, match.end
        if not _written_as_phone_number(text, start, end):
            continue
        number = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        extension = _EXTENSION.match(text, end)
        yield PhoneMatch(start, extension.end() if extension else end, number)


def _written_as_phone_number(text: str, start: int, end: int) -> bool:
    """A phone number begins with 0, + or "(", and is not a time, the middle of a longer
    number, a decimal ("0,0123456789") or a diarienummer ("A182.072/2016")."""
    if text[start] not in "0+(" or _TIME.match(text, start):
        return False
    before, after = text[max(0, start - 2) : start], text[end : end + 2]
    if before[-1:].isalnum() or re.search(r"\d[.,/-]$|[/+]$", before):
        return False
    return not (after[:1].isalnum() or re.match(r"[.,/-]\d|/", after))


def is_kept_number(written: str, number: str, kept: Collection[str]) -> bool:
    """True for a switchboard or emergency number, or one listed in `kept` (E.164)."""
    digits = re.sub(r"\D", "", written)
    return digits in ALWAYS_KEPT_NUMBERS or number in kept or number in ALWAYS_KEPT_NUMBERS


def switchboard_numbers(texts: Iterable[str]) -> set[str]:
    """The numbers that prose marks as a switchboard: "växel 0651-180 00", "via växeln,
    0651-180 00", "0651-180 00 (växel)". The word must come at most a few words before the
    number, in the same sentence and with no other number between, or right after it."""
    found: set[str] = set()
    for text in texts:
        if not SWITCHBOARD.search(text):
            continue
        for match in phone_numbers(text):
            before = text[max(0, match.start - 60) : match.start]
            words = list(SWITCHBOARD.finditer(before))
            marked_before = (
                bool(words)
                and _GAP_TO_NUMBER.match(before[words[-1].end() :]) is not None
                # "08-508 000 00 (växel) eller 070-…": that word is the earlier number's
                and _AFTER_A_NUMBER.search(before[: words[-1].start()]) is None
            )
            if marked_before or _GAP_AFTER_NUMBER.match(text[match.end : match.end + 40]):
                found.add(match.number)
    return found


@dataclass(frozen=True, slots=True)
class MailboxPolicy:
    """What decides whether an address is a person's (removed) or a function's (kept)."""

    kept: frozenset[str] = frozenset()
    """From samverkan.yaml: whole addresses, or local parts ending in "@" ("felanmalan@")."""
    name_parts: frozenset[str] = frozenset()
    """The folded parts of the names removed: an address with one is a person's."""
    place_words: frozenset[str] = frozenset()
    """Folded words of the parties' names and places: "lpo.rinkeby@" is a function's."""
    personal: frozenset[str] = frozenset()
    """Folded addresses the data gives as a person's own (a contact's `epost`)."""
    initials: frozenset[str] = frozenset()
    """The removed people's initials, folded ("kjae", "ke"): "kjae@polisen.se" is theirs."""

    def is_personal(self, address: str) -> bool:
        local, _, domain = fold(address).rpartition("@")
        if fold(address) in self.kept or f"{local}@" in self.kept:
            return False
        if domain in PRIVATE_MAIL_DOMAINS or fold(address) in self.personal:
            return True
        bare = re.sub(r"\d", "", local)
        if bare in self.initials and bare not in FUNCTIONAL_MAILBOXES:
            return True
        segments = [s for s in re.split(r"[._+-]", bare) if s]
        joined = {"".join(segments[i : i + 2]) for i in range(len(segments) - 1)}
        if any(s in self.name_parts for s in [*segments, *joined]):
            return True
        if any(_functional(s) or s in self.place_words for s in segments):
            return False
        return _person_shaped(segments)


def _functional(segment: str) -> bool:
    return any(
        segment == word or (len(word) >= 4 and segment.startswith(word))
        for word in FUNCTIONAL_MAILBOXES
    )


def _person_shaped(segments: list[str]) -> bool:
    """ "förnamn.efternamn", "f.efternamn", "förnamn.m.efternamn": letters only, two or three
    parts, the last at least two letters."""
    return 2 <= len(segments) <= 3 and all(s.isalpha() for s in segments) and len(segments[-1]) > 1
