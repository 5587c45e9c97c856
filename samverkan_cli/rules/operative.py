"""Rules for a strategic agreement carried out through yearly operative plans (bilagor of
`typ: handlingsplan`, one per year; earlier years' plans may be listed as `extern` with
their `period`).

That a plan lies inside the term, that no two plans overlap, and that what a plan refers to
exists are checked whatever the profile; that a decided plan covers every day of the term,
and how long one plan may run, only when a profile asks for it (`handlingsplan:`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from samverkan_cli.core.date_arithmetic import months_later
from samverkan_cli.core.problems import Location, Severity
from samverkan_cli.core.swedish import counted
from samverkan_cli.model import BilagaKind
from samverkan_cli.model.bilaga_entries import DatePeriod
from samverkan_cli.model.bilaga_kinds import OperativePlanBilaga
from samverkan_cli.profiles.requirements import OperativePlanRequirement
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.rules.lookup import bilagor_of_kind, priority_areas

HANDBOOK = "Brå, Polisen och SKR: Samverkan i lokalt brottsförebyggande arbete"

Locate = Callable[..., Location]
"""The location of a path below a plan: in its bilaga file, or below its `extern` entry."""


@dataclass(frozen=True, slots=True)
class _Plan:
    """A handlingsplan of the agreement: kept as a file (`content`), or extern with a period."""

    title: str
    period: DatePeriod
    locate: Locate
    content: OperativePlanBilaga | None


def _plans(ctx: RuleContext) -> list[_Plan]:
    """Every handlingsplan with a known period, in the order of the bilagor list."""
    found: list[_Plan] = []
    files = {entry.id: loaded for entry, loaded in bilagor_of_kind(ctx, BilagaKind.OPERATIVE_PLAN)}
    entries = ctx.agreement.bilagor.entries if ctx.agreement.bilagor else []
    for index, entry in enumerate(entries):
        if entry.kind is not BilagaKind.OPERATIVE_PLAN:
            continue
        loaded = files.get(entry.id)
        if loaded is not None:
            content: OperativePlanBilaga = loaded.model
            document = loaded.document
            found.append(
                _Plan(
                    content.title,
                    content.period,
                    lambda *path, d=document: d.location(path),
                    content,
                )
            )
        elif entry.external is not None and entry.external.period is not None:
            base = ("bilagor", "lista", index, "extern")
            found.append(
                _Plan(
                    entry.external.title or entry.title,
                    entry.external.period,
                    lambda *path, b=base: ctx.at(*b, *path),
                    None,
                )
            )
    return found


def _requirements(ctx: RuleContext) -> list[OperativePlanRequirement]:
    return [p.operative_plan for p in ctx.profiles.profiles if p.operative_plan is not None]


@rule(
    "SV144",
    title="Handlingsplanen gäller utanför avtalstiden",
    severity=Severity.ERROR,
    explanation=(
        "En operativ handlingsplan genomför den strategiska överenskommelsen under en del av "
        "dess avtalstid: planens period ('period') ska ligga inom avtalstiden ('tid'), och vid "
        "en avtalstid tills vidare börja tidigast när överenskommelsen börjar gälla. Tidigare "
        "års planer som anges som 'extern' kan höra till en tidigare överenskommelse och "
        "kontrolleras inte."
    ),
)
def plan_inside_term(ctx: RuleContext) -> Iterator[Finding]:
    term = ctx.agreement.term
    if term is None:
        return
    # a term from a year or a month spans every day the text can mean (SV185)
    end = term.last_day
    span = term.span()
    for plan in _plans(ctx):
        if plan.content is None:
            continue
        if plan.period.start < term.first_day:
            yield Finding(
                plan.locate("period", "från"),
                f"handlingsplanen '{plan.title}' börjar {plan.period.start.isoformat()}, före "
                f"avtalstiden {span}",
            )
        if end is not None and plan.period.end > end:
            yield Finding(
                plan.locate("period", "till"),
                f"handlingsplanen '{plan.title}' slutar {plan.period.end.isoformat()}, efter "
                f"avtalstiden {span}",
            )


@rule(
    "SV145",
    title="Handlingsplanerna överlappar",
    severity=Severity.ERROR,
    explanation=(
        "Överenskommelsens handlingsplaner avlöser varandra: varje dag gäller högst en plan, "
        "så att det är klart vilka aktiviteter som ska genomföras och följas upp. Perioderna "
        "för planerna som är bilagor, och för tidigare planer som anges som 'extern' med "
        "'period', får inte överlappa."
    ),
)
def plans_do_not_overlap(ctx: RuleContext) -> Iterator[Finding]:
    plans = sorted(_plans(ctx), key=lambda p: (p.period.start, p.period.end))
    for index, later in enumerate(plans):
        for earlier in plans[:index]:
            if earlier.period.overlaps(later.period):
                yield Finding(
                    later.locate("period", "från"),
                    f"handlingsplanen '{later.title}' ({later.period.swedish()}) överlappar "
                    f"'{earlier.title}' ({earlier.period.swedish()})",
                )


@rule(
    "SV146",
    title="Ingen handlingsplan gäller",
    severity=Severity.WARNING,
    explanation=(
        "Profilen kräver att den strategiska överenskommelsen genomförs genom en operativ "
        "handlingsplan per år: under avtalstiden ska en handlingsplan gälla i dag (eller "
        "--idag), som bilaga eller som 'extern' med 'period'. Arbetet är en årlig cykel av "
        f"lägesbild, åtgärder och uppföljning ({HANDBOOK}, steg 4 Genomförande och steg 5 "
        "Uppföljning och återkoppling)."
    ),
)
def current_plan(ctx: RuleContext) -> Iterator[Finding]:
    term = ctx.agreement.term
    if term is None or not any(r.required for r in _requirements(ctx)):
        return
    today = ctx.today
    if today < term.first_day or (term.last_day is not None and today > term.last_day):
        return
    plans = _plans(ctx)
    if any(plan.period.covers(today) for plan in plans):
        return
    location = ctx.at("bilagor", "lista") if ctx.agreement.bilagor else ctx.at("tid")
    latest = max(plans, key=lambda p: p.period.end, default=None)
    known = f"; den senaste, '{latest.title}', gäller {latest.period.swedish()}" if latest else ""
    yield Finding(
        location,
        f"ingen handlingsplan gäller i dag ({today.isoformat()}); profilen kräver en operativ "
        f"handlingsplan per år under avtalstiden{known}",
    )


@rule(
    "SV147",
    title="Handlingsplanen fastställs inte före sin period",
    severity=Severity.WARNING,
    explanation=(
        "Profilen kräver att varje handlingsplan fastställs ('fastställd': datum och forum) "
        "innan dess period börjar, så att parterna vet vilka aktiviteter som gäller från "
        "periodens första dag. En plan vars period ännu inte har börjat får vara ett förslag."
    ),
)
def decided_before_period(ctx: RuleContext) -> Iterator[Finding]:
    if not any(r.required for r in _requirements(ctx)):
        return
    for plan in _plans(ctx):
        content = plan.content
        if content is None:
            continue
        start = plan.period.start.isoformat()
        if content.decision is None:
            if ctx.today >= plan.period.start:
                yield Finding(
                    plan.locate("titel"),
                    f"handlingsplanen '{plan.title}' gäller från {start} men anger inte när och "
                    "av vilket forum den fastställdes ('fastställd')",
                )
        elif (decided := content.decision.date).first_day >= plan.period.start:
            # a decision dated by a month or a year: its first day, so that "2024" for a
            # plan from 2024-03-01 is not called late when it may have come in January
            yield Finding(
                plan.locate("fastställd", "datum"),
                f"handlingsplanen '{plan.title}' fastställdes "
                f"{decided.counted_as(decided.first_day)}, men dess period började {start}; "
                "den ska fastställas innan perioden börjar",
            )


@rule(
    "SV148",
    title="Handlingsplanen gäller längre än profilen medger",
    severity=Severity.WARNING,
    explanation=(
        "Profilen anger hur lång period en handlingsplan högst får gälla ('period_månader', "
        "till exempel tolv månader för en plan per år), så att aktiviteterna ses över efter "
        "varje uppföljning och reviderad lägesbild."
    ),
)
def plan_length(ctx: RuleContext) -> Iterator[Finding]:
    limits = [r.period_months for r in _requirements(ctx) if r.period_months is not None]
    if not limits:
        return
    months = min(limits)
    for plan in _plans(ctx):
        limit = months_later(plan.period.start, months)  # None: after 9999-12-31
        if limit is not None and plan.period.end >= limit:
            yield Finding(
                plan.locate("period", "till"),
                f"handlingsplanen '{plan.title}' gäller {plan.period.swedish()}, längre än de "
                f"{counted(months)} månader profilen medger",
            )


def _mistyped_party(written: str, parties: list[str]) -> str | None:
    """The party id `written` was probably meant to be, when it looks like an id (lower case,
    no spaces) close to one; None for a party id, and for a unit or function as text."""
    if written in parties or written != written.lower() or any(c.isspace() for c in written):
        return None
    close = difflib.get_close_matches(written, parties, n=1, cutoff=0.6)
    return close[0] if close else None


@rule(
    "SV149",
    title="Handlingsplanen hänvisar till något som inte finns",
    severity=Severity.ERROR,
    explanation=(
        "En handlingsplan grupperar årets aktiviteter per fokusområde, ett av "
        "överenskommelsens prioriterade områden (med dess id, som medborgarlöften och "
        "aktivitetsmatrisen), anger vem som ansvarar för varje aktivitet – en av parterna (dess "
        "id) eller en enhet eller funktion som text (Socialförvaltningen, fältassistenterna) – "
        "och fastställs av ett av samverkansorganisationens forum (dess id). Det som planen "
        "pekar på måste finnas, så att aktiviteterna kan följas upp mot problemet och parten."
    ),
)
def plan_references(ctx: RuleContext) -> Iterator[Finding]:
    areas = [area.id for area, _ in priority_areas(ctx)]
    parties = [party.id for party in ctx.agreement.parties]
    organisation = ctx.agreement.organisation
    forums = [forum.id for forum in organisation.forums] if organisation else []
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.OPERATIVE_PLAN):
        content: OperativePlanBilaga = loaded.model
        locate = loaded.document.location
        decision = content.decision
        if decision is not None and decision.by not in forums:
            yield Finding(
                locate(("fastställd", "av")),
                f"handlingsplanen fastställs av forumet '{decision.by}', som inte finns i "
                f"organisationen; kända forum: {_listed(forums)}",
            )
        for g, group in enumerate(content.areas):
            if group.priority_area not in areas:
                yield Finding(
                    locate(("fokusområden", g, "fokusområde")),
                    f"handlingsplanen pekar på fokusområdet '{group.priority_area}', som inte "
                    f"finns; kända: {_listed(areas)}",
                )
            for a, activity in enumerate(group.activities):
                for p, party in enumerate(activity.parties):
                    guess = _mistyped_party(party, parties)
                    if guess is None:
                        continue
                    path: tuple[str | int, ...] = ("fokusområden", g, "aktiviteter", a, "ansvarig")
                    if not isinstance(activity.responsible, str):
                        path = (*path, p)
                    yield Finding(
                        locate(path),
                        f"aktiviteten '{activity.activity}' har den ansvariga parten '{party}', "
                        f"som inte finns (menade du '{guess}'?); kända parter: "
                        f"{_listed(parties)}. En enhet eller funktion som inte är part skrivs "
                        "som text, t.ex. 'ansvarig: Socialförvaltningen'",
                    )


def _listed(ids: list[str]) -> str:
    return ", ".join(ids) if ids else "(inga)"
