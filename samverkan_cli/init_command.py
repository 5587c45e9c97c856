"""`samverkan init NAMN [--från ÖVERENSKOMMELSE]`: the click command over `initialise`.

Registered in `cli.py` with `cli.add_command`; the library is imported only when the command
runs, so `samverkan --help` stays fast.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

import click

from samverkan_cli.safe_output import echo, visible

Echo = Callable[..., None]

HELP_INIT = """Skapa en ny överenskommelse i agreements/NAMN.

Utan --från skrivs en komplett överenskommelse enligt standardprofilen
(stockholm-lokal-2023) med platshållare: text inom «…» och värden markerade med
kommentaren '# FYLL I'. Med --från kopieras en befintlig överenskommelse; avtalstiden
börjar då första dagen nästa månad (med samma längd), underskrifternas och bilagornas
datum tas bort, och personers namn och överenskommelsens diarienummer blir platshållare.
Andra datum, och årtal från den gamla avtalstiden i korta texter, flyttas lika långt och
markeras '# FYLL I: kontrollera', liksom parternas organisationsnummer. --från ett av
exemplen (exempel-kommun med flera) ger samma mapp som motsvarande --mall.

Med --mall väljs formen: stadsdel (mallen ovan), kommun (en kommun med lokalt BRÅ),
flera-kommuner (ett lokalpolisområde och tre kommuner) eller medborgarlöfte (ett eget,
kort dokument med ett års löften från kommunen och Polisen). Med --part väljs mallen efter
vilken sorts part som skriver under med Polisen: kommun eller stadsdelsförvaltning. Utan
--mall och --part frågar init vid en terminal; annars används stadsdel, och init säger
hur man väljer en annan.

Mallarna kommun, flera-kommuner och medborgarlöfte är exempel där varje text står inom
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
    help="Kopiera en befintlig överenskommelse (namn som för build) i stället för mallen.",
)
@click.option(
    "--mall",
    type=click.Choice(["stadsdel", "kommun", "flera-kommuner", "medborgarlöfte"]),
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
    from samverkan_cli.initialise import (
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


def init(
    cwd: Path,
    name: str,
    source: str | None,
    *,
    echo: Echo,
    today: dt.date | None = None,
    mall: str = "stadsdel",
) -> int:
    """Write the new agreement folder, then say what was written and what is left to do."""
    from samverkan_cli.checking import CheckSettings, check_folder
    from samverkan_cli.config import load_config
    from samverkan_cli.initialise import (
        SCHEMAS_DIR,
        initialise,
        repository_for_init,
    )
    from samverkan_cli.loading import display_path
    from samverkan_cli.problems import Severity
    from samverkan_cli.reporting import summary
    from samverkan_cli.rules.placeholders import RULE_PLACEHOLDER

    repository = repository_for_init(cwd)
    result = initialise(repository, name, source, today=today, mall=mall)
    for path in result.written:
        echo(f"skrev {visible(display_path(path))}")
    if result.example is not None:
        echo(
            f"{visible(str(source))} är ett exempel: kopian är gjord som mallen "
            f"{result.example}, med exemplets texter, datum och antal som platshållare "
            f"(samma som --mall {result.example})."
        )
    config = load_config(repository.root)
    settings = CheckSettings(config, today) if today else CheckSettings(config)
    problems = check_folder(result.folder, settings)[1]
    shown = display_path(result.folder)
    echo(summary(shown, problems))
    left = sum(p.rule == RULE_PLACEHOLDER and p.severity is not Severity.INFO for p in problems)
    if left:
        echo(
            f"{left} platshållare att fylla i ({RULE_PLACEHOLDER}); "
            f"'samverkan validate {Path(shown).as_posix()}' visar var."
        )
    if not (repository.root / SCHEMAS_DIR).is_dir():
        echo(
            f"obs: mappen {SCHEMAS_DIR}/ saknas; kör 'samverkan schema' så att redigeraren "
            "hittar schemana som filerna pekar på."
        )
    return 0


__all__ = ["HELP_INIT", "choose_mall", "init", "init_command"]
