"""The build's steps for bilagor kept as .docx or .pdf files: their bytes read once, put into
the written DOCX (`writers.docx_compose`) or appended to the PDF (`writers.pdf_append`), and
a refusal located at the bilaga's `fil` line, as `validate` locates it (SV160, SV161)."""

from __future__ import annotations

from pathlib import Path

from samverkan_cli.build.bilaga_placement import FileBilaga, included_documents
from samverkan_cli.core.errors import ProblemsFound
from samverkan_cli.core.problems import Location, Problem, Severity
from samverkan_cli.document.tree import Document
from samverkan_cli.source.bilaga_inspection import (
    MAX_FILE_BYTES,
    RULE_NOT_PDFA,
    RULE_REFUSED,
    FileKind,
)
from samverkan_cli.source.loading import LoadedAgreement


def with_included_docx(
    docx: bytes, document: Document, bilagor: list[FileBilaga], loaded: LoadedAgreement
) -> bytes:
    """The DOCX with the body of each .docx bilaga where the document places it."""
    included = included_documents(document, FileKind.DOCX)
    if not included:
        return docx
    from samverkan_cli.writers.docx_compose import IncludedRefused, compose_bilagor
    from samverkan_cli.writers.docx_package import document_moment

    by_source = {b.source: b for b in bilagor}
    chosen = [by_source[block.source] for block in included]
    try:
        return compose_bilagor(
            docx, [_read(b, loaded) for b in chosen], document_moment(document.info)
        )
    except IncludedRefused as refused:
        bilaga = chosen[refused.position]
        rule = refused.inspection.rule or RULE_REFUSED
        raise ProblemsFound(
            [_refusal(loaded, bilaga, rule, r) for r in refused.inspection.reasons]
        ) from None


def with_appended_pdfs(
    pdf: bytes, bilagor: list[FileBilaga], loaded: LoadedAgreement
) -> tuple[bytes, list[Problem]]:
    """The agreement's PDF with the .pdf bilagor after it, and the build's note (SV162)
    that it no longer claims PDF/A; the PDF as it was when there are none."""
    chosen = [b for b in bilagor if b.kind is FileKind.PDF]
    if not chosen:
        return pdf, []
    from samverkan_cli.writers.pdf_append import AppendedPdf, AppendRefused, append_pdfs

    appended = [
        AppendedPdf(f"Bilaga {b.number}. {b.title} ({b.source})", _read(b, loaded)) for b in chosen
    ]
    try:
        combined = append_pdfs(pdf, appended)
    except AppendRefused as refused:
        bilaga = chosen[refused.position]
        raise ProblemsFound(
            [_refusal(loaded, bilaga, refused.rule, r) for r in refused.reasons]
        ) from None
    names = ", ".join(f"'{b.source}'" for b in chosen)
    note = (
        f"PDF-versionen är inte längre märkt som PDF/A: {names} har lagts sist i den, och "
        "att bilagornas sidor uppfyller PDF/A kan inte kontrolleras. Konvertera bilagorna "
        "till PDF/A-2b om hela PDF-filen ska arkiveras som PDF/A"
    )
    return combined, [Problem(_at(loaded, chosen[0]), RULE_NOT_PDFA, Severity.INFO, note)]


def _read(bilaga: FileBilaga, loaded: LoadedAgreement) -> bytes:
    """The bilaga's bytes, refused unread when too large (it may have grown since the
    check)."""
    try:
        if bilaga.path.stat().st_size > MAX_FILE_BYTES:
            reason = f"filen är större än {MAX_FILE_BYTES // (1024 * 1024)} MB"
            raise ProblemsFound([_refusal(loaded, bilaga, RULE_REFUSED, reason)])
        return Path(bilaga.path).read_bytes()
    except OSError as error:
        reason = f"filen kan inte läsas ({error.strerror or error})"
        raise ProblemsFound([_refusal(loaded, bilaga, RULE_REFUSED, reason)]) from None


def _refusal(loaded: LoadedAgreement, bilaga: FileBilaga, rule: str, reason: str) -> Problem:
    message = (
        f"filen '{bilaga.source}' kan inte tas med: {reason}. Spara om den utan detta, eller "
        "ange bilagan som 'extern'"
    )
    return Problem(_at(loaded, bilaga), rule, Severity.ERROR, message)


def _at(loaded: LoadedAgreement, bilaga: FileBilaga) -> Location:
    source = loaded.source
    if source is None:
        return Location.start_of(str(bilaga.path))
    return source.location(("bilagor", "lista", bilaga.number - 1, "fil"))
