"""`samverkan init NAMN [--från ÖVERENSKOMMELSE]`: the click command over `initialise`.

Registered in `cli.py` with `cli.add_command`; the library is imported only when the command
runs, so `samverkan --help` stays fast.
"""

from __future__ import annotations

import datetime as dt
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

Med --mall väljs formen: stadsdel (standard, mallen ovan), kommun (en kommun med lokalt
BRÅ), flera-kommuner (ett lokalpolisområde och tre kommuner) eller medborgarlöfte (ett
eget, kort dokument med ett års löften från kommunen och Polisen, räknade löften per
fokusområde och uppföljningsdagar). Mallarna är exempel med avtalstid, datum och personer
rensade; medborgarlöftenas period och uppföljningsdagar flyttas med avtalstiden och
markeras med '# FYLL I'.

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
    help="Formen att börja från (standard: stadsdel).",
)
@click.pass_context
def init_command(ctx: click.Context, name: str, source: str | None, mall: str | None) -> None:
    if source is not None and mall is not None:
        raise click.UsageError("ange antingen --från eller --mall")
    ctx.exit(init(Path.cwd(), name, source, echo=echo, mall=mall or "stadsdel"))


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


__all__ = ["HELP_INIT", "init", "init_command"]
