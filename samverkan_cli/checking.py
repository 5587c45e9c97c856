"""Load and check one agreement: every problem the loader, schema and rules find."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from samverkan_cli.loading import LoadedAgreement, load_agreement
from samverkan_cli.model import Agreement
from samverkan_cli.problems import Problem, Severity, sorted_problems
from samverkan_cli.profiles import Profile, ProfileSet, builtin_profile_names, load_profile
from samverkan_cli.rules import RuleContext, run_rules

RULE_UNKNOWN_PROFILE = "SV013"


def resolve_profiles(loaded: LoadedAgreement) -> ProfileSet:
    """The profiles an agreement names; unknown names become located problems."""
    assert loaded.agreement is not None and loaded.source is not None
    known = builtin_profile_names()
    profiles: list[Profile] = []
    problems: list[Problem] = []
    for index, name in enumerate(loaded.agreement.profiles):
        if name not in known:
            problems.append(
                Problem(
                    loaded.source.location(("profil", index)),
                    RULE_UNKNOWN_PROFILE,
                    Severity.ERROR,
                    f"okänd regelprofil '{name}'; kända profiler: {', '.join(known)}",
                )
            )
            continue
        found = load_profile(name)
        if isinstance(found, Profile):
            profiles.append(found)
        else:
            problems.extend(found)
    return ProfileSet(tuple(profiles), tuple(problems))


def check_loaded(loaded: LoadedAgreement) -> list[Problem]:
    """Problems of an already loaded agreement: loading problems, then rule findings."""
    problems = list(loaded.problems)
    if loaded.agreement is not None and loaded.source is not None:
        profiles = resolve_profiles(loaded)
        problems.extend(profiles.problems)
        context = RuleContext(loaded, loaded.agreement, loaded.source, profiles)
        problems.extend(_apply_exceptions(loaded.agreement, run_rules(context)))
    return sorted_problems(problems)


def check_folder(folder: Path) -> tuple[LoadedAgreement, list[Problem]]:
    loaded = load_agreement(folder)
    return loaded, check_loaded(loaded)


def _apply_exceptions(agreement: Agreement, problems: Iterable[Problem]) -> Iterator[Problem]:
    """Findings of an excepted rule are kept, as info with the written reason."""
    reasons = {e.rule: e.reason for e in agreement.exceptions}
    for problem in problems:
        reason = reasons.get(problem.rule)
        if reason is None:
            yield problem
        else:
            message = f"{problem.message} (undantag: {reason})"
            yield replace(problem, severity=Severity.INFO, message=message)
