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
from samverkan_cli.rules import RuleContext, run_rules
from samverkan_cli.source.loading import LoadedAgreement, display_path, load_agreement

RULE_UNKNOWN_PROFILE = "SV013"


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
    profiles: list[Profile] = []
    problems: list[Problem] = []
    for index, name in enumerate(names):
        found = config.library.load(name)
        if isinstance(found, Profile):
            profiles.append(found)
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


def check_loaded(loaded: LoadedAgreement, settings: CheckSettings | None = None) -> list[Problem]:
    """Problems of an already loaded agreement: loading problems, then rule findings."""
    settings = settings or CheckSettings()
    problems = list(loaded.problems)
    if loaded.agreement is not None and loaded.source is not None:
        profiles = resolve_profiles(loaded, settings.config)
        problems.extend(profiles.problems)
        context = RuleContext(loaded, loaded.agreement, loaded.source, profiles, settings.today)
        problems.extend(_apply_exceptions(loaded.agreement, run_rules(context)))
    return sorted_problems(problems)


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
