"""Things with a period of their own in the calendar: medborgarlöften and handlingsplaner.

Their follow-ups are dates written in the data and stay as written (SV169 notes one on a day
off); the last day of the period is written in the data too, and the day the next
handlingsplan should be decided is a deadline counted from it, on the last working day
before when it falls on a day off. `samverkan status` reads the same dates
(`promise_dates`, `plan_dates`), so the two cannot disagree. A medborgarlöfte's follow-up
written as a month or a year ("2026-06") gives no event: the calendar invents no day; a
period given by months or years ends on the last day of its `till`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from samverkan_cli.calendar.event_types import CalendarEvent, EventKind, slug
from samverkan_cli.core.date_arithmetic import add_months, next_day
from samverkan_cli.core.days_off import deadline_day
from samverkan_cli.core.swedish import long_date
from samverkan_cli.model.bilaga_kinds import CitizenPromisesBilaga, OperativePlanBilaga
from samverkan_cli.model.document_kinds import DocumentKind
from samverkan_cli.model.promises import PromisePeriod
from samverkan_cli.source.loading import LoadedAgreement


@dataclass(frozen=True, slots=True)
class PromiseDates:
    """One medborgarlöften bilaga's dates as both the calendar and `samverkan status` use
    them, so that the two cannot disagree."""

    bilaga_id: str
    promises: CitizenPromisesBilaga
    follow_ups: tuple[dt.date, ...]
    """The follow-up dates inside the agreement's term, sorted, without repeats."""
    period_end: dt.date | None
    """The period's last day; None when it falls outside the term."""
    reports: tuple[dt.date, ...] = ()
    """The återrapporter, sorted: they may come after the period and the term."""

    @property
    def follow_up_label(self) -> str:
        return f"{self.promises.title}: uppföljning"

    @property
    def period_end_label(self) -> str:
        return f"{self.promises.title}: periodens sista dag"


def promise_dates(loaded: LoadedAgreement) -> Iterator[PromiseDates]:
    """Each medborgarlöften bilaga's follow-ups and period end, kept to the agreement's term
    (the calendar then keeps those in its year)."""
    term = loaded.agreement.term if loaded.agreement is not None else None
    first = term.first_day if term is not None else dt.date.min
    last = (term.last_day if term is not None else None) or dt.date.max
    for bilaga_id, bilaga in loaded.bilagor.items():
        content = bilaga.model
        if not isinstance(content, CitizenPromisesBilaga):
            continue
        follow_ups = tuple(sorted({d for d in content.follow_up_dates if first <= d <= last}))
        end = content.period.last_day  # "till september 2024": its last day, 2024-09-30
        period_end = end if first <= end <= last else None
        reports = tuple(sorted(set(content.report_dates)))
        yield PromiseDates(bilaga_id, content, follow_ups, period_end, reports)
    standalone = standalone_promises(loaded)
    if standalone is not None:
        follow_ups = tuple(sorted(set(standalone.follow_up_dates)))
        reports = tuple(sorted(set(standalone.report_dates)))
        end = standalone.period.last_day
        yield PromiseDates(STANDALONE_ID, standalone, follow_ups, end, reports)


STANDALONE_ID = "löften"
"""The id a standalone medborgarlöfte's own promises go by in the calendar and `status`."""


def standalone_promises(loaded: LoadedAgreement) -> CitizenPromisesBilaga | None:
    """A standalone medborgarlöfte's promises (`dokumenttyp: medborgarlöfte`, `löften:`) in
    the shape of a medborgarlöften bilaga, for the period of its term; None for any other
    document, or one whose term has no end."""
    agreement = loaded.agreement
    if agreement is None or not agreement.promises or agreement.term is None:
        return None
    if agreement.document_kind is not DocumentKind.CITIZEN_PROMISE:
        return None
    last = agreement.term.last_day
    if last is None or last <= agreement.term.first_day:
        return None
    return CitizenPromisesBilaga.model_validate(
        {
            "typ": "medborgarlöften",
            "titel": agreement.title,
            "period": PromisePeriod(start=agreement.term.first_day, end=last),
            "löften": agreement.promises,
            "uppföljning": agreement.promise_follow_ups,
        }
    )


def promise_events(
    loaded: LoadedAgreement, window: tuple[dt.date, dt.date]
) -> Iterator[CalendarEvent]:
    """Each medborgarlöfte's follow-ups and the end of its period, with its counted
    promises in the description (what the follow-up counts)."""
    start, end = window
    for dates in promise_dates(loaded):
        content = dates.promises
        promises = [
            f"{group.heading} {promise.swedish()}."
            for group in content.groups
            for promise in group.promises
            if promise.amount is not None
        ]
        last = dates.period_end
        yield from _period_events(
            slug(dates.bilaga_id),
            content.title,
            tuple(d for d in dates.follow_ups if start <= d <= end),
            " ".join(promises) or content.title,
            last if last is not None and start <= last <= end else None,
            f"Löftena gäller till och med {long_date(last)}." if last else "",
        )


def _period_events(
    key: str,
    title: str,
    follow_ups: tuple[dt.date, ...],
    follow_up_text: str,
    last: dt.date | None,
    last_text: str,
) -> Iterator[CalendarEvent]:
    """The follow-ups and the last day of something with a period of its own (medborgarlöften,
    a handlingsplan), as all-day events: `<key>-uppfoljning` and `<key>-slut`."""
    if follow_ups:
        summary = f"{title}: uppföljning"
        yield all_day_event(
            f"{key}-uppfoljning", EventKind.FOLLOW_UP, title, summary, follow_up_text, follow_ups
        )
    if last is not None:
        summary = f"{title}: periodens sista dag"
        yield all_day_event(f"{key}-slut", EventKind.TERM, title, summary, last_text, (last,))


def all_day_event(
    key: str,
    kind: EventKind,
    subject: str,
    summary: str,
    description: str,
    dates: tuple[dt.date, ...],
) -> CalendarEvent:
    """A deadline or follow-up: all day, on its dates, not a planned meeting."""
    return CalendarEvent(
        key=key,
        kind=kind,
        subject=subject,
        summary=summary,
        description=description,
        dates=dates,
        recurrence=None,
        all_day=True,
        planned=False,
    )


NEXT_PLAN_MONTHS_BEFORE = 1
"""How long before a handlingsplan ends the next one should be decided: the rule (SV147)
asks only that it is decided before its period starts; a month leaves time to plan."""


@dataclass(frozen=True, slots=True)
class PlanDates:
    """One handlingsplan's dates, for the calendar and `status` alike."""

    bilaga_id: str
    plan: OperativePlanBilaga
    follow_ups: tuple[dt.date, ...]
    """Its follow-up dates, sorted, without repeats."""
    next_plan_due: dt.date | None
    """The day by which the next plan should be decided, `NEXT_PLAN_MONTHS_BEFORE` before
    this one ends (the last working day on or before it); None when a decided plan (or an
    extern one with a period) follows it."""
    term_ends_with_it: bool
    """The term ends on or before the plan's last day: a next plan needs an extension."""

    @property
    def following_day(self) -> dt.date | None:
        """The first day after the plan; None for a plan that runs to 9999-12-31."""
        return next_day(self.plan.period.end)


def plan_dates(loaded: LoadedAgreement) -> Iterator[PlanDates]:
    """Each handlingsplan bilaga's follow-ups and when the next plan is due."""
    agreement = loaded.agreement
    if agreement is None:
        return
    entries = agreement.bilagor.entries if agreement.bilagor else []
    extern_periods = [
        e.external.period for e in entries if e.external is not None and e.external.period
    ]
    plans = [
        (bilaga_id, bilaga.model)
        for bilaga_id, bilaga in loaded.bilagor.items()
        if isinstance(bilaga.model, OperativePlanBilaga)
    ]
    decided = [p.period for _, p in plans if p.decision is not None] + extern_periods
    term_end = agreement.term.last_day if agreement.term is not None else None
    for bilaga_id, plan in plans:
        last = plan.period.end
        occasions = plan.follow_up.occasions if plan.follow_up is not None else []
        following = next_day(last)
        followed = following is None or any(p.covers(following) for p in decided)
        yield PlanDates(
            bilaga_id,
            plan,
            tuple(sorted(set(occasions))),
            None if followed else deadline_day(add_months(last, -NEXT_PLAN_MONTHS_BEFORE)),
            term_end is not None and term_end <= last,
        )


def operative_plan_events(
    loaded: LoadedAgreement, window: tuple[dt.date, dt.date]
) -> Iterator[CalendarEvent]:
    """Each handlingsplan's follow-ups, the last day of its period, and the day by which
    the next year's plan should be decided (unless a decided plan already follows it)."""
    agreement = loaded.agreement
    assert agreement is not None
    start, end = window
    term = agreement.term
    term_end = term.end_date if term is not None else None
    for dates in plan_dates(loaded):
        plan = dates.plan
        key, title, last = slug(dates.bilaga_id), plan.title, plan.period.end
        yield from _period_events(
            key,
            title,
            tuple(d for d in dates.follow_ups if start <= d <= end) if plan.follow_up else (),
            sentence(plan.follow_up.text) if plan.follow_up else "",
            last if start <= last <= end else None,
            f"{plan.subject} gäller till och med {long_date(last)}.",
        )
        following, due = dates.following_day, dates.next_plan_due
        if due is None or following is None or not start <= due <= end:
            continue
        description = (
            f"Nästa handlingsplan ska fastställas innan den börjar gälla {long_date(following)}. "
            f"{title} gäller till och med {long_date(last)}; ett beslut senast "
            f"{long_date(due)} ger parterna tid att planera årets aktiviteter."
        )
        if dates.term_ends_with_it and term_end is not None:
            description += (
                f" Avtalstiden slutar {term_end.long()}: nästa handlingsplan förutsätter "
                "att överenskommelsen förlängs."
            )
        summary = f"{title}: nästa handlingsplan fastställs senast"
        yield all_day_event(
            f"{key}-nasta-plan", EventKind.TERM, title, summary, description, (due,)
        )


def sentence(text: str) -> str:
    """`text` on one line, ending with a full stop unless it ends in other punctuation."""
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?", "…", ":")) else text + "."
