"""A place in a YAML file named so that it stays put when lines move: the `plats` of an
`undantag` ("parter.kommunen.undertecknare", "organisation.forum[2].möten").

A place is keys joined by dots. A list item is named by its `id` (`parter.kommunen`), which
survives reordering, or by its number in brackets counted from 1 (`parter[1]` is the first
party), for lists whose items have no id. A place resolves to a key path of the document
(`YamlDocument`), and a key path covers the lines and columns from its key to the next value
outside it, so that a finding located anywhere inside the node is "at" the place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from samverkan_cli.core.problems import Location
from samverkan_cli.source.loading import LoadedAgreement
from samverkan_cli.source.yaml_document import KeyPath, Mark, YamlDocument

_STEP = re.compile(r"^(?P<key>[^.\[\]]*)(?P<indexes>(?:\[\s*-?\d+\s*\])*)$")
_INDEX = re.compile(r"\[\s*(-?\d+)\s*\]")


@dataclass(frozen=True, slots=True)
class Unresolved:
    """Why a place names no node: the Swedish reason and the nearest place that exists."""

    reason: str
    nearest: str


def resolve_place(document: YamlDocument, place: str) -> KeyPath | Unresolved:
    """The key path `place` names in `document`, or why it names none."""
    steps: list[str | int] = []
    for part in place.split("."):
        match = _STEP.match(part.strip())
        if match is None or (not match.group("key") and not match.group("indexes")):
            return Unresolved(f"'{part}' är inget steg i en plats", show_place(document, ()))
        if match.group("key"):
            steps.append(match.group("key"))
        for number in _INDEX.findall(match.group("indexes")):
            if int(number) < 1:
                reason = f"listans poster räknas från 1 ([1] är den första), inte [{number}]"
                return Unresolved(reason, show_place(document, tuple(_walked(document, steps))))
            steps.append(int(number))
    path: list[str | int] = []
    value: Any = document.data
    for step in steps:
        found = _child(value, step)
        if found is None:
            shown = f"[{step}]" if isinstance(step, int) else f"'{step}'"
            nearest = show_place(document, tuple(path))
            return Unresolved(f"{shown} finns inte under {nearest or 'filens början'}", nearest)
        key, value = found
        path.append(key)
    return tuple(path)


def _walked(document: YamlDocument, steps: list[str | int]) -> list[str | int]:
    """The key path of the steps that resolve, from the start."""
    path: list[str | int] = []
    value: Any = document.data
    for step in steps:
        found = _child(value, step)
        if found is None:
            break
        key, value = found
        path.append(key)
    return path


def _child(value: Any, step: str | int) -> tuple[str | int, Any] | None:
    """The key and value one step names under `value`: a mapping's key, a list item by
    its id or by its number from 1."""
    if isinstance(value, Mapping):
        return (step, value[step]) if isinstance(step, str) and step in value else None
    if isinstance(value, list):
        if isinstance(step, int):
            return (step - 1, value[step - 1]) if 1 <= step <= len(value) else None
        for index, item in enumerate(value):
            if isinstance(item, Mapping) and str(item.get("id")) == step:
                return index, item
    return None


def show_place(document: YamlDocument, path: KeyPath) -> str:
    """A key path written as a place: items by id where they have one, else by number."""
    shown: list[str] = []
    value: Any = document.data
    for step in path:
        if isinstance(step, int) and isinstance(value, list):
            item = value[step]
            item_id = item.get("id") if isinstance(item, Mapping) else None
            if isinstance(item_id, str | int) and not isinstance(item_id, bool):
                shown.append(f".{item_id}")
            else:
                shown.append(f"[{step + 1}]")
            value = item
        else:
            shown.append(f".{step}")
            value = value.get(step) if isinstance(value, Mapping) else None
    return "".join(shown).lstrip(".")


@dataclass(frozen=True, slots=True)
class Span:
    """The lines and columns a node covers: from `start` up to `end` (not included; None:
    to the end of the file), as (line, column)."""

    start: tuple[int, int]
    end: tuple[int, int] | None

    def holds(self, location: Location) -> bool:
        here = (location.line, location.column)
        return here >= self.start and (self.end is None or here < self.end)


def node_span(document: YamlDocument, path: KeyPath) -> Span | None:
    """Where the node at `path` (not the whole file) lies in `document`: from its key (or
    its value, for a list item) up to the first value after it that is not inside it; None
    when it has none. It depends on the document's marks only, so one worked out holds while
    the document does (`check.exception_matching` asks for every finding of a rule)."""
    start = document.key_marks.get(path) or document.value_marks.get(path)
    if start is None:
        return None
    size = len(path)
    inside = [(m.line, m.column) for p, m in document.value_marks.items() if p[:size] == path]
    last = max(inside) if inside else _position(start)
    end = min(
        (
            (m.line, m.column)
            for marks in (document.value_marks, document.key_marks)
            for p, m in marks.items()
            if p[:size] != path and (m.line, m.column) > last
        ),
        default=None,
    )
    return Span(_position(start), end)


def _position(mark: Mark) -> tuple[int, int]:
    return mark.line, mark.column


def bilaga_document(loaded: LoadedAgreement, file: str) -> YamlDocument | None:
    """The bilaga file `file` (relative to the agreement's folder) as read, if it was."""
    wanted = unicodedata.normalize("NFC", PurePosixPath(file.replace("\\", "/")).as_posix())
    for bilaga in loaded.bilagor.values():
        try:
            relative = bilaga.document.path.relative_to(loaded.folder)
        except ValueError:
            continue
        if unicodedata.normalize("NFC", relative.as_posix()) == wanted.removeprefix("./"):
            return bilaga.document
    return None
