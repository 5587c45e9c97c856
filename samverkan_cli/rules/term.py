"""Rules about the term: its length, the samråd before it ends, and its revision dates.

Dates are counted from the term's first day and back from its last (`Term.first_day`,
`Term.last_day`): "2017–2022" as 2017-01-01 – 2022-12-31, as "från och med … till och med"
reads. The length (SV116, an error) accepts any pair of days the text can mean."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from fractions import Fraction

from samverkan_cli.core.date_arithmetic import add_days, add_months, months_later
from samverkan_cli.core.problems import Severity
from samverkan_cli.core.swedish import counted
from samverkan_cli.model import PartialDate, Term
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.rules.term_bounds import is_historic, reminder_months


def consultation_due(term: Term) -> dt.date | None:
    """The last day for the samråd about extension: `samråd_månader_före` months before the
    term ends; None for a term tills vidare or one without a samråd."""
    if term.last_day is None or term.extension is None:
        return None
    months_before = term.extension.consultation_months_before
    if months_before is None:
        return None
    return add_months(term.last_day, -months_before)


def revision_months(term: Term) -> Fraction | None:
    """The months from one revision of the term to the next, exactly (36 for "vart tredje
    år", 12/5 for five a year); None when the term has no counted revision ("vid behov")."""
    if term.revision is None:
        return None
    per_year = term.revision.per_year()
    return Fraction(12) / per_year if per_year else None


def term_revision_dates(
    term: Term, until: dt.date, *, since: dt.date | None = None
) -> tuple[dt.date, ...]:
    """The days the term's revision (`tid.revidering`) falls due, counted from its first day
    (`tid.från`), from `since` (default: the first day) to `until`, both included, and never
    after the term's last day; a term tills vidare goes on to `until`. Empty without a
    counted revision.

    The k-th revision is k × (12 / per year) months after the start, in whole months, each
    counted from the start (so the 31st stays the 31st where the month has one): "vart
    tredje år" from 2023-03-01 is 2026-03-01, 2029-03-01, …; five a year fall 2, 4, 7, 9
    and 12 months after it. At most one revision a month."""
    months = revision_months(term)
    if months is None:
        return ()
    last = until if term.last_day is None else min(until, term.last_day)
    first = term.first_day if since is None else since
    step = max(months, Fraction(1))  # steps of a month or more: no day twice
    found: list[dt.date] = []
    k = 1
    while (day := months_later(term.first_day, math.floor(k * step))) is not None and day <= last:
        if day >= first:
            found.append(day)
        k += 1
    return tuple(found)


@rule(
    "SV116",
    title="Avtalstiden har fel längd",
    severity=Severity.ERROR,
    explanation=(
        "Profilen anger avtalstidens längd, till exempel två år för underavtal enligt 2015 års "
        "samverkansavtal punkt 4."
    ),
)
def term_length(ctx: RuleContext) -> Iterator[Finding]:
    term = ctx.agreement.term
    for requirement in ctx.profiles.terms:
        years = requirement.years
        if years is None or term is None:
            continue
        if term.end_date is None:
            if term.end is None and term.until_replaced is None:
                continue  # no end written: nothing to measure (SV187 says so)
            yield Finding(
                ctx.at("tid", "till"),
                f"avtalstiden ska vara {counted(years)} år, "
                "men överenskommelsen gäller tills vidare",
            )
            continue
        earliest = add_days(add_months(term.start.first_day, 12 * years), -1)
        latest = add_days(add_months(term.start.last_day, 12 * years), -1)
        end = term.end_date
        if add_days(end.first_day, -1) > latest or add_days(end.last_day, 1) < earliest:
            expected = (
                PartialDate.of(earliest) if term.start.is_day else _like(term.start, earliest)
            )
            yield Finding(
                ctx.at("tid", "till"),
                f"avtalstiden ska vara {counted(years)} år, från {term.start.iso()} till och "
                f"med {expected.iso()}, men slutar {end.iso()}",
            )


def _like(start: PartialDate, day: dt.date) -> PartialDate:
    """`day` at the precision of `start`: the expected end of a term from 2017 is 2018."""
    return PartialDate(day.year, day.month if start.month is not None else None)


@rule(
    "SV124",
    title="Samrådet inför avtalstidens slut närmar sig eller har passerat",
    severity=Severity.WARNING,
    explanation=(
        "Samråd om förlängning ska ha skett senast ett antal månader före avtalstidens utgång "
        "(förlängning.samråd_månader_före). Varnar när den dagen är närmare än profilens "
        "påminnelsetid eller redan passerad, räknat från i dag eller --idag; inte för en "
        "historisk överenskommelse (SV186)."
    ),
)
def consultation_deadline(ctx: RuleContext) -> Iterator[Finding]:
    term = ctx.agreement.term
    deadline = consultation_due(term) if term is not None else None
    if deadline is None or is_historic(ctx):  # SV186 says why
        return
    warn_from = add_months(deadline, -reminder_months(ctx))
    location = ctx.at("tid", "förlängning", "samråd_månader_före")
    if ctx.today > deadline:
        yield Finding(
            location,
            f"samrådet om förlängning skulle ha skett senast {deadline.isoformat()} "
            f"(i dag {ctx.today.isoformat()})",
        )
    elif ctx.today >= warn_from:
        days = (deadline - ctx.today).days
        yield Finding(
            location,
            f"samrådet om förlängning ska ske senast {deadline.isoformat()}, om {days} dagar",
        )
