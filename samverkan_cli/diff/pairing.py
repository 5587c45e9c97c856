"""Which items of two versions are the same, and which fields two models have, for
`samverkan diff`.

List items with ids are paired by id (a duplicated id pairs equal items first, then in
order, so that nothing added or removed is hidden), and an item whose id alone changed (or,
for a bilaga, its id and its file) is still the same item. `{bilaga:id}` references are
resolved to the numbers the document prints before anything is compared.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any, TypeVar

from pydantic import BaseModel, RootModel

from samverkan_cli.diff.leaves import Pairs, pair_by_key, pair_renamed
from samverkan_cli.model.crossrefs import BILAGA_REFERENCE
from samverkan_cli.model.item_names import KEY_ATTRIBUTES

M = TypeVar("M")


def with_numbered_references(model: M, numbers: Mapping[str, int]) -> M:
    """`{bilaga:id}` written as the document prints it ("bilaga 3"), so that a reference
    that still points at the same number is no change; unknown ids are left as written."""

    def number(match: re.Match[str]) -> str:
        found = numbers.get(match.group(1))
        return match.group(0) if found is None else f"bilaga {found}"

    def resolve(value: Any) -> Any:
        if isinstance(value, str) and not isinstance(value, Enum):
            return BILAGA_REFERENCE.sub(number, value) if "{bilaga:" in value else value
        if isinstance(value, list):
            return [resolve(item) for item in value]
        if isinstance(value, dict):
            return {k: resolve(v) for k, v in value.items()}
        if isinstance(value, BaseModel) and not isinstance(value, RootModel):
            changed = {k: resolve(v) for k, v in value.__dict__.items()}
            return value.model_copy(update=changed)
        return value

    resolved: M = resolve(model)
    return resolved


def pair_keyed(old: Sequence[object], new: Sequence[object]) -> Pairs:
    """Items with ids paired by id; then an unmatched pair that differs only in its id, or
    names the same file, counts as the same item with a new id."""
    keys = [_key(item) for item in old], [_key(item) for item in new]
    pairs = pair_by_key(*keys, equal=lambda i, j: old[i] == new[j])
    return pair_renamed(pairs, lambda i, j: _same_but_key(old[i], new[j]))


def _same_but_key(old: object, new: object) -> bool:
    """True when two items differ in their id alone (a bilaga: its id and its file), or
    name the same file."""
    if type(old) is not type(new) or not isinstance(old, BaseModel):
        return False
    file = getattr(old, "file", None)
    if file is not None and file == getattr(new, "file", None):
        return True
    attributes = [a for a in (*KEY_ATTRIBUTES, "file") if hasattr(old, a)]
    return old.model_copy(update={a: getattr(new, a) for a in attributes}) == new


def field_values(
    old: object, new: object, *, skip_defaults: bool = False
) -> list[tuple[str, object, object]]:
    """(YAML key, old value, new value) of every field either model has, in field order;
    models of different kinds are compared by their common keys."""
    fields: dict[str, tuple[object, object, object]] = {}
    for side, model in enumerate((old, new)):
        if not isinstance(model, BaseModel) or isinstance(model, RootModel):
            continue
        for name, info in type(model).model_fields.items():
            key = info.alias or name
            values = list(fields.get(key, (None, None, None)))
            values[side] = getattr(model, name)
            values[2] = info.get_default(call_default_factory=True)
            fields[key] = (values[0], values[1], values[2])
    return [
        (key, before, after)
        for key, (before, after, default) in fields.items()
        if not (skip_defaults and _is_default(after if before is None else before, default))
    ]


def is_keyed(items: Sequence[object]) -> bool:
    return bool(items) and all(
        isinstance(item, BaseModel) and any(hasattr(item, a) for a in KEY_ATTRIBUTES)
        for item in items
    )


def _key(item: object) -> str:
    return next(str(getattr(item, a)) for a in KEY_ATTRIBUTES if hasattr(item, a))


def _is_default(value: object, default: object) -> bool:
    return value is None or value == default
