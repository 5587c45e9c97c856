"""Rules about the lägesbild: its sources, what it covers, and how fresh it is."""

from __future__ import annotations

import math
from collections.abc import Iterator

from samverkan_cli.core.date_arithmetic import add_months
from samverkan_cli.core.problems import Severity
from samverkan_cli.core.swedish import counted, every_nth
from samverkan_cli.model import BilagaKind, Frequency
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.rules.lookup import (
    bilagor_of_kind,
    folded,
    mentioned_in,
    situation_location,
    situation_sources,
    situation_texts,
)
from samverkan_cli.rules.term_bounds import is_historic


@rule(
    "SV120",
    title="Lägesbildens underlag anges inte",
    severity=Severity.ERROR,
    explanation=(
        "Underavtal ska ange hur den lokala problembilden har kartlagts och vilka underlag som "
        "använts (2015 års samverkansavtal punkt 6)."
    ),
)
def situation_sources_stated(ctx: RuleContext) -> Iterator[Finding]:
    required = any(r.sources for r in ctx.profiles.situations)
    if required and not situation_sources(ctx):
        yield Finding(situation_location(ctx), "lägesbilden anger inte vilka underlag som använts")


@rule(
    "SV121",
    title="Ställningstagande till en kategori saknas",
    severity=Severity.WARNING,
    explanation=(
        'Parterna ska särskilt ta ställning till kategorierna "ungdomar", "brottsoffer" '
        'och "organiserad brottslighet" (2015 års samverkansavtal punkt 6). Kontrollen söker '
        "efter kategorin eller profilens sökord i lägesbilden."
    ),
)
def situation_stances(ctx: RuleContext) -> Iterator[Finding]:
    texts = folded(situation_texts(ctx))
    for requirement in ctx.profiles.situations:
        for stance in requirement.stances:
            if not mentioned_in(texts, stance.keywords):
                yield Finding(
                    situation_location(ctx),
                    f"lägesbilden tar inte ställning till kategorin '{stance.name}' "
                    f"(sökord: {', '.join(stance.keywords)})",
                )


@rule(
    "SV133",
    title="Lägesbilden saknar innehåll som krävs",
    severity=Severity.WARNING,
    explanation=(
        "Lag (2023:196) 4 §: lägesbilden ska innehålla en kartläggning av brottsligheten, dess "
        "omfattning och konsekvenser, annan information av betydelse och en analys. Kontrollen "
        "söker efter profilens sökord i lägesbilden."
    ),
)
def situation_content(ctx: RuleContext) -> Iterator[Finding]:
    texts = folded(situation_texts(ctx))
    for requirement in ctx.profiles.situations:
        for part in requirement.content:
            if not mentioned_in(texts, part.keywords):
                yield Finding(
                    situation_location(ctx),
                    f"lägesbilden saknar {part.name} (sökord: {', '.join(part.keywords)})",
                )


@rule(
    "SV122",
    title="Lägesbilden revideras för sällan",
    severity=Severity.ERROR,
    explanation=(
        "Profilen anger hur ofta lägesbilden minst ska revideras, till exempel minst en gång "
        "varje år i Stockholms lokala överenskommelser."
    ),
)
def situation_revision(ctx: RuleContext) -> Iterator[Finding]:
    section = ctx.agreement.situation_picture
    for requirement in ctx.profiles.situations:
        years = requirement.revision_interval_years
        if years is None:
            continue
        wanted = f"minst {counted(1)} gång {every_nth(years, neuter=True)} år"
        if section is None or section.revision is None:
            location = ctx.at("lägesbild") if section else ctx.file_start()
            yield Finding(
                location,
                "överenskommelsen anger inte hur ofta lägesbilden revideras; "
                f"profilen kräver {wanted}",
            )
            continue
        per_year = section.revision.frequency.per_year()
        if per_year is None or per_year * years < 1:
            yield Finding(
                ctx.at("lägesbild", "revidering", "frekvens"),
                f"lägesbilden revideras '{section.revision.frequency.swedish()}'; "
                f"profilen kräver {wanted}",
            )


@rule(
    "SV123",
    title="Lägesbilden är äldre än sitt revideringsintervall",
    severity=Severity.WARNING,
    explanation=(
        "En lägesbild med datum som är äldre än överenskommelsens (eller profilens) "
        "revideringsintervall behöver revideras; räknat från i dag eller --idag, men inte "
        "för en historisk överenskommelse (SV186)."
    ),
)
def situation_age(ctx: RuleContext) -> Iterator[Finding]:
    months = revision_interval_months(ctx)
    if months is None or is_historic(ctx):  # SV186 says why
        return
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.SITUATION_PICTURE):
        date = loaded.model.date
        if date is None:
            continue
        latest = date.last_day  # "2023": it may be from 2023-12-31, so counted from there
        if add_months(latest, months) < ctx.today:
            yield Finding(
                loaded.document.location(("datum",)),
                f"lägesbilden är daterad {date.counted_as(latest)} och skulle ha reviderats "
                f"senast {add_months(latest, months).isoformat()} (i dag {ctx.today.isoformat()})",
            )


def revision_interval_months(ctx: RuleContext) -> int | None:
    """How many months a lägesbild stays current: the agreement's revision frequency,
    shortened to the profiles' interval; None when neither states one."""
    section = ctx.agreement.situation_picture
    months: int | None = None
    if section is not None and section.revision is not None:
        months = interval_months(section.revision.frequency)
    for requirement in ctx.profiles.situations:
        years = requirement.revision_interval_years
        if years is not None:
            months = min(months or 12 * years, 12 * years)
    return months


def interval_months(frequency: Frequency) -> int | None:
    """The whole months from one occasion of a frequency to the next (at least one: 36 for
    "vart tredje år", 2 for five times a year); None for a frequency without a count
    ("vid behov")."""
    per_year = frequency.per_year()
    return max(1, math.floor(12 / per_year)) if per_year else None
