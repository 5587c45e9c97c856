"""`samverkan validate [SÖKVÄG]...`: the click command over `validate.command`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from samverkan_cli.cli.terminal import complete_agreement_or_path, progress_bar
from samverkan_cli.core.safe_output import echo, echo_github
from samverkan_cli.messages.language import text

OUTPUT_FORMATS = ("text", "json", "github", "sarif", "gitlab", "markdown")
"""`messages.reporters.FORMATS`, named here so that the command line starts without the
reporters (a test keeps the two equal); they are imported when the command runs."""

HELP_VALIDATE = """Kontrollera överenskommelser mot scheman och regler.

Utan SÖKVÄG kontrolleras alla mappar under agreements/. En SÖKVÄG är en överenskommelses
mapp, dess namn eller en fil: en fil i en överenskommelses mapp kontrollerar den
överenskommelsen, samverkan.yaml och filer i profilmapparna alla; andra filer hoppas över.
Avslutas med 0 när inget fel hittades, 1 vid fel och 2 vid felaktig användning.

--format väljer utdata: text (standard), json (se docs/referens/validate-output.md),
github (annoteringar i GitHub Actions), sarif (SARIF 2.1.0 för kodskanning), gitlab
(Code Quality-rapport för GitLab) eller markdown (sammanfattning för jobbet i GitHub
Actions).

\b
Exempel:
  samverkan validate
  samverkan validate agreements/järva
  samverkan validate agreements/järva/overenskommelse.yaml samverkan.yaml
  samverkan validate --strikt
  samverkan validate --tyst
  samverkan validate --format json > resultat.json
  samverkan validate --format github
  samverkan validate --format sarif > samverkan.sarif
  samverkan validate --format gitlab > gl-code-quality-report.json
  samverkan validate --format markdown >> "$GITHUB_STEP_SUMMARY"
"""


@click.command("validate", help=HELP_VALIDATE)
@click.argument("paths", nargs=-1, metavar="[SÖKVÄG]...", shell_complete=complete_agreement_or_path)
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
    type=click.Choice(OUTPUT_FORMATS),
    default="text",
    show_default=True,
    help="Utdataformat: text, json, GitHub Actions-annoteringar, SARIF 2.1.0, GitLab Code "
    "Quality eller Markdown.",
)
@click.option(
    "--tyst",
    "--quiet",
    "-q",
    "quiet",
    is_flag=True,
    help="Visa bara problemen och en sammanfattande rad (för pre-commit).",
)
@click.pass_context
def validate_command(
    ctx: click.Context,
    paths: tuple[str, ...],
    strict: bool,
    today: dt.datetime | None,
    output_format: str,
    quiet: bool,
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
        quiet=quiet,
    )
    ctx.exit(code)
