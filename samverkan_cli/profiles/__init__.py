"""Rule profiles: what a governing framework requires, as data.
May import source, model, document and core.

A profile is a YAML file. The built-in ones ship in this folder; a repository can add or
override profiles in folders named by `samverkan.yaml` (`profilmappar`), which are searched
first. The Stockholm minima (styrgrupp 2, beredningsgrupp 4 a year) live here, not in code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from samverkan_cli.core.confinement import PathRefused, confined_file, is_plain_name
from samverkan_cli.core.portable_names import MAX_NAME_BYTES, name_bytes
from samverkan_cli.core.problems import Location, Problem, Severity
from samverkan_cli.profiles.in_force import in_force
from samverkan_cli.profiles.requirements import (
    SECTION_KEYS,
    CitizenPromisesRequirement,
    CoordinationRequirement,
    DocumentationRequirement,
    FollowUpRequirement,
    ForumRequirement,
    PartyRequirement,
    PlanRequirement,
    PriorityAreaRequirement,
    Profile,
    SignatoryRequirement,
    SituationRequirement,
    TermRequirement,
    UpdatesRequirement,
)
from samverkan_cli.source.schema_errors import schema_problems
from samverkan_cli.source.yaml_document import YamlRefused
from samverkan_cli.source.yaml_source import read_yaml

__all__ = [
    "SECTION_KEYS",
    "Profile",
    "ProfileLibrary",
    "ProfileSet",
    "builtin_profile_dir",
]


@dataclass(frozen=True, slots=True)
class ProfileSet:
    """The profiles an agreement names, combined, plus the repository's severity choices."""

    profiles: tuple[Profile, ...] = ()
    problems: tuple[Problem, ...] = field(default=())
    overrides: tuple[tuple[str, Severity], ...] = ()

    def verified(self) -> ProfileSet:
        """The same profiles with only the requirements verified against their source."""
        kept = []
        for profile in self.profiles:
            current, _ = in_force(profile, None, verified_only=True)
            assert current is not None  # without a start date nothing is deferred
            kept.append(current)
        return ProfileSet(tuple(kept), self.problems, self.overrides)

    def severity(self, rule_id: str, default: Severity) -> Severity:
        """Rule default, then each profile in order, then the repository's samverkan.yaml."""
        chosen = default
        for profile in self.profiles:
            chosen = profile.severities.get(rule_id, chosen)
        return dict(self.overrides).get(rule_id, chosen)

    @property
    def terms(self) -> list[TermRequirement]:
        return [p.term for p in self.profiles if p.term is not None]

    @property
    def situations(self) -> list[SituationRequirement]:
        return [p.situation for p in self.profiles if p.situation is not None]

    @property
    def plans(self) -> list[PlanRequirement]:
        return [p.plans for p in self.profiles if p.plans is not None]

    @property
    def follow_ups(self) -> list[FollowUpRequirement]:
        return [p.follow_up for p in self.profiles if p.follow_up is not None]

    @property
    def updates(self) -> list[UpdatesRequirement]:
        return [p.updates for p in self.profiles if p.updates is not None]

    @property
    def coordinations(self) -> list[CoordinationRequirement]:
        return [p.coordination for p in self.profiles if p.coordination is not None]

    @property
    def forums(self) -> list[ForumRequirement]:
        return [r for p in self.profiles for r in p.forums]

    @property
    def priority_areas(self) -> list[PriorityAreaRequirement]:
        return [p.priority_areas for p in self.profiles if p.priority_areas is not None]

    @property
    def documentations(self) -> list[DocumentationRequirement]:
        return [p.documentation for p in self.profiles if p.documentation is not None]

    @property
    def signatories(self) -> list[SignatoryRequirement]:
        return [r for p in self.profiles for r in p.signatories]

    @property
    def parties(self) -> list[PartyRequirement]:
        return [p.parties for p in self.profiles if p.parties is not None]

    @property
    def citizen_promises(self) -> list[CitizenPromisesRequirement]:
        return [p.citizen_promises for p in self.profiles if p.citizen_promises is not None]


def builtin_profile_dir() -> Path:
    return Path(str(resources.files("samverkan_cli") / "profiles"))


_cache: dict[tuple[Path, int, int], Profile | list[Problem]] = {}
"""Profiles read in this process, by path, modification time and size: a profile edited
while `build --bevaka` runs is read again."""


@dataclass(frozen=True, slots=True)
class ProfileLibrary:
    """Where profiles are found: the repository's folders first, then the built-in ones."""

    folders: tuple[Path, ...] = ()
    root: Path | None = None
    """The repository: a profile file in its folders must resolve inside it."""

    def search_path(self) -> list[Path]:
        return [*self.folders, builtin_profile_dir()]

    def names(self) -> list[str]:
        return sorted({p.stem for d in self.search_path() if d.is_dir() for p in d.glob("*.yaml")})

    def load(self, name: str) -> Profile | list[Problem] | None:
        """The profile called `name`, the problems that stop it loading, or None if unknown
        (also when `name` is not a plain name: a profile id is never a path)."""
        if not is_plain_name(name) or name_bytes(f"{name}.yaml") > MAX_NAME_BYTES:
            return None  # no file system holds that name: unknown, not an OSError
        for folder in self.search_path():
            path = folder / f"{name}.yaml"
            if path.is_file() or path.is_symlink():
                if folder in self.folders and self.root is not None:
                    try:
                        confined_file(path, self.root)
                    except PathRefused as refused:
                        message = refused.swedish(f"profilen {name}.yaml")
                        shown = Location.start_of(_shown(path, self.root))
                        return [Problem(shown, refused.rule, Severity.ERROR, message)]
                stat = path.stat()
                key = (path.resolve(), stat.st_mtime_ns, stat.st_size)
                if key not in _cache:
                    _cache[key] = _read_profile(path, name)
                return _cache[key]
        return None


def _read_profile(path: Path, name: str) -> Profile | list[Problem]:
    try:
        document = read_yaml(path)
    except YamlRefused as refused:
        return [refused.problem]
    try:
        profile = Profile.model_validate(document.data, by_alias=True, by_name=False)
    except ValidationError as exc:
        return list(schema_problems(exc, document, Profile))
    problems: list[Problem] = []
    unknown = [s for s in profile.sections if s not in SECTION_KEYS]
    if unknown:
        known = ", ".join(SECTION_KEYS)
        message = f"okända avsnitt {', '.join(unknown)}; kända avsnitt är {known}"
        problems.append(Problem(document.location(("avsnitt",)), "SV010", Severity.ERROR, message))
    if profile.id != name:
        message = f"profilens id '{profile.id}' ska vara filens namn '{name}'"
        problems.append(Problem(document.location(("id",)), "SV010", Severity.ERROR, message))
    return problems or profile


def _shown(path: Path, root: Path) -> str:
    """A repository profile's path as messages show it: relative to the repository."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
