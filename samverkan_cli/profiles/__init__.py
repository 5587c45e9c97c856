"""Rule profiles: what a governing framework requires, as data.

A profile names the sections an agreement must have, the forums it must organise and how
often they must meet at least, the bilagor it must list, and severity overrides per rule.
The Stockholm minima (styrgrupp 2, beredningsgrupp 4 a year) live here, not in the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from pydantic import Field, ValidationError

from samverkan_cli.model.agreement import ForumRole
from samverkan_cli.model.base import SourceModel
from samverkan_cli.model.bilaga import BilagaKind
from samverkan_cli.problems import Problem, Severity
from samverkan_cli.schema_errors import schema_problems
from samverkan_cli.yamlsource import YamlRefused, read_yaml

SectionId = str

SECTION_KEYS: dict[SectionId, str] = {
    "bakgrund": "background",
    "omfattning": "scope",
    "bilagor": "bilagor",
    "tid": "term",
    "organisation": "organisation",
    "samordning": "coordination",
    "lägesbild": "situation_picture",
    "uppdateringar": "updates",
    "information": "information",
    "exemplar": "copies",
    "underskrifter": "signing",
}
"""Section ids a profile may require, mapped to the Agreement attribute that holds them."""


class ForumRequirement(SourceModel):
    role: ForumRole = Field(alias="roll")
    required: bool = Field(False, alias="krävs")
    min_per_year: int | None = Field(None, alias="minst_per_år", ge=1)
    source: str | None = Field(None, alias="källa")


class Profile(SourceModel):
    id: str
    title: str = Field(alias="titel")
    source: str = Field(alias="källa")
    sections: list[SectionId] = Field(default_factory=list, alias="avsnitt")
    forums: list[ForumRequirement] = Field(default_factory=list, alias="forum")
    bilagor: list[BilagaKind] = Field(default_factory=list, alias="bilagor")
    severities: dict[str, Severity] = Field(default_factory=dict, alias="allvarlighet")


@dataclass(frozen=True, slots=True)
class ProfileSet:
    """The profiles an agreement names, read once and combined."""

    profiles: tuple[Profile, ...] = ()
    problems: tuple[Problem, ...] = field(default=())

    def severity(self, rule_id: str, default: Severity) -> Severity:
        for profile in reversed(self.profiles):
            if rule_id in profile.severities:
                return profile.severities[rule_id]
        return default


def builtin_profile_dir() -> Path:
    return Path(str(resources.files("samverkan_cli") / "profiles"))


def builtin_profile_names() -> list[str]:
    return sorted(p.stem for p in builtin_profile_dir().glob("*.yaml"))


_cache: dict[str, Profile | list[Problem]] = {}


def load_profile(name: str) -> Profile | list[Problem]:
    """A built-in profile by id, or the problems that stop it from loading."""
    if name not in _cache:
        _cache[name] = _read_profile(builtin_profile_dir() / f"{name}.yaml")
    return _cache[name]


def _read_profile(path: Path) -> Profile | list[Problem]:
    try:
        document = read_yaml(path)
    except YamlRefused as refused:
        return [refused.problem]
    try:
        profile = Profile.model_validate(document.data)
    except ValidationError as exc:
        return list(schema_problems(exc, document, Profile))
    unknown = [s for s in profile.sections if s not in SECTION_KEYS]
    if unknown:
        location = document.location(("avsnitt",))
        known = ", ".join(SECTION_KEYS)
        message = f"okända avsnitt {', '.join(unknown)}; kända avsnitt är {known}"
        return [Problem(location, "SV010", Severity.ERROR, message)]
    return profile
