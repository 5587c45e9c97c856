"""The signature block read as data: each signatory's place and date ("Spånga den 1 juni
2024"), name and title, from lines under one another or a signature table (a column per
signatory, or a cell each), and the sentence on the number of copies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from samverkan_cli.importing.recognisers import (
    SIGNATURE_DATE,
    SIGNATURE_LINE,
    UNDATED_SIGNATURE,
    parse_date,
)
from samverkan_cli.importing.word_reading import Block

MAX_LINE_CHARS = 120
"""A name or a title line; a longer line is text, not part of a signature."""
TITLE_PLACEHOLDER = "«Skriv undertecknarens titel»"


@dataclass(slots=True)
class SignatureBlock:
    signatories: list[dict[str, Any]]
    consumed: list[Block] = field(default_factory=list)
    """The blocks read into the signatories (kept in the YAML as a comment)."""


def is_signature_line(text: str) -> bool:
    line = " ".join(text.split())
    return bool(SIGNATURE_DATE.match(line) or SIGNATURE_LINE.match(text.strip()) or _undated(line))


def _undated(line: str) -> bool:
    return UNDATED_SIGNATURE.match(line) is not None


def find_signatures(blocks: list[Block]) -> SignatureBlock | None:
    """The signatories in a run of blocks: from the first signature line (or signature
    table) to the end, when every block in it reads as part of a signature."""
    start = next(
        (
            i
            for i, b in enumerate(blocks)
            if (b.kind in ("paragraph", "item") and any(map(is_signature_line, _lines(b.text))))
            or (b.kind == "table" and _signature_table(b))
        ),
        None,
    )
    if start is None:
        return None
    run = blocks[start:]
    lines: list[str] = []
    columns: list[list[str]] = []
    for block in run:
        if block.kind == "table":
            if not _signature_table(block):
                return None
            columns.extend(_columns(block.rows))
        elif any(len(line) > MAX_LINE_CHARS for line in _lines(block.text)):
            return None
        else:
            lines.extend(block.text.split("\n"))
    side_by_side = [re.split(r"\t+", line.strip("\t ")) for line in lines if line.strip()]
    if any(len(parts) > 1 for parts in side_by_side):  # signatures side by side, by tabs
        columns.extend(_columns(side_by_side))
        lines = []
    lines = [" ".join(line.split()) for line in lines]
    groups = _groups(lines) + [g for column in columns for g in _groups(column)]
    signatories = [s for s in (_signatory(group) for group in groups) if s is not None]
    if not signatories:
        return None
    return SignatureBlock(signatories, run)


def _lines(text: str) -> list[str]:
    """The text's lines; tabs (two signatures side by side) split a line too."""
    return [" ".join(part.split()) for line in text.split("\n") for part in line.split("\t")]


def _signature_table(block: Block) -> bool:
    return any(is_signature_line(line) for row in block.rows for c in row for line in _lines(c))


def _columns(rows: list[list[str]]) -> list[list[str]]:
    """Each column's lines, top to bottom: a signatory per column."""
    width = max((len(row) for row in rows), default=0)
    return [[line for row in rows if i < len(row) for line in _lines(row[i])] for i in range(width)]


def _groups(lines: list[str]) -> list[list[str]]:
    """Lines cut into one group per signatory: a place-and-date line starts one, and so
    does a signature line when the group has a name or title already."""
    groups: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if not line:
            continue
        dated = SIGNATURE_DATE.match(line) is not None or _undated(line)
        ruled = SIGNATURE_LINE.match(line) is not None
        texts = [x for x in current if not SIGNATURE_LINE.match(x) and not _undated(x)]
        named = any(not SIGNATURE_DATE.match(x) for x in texts)
        if current and (dated or (ruled and named)):
            groups.append(current)
            current = []
        current.append(line)
    if current:
        groups.append(current)
    return groups


def _signatory(group: list[str]) -> dict[str, Any] | None:
    signatory: dict[str, Any] = {}
    words = []
    for line in group:
        match = SIGNATURE_DATE.match(line)
        if match and "datum" not in signatory:
            day = parse_date(match["date"])
            if day is not None:
                signatory["ort"] = match["place"].strip()
                signatory["datum"] = day
                continue
        if not SIGNATURE_LINE.match(line) and not _undated(line):
            words.append(line)
    if not words and not signatory:
        return None
    if len(words) >= 2:
        signatory["namn"] = words[0]
        signatory["titel"] = ", ".join(words[1:])
    elif words:
        signatory["titel"] = words[0]
    else:
        signatory["titel"] = TITLE_PLACEHOLDER
    return {key: signatory[key] for key in ("titel", "namn", "ort", "datum") if key in signatory}


__all__ = ["TITLE_PLACEHOLDER", "SignatureBlock", "find_signatures", "is_signature_line"]
