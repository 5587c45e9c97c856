"""`samverkan kalender NAMN`: the click command over `calendar.command`."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import click

from samverkan_cli.calendar.command import FIRST_YEAR, LAST_YEAR, YEAR_EXAMPLE, write_calendar
from samverkan_cli.cli.terminal import complete_agreement
from samverkan_cli.core.safe_output import echo, visible

HELP_CALENDAR = """Skriv överenskommelsens möten och tidsfrister som kalender och årshjul.

NAMN är mappens namn under agreements/, som för build. Kalendern är en iCalendar-fil
(.ics) att importera i Outlook, Google Kalender och andra kalendrar: forumens och
åtgärdsplanernas möten, uppföljningen, revideringen av lägesbilden och avtalstidens
datum (början, slut och sista dag för samråd om förlängning). Årshjulet visar samma
händelser som SVG och PNG. Bara datum inom avtalstiden och inom året kommer med.

När överenskommelsen bara anger hur ofta ett forum möts (till exempel minst två (2)
tillfällen per år) fördelas mötena jämnt över perioden och markeras som preliminära:
datumen är platshållare för planeringen. Ett möte hålls på det klockslag som mötestexten
anger (kl 18.30, 18.30–20.00, klockan 9), annars 09.00–11.00 som förslag; anger texten bara
starttiden varar mötet två timmar.

Planerade möten läggs på arbetsdagar: inte på lördagar, söndagar, helgdagar, midsommarafton,
julafton eller nyårsafton. Veckodagar som överenskommelsen anger gäller, lördag och söndag
också, men aldrig en helgdag eller afton. Tidsfrister som räknas fram (samråd om förlängning)
läggs på sista arbetsdagen före. Året ska vara ett årtal med fyra siffror (2000–2100) inom
avtalstiden. Skrivs kalendern igen får ändrade händelser ett högre SEQUENCE, så att
kalenderprogram som redan importerat filen uppdaterar dem; den förra .ics-filen i
utmappen läses för det, och med --out till en mapp utan en sådan fil den i out/NAMN.

\b
Exempel:
  samverkan kalender järva                  innevarande år, till out/järva/
  samverkan kalender järva --år 2026
  samverkan kalender rinkeby-kista-2017 --år 2018 --out /tmp/kalender
"""


class YearType(click.ParamType[int]):
    """A year written with four digits in FIRST_YEAR…LAST_YEAR: `--år 25` is refused, not
    taken as the year 25."""

    name = "ÅÅÅÅ"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        text = str(value).strip()
        shown = visible(text if len(text) <= 20 else text[:20] + "…")
        if not re.fullmatch(r"[0-9]{4}", text, re.ASCII):
            self.fail(
                f"--år ska vara ett årtal med fyra siffror, t.ex. {YEAR_EXAMPLE} (inte '{shown}')",
                param,
                ctx,
            )
        year = int(text)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            self.fail(
                f"--år {shown} ligger utanför åren {FIRST_YEAR}–{LAST_YEAR}; ange ett årtal "
                f"med fyra siffror, t.ex. {YEAR_EXAMPLE}",
                param,
                ctx,
            )
        return year


@click.command("kalender", help=HELP_CALENDAR)
@click.argument("name", metavar="NAMN", shell_complete=complete_agreement)
@click.option(
    "--år",
    "--year",
    "year",
    type=YearType(),
    default=None,
    metavar="ÅÅÅÅ",
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
    if year is None:
        write_calendar(Path.cwd(), name, dt.date.today().year, out_dir, echo=echo, chosen=False)
    else:
        write_calendar(Path.cwd(), name, year, out_dir, echo=echo)
