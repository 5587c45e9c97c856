"""SV156: a value that the data allows but the document can never print, because another
value always takes its place. Refused at the value, so that nothing is dropped silently.

- `underskrifter.ort` or `.datum` when every party's signatory gives their own;
- a party's `dnr_etikett` without its `diarienummer` (the header line needs both).
"""

from __future__ import annotations

from collections.abc import Iterator

from samverkan_cli.core.problems import Severity
from samverkan_cli.rules.engine import Finding, RuleContext, rule

RULE_UNUSED_VALUE = "SV156"


@rule(
    RULE_UNUSED_VALUE,
    title="Värde som aldrig skrivs ut",
    severity=Severity.ERROR,
    explanation=(
        "Ett värde som ett annat värde alltid ersätter skulle tyst saknas i dokumentet: "
        "gemensam ort och datum för underskrifterna när varje undertecknare har egna, och "
        "en dnr-etikett utan diarienummer."
    ),
)
def unused_values(ctx: RuleContext) -> Iterator[Finding]:
    yield from _shadowed_signing(ctx)
    for index, party in enumerate(ctx.agreement.parties):
        if party.registration_label is not None and party.registration_number is None:
            yield Finding(
                ctx.at("parter", index, "dnr_etikett"),
                f"dnr_etikett '{party.registration_label}' skrivs bara ut före partens "
                "diarienummer, som saknas; lägg till det, t.ex. diarienummer: 'KS 2025/123', "
                "eller ta bort dnr_etikett",
            )


def _shadowed_signing(ctx: RuleContext) -> Iterator[Finding]:
    signing = ctx.agreement.signing
    signatories = [s for party in ctx.agreement.parties for s in party.signatories]
    if signing is None or not signatories:
        return
    if all(s.place is not None for s in signatories):
        yield Finding(
            ctx.at("underskrifter", "ort"),
            f"ort '{signing.place}' skrivs aldrig ut: varje undertecknare har en egen ort; "
            "ta bort underskrifter.ort, eller ta bort 'ort' hos de undertecknare som skriver "
            "under på den gemensamma orten",
        )
    if signing.date is not None and all(s.date is not None for s in signatories):
        yield Finding(
            ctx.at("underskrifter", "datum"),
            f"datum {signing.date.isoformat()} skrivs aldrig ut: varje undertecknare har ett "
            "eget datum; ta bort underskrifter.datum, eller ta bort 'datum' hos de "
            "undertecknare som skriver under den dagen",
        )
