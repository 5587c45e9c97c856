"""What kind a bilaga file is, and whether it may be included (before anything is written).

A bilaga's `fil` may name YAML (read into the models), a Word document (.docx, its body put
into the DOCX where the bilaga stands) or a PDF (appended to the PDF version). The file may
come from a pull request, so a .docx or .pdf is read as untrusted: within fixed bounds, and
refused when it holds anything that makes Word or a PDF reader fetch, include or run
something (SV160), or when it is no file of the kind its name says (SV161). `validate` runs
these checks (`rules.bilaga_files`) and the writers run them again on the bytes they use.

Only the standard library for .docx (the reference document's checks); pypdf, pure Python,
is imported when a PDF bilaga is inspected.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from samverkan_cli.source.docx_active_content import SAFE_LINK_SCHEMES, dangers
from samverkan_cli.source.docx_parts import DOCUMENT_TYPE, TEMPLATE_TYPE, Package, read_package
from samverkan_cli.source.docx_zip import ReferenceRefused, members_of, shown

RULE_REFUSED = "SV160"
RULE_UNSUPPORTED = "SV161"
RULE_NOT_PDFA = "SV162"

MAX_FILE_BYTES = 20 * 1024 * 1024
"""One .docx or .pdf bilaga on disk (a scanned decision of some pages is a few MB)."""
MAX_TOTAL_BYTES = 50 * 1024 * 1024
"""All of an agreement's .docx and .pdf bilagor together, on disk and, for .docx, unpacked:
what one build may add to what its YAML produces."""
MAX_PDF_PAGES = 500
"""Pages of one PDF bilaga, and of all of an agreement's PDF bilagor together."""
MAX_PDF_OBJECTS = 200_000
"""Objects of one PDF that are looked through for active content."""


class FileKind(StrEnum):
    YAML = "yaml"
    DOCX = "docx"
    PDF = "pdf"


SUFFIXES = {".yaml": FileKind.YAML, ".yml": FileKind.YAML, ".docx": FileKind.DOCX}
SUFFIXES[".pdf"] = FileKind.PDF

ACCEPTED = (
    "YAML (.yaml, .yml) med bilagans innehåll, ett Word-dokument (.docx) eller en PDF (.pdf), "
    "till exempel 'fil: bilagor/beslut.pdf'"
)
"""The accepted kinds, as a refusal lists them."""


def kind_of(name: str) -> FileKind | None:
    """The kind a `fil` names by its suffix, in any case ("Plan.DOCX"); None for others."""
    return SUFFIXES.get(PurePosixPath(name.replace("\\", "/")).suffix.casefold())


@dataclass(frozen=True, slots=True)
class Inspection:
    """What reading a .docx or .pdf bilaga found: its sizes, or why it cannot be used."""

    kind: FileKind
    size: int = 0
    """Bytes on disk, plus, for a .docx, bytes unpacked: what it counts in `MAX_TOTAL_BYTES`."""
    pages: int = 0
    rule: str | None = None
    """RULE_REFUSED or RULE_UNSUPPORTED when it cannot be used, with `reasons`."""
    reasons: tuple[str, ...] = ()


def inspect_file(path: Path, kind: FileKind) -> Inspection:
    """`inspect_bytes` of the file at `path`, refused unread when it is too large."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Inspection(kind, size, 0, RULE_REFUSED, (_too_large(size),))
        stat = path.stat()
        return _inspect_cached(path, kind, stat.st_size, stat.st_mtime_ns)
    except OSError as error:
        return Inspection(kind, 0, 0, RULE_REFUSED, (f"filen kan inte läsas ({error.strerror})",))


@lru_cache(maxsize=32)
def _inspect_cached(path: Path, kind: FileKind, size: int, mtime_ns: int) -> Inspection:
    """Each file read once per check, for SV160 and SV161 alike (a changed file again)."""
    return inspect_bytes(path.read_bytes(), kind)


def inspect_bytes(data: bytes, kind: FileKind) -> Inspection:
    """Whether `data`, named as a file of `kind`, is one and may be included."""
    if len(data) > MAX_FILE_BYTES:
        return Inspection(kind, len(data), 0, RULE_REFUSED, (_too_large(len(data)),))
    if kind is FileKind.DOCX:
        return _inspect_docx(data)
    if kind is FileKind.PDF:
        return _inspect_pdf(data)
    return Inspection(kind, len(data))


def checked_docx(data: bytes) -> Package:
    """The .docx's package, or `BilagaRefused` (for the DOCX writer, on the bytes it uses)."""
    package, found = _docx_package(data)
    if package is None or found.rule is not None:
        raise BilagaRefused(found)
    return package


class BilagaRefused(Exception):
    """A bilaga file cannot be included; `inspection` says why."""

    def __init__(self, inspection: Inspection) -> None:
        super().__init__("; ".join(inspection.reasons))
        self.inspection = inspection


def _inspect_docx(data: bytes) -> Inspection:
    return _docx_package(data)[1]


def _docx_package(data: bytes) -> tuple[Package | None, Inspection]:
    kind = FileKind.DOCX
    if not data.startswith(b"PK"):
        return None, _unsupported(kind, data)
    try:
        members = members_of(data)
        package = read_package(members)
    except ReferenceRefused as refused:
        if any("inte ett Word-dokument" in reason for reason in refused.found):
            return None, _unsupported(kind, data)
        return None, Inspection(kind, len(data), 0, RULE_REFUSED, tuple(refused.found))
    except RecursionError:
        return None, Inspection(kind, len(data), 0, RULE_REFUSED, (_TOO_DEEP,))
    size = len(data) + sum(len(content) for content in members.values())
    main = package.main()
    main_type = package.content_type(main) if main else ""
    is_word = main_type in (DOCUMENT_TYPE, TEMPLATE_TYPE) or (
        "wordprocessingml" in main_type or "ms-word" in main_type
    )
    if main is None or package.part(main) is None or not is_word:
        return None, _unsupported(kind, data)
    if main_type == TEMPLATE_TYPE:
        reason = "filen är en Word-mall (.dotx); öppna den i Word och spara den som .docx"
        return None, Inspection(kind, size, 0, RULE_UNSUPPORTED, (reason,))
    try:
        found = dangers(package)
    except ReferenceRefused as refused:
        found = refused.found
    except RecursionError:
        found = [_TOO_DEEP]
    if found:
        return package, Inspection(kind, size, 0, RULE_REFUSED, tuple(_listed(found)))
    return package, Inspection(kind, size)


def _inspect_pdf(data: bytes) -> Inspection:
    kind = FileKind.PDF
    if b"%PDF-" not in data[:1024]:
        return _unsupported(kind, data)
    try:
        from pypdf import PdfReader

        quiet_pypdf()
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return Inspection(kind, len(data), 0, RULE_REFUSED, ("PDF-filen är krypterad",))
        pages = len(reader.pages)
        if pages > MAX_PDF_PAGES:
            reason = f"PDF-filen har {pages} sidor; en bilaga får ha högst {MAX_PDF_PAGES}"
            return Inspection(kind, len(data), pages, RULE_REFUSED, (reason,))
        found = list(dict.fromkeys(pdf_dangers(reader)))
    except RecursionError:
        return Inspection(kind, len(data), 0, RULE_REFUSED, (_TOO_DEEP,))
    except Exception:  # pypdf raises many kinds for a damaged or hostile file
        return Inspection(kind, len(data), 0, RULE_REFUSED, (_DAMAGED_PDF,))
    if found:
        return Inspection(kind, len(data), pages, RULE_REFUSED, tuple(_listed(found)))
    if pages == 0:
        return Inspection(kind, len(data), 0, RULE_REFUSED, ("PDF-filen har inga sidor",))
    return Inspection(kind, len(data), pages)


_DAMAGED_PDF = "PDF-filen är skadad och kan inte läsas"
_TOO_DEEP = "innehållet är för djupt nästlat"

_ACTIVE_KEYS = {
    "/JS": "JavaScript",
    "/JavaScript": "JavaScript",
    "/EmbeddedFiles": "inbäddade filer",
    "/EF": "en inbäddad fil",
    "/XFA": "ett XFA-formulär (som kan köra skript)",
    "/RichMedia": "inbäddad media",
    "/AA": "åtgärder som körs vid händelser (/AA)",
}
_SAFE_ACTIONS = frozenset({"/GoTo", "/URI", "/Named", "/Thread"})
"""Actions that move inside the document or open a web address (checked separately)."""
_ACTIVE_SUBTYPES = {
    "/FileAttachment": "en bifogad fil",
    "/RichMedia": "inbäddad media",
    "/Movie": "inbäddad film",
    "/Sound": "inbäddat ljud",
    "/Screen": "inbäddad media",
    "/3D": "ett 3D-objekt",
}


def pdf_dangers(reader: Any) -> Iterator[str]:
    """What in the PDF would make a reader run, launch, fetch or open something: JavaScript,
    launch and other actions than moving in the document or opening a web address, embedded
    files, media and XFA forms; each as a Swedish phrase. Every object in the file is looked
    at (at most MAX_PDF_OBJECTS), so nothing hides where the pages do not point."""
    from pypdf.generic import IndirectObject

    numbers = [(n, g) for g, table in reader.xref.items() for n in table]
    numbers += [(n, 0) for n in reader.xref_objStm]
    if len(numbers) > MAX_PDF_OBJECTS:
        yield f"PDF-filen har fler än {MAX_PDF_OBJECTS} objekt"
        return
    for number, generation in numbers:
        found = reader.get_object(IndirectObject(number, generation, reader))
        yield from _object_dangers(found, 0)


def _object_dangers(value: Any, depth: int) -> Iterator[str]:
    """The dangers in one object and the direct objects inside it (not following
    references: each indirect object is looked at by itself)."""
    from pypdf.generic import ArrayObject, DictionaryObject

    if depth > 100:
        yield _TOO_DEEP
        return
    if isinstance(value, DictionaryObject):
        for key in value:
            if key in _ACTIVE_KEYS:
                yield f"{_ACTIVE_KEYS[key]} ({key})"
        action = value.get("/S")
        if action is not None and value.get("/Type", "/Action") == "/Action":
            yield from _action_danger(str(action), value)
        subtype = str(value.get("/Subtype", ""))
        if subtype in _ACTIVE_SUBTYPES and str(value.get("/Type", "/Annot")) == "/Annot":
            yield f"{_ACTIVE_SUBTYPES[subtype]} ({subtype})"
        if str(value.get("/Type", "")) in ("/EmbeddedFile", "/Filespec") and "/EF" in value:
            yield "en inbäddad fil (/EmbeddedFile)"
        for key in value:
            yield from _object_dangers(value.raw_get(key), depth + 1)
    elif isinstance(value, ArrayObject):
        for item in value:
            yield from _object_dangers(item, depth + 1)


def _action_danger(action: str, value: Any) -> Iterator[str]:
    if action not in _SAFE_ACTIONS:
        yield f"åtgärden {shown(action)}, som en PDF-läsare utför"
    elif action == "/URI":
        address = str(value.get("/URI", ""))
        if not address.casefold().startswith(SAFE_LINK_SCHEMES):
            yield f"en länk till {shown(address)}"


def quiet_pypdf() -> None:
    """pypdf logs what it repairs in a damaged file, in English, to stderr; a refusal (or
    nothing) is what the user is told instead."""
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)


def _unsupported(kind: FileKind, data: bytes) -> Inspection:
    """SV161: the content is not what the suffix says; what it looks like, when known."""
    actual = _looks_like(data)
    what = "ett Word-dokument" if kind is FileKind.DOCX else "en PDF"
    seems = f"; den ser ut att vara {actual}" if actual else ""
    reason = f"filen heter .{kind.value} men är inte {what}{seems}"
    return Inspection(kind, len(data), 0, RULE_UNSUPPORTED, (reason,))


def _looks_like(data: bytes) -> str:
    if b"%PDF-" in data[:1024]:
        return "en PDF"
    if data.startswith(b"PK"):
        if b"xl/" in data[:65536] or b"worksheets" in data[:65536]:
            return "ett Excel-dokument"
        if b"ppt/" in data[:65536]:
            return "en PowerPoint-presentation"
        return "ett zip-arkiv"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "ett äldre Office-dokument (.doc); spara det som .docx"
    if data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "en bild"
    if data.startswith(b"{\\rtf"):
        return "ett RTF-dokument; spara det som .docx"
    return ""


def _too_large(size: int) -> str:
    return f"filen är {_mb(size)} MB; en bilagefil får vara högst {_mb(MAX_FILE_BYTES)} MB"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",").removesuffix(",0")


def total_too_large(total: int) -> str:
    """The reason when an agreement's bilaga files together pass `MAX_TOTAL_BYTES`."""
    return (
        f"bilagefilerna (.docx och .pdf) blir tillsammans {_mb(total)} MB med denna; högst "
        f"{_mb(MAX_TOTAL_BYTES)} MB går att ta med i en överenskommelse"
    )


def _listed(found: list[str], limit: int = 5) -> list[str]:
    if len(found) <= limit:
        return found
    return [*found[:limit], f"och {len(found) - limit} fynd till"]
