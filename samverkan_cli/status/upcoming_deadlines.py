"""The deadlines of one agreement on a given day, each with the rule that watches it.

The samråd and the term's end, the next revision, the lägesbild, the follow-ups of the
uppföljningsplan, the medborgarlöften and the handlingsplaner, counted with the same functions
the rules and the calendar use; `standing.agreement_status` gathers them per agreement (see
its doc).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from enum import StrEnum

from samverkan_cli.calendar.events import PlanDates, PromiseDates
from samverkan_cli.core.date_arithmetic import add_months, months_later
from samverkan_cli.model import BilagaKind, Term
from samverkan_cli.model.bilaga_kinds import FollowUpItem
from samverkan_cli.model.promises import follow_up_periods
from samverkan_cli.model.rule_exceptions import RuleException
from samverkan_cli.rules import RuleContext
from samverkan_cli.rules.lookup import bilagor_of_kind
from samverkan_cli.rules.situation import interval_months, revision_interval_months
from samverkan_cli.rules.term import consultation_due, revision_months, term_revision_dates

DEFAULT_SITUATION_MONTHS = 12
"""How long a lägesbild stays current when neither the agreement nor a profile says."""

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
    PROMISE_REPORT = "medborgarlöfte-återrapport"
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


def with_exception(
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


def term_deadlines(term: Term | None, today: dt.date) -> list[Deadline]:
    """The samråd before the term ends (SV124's date) and the end of the term (its last day:
    "till och med 2022" ends 2022-12-31). A term that goes on until it is replaced
    (`gäller_till_dess`) is not overdue when its dated end has passed."""
    if term is None or term.last_day is None:
        return []
    last_day = term.last_day
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
    ended = today > last_day and term.until_replaced is None
    found.append(Deadline(DeadlineKind.TERM_END, last_day, "avtalstidens slut", ended))
    return found


def revision_deadlines(term: Term | None, today: dt.date) -> list[Deadline]:
    """The next revision of the agreement itself (`tid.revidering`, e.g. "vart tredje år"),
    counted from the term's start as the calendar counts it; never overdue, since whether
    the revision was made is not in the data."""
    months = revision_months(term) if term is not None else None
    if term is None or months is None:
        return []
    horizon = add_months(max(today, term.first_day), math.ceil(months) + 1)
    upcoming = term_revision_dates(term, horizon, since=today)
    label = f"revidering av {term.subject[:1].lower()}{term.subject[1:]}"
    return [Deadline(DeadlineKind.TERM_REVISION, d, label, False) for d in upcoming[:1]]


def situation_deadlines(ctx: RuleContext) -> list[Deadline]:
    """The next revision of the newest dated lägesbild (SV123's date, or a year); one dated
    by a month or a year counts from its last day, as SV123 does."""
    dates = [
        loaded.model.date.last_day
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


def follow_up_deadlines(ctx: RuleContext) -> list[Deadline]:
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
    first = term.first_day
    elapsed = (today.year - first.year) * 12 + today.month - first.month
    step = max(1, elapsed // months)
    due = months_later(first, step * months)
    while due is not None and due < today:
        step += 1
        due = months_later(first, step * months)
    if due is None or (term.last_day is not None and due > term.last_day):
        return None  # also after 9999-12-31, where the calendar ends
    return due


def _follow_up_label(item: FollowUpItem) -> str:
    subject = _FOLLOW_UP_SUBJECTS.get(item.subject)
    if subject is None:
        return f"uppföljning: {item.heading}" if item.heading else "uppföljning"
    return f"uppföljning av {subject}"


def promise_deadlines(schedules: list[PromiseDates], today: dt.date) -> list[Deadline]:
    """Each medborgarlöfte's next follow-up, the end of its period, and what is overdue: a
    period without a follow-up date in it once it has ended, and the latest period once it
    has ended (new promises are due)."""
    latest = max((s.promises.period.last_day for s in schedules), default=None)
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
        reports = [day for day in schedule.reports if day >= today]
        if reports:
            label = f"{title}: återrapport"
            found.append(Deadline(DeadlineKind.PROMISE_REPORT, reports[0], label, False))
        end = schedule.period_end
        if end is None:
            continue
        written = follow_up_periods(schedule.promises.follow_ups)  # "juni 2024" counts too
        if not any(d.overlaps(period.first_day, period.last_day) for d in written):
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
        elif period.last_day == latest and not reports:  # the cycle ends with its återrapport
            label = f"{title}: perioden har slutat, nya löften behövs"
            found.append(Deadline(DeadlineKind.PROMISE_PERIOD, end, label, True))
    return found


def plan_deadlines(plans: list[PlanDates], today: dt.date) -> list[Deadline]:
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
