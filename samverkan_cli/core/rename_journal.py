"""The journal of an atomic write's renames, and finishing what a killed write left.

`atomic` lists a folder's renames in `.samverkan-utdata.journal` before it does them; the
next write into the folder (or the next build) reads it back, rolls it forward or back, and
removes the temporaries of our own patterns that no journal lists.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from samverkan_cli.core.errors import OutputError
from samverkan_cli.core.folder_lock import LOCK_NAME
from samverkan_cli.core.os_failures import failure

JOURNAL_NAME = ".samverkan-utdata.journal"
"""Renames to do: a journal found is rolled forward."""
ROLLBACK_NAME = ".samverkan-utdata.rollback"
"""The same list while the earlier files are being put back: found, it is rolled back."""
JOURNAL_LIMIT = 1 << 20
"""Bytes of journal read at most: ours list a few dozen names, a larger one is not ours."""
NAME_ROOM = 200
"""Bytes of a target's name kept in its temporaries' names, so that they stay within the
255 bytes a file name may have, however long the target's."""

_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp", re.DOTALL)
_EARLIER = re.compile(r"\..+\.[0-9a-f]{12}\.old", re.DOTALL)


@dataclass(slots=True)
class Rename:
    target: Path
    temporary: Path
    earlier: Path | None = None
    """A second name for the target's earlier file; None when it had none."""


def undo(plan: Sequence[Rename]) -> bool:
    """Put each renamed target back as it was (a step whose temporary is still there was not
    renamed); False when one could not be. Safe to repeat: an earlier file already put back
    is no longer there to move."""
    complete = True
    for step in plan:
        try:
            if os.path.lexists(step.temporary):
                continue
            if step.earlier is None:
                step.target.unlink(missing_ok=True)
            elif os.path.lexists(step.earlier):
                os.replace(step.earlier, step.target)
        except OSError:
            complete = False
    return complete


def _redo(plan: Sequence[Rename]) -> None:
    """Do the renames a killed run had not done yet; those done show as missing temporaries."""
    for step in plan:
        try:
            mode = os.lstat(step.temporary).st_mode
        except FileNotFoundError:
            continue
        if stat.S_ISREG(mode):
            os.replace(step.temporary, step.target)


def recover(folder: Path) -> None:
    """With the folder locked: finish a killed run's journal, then remove our leftovers."""
    rollback, journal = folder / ROLLBACK_NAME, folder / JOURNAL_NAME
    rolling_back = os.path.lexists(rollback)
    if rolling_back and not undo(_read_journal(rollback) or []):
        raise OutputError(
            f"kan inte slutföra en avbruten skrivning i {folder}: de tidigare filerna kunde "
            "inte läggas tillbaka"
        )
    if not rolling_back and os.path.lexists(journal):
        try:
            _redo(_read_journal(journal) or [])
        except OSError as exc:
            raise OutputError(
                failure(f"kan inte slutföra en avbruten skrivning i {folder}", exc)
            ) from None
    sync_folder(folder)
    for name in (ROLLBACK_NAME, JOURNAL_NAME):
        with contextlib.suppress(FileNotFoundError):
            (folder / name).unlink()
    with os.scandir(folder) as entries:
        leftovers = [
            e.path
            for e in entries
            if (_TEMPORARY.fullmatch(e.name) or _EARLIER.fullmatch(e.name))
            and not e.is_dir(follow_symlinks=False)
        ]
    for leftover in leftovers:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(leftover)


def write_journal(folder: Path, plan: Sequence[Rename]) -> None:
    """The folder's renames as JSON, synced with the folder before any rename is done. A
    journal cut short by a kill is not valid JSON, and is then rightly ignored: no rename
    had been done."""
    journal = folder / JOURNAL_NAME
    entries = [
        {
            "temporary": step.temporary.name,
            "target": step.target.name,
            "earlier": None if step.earlier is None else step.earlier.name,
        }
        for step in plan
    ]
    data = json.dumps({"version": 1, "renames": entries}).encode("ascii")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    handle = os.open(journal, flags | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:  # no rename was done: a journal half written must not stay
        journal.unlink(missing_ok=True)
        raise
    sync_folder(folder)


def _read_journal(journal: Path) -> list[Rename] | None:
    """The renames a journal lists, or None when it is not one of ours (cut short by a kill,
    or put there by someone else): then nothing of it is acted on."""
    try:
        if not stat.S_ISREG(os.lstat(journal).st_mode):
            return None
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(journal, flags), "rb") as stream:
            raw = stream.read(JOURNAL_LIMIT + 1)
        data = json.loads(raw) if len(raw) <= JOURNAL_LIMIT else None
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != 1:
        return None
    renames = data.get("renames")
    if not isinstance(renames, list):
        return None
    plan = []
    for entry in renames:
        step = _journal_entry(journal.parent, entry)
        if step is None:
            return None
        plan.append(step)
    return plan


def _journal_entry(folder: Path, entry: object) -> Rename | None:
    """One rename of a journal, when all its names are plain names of our patterns."""
    if not isinstance(entry, dict):
        return None
    target, temporary, earlier = entry.get("target"), entry.get("temporary"), entry.get("earlier")
    if not isinstance(target, str) or not _plain_name(target):
        return None
    if target in (LOCK_NAME, JOURNAL_NAME, ROLLBACK_NAME):
        return None
    prefix = f".{short(target)}."
    if not isinstance(temporary, str) or not _ours(temporary, prefix, _TEMPORARY):
        return None
    if earlier is not None and (
        not isinstance(earlier, str) or not _ours(earlier, prefix, _EARLIER)
    ):
        return None
    return Rename(
        folder / target, folder / temporary, None if earlier is None else folder / earlier
    )


def _ours(name: str, prefix: str, pattern: re.Pattern[str]) -> bool:
    return _plain_name(name) and name.startswith(prefix) and bool(pattern.fullmatch(name))


def _plain_name(name: str) -> bool:
    """A name of a file in the folder itself: no separator, not `.` or `..`, no NUL."""
    separators = {"/", "\0", os.sep, os.altsep or "/"}
    return name not in ("", ".", "..") and not any(s in name for s in separators)


def short(name: str) -> str:
    """The name cut to `NAME_ROOM` bytes (whole characters), for a temporary's name."""
    raw = name.encode("utf-8", "surrogateescape")
    return name if len(raw) <= NAME_ROOM else raw[:NAME_ROOM].decode("utf-8", "ignore")


def sync_folder(folder: Path) -> None:
    """Make the folder's renames durable (POSIX); Windows has no fsync of a folder, and some
    file systems refuse it, which is no reason to stop."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
