"""Medborgarlöften wherever they stand: in a bilaga of the type medborgarlöften (with a period
of its own) or in a standalone medborgarlöfte (agreement-level `löften`, for the period of
its term). The rules on promises read them through `promise_sets`, so that both forms are
checked alike; and a bilaga's period that runs past the agreement's end is flagged (SV179).
A period dated by months or years ("april 2024 – september 2024") runs from the first day of
its start to the last day of its end; SV179 flags an end given as a month or a year only
when even its first day is after the term, and says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from samverkan_cli.core.problems import Location, Severity
from samverkan_cli.model import BilagaKind
from samverkan_cli.model.document_kinds import DocumentKind
from samverkan_cli.model.promises import FollowUpEntry, PromiseGroup
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.rules.lookup import bilagor_of_kind

Locate = Callable[..., Location]


@dataclass(frozen=True, slots=True)
class PromiseSet:
    """One set of promises: its period, groups and follow-ups, and where its keys are."""

    title: str
    start: dt.date
    end: dt.date | None
    """None: a standalone medborgarlöfte whose term has no end."""
    groups: list[PromiseGroup]
    follow_ups: list[FollowUpEntry]
    locate: Locate
    """The location of a path under the set (`("löften", 0, "lovar", 1)`, `("uppföljning", 0)`)."""
    period_at: Location
    """Where the period is stated: its key, `period:` in a bilaga or `tid:` standalone."""


def term_end(ctx: RuleContext) -> dt.date | None:
    term = ctx.agreement.term
    return term.last_day if term is not None else None


def promise_sets(ctx: RuleContext) -> Iterator[PromiseSet]:
    """The bilagor of the type medborgarlöften, then a standalone medborgarlöfte's own."""
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.CITIZEN_PROMISES):
        content, document = loaded.model, loaded.document
        yield PromiseSet(
            content.title,
            content.period.first_day,
            content.period.last_day,
            content.groups,
            content.follow_ups,
            lambda *path, d=document: d.location(tuple(path)),
            document.location(("period",), key=True),
        )
    agreement = ctx.agreement
    if agreement.document_kind is DocumentKind.CITIZEN_PROMISE and agreement.promises:
        term = agreement.term
        if term is None:
            return  # SV140 says the period is missing
        yield PromiseSet(
            agreement.title,
            term.first_day,
            term_end(ctx),
            agreement.promises,
            agreement.promise_follow_ups,
            lambda *path: ctx.at(*path),
            ctx.at("tid", key=True),
        )


@rule(
    "SV179",
    title="Medborgarlöftena gäller längre än överenskommelsen",
    severity=Severity.WARNING,
    explanation=(
        "Medborgarlöften i en bilaga bygger på överenskommelsen och dess samverkan; löftenas "
        "period ska ligga inom överenskommelsens avtalstid. En period som slutar efter "
        "avtalstiden lovar invånarna något som ingen överenskommelse längre bär: förläng "
        "överenskommelsen eller korta perioden."
    ),
)
def promises_outlive_the_agreement(ctx: RuleContext) -> Iterator[Finding]:
    end = term_end(ctx)
    if end is None:
        return
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.CITIZEN_PROMISES):
        until = loaded.model.period.end
        if until.first_day > end:  # "till 2025" may end any day of 2025: its first is safe
            yield Finding(
                loaded.document.location(("period", "till")),
                f"löftenas period slutar {until.counted_as(until.first_day)}, efter "
                f"överenskommelsens avtalstid, som slutar {end.isoformat()}",
            )
