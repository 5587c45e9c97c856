"""The agreement's sections as the template prints them: one flat list, in order, each with
its partial, heading level and (with `numrerade_rubriker: true`) its number.

`avtalstext.md.j2` loops over this list and includes each entry's partial; so the order, the
nesting and the numbers are decided here once, from `model.section_blocks`, and every writer gets
them from the one document tree. Headings are numbered the Swedish way: "1. Inledning" at the
top level, "1.1 Norra området" and "1.1.1 …" below it. A block whose data is missing, a block
named twice or an unknown name is left out here; the rules SV170–SV172 refuse them with
their line before anything is built.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from samverkan_cli.model import Agreement
from samverkan_cli.model.section_blocks import (
    BLOCKS,
    MAX_NESTING,
    STOCKHOLM_ORDER,
    ProseSection,
    SectionItem,
)
from samverkan_cli.render.templates import TemplateMarkdown

PROSE_TEMPLATE = "avsnitt/prosa.md.j2"
TOP_LEVEL = 2
"""Sections of the agreement text are level-2 headings, under the document's title."""


def heading_number(number: Sequence[int]) -> str:
    """ "1." for a top-level section, "1.2" and "1.2.3" below it."""
    return f"{number[0]}." if len(number) == 1 else ".".join(str(n) for n in number)


@dataclass(frozen=True, slots=True)
class SectionView:
    """One section as its partial sees it (`s` in the templates)."""

    template: str
    level: int
    number: tuple[int, ...] | None
    name: str | None = None
    prose: ProseSection | None = None
    parts_beside: bool = False
    """Its parts' headings stand at its own level (an Organisation without a heading)."""

    @property
    def rubrik(self) -> TemplateMarkdown:
        """The start of the section's heading line: "## " or "## 2. "."""
        return _heading_start(self.level, self.number)

    def under(self, index: int) -> TemplateMarkdown:
        """The start of the heading of the section's `index`-th part (a forum under
        Organisation): one level below a section that has a heading, or beside it."""
        if self.parts_beside:
            number = None if self.number is None else (*self.number[:-1], self.number[-1] + index)
            return _heading_start(self.level, number)
        number = None if self.number is None else (*self.number, index + 1)
        return _heading_start(min(self.level + 1, MAX_NESTING), number)


def _heading_start(level: int, number: tuple[int, ...] | None) -> TemplateMarkdown:
    shown = f"{heading_number(number)} " if number else ""
    return TemplateMarkdown("#" * level + " " + shown)


def section_views(agreement: Agreement) -> list[SectionView]:
    """The sections to print, in order, with their levels and numbers."""
    items: Sequence[SectionItem] = (
        agreement.sections if agreement.sections is not None else STOCKHOLM_ORDER
    )
    return list(_views(agreement, items, TOP_LEVEL, (), set()))


def _views(
    agreement: Agreement,
    items: Sequence[SectionItem],
    level: int,
    parent: tuple[int, ...],
    seen: set[str],
) -> Iterator[SectionView]:
    count = 0
    numbered = agreement.numbered_headings
    for item in items:
        if isinstance(item, ProseSection):
            count += 1
            number = (*parent, count)
            yield SectionView(PROSE_TEMPLATE, level, number if numbered else None, prose=item)
            yield from _views(agreement, item.sections, min(level + 1, MAX_NESTING), number, seen)
            continue
        if not is_printed(agreement, item) or item in seen:
            continue
        seen.add(item)
        count += 1 if BLOCKS[item].heading else 0
        number = (*parent, count)
        beside = item == "organisation" and not _organisation_heading(agreement)
        template = BLOCKS[item].template_path
        shown = number if numbered and BLOCKS[item].heading else None
        yield SectionView(template, level, shown, item, None, beside)
        if beside and agreement.organisation is not None:
            organisation = agreement.organisation
            count += len(organisation.forums) + (1 if organisation.processes else 0) - 1


def is_printed(agreement: Agreement, name: str) -> bool:
    """Whether the block `name` is known and has something to print."""
    block = BLOCKS.get(name)
    if block is None:
        return False
    return block.always or getattr(agreement, block.attribute) is not None


def _organisation_heading(agreement: Agreement) -> bool:
    return agreement.organisation is None or bool(agreement.organisation.heading)
