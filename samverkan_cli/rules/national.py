"""Rules of the national model: Brå, Polisen and SKR's handbook "Samverkan i lokalt
brottsförebyggande arbete" (the five steps: 1 Initiera samverkan, 2 Egna förberedelser,
3 Gemensamma förberedelser, 4 Genomförande, 5 Uppföljning och återkoppling).

What the agreement must contain is read from the profile (`bra-samverkan`); only the check
that a fokusområde a medborgarlöfte or an aktivitetsmatris points to exists runs always.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from samverkan_cli.core.problems import Location, Severity
from samverkan_cli.model import BilagaKind
from samverkan_cli.model.agreement import PriorityArea
from samverkan_cli.model.frequency import CONTINUOUS
from samverkan_cli.model.promises import follow_up_entry
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.rules.lookup import bilagor_of_kind, signatories, situation_location
from samverkan_cli.rules.promise_periods import promise_sets
from samverkan_cli.source.yaml_document import YamlDocument

HANDBOOK = "Brå, Polisen och SKR: Samverkan i lokalt brottsförebyggande arbete"

Locate = Callable[..., Location]
"""The location of a path below a priority area (its `mål`, its first goal's `mått` …)."""


def _areas(ctx: RuleContext) -> Iterator[tuple[PriorityArea, Locate]]:
    """Every priority area, in the agreement and in its lägesbild bilagor, with a function
    that locates a path below it."""
    section = ctx.agreement.situation_picture
    if section is not None:
        for index, area in enumerate(section.priority_areas):
            yield area, _locator(ctx.source, ("lägesbild", "prioriterade_områden", index))
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.SITUATION_PICTURE):
        for index, area in enumerate(loaded.model.priority_areas):
            yield area, _locator(loaded.document, ("prioriterade_områden", index))
    for index, area in enumerate(ctx.agreement.focus_areas):
        yield area, _locator(ctx.source, ("fokusområden", index))


def _locator(document: YamlDocument, base: tuple[str | int, ...]) -> Locate:
    return lambda *path: document.location((*base, *path))


@rule(
    "SV136",
    title="Problemen i fokus anges inte",
    severity=Severity.ERROR,
    explanation=(
        "Samverkansöverenskommelsen ska beskriva vilka problem som är fokus för samverkan: "
        "styrgruppen prioriterar fokusområden utifrån den gemensamma lägesbilden "
        f"({HANDBOOK}, steg 3 Gemensamma förberedelser). Ange dem som prioriterade_områden "
        "i lägesbilden."
    ),
)
def problems_in_focus(ctx: RuleContext) -> Iterator[Finding]:
    if not any(r.required for r in ctx.profiles.priority_areas):
        return
    if not any(True for _ in _areas(ctx)):
        yield Finding(
            situation_location(ctx),
            "överenskommelsen anger inte vilka problem som är i fokus för samverkan "
            "('prioriterade_områden')",
        )


@rule(
    "SV137",
    title="Prioriterat område utan troliga orsaker",
    severity=Severity.WARNING,
    explanation=(
        "Samverkansöverenskommelsen ska beskriva troliga bakomliggande orsaker till problemen; "
        "en orsaksanalys tas fram för varje prioriterat problem "
        f"({HANDBOOK}, steg 3 Gemensamma förberedelser)."
    ),
)
def causes_per_area(ctx: RuleContext) -> Iterator[Finding]:
    if not any(r.causes for r in ctx.profiles.priority_areas):
        return
    for area, locate in _areas(ctx):
        if not area.causes:
            yield Finding(
                locate(),
                f"det prioriterade området '{area.name}' anger inga troliga orsaker ('orsaker')",
            )


@rule(
    "SV138",
    title="Prioriterat område utan mätbart mål",
    severity=Severity.WARNING,
    explanation=(
        "Samverkansöverenskommelsen ska ange avgränsade och mätbara mål för arbetet "
        f"({HANDBOOK}, steg 3 Gemensamma förberedelser): varje prioriterat område har minst "
        "ett mål, och varje mål anger hur det mäts ('mått'), så att det kan följas upp i steg 5."
    ),
)
def measurable_goals(ctx: RuleContext) -> Iterator[Finding]:
    if not any(r.measurable_goals for r in ctx.profiles.priority_areas):
        return
    for area, locate in _areas(ctx):
        if not area.goals:
            yield Finding(locate(), f"det prioriterade området '{area.name}' har inget mål ('mål')")
        for index, goal in enumerate(area.goals):
            if not goal.measure:
                yield Finding(
                    locate("mål", index),
                    f"målet '{goal.text}' för '{area.name}' anger inte hur det mäts ('mått')",
                )


@rule(
    "SV139",
    title="Dokumentation och uppföljning beskrivs inte",
    severity=Severity.ERROR,
    explanation=(
        "Samverkansöverenskommelsen ska beskriva hur arbetet ska dokumenteras och hur "
        f"uppföljningen ska genomföras ({HANDBOOK}, steg 3 Gemensamma förberedelser); "
        "uppföljningen granskar arbetet och återkopplas till styrgruppen (steg 5 Uppföljning "
        "och återkoppling). Ange avsnittet dokumentation och hur uppföljningen sker: en "
        "frekvens (räknebar eller löpande), en process med egen frekvens, eller en text om "
        "uppföljningen. Kräver profilen en räknebar frekvens ('räknebar: true'), ska "
        "uppföljningen ha en, till exempel {antal: 2, per: år}."
    ),
)
def documentation_and_follow_up(ctx: RuleContext) -> Iterator[Finding]:
    requirements = ctx.profiles.documentations
    if not any(r.required or r.follow_up for r in requirements):
        return
    documentation = ctx.agreement.documentation
    if documentation is None:
        yield Finding(
            ctx.file_start(),
            "överenskommelsen beskriver inte hur arbetet dokumenteras och följs upp "
            "('dokumentation')",
        )
        return
    if not any(r.follow_up for r in requirements):
        return
    counted = any(r.counted for r in requirements)
    if _follow_up_stated(ctx, counted):
        return
    if documentation.follow_up is None:
        wanted = "hur ofta" if counted else "hur"
        yield Finding(
            ctx.at("dokumentation"),
            f"dokumentationen anger inte {wanted} arbetet följs upp ('uppföljning')",
        )
    elif counted:
        yield Finding(
            ctx.at("dokumentation", "uppföljning", "frekvens"),
            f"arbetet följs upp '{documentation.follow_up.frequency.swedish()}'; profilen "
            "kräver en räknebar frekvens, till exempel {antal: 2, per: år}",
        )
    else:
        yield Finding(
            ctx.at("dokumentation", "uppföljning", "frekvens"),
            f"arbetet följs upp '{documentation.follow_up.frequency.swedish()}'; ange hur "
            "ofta, till exempel {antal: 2, per: år} eller löpande",
        )


def _follow_up_stated(ctx: RuleContext, counted: bool) -> bool:
    """Whether the agreement says how the work is followed up: a follow-up frequency, or a
    process with a cadence, that is counted (or, unless `counted`, continuous); or, unless
    `counted`, a documentation text that speaks of the follow-up."""
    documentation = ctx.agreement.documentation
    organisation = ctx.agreement.organisation
    cadences = [p.schedule.frequency for p in organisation.processes] if organisation else []
    if documentation is not None and documentation.follow_up is not None:
        cadences.append(documentation.follow_up.frequency)
    for frequency in cadences:
        if frequency.per_year() is not None:
            return True
        if not counted and frequency.swedish() in CONTINUOUS:
            return True
    if counted or documentation is None:
        return False
    text = " ".join(str(p) for p in documentation.paragraphs).casefold()
    return "följs upp" in text or "uppfölj" in text or "följa upp" in text


@rule(
    "SV140",
    title="Överenskommelsen anger inte sin period",
    severity=Severity.ERROR,
    explanation=(
        "Samverkansöverenskommelsen ska ange vilken period den avser "
        f"({HANDBOOK}, steg 3 Gemensamma förberedelser): en avtalstid ('tid') med slutdatum "
        "(ett år, en månad eller en dag), till dess att en ny överenskommelse finns "
        "('gäller_till_dess'), eller tills vidare med uppsägningstid eller en räknebar "
        "revidering."
    ),
)
def period_stated(ctx: RuleContext) -> Iterator[Finding]:
    if not any(r.required for r in ctx.profiles.terms):
        return
    term = ctx.agreement.term
    if term is None:
        yield Finding(
            ctx.file_start(), "överenskommelsen anger inte vilken period den avser ('tid')"
        )
        return
    if term.end_date is not None or term.until_replaced is not None:
        return
    if term.termination is not None:
        return
    if term.revision is not None and term.revision.per_year() is not None:
        return
    if term.end is None:
        yield Finding(
            ctx.at("tid", "från"),
            f"avtalstiden anger bara när den börjar ({term.start.iso()}): skriv 'till' (ett år, "
            "en månad eller en dag), 'gäller_till_dess' eller tills vidare med uppsägningstid "
            "eller räknebar revidering",
        )
        return
    yield Finding(
        ctx.at("tid", "till"),
        f"överenskommelsen gäller {term.end} utan uppsägningstid ('uppsägning') eller räknebar "
        "revidering ('revidering'), så perioden den avser har inget slut",
    )


@rule(
    "SV141",
    title="Undertecknaren har inte den funktion profilen anger",
    severity=Severity.WARNING,
    explanation=(
        "En profil kan ange vem som undertecknar för en viss typ av part, med sin källa: "
        f"enligt {HANDBOOK} (steg 3 Gemensamma förberedelser) skriver chefen för "
        "lokalpolisområdet och kommunstyrelsens ordförande under. Kontrollen söker efter "
        "profilens titlar i varje undertecknares titel; en part av en typ som profilen inte "
        "nämner, eller utan undertecknare, kontrolleras inte."
    ),
)
def signatory_titles(ctx: RuleContext) -> Iterator[Finding]:
    requirements = ctx.profiles.signatories
    for party, signatory, path in signatories(ctx):
        for requirement in (r for r in requirements if r.party_kind is party.kind):
            title = signatory.title.casefold()
            if not any(wanted.casefold() in title for wanted in requirement.titles):
                source = f" ({requirement.source})" if requirement.source else ""
                yield Finding(
                    ctx.at(*path, "titel"),
                    f"{party.name} undertecknas av '{signatory.title}'; för typen "
                    f"{party.kind.value} anger profilen {' eller '.join(requirement.titles)}"
                    f"{source}",
                )


@rule(
    "SV142",
    title="Medborgarlöftena följs inte upp under sin period",
    severity=Severity.WARNING,
    explanation=(
        "Medborgarlöften gäller en period och följs upp: uppföljningen av löftena har särskild "
        "betydelse eftersom de är kommunicerade med medborgarna, och resultatet återkopplas "
        f"till dem ({HANDBOOK}, steg 4 Genomförande och steg 5 Uppföljning och återkoppling). "
        "Minst ett uppföljningsdatum ska ligga inom löftenas period, och inget utanför den; "
        "en återrapport ('typ: återrapport') får ligga efter perioden, men inte före den."
    ),
)
def citizen_promises_follow_up(ctx: RuleContext) -> Iterator[Finding]:
    if not any(r.follow_up for r in ctx.profiles.citizen_promises):
        return
    for promises in promise_sets(ctx):
        end = promises.end
        span = f"{promises.start.isoformat()} – {end.isoformat() if end else 'tills vidare'}"
        entries = [follow_up_entry(e) for e in promises.follow_ups]
        if not any(e.kind == "uppföljning" for e in entries):
            yield Finding(
                promises.period_at,
                f"medborgarlöftena för {span} har inget datum för uppföljning ('uppföljning')",
            )
            continue
        for index, entry in enumerate(entries):
            # a month or a year ("juni 2024") is outside only when every day of it is
            date = entry.date
            taken = date.last_day if date.last_day < promises.start else date.first_day
            if entry.kind == "uppföljning" and not date.overlaps(promises.start, end):
                yield Finding(
                    promises.locate("uppföljning", index),
                    f"uppföljningsdatumet {date.counted_as(taken)} ligger utanför löftenas "
                    f"period {span}; en återrapport efter perioden skrivs med 'typ: återrapport'",
                )
            elif entry.kind == "återrapport" and date.last_day < promises.start:
                yield Finding(
                    promises.locate("uppföljning", index),
                    f"återrapporten {date.counted_as(taken)} ligger före löftenas period {span}",
                )


@rule(
    "SV143",
    title="Okänt fokusområde",
    severity=Severity.ERROR,
    explanation=(
        "Ett medborgarlöfte eller en rad i en aktivitetsmatris som anger ett fokusområde ska "
        "peka på ett av överenskommelsens prioriterade områden (med dess id), så att löftet "
        "och aktiviteterna kan följas upp mot problemet de gäller "
        f"({HANDBOOK}, steg 4 Genomförande)."
    ),
)
def known_priority_area(ctx: RuleContext) -> Iterator[Finding]:
    known = [area.id for area, _ in _areas(ctx)]
    listed = ", ".join(known) if known else "(inga)"
    for promises in promise_sets(ctx):
        for g, group in enumerate(promises.groups):
            for p, promise in enumerate(group.promises):
                if promise.priority_area is not None and promise.priority_area not in known:
                    yield Finding(
                        promises.locate("löften", g, "lovar", p, "fokusområde"),
                        f"löftet '{promise.swedish()}' pekar på fokusområdet "
                        f"'{promise.priority_area}', som inte finns; kända: {listed}",
                    )
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.ACTIVITY_MATRIX):
        for index, row in enumerate(loaded.model.rows):
            if row.priority_area not in known:
                yield Finding(
                    loaded.document.location(("rader", index, "fokusområde")),
                    f"aktivitetsmatrisen pekar på fokusområdet '{row.priority_area}', som inte "
                    f"finns; kända: {listed}",
                )
