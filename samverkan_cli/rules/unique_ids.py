"""Every item that is named by an id has its own: a second item with the same id would be
hidden behind the first wherever the id is used (a reference, `samverkan diff`, a bilaga's
number), so the document could silently show the wrong one.

The check walks the YAML data of the agreement, each bilaga file and the tjänsteutlåtande,
not the models, so that a list added to a model later is covered without touching this
module. Lists the models already refuse duplicates in (forum, parter, bilagor, planer) never
reach a rule with a duplicate, so nothing is reported twice. Priority areas are one set of
ids across the agreement's lägesbild and every lägesbild bilaga, since plans, matrices and
medborgarlöften name them by id wherever they are written.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from samverkan_cli.core.problems import Location, Severity
from samverkan_cli.model import BilagaKind
from samverkan_cli.model.item_names import KEY_FIELDS, noun_of
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.rules.lookup import bilagor_of_kind
from samverkan_cli.source.yaml_document import YamlDocument

KeyPath = tuple[str | int, ...]

RULE_KEY = "regel"
"""The key of an undantag: one exception per rule and place."""

AREAS = "prioriterade_områden"


@rule(
    "SV165",
    title="Samma id på två poster",
    severity=Severity.ERROR,
    explanation=(
        "Poster som har ett id (prioriterade områden, processer, löften, planer …) nämns med "
        "sitt id i andra delar av överenskommelsen och i `samverkan diff`; två poster med "
        "samma id går inte att skilja åt, så den ena skulle tyst försvinna eller förväxlas. "
        "Varje post i en lista behöver ett eget id, och varje regel högst ett undantag per "
        "plats (slå ihop motiveringarna). Prioriterade områden har ett eget id i hela "
        "överenskommelsen, också mellan lägesbilden och lägesbildsbilagorna."
    ),
)
def duplicate_ids(ctx: RuleContext) -> Iterator[Finding]:
    for document in _documents(ctx):
        for path, items in _keyed_lists(document.data, ()):
            yield from _duplicates_in(document, path, items)
    yield from _areas_across_files(ctx)


def _documents(ctx: RuleContext) -> list[YamlDocument]:
    """Every YAML file of the agreement that was read and validated."""
    documents = [ctx.source, *(loaded.document for loaded in ctx.loaded.bilagor.values())]
    if ctx.loaded.report_source is not None:
        documents.append(ctx.loaded.report_source)
    return documents


def _keyed_lists(value: Any, path: KeyPath) -> Iterator[tuple[KeyPath, Sequence[Any]]]:
    """Every list in the data with at least one item that has an identifying key."""
    # texts and numbers are not walked into: a generator for each was most of the walk
    if isinstance(value, Mapping):
        for key, item in value.items():
            if isinstance(item, _HOLDERS):
                yield from _keyed_lists(item, (*path, str(key)))
    elif isinstance(value, list):
        if any(isinstance(item, Mapping) and _has_key(item) for item in value):
            yield path, value
        for index, item in enumerate(value):
            if isinstance(item, _HOLDERS):
                yield from _keyed_lists(item, (*path, index))


_HOLDERS = (list, dict, Mapping)
"""What `_keyed_lists` walks into (a dict is a Mapping, named first as the quicker test)."""


def _has_key(item: Mapping[str, Any]) -> bool:
    return any(_written(item.get(key)) is not None for key in KEY_FIELDS)


def _written(value: object) -> str | None:
    """An id as written, or None when it is no id (missing, a list, a mapping)."""
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) else None


def _duplicates_in(
    document: YamlDocument, path: KeyPath, items: Sequence[Any]
) -> Iterator[Finding]:
    for key in KEY_FIELDS:
        first: dict[str, int] = {}
        ids = {_written(item.get(key)) for item in items if isinstance(item, Mapping)}
        for index, item in enumerate(items):
            written = _identity(item, key) if isinstance(item, Mapping) else None
            if written is None:
                continue
            if written not in first:
                first[written] = index
                continue
            line = document.location((*path, first[written], key)).line
            where = document.location((*path, index, key))
            yield Finding(where, _message(key, written, f"på rad {line}", path, ids))


PLACE_KEYS = ("fil", "plats")
"""An undantag is one per rule and place: two for one rule with different places differ."""


def _identity(item: Mapping[str, Any], key: str) -> str | None:
    """What must differ between two items: the id, or an undantag's rule with its place."""
    written = _written(item.get(key))
    if key != RULE_KEY or written is None:
        return written
    places = [f"{k} '{item[k]}'" for k in PLACE_KEYS if _written(item.get(k)) is not None]
    return " ".join([written, " och ".join(places)]) if places else written


def _message(key: str, written: str, first: str, path: KeyPath, ids: set[str | None]) -> str:
    if key == RULE_KEY:
        rule_id, _, place = written.partition(" ")
        where = f"med samma {place}" if place else "också det utan plats"
        return (
            f"ett undantag för regel '{rule_id}' finns redan {first}, {where}; en regel kan ha "
            "flera undantag bara om de gäller olika platser ('plats', 'fil'). Slå ihop "
            "motiveringarna i det första undantaget och ta bort det här, t.ex. 'motivering: "
            "Första skälet. Andra skälet.', eller ange platsen för det fynd det gäller"
        )
    names = tuple(step for step in path if isinstance(step, str))
    noun, _ = noun_of(names, names[-1].replace("_", " ") if names else "")
    return (
        f"{key} '{written}' finns redan {first}; varje {noun} behöver ett eget {key}, "
        f"t.ex. '{_free(written, ids)}'"
    )


def _free(written: str, taken: set[str | None]) -> str:
    """The first of `id-2`, `id-3` … that no item has."""
    number = 2
    while f"{written}-{number}" in taken:
        number += 1
    return f"{written}-{number}"


def _areas_across_files(ctx: RuleContext) -> Iterator[Finding]:
    """A priority area's id used again in another lägesbild (the agreement's own section
    or a lägesbild bilaga); a repeat inside one list is reported by the walk above."""
    lists: list[tuple[YamlDocument, KeyPath, list[str]]] = []
    section = ctx.agreement.situation_picture
    if section is not None:
        ids = [area.id for area in section.priority_areas]
        lists.append((ctx.source, ("lägesbild", AREAS), ids))
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.SITUATION_PICTURE):
        ids = [area.id for area in loaded.model.priority_areas]
        lists.append((loaded.document, (AREAS,), ids))
    seen: dict[str, Location] = {}
    every = {area for _, _, ids in lists for area in ids}
    for document, path, ids in lists:
        here: set[str] = set()
        for index, area in enumerate(ids):
            if area in here:
                continue
            here.add(area)
            if area in seen:
                earlier = seen[area]
                first = f"på rad {earlier.line} i {earlier.file}"
                where = document.location((*path, index, "id"))
                yield Finding(where, _message("id", area, first, (AREAS,), set(every)))
            else:
                seen[area] = document.location((*path, index, "id"))
