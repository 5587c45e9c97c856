"""`samverkan build [NAMN]`: the click command over `build.command` (and `build.watch` for
--bevaka)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path

import click

from samverkan_cli.cli.terminal import complete_agreement, progress_bar
from samverkan_cli.core.safe_output import echo
from samverkan_cli.messages.language import text

HELP_BUILD = """Kontrollera och bygg en överenskommelse till Markdown och DOCX.

NAMN är mappens namn under agreements/ (stora och små bokstäver och å, ä, ö spelar
ingen roll: 'jarva' hittar 'järva'); --alla bygger alla överenskommelser. Ingenting skrivs
om en kontroll ger fel.

\b
Exempel:
  samverkan build järva
  samverkan build järva --out /tmp/utdata
  samverkan build järva --pdf
  samverkan build järva --html --publik   en webbsida att publicera (…-publik.html)
  samverkan build --alla
  samverkan build järva --bevaka     bygg om vid varje ändring, tills Ctrl+C
  samverkan build kista --utkast     ett utkast med platshållare kvar (kista-utkast.md …)
"""


@click.command("build", help=HELP_BUILD)
@click.argument("name", metavar="[NAMN]", required=False, shell_complete=complete_agreement)
@click.option("--alla", "every", is_flag=True, help="Bygg alla överenskommelser.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=True, dir_okay=True),
    default=None,
    help="Mapp att skriva till (standard: out/NAMN i repositoriet).",
)
@click.option(
    "--idag",
    "today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Kontrollera som om i dag vore DATUM (ÅÅÅÅ-MM-DD).",
)
@click.option(
    "--referens",
    "reference",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Ett .docx vars formatmallar dokumenten skrivs med (kommunens grafiska profil).",
)
@click.option(
    "--pdf", is_flag=True, help="Skriv också PDF/A (för diarium och e-arkiv) med LibreOffice."
)
@click.option(
    "--html",
    is_flag=True,
    help="Skriv också en tillgänglig HTML-sida (WCAG 2.1 AA) för webbplatsen.",
)
@click.option(
    "--publik",
    "public",
    is_flag=True,
    help="Skriv också en publik version (-publik) utan personnummer, telefon, e-post och namn.",
)
@click.option(
    "--bevaka",
    "watching",
    is_flag=True,
    help="Bygg om varje gång en källfil ändras, tills Ctrl+C (samma process: snabbt).",
)
@click.option(
    "--utkast",
    "draft",
    is_flag=True,
    help="Bygg trots platshållare (SV135): filerna heter -utkast och varje sida märks UTKAST.",
)
@click.option(
    "--strikt",
    "--strict",
    "strict",
    is_flag=True,
    help="En varning stoppar bygget som ett fel, också något som ser personligt ut i -publik.",
)
@click.pass_context
def build_command(
    ctx: click.Context,
    name: str,
    out_dir: Path | None,
    today: dt.datetime | None,
    reference: Path | None,
    pdf: bool,
    every: bool,
    public: bool,
    watching: bool,
    draft: bool,
    strict: bool,
    html: bool,
) -> None:
    command: Callable[..., int]
    if watching:
        from samverkan_cli.build.watch import build_watching as command
    else:
        from samverkan_cli.build.command import build

        command = partial(build, progress=progress_bar(text("building")))
    code = command(
        Path.cwd(),
        name,
        out_dir,
        echo=echo,
        today=today.date() if today else None,
        reference=reference,
        pdf=pdf,
        every=every,
        public=public,
        draft=draft,
        strict=strict,
        html=html,
    )
    ctx.exit(code)
