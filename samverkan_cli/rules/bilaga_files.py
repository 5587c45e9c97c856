"""Rules about bilaga files that are not YAML: every `fil` is included or refused.

A .docx bilaga is put into the DOCX, a .pdf appended to the PDF version; anything else, or a
file whose content is not what its name says, is refused at the entry's `fil` (SV161), and
so is a .docx or .pdf that holds active content or is too large (SV160). The checks read the
files with the standard library (and pypdf for a PDF), see `source.bilaga_inspection`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from samverkan_cli.core.confinement import Confinement
from samverkan_cli.core.problems import Location, Severity
from samverkan_cli.model import BilagaEntry
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.source.bilaga_inspection import (
    ACCEPTED,
    MAX_FILE_BYTES,
    MAX_PDF_PAGES,
    MAX_TOTAL_BYTES,
    RULE_REFUSED,
    RULE_UNSUPPORTED,
    FileKind,
    inspect_file,
    kind_of,
    total_too_large,
)
from samverkan_cli.source.loading import locate_file


@dataclass(frozen=True, slots=True)
class FileBilaga:
    """A listed bilaga whose `fil` exists in the agreement's folder."""

    index: int
    entry: BilagaEntry
    path: Path
    kind: FileKind | None


def file_bilagor(ctx: RuleContext) -> Iterator[FileBilaga]:
    """The entries whose file exists inside the folder (SV106 reports the others)."""
    entries = ctx.agreement.bilagor.entries if ctx.agreement.bilagor else []
    folder: Confinement | None = None  # the folder resolved once, for the first file
    for index, entry in enumerate(entries):
        if entry.file is None:
            continue
        path = locate_file(ctx.folder, entry.file)
        folder = folder or Confinement(ctx.folder)
        if folder.holds(path) and path.is_file():
            yield FileBilaga(index, entry, path, kind_of(entry.file))


def _at(ctx: RuleContext, found: FileBilaga) -> Location:
    return ctx.at("bilagor", "lista", found.index, "fil")


@rule(
    RULE_UNSUPPORTED,
    title="Bilagefilen är av ett slag som inte kan tas med",
    severity=Severity.ERROR,
    explanation=(
        "En bilaga i listan kan vara YAML (.yaml, .yml) med bilagans innehåll, ett "
        "Word-dokument (.docx), vars innehåll tas med i DOCX- och PDF-versionen, eller en PDF "
        "(.pdf), som läggs sist i PDF-versionen. Andra filer (.doc, .xlsx, .txt, bilder) och "
        "filer vars innehåll inte är vad ändelsen säger tas inte med: spara dem som .docx "
        "eller .pdf, eller ange bilagan som 'extern'."
    ),
)
def unsupported_files(ctx: RuleContext) -> Iterator[Finding]:
    for found in file_bilagor(ctx):
        if found.kind is None:
            yield Finding(
                _at(ctx, found),
                f"filen '{found.entry.file}' kan inte tas med i dokumentet; en bilagefil kan "
                f"vara {ACCEPTED}. Spara den i ett av de formaten eller ange bilagan som "
                "'extern' med titel och diarienummer",
            )
        elif found.kind is not FileKind.YAML:
            inspection = inspect_file(found.path, found.kind)
            if inspection.rule == RULE_UNSUPPORTED:
                for reason in inspection.reasons:
                    yield Finding(
                        _at(ctx, found),
                        f"filen '{found.entry.file}': {reason}; en bilagefil kan vara {ACCEPTED}",
                    )


@rule(
    RULE_REFUSED,
    title="Bilagefilen kan inte tas med",
    severity=Severity.ERROR,
    explanation=(
        "Ett Word-dokument eller en PDF som bilaga kan komma från vem som helst som föreslår "
        "en ändring, och tas därför bara med om det inte innehåller något som hämtar, "
        "infogar eller kör något när dokumentet öppnas: fält som INCLUDETEXT, externa "
        "länkar och resurser, makron, inbäddade objekt och filer, JavaScript och åtgärder i "
        "PDF. Filen får vara högst "
        f"{MAX_FILE_BYTES // (1024 * 1024)} MB, en PDF högst {MAX_PDF_PAGES} sidor, och alla "
        f"bilagefiler tillsammans högst {MAX_TOTAL_BYTES // (1024 * 1024)} MB. Spara om "
        "filen utan det som anges (till exempel som PDF/A eller med 'Spara som' .docx utan "
        "makron), eller ange bilagan som 'extern'."
    ),
)
def refused_files(ctx: RuleContext) -> Iterator[Finding]:
    total = 0
    pages = 0
    for found in file_bilagor(ctx):
        if found.kind is None or found.kind is FileKind.YAML:
            continue
        inspection = inspect_file(found.path, found.kind)
        if inspection.rule == RULE_REFUSED:
            for reason in inspection.reasons:
                yield Finding(_at(ctx, found), _refusal(found, reason))
            continue
        if inspection.rule is not None:
            continue  # SV161
        total += inspection.size
        pages += inspection.pages
        if total > MAX_TOTAL_BYTES:
            yield Finding(_at(ctx, found), _refusal(found, total_too_large(total)))
        elif pages > MAX_PDF_PAGES:
            reason = (
                f"PDF-bilagorna har tillsammans {pages} sidor med denna; högst "
                f"{MAX_PDF_PAGES} går att lägga till"
            )
            yield Finding(_at(ctx, found), _refusal(found, reason))


def _refusal(found: FileBilaga, reason: str) -> str:
    return (
        f"filen '{found.entry.file}' kan inte tas med: {reason}. Spara om den utan detta "
        f"(eller som PDF/A), eller ange bilagan som 'extern'"
    )
