"""Atomic, crash-consistent output into a folder that other runs may share.

Every file is written to a hidden temporary beside its target and synced. Only when all of
them are written is a journal (`.samverkan-utdata.journal`) written and synced in each output
folder, listing the renames; then the renames are done and the journal removed. So:

- An exception (Ctrl+C, a failing disk) puts the earlier files back, from hard links (copies
  where links are not possible) made before the journal was written.
- A process killed at any point (kill -9, a power cut) is finished by the next write into that
  folder, or by the start of the next build: a journal found is rolled forward (a rename that
  was done shows as a missing temporary); a journal renamed to `.samverkan-utdata.rollback`
  (the killed process was putting the earlier files back) is rolled back. Temporaries that no
  journal lists come from a write that never reached its renames, and are removed.
- A lock (`.samverkan.lock` in the folder, removed on release) keeps two runs, or two threads,
  from writing into one folder at the same time: the second waits up to `LOCK_TIMEOUT`
  seconds, then stops with an `OutputError`. The lock covers the recovery and the whole write.

Only names of our own patterns are ever removed: `.<name>.<8 of a-z0-9_>.tmp` (tempfile's),
`.<name>.<12 hex>.old`, the journal and the lock. Each folder is consistent on its own: a
write into several folders killed while their journals were being written may leave one
folder new and another old.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
import shutil
import stat
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from samverkan_cli.errors import OutputError

LOCK_NAME = ".samverkan.lock"
JOURNAL_NAME = ".samverkan-utdata.journal"
"""Renames to do: a journal found is rolled forward."""
ROLLBACK_NAME = ".samverkan-utdata.rollback"
"""The same list while the earlier files are being put back: found, it is rolled back."""
LOCK_TIMEOUT = 60.0
"""Seconds a write waits for another run's write into the same folder. A write holds the lock
for the renames only (rendering happens before), well under a second for an agreement; a
minute means the other run is stuck or suspended (Ctrl+Z)."""
JOURNAL_LIMIT = 1 << 20
"""Bytes of journal read at most: ours list a few dozen names, a larger one is not ours."""
NAME_ROOM = 200
"""Bytes of a target's name kept in its temporaries' names, so that they stay within the
255 bytes a file name may have, however long the target's."""

_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp", re.DOTALL)
_EARLIER = re.compile(r"\..+\.[0-9a-f]{12}\.old", re.DOTALL)
_SWEDISH_REASONS = {
    getattr(errno, name): reason
    for name, reason in [
        ("ENOSPC", "disken är full"),
        ("EDQUOT", "diskkvoten är slut"),  # not on Windows
        ("EACCES", "behörighet saknas"),
        ("EPERM", "behörighet saknas"),
        ("EROFS", "filsystemet är skrivskyddat"),
        ("ENAMETOOLONG", "namnet är för långt (högst 255 byte per namn)"),
        ("EIO", "läs- eller skrivfel på disken"),
    ]
    if hasattr(errno, name)
}
_INVALID_NAME = "ett namn har ett nolltecken eller ett tecken som filsystemet inte kan lagra"
_held = threading.local()
"""The folders this thread holds the lock of, with how many times (nested writes)."""


@dataclass(slots=True)
class _Rename:
    target: Path
    temporary: Path
    earlier: Path | None = None
    """A second name for the target's earlier file; None when it had none."""


def write_files_atomically(files: Mapping[Path, bytes]) -> list[Path]:
    """Write all files or none of them; returns the paths written."""
    folders = list(dict.fromkeys(target.parent for target in files))
    try:
        for folder in folders:
            _prepare_folder(folder)
        with _locked(folders):
            for folder in folders:
                _recover(folder)
            _write_all(files, folders)
    except OSError as exc:
        raise OutputError(_failure("kan inte skriva utdata", exc)) from None
    except ValueError:  # a name with a NUL, or that the file system cannot encode
        raise OutputError(f"kan inte skriva utdata: {_INVALID_NAME}") from None
    return list(files)


def recover_output_folder(folder: Path) -> None:
    """Finish what a killed run left in `folder` (see the module's doc); nothing when the
    folder does not exist. A build calls it before it starts, so that a folder left half
    written is whole again even when the build then stops on a problem."""
    try:
        exists = folder.is_dir()
    except OSError as exc:
        raise OutputError(_failure("kan inte läsa utdatamappen", exc)) from None
    # In a folder this process cannot write in, nothing of ours can be left to finish; the
    # write, if it comes to one, says why it cannot write there.
    if exists and os.access(folder, os.W_OK):
        with output_folder_locked(folder):
            pass


@contextlib.contextmanager
def output_folder_locked(folder: Path) -> Iterator[None]:
    """Hold an existing folder's lock, with what a killed run left there finished: a reader
    that must see one whole build (or a test) reads within it."""
    with _locked([folder]):
        try:
            _recover(folder)
        except OSError as exc:
            raise OutputError(_failure("kan inte städa utdatamappen", exc)) from None
        except ValueError:
            raise OutputError(f"kan inte städa utdatamappen: {_INVALID_NAME}") from None
        yield


def _write_all(files: Mapping[Path, bytes], folders: Sequence[Path]) -> None:
    """The write itself, with the folders locked and recovered."""
    plan: list[_Rename] = []
    journals: list[Path] = []
    try:
        for target, content in files.items():
            if target.is_dir():
                raise OutputError(f"kan inte skriva {target}: det är en mapp")
            plan.append(_Rename(target, _write_temporary(target, content)))
        for step in plan:
            step.earlier = _keep_earlier(step.target)
        for folder in folders:  # listed first: an interruption while writing it undoes it
            journals.append(folder / JOURNAL_NAME)
            _write_journal(folder, [s for s in plan if s.target.parent == folder])
        for step in plan:
            os.replace(step.temporary, step.target)
        for folder in folders:
            _sync_folder(folder)
        for journal in journals:
            journal.unlink()
    except BaseException:  # Ctrl+C between two renames also puts the earlier back
        if not _roll_back(plan, journals):
            plan = []  # all is kept for the next run to finish
        raise
    finally:
        for step in plan:
            for leftover in (step.temporary, step.earlier):
                if leftover is not None:
                    with contextlib.suppress(FileNotFoundError):
                        leftover.unlink()


def _roll_back(plan: Sequence[_Rename], journals: Sequence[Path]) -> bool:
    """Put back what the renames so far replaced; False when some could not be (a failing
    disk), and the earlier files are then left, with the journal renamed to say so, for the
    next run. The journals are renamed first, so that a kill while putting back is finished
    the same way."""
    rollbacks = []
    for journal in journals:
        rollback = journal.with_name(ROLLBACK_NAME)
        with contextlib.suppress(OSError):
            os.replace(journal, rollback)
            rollbacks.append(rollback)
            _sync_folder(journal.parent)
    if not _undo(plan) and rollbacks:
        return False
    for rollback in rollbacks:
        with contextlib.suppress(OSError):
            rollback.unlink()
    return True


def _undo(plan: Sequence[_Rename]) -> bool:
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


def _redo(plan: Sequence[_Rename]) -> None:
    """Do the renames a killed run had not done yet; those done show as missing temporaries."""
    for step in plan:
        try:
            mode = os.lstat(step.temporary).st_mode
        except FileNotFoundError:
            continue
        if stat.S_ISREG(mode):
            os.replace(step.temporary, step.target)


def _recover(folder: Path) -> None:
    """With the folder locked: finish a killed run's journal, then remove our leftovers."""
    rollback, journal = folder / ROLLBACK_NAME, folder / JOURNAL_NAME
    rolling_back = os.path.lexists(rollback)
    if rolling_back and not _undo(_read_journal(rollback) or []):
        raise OutputError(
            f"kan inte slutföra en avbruten skrivning i {folder}: de tidigare filerna kunde "
            "inte läggas tillbaka"
        )
    if not rolling_back and os.path.lexists(journal):
        try:
            _redo(_read_journal(journal) or [])
        except OSError as exc:
            raise OutputError(
                _failure(f"kan inte slutföra en avbruten skrivning i {folder}", exc)
            ) from None
    _sync_folder(folder)
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


def _write_journal(folder: Path, plan: Sequence[_Rename]) -> None:
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
    _sync_folder(folder)


def _read_journal(journal: Path) -> list[_Rename] | None:
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


def _journal_entry(folder: Path, entry: object) -> _Rename | None:
    """One rename of a journal, when all its names are plain names of our patterns."""
    if not isinstance(entry, dict):
        return None
    target, temporary, earlier = entry.get("target"), entry.get("temporary"), entry.get("earlier")
    if not isinstance(target, str) or not _plain_name(target):
        return None
    if target in (LOCK_NAME, JOURNAL_NAME, ROLLBACK_NAME):
        return None
    prefix = f".{_short(target)}."
    if not isinstance(temporary, str) or not _ours(temporary, prefix, _TEMPORARY):
        return None
    if earlier is not None and (
        not isinstance(earlier, str) or not _ours(earlier, prefix, _EARLIER)
    ):
        return None
    return _Rename(
        folder / target, folder / temporary, None if earlier is None else folder / earlier
    )


def _ours(name: str, prefix: str, pattern: re.Pattern[str]) -> bool:
    return _plain_name(name) and name.startswith(prefix) and bool(pattern.fullmatch(name))


def _plain_name(name: str) -> bool:
    """A name of a file in the folder itself: no separator, not `.` or `..`, no NUL."""
    separators = {"/", "\0", os.sep, os.altsep or "/"}
    return name not in ("", ".", "..") and not any(s in name for s in separators)


@contextlib.contextmanager
def _locked(folders: Sequence[Path]) -> Iterator[None]:
    """Hold the lock of every folder, taken in one order so that two runs cannot deadlock."""
    with contextlib.ExitStack() as stack:
        for folder in sorted(folders, key=lambda f: os.path.normcase(os.path.abspath(f))):
            stack.enter_context(_folder_lock(folder))
        yield


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """The folder's lock, reentrant within a thread (a build holds it while the PDF writer
    writes). On Unix the lock file is removed while still held, as the last step: a run
    that waited on the removed file sees that and locks the new one (filelock checks)."""
    held: dict[str, int] = _held.__dict__.setdefault("folders", {})
    key = os.path.normcase(os.path.abspath(folder))
    if key in held:
        held[key] += 1
        try:
            yield
        finally:
            held[key] -= 1
        return
    lock = FileLock(folder / LOCK_NAME, timeout=LOCK_TIMEOUT)
    try:
        lock.acquire()
    except Timeout:
        raise OutputError(
            f"en annan körning av samverkan skriver till {folder} och blev inte klar på "
            f"{LOCK_TIMEOUT:g} sekunder; försök igen när den är klar"
        ) from None
    except OSError as exc:  # the lock file cannot be made: a read-only folder, a link there
        raise OutputError(_failure("kan inte skriva utdata", exc)) from None
    held[key] = 1
    try:
        yield
    finally:
        del held[key]
        try:
            if os.name != "nt":  # on Windows, filelock removes it after release
                with contextlib.suppress(OSError):
                    os.unlink(folder / LOCK_NAME)
        finally:
            lock.release()


def _keep_earlier(target: Path) -> Path | None:
    """A second name for the target's earlier file (a hard link, or a synced copy where links
    are not possible), so that it can be put back; None when there was no earlier file (a
    link or anything else that is not a file is not kept)."""
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(mode):
        return None
    kept = target.with_name(f".{_short(target.name)}.{secrets.token_hex(6)}.old")
    try:
        os.link(target, kept)
    except OSError:
        shutil.copy2(target, kept)
        with open(kept, "rb+") as stream:
            os.fsync(stream.fileno())
    return kept


def _prepare_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"kan inte skriva till {folder}: det är en fil, inte en mapp")
    folder.mkdir(parents=True, exist_ok=True)


def _write_temporary(target: Path, content: bytes) -> Path:
    prefix = f".{_short(target.name)}."
    handle, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)
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


def _short(name: str) -> str:
    """The name cut to `NAME_ROOM` bytes (whole characters), for a temporary's name."""
    raw = name.encode("utf-8", "surrogateescape")
    return name if len(raw) <= NAME_ROOM else raw[:NAME_ROOM].decode("utf-8", "ignore")


def _sync_folder(folder: Path) -> None:
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


def _failure(what: str, exc: OSError) -> str:
    """`what` failed because of `exc`, in Swedish, with the system's own words kept."""
    reason = exc.strerror or str(exc)
    swedish = _SWEDISH_REASONS.get(exc.errno or 0)
    if swedish is not None:
        reason = f"{swedish} ({reason})"
    return f"{what} ({exc.filename}): {reason}" if exc.filename else f"{what}: {reason}"
