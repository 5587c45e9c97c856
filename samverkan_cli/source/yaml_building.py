"""Plain Python data built from a composed YAML node tree: the mark of every key and value
recorded, plain scalars typed the YAML 1.2 way (narrowed), and duplicate keys, alias bombs,
odd tags, bad characters and too much data refused at the node where they are."""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import Reader

from samverkan_cli.core.problems import Problem
from samverkan_cli.source.yaml_composing import MAP_TAG, PLAIN_TAG, SEQ_TAG, STR_TAG
from samverkan_cli.source.yaml_continuations import RULE_MERGED_LINES, merged_line
from samverkan_cli.source.yaml_document import (
    RULE_ALIAS_BOMB,
    RULE_DUPLICATE_KEY,
    RULE_ENCODING,
    RULE_TOO_DEEP,
    RULE_TOO_MUCH_DATA,
    RULE_UNSUPPORTED,
    KeyPath,
    Mark,
    YamlDocument,
    YamlRefused,
    problem_at,
)
from samverkan_cli.source.yaml_limits import (
    MAX_ALIAS_EXPANSION,
    MAX_DATA_CHARS,
    MAX_DATA_LINES,
    MAX_DATA_VALUES,
    MAX_DEPTH,
    ReadBudget,
)

# YAML 1.2 core schema, narrowed: a leading zero keeps a value as text ("01234" is a code).
_INT = re.compile(r"^(?:0|[-+]?[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_NULL = {"", "~", "null", "Null", "NULL"}
_NUMBER_STARTS = frozenset("0123456789+-.")
"""The characters `_INT` or `_FLOAT` can match first."""
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


class Builder:
    """Turns composed nodes into Python data, recording marks and refusing what we refuse."""

    def __init__(
        self,
        document: YamlDocument,
        alias_marks: dict[tuple[int, int], yaml.Mark],
        budget: ReadBudget | None,
        text: str,
    ) -> None:
        self.document = document
        self.text = text
        self._lines: list[str] | None = None
        self.seen: set[int] = set()
        self.expanded = 0
        self.alias_marks = alias_marks
        self.read = ReadBudget()
        """What the file holds so far, aliases expanded."""
        self.before = budget or ReadBudget()
        """What the agreement's other files hold."""
        self.whole = budget is not None
        self.alias_at: yaml.Mark | None = None
        """Where the outermost alias being expanded was written."""

    def build(self, node: Node, path: KeyPath, alias_at: yaml.Mark | None = None) -> Any:
        if len(path) > MAX_DEPTH:
            message = f"data är nästlade för djupt (högst {MAX_DEPTH} nivåer)"
            raise YamlRefused(self._refusal(node, RULE_TOO_DEEP, message))
        if alias_at is not None and self.alias_at is None:
            self.alias_at = alias_at
            try:
                return self.build(node, path)
            finally:
                self.alias_at = None
        self._count_alias_expansion(node)
        read = self.read
        read.values += 1
        if read.values + self.before.values > MAX_DATA_VALUES:
            what = f"fler än {MAX_DATA_VALUES:,} värden".replace(",", " ")
            self._too_much(node, what, read.values <= MAX_DATA_VALUES)
        value_marks = self.document.value_marks
        if path not in value_marks:
            start = node.start_mark
            value_marks[path] = Mark(start.line + 1, start.column + 1)
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, SequenceNode):
            self._check_tag(node, SEQ_TAG)
            marks, parent = self.alias_marks, id(node)
            if not marks:  # no alias in the file (or composed in C, see `compose_in_c`)
                return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
            return [
                self.build(item, (*path, i), marks.get((parent, i)))
                for i, item in enumerate(node.value)
            ]
        if isinstance(node, MappingNode):
            self._check_tag(node, MAP_TAG)
            return self._mapping(node, path)
        raise YamlRefused(self._refusal(node, RULE_UNSUPPORTED, "okänd YAML-nod"))

    def _count_text(self, node: ScalarNode, value: str) -> None:
        """Count a text (a key or a value) against the limits on data (SV017)."""
        read, before = self.read, self.before
        read.chars += len(value)
        if "\n" in value:
            read.lines += value.count("\n")
            if read.lines + before.lines > MAX_DATA_LINES:
                what = f"fler än {MAX_DATA_LINES:,} rader text".replace(",", " ")
                self._too_much(node, what, read.lines <= MAX_DATA_LINES)
        if read.chars + before.chars > MAX_DATA_CHARS:
            what = f"mer än {MAX_DATA_CHARS // 1_000_000} miljoner tecken text"
            self._too_much(node, what, read.chars <= MAX_DATA_CHARS)

    def _too_much(self, node: Node, what: str, others_too: bool) -> None:
        """Refuse the data at the value that crossed a limit, or at the alias that brought
        it in; `others_too` when the file alone is within it (the agreement's files
        together are not)."""
        whole = self.whole and others_too
        holder = "överenskommelsen med sina bilagor" if whole else "filen"
        if self.alias_at is not None:
            advice = "när aliasen är utskrivna; skriv inte långa texter med ankare och alias"
        elif whole:
            advice = "tillsammans; korta överenskommelsen eller dess bilagor"
        else:
            advice = "; korta filen"
        message = f"{holder} innehåller {what}{'' if advice[0] == ';' else ' '}{advice}"
        if self.alias_at is not None:
            mark = Mark(self.alias_at.line + 1, self.alias_at.column + 1)
        else:
            mark = _mark(node)
        shown = self.document.display_path
        raise YamlRefused(problem_at(shown, mark.line, mark.column, RULE_TOO_MUCH_DATA, message))

    def _count_alias_expansion(self, node: Node) -> None:
        if id(node) in self.seen:
            self.expanded += 1
            if self.expanded > MAX_ALIAS_EXPANSION:
                message = (
                    f"alias expanderas till fler än {MAX_ALIAS_EXPANSION} noder; "
                    "skriv ut värdena i stället för att använda ankare och alias"
                )
                raise YamlRefused(self._refusal(node, RULE_ALIAS_BOMB, message))
        else:
            self.seen.add(id(node))

    def _mapping(self, node: MappingNode, path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise YamlRefused(
                    self._refusal(key_node, RULE_UNSUPPORTED, "en nyckel måste vara enkel text")
                )
            key = self._text(key_node)
            if key == "<<" and key_node.tag != STR_TAG:
                raise YamlRefused(
                    self._refusal(
                        key_node, RULE_UNSUPPORTED, "sammanslagningsnyckeln '<<' stöds inte"
                    )
                )
            if key in result:
                first = self.document.key_marks[(*path, key)]
                message = (
                    f"nyckeln '{key}' förekommer två gånger (första gången på rad {first.line})"
                    f"{_duplicate_fix(key, value_node, first.line)}"
                )
                raise YamlRefused(self._refusal(key_node, RULE_DUPLICATE_KEY, message))
            key_path = (*path, key)
            key_mark = _mark(key_node)
            self.document.key_marks[key_path] = key_mark
            if (
                isinstance(value_node, ScalarNode)
                and value_node.value == ""
                and not value_node.style
            ):
                # `per:` with nothing after it has no text of its own to point at (libyaml and
                # the pure loader place it a column apart): it is located at its key
                self.document.value_marks[key_path] = key_mark
            if self.alias_marks:
                alias_at = self.alias_marks.get((id(node), id(key_node)))
                result[key] = self.build(value_node, key_path, alias_at)
            else:  # no alias in the file (or composed in C, see `compose_in_c`)
                result[key] = self.build(value_node, key_path)
        return result

    def _text(self, node: ScalarNode) -> str:
        """The scalar's text, refused when an escape (`"\\0"`, `"\\ud800"`) wrote a
        character that the file itself may not hold: no document can carry it."""
        value: str = node.value
        self._count_text(node, value)
        bad = Reader.NON_PRINTABLE.search(value)
        if bad is not None:
            message = f"otillåtet tecken U+{ord(bad.group()):04X} i värdet; ta bort det"
            raise YamlRefused(self._refusal(node, RULE_ENCODING, message))
        return value

    def _scalar(self, node: ScalarNode) -> Any:
        value = self._text(node)
        if node.tag == STR_TAG:
            return value
        if node.end_mark.line > node.start_mark.line:
            self._check_continuation(node)
        if node.tag != PLAIN_TAG:
            message = f"YAML-taggen {node.tag!r} stöds inte; skriv värdet utan tagg"
            raise YamlRefused(self._refusal(node, RULE_UNSUPPORTED, message))
        if value in _NULL:
            return None
        if value in _BOOL:
            return _BOOL[value]
        if value[0] not in _NUMBER_STARTS:  # most values, text: no need to try the patterns
            return value
        if _INT.match(value):
            try:
                return int(value)
            except ValueError:  # more digits than Python converts: no count, keep the text
                return value
        if _FLOAT.match(value):
            return float(value)
        return value

    def _check_continuation(self, node: ScalarNode) -> None:
        """Refuse a plain text spanning lines that swallowed a list item, a key or a block
        indicator written with too little indentation (`source.yaml_continuations`, SV021)."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        start = (node.start_mark.line, node.start_mark.column)
        found = merged_line(self._lines, start, node.end_mark.line)
        if found is not None:
            shown = self.document.display_path
            raise YamlRefused(
                problem_at(shown, found.line, found.column, RULE_MERGED_LINES, found.message)
            )

    def _check_tag(self, node: Node, expected: str) -> None:
        if node.tag != expected:
            message = f"YAML-taggen {node.tag!r} stöds inte"
            raise YamlRefused(self._refusal(node, RULE_UNSUPPORTED, message))

    def _refusal(self, node: Node, rule: str, message: str) -> Problem:
        mark = _mark(node)
        return problem_at(self.document.display_path, mark.line, mark.column, rule, message)


def _duplicate_fix(key: str, value: Node, first_line: int) -> str:
    """How to write a key given twice once: keep one line, or gather two mappings (or
    lists) under one key."""
    if isinstance(value, MappingNode | SequenceNode):
        kind = "fälten" if isinstance(value, MappingNode) else "elementen"
        return (
            f"; samla {kind} under en enda '{key}:' (den på rad {first_line}) och ta bort den "
            f"andra raden '{key}:', t.ex. '{key}:' följt av alla {kind} indragna under den"
        )
    shown = value.value if isinstance(value, ScalarNode) and value.value else "värde"
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return (
        f"; behåll bara en av raderna, t.ex. '{key}: {shown}', eller byt namn på den ena om "
        "de betyder olika saker"
    )


def _mark(node: Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)
