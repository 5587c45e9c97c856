"""The Markdown of a `samverkan diff` report: headings, change lines and quoted paragraphs.

Kept apart from the model walk in `diff.versions` so that the report's wording and escaping live
in one place. Every value from an agreement is escaped, so a `*`, `|` or leading `#` in the
data can never change the report's structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ARROW = " → "

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_BLOCK_START = re.compile(r"^(\d+)([.)])|^([#>+\-=])")
_WHITESPACE = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(slots=True)
class ReportNode:
    """One heading of the report with its lines and paragraph blocks, then its sub-items."""

    heading: str
    level: int
    entries: list[str] = field(default_factory=list)
    children: list[ReportNode] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not self.entries and all(child.is_empty() for child in self.children)


def change_line(label: str, old: str, new: str) -> str:
    """`- label: old → new` (values already shown as text, not yet escaped)."""
    prefix = f"{inline(label)}: " if label else ""
    return f"- {prefix}{inline(old)}{ARROW}{inline(new)}"


def paragraph_change(label: str, old: str | None, new: str | None) -> str | None:
    """A paragraph added, removed or changed, quoted; None when there is neither."""
    where = f" ({inline(label)})" if label else ""
    if old is None and new is not None:
        return f"Nytt stycke{where}:\n\n{quote(new)}"
    if new is None and old is not None:
        return f"Borttaget stycke{where}:\n\n{quote(old)}"
    if old is not None and new is not None:
        return f"Ändrat stycke{where}:\n\n{quote(old)}\n\nblir\n\n{quote(new)}"
    return None


def paragraph_moved(label: str, text: str, where: str) -> str:
    """A paragraph that is the same but in another place, quoted once."""
    shown = f" ({inline(label)})" if label else ""
    return f"Flyttat stycke{shown}, {where}:\n\n{quote(text)}"


def render_report(title: str, sections: list[ReportNode], lead: str | None = None) -> str:
    """The whole report: a title, a lead line (what changed, in short), then each section
    that has something in it."""
    shown = [render_node(node) for node in sections if not node.is_empty()]
    first = [f"# {inline(title)}", *([lead] if lead else [])]
    return "\n\n".join([*first, *shown]) + "\n"


def render_node(node: ReportNode) -> str:
    """A heading, its entries (list lines kept together as one list), then its sub-items."""
    parts = ["#" * node.level + " " + node.heading]
    body: list[str] = []
    for index, entry in enumerate(node.entries):
        continues_list = index > 0 and _is_line(entry) and _is_line(node.entries[index - 1])
        body.append(("\n" if continues_list else "\n\n" if index else "") + entry)
    if body:
        parts.append("".join(body))
    parts += [render_node(child) for child in node.children if not child.is_empty()]
    return "\n\n".join(parts)


def quote(text: str) -> str:
    """Text as a Markdown block quote; blank lines in it separate quoted paragraphs."""
    paragraphs = [p for p in _PARAGRAPH_BREAK.split(text.strip()) if p.strip()]
    return "\n>\n".join("> " + _block_safe(inline(p)) for p in paragraphs)


def inline(text: str) -> str:
    """Text on one line that Markdown shows as exactly that text."""
    return _INLINE_SPECIAL.sub(r"\\\1", _WHITESPACE.sub(" ", text).strip())


def _block_safe(text: str) -> str:
    """Keep a quoted paragraph from starting a heading, a list or a nested quote."""
    match = _BLOCK_START.match(text)
    if match is None:
        return text
    if match.group(1) is not None:
        return f"{match.group(1)}\\{text[len(match.group(1)) :]}"
    return "\\" + text


def _is_line(entry: str) -> bool:
    return entry.startswith("- ")
