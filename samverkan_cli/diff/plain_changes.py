"""The changes of `samverkan diff` in values that hold no models.

A value on one line, a text quoted by its changed paragraphs, and a plain list (functions,
sources) by what was added, removed and moved: the ends of the readable walk in `sections`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from samverkan_cli.diff.leaves import pair_in_order, with_moves
from samverkan_cli.diff.report_markdown import (
    ReportNode,
    change_line,
    inline,
    paragraph_change,
    paragraph_moved,
)
from samverkan_cli.diff.values import (
    LONG_TEXT,
    PARAGRAPH_KEYS,
    added,
    moved,
    places,
    removed,
    show,
)
from samverkan_cli.diff.walk_position import At
from samverkan_cli.model.item_names import noun_of

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def diff_items(node: ReportNode, at: At, old: Sequence[object], new: Sequence[object]) -> None:
    """A plain list (functions, sources): what was added, removed and moved, in order."""
    old_shown = [show(v) for v in old]
    new_shown = [show(v) for v in new]
    noun, neuter = noun_of(at.path, at.label)
    pairs, moves = with_moves(pair_in_order(old_shown, new_shown), old_shown, new_shown)
    moved_to = dict(moves)
    for i, j in pairs:
        if i is not None and i in moved_to:
            where = places(i, moved_to[i])
            node.entries.append(f"- {moved(noun, neuter)}: {inline(old_shown[i])} ({where})")
            continue
        if i is not None and j is not None and old_shown[i] == new_shown[j]:
            continue
        if i is not None:
            node.entries.append(f"- {removed(noun, neuter)}: {inline(old_shown[i])}")
        if j is not None:
            node.entries.append(f"- {added(noun, neuter)}: {inline(new_shown[j])}")
    at.mark()


def diff_paragraphs(node: ReportNode, at: At, old: list[str], new: list[str]) -> None:
    """Paragraphs aligned in order (see `alignment`); a replaced paragraph is shown before
    and after, a moved one once with its places, an equal one not at all."""
    pairs, moves = with_moves(pair_in_order(old, new), old, new)
    moved_to = dict(moves)
    for i, j in pairs:
        if i is not None and i in moved_to:
            node.entries.append(paragraph_moved(at.label, old[i], places(i, moved_to[i])))
            continue
        before = old[i] if i is not None else None
        after = new[j] if j is not None else None
        if before != after:
            entry = paragraph_change(at.label, before, after)
            if entry is not None:
                node.entries.append(entry)
    at.mark()


def diff_text(node: ReportNode, at: At, old: str | None, new: str | None) -> None:
    long = any(v is not None and (len(v) > LONG_TEXT or "\n" in v) for v in (old, new))
    if not (at.key in PARAGRAPH_KEYS or long):
        report_line(node, at, old, new)
        return
    before, after = _paragraphs(old), _paragraphs(new)
    if len(before) > 1 or len(after) > 1:
        diff_paragraphs(node, at, before, after)  # only the changed paragraphs are quoted
        return
    entry = paragraph_change(at.label, old, new)
    if entry is not None:
        node.entries.append(entry)
    at.mark()


def report_line(node: ReportNode, at: At, old: object, new: object, *, mark: bool = True) -> None:
    node.entries.append(change_line(at.label, show(old), show(new)))
    if mark:
        at.mark()


def _paragraphs(text: str | None) -> list[str]:
    if text is None:
        return []
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
