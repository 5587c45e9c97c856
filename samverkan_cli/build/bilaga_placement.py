"""Bilagor kept as .docx or .pdf files, placed in the document tree where they belong.

The templates render the bilagor whose content is YAML; a bilaga kept as a Word document or
a PDF has no content for them. Each is put in the tree here, in the order of the bilagor
list, as generated bilagor are: on a new page, under the heading "Bilaga N. Titel", followed
by an `IncludedDocument` that the DOCX writer replaces by the file's body (a .docx) and that
stands for the pages appended to the PDF (a .pdf). When the template already wrote the
bilaga's heading (an agreement that lists itself as bilaga 1 renders every bilaga), what it
wrote under the heading (that the document is kept elsewhere) is replaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from samverkan_cli.document.tree import (
    Block,
    Contents,
    ContentsEntry,
    Document,
    Heading,
    IncludedDocument,
    PageBreak,
    Paragraph,
    Span,
    plain_text,
)
from samverkan_cli.source.bilaga_inspection import FileKind, kind_of
from samverkan_cli.source.loading import LoadedAgreement, locate_file

_BILAGA_HEADING = re.compile(r"Bilaga (\d+)\.")


@dataclass(frozen=True, slots=True)
class FileBilaga:
    """A listed bilaga kept as a .docx or .pdf file."""

    number: int
    title: str
    source: str
    path: Path
    kind: FileKind


def file_bilagor(loaded: LoadedAgreement) -> list[FileBilaga]:
    """The agreement's .docx and .pdf bilagor, in the order of its bilagor list."""
    agreement = loaded.agreement
    entries = agreement.bilagor.entries if agreement and agreement.bilagor else []
    found = []
    for number, entry in enumerate(entries, start=1):
        kind = kind_of(entry.file) if entry.file else None
        if entry.file and kind in (FileKind.DOCX, FileKind.PDF):
            path = locate_file(loaded.folder, entry.file)
            found.append(FileBilaga(number, entry.title, entry.file, path, kind))
    return found


def place_file_bilagor(document: Document, bilagor: list[FileBilaga]) -> Document:
    """The document with each .docx and .pdf bilaga placed as its number says."""
    if not bilagor:
        return document
    blocks = list(document.blocks)
    for bilaga in bilagor:
        included = IncludedDocument(bilaga.source, bilaga.kind.value)
        at = _heading_of(blocks, bilaga.number)
        if at is not None:
            end = _section_end(blocks, at + 1)
            blocks[at + 1 : end] = [included]
            continue
        heading = Heading(1, (Span(f"Bilaga {bilaga.number}. {bilaga.title}"),))
        at = _insertion_point(blocks, bilaga.number)
        blocks[at:at] = [PageBreak(), heading, included]
    return replace(document, blocks=_refreshed_contents(blocks))


def withheld(document: Document) -> Document:
    """The public version's blocks: an included file is not part of it (its text cannot be
    searched for personal data as the document's own text is), and a line says so."""
    blocks = tuple(
        Paragraph((Span(_withheld_line(block)),)) if isinstance(block, IncludedDocument) else block
        for block in document.blocks
    )
    return replace(document, blocks=blocks)


def _withheld_line(block: IncludedDocument) -> str:
    return (
        f"Bilagan finns i filen {block.source} och ingår inte i den publika versionen, "
        "eftersom den kan innehålla personuppgifter; granska den innan den publiceras."
    )


def included_documents(document: Document, kind: FileKind) -> list[IncludedDocument]:
    """The document's included files of one kind, in document order."""
    return [b for b in document.blocks if isinstance(b, IncludedDocument) and b.kind == kind]


def _number(block: Block) -> int | None:
    if not isinstance(block, Heading) or block.level != 1:
        return None
    match = _BILAGA_HEADING.match(plain_text(block.content))
    return int(match.group(1)) if match else None


def _heading_of(blocks: list[Block], number: int) -> int | None:
    return next((i for i, b in enumerate(blocks) if _number(b) == number), None)


def _section_end(blocks: list[Block], start: int) -> int:
    """Where the bilaga that starts at `start` ends: at the next page break or top heading."""
    for index in range(start, len(blocks)):
        block = blocks[index]
        if isinstance(block, PageBreak) or (isinstance(block, Heading) and block.level == 1):
            return index
    return len(blocks)


def _insertion_point(blocks: list[Block], number: int) -> int:
    """Before the page break of the first later bilaga, or at the end."""
    for index, block in enumerate(blocks):
        found = _number(block)
        if found is not None and found > number:
            return index - 1 if index and isinstance(blocks[index - 1], PageBreak) else index
    return len(blocks)


def _refreshed_contents(blocks: list[Block]) -> tuple[Block, ...]:
    """Each table of contents lists the headings after it, the placed ones too."""
    result: list[Block] = []
    for index, block in enumerate(blocks):
        if isinstance(block, Contents):
            block = Contents(
                tuple(
                    ContentsEntry(b.level, plain_text(b.content))
                    for b in blocks[index + 1 :]
                    if isinstance(b, Heading) and b.level <= block.depth
                ),
                block.depth,
            )
        result.append(block)
    return tuple(result)
