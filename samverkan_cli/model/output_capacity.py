"""What the outputs can hold: the length of DOCX document properties and of file names.

Both limits are checked when an agreement is validated (`rules.output_limits`) and kept
when it is built, so that `validate` passing means `build` can write:

- Word's core properties (title, subject, author) hold at most 255 characters, and
  python-docx refuses a longer one. The title is the agreement's own `titel` and must fit;
  the subject and the author are put together from the title and the parties' names, and
  are shortened with "…" instead, since no one chose their length.
- Every output is `<stem><suffix>`: the longest suffix is
  `-tjansteutlatande-publik-utkast.docx` (36 bytes, a draft's: see `drafting`), and each file
  is first written under a temporary name 18 bytes longer (`.<name>.<12 hex>.old`). A stem
  of at most 200 bytes keeps every name within the 255 bytes a file system stores. A
  `filnamn` longer than that is a problem; a stem made from the title is cut to fit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from samverkan_cli.core.portable_names import shorten
from samverkan_cli.model import Agreement

MAX_PROPERTY_CHARS = 255
"""python-docx's (and Word's) limit for one core property."""

MAX_STEM_BYTES = 200
"""The longest output file name without its suffix (see the module's text)."""

DEFAULT_STEM = "overenskommelse"

AUTHOR_SEPARATOR = "; "
"""How the DOCX writer joins the authors into one property."""


def output_stem(agreement: Agreement) -> str:
    """The file name (without suffix) of the outputs: `filnamn`, or the title as ASCII,
    cut to `MAX_STEM_BYTES`."""
    if agreement.output_name:
        return agreement.output_name
    return title_stem(agreement.title)


def title_stem(title: str) -> str:
    """The title as a file name: lower-case ASCII letters and digits joined by hyphens."""
    decomposed = unicodedata.normalize("NFKD", title.casefold())
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return stem[:MAX_STEM_BYTES].rstrip("-") or DEFAULT_STEM


def fit_property(text: str) -> str:
    """A core property made from several values, shortened to what the DOCX can hold."""
    return shorten(text, MAX_PROPERTY_CHARS)


def fit_authors(names: Sequence[str]) -> tuple[str, ...]:
    """The parties as the author property: unchanged when `"; "`-joined they fit, else that
    joined text shortened with "…" (as one author)."""
    joined = AUTHOR_SEPARATOR.join(names)
    return tuple(names) if len(joined) <= MAX_PROPERTY_CHARS else (fit_property(joined),)
