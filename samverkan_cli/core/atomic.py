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
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from samverkan_cli.core.errors import OutputError
from samverkan_cli.core.folder_lock import locked
from samverkan_cli.core.os_failures import failure
from samverkan_cli.core.rename_journal import (
    JOURNAL_NAME,
    ROLLBACK_NAME,
    Rename,
    recover,
    short,
    sync_folder,
    undo,
    write_journal,
)

_INVALID_NAME = "ett namn har ett nolltecken eller ett tecken som filsystemet inte kan lagra"


def write_files_atomically(files: Mapping[Path, bytes]) -> list[Path]:
    """Write all files or none of them; returns the paths written."""
    folders = list(dict.fromkeys(target.parent for target in files))
    try:
        for folder in folders:
            _prepare_folder(folder)
        with locked(folders):
            for folder in folders:
                recover(folder)
            _write_all(files, folders)
    except OSError as exc:
        raise OutputError(failure("kan inte skriva utdata", exc)) from None
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
        raise OutputError(failure("kan inte läsa utdatamappen", exc)) from None
    # In a folder this process cannot write in, nothing of ours can be left to finish; the
    # write, if it comes to one, says why it cannot write there.
    if exists and os.access(folder, os.W_OK):
        with output_folder_locked(folder):
            pass


@contextlib.contextmanager
def output_folder_locked(folder: Path) -> Iterator[None]:
    """Hold an existing folder's lock, with what a killed run left there finished: a reader
    that must see one whole build (or a test) reads within it."""
    with locked([folder]):
        try:
            recover(folder)
        except OSError as exc:
            raise OutputError(failure("kan inte städa utdatamappen", exc)) from None
        except ValueError:
            raise OutputError(f"kan inte städa utdatamappen: {_INVALID_NAME}") from None
        yield


def _write_all(files: Mapping[Path, bytes], folders: Sequence[Path]) -> None:
    """The write itself, with the folders locked and recovered."""
    plan: list[Rename] = []
    journals: list[Path] = []
    try:
        for target, content in files.items():
            if target.is_dir():
                raise OutputError(f"kan inte skriva {target}: det är en mapp")
            plan.append(Rename(target, _write_temporary(target, content)))
        for step in plan:
            step.earlier = _keep_earlier(step.target)
        for folder in folders:  # listed first: an interruption while writing it undoes it
            journals.append(folder / JOURNAL_NAME)
            write_journal(folder, [s for s in plan if s.target.parent == folder])
        for step in plan:
            os.replace(step.temporary, step.target)
        for folder in folders:
            sync_folder(folder)
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


def _roll_back(plan: Sequence[Rename], journals: Sequence[Path]) -> bool:
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
            sync_folder(journal.parent)
    if not undo(plan) and rollbacks:
        return False
    for rollback in rollbacks:
        with contextlib.suppress(OSError):
            rollback.unlink()
    return True


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
    kept = target.with_name(f".{short(target.name)}.{secrets.token_hex(6)}.old")
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
    prefix = f".{short(target.name)}."
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
