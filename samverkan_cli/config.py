"""Repository settings in `samverkan.yaml` at the repository root (optional).

    standardprofil: stockholm-lokal-2023   # for agreements that name no profile
    profilmappar: [profiler]               # folders with the repository's own profiles
    allvarlighet: {SV108: varning}         # severities the repository chooses per rule
    referens: mallar/kommunens-profil.docx # the styles of the DOCX (graphic profile)
    publicering:                           # `build --publik`: what the public version hides
      behåll_namn: [Anna Andersson]        # names that stay besides the signatories'
      ta_bort: [telefon, epost, namn]      # the default: all three

Without the file the defaults below apply; a broken file is reported as located problems
(rule SV014) and the defaults are used, so every other problem is still reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from samverkan_cli.model.agreement import DEFAULT_PROFILE
from samverkan_cli.model.base import SourceModel
from samverkan_cli.problems import Problem, Severity
from samverkan_cli.profiles import ProfileLibrary
from samverkan_cli.schema_errors import schema_problems
from samverkan_cli.yamlsource import YamlRefused, read_yaml

CONFIG_FILE = "samverkan.yaml"
RULE_CONFIG = "SV014"


RedactionKind = Literal["telefon", "epost", "namn"]
"""What `build --publik` can remove: phone numbers, e-mail addresses, officials' names."""
REDACTION_KINDS: tuple[RedactionKind, ...] = ("telefon", "epost", "namn")


class PublicationSettings(SourceModel):
    """`publicering:` what the public version (`build --publik`) replaces by a marker."""

    keep_names: list[str] = Field(default_factory=list, alias="behåll_namn")
    """Names that stay, besides the signatories' (parties, förord, tjänsteutlåtande)."""
    remove: list[RedactionKind] = Field(
        default_factory=lambda: list(REDACTION_KINDS), alias="ta_bort"
    )


class RepositorySettings(SourceModel):
    default_profile: str = Field(DEFAULT_PROFILE, alias="standardprofil", min_length=1)
    profile_folders: list[str] = Field(default_factory=list, alias="profilmappar")
    severities: dict[str, Severity] = Field(default_factory=dict, alias="allvarlighet")
    reference: str | None = Field(None, alias="referens")
    """A .docx whose styles the documents are written in (relative to the repository)."""
    publication: PublicationSettings = Field(
        default_factory=PublicationSettings, alias="publicering"
    )


@dataclass(frozen=True, slots=True)
class RepositoryConfig:
    """The settings as used, the profile library they describe, and any problems."""

    settings: RepositorySettings = field(default_factory=RepositorySettings)
    library: ProfileLibrary = field(default_factory=ProfileLibrary)
    problems: tuple[Problem, ...] = ()


def load_config(root: Path | None) -> RepositoryConfig:
    """Read `samverkan.yaml` under `root`; defaults when there is none."""
    if root is None or not (root / CONFIG_FILE).is_file():
        return RepositoryConfig()
    path = root / CONFIG_FILE
    try:
        document = read_yaml(path, CONFIG_FILE)
    except YamlRefused as refused:
        return RepositoryConfig(problems=(_as_config_problem(refused.problem),))
    try:
        settings = RepositorySettings.model_validate(document.data)
    except ValidationError as exc:
        problems = tuple(
            _as_config_problem(p) for p in schema_problems(exc, document, RepositorySettings)
        )
        return RepositoryConfig(problems=problems)
    found: list[Problem] = []
    folders = []
    for index, name in enumerate(settings.profile_folders):
        folder = (root / name).resolve()
        if not folder.is_dir():
            message = f"profilmappen '{name}' finns inte"
            location = document.location(("profilmappar", index))
            found.append(Problem(location, RULE_CONFIG, Severity.ERROR, message))
        folders.append(folder)
    return RepositoryConfig(settings, ProfileLibrary(tuple(folders)), tuple(found))


def _as_config_problem(problem: Problem) -> Problem:
    return Problem(problem.location, RULE_CONFIG, problem.severity, problem.message)
