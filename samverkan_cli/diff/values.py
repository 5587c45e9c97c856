"""How `samverkan diff` names things and shows values: the words of the document.

A change is reported in the words the reader knows: a frequency or an address as the
document prints it, a date as ÅÅÅÅ-MM-DD, a yes/no as ja/nej, and a field without a printed
form by its YAML key. Kept apart from the walk (`diff.sections`) so that the wording lives in
one place.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Protocol, runtime_checkable

from pydantic import BaseModel, RootModel

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

PARAGRAPH_KEYS = frozenset(
    {
        "text",
        "uppdrag",
        "inledning",
        "motivering",
        "sammanfattning",
        "bakgrund",
        "ärendet",
        "ärendets_beredning",
        "synpunkter_och_förslag",
    }
)
"""Keys whose text is prose: changes are shown as quoted paragraphs, not on one line."""

LONG_TEXT = 60
"""Text longer than this is shown as a quoted paragraph even under another key."""

NAME_ATTRIBUTES = (
    "heading",
    "name",
    "title",
    "label",
    "rule",
    "activity",
    "priority_area",
    "party",
    "subject",
    "id",
)
"""Attributes that name an item, the first one set wins."""
KIND_ATTRIBUTES = ("kind", "role")


@runtime_checkable
class Printed(Protocol):
    """A value the document prints as Swedish text: a frequency, a postal address."""

    def swedish(self) -> str: ...


def show(value: object) -> str:
    """A value as the reader knows it: Swedish text, ISO dates, ja/nej."""
    if value is None:
        return MISSING
    if isinstance(value, Printed):
        return value.swedish()
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list | tuple):
        return ", ".join(show(v) for v in value) or EMPTY
    if isinstance(value, dict):
        return ", ".join(f"{k}: {show(v)}" for k, v in value.items()) or EMPTY
    if isinstance(value, RootModel):
        return show(value.root)
    if isinstance(value, BaseModel):
        return describe(value)
    return str(value)


def describe(item: object) -> str:
    """An item's name and, when it has one, its kind: "Lokala arbetsgrupper (arbetsgrupp)"."""
    kind = next((getattr(item, a) for a in KIND_ATTRIBUTES if hasattr(item, a)), None)
    name = name_of(item)
    return f"{name} ({show(kind)})" if kind is not None else name


def summary(item: object) -> str:
    """An item with everything it holds, for one that was added or removed and has no id:
    "Stadsdelsförvaltningen (part: sdf, åtagande: Leder arbetet.)"."""
    name = name_of(item)
    if not isinstance(item, BaseModel) or isinstance(item, RootModel):
        return name
    details = []
    for field_name, info in type(item).model_fields.items():
        value = getattr(item, field_name)
        shown = show(value)
        if value in (None, [], "", info.default) or shown == name:
            continue
        if isinstance(item, Printed) and (field_name == "text" or shown in name):
            continue  # already in the printed form
        details.append(f"{label_of((info.alias or field_name,))}: {shown}")
    return f"{name} ({', '.join(details)})" if details else name


def name_of(item: object) -> str:
    """What an item is called: its heading, name or title, else everything it holds."""
    if isinstance(item, Printed):
        return item.swedish()
    for attribute in NAME_ATTRIBUTES:
        value = getattr(item, attribute, None)
        if isinstance(value, str) and value:
            return value
    if isinstance(item, BaseModel) and not isinstance(item, RootModel):
        return ", ".join(show(v) for v in item.__dict__.values() if v not in (None, [], ""))
    return show(item)


def label_of(keys: tuple[str, ...]) -> str:
    """YAML keys as a label: "revidering efter", "aktiviteter, polisen"."""
    shown = [k for k in keys if k not in SILENT_KEYS]
    return ", ".join(LABELS.get(k, k.replace("_", " ")) for k in shown)


def section_title(key: str) -> str:
    """The heading of a top-level section of a file, by its YAML key."""
    return SECTION_TITLES.get(key, key.replace("_", " ").capitalize())


def added(noun: str, neuter: bool) -> str:
    return f"{'Nytt' if neuter else 'Ny'} {noun}"


def removed(noun: str, neuter: bool) -> str:
    return f"{'Borttaget' if neuter else 'Borttagen'} {noun}"


def moved(noun: str, neuter: bool) -> str:
    return f"{'Flyttat' if neuter else 'Flyttad'} {noun}"


def places(old_index: int, new_index: int) -> str:
    """Where a moved item was and is, counted from 1 as a reader counts."""
    return f"från plats {old_index + 1} till plats {new_index + 1}"
