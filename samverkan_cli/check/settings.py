"""Repository settings in `samverkan.yaml` at the repository root (optional).

    standardprofil: stockholm-lokal-2023   # for agreements that name no profile (without
                                           # it: chosen from kind, parties and date)
    profilmappar: [profiler]               # folders with the repository's own profiles
    allvarlighet: {SV108: varning}         # severities the repository chooses per rule
    referens: mallar/kommunens-profil.docx # the styles of the DOCX (graphic profile)
    publicering:                           # `build --publik`: what the public version hides
      ta_bort: [telefon, epost, namn]      # the default: all three (personnummer always)
      behåll_namn: [Anna Andersson]        # names that stay
      behåll_undertecknare: false          # true: the signatories' names stay
      ta_bort_namn: [Lena Holmqvist]       # names removed besides the data's people
      behåll_adresser: [trygghet@exempel.se, felanmalan@]  # functional mailboxes kept
      behåll_nummer: ["0651-180 00"]       # switchboards kept, besides those marked växel

Without the file the defaults below apply; a broken file is reported as located problems
(rule SV014) and the defaults are used, so every other problem is still reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationError, field_validator

from samverkan_cli.core.confinement import (
    PathRefused,
    confine,
    confined_file,
    is_plain_name,
    is_relative_inside,
)
from samverkan_cli.core.problems import Location, Problem, Severity
from samverkan_cli.model.base import Boolean, SchemaKeywords, SourceModel, swedish_error
from samverkan_cli.profiles import ProfileLibrary
from samverkan_cli.source.schema_errors import schema_problems
from samverkan_cli.source.yaml_document import YamlRefused
from samverkan_cli.source.yaml_source import read_yaml

CONFIG_FILE = "samverkan.yaml"
RULE_CONFIG = "SV014"


RedactionKind = Literal["telefon", "epost", "namn"]
"""What `build --publik` can be told to leave (by leaving it out of `ta_bort`): phone numbers,
e-mail addresses, people's names. Personnummer are always removed."""
REDACTION_KINDS: tuple[RedactionKind, ...] = ("telefon", "epost", "namn")


_KEPT_ADDRESS_AROUND = r"^\s*[^@\s]+@(?:[^@\s]+\.[^@\s]+)?\s*$"
"""`_KEPT_ADDRESS` (below) as the schema checks it: the spaces around are stripped first."""


class PublicationSettings(SourceModel):
    """`publicering:` what the public version (`build --publik`) replaces by a marker."""

    keep_names: list[str] = Field(default_factory=list, alias="behåll_namn")
    """Names that stay (a person of the data, or a name the scan took for one)."""
    keep_signatories: Boolean = Field(False, alias="behåll_undertecknare")
    """True: the signatories' names (parties, förord, tjänsteutlåtande) stay."""
    remove_names: list[str] = Field(default_factory=list, alias="ta_bort_namn")
    """Names removed besides the people of the data (a name written only in prose)."""
    keep_addresses: list[Annotated[str, SchemaKeywords(pattern=_KEPT_ADDRESS_AROUND)]] = Field(
        default_factory=list, alias="behåll_adresser"
    )
    """Functional addresses kept besides the default list: whole, or a local part and "@"."""
    keep_numbers: list[str] = Field(default_factory=list, alias="behåll_nummer")
    """Switchboard numbers kept besides those the data or the text marks as växel."""
    remove: list[RedactionKind] = Field(
        default_factory=lambda: list(REDACTION_KINDS), alias="ta_bort"
    )

    @field_validator("keep_addresses")
    @classmethod
    def _addresses(cls, value: list[str]) -> list[str]:
        for address in value:
            if not _KEPT_ADDRESS.match(address):
                raise swedish_error(
                    f"'{address}' är ingen e-postadress; skriv hela adressen "
                    "(trygghet@exempel.se) eller början och @ (felanmalan@)"
                )
        return value

    @field_validator("keep_numbers")
    @classmethod
    def _numbers(cls, value: list[str]) -> list[str]:
        from samverkan_cli.core.phone_numbers import normalised_number

        for number in value:
            if normalised_number(number) is None:
                raise swedish_error(
                    f"'{number}' är inget svenskt telefonnummer; skriv det med riktnummer "
                    'inom citattecken, till exempel "0651-180 00" eller "+46 8 508 000 00"'
                )
        return value

    @property
    def kept_numbers(self) -> frozenset[str]:
        """`behåll_nummer` as E.164 numbers."""
        from samverkan_cli.core.phone_numbers import normalised_number

        return frozenset(n for n in map(normalised_number, self.keep_numbers) if n)

    @property
    def kept_addresses(self) -> frozenset[str]:
        from samverkan_cli.core.folding import fold

        return frozenset(fold(address) for address in self.keep_addresses)


_KEPT_ADDRESS = re.compile(r"^[^@\s]+@(?:[^@\s]+\.[^@\s]+)?$")


class RepositorySettings(SourceModel):
    default_profile: str | None = Field(None, alias="standardprofil", min_length=1)
    """None: a document without `profil` gets profiles chosen from its kind, parties and
    date (profiles/choice.py)."""
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
    """Read `samverkan.yaml` under `root`; defaults when there is none. Every folder and
    file it names must lie inside the repository: `profilmappar` and `referens` are relative
    paths without `..`, and links out of the repository are refused (rule SV014)."""
    if root is None:
        return RepositoryConfig()
    path = root / CONFIG_FILE
    library = ProfileLibrary(root=root)
    if not path.is_file() and not path.is_symlink():
        return RepositoryConfig(library=library)
    try:
        confined_file(path, root)
        document = read_yaml(path, CONFIG_FILE)
    except PathRefused as refused:
        problem = Problem(
            Location.start_of(CONFIG_FILE),
            RULE_CONFIG,
            Severity.ERROR,
            refused.swedish(CONFIG_FILE),
        )
        return RepositoryConfig(library=library, problems=(problem,))
    except YamlRefused as refused:
        return RepositoryConfig(library=library, problems=(_as_config_problem(refused.problem),))
    except OSError as exc:
        message = f"filen kan inte läsas: {exc.strerror or exc}"
        problem = Problem(Location.start_of(CONFIG_FILE), RULE_CONFIG, Severity.ERROR, message)
        return RepositoryConfig(library=library, problems=(problem,))
    try:
        settings = RepositorySettings.model_validate(document.data, by_alias=True, by_name=False)
    except ValidationError as exc:
        problems = tuple(
            _as_config_problem(p) for p in schema_problems(exc, document, RepositorySettings)
        )
        return RepositoryConfig(library=library, problems=problems)
    found: list[Problem] = []
    folders = []
    for index, name in enumerate(settings.profile_folders):
        location = document.location(("profilmappar", index))
        folder = _inside(root, name, f"profilmappen '{name}'", location, found)
        if folder is None:
            continue
        if not folder.is_dir():
            message = f"profilmappen '{name}' finns inte"
            found.append(Problem(location, RULE_CONFIG, Severity.ERROR, message))
        folders.append(folder)
    if settings.reference is not None:
        location = document.location(("referens",))
        what = f"referensdokumentet '{settings.reference}'"
        if _inside(root, settings.reference, what, location, found) is None:
            settings = settings.model_copy(update={"reference": None})
    if settings.default_profile is not None and not is_plain_name(settings.default_profile):
        message = f"standardprofilen '{settings.default_profile}' ska vara ett namn, ingen sökväg"
        found.append(
            Problem(document.location(("standardprofil",)), RULE_CONFIG, Severity.ERROR, message)
        )
    library = ProfileLibrary(tuple(folders), root=root)
    return RepositoryConfig(settings, library, tuple(found))


def _inside(
    root: Path, name: str, what: str, location: Location, found: list[Problem]
) -> Path | None:
    """`root / name` resolved, when `name` is a relative path that stays in the repository;
    otherwise a located problem in `found` and None."""
    if not is_relative_inside(name):
        message = f"{what} ska vara en relativ sökväg inom repositoriet (utan '..')"
        found.append(Problem(location, RULE_CONFIG, Severity.ERROR, message))
        return None
    try:
        return confine(root / name, root)
    except PathRefused as refused:
        found.append(Problem(location, RULE_CONFIG, Severity.ERROR, refused.swedish(what)))
        return None


def _as_config_problem(problem: Problem) -> Problem:
    return Problem(problem.location, RULE_CONFIG, problem.severity, problem.message)
