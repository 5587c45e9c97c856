"""The patterns that make Swedish agreement text into data: organisationsnummer, dates,
the term ("från och med … till och med …", "tills vidare"), meeting frequencies ("en gång
per månad", "fyra gånger per år", "varje vecka"), signature lines ("Spånga den 1 juni
2024") and diarienummer. Each returns None when the text is not what it looks for, so the
caller keeps the text as prose.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

from samverkan_cli.core.swedish import MONTHS
from samverkan_cli.model.frequency_prose import frequency_suggestion
from samverkan_cli.model.party import PartyKind

ORG_NUMBER = re.compile(r"(?<!\d)(\d{6})-(\d{4})(?!\d)")
_MONTH = "|".join(MONTHS)
DATE = rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s+(?:{_MONTH})\s+\d{{4}})"
_TERM = re.compile(
    rf"(?P<subject>[A-ZÅÄÖ][\wåäö]*)\s+(?:löper|gäller)\s+(?:från\s+och\s+med|fr\.o\.m\.?)\s+"
    rf"(?P<start>{DATE})(?:\s+(?:till\s+och\s+med|t\.o\.m\.?)\s+(?P<end>{DATE})"
    rf"|\s+(?P<open>tills\s*vidare))?\s*\."
)
_REVISION = re.compile(
    r"(?P<subject>[A-ZÅÄÖ][\wåäö]*)\s+(?P<verb>ska|kan)\s+revideras(?:\s+(?P<when>.+?))?"
    r"(?:\s+efter\s+(?P<after>.+?))?(?:\s+och\s+under\s+förutsättning\s+att\s+(?P<cond>.+?))?\.$"
)
_FREQUENCY = re.compile(
    r"(?:(?:minst|cirka|ca\.?|ungefär|omkring)\s+)?(?:\d+|[a-zåäö]+)(?:\s*\(\d+\))?\s+"
    r"(?:gånger|gång|tillfällen|tillfälle|möten|möte)\s+(?:per|i|om|varje|under)\s+"
    r"(?:ett\s+|en\s+)?[a-zåäö]+"
    r"|(?:en\s+gång\s+)?(?:varje|varannan|vartannat|vart|var)\s+(?:\d+:e\s+|[a-zåäö]+\s+)?"
    r"(?:år|halvår|termin|tertial|kvartal|månad|vecka)\b"
    r"|\b(?:årligen|halvårsvis|terminsvis|kvartalsvis|månatligen|månadsvis|veckovis)\b",
    re.IGNORECASE,
)
SIGNATURE_DATE = re.compile(
    rf"^(?P<place>[A-ZÅÄÖ][\wåäö\- ]{{0,40}}?)(?:,\s*|\s+)(?:den\s+)?(?P<date>{DATE})\s*$"
)
SIGNATURE_LINE = re.compile(r"^[_.\s]{5,}$")
UNDATED_SIGNATURE = re.compile(
    r"^(?:ort\s+och\s+datum|datum\s+och\s+ort|ort/datum|ort,\s*datum|datum)\s*:?\s*[_.\s]*$",
    re.IGNORECASE,
)
"""A place-and-date line left blank to be written by hand: "Ort och datum: ______"."""
REGISTRATION = re.compile(
    r"^(?:dnr|diarienummer|diarienr)\.?\s*(?P<label>[^:]{0,40})?:\s*(?P<number>\S.{0,60})$",
    re.IGNORECASE,
)
COPIES = re.compile(
    r"^[A-ZÅÄÖ][\wåäö]* har upprättats i (?P<word>[a-zåäö]+)(?: \((?P<digits>\d+)\))? "
    r"likalydande exemplar,? varav (?:p|P)arterna (?:har )?(?:erhållit|tagit) var sitt\.$"
)
_COPY_WORDS = {"två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6}


def parse_date(text: str) -> dt.date | None:
    """`2024-06-01` or `1 juni 2024` as a date; None when neither or no such day."""
    text = " ".join(text.split())
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        day, month, year = text.split(" ")
        return dt.date(int(year), MONTHS.index(month) + 1, int(day))
    except ValueError:
        return None


@dataclass(slots=True)
class TermFound:
    subject: str
    start: dt.date
    end: dt.date | str | None
    revision: dict[str, Any] | str | None = None
    revision_verb: str = "ska"
    revision_after: str | None = None
    condition: str | None = None


def find_term(text: str) -> tuple[TermFound, str] | None:
    """The term a paragraph states, and what of the paragraph is left after it."""
    match = _TERM.search(text)
    if match is None:
        return None
    start = parse_date(match["start"])
    if start is None:
        return None
    end: dt.date | str | None = None
    if match["end"]:
        end = parse_date(match["end"])
        if end is None:
            return None
    elif match["open"]:
        end = "tillsvidare" if " " not in match["open"] else "tills vidare"
    found = TermFound(match["subject"], start, end)
    rest = (text[: match.start()] + text[match.end() :]).strip()
    revision = _REVISION.fullmatch(rest)
    if revision is not None and revision["subject"] == found.subject:
        when = revision["when"]
        frequency = frequency_value(when) if when else None
        if when is None or frequency is not None:
            found.revision = frequency
            found.revision_verb = revision["verb"]
            found.revision_after = revision["after"]
            found.condition = revision["cond"]
            rest = ""
    return found, rest


def frequency_value(phrase: str) -> dict[str, Any] | str | None:
    """The frequency a phrase names, as the YAML value (`{minst: 2, per: år}`)."""
    if phrase.strip().casefold() == "vid behov":
        return "vid behov"
    suggestion = frequency_suggestion(re.sub(r"\s*\(\d+\)", "", phrase))
    if suggestion is None:
        return None
    value = yaml.safe_load(suggestion)
    minimum = phrase.strip().casefold().startswith("minst")
    if isinstance(value, dict) and "minst" not in value and "antal" in value and minimum:
        value = {"minst": value["antal"], "per": value["per"]}
    return value if isinstance(value, dict) else None


def find_frequency(text: str) -> tuple[str, dict[str, Any] | str] | None:
    """The first frequency phrase in a sentence and its value."""
    for match in _FREQUENCY.finditer(text):
        phrase = match.group(0)
        value = frequency_value(phrase)
        if value is not None:
            return phrase, value
    return None


def copies(text: str) -> int | None:
    """The number of copies in the closing sentence ("… i två (2) likalydande exemplar …")."""
    match = COPIES.match(" ".join(text.split()))
    if match is None:
        return None
    if match["digits"]:
        return int(match["digits"])
    return _COPY_WORDS.get(match["word"])


_KINDS = (
    ("lokalpolisområde", PartyKind.LOCAL_POLICE_AREA),
    ("polisområde", PartyKind.POLICE_AREA),
    ("polisregion", PartyKind.POLICE_REGION),
    ("polismyndighet", PartyKind.POLICE_AUTHORITY),
    ("stadsdelsförvaltning", PartyKind.DISTRICT_ADMINISTRATION),
    ("stadsdelsnämnd", PartyKind.DISTRICT_COMMITTEE),
    ("räddningstjänst", PartyKind.RESCUE_SERVICE),
    ("länsstyrelse", PartyKind.STATE_AGENCY),
    ("region", PartyKind.REGION),
    ("bostad", PartyKind.HOUSING_COMPANY),
    ("bostäder", PartyKind.HOUSING_COMPANY),  # before 'stad': "Exempelstads Bostäder AB"
    ("förvaltning", PartyKind.MUNICIPAL_ADMINISTRATION),
    ("kommun", PartyKind.MUNICIPALITY),
    ("stad", PartyKind.MUNICIPALITY),
    ("polis", PartyKind.POLICE_AUTHORITY),
)


def party_kind(name: str) -> PartyKind | None:
    """The kind a party's name says it is ("Lokalpolisområde Järva"), or None."""
    folded = name.casefold()
    return next((kind for word, kind in _KINDS if word in folded), None)


__all__ = [
    "DATE",
    "ORG_NUMBER",
    "REGISTRATION",
    "SIGNATURE_DATE",
    "SIGNATURE_LINE",
    "UNDATED_SIGNATURE",
    "TermFound",
    "copies",
    "find_frequency",
    "find_term",
    "frequency_value",
    "parse_date",
    "party_kind",
]
