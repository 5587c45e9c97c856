"""Pydantic validation errors, translated to Swedish and placed at the YAML node.

Users never see pydantic's English: each error type has a Swedish message, unknown keys get
a "menade du" suggestion, and the location comes from the loader's marks. Every message ends
with an accepted example of the form ("t.ex. exemplar: 2"), from `source.schema_examples`: a
refusal that only says what is wrong sends the user to the README.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.source.schema_examples import (
    DATE_EXAMPLE,
    annotation_at,
    english_keys,
    example,
    model_keys,
)
from samverkan_cli.source.schema_homes import home_message, key_home
from samverkan_cli.source.yaml_document import KeyPath, YamlDocument

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
        message = _message(detail, path, known_keys, shape)
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
        reasons = list(dict.fromkeys(m.removeprefix(prefix) for m in messages))
        if len(reasons) == 1:  # an optional value: the one form, its own example
            message = prefix + reasons[0]
        else:
            shown = example(_field_name(path), annotation_at(shape, path))
            forms = dict.fromkeys(_EXAMPLE_TAIL.sub("", reason) for reason in reasons)
            message = prefix + " – eller: ".join(forms) + f"; t.ex. {shown}"
        yield Problem(document.location(path), RULE_SCHEMA, Severity.ERROR, message)


def _field_name(path: KeyPath) -> str:
    names = [str(p) for p in path if isinstance(p, str)]
    return names[-1] if names else "dokumentet"


def _message(detail: ErrorDetails, path: KeyPath, known_keys: list[str], shape: Any = None) -> str:
    """The Swedish message, ending in an accepted example of the form."""
    kind = detail["type"]
    ctx: dict[str, Any] = dict(detail.get("ctx") or {})
    field = _field_name(path)
    given = detail.get("input")
    loc = tuple(detail["loc"])
    annotation = annotation_at(shape, loc) if shape is not None else None
    shown_example = example(field, annotation)
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
        return _with_example(f"'{field}': {detail['msg']}", shown_example)
    if kind == "missing":
        return f"fältet '{field}' saknas; lägg till det, t.ex. {shown_example}"
    if kind == "extra_forbidden":
        home = key_home(shape, loc) if shape is not None else None
        if home is not None:
            return home_message(field, home, _field_name(loc[:-1]))
        return _unknown_key(field, known_keys, annotation_at(shape, loc[:-1]) if shape else None)
    if kind in _SIMPLE:
        return _simple(kind, field, given, ctx, shown_example)
    if kind in {"literal_error", "enum"}:
        return _not_allowed(field, given, str(ctx.get("expected", "")))
    if kind.startswith("date") or kind.startswith("datetime"):
        return (
            f"'{field}': {_show(given)} är inget giltigt datum; skriv ÅÅÅÅ-MM-DD med en dag "
            f"som finns, t.ex. {field}: {_date_suggestion(given)}"
        )
    if kind == "union_tag_not_found" or kind == "union_tag_invalid":
        return f"'{field}': okänd form på värdet {_show(given)}; skriv t.ex. {shown_example}"
    return f"'{field}': ogiltigt värde {_show(given)} ({detail['msg']}); t.ex. {shown_example}"


def _with_example(message: str, shown_example: str) -> str:
    """A message of the models' own (already Swedish), with an example unless it has one."""
    if any(marker in message for marker in _EXAMPLE_MARKERS) or _FLOW_EXAMPLE.search(message):
        return message
    return f"{message}; t.ex. {shown_example}"


_EXAMPLE_MARKERS = ("t.ex.", "till exempel")
_EXAMPLE_TAIL = re.compile(r"(?:[;,] t\.ex\. [^–]*| \(t\.ex\. [^–]*\))$")
"""A message's own example, left out when the forms of a union are listed together."""
_FLOW_EXAMPLE = re.compile(r"\{[^{}:]+: [^{}]+\}")
"""A YAML snippet such as {varje: år} in a message is an example of the form already."""


def _simple(kind: str, field: str, given: Any, ctx: dict[str, Any], shown_example: str) -> str:
    """A message from `_SIMPLE`, with the example fitted to the value given when it can be:
    the same text quoted, the number word as digits, "ja" as true."""
    fitted = shown_example
    scalar = isinstance(given, str | int | float) and not isinstance(given, bool)
    if kind == "string_type" and scalar:
        fitted = f'{field}: "{given}"'
    elif kind in {"int_type", "int_parsing"} and isinstance(given, str):
        number = _NUMBER_WORDS.get(given.strip().casefold())
        digits = given.strip() if given.strip().isdigit() else None
        value = number if number is not None else digits
        fitted = f"{field}: {value}" if value is not None else shown_example
    elif kind in {"bool_type", "bool_parsing"} and isinstance(given, str):
        truth = _TRUTH.get(given.strip().casefold())
        fitted = f"{field}: {truth}" if truth else f"{field}: true eller {field}: false"
    elif kind == "list_type" and scalar:
        fitted = f"{field}: [{given}]"
    elif kind in {"greater_than_equal", "less_than_equal"}:
        fitted = f"{field}: {ctx.get('ge', ctx.get('le'))}"
    elif kind == "greater_than":
        fitted = f"{field}: {ctx.get('gt', 0) + 1}" if isinstance(ctx.get("gt"), int) else fitted
    template = _SIMPLE[kind]
    return f"'{field}': {template}".format(**ctx, given=_show(given), example=fitted)


def _not_allowed(field: str, given: Any, expected: str) -> str:
    """A value outside a list of allowed ones: the list, and the nearest as the example."""
    allowed = [v.strip().strip("'") for v in expected.replace(" or ", ", ").split(", ")]
    expected_sv = expected.replace(" or ", " eller ")
    if isinstance(given, list | dict):
        first = given[0] if isinstance(given, list) and given else None
        near = _nearest(str(first), allowed) if first is not None else None
        return (
            f"'{field}': skriv ett enda värde, inte {_show(given)}; tillåtna värden är "
            f"{expected_sv}, t.ex. {field}: {near or allowed[0]}"
        )
    wrong = "värdet saknas" if given is None else f"ogiltigt värde {_show(given)}"
    near = _nearest(str(given), allowed) if given is not None else None
    hint = f"; menade du '{near}'?" if near else ""
    return (
        f"'{field}': {wrong}; tillåtna värden är {expected_sv}{hint} "
        f"(t.ex. {field}: {near or allowed[0]})"
    )


def _nearest(given: str, allowed: list[str]) -> str | None:
    close = difflib.get_close_matches(given.casefold(), allowed, n=1, cutoff=0.6)
    started = [a for a in allowed if len(given) >= 3 and a.startswith(given.casefold())]
    return next(iter(close or started), None)


def _unknown_key(field: str, known_keys: list[str], parent: Any) -> str:
    """An unknown key: the nearest known one, or the keys this place takes; and whether an
    odd space or a colon made it (`titel:Hej` is one key)."""
    here = model_keys(parent) if parent is not None else []
    odd = next((c for c in field if c.isspace() and c != " "), None)
    if odd is not None:
        cleaned = "".join(c for c in field if not c.isspace())
        near = _suggestion(cleaned, here or known_keys) or cleaned
        return (
            f"okänt fält '{field}': nyckeln innehåller ett osynligt mellanslag "
            f"(U+{ord(odd):04X}, ofta inklistrat); skriv om indraget och nyckeln med vanliga "
            f"mellanslag, t.ex. '{near}:'"
        )
    if ":" in field:
        key, _, rest = field.partition(":")
        return (
            f"okänt fält '{field}': ett mellanslag saknas efter kolonet; skriv "
            f"'{key.strip()}: {rest.strip()}'"
        )
    swedish = english_keys(parent).get(field) if parent is not None else None
    if swedish is not None:
        typed = annotation_at(parent, (swedish,))
        return (
            f"okänt fält '{field}': fälten har svenska namn; menade du '{swedish}'? "
            f"(t.ex. {example(swedish, typed)})"
        )
    elsewhere = field in known_keys  # a field at another place: never "menade du" itself
    others = [k for k in known_keys if k != field]
    suggestion = _suggestion(field, [k for k in here if k != field] or others)
    suggestion = suggestion or (None if elsewhere else _suggestion(field, others))
    if elsewhere and suggestion is None:
        listed = ", ".join(here[:_LISTED_KEYS]) + (", …" if len(here) > _LISTED_KEYS else "")
        return (
            f"fältet '{field}' finns, men inte på den här nivån; flytta det dit det hör hemma "
            "(se schemas/ eller handbokens fältreferens, docs/referens/). "
            f"Här får stå: {listed or 'inga fält'} "
            f"(t.ex. {example(here[0]) if here else 'titel: Text'})"
        )
    if suggestion:
        typed = annotation_at(parent, (suggestion,)) if parent is not None else None
        shown = example(suggestion, typed)
        return f"okänt fält '{field}'; menade du '{suggestion}'? (t.ex. {shown})"
    listed = ", ".join(here[:_LISTED_KEYS]) + (", …" if len(here) > _LISTED_KEYS else "")
    where = f"här får stå: {listed}" if here else "se schemas/ för fälten"
    return f"okänt fält '{field}'; {where} (t.ex. {example(here[0]) if here else 'titel: Text'})"


_LISTED_KEYS = 12


def _date_suggestion(given: Any) -> str:
    """The date meant, when only day and month are swapped ("2025-13-01" → 2025-01-13)."""
    if isinstance(given, str):
        parts = given.strip().split("-")
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            year, month, day = (int(p) for p in parts)
            for candidate in ((year, day, month), (year, month, min(day, 28))):
                try:
                    return dt.date(*candidate).isoformat()
                except ValueError:
                    continue
    return DATE_EXAMPLE


def _suggestion(key: str, known_keys: list[str]) -> str | None:
    """The known key closest to a misspelt one, or a known key it is the start of."""
    close = difflib.get_close_matches(key, known_keys, n=1, cutoff=0.6)
    started = [k for k in known_keys if len(key) >= 4 and k.startswith(key)]
    return next(iter(close or started), None)


_SIMPLE = {
    "string_type": "värdet ska vara text, inte {given}; sätt citattecken runt det, t.ex. {example}",
    "int_type": "värdet ska vara ett heltal, inte {given}; skriv siffror, t.ex. {example}",
    "int_parsing": "värdet ska vara ett heltal, inte {given}; skriv siffror, t.ex. {example}",
    "int_from_float": "värdet ska vara ett heltal, inte {given}; t.ex. {example}",
    "bool_type": "värdet ska vara true eller false, inte {given}; skriv t.ex. {example}",
    "bool_parsing": "värdet ska vara true eller false, inte {given}; skriv t.ex. {example}",
    "list_type": (
        "värdet ska vara en lista, inte {given}; skriv t.ex. {example}, eller ett element per "
        "rad med '- ' först"
    ),
    "dict_type": "värdet ska vara en mappning med fält, inte {given}; t.ex. {example}",
    "model_type": "värdet ska vara en mappning med fält, inte {given}; t.ex. {example}",
    "model_attributes_type": "värdet ska vara en mappning med fält, inte {given}; t.ex. {example}",
    "too_short": "minst {min_length} element krävs; t.ex. {example}",
    "too_long": "högst {max_length} element tillåts; ta bort de övriga (t.ex. {example})",
    "string_too_short": "texten får inte vara tom; skriv t.ex. {example}",
    "string_pattern_mismatch": "värdet {given} har fel form; skriv t.ex. {example}",
    "greater_than_equal": "värdet ska vara minst {ge}, t.ex. {example}",
    "greater_than": "värdet ska vara större än {gt}, t.ex. {example}",
    "less_than_equal": "värdet får vara högst {le}, t.ex. {example}",
}
"""Message templates by pydantic error type; each shows an accepted example (a test checks)."""

_WORDS_FROM_ZERO = ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio")
_NUMBER_WORDS = {word: str(number) for number, word in enumerate(_WORDS_FROM_ZERO)} | {"ett": "1"}
_TRUTH = {
    "ja": "true",
    "yes": "true",
    "sant": "true",
    "on": "true",
    "nej": "false",
    "no": "false",
    "falskt": "false",
    "off": "false",
    "1": "true",
    "0": "false",
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
