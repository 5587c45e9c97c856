"""Where a key that is unknown at its place belongs instead.

`postnummer:` written at the party's level instead of under `postadress`, or `villkor:`
under `underskrifter` instead of under `tid`, is a known key at the wrong level. A "menade
du" suggestion of the nearest spelling then misleads ("menade du 'organisationsnummer'?",
even "menade du 'villkor'?"); instead the models are searched near the place (under it, and
under the levels above it) for a field of that name, and the message says where it goes.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, RootModel

from samverkan_cli.source.schema_examples import annotation_at, key_examples, typed_value, yaml_flow

KeyPath = tuple[str | int, ...]

_LEVELS_UP = 2
_LEVELS_DOWN = 2


@dataclass(frozen=True, slots=True)
class Home:
    """The keys (from the level the search reached, `above` levels up) of the mapping
    where the key belongs, and that mapping's model."""

    container: tuple[str, ...]
    above: int
    model: type[BaseModel]


def key_home(shape: Any, loc: KeyPath) -> Home | None:
    """The nearest place in the models, other than `loc` itself, where `loc`'s last key is a
    field: under the mapping the key stands in, or under one of the levels above it."""
    key = loc[-1]
    if not isinstance(key, str):
        return None
    levels = [i for i, part in enumerate(loc[:-1]) if isinstance(part, str)]
    # the mapping the key stands in, then each mapping above it (a list index is no level)
    starts: list[KeyPath] = [loc[:-1]]
    for index in reversed(levels):
        starts.append(loc[:index])
    for above, start in enumerate(starts[: _LEVELS_UP + 1]):
        annotation = annotation_at(shape, start) if start else shape
        skip = _first_key(loc[len(start) :]) if above else None
        for container, model in _homes(annotation, key, _LEVELS_DOWN, skip):
            if container:
                return Home(container, above, model)
    return None


def home_message(key: str, home: Home, here: str) -> str:
    """'postnummer' hör hemma under 'postadress': postadress: {…, postnummer: 163 64, …}."""
    container = home.container[-1]
    path = ".".join(home.container)
    where = f"'{container}'" if len(home.container) == 1 else f"'{container}' ({path})"
    level = f" på samma nivå som '{here}'" if home.above == 1 and len(home.container) == 1 else ""
    return (
        f"fältet '{key}' hör inte hemma här utan under {where}{level}; flytta det dit, t.ex. "
        f"{container}: {_container_example(home.model, key)}"
    )


def _first_key(path: KeyPath) -> str | None:
    return next((p for p in path if isinstance(p, str)), None)


def _homes(
    annotation: Any, key: str, depth: int, skip: str | None
) -> Iterator[tuple[tuple[str, ...], type[BaseModel]]]:
    """(keys down to a model with a field `key`, that model), breadth first."""
    frontier: list[tuple[tuple[str, ...], type[BaseModel]]] = [
        ((), model) for model in _models(annotation)
    ]
    for _ in range(depth + 1):
        following: list[tuple[tuple[str, ...], type[BaseModel]]] = []
        for keys, model in frontier:
            if keys and key in _field_keys(model):
                yield keys, model
            for name, info in model.model_fields.items():
                field_key = info.alias or name
                if not keys and field_key == skip:
                    continue  # the branch the key was found in was searched already
                following.extend(((*keys, field_key), sub) for sub in _models(info.annotation))
        frontier = following


def _field_keys(model: type[BaseModel]) -> set[str]:
    return {info.alias or name for name, info in model.model_fields.items()}


def _models(annotation: Any) -> Iterator[type[BaseModel]]:
    """The models a value of this type can be (through Optional, unions, lists, Annotated)."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if isinstance(annotation, type) and issubclass(annotation, RootModel):
        yield from _models(annotation.model_fields["root"].annotation)
        return
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, tuple):
        for arg in typing.get_args(annotation):
            yield from _models(arg)


def _container_example(model: type[BaseModel], key: str) -> str:
    """The mapping written on one line: its required fields and `key`."""
    parts = []
    for name, info in model.model_fields.items():
        field_key = info.alias or name
        if not info.is_required() and field_key != key:
            continue
        given = key_examples(field_key)
        value = yaml_flow(given[0]) if given else typed_value(info.annotation, 1)
        parts.append(f"{field_key}: {value if value is not None else '…'}")
    return "{" + ", ".join(parts) + "}"
