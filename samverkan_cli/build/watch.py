"""`samverkan build --bevaka`: build, then build again each time a source changes.

The sources of a build are the agreement's folder, samverkan.yaml, the repository's own
templates and profiles, and the reference document. A change anywhere in them starts a new
build in the same process, which reads everything again (samverkan.yaml, profiles, today's
date) but does not start Python or import its libraries again. With `--alla`, a change inside
one agreement's folder builds only that agreement; any other change builds them all.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from samverkan_cli.build.command import build
from samverkan_cli.build.polling import WatchedSources, describe_paths, take_snapshot, watch
from samverkan_cli.check.settings import CONFIG_FILE, load_config
from samverkan_cli.core.errors import SamverkanError, UsageError, debug_requested
from samverkan_cli.core.exit_codes import EXIT_USAGE
from samverkan_cli.core.progress import Echo
from samverkan_cli.messages.language import english, text
from samverkan_cli.messages.problem_lines import report_failure
from samverkan_cli.source.loading import display_path
from samverkan_cli.source.repository import Repository, find_repository


def build_watching(
    cwd: Path,
    name: str | None,
    out_dir: Path | None,
    *,
    echo: Echo,
    every: bool = False,
    sleep: Callable[[float], None] | None = None,
    clock: Callable[[], float] | None = None,
    **options: Any,
) -> int:
    """Build as `build` does (with the same `options`: today, reference, pdf, public), then
    watch the sources and build again after each change, until Ctrl+C. A build that fails is
    reported and the watch goes on; the earlier output stays as it was. Returns the exit code
    of the last build."""
    if every == (name is not None):
        raise UsageError("ange antingen NAMN eller --alla")
    repository = find_repository(cwd)
    folder = repository.resolve(name) if name is not None else None
    timer = clock or time.perf_counter

    def build_some(folders: list[Path] | None) -> int:
        """Build `folders` (None: what was asked for); a failure is reported, not raised."""
        started = timer()
        codes = []
        for chosen in [None] if folders is None else folders:
            try:
                codes.append(
                    build(
                        cwd,
                        name if chosen is None else chosen.name,
                        out_dir if chosen is None or out_dir is None else out_dir / chosen.name,
                        echo=echo,
                        every=every and chosen is None,
                        **options,
                    )
                )
            except SamverkanError as failure:
                codes.append(report_failure(failure, echo))
            except Exception as exc:  # any failure is reported, and the watch goes on
                if debug_requested():
                    raise
                error = f"{type(exc).__name__}: {exc}"
                echo(text("watch_internal_error", error=error), err=True)
                codes.append(EXIT_USAGE)
        seconds = _decimal(f"{timer() - started:.2f}")
        echo(text("watch_built", time=_clock_time(), seconds=seconds))
        return max(codes, default=0)

    code = build_some(None)
    sources = watched_sources(repository, folder, out_dir, options.get("reference"))
    watched = [path for path in sources.folders + sources.files if path.exists()]
    shown = ", ".join(display_path(path) for path in watched)
    echo(text("watch_start", paths=shown))

    def on_change(changed: set[Path]) -> None:
        nonlocal code, sources
        echo(text("watch_changed", time=_clock_time(), paths=describe_paths(changed, cwd)))
        try:
            affected = _changed_agreements(repository, changed) if every else None
        except SamverkanError as failure:  # `agreements/` became a link out: build says so
            report_failure(failure, echo)
            affected = None
        code = build_some(affected)
        try:
            sources = watched_sources(repository, folder, out_dir, options.get("reference"))
        except Exception as exc:  # keep watching what was watched before
            if debug_requested():
                raise
            echo(text("watch_internal_error", error=f"{type(exc).__name__}: {exc}"), err=True)

    try:
        watch(lambda: take_snapshot(sources), on_change, sleep=sleep, clock=clock)
    except KeyboardInterrupt:
        echo(text("watch_stopped"))
    return code


def watched_sources(
    repository: Repository, folder: Path | None, out_dir: Path | None, reference: Path | None
) -> WatchedSources:
    """Everything a build of `folder` (None: every agreement) reads, as samverkan.yaml says
    now; the output folder is left out, so that writing it is not a change."""
    root = repository.root
    folders = [folder if folder is not None else repository.agreements_dir, root / "templates"]
    files = [root / CONFIG_FILE]
    config = load_config(root)
    folders += list(config.library.folders)
    configured = config.settings.reference
    files += [path for path in (reference, root / configured if configured else None) if path]
    if out_dir is not None:
        output = out_dir
    else:
        output = root / "out" / folder.name if folder is not None else root / "out"
    return WatchedSources(tuple(folders), tuple(files), (output,))


def _changed_agreements(repository: Repository, changed: set[Path]) -> list[Path] | None:
    """The agreement folders the changes lie in, or None when a change lies outside every
    agreement folder (samverkan.yaml, a template, a profile) or adds or removes one."""
    base = Path(repository.agreements_dir).absolute()
    existing = {path.absolute() for path in repository.agreement_folders()}
    affected: set[Path] = set()
    for path in changed:
        try:
            parts = path.relative_to(base).parts
        except ValueError:
            return None
        folder = base / parts[0]
        if len(parts) < 2 or folder not in existing:
            return None
        affected.add(folder)
    return sorted(affected)


def _clock_time() -> str:
    return dt.datetime.now().strftime("%H:%M:%S")


def _decimal(number: str) -> str:
    """Swedish writes a decimal comma."""
    return number if english() else number.replace(".", ",")
