"""The pictures of the public version: a picture drawn from the data (the organisation chart,
whose boxes list member functions such as "Kommunpolis Anna Berg") is text in pixels, which
the walk over the document's text cannot reach. The public version draws it again from the
data with its texts redacted, and names the files `-publik`, so that the normal build's
picture (written beside it, with the same name) is neither used nor overwritten. A picture
with nothing to redact is kept as it is, under its own name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, is_dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from samverkan_cli.document.tree import Document, Figure
from samverkan_cli.model.agreement import Organisation
from samverkan_cli.model.chart_words import SWEDISH, ChartWords

PUBLIC_SUFFIX = "-publik"
_NOT_TEXT = frozenset({"id"})
"""Fields of the data that are keys, not text drawn in a picture."""

M = TypeVar("M")


def public_name(file_name: str) -> str:
    """`x-organisation.png` → `x-organisation-publik.png`."""
    path = Path(file_name)
    return path.with_name(f"{path.stem}{PUBLIC_SUFFIX}{path.suffix}").as_posix()


def redacted_model(model: M, redact: Callable[[str], str]) -> M:
    """`model` (a pydantic model, list or string) with every text redacted by `redact`;
    the same object when nothing changed."""
    if isinstance(model, str):
        return redact(model)  # type: ignore[return-value]
    if isinstance(model, list):
        items = [redacted_model(item, redact) for item in model]
        changed = any(new is not old for new, old in zip(items, model, strict=True))
        return items if changed else model  # type: ignore[return-value]
    if isinstance(model, BaseModel):
        changes = {}
        for name in type(model).model_fields:
            if name in _NOT_TEXT:
                continue
            old = getattr(model, name)
            new = redacted_model(old, redact)
            if new is not old and new != old:
                changes[name] = new
        return model.model_copy(update=changes) if changes else model
    return model


def with_public_chart(
    document: Document,
    organisation: Organisation | None,
    redact: Callable[[str], str],
    words: ChartWords = SWEDISH,
) -> Document:
    """`document` with its organisation chart drawn from the redacted organisation and its
    files renamed `-publik`, when redaction changed any text of the organisation (or of a
    translation's meeting lines, in `words`)."""
    if organisation is None or not document.assets:
        return document
    public = redacted_model(organisation, redact)
    meetings = {key: redact(line) for key, line in words.meetings.items()}
    if public is organisation and meetings == dict(words.meetings):
        return document
    from samverkan_cli.orgchart.chart import organisation_chart  # Pillow only when drawing

    svg, png = organisation_chart(public, replace(words, meetings=meetings))
    drawn = {".png": png, ".svg": svg.encode("utf-8")}
    names = {name: public_name(name) for name, _ in document.assets}
    assets = tuple(
        (names[name], drawn.get(Path(name).suffix, data)) for name, data in document.assets
    )
    blocks = tuple(_renamed(block, names) for block in document.blocks)
    return replace(document, blocks=blocks, assets=assets)


def _renamed(value: Any, names: dict[str, str]) -> Any:
    """`value` with every picture's source renamed, at any depth (lists, tables)."""
    if isinstance(value, Figure):
        return replace(value, source=names.get(value.source, value.source))
    if isinstance(value, tuple):
        items = tuple(_renamed(item, names) for item in value)
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for item in fields(value):
            old = getattr(value, item.name)
            new = _renamed(old, names)
            if new is not old:
                changes[item.name] = new
        return replace(value, **changes) if changes else value
    return value
