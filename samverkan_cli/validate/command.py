"""`samverkan validate` without click: every agreement checked (in worker processes when
there are many), then the whole result reported at once in the format asked for. Which
agreements the paths given stand for (folders, names, files a commit changed) is
`validate.targets`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path

from samverkan_cli.check.folder import CheckSettings, check_folder
from samverkan_cli.check.linked_agreements import LinkFacts, linked_problems
from samverkan_cli.check.repository_checks import (
    repository_problems,
    repository_root,
    settings_for,
)
from samverkan_cli.core.errors import (
    ProblemsFound,
    UsageError,
)
from samverkan_cli.core.exit_codes import EXIT_OK, EXIT_PROBLEMS
from samverkan_cli.core.problems import Problem, Severity, has_errors, sorted_problems
from samverkan_cli.core.progress import Echo, Progress, no_progress
from samverkan_cli.core.worker_pool import Failed, Skipped, ordered_map
from samverkan_cli.messages.language import message
from samverkan_cli.messages.reporters import QUIET_REPORTERS, REPORTERS, CheckedAgreement
from samverkan_cli.source.repository import AGREEMENTS_DIR
from samverkan_cli.validate.targets import validation_targets


def validate(
    cwd: Path,
    paths: list[str],
    *,
    strict: bool,
    echo: Echo,
    output_format: str = "text",
    today: dt.date | None = None,
    progress: Progress | None = None,
    quiet: bool = False,
) -> int:
    """Check the agreements `paths` stand for (all of them when none are named; see
    `validate.targets` for files).

    Every agreement is checked before anything is printed; the reporter of `output_format`
    (see `messages.reporters.REPORTERS`; with `quiet`, `QUIET_REPORTERS` first) turns all
    of them into the output at once. A path that names no agreement gets a line on stderr,
    except when `quiet`.
    """
    reporter = REPORTERS.get(output_format)
    if reporter is None:
        known = ", ".join(REPORTERS)
        raise UsageError(f"okänt format '{output_format}'; kända format: {known}")
    if quiet:
        reporter = QUIET_REPORTERS.get(output_format, reporter)
    root = repository_root(cwd)
    settings = settings_for(root, today)
    try:
        targets = validation_targets(cwd, paths, root, settings.config.library.folders)
    except ProblemsFound as refused:  # `agreements/` itself refused: still in the format asked
        folders: list[Path] = []
        where = (root or cwd) / AGREEMENTS_DIR
        refused_dir = [CheckedAgreement(where, refused.problems, repository_wide=True)]
    else:
        folders = targets.folders
        refused_dir = []
        if not quiet:
            for note in targets.notes:
                echo(f"samverkan: {message(note)}", err=True)
    with (progress or no_progress)(folders) as shown:  # the bar moves as results come
        results = [found for _, found in zip(shown, check_many(folders, settings), strict=True)]
    checked = refused_dir + [
        CheckedAgreement(folder, problems)
        for folder, (problems, _) in zip(folders, results, strict=True)
    ]
    if root is not None and not refused_dir:  # a refused agreements/ has no pairs to read
        # the pairs are checked from the agreements just loaded: no folder is read again
        facts = {folder: links for folder, (_, links) in zip(folders, results, strict=True)}
        checked = _with_linked_problems(checked, linked_problems(root, facts))
    if root is not None:
        for path, found in repository_problems(root, settings).items():
            checked.insert(0, CheckedAgreement(path, found, repository_wide=True))
    echo(reporter.render(checked), nl=False)
    failed = False
    for agreement in checked:
        warned = any(p.severity is Severity.WARNING for p in agreement.problems)
        failed = failed or has_errors(agreement.problems) or (strict and warned)
    return EXIT_PROBLEMS if failed else EXIT_OK


def _with_linked_problems(
    checked: list[CheckedAgreement], linked: dict[Path, list[Problem]]
) -> list[CheckedAgreement]:
    """The findings about a huvudavtal and its underavtal (SV180, SV181) added to the
    underavtal's own, when it is among those checked."""
    return [
        CheckedAgreement(c.folder, sorted_problems([*c.problems, *linked[c.folder]]))
        if c.folder in linked
        else c
        for c in checked
    ]


PARALLEL_FROM = 8
"""From this many agreements on, validate checks them in worker processes (the first in
this process, which the workers are forked from warm: see `core.worker_pool`)."""


Checked = tuple[list[Problem], LinkFacts | None]
"""A folder's problems, and what the linked-agreement checks read of it (`LinkFacts`)."""


def check_many(folders: Sequence[Path], settings: CheckSettings) -> Iterator[Checked]:
    """The problems of each folder, in order, with its `LinkFacts`, each as it is ready.
    Many folders are checked by one worker per core (processes, since the work is Python);
    a few, or one core, in this process."""
    for outcome in ordered_map(_problems_of, settings, folders, parallel_from=PARALLEL_FROM):
        if isinstance(outcome, Failed):  # checking turns bad input into problems: a bug
            raise outcome.error
        assert not isinstance(outcome, Skipped)  # nothing stops a validate
        yield outcome


def _problems_of(settings: CheckSettings, folder: Path) -> Checked:
    loaded, problems = check_folder(folder, settings)
    return problems, LinkFacts.of(loaded)
