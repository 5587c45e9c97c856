"""Load and check one agreement: every problem the loader, schema and rules find."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from samverkan_cli.check.settings import RepositoryConfig
from samverkan_cli.core.confinement import is_plain_name
from samverkan_cli.core.errors import debug_requested
from samverkan_cli.core.problems import Location, Problem, Severity, sorted_problems
from samverkan_cli.model import Agreement
from samverkan_cli.model.agreement import RuleException
from samverkan_cli.profiles import Profile, ProfileSet
from samverkan_cli.profiles.in_force import Deferred, in_force
from samverkan_cli.rules import RuleContext, run_rules
from samverkan_cli.source.loading import LoadedAgreement, display_path, load_agreement

RULE_UNKNOWN_PROFILE = "SV013"
RULE_NOT_IN_FORCE = "SV022"
UNVERIFIED_NOTE = " (profilens krav är inte kontrollerat mot källan, så fyndet är information)"


@dataclass(frozen=True, slots=True)
class CheckSettings:
    """What a check depends on besides the agreement: the repository's settings and the
    day it is checked as of (`--idag`), so that results are reproducible."""

    config: RepositoryConfig = field(default_factory=RepositoryConfig)
    today: dt.date = field(default_factory=dt.date.today)


def resolve_profiles(loaded: LoadedAgreement, config: RepositoryConfig) -> ProfileSet:
    """The profiles an agreement names (or the repository's default); unknown names become
    located problems."""
    assert loaded.agreement is not None and loaded.source is not None
    names = loaded.agreement.profiles or [config.settings.default_profile]
    term = loaded.agreement.term
    start = term.start if term is not None else None
    profiles: list[Profile] = []
    problems: list[Problem] = []
    for index, name in enumerate(names):
        found = config.library.load(name)
        if isinstance(found, Profile):
            current, deferred = in_force(found, start)
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
        problems.extend(_apply_exceptions(loaded.agreement, findings))
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


def rule_exceptions(agreement: Agreement) -> dict[str, RuleException]:
    """The agreement's `undantag` by rule id; a later one for the same rule wins. `validate`
    and `status` both go by this."""
    return {e.rule: e for e in agreement.exceptions}


def _apply_exceptions(agreement: Agreement, problems: Iterable[Problem]) -> Iterator[Problem]:
    """Findings of an excepted rule are kept, with the written reason, as info (or as a
    warning when the exception records a known gap)."""
    exceptions = rule_exceptions(agreement)
    for problem in problems:
        exception = exceptions.get(problem.rule)
        if exception is None:
            yield problem
        else:
            message = f"{problem.message} (undantag: {exception.reason})"
            yield replace(problem, severity=Severity(exception.severity), message=message)
