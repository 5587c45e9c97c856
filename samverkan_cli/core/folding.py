"""Text folded for comparison: lower case without diacritics, as an e-mail address writes a
name. Used by the settings (kept addresses) and the public version alike."""

from __future__ import annotations

import unicodedata

_UNDECOMPOSABLE = str.maketrans(
    {"đ": "d", "ð": "d", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "ħ": "h", "ı": "i", "þ": "th"}
)
"""Letters without a diacritic to take off, as an address writes them ("Đukić": dukic)."""


def fold(text: str) -> str:
    """Lower case without diacritics: "Granhällen" as an address writes it, "granhallen"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_UNDECOMPOSABLE))
    return "".join(char for char in decomposed if not unicodedata.combining(char))
