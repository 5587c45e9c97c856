"""Atomic output: every file is written to a temporary name beside its target and renamed
into place only when all of them were written, so a failed run leaves earlier output whole.
Should a rename fail when others were done, those are undone from links to the earlier files."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from samverkan_cli.errors import OutputError


def write_files_atomically(files: Mapping[Path, bytes]) -> list[Path]:
    """Write all files or none of them; returns the paths written."""
    temporaries: dict[Path, Path] = {}
    earlier: dict[Path, Path | None] = {}  # target -> a link to its earlier file, if it had one
    try:
        for target, content in files.items():
            _prepare_folder(target.parent)
            if target.is_dir():
                raise OutputError(f"kan inte skriva {target}: det är en mapp")
            temporaries[target] = _write_temporary(target, content)
        for target, temporary in temporaries.items():
            earlier[target] = _keep_earlier(target)
            os.replace(temporary, target)
    except BaseException as exc:  # Ctrl+C between two renames also puts the earlier back
        _restore(earlier)
        if not isinstance(exc, OSError):
            raise
        raise OutputError(
            f"kan inte skriva utdata: {exc.strerror or exc} ({exc.filename})"
        ) from None
    finally:
        for temporary in [*temporaries.values(), *filter(None, earlier.values())]:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
    return list(files)


def _keep_earlier(target: Path) -> Path | None:
    """A second name for the target's earlier file (a hard link, or a copy where links are
    not possible), so that it can be put back; None when there was no earlier file."""
    if not target.is_file():
        return None
    kept = target.with_name(f".{target.name}.{secrets.token_hex(6)}.old")
    try:
        os.link(target, kept)
    except OSError:
        shutil.copy2(target, kept)
    return kept


def _restore(earlier: dict[Path, Path | None]) -> None:
    """Put back what the renames so far replaced; a target that had no earlier file goes."""
    for target, kept in earlier.items():
        with contextlib.suppress(OSError):
            if kept is None:
                target.unlink()
            else:
                os.replace(kept, target)


def _prepare_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"kan inte skriva till {folder}: det är en fil, inte en mapp")
    folder.mkdir(parents=True, exist_ok=True)


def _write_temporary(target: Path, content: bytes) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary
