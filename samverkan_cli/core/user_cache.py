"""Results kept between runs in the user's own cache folder, so a one-shot command does not
redo work whose inputs did not change (parsing the shipped English texts, compiling the
shipped templates).

The folder is `samverkan/<kind>` in the platform's user cache folder (platformdirs:
`$XDG_CACHE_HOME` or `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on
Windows), made with mode 0700 and used only when it is the user's own and writable; never a
folder in the repository. `SAMVERKAN_CACHE=0` turns every cache off; any other value of it is
the folder to use instead (the tests point it to a temporary folder).

An entry is keyed by a hash of everything its value depends on: the content it was made from,
samverkan's version and `FORMAT` (raised when what an entry holds changes). An entry holds
JSON with its own key repeated, and is read as a miss when it cannot be parsed, has another
key or is no regular file: a corrupt or foreign file is ignored and written anew, never
trusted. Entries are written atomically (a temporary file renamed into place), so two runs at
once see a whole entry or none. Only what samverkan ships is cached: a repository's own files
come from whoever wrote the pull request, and nothing of theirs may reach another run.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from samverkan_cli.core.package_version import package_version

CACHE_VARIABLE = "SAMVERKAN_CACHE"
"""`0` turns the caches off; another value is the cache folder to use."""

FORMAT = 1
"""Raised when an entry's content changes meaning, so that older entries are misses."""

MAX_ENTRY_BYTES = 16 * 1024 * 1024
"""A larger file in the folder is not ours, and is not read."""


def cache_folder(kind: str) -> Path | None:
    """The folder for entries of `kind` (made if need be), or None when caching is off or
    no folder of the user's own can be made there."""
    chosen = os.environ.get(CACHE_VARIABLE, "").strip()
    if chosen == "0":
        return None
    if chosen:
        base = Path(chosen)
    else:
        from platformdirs import user_cache_path  # only when a cache is used

        base = user_cache_path("samverkan", appauthor=False)
    folder = base / kind
    try:
        base.mkdir(parents=True, exist_ok=True, mode=0o700)
        folder.mkdir(exist_ok=True, mode=0o700)
        for place in (base, folder):
            if not _own_folder(place):
                return None
    except OSError:
        return None
    return folder


def _own_folder(path: Path) -> bool:
    """A real folder (not a link), owned by this user where there are user ids (on Windows
    the cache folder is the user's own), that this user may write in."""
    info = path.lstat()
    if not stat.S_ISDIR(info.st_mode):
        return False
    own_user = getattr(os, "getuid", None)
    if own_user is not None and info.st_uid != own_user():
        return False
    return os.access(path, os.W_OK)


@cache
def samverkan_version() -> str:
    """The installed version, as part of every key: an upgrade never reads an older
    version's entries."""
    return package_version() or "unknown"


def entry_key(*parts: bytes | str) -> str:
    """A key for the value made from `parts` by this version of samverkan."""
    digest = hashlib.sha256(f"{FORMAT}\0{samverkan_version()}".encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def read_entry(kind: str, key: str) -> Any | None:
    """The value kept under `key`, or None on a miss (including a file that is unreadable,
    corrupt, too large or written for another key)."""
    folder = cache_folder(kind)
    if folder is None:
        return None
    path = folder / f"{key}.json"
    try:
        with open(path, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                return None
            data = stream.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_ENTRY_BYTES:
        return None
    try:
        entry = json.loads(data)
    except ValueError:  # not UTF-8, or not JSON
        return None
    if not isinstance(entry, dict) or entry.get("key") != key or "value" not in entry:
        return None
    return entry["value"]


def write_entry(kind: str, key: str, value: Any) -> None:
    """Keep `value` (JSON data) under `key`; quietly nothing when it cannot be written."""
    folder = cache_folder(kind)
    if folder is None:
        return
    data = json.dumps({"key": key, "value": value}, ensure_ascii=False).encode()
    if len(data) > MAX_ENTRY_BYTES:
        return
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, folder / f"{key}.json")
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
