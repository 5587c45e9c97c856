"""click's own messages (usage errors, help headings) in Swedish unless `--lang en`.

click builds every message it shows with `gettext` (`_("No such option {name!r}.")`, then
`.format(...)`), bound in each of its modules as `_` and `ngettext`. `install` replaces those
two names with functions that look the English text up in `SWEDISH` while the language is
Swedish, and return it unchanged in English. `tests/test_messages_click.py` reads click's
source and fails when a click upgrade brings a text that has no Swedish here.
"""

from __future__ import annotations

import importlib
from typing import Any

from samverkan_cli.messages.language import english

CLICK_MODULES = (
    "core",
    "decorators",
    "exceptions",
    "formatting",
    "parser",
    "shell_completion",
    "termui",
    "types",
    "utils",
    "_termui_impl",
)

DATE_EXAMPLE = "2025-03-01"

SWEDISH: dict[str, str] = {
    # usage errors
    "Error: {message}": "Fel: {message}",
    "Try '{command} {option}' for help.": "Skriv '{command} {option}' för hjälp.",
    "No such option {name!r}.": "Det finns inget alternativ {name!r}.",
    "No such command {name!r}.": (
        "Det finns inget kommando {name!r}; kommandona visas av 'samverkan --help'."
    ),
    "Did you mean {possibility}?": "Menade du {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Menade du något av: {possibilities}?)",
    "Missing argument": "Argument saknas:",
    "Missing option": "Alternativ saknas:",
    "Missing parameter": "Parameter saknas:",
    "Missing {param_type}": "{param_type} saknas:",
    "Missing parameter: {param_name}": "Parameter saknas: {param_name}",
    "Missing command.": "Ett kommando saknas, t.ex. 'samverkan validate'.",
    "Invalid value for {param_hint}: {message}": "Ogiltigt värde för {param_hint}: {message}",
    "Invalid value: {message}": "Ogiltigt värde: {message}",
    "unknown error": "okänt fel",
    "Could not open file {filename!r}: {message}": (
        "Filen {filename!r} kunde inte öppnas: {message}"
    ),
    "Got unexpected extra argument ({args})": (
        "Ett argument för mycket ({args}); sätt citattecken runt ett värde med mellanslag"
    ),
    "Got unexpected extra arguments ({args})": (
        "Argument för mycket ({args}); sätt citattecken runt ett värde med mellanslag"
    ),
    "Option {name!r} does not take a value.": (
        "Alternativet {name!r} tar inget värde; skriv bara {name}, utan '=' och värde."
    ),
    "Option {name!r} requires an argument.": (
        "Alternativet {name!r} behöver ett värde efter sig, t.ex. {name} VÄRDE (se --help)."
    ),
    "Option {name!r} requires {nargs} arguments.": "Alternativet {name!r} behöver {nargs} värden.",
    "Argument {name!r} takes {nargs} values.": "Argumentet {name!r} tar {nargs} värden.",
    "Invalid start character for option ({option})": (
        "Ogiltigt första tecken för ett alternativ ({option})"
    ),
    "Takes {nargs} values but 1 was given.": "Tar {nargs} värden men 1 gavs.",
    "Takes {nargs} values but {len} were given.": "Tar {nargs} värden men {len} gavs.",
    "Value must be an iterable.": "Värdet måste vara en lista.",
    # values of a type
    "{value!r} is not {choice}.": "{value!r} är inte tillåtet; skriv {choice}.",
    "{value!r} is not one of {choices}.": (
        "{value!r} är inte ett av de tillåtna värdena {choices}."
    ),
    "Choose from:\n\t{choices}": "Välj bland:\n\t{choices}",
    "Choice({choices})": "Val({choices})",
    "{value!r} does not match the format {format}.": (
        "{value!r} är inget datum i formen {format}; skriv till exempel " + DATE_EXAMPLE + "."
    ),
    "{value!r} does not match the formats {formats}.": (
        "{value!r} har ingen av formerna {formats}; skriv till exempel " + DATE_EXAMPLE + "."
    ),
    "{value} is not in the range {range}.": (
        "{value} ligger utanför det tillåtna intervallet {range}."
    ),
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} är inget sanningsvärde; skriv till exempel true eller false ({states})."
    ),
    "{len_type} values are required, but {len_value} was given.": (
        "{len_type} värden krävs, men {len_value} gavs."
    ),
    "{len_type} values are required, but {len_value} were given.": (
        "{len_type} värden krävs, men {len_value} gavs."
    ),
    "{value!r} is not a valid {number_type}.": (
        "{value!r} är inget giltigt {number_type}; skriv siffror, t.ex. 2025."
    ),
    "{value!r} is not a valid UUID.": "{value!r} är inget giltigt UUID.",
    "{name} {filename!r} is a file.": "{name} {filename!r} är en fil; ange en mapp.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} är en mapp; ange en fil.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} kan inte läsas.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} kan inte skrivas.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} kan inte köras.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} finns inte.",
    "file": "file",  # a type's name, translated where it is shown ({name} above)
    "directory": "directory",
    "path": "path",
    # help
    "Usage:": "Användning:",
    "Options": "Alternativ",
    "Commands": "Kommandon",
    "Positional arguments": "Argument",
    "Show this message and exit.": "Visa den här hjälpen och avsluta.",
    "Show the version and exit.": "Visa versionen och avsluta.",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "default: {default}": "standard: {default}",
    "env var: {var}": "miljövariabel: {var}",
    "(dynamic)": "(dynamiskt)",
    "deprecated": "föråldrat",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": (
        "Varning: kommandot {name!r} är föråldrat.{extra_message}"
    ),
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": (
        "Varning: {param_type} {name!r} är föråldrat.{extra_message}"
    ),
    # prompts and the terminal
    "Aborted!": "Avbrutet.",
    "Do you want to continue?": "Vill du fortsätta?",
    "Confirm the action without prompting.": "Bekräfta utan att fråga.",
    "Press any key to continue...": "Tryck på en tangent för att fortsätta …",
    "Repeat for confirmation": "Upprepa för att bekräfta",
    "Error: The two entered values do not match.": "Fel: de två värdena är inte lika.",
    "Error: invalid input": "Fel: ogiltig inmatning",
    "Unknown color {colour!r}": "Okänd färg {colour!r}",
    "Unknown standard stream '{name}'": "Okänd standardström '{name}'",
    "{editor}: Editing failed": "{editor}: redigeringen misslyckades",
    "{editor}: Editing failed: {e}": "{editor}: redigeringen misslyckades: {e}",
    "Windows error: {error}": "Windows-fel: {error}",
    "d": "d",
    "Couldn't detect Bash version, shell completion is not supported.": (
        "Bash-versionen gick inte att avgöra; komplettering stöds inte."
    ),
    "Shell completion is not supported for Bash versions older than 4.4.": (
        "Komplettering stöds inte i Bash äldre än 4.4."
    ),
    # mistakes in the program itself, not in its use
    "Could not determine name for option with declarations {decls!r}": (
        "Inget namn för alternativet med deklarationerna {decls!r}"
    ),
    "No options defined but a name was passed ({name}). Did you mean to declare an argument "
    "instead? Did you mean to pass '--{name}'?": (
        "Inga alternativ deklarerade men ett namn gavs ({name}); menade du '--{name}'?"
    ),
    "Arguments take exactly one parameter declaration, got {length}: {decls}.": (
        "Ett argument tar exakt en deklaration, fick {length}: {decls}."
    ),
    "Name '{name}' defined twice": "Namnet '{name}' deklareras två gånger",
    "Boolean option {decl!r} cannot use the same flag for true/false.": (
        "Sanningsalternativet {decl!r} kan inte ha samma flagga för sant och falskt."
    ),
}

_SHOWN_VALUES = {
    "'%Y-%m-%d'": "ÅÅÅÅ-MM-DD",
    "File": "Filen",
    "Directory": "Mappen",
    "Path": "Sökvägen",
    "integer": "heltal",
    "float": "tal",
    "integer range": "heltal",
    "float range": "tal",
    "argument": "argumentet",
    "option": "alternativet",
    "parameter": "parametern",
}
"""Values click puts into its messages, as they read in a Swedish one."""


class _Swedish(str):
    """A Swedish template whose `format` also shows click's English values in Swedish."""

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> str:
        shown = {
            key: _SHOWN_VALUES.get(value, value) if isinstance(value, str) else value
            for key, value in kwargs.items()
        }
        return str.format(self, *args, **shown)


def swedish_gettext(message: str) -> str:
    """click's `_`: the Swedish text unless the language is English."""
    if english():
        return message
    translated = SWEDISH.get(message)
    return message if translated is None else _Swedish(translated)


def swedish_ngettext(singular: str, plural: str, count: int) -> str:
    """click's `ngettext`."""
    return swedish_gettext(singular if count == 1 else plural)


def install() -> None:
    """Make click's modules build their messages with the functions above."""
    for name in CLICK_MODULES:
        module: Any = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = swedish_gettext
        if hasattr(module, "ngettext"):
            module.ngettext = swedish_ngettext
