"""What every command checks of a repository as a whole, besides its agreements: its
samverkan.yaml, links in `templates/` that lead out of it, and the reference document; and
the settings (samverkan.yaml, the day to check as of) that every check runs with.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from samverkan_cli.check.folder import CheckSettings
from samverkan_cli.check.settings import CONFIG_FILE, load_config
from samverkan_cli.core.confinement import PathRefused, confine, confined_file, walk_files
from samverkan_cli.core.errors import (
    ProblemsFound,
    UsageError,
)
from samverkan_cli.core.problems import Location, Problem, Severity
from samverkan_cli.source.loading import display_path
from samverkan_cli.source.reference_check import reference_problems
from samverkan_cli.source.repository import (
    find_repository,
)

TEMPLATES_DIR = "templates"


def repository_problems(
    root: Path, settings: CheckSettings, explicit_reference: Path | None = None
) -> dict[Path, list[Problem]]:
    """Problems of the repository as a whole, by the file or folder they concern: its
    samverkan.yaml, links in `templates/` that lead out of it, and the reference document.
    `validate` reports them and `build` refuses to write while any is an error."""
    found: dict[Path, list[Problem]] = {}
    if settings.config.problems:
        found[root / CONFIG_FILE] = list(settings.config.problems)
    templates = template_link_problems(root)
    if templates:
        found[root / TEMPLATES_DIR] = templates
    try:
        reference = choose_reference(root, settings, explicit_reference)
    except ProblemsFound as refused:
        found.setdefault(root / TEMPLATES_DIR, []).extend(refused.problems)
    except UsageError:
        reference = None  # a configured reference that is missing: build says so
    else:
        if reference is not None:
            checked = reference_problems(reference, display_path(reference))
            if checked:
                found.setdefault(reference, []).extend(checked)
    return found


def choose_reference(root: Path, settings: CheckSettings, explicit: Path | None) -> Path | None:
    """The reference document: --referens, else samverkan.yaml's `referens`, else the
    repository's templates/reference.docx, else the one shipped with samverkan."""
    configured = settings.config.settings.reference
    for candidate, origin in (
        (explicit, "--referens"),
        (root / configured if configured else None, "referens i samverkan.yaml"),
    ):
        if candidate is None:
            continue
        if not candidate.is_file():
            raise UsageError(f"referensdokumentet {candidate} finns inte ({origin})")
        if candidate is not explicit:  # the command line's choice may point anywhere
            _confined_reference(candidate, root)
        return candidate
    own = root / TEMPLATES_DIR / "reference.docx"
    if not own.is_file() and not own.is_symlink():
        return None
    _confined_reference(own, root)
    return own


def _confined_reference(path: Path, root: Path) -> None:
    """A reference document from the repository must be a file inside it (SV009/SV015)."""
    try:
        confined_file(path, root)
    except PathRefused as refused:
        shown = Location.start_of(display_path(path))
        what = f"referensdokumentet {display_path(path)}"
        problem = Problem(shown, refused.rule, Severity.ERROR, refused.swedish(what))
        raise ProblemsFound([problem]) from None


def template_link_problems(root: Path) -> list[Problem]:
    """A file in the repository's `templates/` (or the folder itself) that resolves outside
    the repository, or loops: every template must be the repository's own."""
    folder = root / TEMPLATES_DIR
    paths = [folder] if folder.is_symlink() else walk_files(folder) if folder.is_dir() else []
    problems = []
    for path in paths:
        try:
            confine(path, root)
        except PathRefused as refused:
            shown = display_path(path)
            message = refused.swedish(f"mallen {shown}" if path != folder else "mappen templates/")
            problems.append(
                Problem(Location.start_of(shown), refused.rule, Severity.ERROR, message)
            )
    return problems


def repository_root(cwd: Path) -> Path | None:
    try:
        return find_repository(cwd).root
    except UsageError:
        return None


def settings_for(root: Path | None, today: dt.date | None) -> CheckSettings:
    """The repository's samverkan.yaml and the day to check as of."""
    config = load_config(root)
    return CheckSettings(config, today) if today else CheckSettings(config)
