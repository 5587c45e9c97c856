"""What `samverkan init --från` changes in a copy of an agreement that is the user's own.

A copy keeps the old agreement's texts, which are the user's; what belongs to the old
agreement alone is cleared:

- the term starts on the first day of next month and keeps its length; required dates get
  a `# FYLL I` comment, since they must stay valid dates until someone fills them in;
- other dates (signatures, bilagor, the report) are removed, except those of the
  övergripande överenskommelse, a document that stays the same;
- the yearly handlingsplaner move by whole months so that the earliest starts with the new
  term, each keeping its length (marked `# FYLL I`), with their follow-up dates; their
  decision date becomes today's, marked; an extern bilaga's `period` is removed with its date;
- the names of people (signatories, contact persons, in a bilaga or in the agreement's own
  `kontaktuppgifter`) and the agreement's own diarienummer become placeholders, contact
  persons' telephone numbers and e-mail addresses are removed;
- every other date, every short text with a date or a year of the old term, and every
  organisationsnummer is moved or kept as `init.copy_shifts` says, and marked `# FYLL I`;
- follow-up days land on working days.

A mall is different: it is someone else's example, and `init.mall_values` turns every value
of it into a placeholder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from samverkan_cli.core.date_arithmetic import add_months
from samverkan_cli.init.copy_shifts import Shift, file_shift, shift_edits
from samverkan_cli.init.moved_dates import (
    months_between,
    moved_written,
    parse_date,
    parse_written,
    shifted_end,
    working_day,
)
from samverkan_cli.init.yaml_editing import Edit, Entry, KeyPath, scalar
from samverkan_cli.model.partial_date import PartialDate
from samverkan_cli.source.repository import AGREEMENT_FILE

AGREEMENT_SCHEMA = "overenskommelse.schema.json"
BILAGA_SCHEMA = "bilaga.schema.json"
REPORT_SCHEMA = "tjansteutlatande.schema.json"
YAML_SUFFIXES = frozenset({".yaml", ".yml"})

OVERARCHING = "övergripande överenskommelse"

PLACEHOLDER_SIGNATORY = "«Namn på den som undertecknar»"
PLACEHOLDER_PERSON = "«Namn på kontaktpersonen»"
PLACEHOLDER_REGISTRATION = "«Diarienummer»"
FILL_IN_START = "FYLL I: första dagen överenskommelsen gäller"
FILL_IN_END = "FYLL I: sista dagen överenskommelsen gäller"
FILL_IN_DECISION = "FYLL I: dagen då beslutet fattades"
FILL_IN_PLAN_START = "FYLL I: första dagen handlingsplanen gäller"
FILL_IN_PLAN_END = "FYLL I: sista dagen handlingsplanen gäller"
OPERATIVE_PLAN = "handlingsplan"
CITIZEN_PROMISES = "medborgarlöften"
FILL_IN_PROMISES_START = "FYLL I: första dagen löftena gäller"
FILL_IN_PROMISES_END = "FYLL I: sista dagen löftena gäller"
FILL_IN_FOLLOW_UP = "FYLL I: dag då löftena följs upp"
FILL_IN_PLAN_FOLLOW_UP = "FYLL I: dag då handlingsplanen följs upp"


@dataclass(slots=True)
class Plan:
    """What to put in place of the old agreement's dates, and where it came from."""

    start: dt.date
    today: dt.date
    output_name: str | None = None
    copied_from: str | None = None
    plan_shift: int = 0
    """The months every handlingsplan moves, so that the earliest starts with the new term."""
    mall: str | None = None
    """The mall copied, when it is one of the shipped examples (see `init.mall_values`)."""
    term_months: int = 0
    """The months the old term's start moves to the new start."""
    term_years: frozenset[int] = frozenset()
    """The years of the old term (`copy_shifts.term_years`): in a copy's texts they move."""


def copy_edits(schema: str, entries: dict[KeyPath, Entry], plan: Plan) -> list[Edit]:
    kind = scalar(entries, ("typ",))
    edits: list[Edit] = []
    if schema == AGREEMENT_SCHEMA:
        edits += _agreement_edits(entries, plan)
    if schema == BILAGA_SCHEMA and kind == "kontaktuppgifter":
        edits += _contact_edits(entries)
    if schema == BILAGA_SCHEMA and kind == OPERATIVE_PLAN:
        edits += _operative_plan_edits(entries, plan)
    if schema == BILAGA_SCHEMA and kind == CITIZEN_PROMISES:
        edits += _promise_edits(entries, plan)
    if schema == REPORT_SCHEMA:
        edits += _replace_if_present(entries, ("undertecknare", "namn"), PLACEHOLDER_SIGNATORY)
        edits += _replace_if_present(entries, ("diarienummer",), PLACEHOLDER_REGISTRATION)
    decided = ("beslut", "datum")  # a plan's decision, or a standalone medborgarlöfte's
    if schema in (BILAGA_SCHEMA, AGREEMENT_SCHEMA) and is_date(scalar(entries, decided)):
        edits.append(Edit(decided, "replace-marked", plan.today.isoformat(), FILL_IN_DECISION))
        edits += _replace_if_present(entries, ("beslut", "diarienummer"), PLACEHOLDER_REGISTRATION)
    handled = {edit.path for edit in edits}
    keep_dates = schema == BILAGA_SCHEMA and kind == OVERARCHING
    for path in entries:
        if path in handled or path[-1:] != ("datum",) or keep_dates:
            continue
        if not is_date(scalar(entries, path)):
            continue
        if path[:2] == ("bilagor", "lista") and scalar(entries, (*path[:3], "typ")) == OVERARCHING:
            continue
        if path[:1] == ("uppföljning",):
            continue  # a follow-up day of medborgarlöften: moved with the term, like the others
        edits.append(Edit(path, "drop"))
    if keep_dates or plan.copied_from is None:  # the skeleton's values are placeholders
        return edits
    handled |= {edit.path for edit in edits}
    handled |= {
        path[:3]
        for path in entries
        if path[:2] == ("bilagor", "lista") and scalar(entries, (*path[:3], "typ")) == OVERARCHING
    }
    return edits + shift_edits(entries, handled, _file_shift(kind, entries, plan))


def _file_shift(kind: str | None, entries: dict[KeyPath, Entry], plan: Plan) -> Shift:
    """How far a file's other dates move: as its own period moved, else as the term did."""
    first = parse_date(scalar(entries, ("period", "från"))) or parse_date(
        scalar(entries, ("tid", "från"))
    )
    months = plan.term_months
    if kind == OPERATIVE_PLAN:
        months = plan.plan_shift
    elif kind == CITIZEN_PROMISES and first is not None:
        months = months_between(first, plan.start)
    return file_shift(first, months, plan.start, plan.term_years)


def _agreement_edits(entries: dict[KeyPath, Entry], plan: Plan) -> list[Edit]:
    edits: list[Edit] = []
    if plan.output_name is not None:
        edits += _replace_if_present(entries, ("filnamn",), plan.output_name)
    old_start = parse_date(scalar(entries, ("tid", "från")))
    old_end = parse_date(scalar(entries, ("tid", "till")))
    if old_start is not None and (old_end is not None or _written_term(entries) is None):
        edits.append(Edit(("tid", "från"), "replace-marked", plan.start.isoformat(), FILL_IN_START))
        if old_end is not None:
            end = shifted_end(old_start, old_end, plan.start)
            edits.append(Edit(("tid", "till"), "replace-marked", end.isoformat(), FILL_IN_END))
    else:
        edits += _written_term_edits(entries, plan)
    for path in entries:
        if _party_signatory_name(path):
            edits.append(Edit(path, "replace", PLACEHOLDER_SIGNATORY))
        elif _own_registration_number(path):
            edits.append(Edit(path, "replace", PLACEHOLDER_REGISTRATION))
        elif len(path) == 4 and path[:2] == ("förord", "undertecknare") and path[3] == "namn":
            edits.append(Edit(path, "replace", PLACEHOLDER_SIGNATORY))
    own = ("kontaktuppgifter",)  # the contact persons in the agreement text itself
    edits += _contact_edits({p[1:]: e for p, e in entries.items() if p[:1] == own}, own)
    periods = [
        Edit(path, "drop")
        for path in entries
        if len(path) == 5 and path[:2] == ("bilagor", "lista") and path[3:] == ("extern", "period")
    ]
    return [edit for edit in edits if scalar(entries, edit.path) is not None] + periods


def _written_term(entries: dict[KeyPath, Entry]) -> tuple[PartialDate, PartialDate | None] | None:
    """The term's start and end when either is a year or a month ("2017–2022")."""
    start = parse_written(scalar(entries, ("tid", "från")))
    end = parse_written(scalar(entries, ("tid", "till")))
    if start is None or (start.is_day and (end is None or end.is_day)):
        return None
    return start, end


def _written_term_edits(entries: dict[KeyPath, Entry], plan: Plan) -> list[Edit]:
    """A term dated by a year or a month moves by whole years or months, as `plan.term_months`
    says, and is written at the precision it had."""
    written = _written_term(entries)
    if written is None:
        return []
    start, end = written
    moved = moved_written(start, plan.term_months)
    edits = [Edit(("tid", "från"), "replace-marked", moved.iso(), FILL_IN_START)]
    if end is not None:
        edits.append(
            Edit(
                ("tid", "till"),
                "replace-marked",
                moved_written(end, plan.term_months).iso(),
                FILL_IN_END,
            )
        )
    return edits


def _party_signatory_name(path: KeyPath) -> bool:
    """`parter.N.undertecknare.namn`, or `parter.N.undertecknare.M.namn` in a list."""
    signatory = path[:1] == ("parter",) and path[2:3] == ("undertecknare",)
    return signatory and len(path) in (4, 5) and path[-1] == "namn"


def _own_registration_number(path: KeyPath) -> bool:
    """A party's diarienummer, or the decision's that adopted the agreement."""
    party = len(path) == 3 and path[0] == "parter" and path[2] == "diarienummer"
    return party or path == ("fastställd_av", "diarienummer")


def operative_plan_shift(contents: dict[Path, bytes], start: dt.date) -> int:
    """Whole months from the earliest handlingsplan's first day to the new term's start."""
    starts: list[dt.date] = []
    for relative, content in contents.items():
        if relative.suffix not in YAML_SUFFIXES or relative == Path(AGREEMENT_FILE):
            continue
        try:
            data = yaml.safe_load(content.decode("utf-8").removeprefix("\ufeff"))
        except (UnicodeDecodeError, yaml.YAMLError):
            continue  # reported when the file itself is prepared
        if not isinstance(data, dict) or data.get("typ") != OPERATIVE_PLAN:
            continue
        period = data.get("period")
        if isinstance(period, dict):
            first = parse_date(str(period.get("från")))
            if first is not None:
                starts.append(first)
    if not starts:
        return 0
    return months_between(min(starts), start)


def _operative_plan_edits(entries: dict[KeyPath, Entry], plan: Plan) -> list[Edit]:
    edits: list[Edit] = []
    old_start = parse_date(scalar(entries, ("period", "från")))
    old_end = parse_date(scalar(entries, ("period", "till")))
    if old_start is not None and old_end is not None:
        start = add_months(old_start, plan.plan_shift)
        end = shifted_end(old_start, old_end, start)
        edits.append(
            Edit(("period", "från"), "replace-marked", start.isoformat(), FILL_IN_PLAN_START)
        )
        edits.append(Edit(("period", "till"), "replace-marked", end.isoformat(), FILL_IN_PLAN_END))
    decided = ("fastställd", "datum")
    if is_date(scalar(entries, decided)):
        edits.append(Edit(decided, "replace-marked", plan.today.isoformat(), FILL_IN_DECISION))
        edits += _replace_if_present(
            entries, ("fastställd", "diarienummer"), PLACEHOLDER_REGISTRATION
        )
    period = (start, end) if old_start is not None and old_end is not None else None
    for path in entries:
        day = (
            parse_date(scalar(entries, path)) if path[:2] == ("uppföljning", "tillfällen") else None
        )
        if day is not None:
            moved = working_day(add_months(day, plan.plan_shift), period).isoformat()
            edits.append(Edit(path, "replace-marked", moved, FILL_IN_PLAN_FOLLOW_UP))
    return edits


def _promise_edits(entries: dict[KeyPath, Entry], plan: Plan) -> list[Edit]:
    """Medborgarlöften are new each period: the period moves by whole months to start with
    the new term, keeping its length, and the follow-up dates move with it; all are marked,
    for the new promises' own dates."""
    old_start = parse_date(scalar(entries, ("period", "från")))
    old_end = parse_date(scalar(entries, ("period", "till")))
    if old_start is None or old_end is None:
        return []
    months = months_between(old_start, plan.start)
    start = add_months(old_start, months)
    end = shifted_end(old_start, old_end, start)
    edits = [
        Edit(("period", "från"), "replace-marked", start.isoformat(), FILL_IN_PROMISES_START),
        Edit(("period", "till"), "replace-marked", end.isoformat(), FILL_IN_PROMISES_END),
    ]
    for path in entries:
        day = parse_date(scalar(entries, path)) if path[:1] == ("uppföljning",) else None
        if day is not None and len(path) == 2:
            moved = working_day(add_months(day, months), (start, end)).isoformat()
            edits.append(Edit(path, "replace-marked", moved, FILL_IN_FOLLOW_UP))
    return edits


def _contact_edits(entries: dict[KeyPath, Entry], prefix: KeyPath = ()) -> list[Edit]:
    """A contact person's name becomes a placeholder, their phone and e-mail go: in a bilaga
    of the type kontaktuppgifter, or (`prefix`) in the agreement's own `kontaktuppgifter`."""
    edits: list[Edit] = []
    for path in entries:
        if len(path) == 3 and path[0] == "personer" and scalar(entries, path) is not None:
            if path[2] == "namn":
                edits.append(Edit((*prefix, *path), "replace", PLACEHOLDER_PERSON))
            elif path[2] in {"telefon", "epost"}:
                edits.append(Edit((*prefix, *path), "drop"))
    return edits


def _replace_if_present(entries: dict[KeyPath, Entry], path: KeyPath, text: str) -> list[Edit]:
    return [Edit(path, "replace", text)] if scalar(entries, path) is not None else []


def is_date(value: str | None) -> bool:
    return parse_date(value) is not None
