"""The lock that keeps two runs, or two threads, from writing into one folder at once.

A `.samverkan.lock` file in the folder, reentrant within a thread and removed on release;
a run that waits longer than `LOCK_TIMEOUT` seconds stops with an `OutputError`.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

from filelock import FileLock, Timeout

from samverkan_cli.core.errors import OutputError
from samverkan_cli.core.os_failures import failure

LOCK_NAME = ".samverkan.lock"
LOCK_TIMEOUT = 60.0
"""Seconds a write waits for another run's write into the same folder. A write holds the lock
for the renames only (rendering happens before), well under a second for an agreement; a
minute means the other run is stuck or suspended (Ctrl+Z)."""
_held = threading.local()
"""The folders this thread holds the lock of, with how many times (nested writes)."""


@contextlib.contextmanager
def locked(folders: Sequence[Path]) -> Iterator[None]:
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
        raise OutputError(failure("kan inte skriva utdata", exc)) from None
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
