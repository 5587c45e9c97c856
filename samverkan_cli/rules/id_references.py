"""References by id that other rules do not already check: an unknown id is an error at the
reference, with the ids that are known, so nothing that names it silently leaves the document.

Checked elsewhere: `{bilaga:id}` (SV114), `uppdateringar.beslutas_av` (SV103), the
åtgärdsplan's `parter` (SV153), the handlingsplan's forum, fokusområden and `ansvarig`
(SV149), and the fokusområde of a medborgarlöfte or matrix row (SV143).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from samverkan_cli.core.problems import Location, Severity
from samverkan_cli.model import BilagaKind
from samverkan_cli.rules.engine import RULES, Finding, RuleContext, rule
from samverkan_cli.rules.lookup import bilagor_of_kind, priority_areas
from samverkan_cli.rules.promise_periods import promise_sets


def _unknown(kind: str, written: str, known: list[str], example: str) -> str:
    """ "okänd part 'sdf'; kända: sdf-rk, polisen (menade du 'sdf-rk'?). Skriv …"."""
    listed = ", ".join(known) if known else "(inga)"
    return f"{kind} '{written}'; kända: {listed}{_guess(written, known)}. {example}"


def _guess(written: str, known: list[str]) -> str:
    close = difflib.get_close_matches(written, known, n=1, cutoff=0.6)
    return f" (menade du '{close[0]}'?)" if close else ""


def _party_references(ctx: RuleContext) -> Iterator[tuple[str, Location, str]]:
    """Every party id the agreement and its bilagor name outside åtgärdsplaner and
    handlingsplaner: (the id, where, how an accepted one is written)."""
    if ctx.agreement.commitments is not None:
        for index, share in enumerate(ctx.agreement.commitments.parties):
            if share.party is None or share.joint:
                continue  # an actor that is not a party, or all parties together
            where = ctx.at("resurser", "parter", index, "part")
            yield share.party, where, "'part: {id}'"
    if ctx.agreement.contacts is not None:
        for index, person in enumerate(ctx.agreement.contacts.people):
            where = ctx.at("kontaktuppgifter", "personer", index, "part")
            yield person.party, where, "'part: {id}'"
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.CONTACTS):
        for index, person in enumerate(loaded.model.people):
            where = loaded.document.location(("personer", index, "part"))
            yield person.party, where, "'part: {id}'"
    for promises in promise_sets(ctx):
        for g, group in enumerate(promises.groups):
            for p, party in enumerate(group.party_ids):
                yield party, promises.locate("löften", g, "parter", p), "'parter: [{id}]'"
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.ACTIVITY_MATRIX):
        for index, row in enumerate(loaded.model.rows):
            for party in row.activities:
                path = ("rader", index, "aktiviteter", party)
                where = loaded.document.location(path, key=True)
                yield party, where, "'{id}: …' under 'aktiviteter'"


@rule(
    "SV157",
    title="Hänvisning till okänd part",
    severity=Severity.ERROR,
    explanation=(
        "En kontaktperson, en parts resurser, en grupp medborgarlöften och en kolumn i "
        "aktivitetsmatrisen anger sin part med partens id ur 'parter'. Ett id som inte finns "
        "skulle göra att uppgiften saknas i dokumentet."
    ),
)
def unknown_party(ctx: RuleContext) -> Iterator[Finding]:
    known = [party.id for party in ctx.agreement.parties]
    for written, where, form in _party_references(ctx):
        if written not in known:
            example = "Skriv till exempel " + form.format(id=known[0] if known else "polisen")
            yield Finding(where, _unknown("okänd part", written, known, example))


@rule(
    "SV158",
    title="Åtgärdsplan pekar på okänt prioriterat område",
    severity=Severity.ERROR,
    explanation=(
        "En åtgärdsplans 'prioriterat_område' är id för ett av överenskommelsens prioriterade "
        "områden; dokumentet skriver områdets namn i planen."
    ),
)
def unknown_plan_area(ctx: RuleContext) -> Iterator[Finding]:
    if any(requirement.per_priority_area for requirement in ctx.profiles.plans):
        return  # the profile's own rule (a plan per area) reports it
    known = [area.id for area, _ in priority_areas(ctx)]
    example = f"Skriv till exempel 'prioriterat_område: {known[0] if known else 'trygg'}'"
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.ACTION_PLAN):
        for index, plan in enumerate(loaded.model.plans):
            if plan.priority_area is not None and plan.priority_area not in known:
                example = (
                    f"Skriv till exempel 'prioriterat_område: {known[0] if known else 'trygg'}'"
                )
                yield Finding(
                    loaded.document.location(("planer", index, "prioriterat_område")),
                    _unknown("okänt prioriterat område", plan.priority_area, known, example),
                )


@rule(
    "SV159",
    title="Undantag för en regel som inte finns",
    severity=Severity.ERROR,
    explanation=(
        "Ett undantag anger regelns id (SV101 …); `samverkan regler` listar dem. Ett undantag "
        "för ett id som inte finns gör ingenting, och den regel som var menad gäller ändå."
    ),
)
def unknown_excepted_rule(ctx: RuleContext) -> Iterator[Finding]:
    known = sorted(RULES)
    for index, exception in enumerate(ctx.agreement.exceptions):
        if exception.rule not in RULES:
            yield Finding(
                ctx.at("undantag", index, "regel"),
                f"okänd regel '{exception.rule}'{_guess(exception.rule, known)}; "
                "`samverkan regler` listar reglernas id. Skriv till exempel 'regel: SV101'",
            )
