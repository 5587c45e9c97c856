"""The JSON Schema form of rules the models check across the keys of one mapping.

Each constant is the `json_schema_extra` of one model and says in JSON Schema what that
model's validator refuses (`{frekvens}` at most once in a text; a forum or a process; the
keys of a medborgarlöfte), so that an editor marks what `samverkan validate` would.
tests/test_schema_parity.py runs edits through both and wants the same verdict; they stand
here, not in the model modules, only to keep those modules short.
"""

from __future__ import annotations

from typing import Any

from samverkan_cli.model.document_kinds import PARENT_KINDS, DocumentKind

FREQUENCY_PLACEHOLDER_PATTERN = r"\{frekvens\}"

_TWICE = FREQUENCY_PLACEHOLDER_PATTERN + r"[\s\S]*" + FREQUENCY_PLACEHOLDER_PATTERN

SCHEDULED_SCHEMA: dict[str, Any] = {
    "allOf": [{"properties": {"text": {"not": {"type": "string", "pattern": _TWICE}}}}],
    "if": {
        "required": ["text"],
        "properties": {
            "text": {"type": "string", "not": {"pattern": FREQUENCY_PLACEHOLDER_PATTERN}}
        },
    },
    "then": {"properties": {"frekvens": {"type": "string"}}},
}
"""`Scheduled._placeholder`: `{frekvens}` at most once, and only a named frequency (a text)
may go without it. (Keywords beside the model's own `properties` go in `allOf`: the extra is
merged key by key, and its `properties` would replace the model's.)"""

_NON_BLANK: dict[str, Any] = {"type": "string", "pattern": r"\S"}

OPERATIVE_ACTIVITY_SCHEMA: dict[str, Any] = {
    "allOf": [
        {
            "properties": {
                "ansvarig": {
                    "anyOf": [_NON_BLANK, {"type": "array", "minItems": 1, "items": _NON_BLANK}]
                }
            }
        }
    ],
    "anyOf": [
        {"required": ["när"], "properties": {"när": {"type": "string"}}},
        {"required": ["frekvens"], "properties": {"frekvens": {"not": {"type": "null"}}}},
    ],
}
"""`OperativeActivity._complete`: who is responsible (no blank name), and when."""

ORGANISATION_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"required": [key], "properties": {key: {"minItems": 1}}} for key in ("forum", "processer")
    ]
}
"""`Organisation._forums_or_processes`: at least one forum or one process."""

CITIZEN_PROMISE_KEYS = ("löften", "uppföljning", "fokusområden")

AGREEMENT_SCHEMA: dict[str, Any] = {
    "allOf": [
        {
            "if": {
                "not": {
                    "required": ["dokumenttyp"],
                    "properties": {"dokumenttyp": {"const": DocumentKind.CITIZEN_PROMISE.value}},
                }
            },
            "then": {"properties": {key: {"maxItems": 0} for key in CITIZEN_PROMISE_KEYS}},
        },
        {
            "if": {"required": ["huvudavtal"], "properties": {"huvudavtal": {"type": "object"}}},
            "then": {
                "required": ["dokumenttyp"],
                "properties": {"dokumenttyp": {"enum": [kind.value for kind in PARENT_KINDS]}},
            },
        },
    ]
}
"""`Agreement._promises_of_a_medborgarlofte` and `_parent_of_its_kind`: `löften`,
`uppföljning` and `fokusområden` only in a medborgarlöfte; `huvudavtal` only in a document
that lies under another."""
