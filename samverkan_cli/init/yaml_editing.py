"""Editing YAML as text at the positions of its nodes, so that comments and layout survive.

`samverkan init` copies an agreement or a mall and changes some of its values; a YAML
dumper would lose the comments that explain the file, so the text is changed in place: a
scalar replaced, a comment added after it, a `key: value` line removed, or a text wrapped
in «…» (a block scalar keeps its block form).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from samverkan_cli.init.moved_dates import parse_date

KeyPath = tuple[str | int, ...]

_PLAIN_SAFE = re.compile(r"^[^\s#:'\"{}\[\],&*!|>%@`?-][^#:\n]*(?<!\s)$")


@dataclass(frozen=True, slots=True)
class Entry:
    """A node of the document with the key it stands under and the mapping it is in."""

    key: ScalarNode | None
    value: Node
    parent: MappingNode | None


def index(node: Node, path: KeyPath = ()) -> Iterator[tuple[KeyPath, Entry]]:
    """Every node under `node` by its key path (list positions as ints)."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                child = (*path, str(key.value))
                yield child, Entry(key, value, node)
                yield from index(value, child)
    elif isinstance(node, SequenceNode):
        for position, item in enumerate(node.value):
            yield (*path, position), Entry(None, item, None)
            yield from index(item, (*path, position))


@dataclass(frozen=True, slots=True)
class Edit:
    path: KeyPath
    action: str
    """'replace', 'replace-marked' (with a FYLL I comment), 'mark' (the value as it is, with
    the comment in `comment`), 'drop', or 'wrap' (the text between `text` and `comment`)."""
    text: str = ""
    comment: str = ""


def scalar(entries: dict[KeyPath, Entry], path: KeyPath) -> str | None:
    """The text of the scalar at `path`, or None when there is none."""
    entry = entries.get(path)
    if entry is None or not isinstance(entry.value, ScalarNode):
        return None
    return str(entry.value.value)


class Editor:
    """Edits YAML text at the positions of its nodes, leaving everything else as it was."""

    def __init__(self, text: str, entries: dict[KeyPath, Entry]) -> None:
        self.text = text
        self.entries = entries
        self.changes: dict[tuple[int, int], str] = {}
        """(start, end) → replacement; keyed by span, so a node reached twice (through an
        alias) is changed once."""

    def apply(self, edits: list[Edit]) -> str:
        dropped: dict[int, set[KeyPath]] = {}
        for edit in edits:
            entry = self.entries[edit.path]
            if edit.action == "drop" and entry.parent is not None:
                dropped.setdefault(id(entry.parent), set()).add(edit.path)
        for edit in edits:
            entry = self.entries[edit.path]
            if edit.action == "replace":
                self._replace(entry.value, scalar_text(edit.text))
            elif edit.action == "replace-marked":
                self._replace_marked(entry.value, edit.text, edit.comment)
            elif edit.action == "wrap":
                self._wrap(entry.value, edit.text, edit.comment)
            elif edit.action == "mark":
                self._mark(entry.value, edit.comment)
            elif entry.parent is not None and len(dropped[id(entry.parent)]) < len(
                entry.parent.value
            ):
                self._drop(entry)
            else:
                self._replace(entry.value, "null")  # the mapping must keep a key
        text = self.text
        for (start, end), replacement in sorted(self.changes.items(), reverse=True):
            text = text[:start] + replacement + text[end:]
        return text

    def _span(self, node: Node) -> tuple[int, int]:
        """From the node's first character to its last: a block scalar without its line
        break, a block mapping or sequence to the end of its last value (its end mark lies
        at the next token, past any comments between)."""
        last = node
        while isinstance(last, MappingNode | SequenceNode) and not last.flow_style and last.value:
            item = last.value[-1]
            last = item[1] if isinstance(last, MappingNode) else item
        start, end = node.start_mark.index, last.end_mark.index
        return start, start + len(self.text[start:end].rstrip())

    def _replace(self, node: Node, replacement: str) -> None:
        start, end = self._span(node)
        self.changes[start, end] = replacement

    def _replace_marked(self, node: Node, replacement: str, comment: str) -> None:
        start, end = self._span(node)
        line_end = self._line_end(end)
        rest = self.text[end:line_end].strip()
        if not rest or rest.startswith("#"):
            self.changes[start, line_end] = f"{replacement}  # {comment}"
        else:
            self.changes[start, end] = replacement
            self.changes[line_end, line_end] = f"  # {comment}"

    def _mark(self, node: Node, comment: str) -> None:
        """`# comment` on the value's line, the value unchanged: a block scalar's on its
        header line (after `|` or `>`, where a comment is not part of the text), any other
        value's after its last character."""
        start, end = self._span(node)
        if isinstance(node, ScalarNode) and node.style in ("|", ">"):
            header_end = self._line_end(start)
            header = self.text[start:header_end]
            indicator = header.split("#", 1)[0].rstrip()
            self.changes[start, header_end] = f"{indicator}  # {comment}"
            return
        self._replace_marked(node, self.text[start:end], comment)

    def _wrap(self, node: Node, before: str, after: str) -> None:
        """A block scalar gets `before` at its first character and `after` at its last, so
        it stays a block; any other scalar is replaced by the wrapped text."""
        if not isinstance(node, ScalarNode):
            return
        start, end = self._span(node)
        if node.style in ("|", ">"):
            first = self._next_line(start)
            content = first + len(self.text[first:]) - len(self.text[first:].lstrip())
            if content < end:
                self.changes[content, content] = before
                self.changes[end, end] = after
                return
        self.changes[start, end] = scalar_text(f"{before}{node.value}{after}")

    def _drop(self, entry: Entry) -> None:
        """Remove `key: value` as whole lines when it has lines of its own, else set null."""
        assert entry.key is not None
        key_start = entry.key.start_mark.index
        line_start = self.text.rfind("\n", 0, key_start) + 1
        _, value_end = self._span(entry.value)
        line_end = self._line_end(value_end)
        own_lines = not self.text[line_start:key_start].strip()
        tail = self.text[value_end:line_end].strip()
        if own_lines and (not tail or tail.startswith("#")):
            self.changes[line_start, self._next_line(line_end)] = ""
        else:
            self._replace(entry.value, "null")

    def _line_end(self, index: int) -> int:
        """Where the line holding `index` ends: at its line break (CR LF or LF)."""
        found = self.text.find("\n", index)
        if found < 0:
            return len(self.text)
        return found - 1 if found > index and self.text[found - 1] == "\r" else found

    def _next_line(self, index: int) -> int:
        found = self.text.find("\n", index)
        return len(self.text) if found < 0 else found + 1


def scalar_text(text: str) -> str:
    """`text` as a YAML scalar: plain when it reads back as the same text (or is a date,
    which samverkan reads as written), else quoted."""
    if parse_date(text) is not None or (_PLAIN_SAFE.match(text) and yaml.safe_load(text) == text):
        return text
    return json.dumps(text, ensure_ascii=False)


__all__ = ["Edit", "Editor", "Entry", "KeyPath", "index", "scalar", "scalar_text"]
