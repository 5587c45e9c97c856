"""How a command reports: where its lines go, and what wraps a long work list (a progress
bar on a terminal, nothing in a test or a pipe)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

Echo = Callable[..., None]
Progress = Callable[[list[Any]], AbstractContextManager[Iterable[Any]]]
"""Wraps the work list, e.g. in a progress bar when on a terminal."""


def no_progress(items: list[Any]) -> AbstractContextManager[Iterable[Any]]:
    """The work list as it is, for runs without a progress bar."""
    return nullcontext(items)
