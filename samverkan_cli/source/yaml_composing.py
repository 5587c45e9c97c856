"""YAML text composed into PyYAML's node tree: with libyaml's C parser when it is there,
with the pure-Python parser otherwise (or when the two would read the text differently), both
through one composer that refuses too deep or too many nodes. Every refusal is a located
problem, the same on both paths; `yaml_building` turns the tree into data."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from samverkan_cli.core.problems import Problem
from samverkan_cli.source.yaml_document import (
    RULE_ENCODING,
    RULE_SYNTAX,
    RULE_TOO_DEEP,
    RULE_TOO_MUCH_DATA,
    YamlRefused,
    problem_at,
)
from samverkan_cli.source.yaml_errors import explain
from samverkan_cli.source.yaml_limits import MAX_COMPOSED_NODES, MAX_DATA_VALUES, MAX_DEPTH

PLAIN_TAG = "tag:samverkan,2024:plain"
STR_TAG = "tag:yaml.org,2002:str"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"

_BLOCK_HEADER_COMMENT_REVERSED = re.compile(r"#[-+0-9]*[|>]")
"""`[|>][-+0-9]*#` (a comment straight after a block scalar's header) in the reversed text:
starting with a plain character, it is found many times faster."""
_QUESTION_IN_FLOW = re.compile(r"[\[{][^\]}]*\?")


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
    paths compose with it, so both stop at the same node (the one `Builder` would name)."""

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
            return PLAIN_TAG if plain_implicit else STR_TAG
        return SEQ_TAG if kind is SequenceNode else MAP_TAG


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


def _c_composing_loader() -> type | None:
    """A loader that composes in libyaml's C composer too (`compose_in_c`), typing scalars
    as `_MarkingLoader` does."""
    if not getattr(yaml, "__with_libyaml__", False):
        return None
    from yaml._yaml import CParser

    class CComposingLoader(CParser, BaseResolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            BaseResolver.__init__(self)

        resolve = _MarkingLoader.resolve

    return CComposingLoader


_CComposingLoader = _c_composing_loader()

C_COMPOSER_INDICATORS = 1_000
"""`compose_in_c` only for a text with fewer of the characters that can open a nested node
(`-:?[{`): nesting is no deeper than their count, so libyaml's recursive composer stays far
from the end of any thread's C stack whatever libyaml version limits nesting or not."""

C_COMPOSER_MAX_CHARS = 250_000
"""`compose_in_c` only for a text no longer than this (real agreement files are well below
it): the C composer checks no limit while composing, so a long text refused for holding too
much would be composed twice; a short one costs little even then."""


@dataclass(slots=True)
class Composed:
    root: Node | None
    alias_marks: dict[tuple[int, int], yaml.Mark]


def compose_fast(text: str, shown: str) -> Composed | None:
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
    return Composed(node, loader.alias_marks)


def compose_in_c(text: str) -> Composed | None:
    """Compose in libyaml's C composer: the node tree `compose_fast` gives, in half the time,
    but without the limits that composer checks while composing and without `alias_marks`.
    So its tree is only used when the data built from it is accepted (the building checks
    depth and the number of values, and a refusal's place is where `alias_marks` is needed):
    None, or any refusal while building, means the caller reads the text as before
    (`compose_fast`, then the pure path), which says why in its usual words and places."""
    if _CComposingLoader is None or os.environ.get("SAMVERKAN_PURE_YAML"):
        return None
    if len(text) > C_COMPOSER_MAX_CHARS or _pure_only(text):
        return None
    if sum(text.count(indicator) for indicator in "-:?[{") >= C_COMPOSER_INDICATORS:
        return None
    loader = _CComposingLoader(text)
    try:
        node: Node | None = loader.get_single_node()
    except Exception:  # any error: the usual paths decide, and word it
        return None
    finally:
        loader.dispose()
    return Composed(node, {})


def _pure_only(text: str) -> bool:
    """Whether the text has what libyaml accepts and PyYAML refuses or reads otherwise: a
    tab or a byte order mark inside it, a tag (`!`), a comment straight after a block
    scalar's `|` or `>`, a `?` inside a flow collection. Such a text is read by the pure path
    only, so that it is refused (or accepted) the same with and without libyaml."""
    return (
        "\t" in text
        or "\ufeff" in text
        or "!" in text
        or ("#" in text and _BLOCK_HEADER_COMMENT_REVERSED.search(text[::-1]) is not None)
        or ("?" in text and _QUESTION_IN_FLOW.search(text) is not None)
    )


def compose(text: str, shown: str) -> Composed:
    """Compose with the pure-Python parser; every refusal becomes a located problem."""
    loader: _MarkingLoader | None = None
    try:
        loader = _MarkingLoader(text)
        composed = Composed(loader.get_single_node(), loader.alias_marks)
    except yaml.MarkedYAMLError as exc:
        raise YamlRefused(_syntax_problem(exc, shown, text)) from None
    except yaml.reader.ReaderError as exc:
        line, column = _line_column(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"otillåtet tecken U+{code:04X} i filen; ta bort det"
        raise YamlRefused(problem_at(shown, line, column, RULE_ENCODING, message)) from None
    except _TooMany as exc:
        raise YamlRefused(_too_many_problem(exc, shown)) from None
    except _TooDeep as exc:
        message = f"data är nästlade för djupt (högst {MAX_DEPTH} nivåer)"
        line, column = exc.mark.line + 1, exc.mark.column + 1
        raise YamlRefused(problem_at(shown, line, column, RULE_TOO_DEEP, message)) from None
    except yaml.YAMLError as exc:
        raise YamlRefused(problem_at(shown, 1, 1, RULE_SYNTAX, f"YAML-fel: {exc}")) from None
    except RecursionError:
        message = f"data är nästlade för djupt (högst {MAX_DEPTH} nivåer)"
        raise YamlRefused(problem_at(shown, 1, 1, RULE_TOO_DEEP, message)) from None
    finally:
        if loader is not None:
            loader.dispose()
    return composed


def _too_many_problem(exc: _TooMany, shown: str) -> Problem:
    limit = f"{MAX_DATA_VALUES:,}".replace(",", " ")
    message = f"filen innehåller fler än {limit} värden; korta filen"
    return problem_at(shown, exc.mark.line + 1, exc.mark.column + 1, RULE_TOO_MUCH_DATA, message)


def _line_column(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


def _syntax_problem(exc: yaml.MarkedYAMLError, shown: str, text: str) -> Problem:
    """The Swedish message naming the likely cause, where it is (`source.yaml_errors`)."""
    explained = explain(exc, text)
    return problem_at(shown, explained.line, explained.column, RULE_SYNTAX, explained.message)
