"""`samverkan diff GAMMAL NY`: the click command over `diff.versions`."""

from __future__ import annotations

from pathlib import Path

import click

from samverkan_cli.cli.terminal import complete_agreement
from samverkan_cli.core.exit_codes import EXIT_OK
from samverkan_cli.core.safe_output import echo

HELP_DIFF = """Visa vad som ändrats mellan två versioner av en överenskommelse.

GAMMAL och NY är mappnamn under agreements/, som för build. Skillnaderna skrivs som
Markdown: överenskommelsen avsnitt för avsnitt (parter, forum och mötesfrekvenser,
bilagor, tid, lägesbildens underlag och ändrade stycken), sedan varje bilagefil bilaga
för bilaga och tjänsteutlåtandet. Avslutas med 0 (även när det finns skillnader),
1 om en av versionerna inte kan läsas och 2 vid felaktig användning.

\b
Exempel:
  samverkan diff järva-2023 järva
  samverkan diff järva-2023 järva > andringar.md
"""


@click.command("diff", help=HELP_DIFF)
@click.argument("old_name", metavar="GAMMAL", shell_complete=complete_agreement)
@click.argument("new_name", metavar="NY", shell_complete=complete_agreement)
@click.pass_context
def diff_command(ctx: click.Context, old_name: str, new_name: str) -> None:
    from samverkan_cli.diff.versions import diff_folders
    from samverkan_cli.source.repository import find_repository

    repository = find_repository(Path.cwd())
    old_folder, new_folder = repository.resolve(old_name), repository.resolve(new_name)
    echo(diff_folders(old_folder, new_folder).rstrip("\n"))
    ctx.exit(EXIT_OK)
