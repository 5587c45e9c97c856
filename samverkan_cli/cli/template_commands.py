"""`samverkan mallar exportera [MAPP]` and `samverkan mallar lista`: the click commands over
`build.template_export` (the templates and reference document a kommun adapts)."""

from __future__ import annotations

from pathlib import Path

import click
from click.shell_completion import CompletionItem

from samverkan_cli.core.safe_output import echo

HELP_TEMPLATES = """Egna mallar och referensdokument: exportera och lista.

En överenskommelse skrivs med mallar (Jinja, en fil per dokument, avsnitt och bilaga) och
DOCX- och PDF-filerna får sina formatmallar från ett referensdokument (reference.docx).
En mall i repositoriets templates/ gäller före samverkans egen med samma namn.

\b
Exempel:
  samverkan mallar lista
  samverkan mallar exportera
  samverkan mallar exportera --bara reference.docx
"""

HELP_EXPORT = """Skriv samverkans mallar och referensdokument till MAPP för att ändra dem.

Utan MAPP skrivs de till templates/ i repositoriet, där build läser egna mallar: de gäller
då direkt, fil för fil (templates/reference.docx gäller om inte samverkan.yaml anger
referens:). MAPP måste ligga i repositoriet. Filer som redan finns ersätts bara med
--skriv-över; annars skrivs ingenting. Med --bara väljs en mall (avsnitt/syfte.md.j2), en
mapp (avsnitt, bilagor) eller referensdokumentet (reference.docx).
Avslutas med 0 när filerna skrevs och 2 vid felaktig användning.

\b
Exempel:
  samverkan mallar exportera
  samverkan mallar exportera --bara reference.docx
  samverkan mallar exportera --bara avsnitt/syfte.md.j2 --bara avsnitt/mal.md.j2
  samverkan mallar exportera mallar-original       för att jämföra, utan att de gäller
  samverkan mallar exportera --skriv-över          ersätt egna ändringar med originalen
"""

HELP_LIST = """Visa samverkans mallar och vilka som repositoriet har egna versioner av.

För varje mall visas om build använder den inbyggda eller en egen i templates/ (och om den
egna är ändrad), sedan repositoriets egna mallar som inte ersätter någon inbyggd och vilket
referensdokument som används.

\b
Exempel:
  samverkan mallar lista
"""


def complete_template(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The names `--bara` accepts, for shell completion; nothing when they cannot be read."""
    try:
        from samverkan_cli.build.template_export import shipped_names

        names = shipped_names()
    except Exception:  # a completion never fails: it offers nothing instead
        return []
    return [CompletionItem(name) for name in names if name.startswith(incomplete)]


@click.group(
    "mallar",
    help=HELP_TEMPLATES,
    options_metavar="[ALTERNATIV]",
    subcommand_metavar="KOMMANDO [ARGUMENT]...",
)
def templates_group() -> None:
    pass


@templates_group.command("exportera", help=HELP_EXPORT, options_metavar="[ALTERNATIV]")
@click.argument(
    "folder", metavar="[MAPP]", required=False, type=click.Path(file_okay=False, dir_okay=True)
)
@click.option(
    "--skriv-över",
    "--skriv-over",
    "--overwrite",
    "overwrite",
    is_flag=True,
    help="Ersätt filer som redan finns (ändringar i dem går förlorade).",
)
@click.option(
    "--bara",
    "--only",
    "only",
    multiple=True,
    metavar="MALL",
    shell_complete=complete_template,
    help="Exportera bara den här mallen, mappen eller reference.docx (kan upprepas).",
)
@click.pass_context
def export_command(
    ctx: click.Context, folder: str | None, overwrite: bool, only: tuple[str, ...]
) -> None:
    from samverkan_cli.build.template_export import export_templates

    ctx.exit(export_templates(Path.cwd(), folder, overwrite=overwrite, only=list(only), echo=echo))


@templates_group.command("lista", help=HELP_LIST, options_metavar="[ALTERNATIV]")
@click.pass_context
def list_command(ctx: click.Context) -> None:
    from samverkan_cli.build.template_export import list_templates

    ctx.exit(list_templates(Path.cwd(), echo=echo))
