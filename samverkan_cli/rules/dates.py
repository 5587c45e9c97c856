"""Rules about dates: the term runs forwards and the signatures fall within it.

A term dated by a year or a month ("2017–2022") is compared by the bound that never makes
an error of what the text may mean and never hides what it may get wrong: the errors
(SV111, SV112) only when every day the text can mean is wrong, the warning SV113 from the
term's first possible day. SV185 says which day was taken."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from samverkan_cli.core.problems import Location, Severity
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.rules.lookup import signatories


@rule(
    "SV111",
    title="Avtalstiden slutar före start",
    severity=Severity.ERROR,
    explanation="Avtalstidens slutdatum måste ligga efter startdatumet.",
)
def term_order(ctx: RuleContext) -> Iterator[Finding]:
    term = ctx.agreement.term
    if term is None or term.end_date is None or term.last_day is None:
        return
    if term.last_day <= term.first_day:
        yield Finding(
            ctx.at("tid", "till"),
            f"avtalstiden slutar {term.end_date.iso()}, inte efter att den börjar "
            f"{term.start.iso()}",
        )


@rule(
    "SV112",
    title="Underskriftsdatum utanför avtalstiden",
    severity=Severity.ERROR,
    explanation=(
        "En överenskommelse kan inte undertecknas efter att avtalstiden har gått ut; "
        "undertecknas den efter startdatumet ges en varning (SV113)."
    ),
)
def signature_before_end(ctx: RuleContext) -> Iterator[Finding]:
    for location, date in signature_dates(ctx):
        term = ctx.agreement.term
        if term is None or term.end_date is None or term.last_day is None:
            continue
        if date > term.last_day:
            yield Finding(
                location,
                f"underskriftsdatumet {date.isoformat()} ligger efter att avtalstiden slutar "
                f"{term.end_date.iso()}",
            )


@rule(
    "SV113",
    title="Undertecknas efter att avtalstiden börjat",
    severity=Severity.WARNING,
    explanation=(
        "Avtalstiden bör inte börja innan parterna har undertecknat; kontrollera datumen."
    ),
)
def signature_after_start(ctx: RuleContext) -> Iterator[Finding]:
    term = ctx.agreement.term
    if term is None:
        return
    for location, date in signature_dates(ctx):
        if date > term.first_day:
            yield Finding(
                location,
                f"underskriftsdatumet {date.isoformat()} ligger efter avtalstidens start "
                f"{term.start.taken_as(term.first_day)}",
            )


def signature_dates(ctx: RuleContext) -> Iterator[tuple[Location, dt.date]]:
    """Each signature date that is written down, where it is written."""
    signing = ctx.agreement.signing
    if signing is not None and signing.date is not None:
        yield ctx.at("underskrifter", "datum"), signing.date
    for _, signatory, path in signatories(ctx):
        if signatory.date is not None:
            yield ctx.at(*path, "datum"), signatory.date
