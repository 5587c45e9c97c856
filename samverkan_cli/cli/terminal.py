"""What the commands share on a terminal: a progress bar for long runs, and shell completion
of agreement names."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import click
from click.shell_completion import CompletionItem

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
    """Shell completion of agreement names (see README: shell completion)."""
    from samverkan_cli.source.repository import find_repository

    try:
        names = find_repository(Path.cwd()).agreement_names()
    except SamverkanError:
        return []
    return [CompletionItem(n) for n in names if n.casefold().startswith(incomplete.casefold())]
