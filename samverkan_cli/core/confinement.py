"""One rule for every path: nothing is read or written through a path that resolves outside
the repository root.

On a pull request everything in the repository is the author's, symbolic links included: a
link under `templates/`, a profile folder, the reference document or `out/` could otherwise
make a build read the runner's files (`/proc/self/environ`) into the documents CI uploads, or
write outside the checkout. Paths are resolved with their links followed and compared with the
resolved root; a link loop is refused as such, never followed.
"""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Literal

RULE_OUTSIDE = "SV009"
RULE_UNREADABLE_PATH = "SV015"

Reason = Literal["outside", "loop", "unreadable", "not-a-file"]

_REASONS: dict[Reason, str] = {
    "outside": "är en länk som pekar utanför repositoriet",
    "loop": "är en länk i en slinga (länken pekar till sig själv, direkt eller via andra)",
    "unreadable": "kan inte läsas",
    "not-a-file": "är ingen vanlig fil",
}


class PathRefused(Exception):
    """A path that may not be used: it leaves the repository, loops or cannot be read."""

    def __init__(self, path: Path, reason: Reason, detail: str = "") -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.detail = detail

    @property
    def rule(self) -> str:
        return RULE_OUTSIDE if self.reason == "outside" else RULE_UNREADABLE_PATH

    def swedish(self, what: str) -> str:
        """'<what> är en länk som pekar utanför repositoriet; den används inte'."""
        detail = f" ({self.detail})" if self.detail else ""
        return f"{what} {_REASONS[self.reason]}{detail}; den används inte"


def resolve_path(path: Path) -> Path:
    """`path` with every link followed; a loop or an unreadable step is a `PathRefused`.

    A path that does not exist resolves as far as it does (so an output folder still to be
    made can be checked)."""
    try:
        return path.resolve(strict=True)
    except FileNotFoundError:
        pass
    except RuntimeError:  # Python 3.11–3.12 report a loop so
        raise PathRefused(path, "loop") from None
    except OSError as exc:
        raise _refusal(path, exc) from None
    try:
        return path.resolve()
    except RuntimeError:
        raise PathRefused(path, "loop") from None
    except OSError as exc:
        raise _refusal(path, exc) from None


def is_within(path: Path, root: Path) -> bool:
    """True when the resolved `path` is `root` or lies below it (both already resolved)."""
    return path == root or root in path.parents


def confine(path: Path, root: Path) -> Path:
    """The resolved `path`, provided it lies inside the resolved `root` (for many paths under
    one root, `Confinement` resolves the root once)."""
    return Confinement(root).confine(path)


class Confinement:
    """Many paths confined to one root, resolved once for them all (a rule confines every
    bilaga file of an agreement to its folder; resolving the folder again for each was a
    good part of the rule's time): each `confine` says what `confine(path, root)` says."""

    def __init__(self, root: Path) -> None:
        self._root: Path | PathRefused
        try:
            self._root = resolve_path(root)
        except PathRefused as refused:
            self._root = refused

    def confine(self, path: Path) -> Path:
        """The resolved `path`, provided it lies inside the root; the path's own refusal
        (a loop, unreadable) comes before the root's."""
        resolved = resolve_path(path)
        root = self._root
        if isinstance(root, PathRefused):
            raise PathRefused(root.path, root.reason, root.detail)
        if not is_within(resolved, root):
            raise PathRefused(path, "outside")
        return resolved

    def holds(self, path: Path) -> bool:
        """True when `path`, links resolved, lies inside the root (a loop never does)."""
        try:
            self.confine(path)
        except PathRefused:
            return False
        return True


def confined_file(path: Path, root: Path) -> Path:
    """Like `confine`, for a file about to be read: it must be a regular file (a FIFO or a
    device would block the build or never end)."""
    resolved = confine(path, root)
    try:
        mode = resolved.stat().st_mode
    except OSError as exc:
        raise _refusal(path, exc) from None
    if not stat.S_ISREG(mode):
        raise PathRefused(path, "not-a-file")
    return resolved


def read_confined(path: Path, root: Path, limit: int) -> bytes | None:
    """The bytes of a file inside `root`, or None when it is larger than `limit` bytes (read
    no further than that, so a file that grows while read still costs at most `limit`)."""
    resolved = confined_file(path, root)
    try:
        with open(resolved, "rb") as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise _refusal(path, exc) from None
    return None if len(data) > limit else data


def is_plain_name(name: str) -> bool:
    """A name, never a path: no separators of either system, no drive, not `.` or `..`,
    no control characters. Profile ids and folder settings' names go by this."""
    if not name or name in {".", ".."} or name != name.strip():
        return False
    if any(unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"} for c in name):
        return False
    return (
        len(PurePosixPath(name).parts) == 1
        and len(PureWindowsPath(name).parts) == 1
        and (not PureWindowsPath(name).drive)
    )


def is_relative_inside(name: str) -> bool:
    """A relative path written in a settings file that stays inside the folder it is relative
    to on its face: not absolute, no drive, no `..` step (links are checked when it is used)."""
    if not name or "\x00" in name:
        return False
    windows = PureWindowsPath(name)
    if windows.drive or windows.root or PurePosixPath(name).is_absolute():
        return False
    return ".." not in PurePosixPath(name.replace("\\", "/")).parts


def _refusal(path: Path, exc: OSError) -> PathRefused:
    if exc.errno == errno.ELOOP:
        return PathRefused(path, "loop")
    return PathRefused(path, "unreadable", exc.strerror or os.strerror(exc.errno or 0))


MAX_WALK_ENTRIES = 100_000
"""A folder walk stops after this many entries: a repository never needs more, and a
pull request cannot make a check walk for ever."""


def walk_files(folder: Path) -> list[Path]:
    """Every file below `folder`, sorted, links to folders not followed (a link to `/` or a
    loop would otherwise walk the whole machine); a link to a file is listed as it is, for
    the caller to confine. Iterative, so folders nested thousands deep cost no stack;
    unreadable subfolders are passed over, and the walk stops after `MAX_WALK_ENTRIES`."""
    found: list[Path] = []
    seen = 0
    pending = [folder]
    while pending and seen <= MAX_WALK_ENTRIES:
        current = pending.pop()
        try:
            with os.scandir(current) as entries:
                listed = list(entries)
        except OSError:
            continue
        seen += len(listed)
        for entry in listed:
            path = current / entry.name
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_folder:
                pending.append(path)
            else:
                found.append(path)
    return sorted(found)
