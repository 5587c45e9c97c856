"""PDF bilagor appended to the agreement's PDF (pypdf), in the order of the bilagor list.

Each appended file is checked again on the bytes used (`source.bilaga_inspection`: a PDF, within
bounds, without JavaScript, launch actions, embedded files or media), and gets an entry in
the PDF's outline ("Bilaga N. Titel"), as the DOCX's own bilagor have through their headings.

PDF/A: the pages LibreOffice writes are PDF/A-2b, but an appended file's pages need not be
(fonts not embedded, colours without an output intent, transparency ...), and without a
validator (veraPDF) that cannot be known. So a PDF with appended pages no longer claims to be
PDF/A: its XMP identification (`pdfaid:part`, `pdfaid:conformance`) is removed, and the build
says so (SV162, info). Convert the bilaga to PDF/A before it is listed if the whole must be
archived as PDF/A; a PDF without appended pages keeps its claim.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from samverkan_cli.source.bilaga_inspection import FileKind, inspect_bytes, quiet_pypdf


@dataclass(frozen=True, slots=True)
class AppendedPdf:
    """One PDF bilaga: its outline title and bytes."""

    title: str
    data: bytes


class AppendRefused(Exception):
    """The `position`-th PDF bilaga (0-based) cannot be appended; `reasons` say why."""

    def __init__(self, position: int, rule: str, reasons: tuple[str, ...]) -> None:
        super().__init__("; ".join(reasons))
        self.position = position
        self.rule = rule
        self.reasons = reasons


_PDFAID = re.compile(
    rb"\s*<pdfaid:(part|conformance|amd|rev)>[^<]*</pdfaid:\1>"
    rb"|\s*pdfaid:(?:part|conformance|amd|rev)\s*=\s*(?:\"[^\"]*\"|'[^']*')"
)


def append_pdfs(pdf: bytes, bilagor: Sequence[AppendedPdf]) -> bytes:
    """`pdf` with the pages of each bilaga after its own, and no PDF/A claim when any were
    appended. Raises `AppendRefused` for a bilaga that fails the checks."""
    if not bilagor:
        return pdf
    from pypdf import PdfReader, PdfWriter

    quiet_pypdf()
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    for position, bilaga in enumerate(bilagor):
        inspection = inspect_bytes(bilaga.data, FileKind.PDF)
        if inspection.rule is not None:
            raise AppendRefused(position, inspection.rule, inspection.reasons)
        reader = PdfReader(io.BytesIO(bilaga.data), strict=False)
        writer.append(reader, outline_item=bilaga.title, import_outline=False)
    metadata = writer.root_object.get("/Metadata")
    if metadata is not None:
        stream = metadata.get_object()
        stream.set_data(without_pdfa_claim(stream.get_data()))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def without_pdfa_claim(xmp: bytes) -> bytes:
    """The XMP packet without its PDF/A identification (elements and attributes)."""
    return _PDFAID.sub(b"", xmp)
