"""Rules about what an agreement contains: sections and bilagor."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from samverkan_cli.core.confinement import Confinement, PathRefused, resolve_path, walk_files
from samverkan_cli.core.problems import Location, Severity
from samverkan_cli.model import BilagaKind
from samverkan_cli.model.translation import translation_code
from samverkan_cli.profiles import SECTION_KEYS
from samverkan_cli.rules import bilaga_file_hints as hints
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.source.loading import display_path, locate_file
from samverkan_cli.source.repository import REPORT_FILE


@rule(
    "SV104",
    title="Avsnitt som krävs saknas",
    severity=Severity.ERROR,
    explanation=(
        "Profilen anger vilka avsnitt överenskommelsen måste ha (bakgrund, parter, bilagor, "
        "tid, organisation, lägesbild, uppdateringar, information, exemplar, underskrifter)."
    ),
)
def required_sections(ctx: RuleContext) -> Iterator[Finding]:
    wanted = dict.fromkeys(s for p in ctx.profiles.profiles for s in p.sections)
    for section in wanted:
        if getattr(ctx.agreement, SECTION_KEYS[section]) is None:
            yield Finding(ctx.file_start(), f"avsnittet '{section}' saknas")


@rule(
    "SV105",
    title="Bilaga som krävs saknas",
    severity=Severity.ERROR,
    explanation=(
        "Profilen anger vilka slags bilagor som ska ligga till grund för överenskommelsen, "
        "till exempel lägesbild, åtgärdsplan och kommunikationsplan (2015 års avtal p. 6–9)."
    ),
)
def required_bilagor(ctx: RuleContext) -> Iterator[Finding]:
    listed = ctx.agreement.bilagor
    kinds = {entry.kind for entry in listed.entries} if listed else set()
    location = ctx.at("bilagor") if listed else ctx.file_start()
    wanted = dict.fromkeys(k for p in ctx.profiles.profiles for k in p.bilagor)
    for kind in wanted:
        if kind not in kinds:
            yield Finding(location, f"bilagelistan saknar en bilaga av typen '{kind.value}'")


@rule(
    "SV106",
    title="Bilagans fil saknas",
    severity=Severity.ERROR,
    explanation=(
        "Varje bilaga i listan ska finnas: som fil i överenskommelsens mapp ('fil') eller som "
        "en hänvisning till ett dokument som förvaras någon annanstans ('extern')."
    ),
)
def bilaga_exists(ctx: RuleContext) -> Iterator[Finding]:
    if ctx.agreement.bilagor is None:
        return
    folder: Confinement | None = None  # the folder resolved once, for the first file
    for index, entry in enumerate(ctx.agreement.bilagor.entries):
        path = ("bilagor", "lista", index)
        if entry.kind is BilagaKind.AGREEMENT and entry.file is None:
            continue  # the agreement itself, listed as its own bilaga 1
        if entry.file is None and entry.external is None:
            yield Finding(
                ctx.at(*path),
                f"bilagan '{entry.title}' har varken 'fil' eller 'extern'",
            )
            continue
        if entry.file is None:
            continue
        location = ctx.at(*path, "fil")
        if "\\" in entry.file:
            yield Finding(location, hints.backslash(entry.file))
            continue
        target = locate_file(ctx.folder, entry.file)
        folder = folder or Confinement(ctx.folder)
        try:
            folder.confine(target)
        except PathRefused as refused:
            if refused.reason == "outside":
                message = hints.outside(ctx.folder, entry.file)
            else:
                message = refused.swedish(f"filen '{entry.file}'")
            yield Finding(location, message)
            continue
        if target.is_dir():
            yield Finding(location, hints.folder_named(ctx.folder, entry.file))
        elif not target.is_file():
            yield Finding(location, hints.missing_file(ctx.folder, entry.file))


@rule(
    "SV107",
    title="Bilagans fil har fel typ",
    severity=Severity.ERROR,
    explanation="En bilaga skriven som YAML ska ha samma typ som i bilagelistan.",
)
def bilaga_kind_matches(ctx: RuleContext) -> Iterator[Finding]:
    if ctx.agreement.bilagor is None:
        return
    for index, entry in enumerate(ctx.agreement.bilagor.entries):
        loaded = ctx.loaded.bilagor.get(entry.id)
        if loaded is not None and loaded.model.kind != entry.kind.value:
            listed = ctx.at("bilagor", "lista", index, "typ")
            yield Finding(
                loaded.document.location(("typ",)),
                f"filen har typen '{loaded.model.kind}' men bilagelistan säger "
                f"'{entry.kind.value}'; filens innehåll följer typen '{loaded.model.kind}', så "
                f"ändra bilagelistan på rad {listed.line} i {Path(listed.file).name} till "
                f"'typ: {loaded.model.kind}', eller, om bilagan ska vara av typen "
                f"'{entry.kind.value}', skriv om filen efter den typen med 'typ: "
                f"{entry.kind.value}' överst",
            )


@rule(
    "SV108",
    title="Extern bilaga utan hänvisning",
    severity=Severity.INFO,
    explanation=(
        "En bilaga som förvaras utanför repositoriet bör anges med diarienummer eller datum, "
        "så att registratorn kan hitta rätt version."
    ),
)
def external_bilaga_reference(ctx: RuleContext) -> Iterator[Finding]:
    if ctx.agreement.bilagor is None:
        return
    for index, entry in enumerate(ctx.agreement.bilagor.entries):
        external = entry.external
        if external is not None and not (external.registration_number or external.date):
            yield Finding(
                ctx.at("bilagor", "lista", index, "extern"),
                f"bilagan '{entry.title}' har varken diarienummer eller datum",
            )


@rule(
    "SV130",
    title="Bilagefil som inte används",
    severity=Severity.WARNING,
    explanation=(
        "En YAML-fil i överenskommelsens mapp som ingen post i bilagelistan pekar på kommer "
        "inte med i dokumentet; lägg till den i listan eller ta bort den."
    ),
)
def unused_bilaga_files(ctx: RuleContext) -> Iterator[Finding]:
    entries = ctx.agreement.bilagor.entries if ctx.agreement.bilagor else []
    used = {_resolved(locate_file(ctx.folder, e.file)) for e in entries if e.file}
    known = {_resolved(ctx.loaded.agreement_path), _resolved(ctx.folder / REPORT_FILE)}
    for path in walk_files(ctx.folder):
        if path.suffix not in {".yaml", ".yml"} or _resolved(path) in used | known:
            continue
        if path.parent == ctx.folder and translation_code(path.name) is not None:
            continue  # a translation (oversattning.<kod>.yaml): its own rules, SV188–SV190
        shown = path.relative_to(ctx.folder).as_posix()
        yield Finding(
            Location(display_path(path)),
            f"filen '{shown}' finns i mappen men står inte i bilagelistan",
        )


def _resolved(path: Path) -> Path:
    """The path with links followed, or as it is when it cannot be (a loop)."""
    try:
        return resolve_path(path)
    except PathRefused:
        return path
