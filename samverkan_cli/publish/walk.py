"""A walk over every piece of text of a document, for the public version's redaction and
its scan: every block (whatever kinds the model grows), table cells, alt texts, link
addresses, the table of contents, and the document properties and page header.

The walk is generic over the document's dataclasses, so a new block or inline kind is
walked without a change here; only the fields that are not text for a reader (a picture's
file name, a table's role, the language) are listed as skipped.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any, TypeVar, get_args

from samverkan_cli.document.tree import Contents, Document, DocumentInfo, Inline, LineBreak, Span

T = TypeVar("T")

INLINE_TYPES: tuple[type, ...] = tuple(get_args(Inline))
SKIPPED_FIELDS = frozenset(
    {
        ("Figure", "source"),
        ("Table", "role"),
        ("DocumentInfo", "language"),
        ("Document", "assets"),
        ("IncludedDocument", "kind"),
        ("IncludedDocument", "source"),
    }
)
"""(class, field): strings that are a file name, a role or a code, not text for a reader."""
UNCOUNTED = (Contents, DocumentInfo)
"""Text that repeats the body (the contents, the properties): redacted, not counted again."""


class Walker:
    """Calls `inlines` for every run of inline content and `text` for every other string,
    and rebuilds the document from what they return."""

    def document(self, document: Document) -> Document:
        return self.walk(document, counted=True)

    def inlines(self, content: tuple[Any, ...], counted: bool) -> tuple[Any, ...]:
        """A paragraph's, heading's or cell's spans; by default each walked on its own."""
        return tuple(self.walk(inline, counted) for inline in content)

    def text(self, text: str, counted: bool) -> str:
        return text

    def walk(self, value: T, counted: bool) -> T:
        result: Any = value
        if isinstance(value, str):
            result = self.text(value, counted)
        elif isinstance(value, tuple):
            if value and all(isinstance(item, INLINE_TYPES) for item in value):
                result = self.inlines(value, counted)
            else:
                result = tuple(self.walk(item, counted) for item in value)
        elif is_dataclass(value) and not isinstance(value, type):
            counted = counted and not isinstance(value, UNCOUNTED)
            name = type(value).__name__
            changes = {}
            for item in fields(value):
                if (name, item.name) in SKIPPED_FIELDS:
                    continue
                old = getattr(value, item.name)
                new = self.walk(old, counted)
                if new is not old:
                    changes[item.name] = new
            result = replace(value, **changes) if changes else value
        return result  # type: ignore[no-any-return]


def inline_text(content: tuple[Any, ...]) -> str:
    """The text of inline content as one string (a line break as a newline), so that a
    name or a number split by formatting ("**Anna** Berg") is found whole."""
    return "".join(_text_of(inline) for inline in content)


def _text_of(inline: Any) -> str:
    if isinstance(inline, LineBreak):
        return "\n"
    text = getattr(inline, "text", None)
    return text if isinstance(text, str) else "\n"


def link_address(inline: Any) -> str | None:
    """The address a span links to, as a reader sees it (`mailto:` left out)."""
    return inline.address if isinstance(inline, Span) else None


class TextCollector(Walker):
    """Every text of a document, inline runs joined: for the scan and the first pass."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def inlines(self, content: tuple[Any, ...], counted: bool) -> tuple[Any, ...]:
        self.texts.append(inline_text(content))
        for inline in content:
            address = link_address(inline)
            if address:
                self.texts.append(address)
            for item in fields(inline) if is_dataclass(inline) else ():
                value = getattr(inline, item.name)
                if item.name not in ("text", "href") and isinstance(value, str):
                    self.texts.append(value)
        return content

    def text(self, text: str, counted: bool) -> str:
        self.texts.append(text)
        return text


def texts_of(document: Document) -> list[str]:
    collector = TextCollector()
    collector.document(document)
    return collector.texts
