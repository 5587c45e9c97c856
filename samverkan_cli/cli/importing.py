"""`samverkan import avtal.docx NAMN`: the click command over `importing.command`."""

from __future__ import annotations

from pathlib import Path

import click

from samverkan_cli.core.safe_output import echo

HELP_IMPORT = """Importera en överenskommelse från Word till agreements/NAMN.

Läser Word-filen (.docx) och skriver agreements/NAMN/overenskommelse.yaml (och
schemas/, som filens första rad pekar på, när de saknas eller är från en annan version,
som samverkan init gör). Rubrikerna
blir avsnitt, stycken text, punktlistor och numrerade listor listor och tabeller
tabeller. Det som känns igen blir data: parterna med organisationsnummer (NNNNNN-NNNN),
avtalstiden ("från och med … till och med …", "tills vidare"), forumen med hur ofta de
möts ("minst fyra gånger per år", "varje vecka"), undertecknarna med ort, datum, namn och
titel, titeln och diarienumret. Originalets text står som kommentar bredvid det som blev
data.

Det som inte kunde placeras står kvar som text och markeras '# IMPORT:' i filen; en
lista med styckenas nummer skrivs ut på slutet. Inget tas bort. Kör sedan samverkan
validate NAMN och rätta det som visas.

Filen läses som opålitlig: högst 20 MB, inga länkade filer hämtas, och zip-bomber och
andra skadade filer vägras. NAMN får inte redan finnas och inte innehålla / eller '..'.
Avslutas med 0 när mappen skrevs och 2 vid felaktig användning.

\b
Exempel:
  samverkan import avtal.docx kista
  samverkan validate kista
  samverkan build kista --utkast
"""


@click.command("import", help=HELP_IMPORT)
@click.argument("source", metavar="FIL.docx", type=click.Path(dir_okay=False))
@click.argument("name", metavar="NAMN")
@click.pass_context
def import_command(ctx: click.Context, source: str, name: str) -> None:
    from samverkan_cli.importing.command import import_word

    ctx.exit(import_word(Path.cwd(), source, name, echo=echo))
