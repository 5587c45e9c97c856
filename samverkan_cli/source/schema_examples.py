"""An accepted example for any YAML key, so that every refusal can show the form to write.

The example comes from the key's `exempel` in `schema_texts.yaml` (the same the editors
show), else from the field's type as the models declare it: `titel: Text`, `exemplar: 2`,
`datum: 2025-03-01`, `typ: kommun`, `veckodagar: [måndag]`, `postadress: {gatuadress: …}`.
The type is found by walking the models along the error's path, so that `typ` of a party
and `typ` of a bilaga each get their own values.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, RootModel

_TEXTS = Path(__file__).with_name("schema_texts.yaml")
DATE_EXAMPLE = "2025-03-01"
_MAX_EXAMPLES = 2


@cache
def _key_examples() -> dict[str, list[Any]]:
    from samverkan_cli.source.yaml_source import read_yaml

    data: dict[str, dict[str, Any]] = read_yaml(_TEXTS).data
    return {key: list(entry.get("exempel") or []) for key, entry in data.items()}


def key_examples(key: str) -> list[Any]:
    """The accepted example values of `key` from schema_texts.yaml (may be empty)."""
    return _key_examples().get(key, [])


def example(key: str, annotation: Any = None) -> str:
    """One or two YAML lines, joined by "eller", that write `key` right."""
    values = [yaml_flow(v) for v in _key_examples().get(key, [])[:_MAX_EXAMPLES]]
    if not values and annotation is not None:
        typed = typed_value(annotation)
        values = [typed] if typed is not None else []
    if not values:
        values = ["Text"]
    return " eller ".join(f"{key}: {value}" for value in values)


def yaml_flow(value: Any) -> str:
    """`value` as YAML on one line, as a user would write it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {yaml_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(yaml_flow(v) for v in value) + "]"
    text = str(value)
    if any(char in text for char in ":#{}[],&*!|>'\"%@`") or text != text.strip():
        return '"' + text.replace('"', '\\"') + '"'
    return text


def typed_value(annotation: Any, depth: int = 0) -> str | None:
    """A value of the declared type, written as YAML (None: no sensible example)."""
    annotation = _unwrapped(annotation)
    if annotation is type(None):
        return None
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is typing.Literal:
        return yaml_flow(args[0]) if args else None
    if origin in (typing.Union, types.UnionType):
        return next((v for a in args if (v := typed_value(a, depth)) is not None), None)
    if origin in (list, tuple, set, frozenset):
        item = typed_value(args[0], depth + 1) if args else None
        return f"[{item}]" if item is not None else None
    if origin is dict:
        value = typed_value(args[1], depth + 1) if len(args) > 1 else "Text"
        return "{id: " + str(value) + "}"
    if isinstance(annotation, type):
        return _typed_class(annotation, depth)
    return None


def _typed_class(annotation: type, depth: int) -> str | None:
    if issubclass(annotation, bool):
        return "true"
    if issubclass(annotation, enum.Enum):
        return yaml_flow(next(iter(annotation)).value)
    if issubclass(annotation, int):
        return "2"
    if issubclass(annotation, float):
        return "1.5"
    if issubclass(annotation, str):
        return "Text"
    if issubclass(annotation, dt.date):
        return DATE_EXAMPLE
    if issubclass(annotation, RootModel):
        return typed_value(annotation.model_fields["root"].annotation, depth)
    if issubclass(annotation, BaseModel):
        if depth > 1:
            return "{…}"
        parts = []
        for name, info in annotation.model_fields.items():
            if not info.is_required():
                continue
            key = info.alias or name
            given = _key_examples().get(key)
            value = yaml_flow(given[0]) if given else typed_value(info.annotation, depth + 1)
            parts.append(f"{key}: {value if value is not None else '…'}")
        return "{" + ", ".join(parts) + "}" if parts else "{…}"
    return None


def annotation_at(shape: Any, path: tuple[str | int, ...]) -> Any:
    """The declared type of the value at `path` (pydantic's error location: keys, list
    indexes and union tags), or None when the models do not say."""
    current = shape
    for element in path:
        current = _step(current, element)
        if current is None:
            return None
    return current


def _step(annotation: Any, element: str | int) -> Any:
    annotation = _unwrapped(annotation)
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if isinstance(element, int):
        if origin in (list, tuple) and args:
            return args[0]
        if origin in (typing.Union, types.UnionType):
            return next((_step(a, element) for a in args if _step(a, element) is not None), None)
        return None
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            found = _step(arg, element)
            if found is not None:
                return found
        return annotation  # a union's tag ("count", "str"): stay at the union
    if origin is dict and len(args) > 1:
        return args[1]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, info in annotation.model_fields.items():
            if element in (info.alias, name):
                return info.annotation
        if issubclass(annotation, RootModel):
            return _step(annotation.model_fields["root"].annotation, element)
    return None


def _unwrapped(annotation: Any) -> Any:
    """`Annotated[X, …]` as X."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def model_keys(annotation: Any) -> list[str]:
    """The YAML keys of the model (or the models of a union) at a place."""
    annotation = _unwrapped(annotation)
    members = typing.get_args(annotation) if typing.get_origin(annotation) else (annotation,)
    keys: list[str] = []
    for member in members:
        member = _unwrapped(member)
        if isinstance(member, type) and issubclass(member, BaseModel):
            if issubclass(member, RootModel):
                continue
            keys.extend(info.alias or name for name, info in member.model_fields.items())
    return list(dict.fromkeys(keys))


def english_keys(annotation: Any) -> dict[str, str]:
    """The models' English field names at a place → their Swedish YAML keys (an English
    name written as a key is refused, with the Swedish one as the suggestion)."""
    annotation = _unwrapped(annotation)
    members = typing.get_args(annotation) if typing.get_origin(annotation) else (annotation,)
    names: dict[str, str] = {}
    for member in members:
        member = _unwrapped(member)
        if isinstance(member, type) and issubclass(member, BaseModel):
            if issubclass(member, RootModel):
                continue
            for name, info in member.model_fields.items():
                if info.alias and info.alias != name:
                    names.setdefault(name, info.alias)
    return names
