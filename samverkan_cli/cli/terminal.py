"""What the commands share on a terminal: a progress bar for long runs, and shell completion
of agreement names.

A completion runs on every Tab, in a new process: it reads only the listing of `agreements/`
(no YAML, no models), and it never fails: outside a repository it offers nothing.
"""

from __future__ import annotations

import os
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import click
from click.shell_completion import BashComplete, CompletionItem, add_completion_class

from samverkan_cli.core.errors import SamverkanError


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
    """Shell completion of agreement names (docs/guide/mallar.md: komplettering)."""
    return [CompletionItem(name) for name in agreement_names_starting(incomplete)]


def complete_agreement_or_path(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """An agreement's name, or, once a path is being written (`agreements/jä`, `./`), the
    shell's own completion of files and folders."""
    if "/" in incomplete or os.sep in incomplete or incomplete.startswith((".", "~")):
        return [CompletionItem(incomplete, type="file")]
    return complete_agreement(ctx, param, incomplete)


def agreement_names_starting(incomplete: str) -> list[str]:
    """The agreement folders of the repository around the working directory whose names
    begin with `incomplete`, compared as `build` compares names: case and å, ä, ö aside
    (`jar` offers `järva`). Names a shell cannot take as one word (control characters) are
    left out; outside a repository, or on any error, nothing."""
    from samverkan_cli.source.repository import find_repository

    try:
        names = find_repository(Path.cwd()).agreement_names()
    except (SamverkanError, OSError, RuntimeError, ValueError):
        return []
    import unicodedata  # completing a name only: not at every start

    wanted = _folded(incomplete)
    plain = _without_marks(wanted)
    return [
        name
        for name in names
        if not any(unicodedata.category(char).startswith("C") for char in name)
        and (_folded(name).startswith(wanted) or _without_marks(_folded(name)).startswith(plain))
    ]


def _folded(name: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", name).casefold()


def _without_marks(name: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


_BASH_SPECIAL = frozenset(" \t\\'\"$`&|;<>()[]{}*?!#~")


class EscapingBashComplete(BashComplete):
    """click's bash completion, with each value escaped as bash reads a word. click's bash
    function puts a value into COMPREPLY as it is, so `mitt avtal` would reach the command
    line as two words; `mitt\\ avtal` is one. Its `read` (without -r) takes one level of
    backslashes away first, so every backslash is written twice. zsh and fish quote what
    they insert themselves."""

    def format_completion(self, item: CompletionItem) -> str:
        if item.type != "plain":
            return super().format_completion(item)
        escaped = "".join(f"\\{c}" if c in _BASH_SPECIAL else c for c in str(item.value))
        doubled = escaped.replace("\\", "\\\\")
        return f"{item.type},{doubled}"


def install_completion() -> None:
    """Use `EscapingBashComplete` for `_SAMVERKAN_COMPLETE=bash_…`."""
    add_completion_class(EscapingBashComplete, "bash")
