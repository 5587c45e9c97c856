"""The safety net of `samverkan diff`: every changed value, whether or not it has words.

The readable comparisons (`diff_walk`) know how the document prints a frequency, a party or a
paragraph, and mark in a `Coverage` which places of the data they have reported. This module
then walks the two data trees (the models dumped with their YAML keys) and returns every
value that differs at a place no comparison reported. A field added to a model later, a
field the printed form of a value leaves out, a list of a new shape: none of it can be
missed, because this walk knows nothing about what the data means.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from samverkan_cli.alignment import opcodes
from samverkan_cli.diff_values import KEY_FIELDS, LABELS

DataPath = tuple[str | int, ...]
"""Where a value is in a data tree: YAML keys and list positions (from 0)."""

Pairs = list[tuple[int | None, int | None]]
"""Positions of the same item in the old and the new list; None on the side it is not."""


@dataclass(slots=True)
class Coverage:
    """The places in the old and the new data that a readable comparison reported (a place
    covers everything under it), and how it paired the items of each list it compared, so
    that the walk over the data pairs them the same way."""

    old: set[DataPath] = field(default_factory=set)
    new: set[DataPath] = field(default_factory=set)
    pairings: dict[tuple[DataPath, DataPath], Pairs] = field(default_factory=dict)

    def mark(self, old: DataPath | None, new: DataPath | None) -> None:
        if old is not None:
            self.old.add(old)
        if new is not None:
            self.new.add(new)

    def covers(self, old: DataPath | None, new: DataPath | None) -> bool:
        return _under(old, self.old) or _under(new, self.new)


@dataclass(frozen=True, slots=True)
class LeafChange:
    """One value that differs, where it is on each side (None where it is not) and how it
    is labelled: YAML keys, list items by id or number."""

    label: str
    old: object
    new: object
    path: DataPath


def unreported_changes(old: object, new: object, seen: Coverage) -> list[LeafChange]:
    """Every value that differs between the data trees `old` and `new` at a place `seen`
    does not cover."""
    found: list[LeafChange] = []
    _walk(old, new, (), (), (), seen, found)
    return found


def pair_by_key(old: Sequence[str], new: Sequence[str]) -> Pairs:
    """Items paired by their keys (ids); the rest one-sided, in order."""
    new_at = {key: j for j, key in enumerate(new)}
    old_keys = set(old)
    pairs: Pairs = [(i, new_at.get(key)) for i, key in enumerate(old)]
    pairs += [(None, j) for j, key in enumerate(new) if key not in old_keys]
    return pairs


def pair_in_order(old: Sequence[str], new: Sequence[str]) -> Pairs:
    """Items of two lists aligned in order by their text (see `alignment`): equal ones
    paired, a replaced run paired position by position, the rest one-sided."""
    pairs: Pairs = []
    for tag, a1, a2, b1, b2 in opcodes(old, new):
        paired = min(a2 - a1, b2 - b1) if tag in ("equal", "replace") else 0
        pairs += [(a1 + k, b1 + k) for k in range(paired)]
        pairs += [(i, None) for i in range(a1 + paired, a2)]
        pairs += [(None, j) for j in range(b1 + paired, b2)]
    return pairs


def canonical(value: object) -> str:
    """One text for equal data, to align lists of anything."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _walk(
    old: object,
    new: object,
    old_path: DataPath | None,
    new_path: DataPath | None,
    shown: tuple[str, ...],
    seen: Coverage,
    found: list[LeafChange],
) -> None:
    if old == new or seen.covers(old_path, new_path):
        return
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        for key in [*old, *(k for k in new if k not in old)]:
            label = LABELS.get(str(key), str(key).replace("_", " "))
            _walk(
                old.get(key),
                new.get(key),
                _extend(old_path, key),
                _extend(new_path, key),
                (*shown, label),
                seen,
                found,
            )
        return
    if isinstance(old, list) and isinstance(new, list):
        known = seen.pairings.get((old_path, new_path)) if old_path and new_path else None
        for i, j in known if known is not None else _pairs(old, new):
            item = new[j] if j is not None else old[i] if i is not None else None
            _walk(
                old[i] if i is not None else None,
                new[j] if j is not None else None,
                _extend(old_path, i),
                _extend(new_path, j),
                _item_label(shown, item, j if j is not None else i),
                seen,
                found,
            )
        return
    path = new_path if new_path is not None else old_path
    found.append(LeafChange(", ".join(shown), _plain(old), _plain(new), path or ()))


def _pairs(old: list[object], new: list[object]) -> Pairs:
    key = _common_key([*old, *new])
    if key is not None:
        return pair_by_key([_key(v, key) for v in old], [_key(v, key) for v in new])
    return pair_in_order([canonical(v) for v in old], [canonical(v) for v in new])


def _common_key(items: list[object]) -> str | None:
    """The key every item of a list is identified by, if any."""
    for key in KEY_FIELDS:
        if items and all(isinstance(item, Mapping) and key in item for item in items):
            return key
    return None


def _key(item: object, key: str) -> str:
    return str(item.get(key)) if isinstance(item, Mapping) else canonical(item)


def _item_label(shown: tuple[str, ...], item: object, index: int | None) -> tuple[str, ...]:
    """A list item in a label: by its id when it has one, else by its number."""
    key = _common_key([item])
    name = f"{key} {item[key]}" if key is not None and isinstance(item, Mapping) else None
    piece = name or f"nr {(index or 0) + 1}"
    return (*shown[:-1], f"{shown[-1]} {piece}") if shown else (piece,)


def _plain(value: object) -> object:
    """A value ready for `show`: data trees as "key: value" lists."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items() if v not in (None, [], {})}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _extend(path: DataPath | None, step: str | int | None) -> DataPath | None:
    return None if path is None or step is None else (*path, step)


def _under(path: DataPath | None, marked: set[DataPath]) -> bool:
    if path is None or not marked:
        return False
    return any(path[:length] in marked for length in range(len(path) + 1))
