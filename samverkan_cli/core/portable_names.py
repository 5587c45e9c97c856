"""File and folder names that work on every system the agreements are edited on.

An agreement repository is cloned on Windows as well as on Linux and macOS, and its outputs
are opened there. A name that Linux accepts can still be a device on Windows (`CON`,
`nul.txt`: the part before the first dot counts, in any case), lose its trailing dots and
spaces, or hold a character Windows refuses. And no common file system stores a name of
more than 255 bytes; the operating system refuses it with an error, not a message.
"""

from __future__ import annotations

MAX_NAME_BYTES = 255
"""The longest name (one step of a path) that ext4, APFS and NTFS all store, in UTF-8."""

_DEVICES = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{port}{n}" for port in ("COM", "LPT") for n in [*"0123456789", "¹", "²", "³"]]
)
"""Windows' reserved device names (Microsoft, "Naming Files, Paths, and Namespaces")."""

_REFUSED_CHARACTERS = frozenset('<>:"|?*\\')
"""Characters Windows does not allow in a name, besides `/` and control characters (which
no name may hold anywhere: see `source.unsafe_names`, SV016)."""


def name_bytes(name: str) -> int:
    """The length of a name as a file system counts it: bytes of UTF-8."""
    return len(name.encode("utf-8", "surrogatepass"))


def windows_device(name: str) -> bool:
    """True when Windows takes `name` for a device: `CON`, `con.txt`, `Nul .md`, `COM1`."""
    base = name.split(".", 1)[0].rstrip(" ")
    return base.upper() in _DEVICES


def unportable_reason(name: str) -> str | None:
    """Why one name (no `/` in it) cannot be used on Windows, in Swedish; None when it can."""
    if windows_device(name):
        device = name.split(".", 1)[0].rstrip(" ").upper()
        return f"{device} är ett reserverat enhetsnamn i Windows"
    if name.endswith((".", " ")) and name not in {".", ".."}:
        return "Windows tar bort punkter och mellanslag i slutet av ett namn"
    refused = sorted({c for c in name if c in _REFUSED_CHARACTERS})  # control: SV016
    if refused:
        shown = " ".join(refused)
        return f"Windows tillåter inte tecknen {shown} i ett namn"
    return None


def too_long_reason(name: str, limit: int = MAX_NAME_BYTES) -> str | None:
    """Why one name is too long for a file system, in Swedish; None when it fits."""
    size = name_bytes(name)
    if size <= limit:
        return None
    return f"namnet är {size} byte långt; högst {limit} byte går att lagra"


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, with "…" where it was cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
