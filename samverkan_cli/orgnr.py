"""Swedish organisationsnummer: ten digits whose last is a Luhn check digit."""

from __future__ import annotations


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
    if len(digits) != 10 or not digits.isdigit():
        return False
    return luhn_check_digit(digits[:9]) == int(digits[9])
