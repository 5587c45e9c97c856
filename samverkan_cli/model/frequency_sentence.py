"""A frequency as the part of a sentence it stands in.

`swedish()` is the frequency as a noun phrase ("två (2) tillfällen per år"), right in a table
cell or after a colon. Inside a sentence ("Arbetet följs upp {frekvens}.") a counted
"tillfällen" needs "vid", several weekdays need "på", and "ej aktuellt" cannot stand as an
adverb at all: `adverbial()` gives the form that fits there, and `in_sentence()` puts the
right form into a sentence of samverkan's own templates. A sentence the user wrote keeps the
noun phrase, since users write "vid {frekvens}" themselves.
"""

from __future__ import annotations

import re

from samverkan_cli.model.frequency import Frequency, WeekdayFrequency

NOT_APPLICABLE_ADVERBIAL = "utan fast frekvens"
"""'ej aktuellt' inside a sentence: "Arbetet följs upp utan fast frekvens." """

PLACEHOLDER = "{frekvens}"

_NOUN_PHRASE_BEFORE = re.compile(r"(?::\s*|\bvid\s+)$", re.IGNORECASE)
"""Text before the placeholder after which the noun phrase stands: a colon, "vid". The noun
phrase also stands when the placeholder is all there is (a table cell)."""


def adverbial(frequency: Frequency) -> str:
    """The frequency as an adverbial of time: "vid två (2) tillfällen per år", "varje år",
    "på fredagar och lördagar", "vid behov", "löpande"."""
    phrase = frequency.swedish()
    kind = frequency.kind
    if kind == "named":
        return NOT_APPLICABLE_ADVERBIAL if phrase == "ej aktuellt" else phrase
    if kind == "count" and re.search(r"\btillfällen?\b", phrase):
        return "vid " + phrase
    if isinstance(frequency, WeekdayFrequency) and len(frequency.weekdays) > 1:
        return "på " + phrase
    return phrase


def in_sentence(frequency: Frequency, sentence: str) -> str:
    """`sentence` with its `{frekvens}` replaced by the form that fits where it stands, and
    capitalised when it opens the sentence."""
    before, found, after = sentence.partition(PLACEHOLDER)
    if not found:
        return sentence
    alone = not before and not after.strip(" .")
    noun = alone or (before and _NOUN_PHRASE_BEFORE.search(before))
    phrase = frequency.swedish() if noun else adverbial(frequency)
    if not before:
        phrase = phrase[:1].upper() + phrase[1:]
    return before + phrase + after
