"""Strict YAML reading that remembers where every value came from.

PyYAML's composer gives each node a start mark; we build plain Python data from the node tree
ourselves so that (1) every key path maps to a file:line:column, (2) YAML 1.1 surprises never
happen (`18:30` stays text, `no` stays text, `2024-06-01` stays text until the schema parses it)
and (3) duplicate keys, alias bombs, odd tags, bad bytes and empty files are refused with a
located problem instead of a traceback. Reading never changes the file.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from samverkan_cli.problems import Location, Problem, Severity
from samverkan_cli.yaml_continuations import RULE_MERGED_LINES, merged_line
from samverkan_cli.yaml_errors import explain

KeyPath = tuple[str | int, ...]

RULE_SYNTAX = "SV001"
RULE_DUPLICATE_KEY = "SV002"
RULE_ALIAS_BOMB = "SV003"
RULE_ENCODING = "SV004"
RULE_EMPTY = "SV005"
RULE_UNSUPPORTED = "SV006"
RULE_TOO_LARGE = "SV007"
RULE_TOO_DEEP = "SV008"
RULE_TOO_MUCH_DATA = "SV017"

MAX_FILE_BYTES = 5 * 1024 * 1024
"""A larger YAML file is refused: an agreement with all its bilagor is far below this."""

MAX_DEPTH = 64
"""How deeply data may nest; the real files use fewer than ten levels."""

# Expanded nodes allowed through aliases before a file counts as an alias bomb.
MAX_ALIAS_EXPANSION = 1_000

MAX_DATA_CHARS = 8_000_000
"""Characters of text (keys and values, every alias counted as what it stands for) that one
file, and one agreement with all its files, may hold. Without aliases a file holds at most
its 5 MB; the limit stops a small file whose aliases repeat a long text (64 kB used 999 times
is 64 MB of document) and an agreement of many full bilagor."""

MAX_DATA_LINES = 100_000
"""Lines of text (line breaks inside values, aliases expanded) in one file or agreement: every
Markdown line can be a paragraph or a list item, and those cost far more than characters. A
5 MB lägesbild written 80 characters a line, paragraphs apart, has some 80,000."""

MAX_DATA_VALUES = 250_000
"""Values (texts, numbers, lists and mappings, aliases expanded) in one file or agreement; a
5 MB bilaga of 15,000 table rows has 180,000."""

MAX_COMPOSED_NODES = 2 * MAX_DATA_VALUES
"""Nodes (keys and values as written, aliases once) composed from one file before it is
refused: at most two per value, so a file under it can still be refused by the values limit
with its exact count, and one over it is refused while composing, before the pure-Python
parser spends a minute on a 5 MB file of a million tiny items."""

_PLAIN_TAG = "tag:samverkan,2024:plain"
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"

# YAML 1.2 core schema, narrowed: a leading zero keeps a value as text ("01234" is a code).
_INT = re.compile(r"^(?:0|[-+]?[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}

_BLOCK_HEADER_COMMENT = re.compile(r"[|>][-+0-9]*#")
_QUESTION_IN_FLOW = re.compile(r"[\[{][^\]}]*\?")


@dataclass(frozen=True, slots=True)
class Mark:
    """A 1-based line and column."""

    line: int
    column: int


@dataclass(slots=True)
class YamlDocument:
    """Data read from one file, with the mark of every value and every key."""

    path: Path
    display_path: str
    data: Any
    value_marks: dict[KeyPath, Mark] = field(default_factory=dict)
    key_marks: dict[KeyPath, Mark] = field(default_factory=dict)

    def location(self, path: KeyPath = (), *, key: bool = False) -> Location:
        """The location of the value (or key) at `path`, or of its nearest existing parent.

        Path elements that the document does not have (a pydantic union tag, a missing
        field) are skipped, so any error path can be located.
        """
        found = self.existing_part(path)
        marks = self.key_marks if key and found in self.key_marks else self.value_marks
        mark = marks.get(found) or Mark(1, 1)
        return Location(self.display_path, mark.line, mark.column)

    def existing_part(self, path: KeyPath) -> KeyPath:
        """`path` without the elements the document does not have (pydantic's union tags,
        a missing field)."""
        found: KeyPath = ()
        for element in path:
            candidate = (*found, element)
            if candidate in self.value_marks:
                found = candidate
        return found

    def has_path(self, path: KeyPath) -> bool:
        return path in self.value_marks


class YamlRefused(Exception):
    """The file cannot be read as data; carries the located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass(slots=True)
class ReadBudget:
    """How much data the files of one agreement may hold together (`MAX_DATA_*`): pass the
    same budget to `read_yaml` for each of its files. What a refused file read is not
    counted."""

    chars: int = 0
    lines: int = 0
    values: int = 0

    def add(self, other: ReadBudget) -> None:
        self.chars += other.chars
        self.lines += other.lines
        self.values += other.values


class _TooDeep(yaml.YAMLError):
    """Composing stopped at a node nested deeper than MAX_DEPTH (at `mark`)."""

    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__("too deep")
        self.mark = mark


class _TooMany(yaml.YAMLError):
    """Composing stopped at the node that passed MAX_COMPOSED_NODES (at `mark`)."""

    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__("too many nodes")
        self.mark = mark


class _DepthLimitedComposer(Composer):
    """PyYAML's composer, refusing a node nested deeper than MAX_DEPTH before composing it,
    so that neither Python's stack nor the C stack can be exhausted by a hostile file. Both
    paths compose with it, so both stop at the same node (the one `_Builder` would name)."""

    check_event: Any  # from the parser it is mixed with (PyYAML's or libyaml's)
    peek_event: Any

    def __init__(self) -> None:
        Composer.__init__(self)
        self._depth = 0
        self._nodes = 0
        self.alias_marks: dict[tuple[int, int], yaml.Mark] = {}
        """Where each alias was written, by (id of its parent node, its index there: the
        position in a list, or the id of its key in a mapping); the composed node of an
        alias is the anchored node itself, which only knows where the anchor was written."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        is_key = isinstance(parent, MappingNode) and index is None
        if self.check_event(AliasEvent):
            if parent is not None and not is_key:
                position = index if isinstance(index, int) else id(index)
                self.alias_marks[(id(parent), position)] = self.peek_event().start_mark
        elif self._depth > MAX_DEPTH and not is_key:
            raise _TooDeep(self.peek_event().start_mark)
        self._nodes += 1
        if self._nodes > MAX_COMPOSED_NODES:
            raise _TooMany(self.peek_event().start_mark)
        self._depth += 1
        try:
            node = Composer.compose_node(self, parent, index)
        finally:
            self._depth -= 1
        return node


class _MarkingLoader(Reader, Scanner, Parser, _DepthLimitedComposer, BaseResolver):
    """Composer only: tags plain scalars so we can type them ourselves (YAML 1.2 style)."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _DepthLimitedComposer.__init__(self)
        BaseResolver.__init__(self)

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            plain_implicit = implicit[0]
            return _PLAIN_TAG if plain_implicit else _STR_TAG
        return _SEQ_TAG if kind is SequenceNode else _MAP_TAG


def _c_loader() -> type | None:
    """A loader that takes its events from libyaml's C parser, when PyYAML was built with
    it, and composes them with our composer and resolver. (libyaml's own composer recurses
    on the C stack: a file nested some 30,000 levels deep crashed the process.)"""
    if not getattr(yaml, "__with_libyaml__", False):
        return None
    from yaml._yaml import CParser

    class CMarkingLoader(_DepthLimitedComposer, CParser, BaseResolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _DepthLimitedComposer.__init__(self)
            BaseResolver.__init__(self)

        resolve = _MarkingLoader.resolve

    return CMarkingLoader


_CMarkingLoader = _c_loader()


def read_yaml(
    path: Path, display_path: str | None = None, budget: ReadBudget | None = None
) -> YamlDocument:
    """Read one YAML file strictly. Raises `YamlRefused` with a located problem.

    The file may hold at most `MAX_DATA_*` of data; with a `budget` (one per agreement),
    so may all the files read with it together, and what this file holds is added to it."""
    shown = display_path or str(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        message = (
            f"filen är för stor ({size // 1024} kB); en fil får vara högst "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB, dela upp den i flera bilagor"
        )
        raise YamlRefused(_problem(shown, 1, 1, RULE_TOO_LARGE, message))
    raw = path.read_bytes()
    text = _decode(raw, shown)
    with _collection_paused():
        composed = _compose_fast(text, shown)
        if composed is not None:
            try:
                return _built(path, shown, composed, budget, text)
            except YamlRefused as refused:
                if refused.problem.rule == RULE_TOO_MUCH_DATA:
                    raise  # located by the builder, the same on both paths
                # otherwise the pure path says why, with the marks users see without libyaml
        return _built(path, shown, _compose(text, shown), budget, text)


@contextmanager
def _collection_paused() -> Iterator[None]:
    """Python's cycle collector paused while a file is composed and built: the node tree and
    the data have no cycles, and with a collection every few hundred new objects, a 5 MB
    file spent more than half its time in the collector."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(slots=True)
class _Composed:
    root: Node | None
    alias_marks: dict[tuple[int, int], yaml.Mark]


def _built(
    path: Path, shown: str, composed: _Composed, budget: ReadBudget | None, text: str
) -> YamlDocument:
    document = YamlDocument(path=path, display_path=shown, data=None)
    builder = _Builder(document, composed.alias_marks, budget, text)
    if composed.root is not None:
        document.data = builder.build(composed.root, ())
    if document.data is None:
        raise YamlRefused(
            _problem(shown, 1, 1, RULE_EMPTY, "filen är tom (den innehåller inga data)")
        )
    if budget is not None:
        budget.add(builder.read)
    return document


def _compose_fast(text: str, shown: str) -> _Composed | None:
    """Compose with libyaml's C parser when it is there (several times faster). Any error
    makes the caller compose again with the pure-Python parser, whose messages and marks
    are the ones users see, so both paths report the same located problems (None: compose
    with the pure path). A text where the two differ (`_pure_only`) goes to the pure path at
    once."""
    if _CMarkingLoader is None or os.environ.get("SAMVERKAN_PURE_YAML"):
        return None
    if _pure_only(text):
        return None
    loader = _CMarkingLoader(text)
    try:
        node: Node | None = loader.get_single_node()
    except _TooMany as exc:  # as the pure path would say, without its minute of parsing
        raise YamlRefused(_too_many_problem(exc, shown)) from None
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()
    return _Composed(node, loader.alias_marks)


def _pure_only(text: str) -> bool:
    """Whether the text has what libyaml accepts and PyYAML refuses or reads otherwise: a
    tab or a byte order mark inside it, a tag (`!`), a comment straight after a block
    scalar's `|` or `>`, a `?` inside a flow collection. Such a text is read by the pure path
    only, so that it is refused (or accepted) the same with and without libyaml."""
    return (
        "\t" in text
        or "\ufeff" in text
        or "!" in text
        or ("#" in text and _BLOCK_HEADER_COMMENT.search(text) is not None)
        or ("?" in text and _QUESTION_IN_FLOW.search(text) is not None)
    )


def _compose(text: str, shown: str) -> _Composed:
    """Compose with the pure-Python parser; every refusal becomes a located problem."""
    loader: _MarkingLoader | None = None
    try:
        loader = _MarkingLoader(text)
        composed = _Composed(loader.get_single_node(), loader.alias_marks)
    except yaml.MarkedYAMLError as exc:
        raise YamlRefused(_syntax_problem(exc, shown, text)) from None
    except yaml.reader.ReaderError as exc:
        line, column = _line_column(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"otillåtet tecken U+{code:04X} i filen; ta bort det"
        raise YamlRefused(_problem(shown, line, column, RULE_ENCODING, message)) from None
    except _TooMany as exc:
        raise YamlRefused(_too_many_problem(exc, shown)) from None
    except _TooDeep as exc:
        message = f"data är nästlade för djupt (högst {MAX_DEPTH} nivåer)"
        line, column = exc.mark.line + 1, exc.mark.column + 1
        raise YamlRefused(_problem(shown, line, column, RULE_TOO_DEEP, message)) from None
    except yaml.YAMLError as exc:
        raise YamlRefused(_problem(shown, 1, 1, RULE_SYNTAX, f"YAML-fel: {exc}")) from None
    except RecursionError:
        message = f"data är nästlade för djupt (högst {MAX_DEPTH} nivåer)"
        raise YamlRefused(_problem(shown, 1, 1, RULE_TOO_DEEP, message)) from None
    finally:
        if loader is not None:
            loader.dispose()
    return composed


def _too_many_problem(exc: _TooMany, shown: str) -> Problem:
    limit = f"{MAX_DATA_VALUES:,}".replace(",", " ")
    message = f"filen innehåller fler än {limit} värden; korta filen"
    return _problem(shown, exc.mark.line + 1, exc.mark.column + 1, RULE_TOO_MUCH_DATA, message)


def _decode(raw: bytes, shown: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        prefix = before[line_start:]
        if line_start == 0:
            prefix = prefix.removeprefix(b"\xef\xbb\xbf")
        column = len(prefix.decode("utf-8", errors="replace")) + 1
        message = f"filen är inte UTF-8 (ogiltig byte 0x{raw[exc.start]:02x}); spara den som UTF-8"
        raise YamlRefused(_problem(shown, line, column, RULE_ENCODING, message)) from None
    return text.removeprefix("\ufeff")


def _line_column(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


def _problem(shown: str, line: int, column: int, rule: str, message: str) -> Problem:
    return Problem(Location(shown, line, column), rule, Severity.ERROR, message)


def _syntax_problem(exc: yaml.MarkedYAMLError, shown: str, text: str) -> Problem:
    """The Swedish message naming the likely cause, where it is (`yaml_errors`)."""
    explained = explain(exc, text)
    return _problem(shown, explained.line, explained.column, RULE_SYNTAX, explained.message)


class _Builder:
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
        self.read.values += 1
        if self.read.values + self.before.values > MAX_DATA_VALUES:
            what = f"fler än {MAX_DATA_VALUES:,} värden".replace(",", " ")
            self._too_much(node, what, self.read.values <= MAX_DATA_VALUES)
        self.document.value_marks.setdefault(path, _mark(node))
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, SequenceNode):
            self._check_tag(node, _SEQ_TAG)
            marks, parent = self.alias_marks, id(node)
            return [
                self.build(item, (*path, i), marks.get((parent, i)))
                for i, item in enumerate(node.value)
            ]
        if isinstance(node, MappingNode):
            self._check_tag(node, _MAP_TAG)
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
        raise YamlRefused(_problem(shown, mark.line, mark.column, RULE_TOO_MUCH_DATA, message))

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
            if key == "<<" and key_node.tag != _STR_TAG:
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
            self.document.key_marks[(*path, key)] = _mark(key_node)
            if (
                isinstance(value_node, ScalarNode)
                and value_node.value == ""
                and not value_node.style
            ):
                # `per:` with nothing after it has no text of its own to point at (libyaml and
                # the pure loader place it a column apart): it is located at its key
                self.document.value_marks[(*path, key)] = _mark(key_node)
            alias_at = self.alias_marks.get((id(node), id(key_node)))
            result[key] = self.build(value_node, (*path, key), alias_at)
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
        if node.tag == _STR_TAG:
            return value
        if node.end_mark.line > node.start_mark.line:
            self._check_continuation(node)
        if node.tag != _PLAIN_TAG:
            message = f"YAML-taggen {node.tag!r} stöds inte; skriv värdet utan tagg"
            raise YamlRefused(self._refusal(node, RULE_UNSUPPORTED, message))
        if value in _NULL:
            return None
        if value in _BOOL:
            return _BOOL[value]
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
        indicator written with too little indentation (`yaml_continuations`, SV021)."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        start = (node.start_mark.line, node.start_mark.column)
        found = merged_line(self._lines, start, node.end_mark.line)
        if found is not None:
            shown = self.document.display_path
            raise YamlRefused(
                _problem(shown, found.line, found.column, RULE_MERGED_LINES, found.message)
            )

    def _check_tag(self, node: Node, expected: str) -> None:
        if node.tag != expected:
            message = f"YAML-taggen {node.tag!r} stöds inte"
            raise YamlRefused(self._refusal(node, RULE_UNSUPPORTED, message))

    def _refusal(self, node: Node, rule: str, message: str) -> Problem:
        mark = _mark(node)
        return _problem(self.document.display_path, mark.line, mark.column, rule, message)


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
