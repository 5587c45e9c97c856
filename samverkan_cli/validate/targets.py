"""Which agreement folders the paths given to `samverkan validate` stand for.

pre-commit passes the files a commit changes, so a path may be a file:

- a file in an agreement folder (`agreements/järva/bilagor/x.docx`) stands for that agreement;
- `samverkan.yaml` and a file in a profile folder (`profilmappar`) stand for every agreement:
  any of them may use a profile (chosen by name, or from kind, parties and date), so only
  checking them all is exact;
- any other file (`README.md`, `agreements/LÄSMIG.md`) stands for none: it is skipped with
  a one-line note, so a hook whose `files:` pattern is wider than needed never fails on it;
- a path that no longer exists (a deleted bilaga) stands for its agreement while that
  folder exists; when the agreement itself is gone there is nothing to check (a note says so).

A folder is an agreement (or `agreements/`: all of them) and a bare word is an agreement's
name, as before. Each agreement is checked once, in the order first named.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from samverkan_cli.check.settings import CONFIG_FILE
from samverkan_cli.core.confinement import PathRefused, resolve_path
from samverkan_cli.core.errors import UsageError
from samverkan_cli.source.repository import (
    AGREEMENT_FILE,
    AGREEMENTS_DIR,
    Repository,
    find_repository,
)

_YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(slots=True)
class Targets:
    """The agreement folders to check, and a note (Swedish) for each path that named none."""

    folders: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    _seen: set[str] = field(default_factory=set)

    def add(self, folders: Sequence[Path]) -> None:
        for folder in folders:
            key = _key(folder)
            if key not in self._seen:
                self._seen.add(key)
                self.folders.append(folder)


def validation_targets(
    cwd: Path, paths: Sequence[str], root: Path | None, profile_folders: Sequence[Path]
) -> Targets:
    """The agreements `paths` stand for (every agreement of the repository when there are
    none). `root` is the repository of the working directory, `profile_folders` its
    `profilmappar` (resolved). A folder that is not an agreement or an unknown name is a
    UsageError, as it always was."""
    targets = Targets()
    if not paths:
        targets.add(find_repository(cwd).agreement_folders())
        return targets
    for raw in paths:
        path = Path(raw) if Path(raw).is_absolute() else cwd / raw
        if path.is_dir():
            targets.add(_folder(path, raw))
        elif path.exists() or path.is_symlink() or _looks_like_a_path(raw):
            _file(path, raw, root, profile_folders, targets)
        else:
            targets.add([find_repository(cwd).resolve(raw)])
    return targets


def _folder(path: Path, raw: str) -> list[Path]:
    if (path / AGREEMENT_FILE).is_file():
        return [path]
    if path.name == AGREEMENTS_DIR:
        return Repository(path.parent).agreement_folders()
    raise UsageError(f"{raw} är ingen överenskommelse (mappen saknar {AGREEMENT_FILE})")


def _file(
    path: Path,
    raw: str,
    root: Path | None,
    profile_folders: Sequence[Path],
    targets: Targets,
) -> None:
    """A file (or a path that is gone): its agreement, every agreement, or a note."""
    absolute = Path(os.path.abspath(path))  # lexical: a link in agreements/ stays itself
    agreements = _agreements_dir_above(absolute)
    if agreements is not None:
        parts = absolute.relative_to(agreements).parts
        if len(parts) == 1 and not (absolute.exists() or absolute.is_symlink()):
            # `agreements/namn` that does not exist: a mistyped agreement, as before
            targets.add([Repository(agreements.parent).resolve(raw)])
            return
        if len(parts) == 1 or parts[0].startswith("."):
            targets.notes.append(f"{raw} hör inte till någon överenskommelse och hoppas över")
            return
        folder = agreements / parts[0]
        if folder.is_dir() or folder.is_symlink():
            targets.add([folder])
        else:
            targets.notes.append(
                f"{raw}: överenskommelsen {parts[0]} finns inte längre; inget att kontrollera"
            )
        return
    whole = _repository_it_configures(absolute, root, profile_folders)
    if whole is not None:
        targets.add(Repository(whole).agreement_folders())
        return
    targets.notes.append(f"{raw} hör inte till någon överenskommelse och hoppas över")


def _agreements_dir_above(path: Path) -> Path | None:
    """The nearest `agreements/` folder that `path` lies in, if any."""
    for parent in path.parents:
        if parent.name == AGREEMENTS_DIR and parent.is_dir():
            return parent
    return None


def _repository_it_configures(
    path: Path, root: Path | None, profile_folders: Sequence[Path]
) -> Path | None:
    """The repository whose every agreement `path` may change: it is its samverkan.yaml or
    lies in one of its profile folders."""
    if path.name == CONFIG_FILE and (path.parent / AGREEMENTS_DIR).is_dir():
        return path.parent
    if root is None:
        return None
    try:
        resolved = resolve_path(path)
    except PathRefused:  # a loop: compared as written
        resolved = path
    for folder in profile_folders:
        if resolved.is_relative_to(folder) or path.is_relative_to(folder):
            return root
    return None


def _looks_like_a_path(raw: str) -> bool:
    """A path that does not exist (a deleted file) rather than an agreement's name."""
    separators = {"/", os.sep, os.altsep or "/"}
    return any(s in raw for s in separators) or raw.casefold().endswith(_YAML_SUFFIXES)


def _key(folder: Path) -> str:
    return unicodedata.normalize("NFC", os.path.normcase(os.path.abspath(folder)))
