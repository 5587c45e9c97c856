"""Swedish phone numbers as one canonical form (E.164), read with `phonenumbers`.

Here rather than in `publish`: samverkan.yaml's `behåll_nummer` is checked with it when the
settings are read, long before a public version is made.
"""

from __future__ import annotations

import re

import phonenumbers

ALWAYS_KEPT_NUMBERS = frozenset({"112", "11414", "+4611414", "+46112", "1177", "+461177"})
"""The police's 114 14, SOS 112 and 1177 Vårdguiden: public numbers, never redacted."""


def normalised_number(written: str) -> str | None:
    """A number as written in samverkan.yaml or the data, as E.164; None when it is none."""
    digits = re.sub(r"\D", "", written)
    if digits in ALWAYS_KEPT_NUMBERS:
        return digits
    try:
        parsed = phonenumbers.parse(written, "SE")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
