"""A .docx bilaga's body put into our DOCX where the bilaga stands (docxcompose).

The DOCX writer leaves one marked paragraph per included .docx (`INCLUDED_MARKER`); each is
replaced here by the body of its file, in document order. docxcompose maps the bilaga's
styles to ours by name (its "Heading 1" becomes our "Heading 1"), copies the styles we lack,
its lists, pictures, footnotes and links. Our properties, page set-up, header and footer
stay: the bilaga's section breaks, headers, footers, comments and SVG pictures (Word keeps a
PNG beside each) are left out.

The bilaga is untrusted: its bytes are checked again here (`source.bilaga_inspection`, the same
checks `validate` ran), so a file changed since the check is still refused. The result is
written as `write_docx` writes (fixed zip order and timestamps), and the list numbering ids
docxcompose draws at random are replaced by ones derived from the list, so a rebuild gives
the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import zlib
from collections.abc import Sequence
from typing import Any

from docx import Document as open_document
from docx.oxml.ns import nsmap, qn

from samverkan_cli.core.errors import OutputError
from samverkan_cli.source.bilaga_inspection import (
    RULE_REFUSED,
    BilagaRefused,
    FileKind,
    Inspection,
    checked_docx,
)
from samverkan_cli.writers.docx import INCLUDED_MARKER
from samverkan_cli.writers.docx_package import package_bytes

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_SVG = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"
_LEFT_OUT = (
    qn("w:commentRangeStart"),
    qn("w:commentRangeEnd"),
    qn("w:commentReference"),
    qn("w:dataBinding"),
    qn("w:headerReference"),
    qn("w:footerReference"),
)
"""What refers to a part that is not copied (comments, custom XML, headers, footers)."""


def _composer_class() -> Any:
    """docxcompose's Composer, with python-docx's namespace map left as it was: importing
    docxcompose maps the prefix `cp` to the custom-properties namespace in python-docx's
    global map, and every DOCX written later in the process (the next agreement of
    `build --alla`) would carry its core properties in the wrong namespace. docxcompose's
    own queries use its own map, so the prefixes it redefined are given back; the ones it
    added (`asvg`, `dgm`, `vt` …) stay, since its composer looks them up there."""
    saved = dict(nsmap)
    from docxcompose.composer import Composer  # type: ignore[import-untyped]

    nsmap.update(saved)
    return Composer


class IncludedRefused(Exception):
    """The `position`-th included .docx (0-based, in document order) cannot be included."""

    def __init__(self, position: int, inspection: Inspection) -> None:
        super().__init__("; ".join(inspection.reasons))
        self.position = position
        self.inspection = inspection


def compose_bilagor(docx: bytes, bilagor: Sequence[bytes], moment: dt.datetime) -> bytes:
    """`docx` with each marked paragraph replaced by the body of the matching bilaga;
    `moment` is the one `write_docx` dated the document with. Raises `IncludedRefused`."""
    if not bilagor:
        return docx
    master = open_document(io.BytesIO(docx))
    body = master.element.body
    markers = [p for p in body.iterchildren(qn("w:p")) if _is_marker(p)]
    if len(markers) != len(bilagor):
        raise OutputError(
            f"DOCX-filen har {len(markers)} platser för bilagefiler men {len(bilagor)} filer"
        )
    composer = _composer_class()(master)
    numbering_before = _abstract_ids(master)
    for position, (marker, data) in enumerate(zip(markers, bilagor, strict=True)):
        bilaga = _opened(position, data)
        _leave_out(bilaga.element.body)
        _headings_under_ours(bilaga, master)
        try:
            composer.insert(body.index(marker), bilaga)
        except Exception:  # docxcompose on a package it does not expect
            raise IncludedRefused(position, _unreadable()) from None
        body.remove(marker)
    _fixed_list_ids(master, numbering_before)
    return package_bytes(master, moment)


def _opened(position: int, data: bytes) -> Any:
    try:
        checked_docx(data)
    except BilagaRefused as refused:
        raise IncludedRefused(position, refused.inspection) from None
    try:
        return open_document(io.BytesIO(data))
    except Exception:  # python-docx raises several kinds for a package it cannot read
        raise IncludedRefused(position, _unreadable()) from None


def _unreadable() -> Inspection:
    reason = "Word-dokumentet kan inte läsas; öppna det i Word och spara det igen som .docx"
    return Inspection(FileKind.DOCX, 0, 0, RULE_REFUSED, (reason,))


def _is_marker(paragraph: Any) -> bool:
    return any(
        b.get(qn("w:name")) == INCLUDED_MARKER
        for b in paragraph.iterchildren(qn("w:bookmarkStart"))
    )


def _leave_out(body: Any) -> None:
    """Remove from the bilaga's body what refers to parts not copied, its section breaks
    (the bilaga takes our page set-up), SVG pictures and any bookmark named as our marker."""
    doomed = [e for e in body.iter(*_LEFT_OUT)]
    doomed += [e for e in body.iter(qn("w:sectPr")) if e.getparent() is not body]
    doomed += [e.getparent() for e in body.iter(_SVG) if e.getparent().tag == f"{{{_A}}}ext"]
    doomed += [e for e in body.iter(qn("w:bookmarkStart")) if _named_marker(e)]
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)


def _headings_under_ours(bilaga: Any, master: Any) -> None:
    """The bilaga's headings one level down, in our heading styles: its "Heading 1" is a
    section of our "Bilaga N." heading, in the contents too."""
    names = {s.style_id: s.name for s in bilaga.styles}
    ours = {str(s.name).casefold(): s.style_id for s in master.styles}
    for style in bilaga.element.body.iter(qn("w:pStyle")):
        level = _heading_level(str(names.get(style.get(qn("w:val")), "")))
        target = ours.get(f"heading {min(level + 1, 9)}") if level else None
        if target is not None:
            style.set(qn("w:val"), target)


def _heading_level(name: str) -> int:
    """N of a style named "Heading N" (python-docx's and Word's built-in name), else 0."""
    word, _, number = name.casefold().partition(" ")
    return int(number) if word == "heading" and number.isdigit() else 0


def _named_marker(element: Any) -> bool:
    return str(element.get(qn("w:name"), "")).casefold() == INCLUDED_MARKER.casefold()


def _abstract_ids(document: Any) -> set[str]:
    numbering = _numbering(document)
    if numbering is None:
        return set()
    return {str(a.get(qn("w:abstractNumId"))) for a in numbering.iter(qn("w:abstractNum"))}


def _numbering(document: Any) -> Any:
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return None


def _fixed_list_ids(document: Any, before: set[str]) -> None:
    """The nsid of each list docxcompose added, derived from its id instead of random."""
    numbering = _numbering(document)
    if numbering is None:
        return
    for abstract in numbering.iter(qn("w:abstractNum")):
        number = str(abstract.get(qn("w:abstractNumId")))
        nsid = abstract.find(qn("w:nsid"))
        if number not in before and nsid is not None:
            value = zlib.crc32(f"samverkan-lista-{number}".encode()) & 0xFFFFFFFF
            nsid.set(qn("w:val"), f"{value:08X}")
