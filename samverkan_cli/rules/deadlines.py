"""SV163: a deadline outside the time it belongs to.

A mål's `senast` says by when the parties mean to reach it; a date before the agreement's
term begins, or after it ends, is almost always left over from an older agreement or a
copied example (a goal "senast 2026-12-31" in a term that starts 2027-01-01). A
handlingsplan's follow-up day outside the plan's own period is the same mistake one level
down. Both are warnings: the parties may mean it, but they should say so knowingly.
A term dated by a year or a month spans every day the text can mean ("2017–2022":
2017-01-01 – 2022-12-31), so a deadline in it is never called outside it. A `senast` dated
by a year or a month is outside only when every day it can mean is: before the term by its
last day, after it by its first; the message names the day taken ("senast 2026 (räknat från
2026-12-31, sista dagen i 2026)").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from samverkan_cli.core.problems import Location, Severity
from samverkan_cli.model import BilagaKind, PartialDate, Term
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.rules.lookup import bilagor_of_kind

RULE_DEADLINE = "SV163"


@rule(
    RULE_DEADLINE,
    title="Datum utanför tiden det hör till",
    severity=Severity.WARNING,
    explanation=(
        "Ett måls 'senast' ska ligga inom avtalstiden ('tid.från' till 'tid.till'), och en "
        "handlingsplans uppföljningsdagar ('uppföljning.tillfällen') inom handlingsplanens "
        "period. Ett datum utanför är oftast kvar från en äldre överenskommelse eller ett "
        "exempel; skriv ett datum inom tiden, till exempel 'senast: 2027-12-31' för en "
        "avtalstid 2027-01-01 – 2028-12-31."
    ),
)
def deadlines_within_their_time(ctx: RuleContext) -> Iterator[Finding]:
    term = ctx.agreement.term
    if term is not None:
        for location, day in goal_deadlines(ctx):
            yield from _outside(
                location,
                "målets 'senast'",
                day,
                (term.first_day, term.last_day),
                "avtalstiden",
                term.span() if not _by_day(term) else None,
            )
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.OPERATIVE_PLAN):
        plan = loaded.model
        if plan.follow_up is None:
            continue
        for index, day in enumerate(plan.follow_up.occasions):
            location = loaded.document.location(("uppföljning", "tillfällen", index))
            yield from _outside(
                location,
                "uppföljningsdagen",
                day,
                (plan.period.start, plan.period.end),
                "handlingsplanens period",
            )


def _outside(
    location: Location,
    what: str,
    day: dt.date | PartialDate,
    bounds: tuple[dt.date, dt.date | None],
    span: str,
    written: str | None = None,
) -> Iterator[Finding]:
    """`written`: the span as the text gives it, when it is not whole days ("2017 – 2022").
    A date that is a year or a month is outside only when all of it is (the safe bound)."""
    start, end = bounds
    shown = f"{start.isoformat()} – {end.isoformat() if end else 'tills vidare'}"
    if written is not None:
        shown = f"{written}, det vill säga {shown}"
    date = day if isinstance(day, PartialDate) else PartialDate.of(day)
    before = date.last_day < start
    if before or (end is not None and date.first_day > end):
        when = "före" if before else "efter"
        taken = date.counted_as(date.last_day if before else date.first_day)
        example = end if end is not None else dt.date(start.year, 12, 31)
        yield Finding(
            location,
            f"{what} {taken} ligger {when} {span} ({shown}); skriv ett datum inom "
            f"den, till exempel {example.isoformat()}",
        )


def _by_day(term: Term) -> bool:
    end = term.end_date
    return term.start.is_day and (end is None or end.is_day)


def goal_deadlines(ctx: RuleContext) -> Iterator[tuple[Location, PartialDate]]:
    """Every mål's `senast`: the agreement's own `mål:`, its lägesbild and lägesbild bilagor."""
    if ctx.agreement.goals is not None:
        for index, aim in enumerate(ctx.agreement.goals.goals):
            if aim.by is not None:
                yield ctx.at("mål", "lista", index, "senast"), aim.by
    section = ctx.agreement.situation_picture
    if section is not None:
        for area_index, area in enumerate(section.priority_areas):
            for goal_index, goal in enumerate(area.goals):
                if goal.by is not None:
                    area_path = ("lägesbild", "prioriterade_områden", area_index)
                    yield ctx.at(*area_path, "mål", goal_index, "senast"), goal.by
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.SITUATION_PICTURE):
        for area_index, area in enumerate(loaded.model.priority_areas):
            for goal_index, goal in enumerate(area.goals):
                if goal.by is not None:
                    path = ("prioriterade_områden", area_index, "mål", goal_index, "senast")
                    yield loaded.document.location(path), goal.by


__all__ = ["RULE_DEADLINE"]
