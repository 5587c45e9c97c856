"""The `samverkan` command: a thin click layer over the library.

Exit codes, in one place (`_Group.invoke`): 0 clean, 1 error-level problems (warnings too with
--strikt), 2 wrong use, missing repository, or output that could not be written. The user
never sees a Python traceback unless they ask for one with --debug.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
import traceback
from collections.abc import Callable
from contextlib import nullcontext, suppress
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

import click
from click.shell_completion import CompletionItem

from samverkan_cli.click_swedish import install as install_swedish_click
from samverkan_cli.click_swedish import swedish_gettext
from samverkan_cli.collector import defer_collection
from samverkan_cli.errors import DEBUG_VARIABLE, SamverkanError
from samverkan_cli.i18n import (
    LANGUAGES,
    Language,
    catalogue,
    language_from_environment,
    set_language,
    text,
)
from samverkan_cli.reporters import FORMATS
from samverkan_cli.reporting import EXIT_PROBLEMS, EXIT_USAGE, report_failure
from samverkan_cli.safe_output import echo, echo_github, protect_console

install_swedish_click()  # before the commands below are declared: click's texts in Swedish

EXIT_OK = 0
EXIT_BROKEN_PIPE = 141
"""128 + SIGPIPE, what a program killed by a closed pipe ends with."""

HELP_MAIN = """Kontrollera och bygg lokala samverkansöverenskommelser.

\b
Exempel:
  samverkan validate                 kontrollera alla överenskommelser
  samverkan validate agreements/järva
  samverkan build järva              skriv out/järva/*.md och *.docx
  samverkan build järva --out DIR
  samverkan diff järva-2023 järva    visa vad som ändrats mellan två versioner
"""

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

HELP_BUILD = """Kontrollera och bygg en överenskommelse till Markdown och DOCX.

NAMN är mappens namn under agreements/ (stora och små bokstäver och å, ä, ö spelar
ingen roll: 'jarva' hittar 'järva'); --alla bygger alla överenskommelser. Ingenting skrivs
om en kontroll ger fel.

\b
Exempel:
  samverkan build järva
  samverkan build järva --out /tmp/utdata
  samverkan build järva --pdf
  samverkan build --alla
  samverkan build järva --bevaka     bygg om vid varje ändring, tills Ctrl+C
  samverkan build kista --utkast     ett utkast med platshållare kvar (kista-utkast.md …)
"""

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

HELP_SCHEMA = """Skriv JSON Schema för varje filtyp till schemas/ (för redigerarens komplettering).

\b
Exempel:
  samverkan schema
"""

HELP_RULES = """Lista alla regler med id, allvarlighetsgrad, titel och förklaring.

\b
Exempel:
  samverkan regler
  samverkan --lang en regler
"""


class _Group(click.Group):
    """Maps the library's errors to exit codes and Swedish messages in one place."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:  # its message may quote an argument: shown safely
            shown = io.StringIO()
            exc.show(file=shown)
            echo(shown.getvalue(), err=True, nl=False)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort):
            raise
        except SamverkanError as exc:
            ctx.exit(report_failure(exc, echo))
        except BrokenPipeError:  # the reader closed the pipe (`| head`): end as `cat` does
            ctx.exit(EXIT_BROKEN_PIPE)
        except Exception as exc:  # the last line of defence: never a bare traceback
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            echo(text("internal_error", error=f"{type(exc).__name__}: {exc}"), err=True)
            echo(text("rerun_debug"), err=True)
            ctx.exit(EXIT_USAGE)
        return None


def progress_bar(label: str) -> Any:
    """A progress bar on stderr for more than one item when stderr is a terminal; quiet
    otherwise (CI logs, pipes)."""

    def wrap(items: list[Any]) -> Any:
        if len(items) > 1 and sys.stderr.isatty():
            return click.progressbar(items, label=label, file=sys.stderr)
        return nullcontext(items)

    return wrap


def complete_agreement(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Shell completion of agreement names (see README: shell completion)."""
    from samverkan_cli.repository import find_repository

    try:
        names = find_repository(Path.cwd()).agreement_names()
    except SamverkanError:
        return []
    return [CompletionItem(n) for n in names if n.casefold().startswith(incomplete.casefold())]


def _choose_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """--lang wins over the environment; runs before --help so help comes in that language."""
    if value is not None:
        use_language(ctx.find_root().command, value)  # type: ignore[arg-type]


@click.group(cls=_Group, help=HELP_MAIN, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, hidden=True, help="Visa Python-spårning vid internt fel.")
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=None,
    is_eager=True,
    expose_value=False,
    callback=_choose_language,
    help="Språk för meddelanden: sv (standard) eller en. Också SAMVERKAN_LANG eller LANG=en_*.",
)
@click.version_option(package_name="samverkan", message="samverkan %(version)s")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    ctx.obj = {"debug": debug}
    if debug:  # errors of one agreement are otherwise problems of it (SV000), not tracebacks
        os.environ[DEBUG_VARIABLE] = "1"


@cli.command("validate", help=HELP_VALIDATE)
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
    from samverkan_cli.commands import validate

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


@cli.command("build", help=HELP_BUILD)
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
) -> None:
    command: Callable[..., int]
    if watching:
        from samverkan_cli.build_watch import build_watching as command
    else:
        from samverkan_cli.commands import build

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
    )
    ctx.exit(code)


@cli.command("diff", help=HELP_DIFF)
@click.argument("old_name", metavar="GAMMAL", shell_complete=complete_agreement)
@click.argument("new_name", metavar="NY", shell_complete=complete_agreement)
@click.pass_context
def diff_command(ctx: click.Context, old_name: str, new_name: str) -> None:
    from samverkan_cli.commands import diff

    ctx.exit(diff(Path.cwd(), old_name, new_name, echo=echo))


@cli.command("schema", help=HELP_SCHEMA)
def schema_command() -> None:
    from samverkan_cli.json_schemas import write_schemas
    from samverkan_cli.loading import display_path
    from samverkan_cli.repository import find_repository

    for path in write_schemas(find_repository(Path.cwd()).output_folder("schemas")):
        echo(text("wrote", path=display_path(path)))


@cli.command("regler", help=HELP_RULES)
def rules_command() -> None:
    from samverkan_cli.commands import list_rules

    for line in list_rules():
        echo(line)


SWEDISH_HELP: dict[str, str | None] = {}
SWEDISH_OPTION_HELP: dict[tuple[str, str], str] = {}


def use_language(group: click.Group, language: Language) -> None:
    """Switch messages, every command's help and every option's help to `language`."""
    set_language(language)
    commands = [("", group), *group.commands.items()]
    if not SWEDISH_HELP:
        SWEDISH_HELP.update({name: command.help for name, command in commands})
        SWEDISH_OPTION_HELP.update(
            {(name, option.name or ""): option.help or "" for name, option in _options(commands)}
        )
    english_help = catalogue()["hjälp"]
    english_options = catalogue()["alternativ"]
    for name, command in commands:
        english = english_help.get(name or "main") if language == "en" else None
        command.help = _click_help(english) if english else SWEDISH_HELP.get(name, command.help)
    for _, command in commands:
        command._help_option = None  # click keeps --help with its text in the first language
        command.options_metavar = "[OPTIONS]" if language == "en" else "[ALTERNATIV]"
        for param in command.params:
            if isinstance(param, click.Option) and param.name == "version":
                param.help = swedish_gettext("Show the version and exit.")
    group.subcommand_metavar = "COMMAND [ARGS]..." if language == "en" else "KOMMANDO [ARGUMENT]..."
    for name, option in _options(commands):
        swedish = SWEDISH_OPTION_HELP.get((name, option.name or ""), option.help)
        english = english_options.get(name, {}).get(option.name) if language == "en" else None
        option.help = english or swedish


def _options(commands: list[tuple[str, click.Command]]) -> list[tuple[str, click.Option]]:
    """Each command's options that have a help text of ours (not click's --help, --version)."""
    return [
        (name, param)
        for name, command in commands
        for param in command.params
        if isinstance(param, click.Option) and param.help and param.name != "version"
    ]


def _click_help(text: str) -> str:
    """A help text from YAML, where click's no-rewrap marker (a backspace, as the Swedish
    texts write it in Python) can only be written as `\\b`."""
    return text.replace("\\b\n", "\b\n")


def run() -> NoReturn:
    """Console entry point; the language comes from the environment unless --lang says.

    It ends the process with `os._exit` once the command has returned and its output is
    flushed. An ordinary exit would first free every object one by one (pydantic's
    validators, lxml's trees), about 60 ms of a one-shot build, for a process that is about
    to end anyway. Nothing is lost: each command writes, syncs and closes its files before
    it returns, and waits for its worker processes. mypy ends its runs the same way."""
    defer_collection()
    protect_console()
    use_language(cli, language_from_environment())
    try:
        cli.main(prog_name="samverkan")
    except SystemExit as done:
        end_process(done.code)
    end_process(EXIT_OK)


def end_process(code: object) -> NoReturn:
    """Flush stdout and stderr, and end the process at once with `code`, as `sys.exit` reads
    it (None is 0, a text is shown and is 1). A reader that closed its pipe early
    (`samverkan regler | head`) wanted no more; that is not an error."""
    if isinstance(code, int):
        status = code
    else:
        status = EXIT_OK if code is None else 1
        if code is not None:
            print(code, file=sys.stderr)
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)


def _register_commands() -> None:
    """Commands that live in modules of their own (each a thin click layer too)."""
    from samverkan_cli.calendar_command import calendar_command
    from samverkan_cli.init_command import init_command
    from samverkan_cli.status_command import status

    for command in (status, init_command, calendar_command):
        cli.add_command(command)
    for command in (cli, *cli.commands.values()):  # Swedish until `use_language` says else
        command.options_metavar = "[ALTERNATIV]"
    cli.subcommand_metavar = "KOMMANDO [ARGUMENT]..."


_register_commands()

__all__ = ["EXIT_BROKEN_PIPE", "EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "cli", "run"]
