"""`samverkan validate [SÖKVÄG]...`: the click command over `validate.command`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from samverkan_cli.cli.terminal import progress_bar
from samverkan_cli.core.safe_output import echo, echo_github
from samverkan_cli.messages.language import text
from samverkan_cli.messages.reporters import FORMATS

HELP_VALIDATE = """Kontrollera överenskommelser mot scheman och regler.

Utan SÖKVÄG kontrolleras alla mappar under agreements/. Avslutas med 0 när inget fel
hittades, 1 vid fel och 2 vid felaktig användning.

--format väljer utdata: text (standard), json (se README.md), github (annoteringar i
GitHub Actions) eller sarif (SARIF 2.1.0 för kodskanning).

\b
Exempel:
  samverkan validate
  samverkan validate agreements/järva
  samverkan validate --strikt
  samverkan validate --format json > resultat.json
  samverkan validate --format github
  samverkan validate --format sarif > samverkan.sarif
"""


@click.command("validate", help=HELP_VALIDATE)
@click.argument("paths", nargs=-1, metavar="[SÖKVÄG]...")
@click.option("--strikt", "--strict", "strict", is_flag=True, help="Varningar ger också slutkod 1.")
@click.option(
    "--idag",
    "today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Kontrollera som om i dag vore DATUM (ÅÅÅÅ-MM-DD): tidsfrister, lägesbildens ålder.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Utdataformat: text, json, GitHub Actions-annoteringar eller SARIF 2.1.0.",
)
@click.pass_context
def validate_command(
    ctx: click.Context,
    paths: tuple[str, ...],
    strict: bool,
    today: dt.datetime | None,
    output_format: str,
) -> None:
    from samverkan_cli.validate.command import validate

    code = validate(
        Path.cwd(),
        list(paths),
        strict=strict,
        echo=echo_github if output_format == "github" else echo,
        output_format=output_format,
        today=today.date() if today else None,
        progress=progress_bar(text("checking")),
    )
    ctx.exit(code)
