"""What changed between two versions of an agreement, as Swedish Markdown.

An agreement is revised every year, and reading two long documents side by side hides a
changed number in a sea of equal text. This module walks the two validated models instead,
section by section, and reports only what differs: list items are matched by `id` (parties,
forums, bilagor), frequencies, addresses and `{bilaga:id}` references are compared as the
Swedish the document prints, and changed paragraphs are quoted in full. The walk is generic
over the pydantic fields (the Swedish YAML keys are the labels), so a field added to the model
is diffed without code here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel, RootModel

from samverkan_cli.alignment import opcodes
from samverkan_cli.crossrefs import BILAGA_REFERENCE
from samverkan_cli.diff_report import (
    ReportNode,
    change_line,
    inline,
    paragraph_change,
    render_report,
)
from samverkan_cli.errors import ProblemsFound
from samverkan_cli.loading import load_agreement
from samverkan_cli.model import Agreement, Scheduled
from samverkan_cli.model.agreement import FREQUENCY_PLACEHOLDER
from samverkan_cli.problems import Problem, Severity

NO_DIFFERENCES = "Inga skillnader."
MISSING = "(saknas)"
EMPTY = "(tom)"

SECTION_TITLES = {
    "titel": "Titel",
    "profil": "Regelprofil",
    "filnamn": "Filnamn",
    "förord": "Förord",
    "innehållsförteckning": "Innehållsförteckning",
    "bakgrund": "Bakgrund",
    "parter": "Parter",
    "omfattning": "Parter och överenskommelsens omfattning",
    "bilagor": "Bilagor",
    "tid": "Tid",
    "organisation": "Samverkansorganisation",
    "lägesbild": "Gemensam lokal lägesbild",
    "uppdateringar": "Uppdateringar, ändringar och tillägg",
    "information": "Information",
    "exemplar": "Exemplar",
    "underskrifter": "Underskrifter",
    "undantag": "Undantag från regelprofilen",
}
"""Section headings by YAML key; a key not listed is shown as it is spelled."""

LABELS = {
    "från": "startdatum",
    "till": "slutdatum",
    "revidering_efter": "revidering efter",
    "gemensamt_kortnamn": "gemensamt kortnamn",
    "dokumentets_kortnamn": "dokumentets kortnamn",
    "underlag_inledning": "inledning till underlagen",
    "beslutas_av": "beslutas av",
}
"""Friendlier labels for a few YAML keys; others are shown with '_' as a space."""

SILENT_KEYS = frozenset({"lista", "text"})
"""Keys that only hold a section's body and add nothing to a label."""

PARAGRAPH_KEYS = frozenset({"text", "uppdrag", "inledning", "motivering"})
"""Keys whose text is prose: changes are shown as quoted paragraphs, not on one line."""

LONG_TEXT = 60
"""Text longer than this is shown as a quoted paragraph even under another key."""

NOUNS: dict[tuple[str, ...], tuple[str, bool]] = {
    ("parter",): ("part", False),
    ("forum",): ("forum", True),
    ("bilagor", "lista"): ("bilaga", False),
    ("funktioner", "lista"): ("funktion", False),
    ("underlag",): ("underlag", True),
    ("prioriterade_områden",): ("prioriterat område", True),
    ("undantag",): ("undantag", True),
    ("profil",): ("regelprofil", False),
    ("undertecknare",): ("undertecknare", False),
}
"""What one item of a list is called, and whether the noun is neuter (ett-ord)."""

KEY_ATTRIBUTES = ("id", "rule")
"""Attributes that identify a list item across versions (`id`, or `regel` of an undantag)."""

NAME_ATTRIBUTES = ("heading", "name", "title", "rule", "id")
KIND_ATTRIBUTES = ("kind", "role")

T = TypeVar("T")


@runtime_checkable
class _Swedish(Protocol):
    """A value the document prints as Swedish text: a frequency, a postal address."""

    def swedish(self) -> str: ...


@dataclass(frozen=True, slots=True)
class _At:
    """Where the walk is: the YAML keys from the agreement's root, and where labels start."""

    path: tuple[str, ...]
    start: int

    def child(self, key: str) -> _At:
        return _At((*self.path, key), self.start)

    def item_root(self) -> _At:
        return _At(self.path, len(self.path))

    @property
    def label(self) -> str:
        keys = [k for k in self.path[self.start :] if k not in SILENT_KEYS]
        return ", ".join(LABELS.get(k, k.replace("_", " ")) for k in keys)

    @property
    def key(self) -> str:
        return self.path[-1] if self.path else ""


def diff_folders(old_folder: Path, new_folder: Path) -> str:
    """The Markdown report for two agreement folders; ProblemsFound if either cannot load."""
    old, old_problems = _load(old_folder)
    new, new_problems = _load(new_folder)
    if old is None or new is None:
        raise ProblemsFound([*old_problems, *new_problems])
    return diff_agreements(old, new, _display_name(old_folder), _display_name(new_folder))


def diff_agreements(old: Agreement, new: Agreement, old_name: str, new_name: str) -> str:
    """What changed from `old` to `new`, section by section, as Swedish Markdown."""
    old, new = _with_numbered_references(old), _with_numbered_references(new)
    sections: list[ReportNode] = []
    for name, info in Agreement.model_fields.items():
        key = info.alias or name
        before, after = getattr(old, name), getattr(new, name)
        node = ReportNode(SECTION_TITLES.get(key, key.replace("_", " ").capitalize()), level=2)
        present = before if before is not None else after
        structured = isinstance(present, (BaseModel, list))
        _diff_value(node, _At((key,), start=1 if structured else 0), before, after)
        if not node.is_empty():
            sections.append(node)
    if not sections:
        return NO_DIFFERENCES + "\n"
    return render_report(f"Ändringar från {old_name} till {new_name}", sections)


def _with_numbered_references(agreement: Agreement) -> Agreement:
    """`{bilaga:id}` written as the document prints it ("bilaga 3"), so that a reference
    that still points at the same number is no change; unknown ids are left as written."""
    entries = agreement.bilagor.entries if agreement.bilagor else []
    numbers = {entry.id: number for number, entry in enumerate(entries, start=1)}

    def number(match: re.Match[str]) -> str:
        found = numbers.get(match.group(1))
        return match.group(0) if found is None else f"bilaga {found}"

    def resolve(value: object) -> object:
        if isinstance(value, str) and not isinstance(value, Enum):
            return BILAGA_REFERENCE.sub(number, value)
        if isinstance(value, list):
            return [resolve(item) for item in value]
        if isinstance(value, BaseModel) and not isinstance(value, RootModel):
            changed = {k: resolve(v) for k, v in value.__dict__.items()}
            return value.model_copy(update=changed)
        return value

    resolved = resolve(agreement)
    assert isinstance(resolved, Agreement)
    return resolved


def _load(folder: Path) -> tuple[Agreement | None, list[Problem]]:
    loaded = load_agreement(folder)
    errors = [p for p in loaded.problems if p.severity is Severity.ERROR]
    if errors or loaded.agreement is None:
        return None, loaded.problems
    return loaded.agreement, []


def _display_name(folder: Path) -> str:
    return unicodedata.normalize("NFC", folder.name)


# --- the walk -------------------------------------------------------------------------------


def _diff_value(node: ReportNode, at: _At, old: object, new: object) -> None:
    if old == new:
        return
    if isinstance(old, Scheduled) or isinstance(new, Scheduled):
        _diff_scheduled(node, at, _as(old, Scheduled), _as(new, Scheduled))
    elif isinstance(old, _Swedish) or isinstance(new, _Swedish):
        _line(node, at, old, new)
    elif isinstance(old, list) or isinstance(new, list):
        _diff_list(node, at, _as_list(old), _as_list(new))
    elif isinstance(old, BaseModel) or isinstance(new, BaseModel):
        _diff_model(node, at, old, new)
    elif isinstance(old, str | None) and isinstance(new, str | None):
        _diff_text(node, at, old, new)
    else:
        _line(node, at, old, new)


def _diff_model(node: ReportNode, at: _At, old: object, new: object) -> None:
    """Field by field; a model present on one side only lists what it holds."""
    if isinstance(old, RootModel) or isinstance(new, RootModel):
        _line(node, at, old, new)
        return
    if isinstance(old, BaseModel) and isinstance(new, BaseModel) and type(old) is not type(new):
        _line(node, at, old, new)
        return
    model = old if isinstance(old, BaseModel) else new
    assert isinstance(model, BaseModel)
    one_sided = not (isinstance(old, BaseModel) and isinstance(new, BaseModel))
    before = len(node.entries)
    if one_sided and not at.label:
        node.entries.append("- Nytt avsnitt." if old is None else "- Avsnittet har tagits bort.")
        before = len(node.entries)
    for name, info in type(model).model_fields.items():
        old_value = getattr(old, name) if isinstance(old, BaseModel) else None
        new_value = getattr(new, name) if isinstance(new, BaseModel) else None
        present = old_value if old_value is not None else new_value
        if one_sided and _is_default(present, info.get_default(call_default_factory=True)):
            continue
        _diff_value(node, at.child(info.alias or name), old_value, new_value)
    if one_sided and at.label and len(node.entries) == before:
        shown = (EMPTY, MISSING) if new is None else (MISSING, EMPTY)
        node.entries.append(change_line(at.label, *shown))


def _diff_scheduled(
    node: ReportNode, at: _At, old: Scheduled | None, new: Scheduled | None
) -> None:
    """A frequency on its own line; its sentence, with the frequency put in, as a paragraph."""
    old_frequency = old.frequency.swedish() if old else None
    new_frequency = new.frequency.swedish() if new else None
    if old_frequency != new_frequency:
        _line(node, at, old_frequency, new_frequency)
    old_text = old.text if old else None
    new_text = new.text if new else None
    if old_text != new_text:
        _paragraph_change(node, at, _sentence(old), _sentence(new))


def _diff_list(node: ReportNode, at: _At, old: Sequence[object], new: Sequence[object]) -> None:
    if _is_keyed([*old, *new]):
        _diff_keyed(node, at, old, new)
    elif all(isinstance(v, str) for v in (*old, *new)) and at.key in PARAGRAPH_KEYS:
        _diff_paragraphs(node, at, [str(v) for v in old], [str(v) for v in new])
    else:
        _diff_items(node, at, old, new)


def _diff_keyed(node: ReportNode, at: _At, old: Sequence[object], new: Sequence[object]) -> None:
    """Items matched by id: added, removed, reordered, and changed ones under a heading."""
    old_by = {_key(item): item for item in old}
    new_by = {_key(item): item for item in new}
    noun, neuter = _noun(at)
    for key, item in old_by.items():
        if key not in new_by:
            node.entries.append(f"- {_removed(noun, neuter)}: {inline(_describe(item))}")
    for key, item in new_by.items():
        if key not in old_by:
            node.entries.append(f"- {_added(noun, neuter)}: {inline(_describe(item))}")
    common_old = [k for k in old_by if k in new_by]
    common_new = [k for k in new_by if k in old_by]
    if common_old != common_new:
        before = ", ".join(_name(item) for item in old)
        after = ", ".join(_name(item) for item in new)
        node.entries.append(change_line("ordning", before, after))
    for key in common_new:
        if old_by[key] == new_by[key]:
            continue
        child = ReportNode(f"{noun.capitalize()}: {inline(_name(new_by[key]))}", node.level + 1)
        _diff_model(child, at.item_root(), old_by[key], new_by[key])
        node.children.append(child)


def _diff_items(node: ReportNode, at: _At, old: Sequence[object], new: Sequence[object]) -> None:
    """A plain list (functions, sources): what was added and what was removed, in order."""
    old_shown = [_show(v) for v in old]
    new_shown = [_show(v) for v in new]
    noun, neuter = _noun(at)
    for tag, a1, a2, b1, b2 in opcodes(old_shown, new_shown):
        if tag == "equal":
            continue
        for value in old_shown[a1:a2]:
            node.entries.append(f"- {_removed(noun, neuter)}: {inline(value)}")
        for value in new_shown[b1:b2]:
            node.entries.append(f"- {_added(noun, neuter)}: {inline(value)}")


def _diff_paragraphs(node: ReportNode, at: _At, old: list[str], new: list[str]) -> None:
    """Paragraphs aligned in order (see `alignment`); a replaced paragraph is shown before
    and after."""
    for tag, a1, a2, b1, b2 in opcodes(old, new):
        if tag == "equal":
            continue
        removed, added = old[a1:a2], new[b1:b2]
        paired = min(len(removed), len(added))
        for before, after in zip(removed[:paired], added[:paired], strict=True):
            _paragraph_change(node, at, before, after)
        for before in removed[paired:]:
            _paragraph_change(node, at, before, None)
        for after in added[paired:]:
            _paragraph_change(node, at, None, after)


def _diff_text(node: ReportNode, at: _At, old: str | None, new: str | None) -> None:
    long = any(v is not None and (len(v) > LONG_TEXT or "\n" in v) for v in (old, new))
    if at.key in PARAGRAPH_KEYS or long:
        _paragraph_change(node, at, old, new)
    else:
        _line(node, at, old, new)


def _line(node: ReportNode, at: _At, old: object, new: object) -> None:
    node.entries.append(change_line(at.label, _show(old), _show(new)))


def _paragraph_change(node: ReportNode, at: _At, old: str | None, new: str | None) -> None:
    entry = paragraph_change(at.label, old, new)
    if entry is not None:
        node.entries.append(entry)


# --- values ---------------------------------------------------------------------------------


def _show(value: object) -> str:
    """A value as the reader knows it: Swedish text, ISO dates, ja/nej."""
    if value is None:
        return MISSING
    if isinstance(value, _Swedish):
        return value.swedish()
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list):
        return ", ".join(_show(v) for v in value) or EMPTY
    if isinstance(value, RootModel):
        return _show(value.root)
    if isinstance(value, BaseModel):
        return _describe(value)
    return str(value)


def _describe(item: object) -> str:
    """An item's name and, when it has one, its kind: "Lokala arbetsgrupper (arbetsgrupp)"."""
    kind = next((getattr(item, a) for a in KIND_ATTRIBUTES if hasattr(item, a)), None)
    name = _name(item)
    return f"{name} ({_show(kind)})" if kind is not None else name


def _name(item: object) -> str:
    for attribute in NAME_ATTRIBUTES:
        value = getattr(item, attribute, None)
        if isinstance(value, str) and value:
            return value
    if isinstance(item, BaseModel):
        return ", ".join(_show(v) for v in item.__dict__.values() if v not in (None, [], ""))
    return _show(item)


def _sentence(scheduled: Scheduled | None) -> str | None:
    if scheduled is None or scheduled.text is None:
        return None
    return scheduled.text.replace(FREQUENCY_PLACEHOLDER, scheduled.frequency.swedish())


def _is_keyed(items: Sequence[object]) -> bool:
    return bool(items) and all(
        isinstance(item, BaseModel) and any(hasattr(item, a) for a in KEY_ATTRIBUTES)
        for item in items
    )


def _key(item: object) -> str:
    return next(str(getattr(item, a)) for a in KEY_ATTRIBUTES if hasattr(item, a))


def _noun(at: _At) -> tuple[str, bool]:
    for length in (2, 1):
        found = NOUNS.get(at.path[-length:])
        if found is not None:
            return found
    return (f"post i {at.label or at.key.replace('_', ' ')}", False)


def _added(noun: str, neuter: bool) -> str:
    return f"{'Nytt' if neuter else 'Ny'} {noun}"


def _removed(noun: str, neuter: bool) -> str:
    return f"{'Borttaget' if neuter else 'Borttagen'} {noun}"


def _is_default(value: object, default: object) -> bool:
    return value is None or value == default


def _as(value: object, kind: type[T]) -> T | None:
    return value if isinstance(value, kind) else None


def _as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []
