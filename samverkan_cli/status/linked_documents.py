"""Linked documents in `samverkan status`: an underavtal (or a lokal, operativ överenskommelse,
a handlingsplan) names the folder of the document it lies under (`huvudavtal:`); the status
shows the pair from both sides, so that whoever looks at a huvudavtal sees what hangs on it
and when it ends. The names are matched as `validate` matches them (SV180): NFC, any case.
Whether the pair is right (the kind, the term inside) is `validate`'s to say.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # `status --help` imports this module: no pydantic for it
    from samverkan_cli.model.document_kinds import ParentLink
    from samverkan_cli.status.standing import AgreementStatus


@dataclass(frozen=True, slots=True)
class ParentStatus:
    """The document an agreement lies under, as its `huvudavtal:` names it."""

    name: str
    """The folder's own name once found; else the name as written."""
    title: str
    """The title the link gives, as printed in the document."""
    found: bool = False
    """Whether the repository has the folder (else `validate` reports SV180)."""

    @classmethod
    def of(cls, link: ParentLink | None) -> ParentStatus | None:
        if link is None:
            return None
        return cls(unicodedata.normalize("NFC", link.folder), link.title)


def _fold(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def with_links(agreements: tuple[AgreementStatus, ...]) -> tuple[AgreementStatus, ...]:
    """The agreements in the same order, each parent found by folder and given the names of
    the documents under it."""
    by_name = {_fold(agreement.name): agreement for agreement in agreements}
    children: dict[str, list[str]] = {}
    resolved: dict[str, ParentStatus] = {}
    for agreement in agreements:
        parent = agreement.parent
        if parent is None:
            continue
        found = by_name.get(_fold(parent.name))
        if found is None:
            continue
        resolved[agreement.name] = dataclasses.replace(parent, name=found.name, found=True)
        children.setdefault(found.name, []).append(agreement.name)
    return tuple(
        dataclasses.replace(
            agreement,
            parent=resolved.get(agreement.name, agreement.parent),
            children=tuple(children.get(agreement.name, ())),
        )
        for agreement in agreements
    )


def linked_order(agreements: Sequence[AgreementStatus]) -> list[tuple[AgreementStatus, int]]:
    """The agreements for the table, each with its depth: a document that lies under another
    found in the repository comes right after it (depth one more), the rest in their order."""
    by_name = {agreement.name: agreement for agreement in agreements}
    ordered: list[tuple[AgreementStatus, int]] = []
    placed: set[str] = set()

    def place(agreement: AgreementStatus, depth: int) -> None:
        if agreement.name in placed:  # a loop of links: each is shown once
            return
        placed.add(agreement.name)
        ordered.append((agreement, depth))
        for child in agreement.children:
            if child in by_name:
                place(by_name[child], depth + 1)

    for agreement in agreements:
        parent = agreement.parent
        if parent is None or not parent.found or parent.name not in by_name:
            place(agreement, 0)
    for agreement in agreements:  # only links in a loop are left
        place(agreement, 0)
    return ordered


def link_lines(agreement: AgreementStatus) -> list[str]:
    """What the agreement is tied to, in Swedish, for the lines under the table."""
    lines: list[str] = []
    parent = agreement.parent
    kind = agreement.kind or "dokument"
    if parent is not None:
        missing = "" if parent.found else " (mappen finns inte)"
        lines.append(f"{kind} under {parent.name}{missing}: ”{parent.title}”")
    if agreement.children:
        lines.append(f"{kind} för {', '.join(agreement.children)}")
    return lines
