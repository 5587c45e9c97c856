"""In a copy of the user's own agreement (`init --från`), nothing dated stays behind unseen.

`init.copy_edits` sets the new term and clears what belonged to the old agreement alone. What is
left that still speaks of the old term is handled here, for every file alike, so that a
field nobody listed cannot carry an old date into the new agreement:

- every date still in the copy (a mål's `senast`, a day in a bilaga nobody listed) moves
  by the file's months, as the term did, and is marked `# FYLL I: kontrollera`;
- a short text (one line, a title or a `löptid`) holding a date or a year of the old term
  gets them moved the same way and is marked; a longer text that mentions them is only
  marked, since prose about what happened then must not be rewritten;
- an organisationsnummer is kept (the parties are usually the same) but marked, except the
  Polismyndighet's own, which is the same for every lokalpolisområde.

Years are "of the old term" from the term's first year to its last (for a term without an
end, to the last date in the agreement's files); a year in a law's number (2023:196) or a
diarienummer (KS 2025/0417) is not one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import ScalarNode

from samverkan_cli.core.date_arithmetic import add_months
from samverkan_cli.init.mall_values import POLICE_KINDS, POLICE_ORGNR, party_kind_path
from samverkan_cli.init.moved_dates import parse_date, parse_written, shift_date
from samverkan_cli.init.yaml_editing import Edit, Entry, KeyPath, scalar, scalar_text
from samverkan_cli.source.repository import AGREEMENT_FILE

FILL_IN_MOVED = "FYLL I: kontrollera datumet (flyttat med avtalstiden)"
FILL_IN_TEXT = "FYLL I: kontrollera årtal och datum i texten (flyttade med avtalstiden)"
FILL_IN_PROSE = "FYLL I: texten nämner {}; kontrollera mot den nya avtalstiden"
FILL_IN_ORGNR = "FYLL I: kontrollera organisationsnumret (kopierat från originalet)"
SHORT_TEXT = 120
"""A text of at most this many characters on one line is a title or a label: its years
move with the term. A longer one is prose, and is only marked."""

UNTOUCHED_KEYS = frozenset(
    {"id", "typ", "fil", "filnamn_mall", "profil", "diarienummer", "organisationsnummer"}
)
"""Keys whose text is never rewritten: ids, kinds, files and registration numbers."""

_DATE_IN_TEXT = re.compile(r"(?<![\d/])((?:19|20)\d\d)-(\d\d)-(\d\d)(?![\d/])")
_YEAR_IN_TEXT = re.compile(r"(?<![\d/:.])((?:19|20)\d\d)(?![\d/]|:\d|-\d)")


def term_years(contents: dict[Path, bytes]) -> frozenset[int]:
    """The years of the old term: from its first to its last (or the last date written)."""
    data = _load(contents.get(Path(AGREEMENT_FILE)))
    term = data.get("tid") if isinstance(data, dict) else None
    start = parse_written(term.get("från")) if isinstance(term, dict) else None
    if start is None or not isinstance(term, dict):
        return frozenset()
    first = start.first_day  # a year or a month ("2017–2022") as well as a day
    end = parse_written(term.get("till"))
    last = end.last_day if end is not None else None
    if last is None:
        written = [day for content in contents.values() for day in _dates(_load(content))]
        last = max((day for day in written if day >= first), default=first)
    return frozenset(range(first.year, last.year + 1))


def _load(content: bytes | None) -> object:
    if content is None:
        return None
    try:
        return yaml.safe_load(content.decode("utf-8").removeprefix("\ufeff"))
    except (UnicodeDecodeError, yaml.YAMLError):
        return None


def _dates(data: object) -> list[dt.date]:
    if isinstance(data, dict):
        if data.get("typ") == "övergripande överenskommelse":
            return []
        return [day for value in data.values() for day in _dates(value)]
    if isinstance(data, list):
        return [day for value in data for day in _dates(value)]
    day = parse_date(str(data)) if isinstance(data, dt.date | str) else None
    return [day] if day is not None else []


@dataclass(frozen=True, slots=True)
class Shift:
    """How far one file's dates move: `months` for a date, `years` for a year alone (as far
    as the file's own first day moved in years), and which years belong to the old term."""

    months: int
    years: int
    term_years: frozenset[int]


def file_shift(first: dt.date | None, months: int, start: dt.date, years: frozenset[int]) -> Shift:
    """The shift of a file whose own first day (its period's, else the term's) is `first`;
    without one, the file moves as the term does, to `start`."""
    reference = first or add_months(start, -months)
    return Shift(months, shift_date(reference, months).year - reference.year, years)


def shift_edits(entries: dict[KeyPath, Entry], handled: set[KeyPath], shift: Shift) -> list[Edit]:
    """Edits for every date, dated text and organisationsnummer that `init.copy_edits` left as
    it was (`handled` are the paths it changed or removed)."""
    months = shift.months
    edits: list[Edit] = []
    for path, entry in entries.items():
        if not isinstance(entry.value, ScalarNode) or _under(path, handled):
            continue
        value = str(entry.value.value)
        tag = entry.value.tag.rsplit(":", 1)[-1]
        if tag not in ("str", "timestamp"):
            continue
        if path[-1:] == ("organisationsnummer",):
            if not _police(entries, path, value):
                edits.append(Edit(path, "replace-marked", scalar_text(value), FILL_IN_ORGNR))
            continue
        day = parse_date(value)
        if day is not None:
            moved = shift_date(day, months).isoformat()
            edits.append(Edit(path, "replace-marked", moved, FILL_IN_MOVED))
            continue
        if tag == "str" and path[-1] not in UNTOUCHED_KEYS and not _an_address(value):
            edit = _text_edit(path, entry.value, shift)
            if edit is not None:
                edits.append(edit)
    return edits


def _under(path: KeyPath, handled: set[KeyPath]) -> bool:
    return any(path[:length] in handled for length in range(1, len(path) + 1))


def _police(entries: dict[KeyPath, Entry], path: KeyPath, value: str) -> bool:
    return value == POLICE_ORGNR and scalar(entries, party_kind_path(path)) in POLICE_KINDS


def _an_address(value: str) -> bool:
    """A web address, an e-mail address or a file path: its digits are not years."""
    one_word = " " not in value.strip()
    return "://" in value or (one_word and ("@" in value or "/" in value))


def _text_edit(path: KeyPath, node: ScalarNode, shift: Shift) -> Edit | None:
    text = str(node.value)
    years = shift.term_years
    dates = [match for match in _DATE_IN_TEXT.finditer(text) if parse_date(match.group(0))]
    without_dates = _DATE_IN_TEXT.sub(" ", text)
    found = [match for match in _YEAR_IN_TEXT.finditer(without_dates) if int(match[1]) in years]
    if not dates and not found:
        return None
    one_line = "\n" not in text.strip() and node.style not in ("|", ">")
    short = one_line and len(text) <= SHORT_TEXT
    if not short:
        named = [match.group(0) for match in dates] + [match.group(0) for match in found]
        return Edit(path, "mark", comment=FILL_IN_PROSE.format(", ".join(dict.fromkeys(named))))
    moved = scalar_text(_moved_text(text, shift))
    return Edit(path, "replace-marked", moved, FILL_IN_TEXT)


def _moved_text(text: str, shift: Shift) -> str:
    """`text` with each date moved by the shift's months, and each other year of the old
    term by its years."""

    def moved_date(match: re.Match[str]) -> str:
        day = parse_date(match.group(0))
        return shift_date(day, shift.months).isoformat() if day is not None else match.group(0)

    def moved_year(match: re.Match[str]) -> str:
        year = int(match.group(1))
        return str(year + shift.years) if year in shift.term_years else match.group(0)

    parts = _DATE_IN_TEXT.split(text)  # text, year, month, day, text, …
    out: list[str] = []
    for index in range(0, len(parts), 4):
        out.append(_YEAR_IN_TEXT.sub(moved_year, parts[index]))
        if index + 3 < len(parts):
            out.append(_DATE_IN_TEXT.sub(moved_date, "-".join(parts[index + 1 : index + 4])))
    return "".join(out)


__all__ = [
    "FILL_IN_MOVED",
    "FILL_IN_ORGNR",
    "FILL_IN_TEXT",
    "Shift",
    "file_shift",
    "shift_edits",
    "term_years",
]
