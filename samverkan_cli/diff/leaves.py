"""The safety net of `samverkan diff`: every changed value, whether or not it has words.

The readable comparisons (`diff.sections`) know how the document prints a frequency, a party or a
paragraph, and mark in a `Coverage` which places of the data they have reported. This module
then walks the two data trees (the models dumped with their YAML keys) and returns every
value that differs at a place no comparison reported. A field added to a model later, a
field the printed form of a value leaves out, a list of a new shape: none of it can be
missed, because this walk knows nothing about what the data means.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field

from samverkan_cli.diff.alignment import SMALL_PRODUCT, longest_increasing, opcodes
from samverkan_cli.diff.values import LABELS
from samverkan_cli.model.item_names import KEY_FIELDS

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


def pair_by_key(
    old: Sequence[str], new: Sequence[str], equal: Callable[[int, int], bool] | None = None
) -> Pairs:
    """Items paired by their keys (ids). A key on several items of a side (a duplicate id,
    which validation refuses but a report must not hide) pairs each old item with an `equal`
    new one first, then the rest in order; every item left over is one-sided, so nothing
    added or removed can fall out of the pairing."""
    new_by_key: dict[str, list[int]] = {}
    for j, key in enumerate(new):
        new_by_key.setdefault(key, []).append(j)
    old_by_key: dict[str, list[int]] = {}
    for i, key in enumerate(old):
        old_by_key.setdefault(key, []).append(i)
    matched: dict[int, int] = {}
    for key, olds in old_by_key.items():
        matched.update(_pair_same_key(olds, new_by_key.get(key, []), equal))
    paired_new = set(matched.values())
    pairs: Pairs = [(i, matched.get(i)) for i in range(len(old))]
    pairs += [(None, j) for j in range(len(new)) if j not in paired_new]
    return pairs


def _pair_same_key(
    olds: list[int], news: list[int], equal: Callable[[int, int], bool] | None
) -> dict[int, int]:
    """Old and new items with one key: equal ones together, then the rest in order."""
    if len(olds) == 1 and len(news) == 1:
        return {olds[0]: news[0]}
    matched: dict[int, int] = {}
    free = list(news)
    rest = list(olds)
    if equal is not None and len(olds) * len(news) <= SMALL_PRODUCT:
        rest = []
        for i in olds:
            j = next((j for j in free if equal(i, j)), None)
            if j is None:
                rest.append(i)
            else:
                matched[i] = j
                free.remove(j)
    matched.update(zip(rest, free, strict=False))
    return matched


def pair_renamed(pairs: Pairs, same: Callable[[int, int], bool]) -> Pairs:
    """`pairs` with a removed and an added item that are the `same` but for their key
    paired as one item whose key changed (a renamed id, a rule moved to another)."""
    lonely_old = [i for i, j in pairs if j is None and i is not None]
    lonely_new = sorted(j for i, j in pairs if i is None and j is not None)
    if len(lonely_old) * len(lonely_new) > SMALL_PRODUCT:
        return pairs  # a wholesale change of ids: not worth a quadratic search
    matched: dict[int, int] = {}
    for i in lonely_old:
        j = next((j for j in lonely_new if same(i, j)), None)
        if j is not None:
            matched[i] = j
            lonely_new.remove(j)
    renamed = set(matched.values())
    return [
        (i, matched.get(i, j) if i is not None else j)
        for i, j in pairs
        if not (i is None and j in renamed)
    ]


def with_moves(
    pairs: Pairs, old: Sequence[Hashable], new: Sequence[Hashable]
) -> tuple[Pairs, list[tuple[int, int]]]:
    """`pairs` with an item removed in one place and added, the same, in another paired as
    one item that moved; and those moves (old position, new position)."""
    lonely: dict[Hashable, list[int]] = {}
    for i, j in pairs:
        if i is None and j is not None:
            lonely.setdefault(new[j], []).append(j)
    moves: list[tuple[int, int]] = []
    found: Pairs = []
    for i, j in pairs:
        waiting = lonely.get(old[i]) if i is not None and j is None else None
        if i is not None and waiting:
            j = waiting.pop(0)
            moves.append((i, j))
        found.append((i, j))
    moved = {j for _, j in moves}
    return [(i, j) for i, j in found if i is not None or j not in moved], moves


def out_of_order(pairs: Pairs) -> list[tuple[int, int]]:
    """The paired items whose order changed: those outside the longest run that keeps its
    order in both versions (a reorder of keyed items, which pairing alone hides)."""
    both = sorted((i, j) for i, j in pairs if i is not None and j is not None)
    kept = set(longest_increasing(both))
    return [pair for pair in both if pair not in kept]


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


def pair_by_content(
    old: Sequence[str], new: Sequence[str], old_names: Sequence[str], new_names: Sequence[str]
) -> Pairs:
    """Items aligned in order by their whole content, then, inside each run that was
    replaced, by their names: an unchanged item always pairs with its unchanged self, even
    beside a copy of it with the same name, and a changed one with the item of its name."""
    pairs: Pairs = []
    for tag, a1, a2, b1, b2 in opcodes(old, new):
        if tag == "equal":
            pairs += [(a1 + k, b1 + k) for k in range(a2 - a1)]
        elif tag == "replace":
            inner = pair_in_order(old_names[a1:a2], new_names[b1:b2])
            pairs += [(_shift(i, a1), _shift(j, b1)) for i, j in inner]
        else:
            pairs += [(i, None) for i in range(a1, a2)] + [(None, j) for j in range(b1, b2)]
    return pairs


def _shift(index: int | None, by: int) -> int | None:
    return None if index is None else index + by


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
        pairs, moves = (known, []) if known is not None else _pairs(old, new)
        for was, now in moves:
            if not seen.covers(_extend(old_path, was), _extend(new_path, now)):
                place = ", ".join((*_item_label(shown, new[now], now), "plats"))
                found.append(LeafChange(place, was + 1, now + 1, new_path or ()))
        for i, j in pairs:
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


def _pairs(old: list[object], new: list[object]) -> tuple[Pairs, list[tuple[int, int]]]:
    """How the items of two lists pair, and which of them moved."""
    key = _common_key([*old, *new])
    if key is not None:
        keys = [_key(v, key) for v in old], [_key(v, key) for v in new]
        pairs = pair_by_key(*keys, equal=lambda i, j: old[i] == new[j])
        pairs = pair_renamed(pairs, lambda i, j: _same_but(key, old[i], new[j]))
        return pairs, out_of_order(pairs)
    texts = [canonical(v) for v in old], [canonical(v) for v in new]
    return with_moves(pair_in_order(*texts), *texts)


def _same_but(key: str, old: object, new: object) -> bool:
    """True when two items of data differ in `key` alone."""
    if not isinstance(old, Mapping) or not isinstance(new, Mapping):
        return False
    return {**old, key: new.get(key)} == dict(new)


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
