"""Load and check one agreement: every problem the loader, schema and rules find."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from samverkan_cli.check.exception_matching import apply_exceptions
from samverkan_cli.check.settings import RepositoryConfig
from samverkan_cli.core.confinement import is_plain_name
from samverkan_cli.core.errors import debug_requested
from samverkan_cli.core.problems import Location, Problem, Severity, sorted_problems
from samverkan_cli.model.agreement import DEFAULT_PROFILE
from samverkan_cli.profiles import Profile, ProfileSet
from samverkan_cli.profiles.choice import choose_profiles
from samverkan_cli.profiles.in_force import Deferred, for_kind, in_force
from samverkan_cli.rules import RuleContext, run_rules
from samverkan_cli.source.loading import LoadedAgreement, display_path, load_agreement

RULE_UNKNOWN_PROFILE = "SV013"
RULE_NOT_IN_FORCE = "SV022"
RULE_PROFILE_CHOSEN = "SV182"
UNVERIFIED_NOTE = " (profilens krav är inte kontrollerat mot källan, så fyndet är information)"


@dataclass(frozen=True, slots=True)
class CheckSettings:
    """What a check depends on besides the agreement: the repository's settings and the
    day it is checked as of (`--idag`), so that results are reproducible."""

    config: RepositoryConfig = field(default_factory=RepositoryConfig)
    today: dt.date = field(default_factory=dt.date.today)


def resolve_profiles(loaded: LoadedAgreement, config: RepositoryConfig) -> ProfileSet:
    """The profiles an agreement names (or the repository's default, or those chosen from its
    kind, parties and date), cut to its kind and its term's start; unknown names become
    located problems."""
    assert loaded.agreement is not None and loaded.source is not None
    agreement = loaded.agreement
    term = agreement.term
    # a term from a year or a month is held to what was in force on its first day (SV185)
    start = term.first_day if term is not None else None
    problems: list[Problem] = []
    names = agreement.profiles
    if names is None and config.settings.default_profile is not None:
        names = [config.settings.default_profile]
    elif names is None:
        names = _chosen_profiles(loaded, start, problems)
    profiles: list[Profile] = []
    for index, name in enumerate(names):
        found = config.library.load(name)
        if isinstance(found, Profile):
            current, deferred = in_force(found, start)
            if current is not None:
                current = for_kind(current, agreement.document_kind)
            if current is not None:
                profiles.append(current)
            if deferred and start is not None:
                where = loaded.source.location(("profil", index))
                problems.append(_not_in_force(where, found, start, deferred))
        elif found is not None:
            problems.extend(found)
        elif not is_plain_name(name):
            problems.append(
                Problem(
                    loaded.source.location(("profil", index)),
                    RULE_UNKNOWN_PROFILE,
                    Severity.ERROR,
                    f"regelprofilen '{name}' ska vara ett namn, ingen sökväg",
                )
            )
        else:
            known = ", ".join(config.library.names())
            problems.append(
                Problem(
                    loaded.source.location(("profil", index)),
                    RULE_UNKNOWN_PROFILE,
                    Severity.ERROR,
                    f"okänd regelprofil '{name}'; kända profiler: {known}",
                )
            )
    overrides = tuple(config.settings.severities.items())
    return ProfileSet(tuple(profiles), tuple(problems), overrides)


def _chosen_profiles(
    loaded: LoadedAgreement, start: dt.date | None, problems: list[Problem]
) -> list[str]:
    """SV182: the profiles chosen for a document that names none, from its kind, its
    parties' kinds and its start (profiles/choice.py), and an info finding saying so."""
    agreement = loaded.agreement
    assert agreement is not None and loaded.source is not None
    kind = agreement.document_kind
    chosen = choose_profiles(kind, (p.kind.value for p in agreement.parties), start)
    if chosen is None:
        return [DEFAULT_PROFILE]
    listed = ", ".join(chosen.profiles)
    message = (
        f"dokumentet anger ingen regelprofil ('profil') och samverkan.yaml ingen "
        f"standardprofil; vald utifrån dokumenttyp ({kind.value}), parternas typer och "
        f"avtalstidens början: {listed} (källa: {chosen.rule.source})"
    )
    problems.append(
        Problem(loaded.source.location(()), RULE_PROFILE_CHOSEN, Severity.INFO, message)
    )
    return list(chosen.profiles)


def _not_in_force(
    where: Location, profile: Profile, start: dt.date, deferred: list[Deferred]
) -> Problem:
    """SV022: what of a profile does not apply to a document whose term starts earlier."""
    shown = start.isoformat()
    if not deferred[0].key:
        message = (
            f"regelprofilen '{profile.id}' gäller från {deferred[0].applies_from.isoformat()} "
            f"och avtalstiden börjar {shown}: profilens krav kontrolleras inte"
        )
    else:
        listed = ", ".join(f"{d.key} (från {d.applies_from.isoformat()})" for d in deferred)
        message = (
            f"avtalstiden börjar {shown}, före det datum då några av regelprofilen "
            f"'{profile.id}':s krav gäller; de kontrolleras inte: {listed}"
        )
    return Problem(where, RULE_NOT_IN_FORCE, Severity.INFO, message)


def check_loaded(loaded: LoadedAgreement, settings: CheckSettings | None = None) -> list[Problem]:
    """Problems of an already loaded agreement: loading problems, then rule findings.

    The rules run with the verified requirements of the profiles in force; when a profile
    holds unverified ones, they run again with those too, and what only that run finds is
    information (an unverified requirement can inform, never fail a document)."""
    settings = settings or CheckSettings()
    problems = list(loaded.problems)
    if loaded.agreement is not None and loaded.source is not None:
        profiles = resolve_profiles(loaded, settings.config)
        problems.extend(profiles.problems)
        verified = profiles.verified()
        context = RuleContext(loaded, loaded.agreement, loaded.source, verified, settings.today)
        findings = list(run_rules(context))
        if verified != profiles:
            findings.extend(_unverified_findings(findings, replace(context, profiles=profiles)))
        problems.extend(apply_exceptions(loaded, findings))
    return sorted_problems(problems)


def _unverified_findings(found: list[Problem], wider: RuleContext) -> Iterator[Problem]:
    """Findings that only the unverified requirements give, as information."""
    seen = {(p.rule, p.location, p.message) for p in found}
    for problem in run_rules(wider):
        if (problem.rule, problem.location, problem.message) not in seen:
            message = problem.message + UNVERIFIED_NOTE
            yield replace(problem, severity=Severity.INFO, message=message)


RULE_INTERNAL = "SV000"


def check_folder(
    folder: Path, settings: CheckSettings | None = None
) -> tuple[LoadedAgreement, list[Problem]]:
    """Load and check one agreement folder. An error of samverkan's own while doing so is a
    problem of this agreement (SV000), so that one agreement never stops the others."""
    try:
        loaded = load_agreement(folder)
        return loaded, check_loaded(loaded, settings)
    except Exception as exc:
        if debug_requested():
            raise
        name = unicodedata.normalize("NFC", folder.name)
        message = f"internt fel vid kontrollen ({type(exc).__name__}: {exc})"
        problem = Problem(
            Location.start_of(display_path(folder)), RULE_INTERNAL, Severity.ERROR, message
        )
        return LoadedAgreement(folder=folder, name=name), [problem]
