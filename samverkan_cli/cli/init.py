"""`samverkan init NAMN [--från ÖVERENSKOMMELSE]`: the click command over `init.command`,
and the question which mall to start from when the terminal can answer it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from samverkan_cli.cli.terminal import complete_agreement
from samverkan_cli.core.safe_output import echo
from samverkan_cli.init.command import init

HELP_INIT = """Skapa en ny överenskommelse i agreements/NAMN.

Utan --från skrivs en komplett överenskommelse för en stadsdelsförvaltning enligt
profilen stockholm-lokal-2023 med platshållare: text inom «…» och värden markerade med
kommentaren '# FYLL I'. Med --från kopieras en befintlig överenskommelse; avtalstiden
börjar då första dagen nästa månad (med samma längd), underskrifternas och bilagornas
datum tas bort, och personers namn och överenskommelsens diarienummer blir platshållare.
Andra datum, och årtal från den gamla avtalstiden i korta texter, flyttas lika långt och
markeras '# FYLL I: kontrollera', liksom parternas organisationsnummer. --från ett av
exemplen (exempel-kommun med flera) ger samma mapp som motsvarande --mall.

Med --mall väljs formen: stadsdel (mallen ovan), kommun (en kommun med lokalt BRÅ),
flera-kommuner (ett lokalpolisområde och tre kommuner), medborgarlöfte (ett eget,
kort dokument med löften för en period från kommunen, Polisen och ett bostadsbolag),
huvudavtal (ett avtal för
flera år), underavtal (ett årligt avtal under ett huvudavtal i repositoriet, vars mapp
anges i 'huvudavtal'), egna-avsnitt (en kommun, med avsnitten i parternas egen ordning,
syfte, mål och numrerade rubriker) eller region (en region, en statlig myndighet och en
polisregion som skriver under inom Polismyndigheten). Med --part väljs mallen efter
vilken sorts part som skriver under med Polisen: kommun eller stadsdelsförvaltning. Utan
--mall och --part frågar init vid en terminal; annars används stadsdel, och init säger
hur man väljer en annan.

Mallarna utom stadsdel är exempel där varje text står inom
«Exempel: …» och ska ersättas, och där datum (flyttade med den nya avtalstiden), antal och
organisationsnummer är markerade med '# FYLL I'. Ett dokument med platshållare kvar byggs
bara som utkast: samverkan build NAMN --utkast.

Den nya mappen klarar kontrollen direkt: samverkan validate varnar (SV135) för varje
platshållare tills den är ifylld. Varje YAML-fil börjar med en kommentar som pekar ut
dess schema i schemas/, så att redigeraren kan komplettera och kontrollera.

NAMN är mappens namn; det får inte redan finnas och inte innehålla / eller '..'.
Avslutas med 0 när mappen skrevs och 2 vid felaktig användning.

\b
Exempel:
  samverkan init kista
  samverkan init järva-2025 --från järva
  samverkan init exempelby --mall kommun
  samverkan init exempelby --part kommun
  samverkan init nordost --mall flera-kommuner
  samverkan init loften-2027 --mall medborgarlöfte
  samverkan init huvudavtal-2027 --mall huvudavtal
  samverkan init underavtal-2027 --mall underavtal
  samverkan init exempelby --mall egna-avsnitt
  samverkan init regionen --mall region
  samverkan validate agreements/kista
"""


@click.command("init", help=HELP_INIT)
@click.argument("name", metavar="NAMN")
@click.option(
    "--från",
    "--fran",
    "--from",
    "source",
    metavar="ÖVERENSKOMMELSE",
    default=None,
    shell_complete=complete_agreement,
    help="Kopiera en befintlig överenskommelse (namn som för build) i stället för mallen.",
)
@click.option(
    "--mall",
    type=click.Choice(
        [
            *("stadsdel", "kommun", "flera-kommuner", "medborgarlöfte"),
            *("huvudavtal", "underavtal", "egna-avsnitt", "region"),
        ]
    ),
    default=None,
    help="Formen att börja från (utan --mall och --part: frågar, eller stadsdel).",
)
@click.option(
    "--part",
    "party_kind",
    type=click.Choice(["kommun", "stadsdelsförvaltning", "stadsdelsnämnd"]),
    default=None,
    help="Välj mallen efter den part som samverkar med Polisen (kommun: mallen kommun).",
)
@click.pass_context
def init_command(
    ctx: click.Context,
    name: str,
    source: str | None,
    mall: str | None,
    party_kind: str | None,
) -> None:
    if sum(given is not None for given in (source, mall, party_kind)) > 1:
        raise click.UsageError("ange högst ett av --från, --mall och --part")
    chosen, note = choose_mall(mall, party_kind, on_terminal=source is None and _on_terminal())
    code = init(Path.cwd(), name, source, echo=echo, mall=chosen)
    if note and source is None:
        echo(note)
    ctx.exit(code)


def _on_terminal() -> bool:
    return sys.stdin.isatty()


def choose_mall(
    mall: str | None, party_kind: str | None, *, on_terminal: bool
) -> tuple[str, str | None]:
    """The mall to use, and a note to print when it was chosen for the user: `--mall`,
    else the mall for `--part`, else asked on a terminal, else the default."""
    from samverkan_cli.init.mall_catalogue import (
        DEFAULT_MALL,
        MALL_DESCRIPTIONS,
        MALL_FOR_PARTY_KIND,
        MALLAR,
    )

    if mall is not None:
        return mall, None
    if party_kind is not None:
        return MALL_FOR_PARTY_KIND[party_kind], None
    if on_terminal:
        for number, (choice, description) in enumerate(MALL_DESCRIPTIONS.items(), start=1):
            echo(f"  {number}. {choice}: {description}")
        answer = click.prompt(
            "Vilken mall? (namn eller nummer)",
            default=DEFAULT_MALL,
            value_proc=lambda text: _mall_answer(text, list(MALLAR)),
        )
        return str(answer), None
    others = ", ".join(f"--mall {choice}" for choice in MALLAR if choice != DEFAULT_MALL)
    return DEFAULT_MALL, (
        f"mallen {DEFAULT_MALL} användes: {MALL_DESCRIPTIONS[DEFAULT_MALL]}. För en annan "
        f"form: {others} (eller --part kommun); ta bort mappen och kör init igen."
    )


def _mall_answer(text: str, mallar: list[str]) -> str:
    """A mall's name or number, else click asks again."""
    answer = text.strip().casefold()
    if answer.isdigit() and 1 <= int(answer) <= len(mallar):
        return mallar[int(answer) - 1]
    if answer in mallar:
        return answer
    raise click.BadParameter(f"välj en av {', '.join(mallar)} (eller 1–{len(mallar)})")
