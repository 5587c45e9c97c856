"""Rules about forums: which must exist and how often they must meet (from the profile)."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator

from samverkan_cli.core.problems import Severity
from samverkan_cli.core.swedish import times
from samverkan_cli.model import Forum
from samverkan_cli.profiles.requirements import ForumRequirement
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.rules.lookup import mentions
from samverkan_cli.rules.mall_hints import wrong_mall_hint


def forums_meeting(
    ctx: RuleContext, wanted: Callable[[ForumRequirement], object]
) -> Iterator[tuple[ForumRequirement, int, Forum]]:
    """Each profile requirement for which `wanted` holds, with every forum of its role."""
    organisation = ctx.agreement.organisation
    if organisation is None:
        return
    for requirement in ctx.profiles.forums:
        if not wanted(requirement):
            continue
        for index, forum in enumerate(organisation.forums):
            if forum.role is requirement.role:
                yield requirement, index, forum


@rule(
    "SV101",
    title="Forum med för få möten",
    severity=Severity.ERROR,
    explanation=(
        "Profilen anger hur många gånger per år ett forum minst ska sammanträda, till exempel "
        "styrgruppen två och beredningsgruppen fyra gånger per år i Stockholms lokala "
        "överenskommelser. Frekvensen måste vara räknebar och minst så hög."
    ),
)
def forum_minimum_frequency(ctx: RuleContext) -> Iterator[Finding]:
    for requirement, index, forum in forums_meeting(ctx, lambda r: r.min_per_year is not None):
        path = ("organisation", "forum", index)
        wanted = requirement.min_per_year
        assert wanted is not None
        if forum.meetings is None:
            yield Finding(
                ctx.at(*path),
                f"{forum.heading} saknar mötesfrekvens; "
                f"profilen kräver minst {wanted} möten per år",
            )
            continue
        frequency = forum.meetings.frequency
        per_year = frequency.per_year()
        location = ctx.at(*path, "möten", "frekvens")
        if per_year is None:
            yield Finding(
                location,
                f"{forum.heading} har mötesfrekvensen '{frequency.swedish()}', "
                f"men profilen kräver minst {wanted} möten per år",
            )
        elif per_year < wanted and per_year.denominator == 1:
            yield Finding(
                location,
                f"{forum.heading} möts {times(int(per_year))} per år, men profilen kräver "
                f"minst {times(wanted)}",
            )
        elif per_year < wanted:
            # "Vart tredje år" is a third of a meeting a year: say the frequency, not "1/3".
            yield Finding(
                location,
                f"{forum.heading} möts {frequency.swedish()}, men profilen kräver "
                f"minst {times(wanted)} per år",
            )


@rule(
    "SV102",
    title="Forum som krävs saknas",
    severity=Severity.ERROR,
    explanation=(
        "Profilen anger vilka forum samverkansorganisationen måste ha, till exempel en "
        "styrgrupp och en beredningsgrupp (2015 års samverkansavtal punkt 5)."
    ),
)
def required_forums(ctx: RuleContext) -> Iterator[Finding]:
    organisation = ctx.agreement.organisation
    present = {f.role for f in organisation.forums} if organisation else set()
    location = ctx.at("organisation") if organisation else ctx.file_start()
    for requirement in ctx.profiles.forums:
        if requirement.required and requirement.role not in present:
            hint = wrong_mall_hint(ctx.agreement, ctx.profiles)
            yield Finding(
                location, f"samverkansorganisationen saknar en {requirement.role.value}{hint}"
            )


@rule(
    "SV178",
    title="Forumet står under ett forum som inte finns",
    severity=Severity.ERROR,
    explanation=(
        "Ett forum kan vara en undergrupp till ett annat: 'under' anger det andra forumets id. "
        "Forumet måste finnas i organisationen, och ett forum kan inte stå under sig självt, "
        "direkt eller via andra forum, eftersom texten och organisationsschemat då inte har "
        "någon topp."
    ),
)
def forum_parents(ctx: RuleContext) -> Iterator[Finding]:
    organisation = ctx.agreement.organisation
    if organisation is None:
        return
    parents = {forum.id: forum.parent for forum in organisation.forums}
    for index, forum in enumerate(organisation.forums):
        if forum.parent is None:
            continue
        where = ctx.at("organisation", "forum", index, "under")
        if forum.parent not in parents:
            known = ", ".join(f.id for f in organisation.forums if f.id != forum.id) or "(inga)"
            close = difflib.get_close_matches(forum.parent, list(parents), n=1, cutoff=0.6)
            guess = f" (menade du '{close[0]}'?)" if close else ""
            yield Finding(
                where,
                f"{forum.heading} står under forumet '{forum.parent}', som inte finns{guess}; "
                f"kända forum: {known}",
            )
            continue
        chain = [forum.id]
        step: str | None = forum.parent
        while step is not None and step not in chain and step in parents:
            chain.append(step)
            step = parents[step]
        if step == forum.id:
            shown = " → ".join([*chain, forum.id])
            yield Finding(
                where,
                f"{forum.heading} står under sig självt ({shown}); ett av forumen i kedjan "
                "ska inte ha 'under'",
            )


@rule(
    "SV103",
    title="Hänvisning till okänt forum",
    severity=Severity.ERROR,
    explanation="Uppdateringar beslutas av ett forum som måste finnas i organisationen.",
)
def known_deciding_forum(ctx: RuleContext) -> Iterator[Finding]:
    updates = ctx.agreement.updates
    if updates is None or updates.decided_by is None:
        return
    organisation = ctx.agreement.organisation
    if organisation is None or organisation.forum(updates.decided_by) is None:
        known = ", ".join(f.id for f in organisation.forums) if organisation else "(inga)"
        yield Finding(
            ctx.at("uppdateringar", "beslutas_av"),
            f"forumet '{updates.decided_by}' finns inte i organisationen; kända forum: {known}",
        )


@rule(
    "SV117",
    title="Forum utan ordförande",
    severity=Severity.ERROR,
    explanation=(
        "Profilen kräver att forumet anger ordförandeskap (2015 års samverkansavtal punkt 5: "
        "underavtal ska ange ordförandeskap i samverkansforum)."
    ),
)
def forum_chair(ctx: RuleContext) -> Iterator[Finding]:
    for _, index, forum in forums_meeting(ctx, lambda r: r.chair):
        if not forum.chair:
            yield Finding(
                ctx.at("organisation", "forum", index),
                f"{forum.heading} anger inte vem som är ordförande ('ordförande')",
            )


@rule(
    "SV118",
    title="Funktion som ska ingå i forumet saknas",
    severity=Severity.ERROR,
    explanation=(
        "Profilen anger vilka funktioner som ska ingå i ett forum, till exempel "
        "stadsdelsdirektören och lokalpolisområdets chef i styrgruppen."
    ),
)
def forum_functions(ctx: RuleContext) -> Iterator[Finding]:
    for requirement, index, forum in forums_meeting(ctx, lambda r: r.functions):
        listed = " ".join(forum.members.functions if forum.members else []).casefold()
        for function in requirement.functions:
            if function.casefold() not in listed:
                yield Finding(
                    ctx.at("organisation", "forum", index, "funktioner"),
                    f"i {forum.heading} saknas funktionen '{function}'"
                    + wrong_mall_hint(ctx.agreement, ctx.profiles),
                )


@rule(
    "SV119",
    title="Samordningsfunktionen saknar resurser",
    severity=Severity.ERROR,
    explanation=(
        "Parterna ska utse en funktion som samordnar och avsätta tillräcklig resurs för den "
        "(2015 års samverkansavtal punkt 5); överenskommelsen ska ange resursen."
    ),
)
def coordination_resources(ctx: RuleContext) -> Iterator[Finding]:
    required = any(r.resources for r in ctx.profiles.coordinations)
    coordination = ctx.agreement.coordination
    if required and coordination is not None and not coordination.resources:
        yield Finding(
            ctx.at("samordning"), "samordningen anger inte vilka resurser parterna avsätter"
        )


@rule(
    "SV129",
    title="Uppdateringar beslutas inte av rätt forum",
    severity=Severity.ERROR,
    explanation=(
        "Uppdateringar av lägesbild och åtgärdsplaner ska beslutas av det forum profilen anger "
        "(styrgruppen i Stockholms lokala överenskommelser), dateras och biläggas."
    ),
)
def updates_decided_by(ctx: RuleContext) -> Iterator[Finding]:
    updates = ctx.agreement.updates
    organisation = ctx.agreement.organisation
    for requirement in ctx.profiles.updates:
        role = requirement.decided_by
        if updates is None or role is None:
            continue
        forum = (
            organisation.forum(updates.decided_by) if organisation and updates.decided_by else None
        )
        if forum is None or forum.role is not role:
            where = (
                ctx.at("uppdateringar", "beslutas_av")
                if updates.decided_by
                else ctx.at("uppdateringar")
            )
            yield Finding(where, f"uppdateringar ska beslutas av en {role.value} ('beslutas_av')")


@rule(
    "SV134",
    title="Uppdateringsklausulen saknar innehåll som krävs",
    severity=Severity.WARNING,
    explanation=(
        "Profilen anger vad klausulen om uppdateringar ska säga, till exempel att den "
        "uppdaterade bilagan dateras och meddelas beredningsgruppen på central nivå."
    ),
)
def updates_content(ctx: RuleContext) -> Iterator[Finding]:
    updates = ctx.agreement.updates
    if updates is None:
        return
    for requirement in ctx.profiles.updates:
        for part in requirement.content:
            if not mentions(updates.paragraphs, part.keywords):
                yield Finding(
                    ctx.at("uppdateringar"),
                    f"klausulen om uppdateringar säger inget om {part.name} "
                    f"(sökord: {', '.join(part.keywords)})",
                )
