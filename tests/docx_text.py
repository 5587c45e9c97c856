"""Reading a DOCX back as text in reading order (paragraphs and table cells interleaved), and
comparing it word by word with a seed document."""

from __future__ import annotations

import difflib
import re
from typing import Any

from docx.oxml.ns import qn


def body_text(document: Any) -> str:
    """Every paragraph and every table cell, in the order a reader meets them."""
    parts: list[str] = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            parts.append("".join(t.text or "" for t in element.iter(qn("w:t"))))
        elif element.tag == qn("w:tbl"):
            for cell in element.iter(qn("w:tc")):
                parts.append(" ".join(t.text or "" for t in cell.iter(qn("w:t"))))
    return "\n".join(parts)


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:[-.][^\W_]+)*", text.casefold())


def coverage(seed: str, ours: str) -> tuple[float, float]:
    """Share of the seed's words found in order in ours, and of ours found in the seed."""
    a, b = words(seed), words(ours)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched / len(a), matched / len(b)


WordChange = tuple[tuple[str, ...], tuple[str, ...]]


def word_differences(seed: str, ours: str) -> set[WordChange]:
    """Every run of words that differs between the seed and ours: (seed's, ours)."""
    a, b = words(seed), words(ours)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return {
        (tuple(a[a1:a2]), tuple(b[b1:b2]))
        for tag, a1, a2, b1, b2 in matcher.get_opcodes()
        if tag != "equal"
    }
