"""The parties clause read as data: each party's name, organisationsnummer, short name and
kind, its entry as written (`som_skrivet`, with the party's values as placeholders so that
each is written once), and the clause's own words (gemensamt ”Parterna”, the verb phrase,
the document's short name).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from samverkan_cli.importing.recognisers import ORG_NUMBER, party_kind
from samverkan_cli.model.orgnr import OrgNumberRefused, normalised_org_number

_LABEL = re.compile(
    r"[,\s]*\b(?:org\.?\s*nr\.?|org\.?\s*nummer|organisationsnummer|organisationsnr\.?)\s*:?\s*$",
    re.IGNORECASE,
)
_TAIL = re.compile(
    r",?\s*(?:gemensamt\s+”(?P<collective>[^”]+)”,?\s*)?"
    r"(?P<verb>har\s+(?:\S+\s+){0,4}?ingått|lämnar\s+härmed|ingår)\s+(?P<concluded>[^”]+?),\s*"
    r"”(?P<document>[^”]+)”\.\s*(?P<rest>.*)$",
    re.DOTALL,
)
_SHORT_NAME = re.compile(r"”([^”]{1,40})”")
_UNNUMBERED = re.compile(
    r"(?:\s*,\s*(?:och\s+)?|\s+och\s+)(?P<entry>[A-ZÅÄÖ][^,”]{1,80}?(?:,[^”]{0,160}?)?,?\s*"
    r"”[^”]{1,40}”)\s*$"
)
"""A party without organisationsnummer after a numbered party's short name, in the same
segment (" och Exempelstads Bostäder AB, ”bostadsbolaget”"): a party of its own."""


@dataclass(slots=True)
class PartyFound:
    name: str
    org_number: str | None
    kind: str | None
    short_name: str | None = None
    as_written: str | None = None
    signatories: list[dict[str, Any]] = field(default_factory=list)
    registration: str | None = None
    registration_label: str | None = None


@dataclass(slots=True)
class Clause:
    """The parties clause: the parties in it and its own words; `rest` is what follows
    the clause in its paragraph."""

    parties: list[PartyFound]
    scope: dict[str, Any]
    rest: str
    complete: bool
    """The whole clause was read: the generated clause reads as the original did."""


def read_clause(text: str) -> Clause | None:
    """The parties of a paragraph with at least two organisationsnummer, or None."""
    text = " ".join(text.split())
    numbers = list(ORG_NUMBER.finditer(text))
    if len(numbers) < 2:
        return None
    tail = _TAIL.search(text, numbers[-1].end())
    body = text[: tail.start()] if tail else text
    scope: dict[str, Any] = {}
    rest = ""
    if tail is not None:
        if tail["collective"]:
            scope["gemensamt_kortnamn"] = tail["collective"]
        else:
            scope["gemensamt_i_partsmeningen"] = False
        scope["verbfras"] = tail["verb"]
        scope["ingås"] = tail["concluded"]
        scope["dokumentets_kortnamn"] = tail["document"]
        rest = tail["rest"].strip()
    segments = _segments(body, [m for m in numbers if m.start() < len(body)])
    parties = [p for segment in segments for p in _parties(segment)]
    if len(parties) < 2:
        return None
    return Clause(parties, scope, rest, complete=tail is not None)


def _segments(body: str, numbers: list[re.Match[str]]) -> list[str]:
    """The clause cut into one entry per organisationsnummer: at the last ”…” followed by
    ', ' or ' och ' before the next party's name, else at the last ' och ' or ', '."""
    cuts = [0]
    for previous, following in itertools.pairwise(numbers):
        window = body[previous.end() : following.start()]
        label = _LABEL.search(window)
        window_end = label.start() if label else len(window)
        candidates = list(re.finditer(r"”\s*(?:,\s*(?:och\s+)?|\s+och\s+)", window[:window_end]))
        for separator in (r"\s+och\s+", r",\s+"):
            found = re.finditer(separator, window[:window_end])
            candidates = candidates or [c for c in found if window[c.end() : c.end() + 1].isupper()]
        if not candidates:
            return [body]
        cut = candidates[-1]
        quote = 1 if window[cut.start()] == "”" else 0
        cuts.append(previous.end() + cut.start() + quote)
        cuts.append(previous.end() + cut.end())
    cuts.append(len(body))
    return [body[cuts[i] : cuts[i + 1]].strip(" ,") for i in range(0, len(cuts), 2)]


def _parties(segment: str) -> list[PartyFound]:
    """The party of a segment, and one without organisationsnummer named after its short
    name."""
    number = ORG_NUMBER.search(segment)
    short = _SHORT_NAME.search(segment, number.end()) if number else None
    after = _UNNUMBERED.match(segment, short.end()) if short else None
    if after is None:
        party = _party(segment)
        return [party] if party is not None else []
    first = _party(segment[: short.end()] if short else segment)
    return [p for p in (first, _party(after["entry"], numbered=False)) if p is not None]


def _party(segment: str, *, numbered: bool = True) -> PartyFound | None:
    number = ORG_NUMBER.search(segment) if numbered else None
    if number is None and numbered:
        return None
    if number is None:
        name = segment.split(",")[0].split("”")[0].strip(" ,")
        short_found = _SHORT_NAME.findall(segment)
        short = short_found[-1] if short_found else None
        written = segment.replace(name, "{namn}", 1)
        if short is not None:
            at = written.rfind(f"”{short}”")
            written = f"{written[:at]}”{{kortnamn}}”{written[at + len(short) + 2 :]}"
        kind = party_kind(name)
        return PartyFound(name, None, kind.value if kind else None, short, written)
    before = segment[: number.start()]
    label = _LABEL.search(before)
    name_part = before[: label.start()] if label else before
    name = name_part.split(",")[0].strip(" ,")
    if not name:
        return None
    try:
        org_number = normalised_org_number(number.group(0))
    except OrgNumberRefused:
        org_number = None
    short = _SHORT_NAME.findall(segment[number.end() :])
    short_name = short[-1] if short else None
    written = segment.replace(name, "{namn}", 1)
    if org_number is not None:
        written = written.replace(number.group(0), "{organisationsnummer}", 1)
    if short_name is not None:
        at = written.rfind(f"”{short_name}”")
        written = f"{written[:at]}”{{kortnamn}}”{written[at + len(short_name) + 2 :]}"
    kind = party_kind(name)
    return PartyFound(
        name=name,
        org_number=org_number,
        kind=kind.value if kind else None,
        short_name=short_name,
        as_written=written if written != "{namn} {organisationsnummer}" else None,
    )


__all__ = ["Clause", "PartyFound", "read_clause"]
