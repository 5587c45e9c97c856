"""Rules about forums: which must exist and how often they must meet (from the profile)."""

from __future__ import annotations

from collections.abc import Iterator

from samverkan_cli.problems import Severity
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.swedish import times


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
    organisation = ctx.agreement.organisation
    if organisation is None:
        return
    for requirement in (r for p in ctx.profiles.profiles for r in p.forums):
        if requirement.min_per_year is None:
            continue
        for index, forum in enumerate(organisation.forums):
            if forum.role is not requirement.role:
                continue
            path = ("organisation", "forum", index)
            wanted = requirement.min_per_year
            if forum.meetings is None:
                yield Finding(
                    ctx.at(*path),
                    f"{forum.heading} saknar mötesfrekvens; "
                    f"profilen kräver minst {wanted} möten per år",
                )
                continue
            per_year = forum.meetings.frequency.per_year()
            location = ctx.at(*path, "möten", "frekvens")
            if per_year is None:
                yield Finding(
                    location,
                    f"{forum.heading} har mötesfrekvensen '{forum.meetings.frequency.swedish()}', "
                    f"men profilen kräver minst {wanted} möten per år",
                )
            elif per_year < wanted:
                yield Finding(
                    location,
                    f"{forum.heading} möts {times(per_year)} per år, men profilen kräver "
                    f"minst {times(wanted)}",
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
    for requirement in (r for p in ctx.profiles.profiles for r in p.forums):
        if requirement.required and requirement.role not in present:
            yield Finding(location, f"samverkansorganisationen saknar en {requirement.role.value}")


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
