"""Finding changed files by polling, and a loop that acts on each change.

`samverkan build --bevaka` keeps one process running: a one-shot build spends most of its
time starting Python and importing its libraries, which a running process pays only once.
Changes are found by comparing each file's size and modification time between scans. That
needs nothing beyond the standard library, behaves the same on Linux, macOS and Windows,
and also works on network drives, where the operating system's change notification often
does not. A scan of an agreement folder takes well under a millisecond, so polling twenty times a
second costs next to nothing.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

FileState = tuple[int, int]
"""A file's modification time in nanoseconds and its size in bytes."""

Snapshot = dict[Path, FileState]

POLL_SECONDS = 0.05
"""The shortest pause between two scans, and the time a change must stay unchanged before
it is built (an editor's save is often a write and then a rename)."""

SCAN_SHARE = 0.05
"""At most this share of the time is spent scanning: a large repository is scanned less
often (a scan of 20 ms gives a pause of 0.4 s)."""

SETTLE_LIMIT_SECONDS = 2.0
"""A file that keeps changing (a log written beside the sources) is built anyway after this
long, so that the loop never waits forever for quiet."""


@dataclass(frozen=True, slots=True)
class WatchedSources:
    """What a change is looked for in: folders (walked recursively) and single files, minus
    the excluded folders (the output, so that writing it does not start another build)."""

    folders: tuple[Path, ...] = ()
    files: tuple[Path, ...] = ()
    excluded: tuple[Path, ...] = ()


def ignored_name(name: str) -> bool:
    """Hidden files and folders (`.git`, an editor's `.x.swp`), Emacs's `#x#` and backups
    `x~`: an editor writing these is not a change to the sources."""
    return name.startswith((".", "#")) or name.endswith("~")


def take_snapshot(sources: WatchedSources) -> Snapshot:
    """The state of every watched file that exists now; unreadable entries are skipped (a
    file removed while it is scanned is simply not there)."""
    excluded = {_absolute(path) for path in sources.excluded}
    found: Snapshot = {}
    for folder in sources.folders:
        _scan_folder(_absolute(folder), excluded, found)
    for file in sources.files:
        state = _state(file)
        if state is not None:
            found[_absolute(file)] = state
    return found


def changed_paths(before: Mapping[Path, FileState], after: Mapping[Path, FileState]) -> set[Path]:
    """Files added, removed or changed between two snapshots."""
    changed = {path for path, state in after.items() if before.get(path) != state}
    return changed | (before.keys() - after.keys())


def watch(
    scan: Callable[[], Snapshot],
    on_change: Callable[[set[Path]], None],
    *,
    sleep: Callable[[float], None] | None = None,
    clock: Callable[[], float] | None = None,
) -> None:
    """Call `on_change` with the changed files each time the scanned files change and have
    then stayed unchanged for one pause (an editor's save is often a write and a rename).
    Runs until interrupted: a KeyboardInterrupt (Ctrl+C) or an exception from `on_change`
    ends it. `sleep` and `clock` default to the `time` module's (tests pass their own)."""
    sleep = sleep or time.sleep
    clock = clock or time.monotonic
    current, cost = _timed_scan(scan, clock)
    while True:
        pause = max(POLL_SECONDS, cost / SCAN_SHARE)
        sleep(pause)
        latest, cost = _timed_scan(scan, clock)
        if latest == current:
            continue
        latest = _settled(scan, latest, pause, sleep, clock)
        changed = changed_paths(current, latest)
        current = latest
        on_change(changed)


def describe_paths(paths: Iterable[Path], base: Path, limit: int = 3) -> str:
    """The first few changed files relative to `base`, and how many more there are."""
    names = sorted(_relative(path, base) for path in paths)
    shown = ", ".join(names[:limit])
    return shown if len(names) <= limit else f"{shown} (+{len(names) - limit})"


def _timed_scan(scan: Callable[[], Snapshot], clock: Callable[[], float]) -> tuple[Snapshot, float]:
    started = clock()
    snapshot = scan()
    return snapshot, clock() - started


def _settled(
    scan: Callable[[], Snapshot],
    latest: Snapshot,
    pause: float,
    sleep: Callable[[float], None],
    clock: Callable[[], float],
) -> Snapshot:
    """Scan again after each pause until two scans agree (or the limit has passed)."""
    deadline = clock() + SETTLE_LIMIT_SECONDS
    while clock() < deadline:
        sleep(pause)
        again = scan()
        if again == latest:
            break
        latest = again
    return latest


def _scan_folder(folder: Path, excluded: set[Path], found: Snapshot) -> None:
    if folder in excluded:
        return
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if ignored_name(entry.name):
            continue
        path = folder / entry.name
        try:
            if entry.is_dir(follow_symlinks=False):
                _scan_folder(path, excluded, found)
            elif entry.is_file():
                stat = entry.stat()
                found[path] = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            continue


def _state(path: Path) -> FileState | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))


def _relative(path: Path, base: Path) -> str:
    try:
        return path.relative_to(_absolute(base)).as_posix()
    except ValueError:
        return str(path)
