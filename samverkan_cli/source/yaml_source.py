"""Strict YAML reading that remembers where every value came from.

PyYAML's composer gives each node a start mark; we build plain Python data from the node tree
ourselves so that (1) every key path maps to a file:line:column, (2) YAML 1.1 surprises never
happen (`18:30` stays text, `no` stays text, `2024-06-01` stays text until the schema parses it)
and (3) duplicate keys, alias bombs, odd tags, bad bytes and empty files are refused with a
located problem instead of a traceback. Reading never changes the file.

`yaml_composing` makes the node tree (libyaml or pure Python), `yaml_building` the data from
it; `yaml_document` and `yaml_limits` hold what they share.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from samverkan_cli.source.yaml_building import Builder
from samverkan_cli.source.yaml_composing import Composed, compose, compose_fast, compose_in_c
from samverkan_cli.source.yaml_document import (
    RULE_EMPTY,
    RULE_ENCODING,
    RULE_TOO_LARGE,
    RULE_TOO_MUCH_DATA,
    YamlDocument,
    YamlRefused,
    problem_at,
)
from samverkan_cli.source.yaml_limits import MAX_FILE_BYTES, ReadBudget


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
        raise YamlRefused(problem_at(shown, 1, 1, RULE_TOO_LARGE, message))
    raw = path.read_bytes()
    text = _decode(raw, shown)
    with _collection_paused():
        composed = compose_in_c(text)
        if composed is not None:
            try:
                return _built(path, shown, composed, budget, text)
            except YamlRefused:
                pass  # refused: read again below, to say why as always, in the same place
        composed = compose_fast(text, shown)
        if composed is not None:
            try:
                return _built(path, shown, composed, budget, text)
            except YamlRefused as refused:
                if refused.problem.rule == RULE_TOO_MUCH_DATA:
                    raise  # located by the builder, the same on both paths
                # otherwise the pure path says why, with the marks users see without libyaml
        return _built(path, shown, compose(text, shown), budget, text)


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


def _built(
    path: Path, shown: str, composed: Composed, budget: ReadBudget | None, text: str
) -> YamlDocument:
    document = YamlDocument(path=path, display_path=shown, data=None)
    builder = Builder(document, composed.alias_marks, budget, text)
    if composed.root is not None:
        document.data = builder.build(composed.root, ())
    if document.data is None:
        raise YamlRefused(
            problem_at(shown, 1, 1, RULE_EMPTY, "filen är tom (den innehåller inga data)")
        )
    if budget is not None:
        budget.add(builder.read)
    return document


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
        raise YamlRefused(problem_at(shown, line, column, RULE_ENCODING, message)) from None
    return text.removeprefix("\ufeff")
