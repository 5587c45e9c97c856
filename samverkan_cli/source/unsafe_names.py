"""Names that could forge output are refused before they are used (SV016).

A folder or file name is printed in every report: in a CI log a name holding a line break
could write a line of its own, such as a workflow command, and an escape sequence could
recolour or hide what follows. Output escapes every value anyway (`core.safe_output`); a name that
needs escaping is still no name for an agreement or a bilaga, so it is refused, with the
name shown escaped: the agreement's folder name, every YAML file's name inside the folder
(what `build` and the rules name), and each bilaga's `fil`.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from samverkan_cli.core.problems import Location, Problem, Severity
from samverkan_cli.core.safe_output import BIDI_CONTROLS, unsafe_characters, visible

if TYPE_CHECKING:
    from samverkan_cli.source.loading import LoadedAgreement

RULE_UNSAFE_NAME = "SV016"
YAML_SUFFIXES = (".yaml", ".yml")


def describe_character(char: str) -> str:
    """What is wrong with one character of a name, in Swedish."""
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"byten 0x{code - 0xDC00:02X}, som inte är UTF-8"
    if 0xD800 <= code <= 0xDFFF:
        return f"tecknet U+{code:04X}, som inte är giltig Unicode"
    if char in BIDI_CONTROLS:
        return f"riktningstecknet U+{code:04X}"
    return f"styrtecknet U+{code:04X}"


def unsafe_name_problem(name: str, what: str, location: Location) -> Problem | None:
    """SV016 at `location` when `name` holds a character that output must escape; `what`
    says which name it is ("mappnamnet", "filnamnet")."""
    found = unsafe_characters(name)
    if not found:
        return None
    message = f"{what} '{visible(name)}' innehåller {describe_character(found[0])}; byt namn"
    return Problem(location, RULE_UNSAFE_NAME, Severity.ERROR, message)


def unsafe_folder_problems(folder: Path) -> list[Problem]:
    """SV016 for the agreement's folder name, else for each YAML file inside it whose path
    (below the folder) has a name that output must escape. The location is itself escaped."""
    from samverkan_cli.core.confinement import walk_files
    from samverkan_cli.source.loading import display_path

    # a location (a path resolved, a few system calls) is only made for a name refused
    name = unicodedata.normalize("NFC", folder.name)
    if unsafe_characters(name):
        shown = Location.start_of(visible(display_path(folder)))
        problem = unsafe_name_problem(name, "mappnamnet", shown)
        assert problem is not None  # the name holds an unsafe character
        return [problem]
    problems = []
    for path in walk_files(folder) if folder.is_dir() and not folder.is_symlink() else []:
        if not path.name.lower().endswith(YAML_SUFFIXES):
            continue
        relative = path.relative_to(folder).as_posix()
        if not unsafe_characters(relative):
            continue
        where = Location.start_of(visible(display_path(path)))
        found = unsafe_name_problem(relative, "filnamnet", where)
        if found is not None:
            problems.append(found)
    return problems


def unsafe_bilaga_problems(loaded: LoadedAgreement) -> list[Problem]:
    """SV016 for each bilaga whose `fil` holds a character that output must escape, at the
    value in overenskommelse.yaml."""
    agreement, source = loaded.agreement, loaded.source
    if agreement is None or source is None or agreement.bilagor is None:
        return []
    problems = []
    for index, entry in enumerate(agreement.bilagor.entries):
        if entry.file is None:
            continue
        where = source.location(("bilagor", "lista", index, "fil"))
        found = unsafe_name_problem(entry.file, "filnamnet i 'fil'", where)
        if found is not None:
            problems.append(found)
    return problems
