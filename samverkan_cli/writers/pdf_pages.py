"""PDF/A of the DOCX files of a build, with the table of contents' page numbers filled in.

A DOCX with a table of contents (`docx_contents`) is opened through LibreOffice's UNO API
(`uno_worker`, run by LibreOffice's own Python): LibreOffice lays it out and tells the page
of each heading the contents link to. Those numbers are written into our DOCX (the PAGEREF
fields' results; Word is no longer asked to update fields), and the PDF is exported from that
DOCX; when the numbers moved a heading to another page (they never should, the numbers only
fill the dotted tab), the round is repeated. So the DOCX stays ours (Word-native and
reproducible) and says what the PDF says.

Without LibreOffice's Python and its `uno` module (Debian: python3-uno), and for a DOCX
without contents, each DOCX is converted by `soffice --convert-to` (`pdf.convert_to_pdfa`) and
keeps the request to update fields on opening.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from samverkan_cli.core.errors import OutputError
from samverkan_cli.writers.docx_contents import contents_bookmarks, fill_page_numbers
from samverkan_cli.writers.pdf import (
    EXPORT_OPTIONS,
    INSTALL_HINT,
    convert_to_pdfa,
    find_converter,
    finished_pdf,
    office_tail,
    pdf_moment,
    run_office,
)

WORKER = Path(__file__).with_name("uno_worker.py")
NO_UNO = 3
"""`uno_worker`'s exit code when its Python has no `uno` module."""
_ROUNDS = 3
_SYSTEM_PYTHONS = (Path("/usr/bin/python3"),)


def uno_python(converter: Path) -> Path | None:
    """A Python that can import `uno`: LibreOffice's own (beside soffice: macOS, Windows,
    LibreOffice's packages in /opt), else the system's (Debian's python3-uno)."""
    program = converter.resolve().parent
    candidates = [program / "python", program / "python.exe", *_SYSTEM_PYTHONS]
    candidates += [Path(found)] if (found := shutil.which("python3")) else []
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def converted_documents(
    documents: Mapping[Path, bytes], scratch: Path, *, timeout: float = 180
) -> dict[Path, bytes]:
    """For each DOCX target in `documents` (path → bytes) its PDF beside it (same stem) and,
    when the DOCX has a table of contents, the DOCX again with its page numbers."""
    converter = find_converter()
    if converter is None:
        raise OutputError(f"LibreOffice saknas och behövs för att skriva PDF/A. {INSTALL_HINT}")
    with_contents = {t: d for t, d in documents.items() if _has_contents(d)}
    result: dict[Path, bytes] = {}
    python = uno_python(converter) if with_contents else None
    if python is not None:
        filled = _with_page_numbers(with_contents, scratch, converter, python, timeout)
        if filled is not None:
            result.update(filled)
    for number, (target, content) in enumerate(documents.items()):
        if target.with_suffix(".pdf") in result:
            continue
        docx = scratch / f"plain{number}.docx"
        docx.write_bytes(content)
        convert_to_pdfa(docx, docx.with_suffix(".pdf"), timeout=timeout)
        result[target.with_suffix(".pdf")] = docx.with_suffix(".pdf").read_bytes()
    return result


def _has_contents(docx: bytes) -> bool:
    try:
        return bool(contents_bookmarks(docx))
    except Exception:  # not a DOCX we wrote: LibreOffice says what is wrong with it
        return False


def _with_page_numbers(
    documents: Mapping[Path, bytes],
    scratch: Path,
    converter: Path,
    python: Path,
    timeout: float,
) -> dict[Path, bytes] | None:
    """The filled DOCX and its PDF for each of `documents`; None when `python` has no
    `uno` (the caller then converts them without page numbers)."""
    targets = list(documents)
    current = dict(documents)
    measured = _ask(scratch, converter, python, current, with_pdf=False, timeout=timeout)
    if measured is None:
        return None
    for _ in range(_ROUNDS):
        current = {t: fill_page_numbers(documents[t], pages) for t, pages in measured.items()}
        exported = _ask(scratch, converter, python, current, with_pdf=True, timeout=timeout)
        if exported is None:
            return None
        if exported == measured:
            break
        measured = exported
    result: dict[Path, bytes] = {}
    for number, target in enumerate(targets):
        pdf = (scratch / f"uno{number}.pdf").read_bytes()
        moment = pdf_moment(current[target])
        result[target] = current[target]
        result[target.with_suffix(".pdf")] = finished_pdf(pdf, converter, target.name, moment)
    return result


def _ask(
    scratch: Path,
    converter: Path,
    python: Path,
    documents: Mapping[Path, bytes],
    *,
    with_pdf: bool,
    timeout: float,
) -> dict[Path, dict[str, int]] | None:
    """One run of `uno_worker` over `documents`: each contents bookmark's page (and each
    PDF, `uno<N>.pdf` in `scratch`, when `with_pdf`); None when its Python has no `uno`."""
    entries = []
    for number, content in enumerate(documents.values()):
        docx = scratch / f"uno{number}.docx"
        docx.write_bytes(content)
        pdf = scratch / f"uno{number}.pdf"
        pdf.unlink(missing_ok=True)
        entries.append({"docx": str(docx), "pdf": str(pdf) if with_pdf else None})
    request, answer = scratch / "fråga.json", scratch / "svar.json"
    request.write_text(
        json.dumps({"documents": entries, "filter": EXPORT_OPTIONS}), encoding="utf-8"
    )
    answer.unlink(missing_ok=True)
    profile = (scratch / "uno-profil").as_uri()
    command = [str(python), str(WORKER), str(converter), profile, str(request), str(answer)]
    first = next(iter(documents))
    environment = dict(os.environ)
    environment.pop("PYTHONPATH", None)  # LibreOffice's Python, not the venv's modules
    environment.pop("PYTHONHOME", None)
    returncode, stderr = run_office(command, environment, timeout * len(entries), first)
    if returncode == NO_UNO:
        return None
    if returncode != 0 or not answer.is_file():
        raise OutputError(
            f"LibreOffice kunde inte lägga ut {first.name} för innehållsförteckningens "
            f"sidnummer (slutkod {returncode}); ingen PDF skrevs.{office_tail(stderr)}"
        )
    pages = json.loads(answer.read_text(encoding="utf-8"))["pages"]
    return {target: dict(found) for target, found in zip(documents, pages, strict=True)}


__all__ = ["converted_documents", "uno_python"]
