"""PDF/A output: a built DOCX converted to PDF/A-2b and PDF/UA-1 by LibreOffice, run headless.

Each conversion runs LibreOffice with a user profile of its own in a temporary folder, so
conversions can run side by side, as root and in CI, without touching the user's LibreOffice
settings; the result is moved into place with `write_files_atomically`, so a failed conversion
leaves an earlier PDF as it was. PDF/A-2b is the archival form of PDF that a diarium or an
e-arkiv asks for: fonts embedded, colours defined, metadata in XMP. PDF/UA-1 is the
accessible form: tagged structure, language, title shown, alternative texts. Each PDF is then
made reproducible by `pdf_normalise` (dates, document ID, XMP); a DOCX with a table of
contents goes through `pdf_pages` instead, which also fills in its page numbers.

The filter options are written in LibreOffice's JSON form, which LibreOffice reads from 7.4 on
(Debian 12 ships 7.4.7); an older LibreOffice ignores them and writes a plain PDF, which the
check of the result reports as an error instead of passing it off as PDF/A.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path

from samverkan_cli.core.atomic import write_files_atomically
from samverkan_cli.core.errors import OutputError

PDFA_VERSION = "2B"
"""What `pdfa_part` reads from the PDFs `convert_to_pdfa` writes: part 2, conformance B."""

EXPORT_OPTIONS: dict[str, bool | int] = {
    "SelectPdfVersion": 2,  # PDF/A-2b
    "PDFUACompliance": True,  # PDF/UA-1 (LibreOffice 7.2 and later)
    "UseTaggedPDF": True,
    "ExportBookmarks": True,  # the outline, from the headings
    "ExportBookmarksToPDFDestination": True,  # each bookmark a named destination
    "ExportNotes": False,
}
"""LibreOffice's Writer PDF export options (filter data), for `--convert-to` and UNO."""


def _filter_json(options: dict[str, bool | int]) -> str:
    typed = {
        name: {"type": "boolean", "value": str(value).lower()}
        if isinstance(value, bool)
        else {"type": "long", "value": str(value)}
        for name, value in options.items()
    }
    return json.dumps(typed, separators=(",", ":"))


PDFA_EXPORT_FILTER = f"pdf:writer_pdf_Export:{_filter_json(EXPORT_OPTIONS)}"
"""`--convert-to` argument: the Writer PDF export with `EXPORT_OPTIONS`."""

DOCX_IMPORT_FILTER = "MS Word 2007 XML"
"""`--infilter` argument, so a file that is no DOCX fails instead of being read as plain text."""

INSTALL_HINT = (
    "Installera LibreOffice med `make install-libreoffice` i samverkans repository, "
    "eller på Debian/Ubuntu med `sudo apt-get install libreoffice-writer-nogui`."
)

_PROGRAM_NAMES = ("soffice", "libreoffice")
_USUAL_PATHS = (
    Path("/usr/lib/libreoffice/program/soffice"),
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
)
_OPT_PATTERN = "libreoffice*/program/soffice"
_TAIL_LINES = 12
_TAIL_CHARS = 2000
_NOISE = ("failed to launch javaldx",)


def find_converter() -> Path | None:
    """LibreOffice's `soffice`: on PATH (`soffice`, then `libreoffice`), else where Debian and
    Ubuntu, LibreOffice's own packages (/opt) and macOS put it; None when there is none."""
    for name in _PROGRAM_NAMES:
        found = shutil.which(name)
        if found is not None:
            return Path(found)
    candidates = [*_USUAL_PATHS, *sorted(Path("/opt").glob(_OPT_PATTERN), reverse=True)]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def convert_to_pdfa(
    docx: Path,
    pdf: Path,
    *,
    timeout: float = 180,
    source_date_epoch: int | None = None,
) -> None:
    """Convert `docx` to PDF/A-2b at `pdf`, replacing it atomically.

    `source_date_epoch`, when given, is passed to LibreOffice as SOURCE_DATE_EPOCH (otherwise
    the variable is inherited from the environment, if set). LibreOffice 7.4 does not read it,
    so the PDF's dates are then set to it by `pdf_normalise`; without it they are the DOCX's
    own creation date (`pdf_moment`).

    Raises `OutputError` with a Swedish message when LibreOffice is missing, fails, times out
    or writes something that is not PDF/A-2b; nothing is written then.
    """
    converter = find_converter()
    if converter is None:
        raise OutputError(f"LibreOffice saknas och behövs för att skriva PDF/A. {INSTALL_HINT}")
    if not docx.is_file():
        raise OutputError(f"kan inte skriva PDF/A från {docx}: filen finns inte")
    environment = dict(os.environ)
    if source_date_epoch is not None:
        environment["SOURCE_DATE_EPOCH"] = str(int(source_date_epoch))
    try:
        with tempfile.TemporaryDirectory(
            prefix="samverkan-pdf-", ignore_cleanup_errors=True
        ) as name:
            returncode, stderr, content = _convert_in(
                Path(name), converter, docx, environment, timeout
            )
    except OSError as exc:  # the temporary folder: TMPDIR missing, full or read-only
        raise OutputError(
            f"kan inte konvertera {docx.name} till PDF/A: {exc.strerror or exc} ({exc.filename})"
        ) from None
    moment = pdf_moment(_read(docx), source_date_epoch)
    content = finished_pdf(content, converter, docx.name, moment, stderr, returncode)
    write_files_atomically({pdf: content})


def finished_pdf(
    content: bytes,
    converter: Path,
    name: str,
    moment: dt.datetime,
    stderr: str = "",
    returncode: int = 0,
) -> bytes:
    """LibreOffice's PDF of the DOCX called `name`, checked to be PDF/A-2b and normalised
    (`pdf_normalise`); `OutputError` when it is missing or no PDF/A."""
    if returncode != 0 or not content.startswith(b"%PDF-"):
        reason = f"slutkod {returncode}" if returncode != 0 else "ingen PDF skapades"
        raise OutputError(
            f"LibreOffice kunde inte konvertera {name} till PDF/A ({reason}); "
            f"ingen PDF skrevs.{office_tail(stderr)}"
        )
    found = pdfa_part(content)
    if found != PDFA_VERSION:
        label = f"PDF/A-{found}" if found else "ingen PDF/A-märkning"
        raise OutputError(
            f"LibreOffice ({converter}) skrev en PDF av {name} men inte PDF/A-2b "
            f"({label}); PDF/A kräver LibreOffice 7.4 eller senare. Ingen PDF skrevs."
        )
    from samverkan_cli.writers.pdf_normalise import normalised_pdf

    try:
        return normalised_pdf(content, moment)
    except Exception as exc:  # pikepdf's errors for a PDF it cannot read
        raise OutputError(
            f"PDF:en från LibreOffice av {name} kunde inte läsas ({exc}); ingen PDF skrevs."
        ) from None


_CREATED = re.compile(rb"<dcterms:created[^>]*>([^<]+)</dcterms:created>")


def pdf_moment(docx: bytes, source_date_epoch: int | None = None) -> dt.datetime:
    """The moment a PDF of `docx` is dated: `source_date_epoch` when given, else the DOCX's
    creation date (which the DOCX writer took from SOURCE_DATE_EPOCH or the agreement's
    date), else 1980-01-01."""
    if source_date_epoch is not None:
        return dt.datetime.fromtimestamp(int(source_date_epoch), tz=dt.UTC)
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            core = package.read("docProps/core.xml")
        found = _CREATED.search(core)
        if found is not None:
            text = found.group(1).decode("ascii").strip().replace("Z", "+00:00")
            moment = dt.datetime.fromisoformat(text)
            return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        pass
    return dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


def _read(docx: Path) -> bytes:
    try:
        return docx.read_bytes()
    except OSError:
        return b""


def _convert_in(
    scratch: Path, converter: Path, docx: Path, environment: dict[str, str], timeout: float
) -> tuple[int, str, bytes]:
    """One LibreOffice run in `scratch`: its exit code, its message and the PDF's bytes (empty
    when it wrote none)."""
    # A plain ASCII name: LibreOffice under a C locale may misread å, ä, ö in arguments, and a
    # lock file it leaves lands here rather than beside the user's DOCX.
    source = scratch / "dokument.docx"
    try:
        shutil.copyfile(docx, source)
    except OSError as exc:
        raise OutputError(f"kan inte läsa {docx}: {exc.strerror or exc}") from None
    out_dir = scratch / "pdf"
    out_dir.mkdir()
    command = [
        str(converter),
        f"-env:UserInstallation={(scratch / 'profil').as_uri()}",
        "--headless",
        "--invisible",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        "--norestore",
        f"--infilter={DOCX_IMPORT_FILTER}",
        "--convert-to",
        PDFA_EXPORT_FILTER,
        "--outdir",
        str(out_dir),
        str(source),
    ]
    returncode, stderr = run_office(command, environment, timeout, docx)
    produced = out_dir / "dokument.pdf"
    content = produced.read_bytes() if produced.is_file() else b""
    return returncode, stderr, content


_XMP_VALUE = r"<pdfaid:{0}>\s*([^<\s]+)\s*</pdfaid:{0}>|pdfaid:{0}\s*=\s*[\"']([^\"']+)[\"']"
_PART = re.compile(_XMP_VALUE.format("part").encode("ascii"))
_CONFORMANCE = re.compile(_XMP_VALUE.format("conformance").encode("ascii"))


def pdfa_part(pdf_bytes: bytes) -> str | None:
    """The PDF/A identification in a PDF's XMP metadata: part and conformance, as "2B" for
    PDF/A-2b or "4" for a part without a conformance level; None when the PDF claims none.

    The XMP packet is plain XML inside the file, so the bytes are searched for `pdfaid:part`
    and `pdfaid:conformance`, written as elements or as attributes."""
    part = _first_value(_PART, pdf_bytes)
    if part is None or not part.isdigit():
        return None
    conformance = _first_value(_CONFORMANCE, pdf_bytes) or ""
    if not conformance.isalpha():
        conformance = ""
    return f"{part}{conformance.upper()}"


def _first_value(pattern: re.Pattern[bytes], data: bytes) -> str | None:
    match = pattern.search(data)
    if match is None:
        return None
    value = match.group(1) or match.group(2)
    return value.decode("ascii", errors="replace").strip()


def run_office(
    command: list[str], environment: dict[str, str], timeout: float, docx: Path
) -> tuple[int, str]:
    """Run LibreOffice in a process group of its own, so a timeout ends every process it
    started; returns the exit code and what it wrote to stderr."""
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=environment,
            start_new_session=True,
        )
    except OSError as exc:
        raise OutputError(
            f"kan inte starta LibreOffice ({command[0]}): {exc.strerror or exc}. {INSTALL_HINT}"
        ) from None
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _end(process)
        raise OutputError(
            f"LibreOffice blev inte klart med {docx.name} inom {_seconds(timeout)} sekunder och "
            f"avbröts; ingen PDF skrevs.{office_tail(_drain(process))}"
        ) from None
    except BaseException:
        _end(process)
        _drain(process)
        raise
    text = stderr.decode("utf-8", errors="replace")
    if not _meaningful(text):
        text = stdout.decode("utf-8", errors="replace")
    return process.returncode, text


def _seconds(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _end(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()


def _drain(process: subprocess.Popen[bytes]) -> str:
    try:
        _, stderr = process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        return ""
    return stderr.decode("utf-8", errors="replace")


def _meaningful_lines(text: str) -> list[str]:
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not any(noise in line for noise in _NOISE)]


def _meaningful(text: str) -> bool:
    return bool(_meaningful_lines(text))


def office_tail(text: str) -> str:
    """The end of LibreOffice's output for an error message, or a sentence saying there was
    none."""
    lines = _meaningful_lines(text)[-_TAIL_LINES:]
    if not lines:
        return " LibreOffice skrev inget felmeddelande."
    tail = "\n  ".join(lines)
    if len(tail) > _TAIL_CHARS:
        tail = "…" + tail[-_TAIL_CHARS:]
    return f" LibreOffice skrev:\n  {tail}"


__all__ = [
    "DOCX_IMPORT_FILTER",
    "EXPORT_OPTIONS",
    "INSTALL_HINT",
    "PDFA_EXPORT_FILTER",
    "PDFA_VERSION",
    "convert_to_pdfa",
    "find_converter",
    "finished_pdf",
    "pdf_moment",
    "pdfa_part",
]
