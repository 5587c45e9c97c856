"""`samverkan kalender NAMN`: an agreement's year as an iCalendar file and an årshjul.

Registered in `cli.py` with `cli.add_command`; the group there maps the errors raised here to
exit codes (ProblemsFound 1, UsageError and OutputError 2). The libraries this needs
(icalendar, Pillow) are imported only when the command runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import click

from samverkan_cli.safe_output import echo, visible

Echo = Callable[..., None]

HELP_CALENDAR = """Skriv överenskommelsens möten och tidsfrister som kalender och årshjul.

NAMN är mappens namn under agreements/, som för build. Kalendern är en iCalendar-fil
(.ics) att importera i Outlook, Google Kalender och andra kalendrar: forumens och
åtgärdsplanernas möten, uppföljningen, revideringen av lägesbilden och avtalstidens
datum (början, slut och sista dag för samråd om förlängning). Årshjulet visar samma
händelser som SVG och PNG. Bara datum inom avtalstiden och inom året kommer med.

När överenskommelsen bara anger hur ofta ett forum möts (till exempel minst två (2)
tillfällen per år) fördelas mötena jämnt över perioden och markeras som preliminära:
datumen är platshållare för planeringen. Mötenas klockslag 09.00–11.00 är ett förslag.

\b
Exempel:
  samverkan kalender järva                  innevarande år, till out/järva/
  samverkan kalender järva --år 2026
  samverkan kalender rinkeby-kista-2017 --år 2018 --out /tmp/kalender
"""


def write_calendar(
    cwd: Path, name: str, year: int, out_dir: Path | None, *, echo: Echo
) -> list[Path]:
    """Write `<filnamn>-<år>.ics` and the årshjul as `<filnamn>-arshjul-<år>.svg` and `.png`
    into `out_dir` (default out/<name>), all or none of them; returns the paths written.
    Raises `ProblemsFound` when the agreement or a bilaga cannot be read."""
    from samverkan_cli.arshjul import year_wheel
    from samverkan_cli.atomic import write_files_atomically
    from samverkan_cli.calendar_events import agreement_calendar
    from samverkan_cli.calendar_ics import calendar_ics
    from samverkan_cli.errors import ProblemsFound
    from samverkan_cli.loading import display_path, load_agreement
    from samverkan_cli.problems import has_errors
    from samverkan_cli.rendering import output_stem
    from samverkan_cli.repository import find_repository
    from samverkan_cli.rules.output_limits import output_name_problems

    repository = find_repository(cwd)
    folder = repository.resolve(name)
    loaded = load_agreement(folder)
    if loaded.agreement is None or has_errors(loaded.problems):
        raise ProblemsFound(loaded.problems)
    refused = output_name_problems(loaded)  # the files are named as build names them
    if refused:
        raise ProblemsFound(refused)
    calendar = agreement_calendar(loaded, year)
    target = out_dir if out_dir is not None else repository.output_folder("out", folder.name)
    stem = output_stem(loaded.agreement)
    svg, png = year_wheel(calendar)
    written = write_files_atomically(
        {
            target / f"{stem}-{year}.ics": calendar_ics(calendar),
            target / f"{stem}-arshjul-{year}.svg": svg.encode("utf-8"),
            target / f"{stem}-arshjul-{year}.png": png,
        }
    )
    for path in written:
        echo(f"skrev {visible(display_path(path))}")
    if not calendar.events:
        echo(f"samverkan: inga händelser med datum under {year}", err=True)
    return written


@click.command("kalender", help=HELP_CALENDAR)
@click.argument("name", metavar="NAMN")
@click.option(
    "--år",
    "--year",
    "year",
    type=click.IntRange(1, 9998),
    default=None,
    metavar="ÅR",
    help="Året som kalendern och årshjulet gäller (standard: innevarande år).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=True, dir_okay=True),
    default=None,
    help="Mapp att skriva till (standard: out/NAMN i repositoriet).",
)
def calendar_command(name: str, year: int | None, out_dir: Path | None) -> None:
    chosen = year if year is not None else dt.date.today().year
    write_calendar(Path.cwd(), name, chosen, out_dir, echo=echo)
