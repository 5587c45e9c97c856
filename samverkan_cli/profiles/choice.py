"""The profiles a document gets when neither it (`profil`) nor the repository
(`standardprofil` in samverkan.yaml) names any: chosen from its kind, its parties' kinds and
the day its term starts, by the rules in `val/profilval.yaml` (data, each with its source),
so that a kommun's agreement from 2023-07-01 is held to the law and a medborgarlöfte to
Brå's handbook without anyone having to say so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import Field

from samverkan_cli.model.base import Date, SourceModel
from samverkan_cli.model.document_kinds import DocumentKind
from samverkan_cli.source.yaml_source import read_yaml

CHOICE_FILE = Path("val") / "profilval.yaml"


class ChoiceRule(SourceModel):
    """One row of the choice: when it fits, and the profiles it gives, with its source."""

    document_kinds: list[DocumentKind] | None = Field(None, alias="dokumenttyper")
    party_kinds: list[list[str]] = Field(default_factory=list, alias="parter")
    """For each group, a party of one of its kinds (kommun, lokalpolisområde …)."""
    starts_from: Date | None = Field(None, alias="från")
    profiles: list[str] = Field(alias="profiler", min_length=1)
    source: str = Field(alias="källa", min_length=1)

    def fits(self, kind: DocumentKind, parties: set[str], start: dt.date | None) -> bool:
        if self.document_kinds is not None and kind not in self.document_kinds:
            return False
        if not all(parties & set(group) for group in self.party_kinds):
            return False
        return self.starts_from is None or start is None or start >= self.starts_from


class ProfileChoice(SourceModel):
    rules: list[ChoiceRule] = Field(alias="val", min_length=1)


@dataclass(frozen=True, slots=True)
class Chosen:
    """The profiles chosen and the rule that chose them."""

    profiles: tuple[str, ...]
    rule: ChoiceRule


@cache
def choice_rules() -> tuple[ChoiceRule, ...]:
    """The shipped rules, read once (a broken file is samverkan's own error)."""
    path = Path(str(resources.files("samverkan_cli") / "profiles")) / CHOICE_FILE
    return tuple(
        ProfileChoice.model_validate(read_yaml(path).data, by_alias=True, by_name=False).rules
    )


def choose_profiles(
    kind: DocumentKind, party_kinds: Iterable[str], start: dt.date | None
) -> Chosen | None:
    """The first rule that fits the document; None when none does."""
    parties = set(party_kinds)
    for choice in choice_rules():
        if choice.fits(kind, parties, start):
            return Chosen(tuple(choice.profiles), choice)
    return None
