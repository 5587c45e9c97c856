"""Swedish as the seeds write it: numbers in words with digits, dates, and lists.

Kept in one place so that every template and rule message says things the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

_ONES = [
    "noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio",
    "elva", "tolv", "tretton", "fjorton", "femton", "sexton", "sjutton", "arton", "nitton",
]  # fmt: skip
_TENS = ["", "", "tjugo", "trettio", "fyrtio", "femtio", "sextio", "sjuttio", "åttio", "nittio"]

MONTHS = [
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
]  # fmt: skip


def number_word(n: int, *, neuter: bool = False) -> str:
    """Swedish word for 0..999 ("en"/"ett" chosen by gender); larger numbers as digits."""
    if n < 0 or n > 999:
        return str(n)
    if n == 1:
        return "ett" if neuter else "en"
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (number_word(ones, neuter=neuter) if ones else "")
    hundreds, rest = divmod(n, 100)
    head = ("ett" if hundreds == 1 else _ONES[hundreds]) + "hundra"
    return head + (number_word(rest, neuter=neuter) if rest else "")


def counted(n: int, *, neuter: bool = False) -> str:
    """The contract style "två (2)" used for every number in the seeds."""
    return f"{number_word(n, neuter=neuter)} ({n})"


def long_date(day: dt.date) -> str:
    """ "1 juni 2024", as in the signature lines."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def iso_date(day: dt.date) -> str:
    """ "2024-06-01", as in the term clause."""
    return day.isoformat()


def join_and(items: Sequence[str]) -> str:
    """ "a, b och c"."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " och " + items[-1]


def join_or(items: Sequence[str]) -> str:
    """ "a, b eller c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " eller " + items[-1]


_ORDINALS = [
    "nollte", "första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde", "åttonde",
    "nionde", "tionde", "elfte", "tolfte",
]  # fmt: skip


def ordinal(n: int) -> str:
    """ "tredje", "tolfte"; from 13 on the digits with the written suffix ("13:e", "21:a")."""
    if 0 <= n < len(_ORDINALS):
        return _ORDINALS[n]
    suffix = "a" if abs(n) % 10 in (1, 2) and abs(n) % 100 not in (11, 12) else "e"
    return f"{n}:{suffix}"


def every_nth(n: int, *, neuter: bool) -> str:
    """ "vart tredje" (neuter nouns: år) or "var tredje" (common: vecka); for two the one
    word "vartannat" / "varannan"; for one "varje"."""
    if n == 1:
        return "varje"
    if n == 2:
        return "vartannat" if neuter else "varannan"
    return f"{'vart' if neuter else 'var'} {ordinal(n)}"


def times(n: int) -> str:
    """ "en (1) gång", "fyra (4) gånger"."""
    return f"{counted(n)} {'gång' if n == 1 else 'gånger'}"
