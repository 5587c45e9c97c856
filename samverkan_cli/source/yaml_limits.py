"""How much one YAML file, and the files of one agreement together, may hold: the limits
that keep a hostile or mistaken file from exhausting time, memory or the stack while it is
read, and the budget that counts an agreement's files against them."""

from __future__ import annotations

from dataclasses import dataclass

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
