"""Read an agreement folder into validated models, collecting located problems.

Loading never stops at the first problem in a file set: the agreement and every bilaga
file are read, so one run shows the user everything that must be fixed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ConfigDict, TypeAdapter, ValidationError

from samverkan_cli.core.confinement import (
    RULE_UNREADABLE_PATH,
    Confinement,
    PathRefused,
    confine,
    confined_file,
    resolve_path,
)
from samverkan_cli.core.problems import Location, Problem, Severity
from samverkan_cli.model import Agreement, BilagaContent
from samverkan_cli.model.committee_report import Report
from samverkan_cli.model.translation import Translation, translation_code
from samverkan_cli.source.bilaga_inspection import FileKind, kind_of
from samverkan_cli.source.repository import AGREEMENT_FILE, AGREEMENTS_DIR, REPORT_FILE
from samverkan_cli.source.schema_errors import schema_problems
from samverkan_cli.source.unsafe_names import unsafe_bilaga_problems, unsafe_folder_problems
from samverkan_cli.source.yaml_document import YamlDocument, YamlRefused
from samverkan_cli.source.yaml_limits import ReadBudget
from samverkan_cli.source.yaml_source import read_yaml

RULE_MISSING_FILE = "SV011"
RULE_UNREADABLE = "SV012"

T = TypeVar("T")

_AGREEMENT: TypeAdapter[Agreement] = TypeAdapter(Agreement)
_BILAGA: TypeAdapter[Any] = TypeAdapter(BilagaContent, config=ConfigDict(defer_build=True))
"""Built on first use, as the models are (`model.base`): an agreement without bilaga files
never builds the validators of every kind of bilaga."""
_REPORT: TypeAdapter[Report] = TypeAdapter(Report)
_TRANSLATION: TypeAdapter[Translation] = TypeAdapter(Translation)


@dataclass(slots=True)
class LoadedBilaga:
    document: YamlDocument
    model: Any
    """One of the models in `model.bilagor`, chosen by the file's `typ`."""


@dataclass(slots=True)
class LoadedTranslation:
    document: YamlDocument
    model: Translation


@dataclass(slots=True)
class LoadedAgreement:
    """An agreement folder as read: models where they validated, problems where not."""

    folder: Path
    name: str
    source: YamlDocument | None = None
    agreement: Agreement | None = None
    bilagor: dict[str, LoadedBilaga] = field(default_factory=dict)
    report: Report | None = None
    report_source: YamlDocument | None = None
    translations: dict[str, LoadedTranslation] = field(default_factory=dict)
    """Language code (from the file name `oversattning.<kod>.yaml`) → the translation."""
    problems: list[Problem] = field(default_factory=list)

    @property
    def agreement_path(self) -> Path:
        return self.folder / AGREEMENT_FILE


def load_agreement(folder: Path, root: Path | None = None) -> LoadedAgreement:
    """Read `overenskommelse.yaml` and every bilaga file it lists. Nothing is read through a
    path that resolves outside the repository `root` (by default the folder that holds
    `agreements/`), and bilaga files must lie inside the agreement's own folder; a link out,
    a link loop or an unreadable folder is a located problem of this agreement alone."""
    loaded = LoadedAgreement(folder=folder, name=unicodedata.normalize("NFC", folder.name))
    if refused_names := unsafe_folder_problems(folder):  # SV016: names that forge output
        loaded.problems.extend(refused_names)
        return loaded
    try:
        _load_into(loaded, root if root is not None else repository_of(folder))
    except PathRefused as refused:
        shown = Location.start_of(display_path(refused.path))
        what = "mappen" if refused.path == folder else refused.path.name
        loaded.problems.append(Problem(shown, refused.rule, Severity.ERROR, refused.swedish(what)))
    except OSError as exc:
        message = f"mappen kan inte läsas: {exc.strerror or exc}"
        where = Location.start_of(display_path(folder))
        loaded.problems.append(Problem(where, RULE_UNREADABLE_PATH, Severity.ERROR, message))
    loaded.problems.extend(unsafe_bilaga_problems(loaded))  # SV016 for each bilaga's `fil`
    return loaded


def repository_of(folder: Path) -> Path:
    """The repository an agreement folder belongs to: the folder holding `agreements/` (an
    agreement given by path elsewhere is confined to the folder it lies in)."""
    parent = folder.absolute().parent
    return parent.parent if parent.name == AGREEMENTS_DIR else parent


def _load_into(loaded: LoadedAgreement, root: Path) -> None:
    folder = loaded.folder
    confine(folder, root)
    path = loaded.agreement_path
    if not path.is_file() and not path.is_symlink():
        loaded.problems.append(
            Problem(
                Location.start_of(display_path(folder)),
                RULE_MISSING_FILE,
                Severity.ERROR,
                f"mappen saknar filen {AGREEMENT_FILE}",
            )
        )
        return
    confined_file(path, folder)
    budget = ReadBudget()  # SV017: what all the agreement's files may hold together
    result = _read_model(path, _AGREEMENT, Agreement, loaded.problems, budget)
    if result is None:
        return
    loaded.source, loaded.agreement = result
    report_path = folder / REPORT_FILE
    if report_path.is_file() or report_path.is_symlink():
        confined_file(report_path, folder)
        report = _read_model(report_path, _REPORT, Report, loaded.problems, budget)
        if report is not None:
            loaded.report_source, loaded.report = report
    if loaded.agreement.bilagor is not None:
        inside = Confinement(folder)  # the folder resolved once for all its bilaga files
        for entry in loaded.agreement.bilagor.entries:
            bilaga_path = locate_file(folder, entry.file) if entry.file else None
            if bilaga_path is None or kind_of(bilaga_path.name) is not FileKind.YAML:
                continue  # .docx and .pdf are included when built; others refused (SV161)
            if not inside.holds(bilaga_path) or not bilaga_path.is_file():
                continue  # the bilaga rule (SV106) reports it, at the entry's line
            bilaga = _read_model(bilaga_path, _BILAGA, BilagaContent, loaded.problems, budget)
            if bilaga is not None:
                loaded.bilagor[entry.id] = LoadedBilaga(*bilaga)
    _load_translations(loaded, budget)


def _load_translations(loaded: LoadedAgreement, budget: ReadBudget) -> None:
    """Every `oversattning.<kod>.yaml` in the folder, in name order (an unknown code is
    refused by the translation rules, which list the known ones)."""
    folder = loaded.folder
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        code = translation_code(unicodedata.normalize("NFC", path.name))
        if code is None or not (path.is_file() or path.is_symlink()):
            continue
        confined_file(path, folder)
        read = _read_model(path, _TRANSLATION, Translation, loaded.problems, budget)
        if read is not None:
            loaded.translations[code] = LoadedTranslation(*read)


def _read_model(
    path: Path,
    adapter: TypeAdapter[T],
    shape: Any,
    problems: list[Problem],
    budget: ReadBudget,
) -> tuple[YamlDocument, T] | None:
    shown = display_path(path)
    try:
        document = read_yaml(path, shown, budget)
    except YamlRefused as refused:
        problems.append(refused.problem)
        return None
    except OSError as exc:
        message = f"filen kan inte läsas: {exc.strerror or exc}"
        problems.append(Problem(Location.start_of(shown), RULE_UNREADABLE, Severity.ERROR, message))
        return None
    try:
        return document, adapter.validate_python(document.data, by_alias=True, by_name=False)
    except ValidationError as exc:
        problems.extend(schema_problems(exc, document, shape))
        return None


def locate_file(folder: Path, relative: str) -> Path:
    """`folder / relative`, also when the name on disk is in another Unicode form (macOS
    stores "ä" decomposed, NFD; a YAML file written elsewhere has it composed, NFC)."""
    direct = folder / relative
    if direct.exists():
        return direct
    current = folder
    for part in Path(relative).parts:
        wanted = unicodedata.normalize("NFC", part)
        if not current.is_dir():
            return direct
        match = next(
            (c for c in current.iterdir() if unicodedata.normalize("NFC", c.name) == wanted), None
        )
        if match is None:
            return direct
        current = match
    return current


def inside_folder(path: Path, folder: Path) -> bool:
    """True when `path`, links resolved, lies inside `folder` (a loop never does)."""
    return Confinement(folder).holds(path)


def display_path(path: Path) -> str:
    """A path as shown in messages: relative to the working directory when possible. Its
    last step is not followed when it is a link (the message names the link, never where
    it leads), and a loop is shown as written."""
    try:
        shown = resolve_path(path.parent) / path.name if path.name else resolve_path(path)
        return str(shown.relative_to(resolve_path(Path.cwd())))
    except (ValueError, PathRefused):
        return str(path)
