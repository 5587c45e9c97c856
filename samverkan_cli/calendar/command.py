"""`samverkan kalender NAMN` without click: an agreement's year written as an iCalendar file
and an årshjul, all or none of them; the year checked against the term.

The click command is `cli.calendar`; its group maps the errors raised here to exit codes
(ProblemsFound 1, UsageError and OutputError 2). The libraries this needs (icalendar,
Pillow) are imported only when the command runs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from samverkan_cli.core.errors import UsageError
from samverkan_cli.core.safe_output import visible

if TYPE_CHECKING:
    from samverkan_cli.calendar.sequence import PreviousCalendar
    from samverkan_cli.model.agreement import Agreement
    from samverkan_cli.source.repository import Repository

Echo = Callable[..., None]

FIRST_YEAR = 2000
LAST_YEAR = 2100
"""The years a calendar can be made for: Sweden's helgdagar are known to 2100, and a year
before 2000 is a typing mistake rather than a plan."""
YEAR_EXAMPLE = "--år 2026"


def term_years(agreement: Agreement) -> tuple[int, int] | None:
    """The first and last year the term covers, kept to FIRST_YEAR…LAST_YEAR; None when
    the agreement has no term."""
    term = agreement.term
    if term is None:
        return None
    last = term.end_date.year if term.end_date is not None else LAST_YEAR
    return max(term.start.year, FIRST_YEAR), min(last, LAST_YEAR)


def check_year(agreement: Agreement, year: int, *, chosen: bool) -> None:
    """Refuse a year the term does not cover, showing the term and a year it does."""
    years = term_years(agreement)
    term = agreement.term
    if years is None or term is None or years[0] <= year <= years[1]:
        return
    first, last = years
    end = term.end_date.iso() if term.end_date is not None else "tills vidare"
    shown = f"{term.start.iso()}–{end}"
    example = f"--år {min(max(year, first), last)}" if first <= last else None
    if first > last:
        raise UsageError(
            f"avtalstiden {shown} ligger utanför åren {FIRST_YEAR}–{LAST_YEAR}, som "
            "kalendern kan göras för"
        )
    span = f"från {first} till {last}" if first < last else f"{first}"
    if chosen:
        raise UsageError(
            f"--år {year} ligger utanför avtalstiden {shown}; ange ett år {span}, t.ex. {example}"
        )
    raise UsageError(
        f"innevarande år {year} ligger utanför avtalstiden {shown}; ange ett år {span} med "
        f"--år, t.ex. {example}"
    )


def write_calendar(
    cwd: Path,
    name: str,
    year: int,
    out_dir: Path | None,
    *,
    echo: Echo,
    chosen: bool = True,
) -> list[Path]:
    """Write `<filnamn>-<år>.ics` and the årshjul as `<filnamn>-arshjul-<år>.svg` and `.png`
    into `out_dir` (default out/<name>), all or none of them; returns the paths written.
    Raises `ProblemsFound` when the agreement or a bilaga cannot be read, `UsageError` when
    the term does not cover `year` (`chosen`: given with --år, else the current year)."""
    from samverkan_cli.calendar.events import agreement_calendar
    from samverkan_cli.calendar.ics import PRODID, calendar_ics
    from samverkan_cli.calendar.sequence import read_previous
    from samverkan_cli.calendar.year_wheel import year_wheel
    from samverkan_cli.core.atomic import write_files_atomically
    from samverkan_cli.core.errors import ProblemsFound
    from samverkan_cli.core.problems import has_errors
    from samverkan_cli.render.agreement_document import output_stem
    from samverkan_cli.rules.output_limits import output_name_problems
    from samverkan_cli.source.loading import display_path, load_agreement
    from samverkan_cli.source.repository import find_repository

    repository = find_repository(cwd)
    folder = repository.resolve(name)
    loaded = load_agreement(folder)
    if loaded.agreement is None or has_errors(loaded.problems):
        raise ProblemsFound(loaded.problems)
    refused = output_name_problems(loaded)  # the files are named as build names them
    if refused:
        raise ProblemsFound(refused)
    check_year(loaded.agreement, year, chosen=chosen)
    calendar = agreement_calendar(loaded, year)
    target = out_dir if out_dir is not None else repository.output_folder("out", folder.name)
    stem = output_stem(loaded.agreement)
    ics_path = target / f"{stem}-{year}.ics"
    previous = read_previous(ics_path, PRODID)
    if out_dir is not None and not os.path.lexists(ics_path):
        previous = _default_folder_previous(repository, folder.name, ics_path, echo)
    if previous.note is not None:
        echo(f"samverkan: {previous.note}", err=True)
    svg, png = year_wheel(calendar)
    written = write_files_atomically(
        {
            ics_path: calendar_ics(calendar, previous),
            target / f"{stem}-arshjul-{year}.svg": svg.encode("utf-8"),
            target / f"{stem}-arshjul-{year}.png": png,
        }
    )
    for path in written:
        echo(f"skrev {visible(display_path(path))}")
    if not calendar.events:
        echo(f"samverkan: inga händelser med datum under {year}", err=True)
    return written


def _default_folder_previous(
    repository: Repository, name: str, ics_path: Path, echo: Echo
) -> PreviousCalendar:
    """The calendar written before in the default output folder (out/NAMN), read when
    `--out` names a folder without one: SEQUENCE then goes on from it instead of starting
    again at 0. Only a folder inside the repository is read (`output_folder` refuses an
    `out` link that leads elsewhere); none found is an empty calendar."""
    from samverkan_cli.calendar.ics import PRODID
    from samverkan_cli.calendar.sequence import PreviousCalendar, read_previous
    from samverkan_cli.source.loading import display_path

    try:
        default = repository.output_folder("out", name) / ics_path.name
    except UsageError:
        return PreviousCalendar()
    if not os.path.lexists(default) or _same_file(default, ics_path):
        return PreviousCalendar()
    previous = read_previous(default, PRODID)
    if previous.events:
        echo(
            f"samverkan: SEQUENCE räknas vidare från {visible(display_path(default))}, "
            "kalendern som skrevs förra gången",
            err=True,
        )
    return previous


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve()
    except (OSError, RuntimeError):
        return False
