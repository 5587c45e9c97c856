"""What the checks of a reference document found in the shipped one, kept between runs.

Every `build` and `validate` checks the reference document for active content (SV020,
`docx_active_content`), and every DOCX is written from the reference reduced by
`writers.reference_sanitise`. Both read and parse every part: for the shipped reference,
whose result is always the same, some 35 ms of a one-shot build. So a step that finds the
shipped reference clean records so in the user's cache folder (`core.user_cache`), and later
runs skip that step for the same bytes.

A verdict is kept only for the bytes of the reference shipped with samverkan (a repository's
templates/reference.docx that is a copy of it is those bytes too): nothing of a repository's
own making is written to the cache. Its key holds the bytes, the step, samverkan's version
and the source of the modules that decide it, so a changed file, a changed check (also in a
working copy whose version number stays) or another version is a miss, and the step runs.
Only "clean" is recorded: what was found in a refused reference is found again each time.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from types import ModuleType

from samverkan_cli.core.user_cache import entry_key, read_entry, write_entry
from samverkan_cli.source import docx_active_content, docx_parts, docx_zip

REFERENCE_NAME = "reference.docx"
_KIND = "referens"

ACTIVE_CONTENT = "SV020"
"""The step that finds no active content (`docx_active_content.dangers`)."""
ACTIVE_CONTENT_CODE = (docx_active_content, docx_parts, docx_zip)
"""The modules that decide it: reading the zip and its parts, and the list of dangers."""


def shipped_reference() -> Path:
    """The reference document shipped with samverkan (in the wheel, or the source tree)."""
    here = Path(__file__).parent.parent
    for candidate in (
        here / "templates" / REFERENCE_NAME,
        here.parent / "templates" / REFERENCE_NAME,
    ):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(REFERENCE_NAME)


def found_clean(step: str, data: bytes, code: tuple[ModuleType, ...]) -> bool:
    """Whether `step`, decided by the modules `code`, found the reference `data` clean in
    an earlier run (always False for bytes other than the shipped reference's)."""
    key = _key(step, data, code)
    return key is not None and read_entry(_KIND, key) is True


def record_clean(step: str, data: bytes, code: tuple[ModuleType, ...]) -> None:
    """Keep that `step` found `data` clean, when `data` is the shipped reference."""
    key = _key(step, data, code)
    if key is not None:
        write_entry(_KIND, key, True)


def _key(step: str, data: bytes, code: tuple[ModuleType, ...]) -> str | None:
    shipped = _shipped_bytes()
    if shipped is None or data != shipped:
        return None
    return entry_key(_KIND, step, data, *(_source(module) for module in code))


@cache
def _shipped_bytes() -> bytes | None:
    try:
        return shipped_reference().read_bytes()
    except OSError:
        return None  # no shipped reference: nothing is ever recorded


@cache
def _source(module: ModuleType) -> bytes:
    """The module's file (its source where there is one), read once per process; where it
    cannot be read (an installation without files), its name, and the version decides."""
    name = getattr(module, "__file__", None)
    try:
        return Path(name).read_bytes() if name else module.__name__.encode()
    except OSError:
        return module.__name__.encode()
