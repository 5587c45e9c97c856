"""Swedish organisationsnummer: ten digits whose last is a Luhn check digit.

Written NNNNNN-NNNN in an agreement. Ten digits without the dash (`5560000000`, which YAML
reads as a number when it is not quoted, or `556000 0000`) and the twelve-digit form with
the prefix 16 are the same number when the check digit agrees, and are taken as it;
otherwise the refusal names the exact form to write.
"""

from __future__ import annotations

import re

EXAMPLE = "212000-0142"
_DASHED = re.compile(r"^\d{6}-\d{4}$")
_SEPARATORS = re.compile(r"[\s\-]")
_DIGITS = 10
_PREFIXED_DIGITS = 12
_PREFIX = "16"


class OrgNumberRefused(ValueError):
    """A value that is no organisationsnummer; the message (Swedish) says what to write."""


def luhn_check_digit(digits: str) -> int:
    """The check digit for nine digits (weights 2,1,2,1,… from the left)."""
    total = 0
    for i, char in enumerate(digits):
        product = int(char) * (2 if i % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10


def org_number_is_valid(number: str) -> bool:
    """True for NNNNNN-NNNN (or ten digits) with a correct check digit."""
    digits = number.replace("-", "")
    if len(digits) != _DIGITS or not digits.isdigit():
        return False
    return luhn_check_digit(digits[:9]) == int(digits[9])


def normalised_org_number(value: object) -> str:
    """`value` as NNNNNN-NNNN: as written when it has the dash (its check digit is the rule
    SV109's), else when its ten digits are unambiguous, that is their check digit agrees.
    Raises `OrgNumberRefused` with the form to write."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise OrgNumberRefused(
            f'organisationsnumret ska skrivas NNNNNN-NNNN inom citattecken, t.ex. "{EXAMPLE}"'
        )
    text = str(value).strip()
    if _DASHED.match(text):
        return text
    digits = _SEPARATORS.sub("", text)
    if len(digits) == _PREFIXED_DIGITS and digits.startswith(_PREFIX):
        digits = digits[len(_PREFIX) :]
    if not digits.isascii() or not digits.isdigit():
        raise OrgNumberRefused(
            f"organisationsnumret '{text}' ska bara ha siffror och ett bindestreck: "
            f'NNNNNN-NNNN, t.ex. "{EXAMPLE}"'
        )
    if len(digits) != _DIGITS:
        raise OrgNumberRefused(
            f"organisationsnumret '{text}' har {len(digits)} siffror men ska ha {_DIGITS}: "
            f'NNNNNN-NNNN, t.ex. "{EXAMPLE}"'
        )
    if not org_number_is_valid(digits):
        raise OrgNumberRefused(
            f"organisationsnumret '{text}' har fel kontrollsiffra (den sista siffran stämmer "
            "inte med de nio första); kontrollera numret och skriv det NNNNNN-NNNN inom "
            f'citattecken, t.ex. "{EXAMPLE}"'
        )
    return f"{digits[:6]}-{digits[6:]}"
