"""Which mall fits: a hint for rule messages that fail because the wrong mall was used.

`samverkan init` without `--mall` writes the stadsdel mall, whose profile
(stockholm-lokal-2023) requires a Stadsdelsdirektör in the styrgrupp and a beredningsgrupp.
A kommun that starts from it meets those requirements as errors; the hint tells it which
mall and profile fit instead, so the message says how to fix the cause and not only the
symptom.
"""

from __future__ import annotations

from samverkan_cli.model import Agreement
from samverkan_cli.profiles import ProfileSet

DISTRICT_PROFILES = frozenset({"stockholm-lokal-2023", "stockholm-2015"})
"""Profiles written for Stockholms stad's stadsdelsförvaltningar and stadsnämnder."""
DISTRICT_KINDS = frozenset({"stadsdelsförvaltning", "stadsdelsnämnd"})
MUNICIPALITY = "kommun"


def wrong_mall_hint(agreement: Agreement, profiles: ProfileSet) -> str:
    """A hint that starts "; profilen … gäller stadsdelsförvaltningar" when a kommun (and
    no stadsdel) is a party under a Stockholm profile, else the empty string."""
    district = [p.id for p in profiles.profiles if p.id in DISTRICT_PROFILES]
    kinds = {party.kind.value for party in agreement.parties}
    if not district or kinds & DISTRICT_KINDS or MUNICIPALITY not in kinds:
        return ""
    return (
        f"; profilen {district[0]} gäller stadsdelsförvaltningar i Stockholms stad. För en "
        "kommun: samverkan init NAMN --mall kommun, eller byt profil till bra-samverkan "
        "(profil: [bra-samverkan, lag-2023-196])"
    )


__all__ = ["DISTRICT_PROFILES", "wrong_mall_hint"]
