"""Where each agreement stands on a given day: its term, its next deadlines, what is overdue,
and the verdict of the check (`samverkan status`).

The dates come from the same functions the rules use (`add_months`, `consultation_due`,
`revision_interval_months`, `interval_months`), so the status and `validate` can never
disagree about when a samråd or a lägesbild is due. What the status adds:

- the term's end as a deadline, overdue once it has passed;
- a lägesbild is due its revision interval after its date, or a year after it when neither
  the agreement nor its profiles state an interval (SV123 then stays silent);
- the next follow-up of each counted row of an uppföljningsplan, counted from the term's
  start in steps of its interval, while the term runs. A follow-up is never reported as
  overdue: whether it took place is not in the data.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from samverkan_cli.checking import CheckSettings, check_folder, resolve_profiles
from samverkan_cli.model import BilagaKind, Term
from samverkan_cli.model.bilagor import FollowUpItem
from samverkan_cli.problems import Problem, Severity
from samverkan_cli.repository import Repository
from samverkan_cli.rules import RuleContext
from samverkan_cli.rules.lookup import bilagor_of_kind
from samverkan_cli.rules.situation import interval_months, revision_interval_months
from samverkan_cli.rules.term import add_months, consultation_due

DEFAULT_SITUATION_MONTHS = 12
"""How long a lägesbild stays current when neither the agreement nor a profile says."""

PASSED = "godkänd"
FAILED = "underkänd"
UNTIL_FURTHER_NOTICE = "tills vidare"

_FOLLOW_UP_SUBJECTS = {
    "samverkansorganisationen": "samverkansorganisationen",
    "lägesbild": "lägesbilden",
    "åtgärdsplan": "åtgärdsplanerna",
    "kommunikationsplan": "kommunikationsplanen",
}


class DeadlineKind(StrEnum):
    """What a deadline is about; the values are the JSON output's `kind`."""

    CONSULTATION = "samråd"
    TERM_END = "avtalstid"
    SITUATION_PICTURE = "lägesbild"
    FOLLOW_UP = "uppföljning"


@dataclass(frozen=True, slots=True)
class Deadline:
    """One dated thing to do (or that should have been done) in an agreement."""

    kind: DeadlineKind
    date: dt.date
    label: str
    """Swedish, e.g. "samråd om förlängning"."""
    overdue: bool

    def days_from(self, today: dt.date) -> int:
        """Days from `today` to the deadline; negative once it has passed."""
        return (self.date - today).days


@dataclass(frozen=True, slots=True)
class TermSummary:
    start: dt.date
    end: dt.date | None
    """None: the agreement runs tills vidare."""

    def swedish(self) -> str:
        end = self.end.isoformat() if self.end is not None else UNTIL_FURTHER_NOTICE
        return f"{self.start.isoformat()} – {end}"


@dataclass(frozen=True, slots=True)
class CheckSummary:
    """The verdict of `validate` for one agreement, as of the same day."""

    errors: int
    warnings: int
    infos: int

    @classmethod
    def of(cls, problems: list[Problem]) -> CheckSummary:
        counts = Counter(problem.severity for problem in problems)
        return cls(counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO])

    @property
    def passed(self) -> bool:
        return self.errors == 0

    @property
    def verdict(self) -> str:
        return PASSED if self.passed else FAILED

    def swedish(self) -> str:
        warnings = "varning" if self.warnings == 1 else "varningar"
        return f"{self.verdict} ({self.errors} fel, {self.warnings} {warnings}, {self.infos} info)"


@dataclass(frozen=True, slots=True)
class AgreementStatus:
    folder: Path
    name: str
    """The folder name, NFC."""
    title: str | None
    """None when the agreement could not be read."""
    term: TermSummary | None
    deadlines: tuple[Deadline, ...]
    """Sorted by date; overdue ones and upcoming ones alike."""
    check: CheckSummary

    @property
    def overdue(self) -> tuple[Deadline, ...]:
        return tuple(d for d in self.deadlines if d.overdue)

    @property
    def upcoming(self) -> tuple[Deadline, ...]:
        return tuple(d for d in self.deadlines if not d.overdue)

    @property
    def next_deadlines(self) -> tuple[Deadline, ...]:
        """The upcoming deadlines that fall on the earliest upcoming date."""
        upcoming = self.upcoming
        return tuple(d for d in upcoming if d.date == upcoming[0].date) if upcoming else ()


@dataclass(frozen=True, slots=True)
class StatusReport:
    today: dt.date
    agreements: tuple[AgreementStatus, ...]
    config_problems: tuple[Problem, ...] = ()
    """Problems of samverkan.yaml (the defaults were used instead)."""

    @property
    def any_overdue(self) -> bool:
        return any(agreement.overdue for agreement in self.agreements)


def repository_status(repository: Repository, settings: CheckSettings) -> StatusReport:
    """The status of every agreement folder under agreements/, as of `settings.today`."""
    agreements = tuple(
        agreement_status(folder, settings) for folder in repository.agreement_folders()
    )
    return StatusReport(settings.today, agreements, settings.config.problems)


def agreement_status(folder: Path, settings: CheckSettings) -> AgreementStatus:
    """One agreement's term, deadlines and check verdict as of `settings.today`."""
    loaded, problems = check_folder(folder, settings)
    name = unicodedata.normalize("NFC", folder.name)
    check = CheckSummary.of(problems)
    agreement = loaded.agreement
    if agreement is None or loaded.source is None:
        return AgreementStatus(folder, name, None, None, (), check)
    context = RuleContext(
        loaded,
        agreement,
        loaded.source,
        resolve_profiles(loaded, settings.config),
        settings.today,
    )
    term = agreement.term
    deadlines = [
        *_term_deadlines(term, settings.today),
        *_situation_deadlines(context),
        *_follow_up_deadlines(context),
    ]
    deadlines.sort(key=lambda d: (d.date, list(DeadlineKind).index(d.kind)))
    summary = TermSummary(term.start, term.end_date) if term is not None else None
    return AgreementStatus(folder, name, agreement.title, summary, tuple(deadlines), check)


def _term_deadlines(term: Term | None, today: dt.date) -> list[Deadline]:
    """The samråd before the term ends (SV124's date) and the end of the term."""
    if term is None or term.end_date is None:
        return []
    found = []
    consultation = consultation_due(term)
    if consultation is not None:
        found.append(
            Deadline(
                DeadlineKind.CONSULTATION,
                consultation,
                "samråd om förlängning",
                today > consultation,
            )
        )
    found.append(
        Deadline(DeadlineKind.TERM_END, term.end_date, "avtalstidens slut", today > term.end_date)
    )
    return found


def _situation_deadlines(ctx: RuleContext) -> list[Deadline]:
    """The next revision of the newest dated lägesbild (SV123's date, or a year)."""
    dates = [
        loaded.model.date
        for _, loaded in bilagor_of_kind(ctx, BilagaKind.SITUATION_PICTURE)
        if loaded.model.date is not None
    ]
    if not dates:
        return []
    months = revision_interval_months(ctx) or DEFAULT_SITUATION_MONTHS
    due = add_months(max(dates), months)
    return [
        Deadline(DeadlineKind.SITUATION_PICTURE, due, "revidering av lägesbilden", due < ctx.today)
    ]


def _follow_up_deadlines(ctx: RuleContext) -> list[Deadline]:
    """The next follow-up of each counted row of the uppföljningsplan, while the term runs."""
    term = ctx.agreement.term
    if term is None:
        return []
    found = []
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.FOLLOW_UP_PLAN):
        for item in loaded.model.items:
            due = _next_follow_up(item, term, ctx.today)
            if due is not None:
                found.append(Deadline(DeadlineKind.FOLLOW_UP, due, _follow_up_label(item), False))
    return found


def _next_follow_up(item: FollowUpItem, term: Term, today: dt.date) -> dt.date | None:
    """The first occasion on or after `today`, counted from the term's start; None when the
    frequency has no count or the next occasion falls after the term's end."""
    months = interval_months(item.frequency.frequency)
    if months is None:
        return None
    elapsed = (today.year - term.start.year) * 12 + today.month - term.start.month
    step = max(1, elapsed // months)
    due = add_months(term.start, step * months)
    while due < today:
        step += 1
        due = add_months(term.start, step * months)
    if term.end_date is not None and due > term.end_date:
        return None
    return due


def _follow_up_label(item: FollowUpItem) -> str:
    subject = _FOLLOW_UP_SUBJECTS.get(item.subject)
    if subject is None:
        return f"uppföljning: {item.heading}" if item.heading else "uppföljning"
    return f"uppföljning av {subject}"
