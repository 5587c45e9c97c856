"""A frequency written as prose, read as the mapping it means, for the refusal to suggest:
"två gånger per år" is {antal: 2, per: år}, "vart tredje år" {vart: 3, per: år}, "årligen"
{varje: år}, "tisdagar och torsdagar" {veckodagar: [tisdag, torsdag]}.
"""

from __future__ import annotations

import re

from samverkan_cli.core.swedish import number_word, ordinal
from samverkan_cli.model.frequency import Period, Weekday

_NUMBERS = {number_word(n): n for n in range(1, 100)} | {"en": 1, "ett": 1}
_ORDINALS = {ordinal(n): n for n in range(2, 13)} | {"annan": 2, "annat": 2}
_PERIOD_WORDS = {
    **{p.value: p for p in Period},
    "året": Period.YEAR,
    "åren": Period.YEAR,
    "halvåret": Period.HALF_YEAR,
    "terminen": Period.TERM,
    "tertialet": Period.TERTIAL,
    "kvartalet": Period.QUARTER,
    "månaden": Period.MONTH,
    "månader": Period.MONTH,
    "veckan": Period.WEEK,
    "veckor": Period.WEEK,
}
_COUNTED_TEXT = re.compile(
    r"^(?P<prefix>minst|cirka|ca\.?|ungefär|omkring)?\s*(?P<n>\d+|[a-zåäö]+)(?:\s*\(\d+\))?\s+"
    r"(?:gånger|gång|tillfällen|tillfälle|möten|möte)\s+(?:per|i|om|varje|under)\s+"
    r"(?:ett\s+|en\s+)?(?P<period>[a-zåäö]+)$"
)
_EVERY_TEXT = re.compile(
    r"^(?:en\s+gång\s+)?(?P<word>varje|varannan|vartannat|vart|var)\s+"
    r"(?:(?P<n>\d+):e\s+|(?P<nth>[a-zåäö]+)\s+)?(?P<period>[a-zåäö]+)$"
)
_ADVERBS = {
    "årligen": Period.YEAR,
    "årsvis": Period.YEAR,
    "halvårsvis": Period.HALF_YEAR,
    "terminsvis": Period.TERM,
    "kvartalsvis": Period.QUARTER,
    "månatligen": Period.MONTH,
    "månadsvis": Period.MONTH,
    "veckovis": Period.WEEK,
}
_WEEKDAYS = {d.value: d for d in Weekday} | {d.plural: d for d in Weekday}
_PREFIX_KEYS = {"minst": "minst", "cirka": "cirka", "ca": "cirka", "ca.": "cirka"}


def frequency_suggestion(text: str) -> str | None:
    """The mapping a frequency written as prose means ("två gånger per år" is
    {antal: 2, per: år}), or None when it cannot tell."""
    words = " ".join(text.casefold().split())
    adverb = _ADVERBS.get(words)
    if adverb is not None:
        return f"{{varje: {adverb.value}}}"
    counted_form = _COUNTED_TEXT.match(words)
    if counted_form is not None:
        period = _PERIOD_WORDS.get(counted_form.group("period"))
        raw = counted_form.group("n")
        count = int(raw) if raw.isdigit() else _NUMBERS.get(raw)
        if period is not None and count:
            key = _PREFIX_KEYS.get(counted_form.group("prefix") or "", "antal")
            if key == "antal" and counted_form.group("prefix"):
                key = "cirka"
            return f"{{{key}: {count}, per: {period.value}}}"
    every = _EVERY_TEXT.match(words)
    if every is not None:
        period = _PERIOD_WORDS.get(every.group("period"))
        day = _WEEKDAYS.get(every.group("period"))
        if day is not None and every.group("word") == "varje":
            return f"{{veckodagar: [{day.value}]}}"
        if period is None:
            return None
        nth = every.group("n") or every.group("nth")
        if every.group("word") == "varje" and nth is None:
            return f"{{varje: {period.value}}}"
        if every.group("word") in {"varannan", "vartannat"} and nth is None:
            return f"{{varannan: {period.value}}}"
        count = int(nth) if nth and nth.isdigit() else _ORDINALS.get(nth or "")
        if count:
            key = "vart" if period.neuter else "var"
            return f"{{{key}: {count}, per: {period.value}}}"
    parts = [w for w in words.replace(",", " ").split() if w not in {"och", "varje", "på"}]
    days = [_WEEKDAYS[w].value for w in parts if w in _WEEKDAYS]
    if parts and len(days) == len(parts):
        return f"{{veckodagar: [{', '.join(days)}]}}"
    return None
