"""What each CLI command does, without click: takes paths and names, returns an exit code.

Kept apart from `cli.py` so the commands can be tested and reused without a terminal.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from samverkan_cli.checking import CheckSettings, check_folder
from samverkan_cli.collector import collect_normally
from samverkan_cli.config import CONFIG_FILE, load_config
from samverkan_cli.confinement import PathRefused, confine, confined_file, walk_files
from samverkan_cli.errors import (
    ProblemsFound,
    SamverkanError,
    TemplateProblem,
    TemplateTimedOut,
    UsageError,
)
from samverkan_cli.i18n import message, rule_explanation, rule_title, severity_word, text
from samverkan_cli.loading import display_path
from samverkan_cli.problems import Location, Problem, Severity, has_errors
from samverkan_cli.reporters import REPORTERS, CheckedAgreement
from samverkan_cli.reporting import format_problem
from samverkan_cli.repository import AGREEMENT_FILE, AGREEMENTS_DIR, Repository, find_repository
from samverkan_cli.writers.reference_check import reference_problems

TEMPLATES_DIR = "templates"

Echo = Callable[..., None]
Progress = Callable[[list[Any]], AbstractContextManager[Iterable[Any]]]
"""Wraps the work list, e.g. in a progress bar when on a terminal."""


def _no_progress(items: list[Any]) -> AbstractContextManager[Iterable[Any]]:
    return nullcontext(items)


def validate(
    cwd: Path,
    paths: list[str],
    *,
    strict: bool,
    echo: Echo,
    output_format: str = "text",
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> int:
    """Check the named agreement folders (all of them when none are named).

    Every agreement is checked before anything is printed; the reporter of `output_format`
    (see `reporters.REPORTERS`) turns all of them into the output at once.
    """
    reporter = REPORTERS.get(output_format)
    if reporter is None:
        known = ", ".join(REPORTERS)
        raise UsageError(f"okänt format '{output_format}'; kända format: {known}")
    root = _repository_root(cwd)
    settings = _settings(root, today)
    try:
        folders = _folders_to_validate(cwd, paths)
    except ProblemsFound as refused:  # `agreements/` itself refused: still in the format asked
        folders = []
        where = (root or cwd) / AGREEMENTS_DIR
        refused_dir = [CheckedAgreement(where, refused.problems)]
    else:
        refused_dir = []
    with (progress or _no_progress)(folders) as shown:
        checked = refused_dir + [
            CheckedAgreement(folder, problems)
            for folder, problems in zip(folders, check_many(shown, settings), strict=True)
        ]
    if root is not None:
        for path, found in repository_problems(root, settings).items():
            checked.insert(0, CheckedAgreement(path, found))
    echo(reporter.render(checked), nl=False)
    failed = False
    for agreement in checked:
        warned = any(p.severity is Severity.WARNING for p in agreement.problems)
        failed = failed or has_errors(agreement.problems) or (strict and warned)
    return 1 if failed else 0


PARALLEL_FROM = 16
"""From this many agreements on, validate checks them in worker processes."""


def check_many(folders: Iterable[Path], settings: CheckSettings) -> list[list[Problem]]:
    """The problems of each folder, in order. Many folders are checked by one worker per
    core (processes, since the work is Python); a few, or one core, in this process."""
    items = list(folders)
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < PARALLEL_FROM or workers < 2:
        return [check_folder(folder, settings)[1] for folder in items]
    import multiprocessing  # only a large repository pays for the pool's imports
    from concurrent.futures import ProcessPoolExecutor

    # The first agreement is checked here: that builds the models' validators (pydantic
    # defers them to first use), and forked workers inherit them instead of each building.
    first = check_folder(items[0], settings)[1]
    rest = items[1:]
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    chunk = max(1, len(rest) // (workers * 4))
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        return [first, *pool.map(_problems_of, rest, [settings] * len(rest), chunksize=chunk)]


def _problems_of(folder: Path, settings: CheckSettings) -> list[Problem]:
    return check_folder(folder, settings)[1]


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
) -> int:
    """Build one agreement by name into `out_dir` (default out/<name>), or with `every` all
    of them, each into its own folder (out/<name>, or <out_dir>/<name>). With `every`, an
    agreement with errors is reported and the others are still built (exit 1 at the end).
    With `draft`, placeholders may be left and the files are drafts (see `drafting`)."""
    from samverkan_cli.building import build_agreement  # python-docx only when building

    if every == (name is not None):
        raise UsageError("ange antingen NAMN eller --alla")
    repository = find_repository(cwd)
    settings = _settings(repository.root, today)
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
    failures: list[tuple[Path, Exception]] = []
    stopped: TemplateTimedOut | None = None
    with (progress or _no_progress)(list(zip(folders, targets, strict=True))) as jobs:
        for folder, target in jobs:
            try:
                if stopped is not None:  # the same templates would run as long again
                    raise stopped
                if out_dir is None:  # `out/<name>` may itself be a committed link out
                    repository.output_folder("out", folder.name)
                result = build_agreement(
                    folder,
                    target,
                    repository.root,
                    settings,
                    chosen,
                    pdf,
                    public=public,
                    draft=draft,
                    strict=strict,
                )
            except Exception as exc:  # one agreement's failure never stops the others
                if not every:
                    raise
                failures.append((folder, exc))
                if isinstance(exc, TemplateTimedOut):
                    stopped = exc
                continue
            finally:
                collect_normally()  # building many makes cyclic garbage (see `collector`)
            for problem in result.problems:
                echo(format_problem(problem), err=True)
            for path in result.written:
                echo(text("wrote", path=display_path(path)))
            if result.redacted is not None:
                echo(result.redacted.swedish())
    if not every:
        return 0
    return _report_failures(failures, len(folders), echo)


def _report_failures(failures: list[tuple[Path, Exception]], total: int, echo: Echo) -> int:
    """After `build --alla`: each failed agreement under a heading with its name, its
    problems or its error below it, then a summary block that names what was built and what
    failed, last (on stderr, after the `skrev` lines). The exit code is 1 when agreements had
    problems, 2 when any failed otherwise."""
    code = 0
    for folder, failure in failures:
        shown = unicodedata.normalize("NFC", folder.name)
        echo("", err=True)
        if isinstance(failure, ProblemsFound):
            errors = sum(p.severity is Severity.ERROR for p in failure.problems)
            word = text("error_one" if errors == 1 else "error_many")
            echo(text("build_failed_heading", name=shown, errors=errors, error_word=word), err=True)
            for problem in failure.problems:
                echo(format_problem(problem), err=True)
            code = max(code, 1)
        elif isinstance(failure, SamverkanError):
            echo(text("agreement_failed", name=shown, error=message(str(failure))), err=True)
            code = max(code, 1) if isinstance(failure, TemplateProblem) else 2
        else:
            error = f"{type(failure).__name__}: {failure}"
            echo(text("agreement_internal_error", name=shown, error=error), err=True)
            code = 2
    echo("", err=True)
    built = total - len(failures)
    if failures:
        names = ", ".join(unicodedata.normalize("NFC", f.name) for f, _ in failures)
        echo(text("build_summary", built=built, total=total, failed=names), err=True)
    else:
        echo(text("build_summary_ok", built=built, total=total), err=True)
    return code


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


def diff(cwd: Path, old_name: str, new_name: str, *, echo: Echo) -> int:
    """Print, as Swedish Markdown, what changed from one agreement to another."""
    from samverkan_cli.diffing import diff_folders

    repository = find_repository(cwd)
    old_folder, new_folder = repository.resolve(old_name), repository.resolve(new_name)
    echo(diff_folders(old_folder, new_folder).rstrip("\n"))
    return 0


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


def _repository_root(cwd: Path) -> Path | None:
    try:
        return find_repository(cwd).root
    except UsageError:
        return None


def _settings(root: Path | None, today: dt.date | None) -> CheckSettings:
    """The repository's samverkan.yaml and the day to check as of."""
    config = load_config(root)
    return CheckSettings(config, today) if today else CheckSettings(config)


def list_rules() -> list[str]:
    """Every rule id with its default severity, title and explanation."""
    from samverkan_cli.catalogue import all_rules

    lines = []
    for rule in all_rules():
        title = rule_title(rule.id, rule.title)
        lines.append(f"{rule.id} [{severity_word(rule.severity.value)}] {title}")
        lines.append(f"    {rule_explanation(rule.id, rule.explanation)}")
    return lines


def _folders_to_validate(cwd: Path, paths: list[str]) -> list[Path]:
    if not paths:
        return find_repository(cwd).agreement_folders()
    folders: list[Path] = []
    for raw in paths:
        path = (cwd / raw) if not Path(raw).is_absolute() else Path(raw)
        if path.is_dir() and (path / AGREEMENT_FILE).is_file():
            folders.append(path)
        elif path.is_dir() and path.name == "agreements":
            folders.extend(Repository(path.parent).agreement_folders())
        elif path.is_dir():
            raise UsageError(f"{raw} är ingen överenskommelse (mappen saknar {AGREEMENT_FILE})")
        elif path.exists():
            raise UsageError(f"{raw} är en fil; ange en överenskommelses mapp")
        else:
            folders.append(find_repository(cwd).resolve(raw))
    return folders
