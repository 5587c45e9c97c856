"""`samverkan build` without click: one agreement by name, or every agreement of the
repository, each into its own folder; a failure of one never stops the others. `--alla`
builds on every core (`core.worker_pool`), and prints what a serial build prints, in the
same order.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from samverkan_cli.check.repository_checks import (
    choose_reference,
    repository_problems,
    settings_for,
)
from samverkan_cli.core.collector import collect_normally
from samverkan_cli.core.errors import (
    ProblemsFound,
    SamverkanError,
    TemplateProblem,
    TemplateTimedOut,
    UsageError,
)
from samverkan_cli.core.exit_codes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from samverkan_cli.core.problems import Severity, has_errors
from samverkan_cli.core.progress import Echo, Progress, no_progress
from samverkan_cli.core.worker_pool import Failed, Skipped, ordered_map
from samverkan_cli.messages.language import (
    message,
    text,
)
from samverkan_cli.messages.problem_lines import format_problem
from samverkan_cli.source.loading import display_path
from samverkan_cli.source.repository import (
    Repository,
    find_repository,
)

if TYPE_CHECKING:
    from samverkan_cli.build.pipeline import BuildResult
    from samverkan_cli.check.folder import CheckSettings


def build(
    cwd: Path,
    name: str | None,
    out_dir: Path | None,
    *,
    echo: Echo,
    today: dt.date | None = None,
    reference: Path | None = None,
    pdf: bool = False,
    every: bool = False,
    progress: Progress | None = None,
    public: bool = False,
    draft: bool = False,
    strict: bool = False,
    html: bool = False,
) -> int:
    """Build one agreement by name into `out_dir` (default out/<name>), or with `every` all
    of them, each into its own folder (out/<name>, or <out_dir>/<name>). With `every`, an
    agreement with errors is reported and the others are still built (exit 1 at the end).
    With `draft`, placeholders may be left and the files are drafts (see `drafting`); with
    `html`, each document is also written as an HTML page."""
    if every == (name is not None):
        raise UsageError("ange antingen NAMN eller --alla")
    repository = find_repository(cwd)
    settings = settings_for(repository.root, today)
    found = repository_problems(repository.root, settings, reference).values()
    refused = [problem for problems in found for problem in problems]
    if has_errors(refused):
        raise ProblemsFound(refused)
    chosen = choose_reference(repository.root, settings, reference)
    if name is not None:
        folders = [repository.resolve(name)]
        default = [repository.output_folder("out", folders[0].name)] if out_dir is None else []
        targets = [out_dir] if out_dir is not None else default
    else:
        folders = repository.agreement_folders()
        base = out_dir if out_dir is not None else repository.output_folder("out")
        targets = [base / folder.name for folder in folders]
    job = _Job(repository, settings, chosen, pdf, public, draft, strict, html, out_dir is None)
    if not every:  # one agreement: its error is the command's
        _report_built(_build_one(job, (folders[0], targets[0])), echo)
        return EXIT_OK
    failures: list[tuple[Path, Exception]] = []
    stopped: TemplateTimedOut | None = None
    pairs = list(zip(folders, targets, strict=True))
    built = ordered_map(
        _build_one, job, pairs, parallel_from=PARALLEL_FROM, stop_on=TemplateTimedOut
    )
    with (progress or no_progress)(pairs) as jobs:
        for (folder, _), outcome in zip(jobs, built, strict=True):
            if isinstance(outcome, Skipped):  # the same templates would run as long again
                assert stopped is not None  # a Skipped follows a stop_on failure
                failures.append((folder, stopped))
            elif isinstance(outcome, Failed):  # one agreement's failure never stops the others
                failures.append((folder, outcome.error))
                if isinstance(outcome.error, TemplateTimedOut):
                    stopped = outcome.error
            else:
                _report_built(outcome, echo)
    return _report_failures(failures, len(folders), echo)


PARALLEL_FROM = 3
"""From this many agreements on, `build --alla` builds them in worker processes (the first
in this process, which the workers are forked from warm: see `core.worker_pool`)."""


@dataclass(frozen=True, slots=True)
class _Job:
    """What every agreement of one `build` is built with (sent to each worker once)."""

    repository: Repository
    settings: CheckSettings
    reference: Path | None
    pdf: bool
    public: bool
    draft: bool
    strict: bool
    html: bool
    default_out: bool
    """No --out: each agreement goes to out/<name>, which may be a committed link out."""


def _build_one(job: _Job, pair: tuple[Path, Path]) -> BuildResult:
    """One agreement built into its folder (in this process or a worker)."""
    from samverkan_cli.build.pipeline import build_agreement  # python-docx only when building

    folder, target = pair
    try:
        if job.default_out:  # `out/<name>` may itself be a committed link out
            job.repository.output_folder("out", folder.name)
        return build_agreement(
            folder,
            target,
            job.repository.root,
            job.settings,
            job.reference,
            job.pdf,
            public=job.public,
            draft=job.draft,
            strict=job.strict,
            html=job.html,
        )
    finally:
        collect_normally()  # building many makes cyclic garbage (see `collector`)


def _report_built(result: BuildResult, echo: Echo) -> None:
    """An agreement built: its problems (warnings) on stderr, then the files written."""
    for problem in result.problems:
        echo(format_problem(problem), err=True)
    for path in result.written:
        echo(text("wrote", path=display_path(path)))
    if result.redacted is not None:
        echo(result.redacted.swedish())


def _report_failures(failures: list[tuple[Path, Exception]], total: int, echo: Echo) -> int:
    """After `build --alla`: each failed agreement under a heading with its name, its
    problems or its error below it, then a summary block that names what was built and what
    failed, last (on stderr, after the `skrev` lines). The exit code is 1 when agreements had
    problems, 2 when any failed otherwise."""
    code = EXIT_OK
    for folder, failure in failures:
        shown = unicodedata.normalize("NFC", folder.name)
        echo("", err=True)
        if isinstance(failure, ProblemsFound):
            errors = sum(p.severity is Severity.ERROR for p in failure.problems)
            word = text("error_one" if errors == 1 else "error_many")
            echo(text("build_failed_heading", name=shown, errors=errors, error_word=word), err=True)
            for problem in failure.problems:
                echo(format_problem(problem), err=True)
            code = max(code, EXIT_PROBLEMS)
        elif isinstance(failure, SamverkanError):
            echo(text("agreement_failed", name=shown, error=message(str(failure))), err=True)
            code = max(code, EXIT_PROBLEMS) if isinstance(failure, TemplateProblem) else EXIT_USAGE
        else:
            error = f"{type(failure).__name__}: {failure}"
            echo(text("agreement_internal_error", name=shown, error=error), err=True)
            code = EXIT_USAGE
    echo("", err=True)
    built = total - len(failures)
    if failures:
        names = ", ".join(unicodedata.normalize("NFC", f.name) for f, _ in failures)
        echo(text("build_summary", built=built, total=total, failed=names), err=True)
    else:
        echo(text("build_summary_ok", built=built, total=total), err=True)
    return code
