"""The readable comparisons of `samverkan diff`: two validated models, field by field.

List items are matched by `id` (parties, forums, bilagor, plans), or, in a list without ids
(people, promises), in order by their names; frequencies, addresses and promises are compared
as the Swedish the document prints, and changed paragraphs are quoted. The walk is generic
over the pydantic fields (the Swedish YAML keys are the labels), and every place it reports
is marked in a `Coverage`, so that `diff.leaves` can report whatever it did not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pydantic import BaseModel, RootModel

from samverkan_cli.diff.leaves import (
    Coverage,
    Pairs,
    canonical,
    pair_by_content,
    with_moves,
)
from samverkan_cli.diff.pairing import field_values, is_keyed, pair_keyed
from samverkan_cli.diff.plain_changes import diff_items, diff_paragraphs, diff_text, report_line
from samverkan_cli.diff.report_markdown import ReportNode, change_line, inline, paragraph_change
from samverkan_cli.diff.values import (
    EMPTY,
    MISSING,
    PARAGRAPH_KEYS,
    Printed,
    added,
    describe,
    moved,
    name_of,
    places,
    removed,
    section_title,
    show,
    summary,
)
from samverkan_cli.diff.walk_position import At
from samverkan_cli.model import Scheduled
from samverkan_cli.model.agreement import FREQUENCY_PLACEHOLDER
from samverkan_cli.model.item_names import noun_of

MAX_LEVEL = 6
"""The deepest Markdown heading."""


def field_sections(
    old: BaseModel | None, new: BaseModel | None, level: int, seen: Coverage
) -> list[tuple[str, ReportNode, bool]]:
    """One node per top-level field of a file's model, with its YAML key and whether it is
    structured (a model or a list, shown under its own heading)."""
    model = new if new is not None else old
    assert model is not None
    sections: list[tuple[str, ReportNode, bool]] = []
    for key, before, after in field_values(old, new):
        node = ReportNode(section_title(key), level=level)
        present = before if before is not None else after
        structured = isinstance(present, (BaseModel, list)) and not isinstance(present, Printed)
        diff_value(node, At.root(key, seen, labelled=not structured), before, after)
        sections.append((key, node, structured))
    return sections


# --- the walk -------------------------------------------------------------------------------


def diff_value(node: ReportNode, at: At, old: object, new: object) -> None:
    """Report what changed from `old` to `new` at `at` into `node`."""
    if old == new:
        return
    if isinstance(old, Scheduled) or isinstance(new, Scheduled):
        _diff_scheduled(node, at, old, new)
    elif isinstance(old, Printed) or isinstance(new, Printed):
        _diff_printed(node, at, old, new)
    elif isinstance(old, list) or isinstance(new, list):
        _diff_list(node, at, _as_list(old), _as_list(new))
    elif isinstance(old, dict) or isinstance(new, dict):
        _diff_mapping(node, at, old, new)
    elif isinstance(old, BaseModel) or isinstance(new, BaseModel):
        _diff_model(node, at, old, new)
    elif isinstance(old, str | None) and isinstance(new, str | None):
        diff_text(node, at, old, new)
    else:
        report_line(node, at, old, new)


def _diff_model(
    node: ReportNode, at: At, old: object, new: object, *, announce: bool = True
) -> None:
    """Field by field; a model present on one side only lists what it holds (after "Nytt
    avsnitt." when `announce` and it has no label)."""
    if any(isinstance(v, RootModel) or not isinstance(v, BaseModel | None) for v in (old, new)):
        report_line(node, at, old, new)
        return
    one_sided = not (isinstance(old, BaseModel) and isinstance(new, BaseModel))
    before = len(node.entries)
    if one_sided and not at.label and announce:
        node.entries.append("- Nytt avsnitt." if old is None else "- Avsnittet har tagits bort.")
        before = len(node.entries)
    for key, old_value, new_value in field_values(old, new, skip_defaults=one_sided):
        diff_value(node, at.child(key), old_value, new_value)
    if one_sided and at.label and len(node.entries) == before:
        shown = (EMPTY, MISSING) if new is None else (MISSING, EMPTY)
        node.entries.append(change_line(at.label, *shown))
    if one_sided:
        at.mark()


def _diff_scheduled(node: ReportNode, at: At, old: object, new: object) -> None:
    """A frequency on its own line; its sentence, with the frequency put in, as a paragraph;
    then any other field (a forum's name in an åtgärdsplan)."""
    before = old if isinstance(old, Scheduled) else None
    after = new if isinstance(new, Scheduled) else None
    old_frequency = before.frequency.swedish() if before else None
    new_frequency = after.frequency.swedish() if after else None
    if old_frequency != new_frequency:
        node.entries.append(change_line(at.label, show(old_frequency), show(new_frequency)))
        at.child("frekvens").mark()
    if (before.text if before else None) != (after.text if after else None):
        entry = paragraph_change(at.label, _sentence(before), _sentence(after))
        if entry is not None:
            node.entries.append(entry)
        at.child("text").mark()
    for key, old_value, new_value in field_values(before, after):
        if key not in ("frekvens", "text"):
            diff_value(node, at.child(key), old_value, new_value)


def _diff_printed(
    node: ReportNode,
    at: At,
    old: object,
    new: object,
    details: tuple[ReportNode, At] | None = None,
    label: str | None = None,
) -> None:
    """A value compared as the document prints it (a frequency, an address, a promise). A
    field the print does not show (a promise's fokusområde) is compared on its own, in
    `details` when given (a node and place of its own), under `label` when given."""
    if show(old) != show(new):
        shown = at.label if label is None else label
        node.entries.append(change_line(shown, show(old), show(new)))
    same_model = isinstance(old, BaseModel) and type(old) is type(new)
    if not same_model or isinstance(old, RootModel):
        if show(old) != show(new):
            at.mark()
        return
    assert isinstance(old, BaseModel) and isinstance(new, BaseModel) and isinstance(old, Printed)
    target, where = details if details is not None else (node, at)
    for name, info in type(old).model_fields.items():
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        if _prints(old, name, after) or _prints(new, name, before):
            at.child(info.alias or name).mark()
        else:
            diff_value(target, where.child(info.alias or name), before, after)


def _diff_list(node: ReportNode, at: At, old: Sequence[object], new: Sequence[object]) -> None:
    items = [*old, *new]
    if is_keyed(items):
        _diff_keyed(node, at, old, new)
    elif any(isinstance(v, BaseModel | list | dict) for v in items):
        _diff_model_items(node, at, old, new)
    elif all(isinstance(v, str) for v in items) and at.key in PARAGRAPH_KEYS:
        diff_paragraphs(node, at, [str(v) for v in old], [str(v) for v in new])
    else:
        diff_items(node, at, old, new)


def _diff_keyed(node: ReportNode, at: At, old: Sequence[object], new: Sequence[object]) -> None:
    """Items matched by id (or, when only the id changed, by their content or their file):
    added, removed, reordered, and changed ones under a heading."""
    pairs = at.paired(pair_keyed(old, new))
    _report_one_sided(node, at, old, new, pairs)
    matched = sorted((j, i) for i, j in pairs if i is not None and j is not None)
    if [i for _, i in matched] != sorted(i for _, i in matched):
        before = ", ".join(name_of(item) for item in old)
        after = ", ".join(name_of(item) for item in new)
        node.entries.append(change_line("ordning", before, after))
    _report_pairs(node, at, old, new, [(i, j) for j, i in matched])


def _diff_model_items(
    node: ReportNode, at: At, old: Sequence[object], new: Sequence[object]
) -> None:
    """A list of models without ids (people, promises): aligned in order by their names;
    one that moved is said to, and a changed item is shown under its name."""
    names = [name_of(v) for v in old], [name_of(v) for v in new]
    keys = [_pairing_key(v) for v in old], [_pairing_key(v) for v in new]
    content = [_content(v) for v in old], [_content(v) for v in new]
    pairs, moves = with_moves(pair_by_content(*content, *keys), *keys)
    at.paired(pairs)
    _report_one_sided(node, at, old, new, pairs, shown=summary)
    noun, neuter = noun_of(at.path, at.label)
    for i, j in moves:
        node.entries.append(f"- {moved(noun, neuter)}: {inline(names[1][j])} ({places(i, j)})")
    _report_pairs(node, at, old, new, pairs)


def _report_one_sided(
    node: ReportNode,
    at: At,
    old: Sequence[object],
    new: Sequence[object],
    pairs: Pairs,
    shown: Callable[[object], str] = describe,
) -> None:
    """Items on one side only: removed ones, then added ones, each as `shown` gives it. An
    added item shown by its name alone (a forum, a plan) gets a heading with what it holds."""
    noun, neuter = noun_of(at.path, at.label)
    for i, j in pairs:
        if j is None and i is not None:
            node.entries.append(f"- {removed(noun, neuter)}: {inline(shown(old[i]))}")
            at.item(i, None).mark()
    for i, j in pairs:
        if i is None and j is not None:
            item = new[j]
            node.entries.append(f"- {added(noun, neuter)}: {inline(shown(item))}")
            if shown is describe and isinstance(item, BaseModel) and not isinstance(item, Printed):
                heading = f"{added(noun, neuter)}: {inline(name_of(item))}"
                child = ReportNode(heading, min(node.level + 1, MAX_LEVEL))
                _diff_model(child, at.item(None, j), None, item, announce=False)
                node.children.append(child)
            at.item(None, j).mark()


def _report_pairs(
    node: ReportNode, at: At, old: Sequence[object], new: Sequence[object], pairs: Pairs
) -> None:
    noun, _ = noun_of(at.path, at.label)
    for i, j in pairs:
        if i is None or j is None or old[i] == new[j]:
            continue
        heading = f"{noun[0].upper()}{noun[1:]}: {inline(name_of(new[j]))}"
        child = ReportNode(heading, min(node.level + 1, MAX_LEVEL))
        node.children.append(child)
        if isinstance(new[j], Printed):
            details = (child, at.item(i, j))
            _diff_printed(node, at.item(i, j), old[i], new[j], details, label=noun)
        elif isinstance(new[j], BaseModel):
            _diff_model(child, at.item(i, j), old[i], new[j])
        else:
            diff_value(node, at.item(i, j, labelled=True), old[i], new[j])


def _diff_mapping(node: ReportNode, at: At, old: object, new: object) -> None:
    """A table of values by key (a matrix row's activities per party)."""
    before = old if isinstance(old, dict) else {}
    after = new if isinstance(new, dict) else {}
    for key in [*before, *(k for k in after if k not in before)]:
        diff_value(node, at.child(str(key)), before.get(key), after.get(key))


def _prints(model: BaseModel, name: str, value: object) -> bool:
    """True when the print of `model` changes with its field `name` set to `value`."""
    changed = model.model_copy(update={name: value})
    return (
        isinstance(model, Printed)
        and isinstance(changed, Printed)
        and (changed.swedish() != model.swedish())
    )


def _sentence(scheduled: Scheduled | None) -> str | None:
    if scheduled is None or scheduled.text is None:
        return None
    return scheduled.text.replace(FREQUENCY_PLACEHOLDER, scheduled.frequency.swedish())


def _pairing_key(value: object) -> str:
    """What pairs an item with its other version: its id where it has one (a prose section
    of `avsnitt:` whose heading changed), else its name."""
    key = getattr(value, "id", None)
    return f"id:{key}" if isinstance(key, str) and key else name_of(value)


def _content(value: object) -> str:
    """Everything an item holds, as one text to align equal items by."""
    if isinstance(value, BaseModel):
        return canonical(value.model_dump(mode="json", by_alias=True))
    return canonical(value)


def _as_list(value: object) -> list[object]:
    """A list as it is; a single value (`ansvarig: polisen`) as a list of one."""
    if isinstance(value, list):
        return list(value)
    return [] if value is None else [value]
