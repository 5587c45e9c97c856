"""Where each agreement stands on a given day: its term, its next deadlines, what is overdue,
and the verdict of the check (`samverkan status`).

The dates come from the same functions the rules use (`add_months`, `consultation_due`,
`revision_interval_months`, `interval_months`), so the status and `validate` can never
disagree about when a samråd or a lägesbild is due. What the status adds:

- the term's end as a deadline, overdue once it has passed;
- the next revision of the agreement itself (`tid.revidering`, "vart tredje år"), counted
  from the term's start with `term_revision_dates`, as the calendar counts it; like a
  follow-up, never overdue;
- a lägesbild is due its revision interval after its date, or a year after it when neither
  the agreement nor its profiles state an interval (SV123 then stays silent);
- the next follow-up of each counted row of an uppföljningsplan, counted from the term's
  start in steps of its interval, while the term runs. A follow-up is never reported as
  overdue: whether it took place is not in the data;
- for each handlingsplan, while the agreement runs: its next follow-up, its last day while
  it runs, and the day the next plan should be decided (`plan_dates`, as the calendar has
  it), overdue once passed without a decided plan after it (SV146 watches the gap);
- for each medborgarlöften bilaga, while the agreement runs: its next follow-up date and the
  last day of its period, from the same `promise_dates` as the calendar. A follow-up date
  that has passed is not overdue either (whether it was held is not in the data), but a
  period that ended without any follow-up date in it is (SV142's condition); and a period
  that has ended while the agreement runs is overdue, since new promises are due, unless a
  later period of the agreement's medborgarlöften follows it.

The agreement's `undantag` apply as in `validate` (`rule_exceptions`): a deadline that a rule
watches (the samråd SV124, the lägesbild SV123, a period without follow-up SV142) is
excepted once its rule is excepted and the deadline has passed or the check reports the rule
that day. An exception that is info waives the deadline: it is neither overdue nor next, and
is shown with its reason. One that is a warning (a known gap) leaves it overdue, with the
reason beside it.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from samverkan_cli.calendar_arithmetic import add_months, months_later
from samverkan_cli.calendar_events import PlanDates, PromiseDates, plan_dates, promise_dates
from samverkan_cli.checking import CheckSettings, check_folder, resolve_profiles, rule_exceptions
from samverkan_cli.errors import ProblemsFound
from samverkan_cli.model import BilagaKind, Term
from samverkan_cli.model.agreement import RuleException
from samverkan_cli.model.bilagor import FollowUpItem, Promise
from samverkan_cli.problems import Problem, Severity
from samverkan_cli.repository import Repository
from samverkan_cli.rules import RuleContext
from samverkan_cli.rules.lookup import bilagor_of_kind
from samverkan_cli.rules.situation import interval_months, revision_interval_months
from samverkan_cli.rules.term import consultation_due, revision_months, term_revision_dates

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
    TERM_REVISION = "revidering"
    SITUATION_PICTURE = "lägesbild"
    FOLLOW_UP = "uppföljning"
    PROMISE_FOLLOW_UP = "medborgarlöfte-uppföljning"
    PROMISE_PERIOD = "medborgarlöfte-period"
    PLAN_FOLLOW_UP = "handlingsplan-uppföljning"
    PLAN_PERIOD = "handlingsplan-period"
    NEXT_PLAN = "handlingsplan-nästa"


RULE_CONSULTATION = "SV124"
RULE_SITUATION_AGE = "SV123"
RULE_PROMISE_FOLLOW_UP = "SV142"
RULE_PLAN_COVERAGE = "SV146"
"""The rules that watch a deadline; an `undantag` for one of them applies to it."""


@dataclass(frozen=True, slots=True)
class Deadline:
    """One dated thing to do (or that should have been done) in an agreement."""

    kind: DeadlineKind
    date: dt.date
    label: str
    """Swedish, e.g. "samråd om förlängning"."""
    overdue: bool
    rule: str | None = None
    """The rule of `validate` that watches this deadline, if any."""
    exception: RuleException | None = None
    """The agreement's `undantag` for that rule, when it applies to the deadline."""

    @property
    def waived(self) -> bool:
        """True when an exception that is info sets the deadline aside."""
        return self.exception is not None and self.exception.severity == "info"

    def days_from(self, today: dt.date) -> int:
        """Days from `today` to the deadline; negative once it has passed."""
        return (self.date - today).days


@dataclass(frozen=True, slots=True)
class CountedPromise:
    """A promise with a number in it: "genomföra minst femtiotvå (52) hastighetskontroller"."""

    heading: str
    """The group's heading, "Polisen lovar att"."""
    text: str
    """The promise with its number written out, as the document prints it."""
    target: int
    at_least: bool
    priority_area: str | None

    def swedish(self) -> str:
        return f"{self.heading} {self.text}"


@dataclass(frozen=True, slots=True)
class PromisesStatus:
    """One medborgarlöften bilaga as of the day: its period, follow-ups and counted promises."""

    bilaga: str
    title: str
    start: dt.date
    end: dt.date
    follow_ups: tuple[dt.date, ...]
    """Inside the agreement's term, as in the calendar."""
    next_follow_up: dt.date | None
    ended: bool
    counted: tuple[CountedPromise, ...]

    def swedish(self) -> str:
        return f"{self.title}, {self.start.isoformat()} – {self.end.isoformat()}"


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

    def short(self) -> str:
        """The verdict with only the counts that are not zero, for a narrow table."""
        warnings = "varning" if self.warnings == 1 else "varningar"
        counts = [
            f"{count} {word}"
            for count, word in (
                (self.errors, "fel"),
                (self.warnings, warnings),
                (self.infos, "info"),
            )
            if count
        ]
        return f"{self.verdict} ({', '.join(counts)})" if counts else self.verdict


@dataclass(frozen=True, slots=True)
class AgreementStatus:
    folder: Path
    name: str
    """The folder name, NFC."""
    title: str | None
    """None when the agreement could not be read."""
    term: TermSummary | None
    deadlines: tuple[Deadline, ...]
    """Sorted by date; overdue, upcoming and waived ones alike."""
    check: CheckSummary
    promises: tuple[PromisesStatus, ...] = ()
    """The medborgarlöften, while the agreement runs."""

    @property
    def overdue(self) -> tuple[Deadline, ...]:
        return tuple(d for d in self.deadlines if d.overdue)

    @property
    def upcoming(self) -> tuple[Deadline, ...]:
        return tuple(d for d in self.deadlines if not d.overdue and not d.waived)

    @property
    def waived(self) -> tuple[Deadline, ...]:
        return tuple(d for d in self.deadlines if d.waived)

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
    refused: tuple[Problem, ...] = ()
    """Why `agreements/` could not be read at all (the report then has no agreements)."""

    @property
    def any_overdue(self) -> bool:
        return any(agreement.overdue for agreement in self.agreements)


def repository_status(repository: Repository, settings: CheckSettings) -> StatusReport:
    """The status of every agreement folder under agreements/, as of `settings.today`."""
    try:
        folders = repository.agreement_folders()
    except ProblemsFound as refused:  # `agreements/` a link out: reported, nothing read
        return StatusReport(settings.today, (), settings.config.problems, tuple(refused.problems))
    agreements = tuple(agreement_status(folder, settings) for folder in folders)
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
    running = term is None or term.end_date is None or settings.today <= term.end_date
    schedules = list(promise_dates(loaded)) if running else []
    deadlines = [
        *_term_deadlines(term, settings.today),
        *_revision_deadlines(term, settings.today),
        *_situation_deadlines(context),
        *_follow_up_deadlines(context),
        *_promise_deadlines(schedules, settings.today),
        *(_plan_deadlines(list(plan_dates(loaded)), settings.today) if running else []),
    ]
    exceptions = rule_exceptions(agreement)
    reported = {problem.rule for problem in problems}
    deadlines = [_with_exception(d, exceptions, reported, settings.today) for d in deadlines]
    deadlines.sort(key=lambda d: (d.date, list(DeadlineKind).index(d.kind)))
    summary = TermSummary(term.start, term.end_date) if term is not None else None
    promises = tuple(_promises_status(s, settings.today) for s in schedules)
    return AgreementStatus(
        folder, name, agreement.title, summary, tuple(deadlines), check, promises
    )


def _with_exception(
    deadline: Deadline,
    exceptions: dict[str, RuleException],
    reported: set[str],
    today: dt.date,
) -> Deadline:
    """The deadline with the agreement's exception for its rule, as `validate` applies it:
    from the day the check reports the rule, and at the latest once the deadline has passed."""
    exception = exceptions.get(deadline.rule) if deadline.rule is not None else None
    if exception is None or not (deadline.date < today or deadline.rule in reported):
        return deadline
    overdue = deadline.overdue and exception.severity != "info"
    return replace(deadline, overdue=overdue, exception=exception)


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
                RULE_CONSULTATION,
            )
        )
    found.append(
        Deadline(DeadlineKind.TERM_END, term.end_date, "avtalstidens slut", today > term.end_date)
    )
    return found


def _revision_deadlines(term: Term | None, today: dt.date) -> list[Deadline]:
    """The next revision of the agreement itself (`tid.revidering`, e.g. "vart tredje år"),
    counted from the term's start as the calendar counts it; never overdue, since whether
    the revision was made is not in the data."""
    months = revision_months(term) if term is not None else None
    if term is None or months is None:
        return []
    horizon = add_months(max(today, term.start), math.ceil(months) + 1)
    upcoming = term_revision_dates(term, horizon, since=today)
    label = f"revidering av {term.subject[:1].lower()}{term.subject[1:]}"
    return [Deadline(DeadlineKind.TERM_REVISION, d, label, False) for d in upcoming[:1]]


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
        Deadline(
            DeadlineKind.SITUATION_PICTURE,
            due,
            "revidering av lägesbilden",
            due < ctx.today,
            RULE_SITUATION_AGE,
        )
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
    due = months_later(term.start, step * months)
    while due is not None and due < today:
        step += 1
        due = months_later(term.start, step * months)
    if due is None or (term.end_date is not None and due > term.end_date):
        return None  # also after 9999-12-31, where the calendar ends
    return due


def _follow_up_label(item: FollowUpItem) -> str:
    subject = _FOLLOW_UP_SUBJECTS.get(item.subject)
    if subject is None:
        return f"uppföljning: {item.heading}" if item.heading else "uppföljning"
    return f"uppföljning av {subject}"


def _promise_deadlines(schedules: list[PromiseDates], today: dt.date) -> list[Deadline]:
    """Each medborgarlöfte's next follow-up, the end of its period, and what is overdue: a
    period without a follow-up date in it once it has ended, and the latest period once it
    has ended (new promises are due)."""
    latest = max((s.promises.period.end for s in schedules), default=None)
    found = []
    for schedule in schedules:
        title = schedule.promises.title
        period = schedule.promises.period
        upcoming = [day for day in schedule.follow_ups if day >= today]
        if upcoming:
            found.append(
                Deadline(
                    DeadlineKind.PROMISE_FOLLOW_UP, upcoming[0], schedule.follow_up_label, False
                )
            )
        end = schedule.period_end
        if end is None:
            continue
        if not any(period.start <= day <= period.end for day in schedule.promises.follow_up_dates):
            found.append(
                Deadline(
                    DeadlineKind.PROMISE_FOLLOW_UP,
                    end,
                    f"{title}: ingen uppföljning under perioden",
                    today > end,
                    RULE_PROMISE_FOLLOW_UP,
                )
            )
        if today <= end:
            found.append(
                Deadline(DeadlineKind.PROMISE_PERIOD, end, schedule.period_end_label, False)
            )
        elif period.end == latest:
            label = f"{title}: perioden har slutat, nya löften behövs"
            found.append(Deadline(DeadlineKind.PROMISE_PERIOD, end, label, True))
    return found


def _plan_deadlines(plans: list[PlanDates], today: dt.date) -> list[Deadline]:
    """Each handlingsplan's next follow-up and, while it runs, its last day; and the day the
    next plan should be decided (the calendar's date), overdue once passed with no decided
    plan after it. Not when the term ends with the plan: the samråd and the term's end are
    the deadlines then."""
    found = []
    for dates in plans:
        title, period = dates.plan.title, dates.plan.period
        upcoming = [day for day in dates.follow_ups if day >= today]
        if upcoming:
            label = f"{title}: uppföljning"
            found.append(Deadline(DeadlineKind.PLAN_FOLLOW_UP, upcoming[0], label, False))
        if period.start <= today <= period.end:
            label = f"{title}: periodens sista dag"
            found.append(Deadline(DeadlineKind.PLAN_PERIOD, period.end, label, False))
        due = dates.next_plan_due
        if due is not None and not dates.term_ends_with_it:
            found.append(
                Deadline(
                    DeadlineKind.NEXT_PLAN,
                    due,
                    f"nästa handlingsplan efter {title} fastställs",
                    today > due,
                    RULE_PLAN_COVERAGE,
                )
            )
    return found


def _promises_status(schedule: PromiseDates, today: dt.date) -> PromisesStatus:
    content = schedule.promises
    counted = tuple(
        found
        for group in content.groups
        for promise in group.promises
        if (found := _counted(group.heading, promise)) is not None
    )
    return PromisesStatus(
        bilaga=schedule.bilaga_id,
        title=content.title,
        start=content.period.start,
        end=content.period.end,
        follow_ups=schedule.follow_ups,
        next_follow_up=next((day for day in schedule.follow_ups if day >= today), None),
        ended=today > content.period.end,
        counted=counted,
    )


def _counted(heading: str, promise: Promise) -> CountedPromise | None:
    amount = promise.amount
    if amount is None:
        return None
    target = amount.at_least if amount.at_least is not None else amount.exactly
    assert target is not None  # Amount requires one of the two
    return CountedPromise(
        heading, promise.swedish(), target, amount.at_least is not None, promise.priority_area
    )
