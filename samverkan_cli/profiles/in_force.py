"""Which of a profile's requirements apply to one document: those in force on the day its
term starts (`gäller_från`, the requirement's own or its profile's), and, for the checks
that may fail a document, only those verified against their source (`verifierad`).

A document without a term start is held to every requirement: nothing says it is older.
Only the requirements for the document's kind (`dokumenttyper`) apply (`for_kind`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from samverkan_cli.model.document_kinds import DocumentKind
from samverkan_cli.profiles.requirements import Profile, Requirement

REQUIREMENT_FIELDS = (
    "forums",
    "term",
    "situation",
    "plans",
    "follow_up",
    "updates",
    "coordination",
    "priority_areas",
    "documentation",
    "signatories",
    "parties",
    "citizen_promises",
    "operative_plan",
)
"""The fields of a profile that hold requirements (one, or a list of them)."""


@dataclass(frozen=True, slots=True)
class Deferred:
    """A requirement not yet in force for a document: the profile's key and its date."""

    key: str
    applies_from: dt.date


def applies_from(requirement: Requirement, profile: Profile) -> dt.date | None:
    """The first term start the requirement applies to: its own date, else its profile's."""
    return requirement.applies_from or profile.applies_from


def is_verified(requirement: Requirement, profile: Profile) -> bool:
    """The requirement's own word on it, else its profile's."""
    return profile.verified if requirement.verified is None else requirement.verified


def in_force(
    profile: Profile, start: dt.date | None, *, verified_only: bool = False
) -> tuple[Profile | None, list[Deferred]]:
    """The profile cut to what applies to a document whose term starts on `start`, and what
    was left out because it is not yet in force; None when the profile itself is not. With
    `verified_only`, unverified requirements are left out too (they are not `Deferred`)."""
    if _later(profile.applies_from, start):
        assert profile.applies_from is not None
        return None, [Deferred("", profile.applies_from)]
    deferred: list[Deferred] = []

    def kept(requirement: Requirement, key: str) -> bool:
        since = applies_from(requirement, profile)
        if _later(since, start):
            assert since is not None
            deferred.append(Deferred(key, since))
            return False
        return not verified_only or is_verified(requirement, profile)

    update: dict[str, object] = {}
    for name in REQUIREMENT_FIELDS:
        value = getattr(profile, name)
        key = Profile.model_fields[name].alias or name
        if isinstance(value, list):
            update[name] = [r for r in value if kept(r, key)]
        elif value is not None and not kept(value, key):
            update[name] = None
    if verified_only and not profile.verified:
        update["sections"], update["bilagor"] = [], []
    return profile.model_copy(update=update), deferred


def for_kind(profile: Profile, kind: DocumentKind) -> Profile | None:
    """The profile cut to the requirements that apply to a document of `kind`; None when the
    profile does not apply to that kind at all (a medborgarlöfte is never checked as an
    agreement unless a profile says so)."""
    if kind not in profile.document_kinds:
        return None
    update: dict[str, object] = {}
    for name in REQUIREMENT_FIELDS:
        value = getattr(profile, name)
        if isinstance(value, list):
            update[name] = [r for r in value if _for(r, kind)]
        elif value is not None and not _for(value, kind):
            update[name] = None
    return profile.model_copy(update=update)


def _for(requirement: Requirement, kind: DocumentKind) -> bool:
    return requirement.document_kinds is None or kind in requirement.document_kinds


def _later(since: dt.date | None, start: dt.date | None) -> bool:
    return since is not None and start is not None and start < since
