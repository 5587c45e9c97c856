"""samverkan's own version, as this copy was built or installed.

hatch-vcs writes it into `samverkan_cli/_build_version.py` at every build and install (editable
ones too: pyproject's `[tool.hatch.build.hooks.vcs]`), so reading it is importing a
two-line module. `importlib.metadata`, which scans every installed distribution (about
5 ms), is the fallback for a source tree that was never installed.
"""

from __future__ import annotations

from functools import cache


@cache
def package_version() -> str | None:
    """The version, or None when this copy was neither built nor installed."""
    try:
        from samverkan_cli._build_version import version
    except ImportError:
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as installed_version

        try:
            return installed_version("samverkan")
        except PackageNotFoundError:
            return None
    return str(version)
