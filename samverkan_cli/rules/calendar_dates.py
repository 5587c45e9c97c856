"""A follow-up written for a day off: a Saturday, a helgdag, midsommarafton, julafton or
nyårsafton.

The calendar keeps dates written in the data as they are (only the dates it plans itself
move to working days, `calendar.working_days`), so a follow-up typed as 2026-06-20 lands on
midsommarafton in everyone's calendar. The rule says so at the date, with the nearest
working day after it; it is information, since a meeting may be meant for that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from samverkan_cli.core.days_off import WEEKDAY_NAMES, day_off_name, next_working_day
from samverkan_cli.core.problems import Location, Severity
from samverkan_cli.model import BilagaKind
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.rules.lookup import bilagor_of_kind

RULE_DAY_OFF = "SV169"


@rule(
    RULE_DAY_OFF,
    title="Uppföljning på en helgdag",
    severity=Severity.INFO,
    explanation=(
        "Ett datum för uppföljning i medborgarlöften ('uppföljning') eller i en handlingsplan "
        "('uppföljning.tillfällen') faller på en lördag, söndag, helgdag, midsommarafton, "
        "julafton eller nyårsafton. Kalendern tar datumet som det står; flytta det till en "
        "arbetsdag om mötet inte ska hållas då."
    ),
)
def follow_up_on_day_off(ctx: RuleContext) -> Iterator[Finding]:
    for location, day in _follow_up_dates(ctx):
        reason = day_off_name(day)
        if reason is None:
            continue
        weekday = WEEKDAY_NAMES[day.weekday()]
        what = weekday if reason == weekday else f"{weekday} och {reason}"
        after = next_working_day(day)
        fix = f", t.ex. {after.isoformat()}" if after is not None else ""
        yield Finding(
            location,
            f"uppföljningen {day.isoformat()} är en {what}, som inte är en arbetsdag; "
            f"skriv en arbetsdag{fix}, om mötet inte ska hållas då",
        )


def _follow_up_dates(ctx: RuleContext) -> Iterator[tuple[Location, dt.date]]:
    """Every follow-up date written in a bilaga, where it is written."""
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.CITIZEN_PROMISES):
        for index, day in enumerate(loaded.model.follow_up_dates):
            yield loaded.document.location(("uppföljning", index)), day
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.OPERATIVE_PLAN):
        follow_up = loaded.model.follow_up
        if follow_up is None:
            continue
        for index, day in enumerate(follow_up.occasions):
            yield loaded.document.location(("uppföljning", "tillfällen", index)), day
