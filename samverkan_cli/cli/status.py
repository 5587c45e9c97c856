"""`samverkan status`: the click command over `status.command`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from samverkan_cli.core.safe_output import echo

OUTPUT_FORMATS = ("text", "json")
"""`status.output.OUTPUT_FORMATS`, named here so that the command line starts without the
status feature (a test keeps the two equal); it is imported when the command runs."""

HELP_STATUS = """Visa avtalstid, kommande frister och vad som är försenat för varje överenskommelse.

För varje mapp under agreements/ visas avtalstiden, nästa frist (samråd om förlängning,
avtalstidens slut, revidering av lägesbilden, nästa uppföljning enligt uppföljningsplanen,
medborgarlöftenas nästa uppföljning och periodens slut), det som är försenat och
kontrollens resultat (som validate, räknat från samma dag). Överenskommelsens undantag
gäller som i validate: en frist med undantag visas som "undantag: skäl" i stället för
försenad. Under tabellen följer varje överenskommelses frister och medborgarlöftenas
räknade löften.
Avslutas med 0, med 1 när något är försenat och --strikt anges, och med 2 vid felaktig
användning.

--format json ger en versionerad struktur (se docs/referens/status-output.md och
schemas/status-output.schema.json).

\b
Exempel:
  samverkan status
  samverkan status --idag 2018-05-01
  samverkan status --format json > status.json
  samverkan status --strikt          slutkod 1 när något är försenat
"""


@click.command("status", help=HELP_STATUS)
@click.option(
    "--idag",
    "today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Räkna som om i dag vore DATUM (ÅÅÅÅ-MM-DD).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(OUTPUT_FORMATS),
    default="text",
    show_default=True,
    help="Utdataformat: en tabell (text) eller json.",
)
@click.option(
    "--strikt",
    "--strict",
    "strict",
    is_flag=True,
    help="Slutkod 1 när något är försenat.",
)
@click.pass_context
def status(ctx: click.Context, today: dt.datetime | None, output_format: str, strict: bool) -> None:
    from samverkan_cli.status.command import show_status

    ctx.exit(
        show_status(
            Path.cwd(),
            today.date() if today is not None else None,
            output_format,
            strict,
            echo=echo,
        )
    )
