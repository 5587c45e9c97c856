"""`samverkan status` without click: every agreement's standing on a day, shown as a table or
JSON (`status.output`), with the exit code the options ask for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from samverkan_cli.core.exit_codes import EXIT_OK, EXIT_PROBLEMS
from samverkan_cli.status.output import (
    render_json,
    render_text,
    terminal_width,
)


def show_status(
    cwd: Path,
    today: dt.date | None,
    output_format: str,
    strict: bool,
    *,
    echo: Callable[..., None],
) -> int:
    """Print the status of every agreement of the repository at `cwd`; the exit code: 1 when
    `agreements/` could not be read, or with `strict` when anything is overdue."""
    from samverkan_cli.check.folder import CheckSettings
    from samverkan_cli.check.settings import load_config
    from samverkan_cli.source.repository import find_repository
    from samverkan_cli.status.standing import repository_status

    repository = find_repository(cwd)
    day = today if today is not None else dt.date.today()
    report = repository_status(repository, CheckSettings(load_config(repository.root), day))
    from samverkan_cli.messages.problem_lines import format_problem

    for problem in (*report.config_problems, *report.refused):
        echo(format_problem(problem), err=True)
    if output_format == "json":
        echo(render_json(report), nl=False)
    else:
        echo(render_text(report, width=terminal_width()), nl=False)
    if report.refused:  # `agreements/` could not be read (a link out of the repository)
        return EXIT_PROBLEMS
    return EXIT_PROBLEMS if strict and report.any_overdue else EXIT_OK
