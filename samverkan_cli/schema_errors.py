"""Pydantic validation errors, translated to Swedish and placed at the YAML node.

Users never see pydantic's English: each error type has a Swedish message, unknown keys get
a "menade du" suggestion, and the location comes from the loader's marks.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from samverkan_cli.problems import Problem, Severity
from samverkan_cli.yamlsource import KeyPath, YamlDocument

RULE_SCHEMA = "SV010"


def schema_problems(
    error: ValidationError, document: YamlDocument, shape: Any
) -> Iterator[Problem]:
    """One located Swedish problem per pydantic error; `shape` is the model or annotation
    that was validated (its keys feed the "menade du" suggestions)."""
    known_keys = sorted(k for m in _models_in(shape) for k in _aliases(m))
    alternatives: dict[KeyPath, list[str]] = {}
    for detail in error.errors(include_url=False):
        path = tuple(detail["loc"])
        if detail["type"] not in {"missing", "extra_forbidden"}:
            path = document.existing_part(path)  # 'date', "literal[...]": a union's branches
        message = _message(detail, path, known_keys)
        if detail["type"] == "missing" or tuple(detail["loc"]) == path:
            is_key_error = detail["type"] == "extra_forbidden"
            yield Problem(
                document.location(path, key=is_key_error), RULE_SCHEMA, Severity.ERROR, message
            )
        else:
            alternatives.setdefault(path, []).append(message)
    for path, messages in alternatives.items():
        # one value that fits none of a union's forms: one problem that lists what each wanted
        prefix = f"'{_field_name(path)}': "
        reasons = [m.removeprefix(prefix) for m in dict.fromkeys(messages)]
        message = prefix + " – eller: ".join(reasons)
        yield Problem(document.location(path), RULE_SCHEMA, Severity.ERROR, message)


def _field_name(path: KeyPath) -> str:
    names = [str(p) for p in path if isinstance(p, str)]
    return names[-1] if names else "dokumentet"


def _message(detail: ErrorDetails, path: KeyPath, known_keys: list[str]) -> str:
    kind = detail["type"]
    ctx: dict[str, Any] = dict(detail.get("ctx") or {})
    field = _field_name(path)
    given = detail.get("input")
    if kind == "frequency_form" and isinstance(given, dict):
        # the form is chosen by its keys, so a misspelt key ({mist: 2}) lands here
        hints = [
            f"'{s}' i stället för '{k}'"
            for k in given
            if isinstance(k, str) and k not in known_keys and (s := _suggestion(k, known_keys))
        ]
        hint = f"; menade du {' och '.join(hints)}?" if hints else ""
        return f"'{field}': {detail['msg']}{hint}"
    if kind in {"samverkan", "frequency_form", "bilaga_kind"}:
        return f"'{field}': {detail['msg']}"
    if kind == "missing":
        return f"fältet '{field}' saknas"
    if kind == "extra_forbidden":
        suggestion = _suggestion(field, known_keys)
        hint = f"; menade du '{suggestion}'?" if suggestion else ""
        return f"okänt fält '{field}'{hint}"
    simple = _SIMPLE.get(kind)
    if simple is not None:
        return f"'{field}': {simple}".format(**ctx, given=_show(given))
    if kind in {"literal_error", "enum"}:
        expected = str(ctx.get("expected", "")).replace(" or ", " eller ")
        wrong = "värdet saknas" if given is None else f"ogiltigt värde {_show(given)}"
        return f"'{field}': {wrong}; tillåtna värden är {expected}"
    if kind.startswith("date") or kind.startswith("datetime"):
        return (
            f"'{field}': {_show(given)} är inget giltigt datum; "
            "skriv ÅÅÅÅ-MM-DD med en dag som finns"
        )
    if kind == "union_tag_not_found" or kind == "union_tag_invalid":
        return f"'{field}': okänd form på värdet {_show(given)}"
    return f"'{field}': ogiltigt värde {_show(given)} ({detail['msg']})"


def _suggestion(key: str, known_keys: list[str]) -> str | None:
    """The known key closest to a misspelt one, or a known key it is the start of."""
    close = difflib.get_close_matches(key, known_keys, n=1, cutoff=0.6)
    started = [k for k in known_keys if len(key) >= 4 and k.startswith(key)]
    return next(iter(close or started), None)


_SIMPLE = {
    "string_type": "värdet ska vara text, inte {given}; sätt citattecken runt det",
    "int_type": "värdet ska vara ett heltal, inte {given}",
    "int_parsing": "värdet ska vara ett heltal, inte {given}",
    "int_from_float": "värdet ska vara ett heltal, inte {given}",
    "bool_type": "värdet ska vara true eller false, inte {given}",
    "bool_parsing": "värdet ska vara true eller false, inte {given}",
    "list_type": "värdet ska vara en lista, inte {given}",
    "dict_type": "värdet ska vara en mappning med fält, inte {given}",
    "model_type": "värdet ska vara en mappning med fält, inte {given}",
    "model_attributes_type": "värdet ska vara en mappning med fält, inte {given}",
    "too_short": "minst {min_length} element krävs",
    "too_long": "högst {max_length} element tillåts",
    "string_too_short": "texten får inte vara tom",
    "string_pattern_mismatch": "värdet {given} har fel form",
    "greater_than_equal": "värdet ska vara minst {ge}",
    "greater_than": "värdet ska vara större än {gt}",
    "less_than_equal": "värdet får vara högst {le}",
}


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "en mappning"
    if isinstance(value, list):
        return "en lista"
    if value is None:
        return "ett tomt värde"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if len(text) > _SHOWN_LENGTH:  # a pasted page, or 5,000 digits: the start is enough
        text = text[: _SHOWN_LENGTH - 1] + "…"
    return f"'{text}'"


_SHOWN_LENGTH = 60


def _aliases(model: type[BaseModel], seen: set[type[BaseModel]] | None = None) -> set[str]:
    """Every YAML key the model tree knows, for "did you mean" suggestions."""
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    keys: set[str] = set()
    for name, info in model.model_fields.items():
        keys.add(info.alias or name)
        for sub in _models_in(info.annotation):
            keys |= _aliases(sub, seen)
    return keys


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for arg in getattr(annotation, "__args__", ()) or ():
        yield from _models_in(arg)
    for arg in getattr(annotation, "__metadata__", ()) or ():
        yield from _models_in(arg)
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and origin is not annotation:
        yield from _models_in(origin)
