"""Which items of two lists are the same, in n·log n time: the opcodes of `samverkan diff`.

`difflib.SequenceMatcher` finds the longest common blocks, which reads well, but it compares
every item of one list with every equal item of the other: two agreements of 20,000
paragraphs took close to a minute. Lists up to `SMALL_PRODUCT` (the product of their
lengths) still go to it unchanged, so every real agreement's report stays as it was. Longer
lists are aligned the way patience diff does it:

1. the common start and end are equal;
2. between them, the items that occur exactly once in each list are matched, keeping the
   longest run of them that is in the same order in both (a longest increasing subsequence,
   n·log n), and each match is grown over the equal items beside it;
3. each gap between two matches is aligned the same way again (at most `MAX_DEPTH` times),
   by `SequenceMatcher` once it is small, and otherwise counts as replaced.

Every step looks at each item a bounded number of times, so the time grows as n·log n
whatever the lists hold.
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Sequence
from difflib import SequenceMatcher
from typing import Literal

Tag = Literal["replace", "delete", "insert", "equal"]
Opcode = tuple[Tag, int, int, int, int]
Block = tuple[int, int, int]
"""A run of equal items: where it starts in the first list, in the second, and its length."""

SMALL_PRODUCT = 2_500
"""Lists (or gaps) whose lengths multiply to at most this are aligned by SequenceMatcher: the
most it can cost is small, and the reports of real agreements (whose longest lists have a
few dozen items) are exactly what they were."""

MAX_DEPTH = 4
"""How many times a gap is aligned again by its own unique items before it counts as
replaced."""


def opcodes(old: Sequence[Hashable], new: Sequence[Hashable]) -> list[Opcode]:
    """How to turn `old` into `new`, as `SequenceMatcher.get_opcodes` gives it."""
    if len(old) * len(new) <= SMALL_PRODUCT:
        found: list[Opcode] = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
        return found
    blocks = _blocks(old, new, 0, len(old), 0, len(new), MAX_DEPTH)
    return _opcodes(_merged(blocks), len(old), len(new))


def _blocks(
    a: Sequence[Hashable], b: Sequence[Hashable], a0: int, a1: int, b0: int, b1: int, depth: int
) -> list[Block]:
    """The equal runs of a[a0:a1] and b[b0:b1], in order."""
    if a0 == a1 or b0 == b1:
        return []
    if (a1 - a0) * (b1 - b0) <= SMALL_PRODUCT:
        matcher = SequenceMatcher(None, a[a0:a1], b[b0:b1], autojunk=False)
        return [(a0 + i, b0 + j, n) for i, j, n in matcher.get_matching_blocks() if n]
    start = 0
    while a0 + start < a1 and b0 + start < b1 and a[a0 + start] == b[b0 + start]:
        start += 1
    end = 0
    while a1 - end > a0 + start and b1 - end > b0 + start and a[a1 - end - 1] == b[b1 - end - 1]:
        end += 1
    blocks: list[Block] = [(a0, b0, start)] if start else []
    inner = _inner_blocks(a, b, a0 + start, a1 - end, b0 + start, b1 - end, depth)
    blocks.extend(inner)
    if end:
        blocks.append((a1 - end, b1 - end, end))
    return blocks


def _inner_blocks(
    a: Sequence[Hashable], b: Sequence[Hashable], a0: int, a1: int, b0: int, b1: int, depth: int
) -> list[Block]:
    """Between the common start and end: anchors on unique items, then each gap."""
    if a0 == a1 or b0 == b1:
        return []
    if (a1 - a0) * (b1 - b0) <= SMALL_PRODUCT:
        return _blocks(a, b, a0, a1, b0, b1, depth)
    if depth == 0:
        return []
    anchors = _grown(a, b, a0, a1, b0, b1, _unique_anchors(a, b, a0, a1, b0, b1))
    blocks: list[Block] = []
    i, j = a0, b0
    for ai, bj, n in anchors:
        blocks.extend(_blocks(a, b, i, ai, j, bj, depth - 1))
        blocks.append((ai, bj, n))
        i, j = ai + n, bj + n
    blocks.extend(_blocks(a, b, i, a1, j, b1, depth - 1))
    return blocks


def _unique_anchors(
    a: Sequence[Hashable], b: Sequence[Hashable], a0: int, a1: int, b0: int, b1: int
) -> list[tuple[int, int]]:
    """Pairs (i, j) with a[i] == b[j] occurring once in each range, the longest run of
    them in the same order in both."""
    counts: dict[Hashable, list[int]] = {}
    for i in range(a0, a1):
        entry = counts.setdefault(a[i], [0, 0, i])
        entry[0] += 1
    for j in range(b0, b1):
        found = counts.get(b[j])
        if found is not None:
            found[1] += 1
            found.append(j)
    pairs = sorted((entry[2], entry[3]) for entry in counts.values() if entry[:2] == [1, 1])
    return longest_increasing(pairs)


def longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of `pairs` (sorted by their first item) whose second items
    increase too (patience sorting)."""
    tails: list[int] = []
    """The smallest second item that ends an increasing run of each length."""
    tail_index: list[int] = []
    previous: list[int] = []
    for index, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[length] = j
            tail_index[length] = index
        previous.append(tail_index[length - 1] if length else -1)
    run: list[tuple[int, int]] = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        run.append(pairs[index])
        index = previous[index]
    run.reverse()
    return run


def _grown(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    a0: int,
    a1: int,
    b0: int,
    b1: int,
    anchors: list[tuple[int, int]],
) -> list[Block]:
    """Each anchor grown into a run over the equal items beside it, without overlapping the
    run before it."""
    blocks: list[Block] = []
    low_a, low_b = a0, b0
    for index, (i, j) in enumerate(anchors):
        if i < low_a:
            continue  # swallowed by the run before
        high_a, high_b = anchors[index + 1] if index + 1 < len(anchors) else (a1, b1)
        start_i, start_j = i, j
        while start_i > low_a and start_j > low_b and a[start_i - 1] == b[start_j - 1]:
            start_i, start_j = start_i - 1, start_j - 1
        end_i, end_j = i + 1, j + 1
        while end_i < high_a and end_j < high_b and a[end_i] == b[end_j]:
            end_i, end_j = end_i + 1, end_j + 1
        blocks.append((start_i, start_j, end_i - start_i))
        low_a, low_b = end_i, end_j
    return blocks


def _merged(blocks: list[Block]) -> list[Block]:
    """Adjacent runs joined into one, as SequenceMatcher reports them."""
    merged: list[Block] = []
    for i, j, n in blocks:
        if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
            last = merged[-1]
            merged[-1] = (last[0], last[1], last[2] + n)
        elif n:
            merged.append((i, j, n))
    return merged


def _opcodes(blocks: list[Block], length_a: int, length_b: int) -> list[Opcode]:
    """The opcodes between and over the runs (SequenceMatcher.get_opcodes's rules)."""
    found: list[Opcode] = []
    i = j = 0
    for ai, bj, n in [*blocks, (length_a, length_b, 0)]:
        tag: Tag | None = None
        if i < ai and j < bj:
            tag = "replace"
        elif i < ai:
            tag = "delete"
        elif j < bj:
            tag = "insert"
        if tag is not None:
            found.append((tag, i, ai, j, bj))
        i, j = ai + n, bj + n
        if n:
            found.append(("equal", ai, i, bj, j))
    return found
