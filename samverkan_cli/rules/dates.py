"""Rules about dates: the term runs forwards and the signatures fall within it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from samverkan_cli.core.problems import Location, Severity
from samverkan_cli.rules.engine import Finding, RuleContext, rule


@rule(
    "SV111",
    title="Avtalstiden slutar före start",
    severity=Severity.ERROR,
    explanation="Avtalstidens slutdatum måste ligga efter startdatumet.",
)
def term_order(ctx: RuleContext) -> Iterator[Finding]:
    term = ctx.agreement.term
    if term is None or term.end_date is None:
        return
    if term.end_date <= term.start:
        yield Finding(
            ctx.at("tid", "till"),
            f"avtalstiden slutar {term.end_date.isoformat()}, inte efter att den börjar "
            f"{term.start.isoformat()}",
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
    for location, date in _signature_dates(ctx):
        term = ctx.agreement.term
        if term is not None and term.end_date is not None and date > term.end_date:
            yield Finding(
                location,
                f"underskriftsdatumet {date.isoformat()} ligger efter att avtalstiden slutar "
                f"{term.end_date.isoformat()}",
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
    for location, date in _signature_dates(ctx):
        if date > term.start:
            yield Finding(
                location,
                f"underskriftsdatumet {date.isoformat()} ligger efter avtalstidens start "
                f"{term.start.isoformat()}",
            )


def _signature_dates(ctx: RuleContext) -> Iterator[tuple[Location, dt.date]]:
    """Each signature date that is written down, where it is written."""
    signing = ctx.agreement.signing
    if signing is not None and signing.date is not None:
        yield ctx.at("underskrifter", "datum"), signing.date
    for index, party in enumerate(ctx.agreement.parties):
        if party.signatory.date is not None:
            yield ctx.at("parter", index, "undertecknare", "datum"), party.signatory.date
