"""Swedish organisationsnummer: ten digits whose last is a Luhn check digit.

Written NNNNNN-NNNN in an agreement. Ten digits without the dash (`5560000000`, which YAML
reads as a number when it is not quoted, or `556000 0000`) and the twelve-digit form with
the prefix 16 are the same number when the check digit agrees, and are taken as it;
otherwise the refusal names the exact form to write. A number whose third digit is 0 or 1
has a month there: a personnummer, which no party to an agreement signs with. A wrong check
digit is refused without naming the right one, which would invite typing it in: the number
is to be looked up again.
"""

from __future__ import annotations

import re

EXAMPLE = "212000-0142"
POLICE_AUTHORITY = "202100-0076"
"""Polismyndigheten's organisationsnummer: the police is one legal person, so every
lokalpolisområde, polisområde and polisregion signs with it."""
CHECK_ADVICE = (
    f'kontrollera siffrorna mot Bolagsverket eller SCB; formen är NNNNNN-NNNN, t.ex. "{EXAMPLE}"'
)
_PLACEHOLDER = "0000000000"
_LOWEST_THIRD_DIGIT = 2
_DASHED = re.compile(r"^\d{6}-\d{4}$")
_SEPARATORS = re.compile(r"[\s\-]")
_DIGITS = 10
_PREFIXED_DIGITS = 12
_PREFIX = "16"
_GAP = r"[\s-]*"
JSON_SCHEMA: dict[str, object] = {
    "anyOf": [
        {"type": "string", "pattern": r"^\s*(?:\d\d[2-9]\d{3}-\d{4}|000000-0000)\s*$"},
        {
            "type": "string",
            "pattern": (
                rf"^{_GAP}(?:1{_GAP}6{_GAP})?(?:[0-9]{_GAP}[0-9]{_GAP}[2-9](?:{_GAP}[0-9]){{7}}"
                rf"|0(?:{_GAP}0){{9}}){_GAP}$"
            ),
        },
        {"type": "integer", "minimum": 10**9, "maximum": 10**10 - 1},
        {"type": "integer", "minimum": 16 * 10**10, "maximum": 17 * 10**10 - 1},
    ]
}
"""What `normalised_org_number` takes, as JSON Schema: NNNNNN-NNNN (its check digit is rule
SV109's), or ten digits (also with spaces, or the prefix 16) whose third is 2 or higher. The
check digit of a number written without its dash is the tool's alone (no JSON Schema
keyword computes one), and so is the third digit of one written as a number (unquoted): a
pattern applies to texts only."""


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
        _refuse_personal_number(text, text.replace("-", ""))
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
    _refuse_personal_number(text, digits)
    if not org_number_is_valid(digits):
        raise OrgNumberRefused(
            f"organisationsnumret '{text}' har fel kontrollsiffra (den sista siffran stämmer "
            f"inte med de nio första); {CHECK_ADVICE}"
        )
    return f"{digits[:6]}-{digits[6:]}"


def looks_like_personal_number(digits: str) -> bool:
    """Ten digits whose third is 0 or 1 (a month): a personnummer's form, which an
    organisationsnummer never has (the mall's placeholder 000000-0000 excepted)."""
    return (
        len(digits) == _DIGITS
        and digits.isdigit()
        and digits != _PLACEHOLDER
        and int(digits[2]) < _LOWEST_THIRD_DIGIT
    )


def _refuse_personal_number(text: str, digits: str) -> None:
    if looks_like_personal_number(digits):
        raise OrgNumberRefused(
            f"organisationsnumret '{text}' ser ut som ett personnummer; ett "
            f"organisationsnummer har 2 eller högre som tredje siffra. Skriv partens "
            f"organisationsnummer (det står i Bolagsverkets eller SCB:s register), t.ex. "
            f'"{EXAMPLE}"'
        )
