"""The `samverkan` command: a thin click layer over the library.

Errors become exit codes in one place (`_Group.invoke`); the codes themselves are
`core.exit_codes`: 0 clean, 1 error-level problems (warnings too with --strikt), 2 wrong use,
missing repository, or output that could not be written. The user never sees a Python
traceback unless they ask for one with --debug.
"""

from __future__ import annotations

import io
import os
import sys
from contextlib import suppress
from typing import NoReturn

import click

from samverkan_cli.cli.click_swedish import install as install_swedish_click
from samverkan_cli.cli.click_swedish import swedish_gettext
from samverkan_cli.cli.terminal import install_completion
from samverkan_cli.core.collector import defer_collection
from samverkan_cli.core.errors import DEBUG_VARIABLE, SamverkanError
from samverkan_cli.core.exit_codes import EXIT_BROKEN_PIPE, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from samverkan_cli.core.safe_output import echo, protect_console
from samverkan_cli.messages.language import (
    LANGUAGES,
    Language,
    catalogue,
    language_from_environment,
    set_language,
    text,
)
from samverkan_cli.messages.problem_lines import report_failure

install_swedish_click()  # before the commands below are declared: click's texts in Swedish
install_completion()  # bash: agreement names with spaces complete as one word


HELP_MAIN = """Kontrollera och bygg lokala samverkansöverenskommelser.

\b
Exempel:
  samverkan validate                 kontrollera alla överenskommelser
  samverkan validate agreements/järva
  samverkan build järva              skriv out/järva/*.md och *.docx
  samverkan build järva --out DIR
  samverkan diff järva-2023 järva    visa vad som ändrats mellan två versioner
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
                import traceback  # only for the last line of defence

                traceback.print_exc()
            echo(text("internal_error", error=f"{type(exc).__name__}: {exc}"), err=True)
            echo(text("rerun_debug"), err=True)
            ctx.exit(EXIT_USAGE)
        return None


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
# The version is read from the installed metadata (importlib.metadata) only when asked for.
@click.version_option(
    None, "-V", "--version", package_name="samverkan", message="samverkan %(version)s"
)
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    ctx.obj = {"debug": debug}
    if debug:  # errors of one agreement are otherwise problems of it (SV000), not tracebacks
        os.environ[DEBUG_VARIABLE] = "1"


SWEDISH_HELP: dict[str, str | None] = {}
SWEDISH_OPTION_HELP: dict[tuple[str, str], str] = {}


def use_language(group: click.Group, language: Language) -> None:
    """Switch messages, every command's help and every option's help to `language`."""
    set_language(language)
    commands = [("", group), *_subcommands(group)]
    if not SWEDISH_HELP:
        SWEDISH_HELP.update({name: command.help for name, command in commands})
        SWEDISH_OPTION_HELP.update(
            {(name, option.name or ""): option.help or "" for name, option in _options(commands)}
        )
    # Swedish help is in the code: the English catalogue is read only for English.
    english_help = catalogue()["hjälp"] if language == "en" else {}
    english_options = catalogue()["alternativ"] if language == "en" else {}
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
    for _, command in commands[1:]:
        if isinstance(command, click.Group):
            command.subcommand_metavar = group.subcommand_metavar
    for name, option in _options(commands):
        swedish = SWEDISH_OPTION_HELP.get((name, option.name or ""), option.help)
        english = english_options.get(name, {}).get(option.name) if language == "en" else None
        option.help = english or swedish


def _subcommands(group: click.Group) -> list[tuple[str, click.Command]]:
    """Every command, and each command of a group under its full name (`mallar exportera`),
    as `hjälp:` and `alternativ:` in locale_en.yaml name them."""
    found: list[tuple[str, click.Command]] = []
    for name, command in group.commands.items():
        found.append((name, command))
        if isinstance(command, click.Group):
            found.extend((f"{name} {sub}", inner) for sub, inner in command.commands.items())
    return found


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
        status = EXIT_OK if code is None else EXIT_PROBLEMS
        if code is not None:
            print(code, file=sys.stderr)
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)


def _register_commands() -> None:
    """Every command, each in a module of its own under `cli/` (a thin click layer over the
    library); in this order, as `use_language` keeps their Swedish help."""
    from samverkan_cli.cli.build import build_command
    from samverkan_cli.cli.calendar import calendar_command
    from samverkan_cli.cli.diff import diff_command
    from samverkan_cli.cli.importing import import_command
    from samverkan_cli.cli.init import init_command
    from samverkan_cli.cli.rules import rules_command
    from samverkan_cli.cli.schema import schema_command
    from samverkan_cli.cli.status import status
    from samverkan_cli.cli.template_commands import templates_group
    from samverkan_cli.cli.validate import validate_command

    for command in (
        validate_command,
        build_command,
        diff_command,
        schema_command,
        rules_command,
        status,
        init_command,
        import_command,
        calendar_command,
        templates_group,
    ):
        cli.add_command(command)
    for command in (cli, *cli.commands.values()):  # Swedish until `use_language` says else
        command.options_metavar = "[ALTERNATIV]"
    cli.subcommand_metavar = "KOMMANDO [ARGUMENT]..."


_register_commands()

__all__ = ["EXIT_BROKEN_PIPE", "EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "cli", "run"]
