"""Rules about åtgärdsplaner and the uppföljningsplan."""

from __future__ import annotations

from collections.abc import Iterator

from samverkan_cli.core.problems import Severity
from samverkan_cli.model import BilagaKind
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.rules.lookup import bilagor_of_kind, priority_areas

_PLAN_FIELDS = {
    "definition": "definition",
    "mål_och_syfte": "goal",
    "problembild": "problem",
    "löptid": "duration",
    "ansvarig": "responsible",
    "administratör": "administrator",
    "finansiering": "financing",
    "nuläge": "status",
}


@rule(
    "SV125",
    title="Prioriterat område och åtgärdsplan hänger inte ihop",
    severity=Severity.WARNING,
    explanation=(
        "Parterna ska upprätta en åtgärdsplan för varje prioriterat samverkansområde (2015 års "
        "samverkansavtal punkt 7): varje område ska ha en plan (prioriterat_område) och varje "
        "plan höra till ett område."
    ),
)
def plans_per_area(ctx: RuleContext) -> Iterator[Finding]:
    if not any(r.per_priority_area for r in ctx.profiles.plans):
        return
    areas = list(priority_areas(ctx))
    known = {area.id for area, _ in areas}
    covered: set[str] = set()
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.ACTION_PLAN):
        for index, plan in enumerate(loaded.model.plans):
            location = loaded.document.location(("planer", index))
            if plan.priority_area is None:
                yield Finding(
                    location, f"åtgärdsplanen '{plan.name}' hör inte till något prioriterat område"
                )
            elif plan.priority_area not in known:
                yield Finding(
                    loaded.document.location(("planer", index, "prioriterat_område")),
                    f"åtgärdsplanen '{plan.name}' pekar på området '{plan.priority_area}', "
                    "som inte finns bland de prioriterade områdena",
                )
            else:
                covered.add(plan.priority_area)
    for area, location in areas:
        if area.id not in covered:
            yield Finding(location, f"det prioriterade området '{area.name}' har ingen åtgärdsplan")


@rule(
    "SV126",
    title="Åtgärdsplanen saknar uppgift som krävs",
    severity=Severity.ERROR,
    explanation=(
        "Av åtgärdsplanerna ska mål och syfte, ansvarig och tid för genomförande, respektive "
        "parts åtaganden samt finansiering framgå (2015 års samverkansavtal punkt 7)."
    ),
)
def plan_fields(ctx: RuleContext) -> Iterator[Finding]:
    requirements = list(ctx.profiles.plans)
    fields = {f for r in requirements for f in r.fields}
    per_party = any(r.commitment_per_party for r in requirements)
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.ACTION_PLAN):
        for index, plan in enumerate(loaded.model.plans):
            location = loaded.document.location(("planer", index))
            for name in sorted(fields):
                if not getattr(plan, _PLAN_FIELDS[name]):
                    yield Finding(location, f"åtgärdsplanen '{plan.name}' saknar '{name}'")
            if per_party:
                committed = {share.party for share in plan.parties}
                for party in ctx.agreement.parties:
                    if party.id not in committed:
                        yield Finding(
                            location,
                            f"åtgärdsplanen '{plan.name}' anger inget åtagande för {party.name}",
                        )


@rule(
    "SV127",
    title="Åtgärdsplan utan mötesfrekvens",
    severity=Severity.WARNING,
    explanation=(
        "Varje åtgärdsplan ska ange sitt forum och hur ofta det möts, eller uttryckligen "
        "'ej aktuellt' (2015 års avtal punkt 5 och Rinkeby-Kistas överenskommelse)."
    ),
)
def plan_forums(ctx: RuleContext) -> Iterator[Finding]:
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.ACTION_PLAN):
        for index, plan in enumerate(loaded.model.plans):
            if not plan.forums:
                yield Finding(
                    loaded.document.location(("planer", index)),
                    f"åtgärdsplanen '{plan.name}' anger ingen mötesfrekvens; skriv "
                    "'frekvens: ej aktuellt' om den inte har något forum",
                )


@rule(
    "SV132",
    title="Åtgärdsplanen är inte beslutad",
    severity=Severity.ERROR,
    explanation=(
        "Lag (2023:196): kommunen ska utifrån lägesbilden besluta om en åtgärdsplan. Ange "
        "beslutet (beslut: datum, av) i åtgärdsplanen."
    ),
)
def plan_decided(ctx: RuleContext) -> Iterator[Finding]:
    if not any(r.decided for r in ctx.profiles.plans):
        return
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.ACTION_PLAN):
        if loaded.model.decision is None:
            yield Finding(
                loaded.document.location(("typ",)),
                "åtgärdsplanen anger inte när och av vem den beslutades ('beslut')",
            )


_FOLLOW_UP_NAMES = {
    "samverkansorganisationen": "samverkansorganisationen",
    "lägesbild": "lägesbildens underlag",
    "åtgärdsplan": "åtgärdsplanerna",
    "kommunikationsplan": "kommunikationsplanen",
}


@rule(
    "SV128",
    title="Uppföljningsplanen täcker inte allt som ska följas upp",
    severity=Severity.ERROR,
    explanation=(
        "Uppföljningsplanen ska ange metod, ansvarig och frekvens för uppföljningen av "
        "samverkansorganisationen, underlaget för lägesbilden, åtgärdsplanerna och "
        "kommunikationsplanen (2015 års samverkansavtal punkt 9)."
    ),
)
def follow_up_subjects(ctx: RuleContext) -> Iterator[Finding]:
    wanted = dict.fromkeys(s for r in ctx.profiles.follow_ups for s in r.subjects)
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.FOLLOW_UP_PLAN):
        present = {item.subject for item in loaded.model.items}
        for subject in wanted:
            if subject not in present:
                yield Finding(
                    loaded.document.location(("uppföljning",)),
                    f"uppföljningsplanen säger inte hur {_FOLLOW_UP_NAMES[subject]} följs upp",
                )


@rule(
    "SV153",
    title="Åtgärdsplanen nämner en part som inte finns",
    severity=Severity.ERROR,
    explanation=(
        "Varje 'part' under en åtgärdsplans 'parter' är id för en av överenskommelsens "
        "parter: dokumentet skriver partens namn vid dess resurs och åtagande."
    ),
)
def plan_parties_exist(ctx: RuleContext) -> Iterator[Finding]:
    known = [party.id for party in ctx.agreement.parties]
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.ACTION_PLAN):
        for index, plan in enumerate(loaded.model.plans):
            for position, share in enumerate(plan.parties):
                if share.party not in known:
                    yield Finding(
                        loaded.document.location(("planer", index, "parter", position, "part")),
                        f"åtgärdsplanen '{plan.name}' nämner parten '{share.party}', som inte "
                        f"finns; kända parter: {', '.join(known)}",
                    )
