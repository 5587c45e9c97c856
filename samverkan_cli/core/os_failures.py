"""An operating system's refusal to write, said in Swedish.

The output of every command that writes goes through `atomic`; when the disk is full or a
folder read-only, the user reads why in Swedish, with the system's own words kept.
"""

from __future__ import annotations

import errno

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


def failure(what: str, exc: OSError) -> str:
    """`what` failed because of `exc`, in Swedish, with the system's own words kept."""
    reason = exc.strerror or str(exc)
    swedish = _SWEDISH_REASONS.get(exc.errno or 0)
    if swedish is not None:
        reason = f"{swedish} ({reason})"
    return f"{what} ({exc.filename}): {reason}" if exc.filename else f"{what}: {reason}"
