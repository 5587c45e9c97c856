"""PDF/A output through LibreOffice headless.

The error paths run everywhere, with stand-in converters written as shell scripts. The real
conversions need LibreOffice (`make install-libreoffice`) and are skipped without it, unless
SAMVERKAN_REQUIRE_PDF=1 (set by .ci/run) turns the skip into a failure.

LibreOffice 7.4 (Debian 12) does not read SOURCE_DATE_EPOCH: its PDFs carry the time of the
conversion (Info and XMP dates, the ICC colour profile's date) and a document ID derived from
it. `writers.pdf_normalise` sets all of them from the document's own date after the export,
and `test_two_conversions_are_byte_identical` checks that two conversions give the same bytes.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.core.errors import OutputError, SamverkanError
from samverkan_cli.writers import pdf
from samverkan_cli.writers.pdf import convert_to_pdfa, find_converter, pdfa_part
from tests.conftest import JARVA, REPO_ROOT

EPOCH = 1_700_000_000


def _require_converter() -> Path:
    converter = find_converter()
    if converter is None:
        reason = "LibreOffice saknas: installera med `make install-libreoffice`"
        if os.environ.get("SAMVERKAN_REQUIRE_PDF") == "1":
            pytest.fail(f"{reason} (SAMVERKAN_REQUIRE_PDF=1)")
        pytest.skip(reason)
    return converter


@pytest.fixture(scope="module")
def jarva_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out_dir = tmp_path_factory.mktemp("docx")
    written = build_agreement(JARVA, out_dir, REPO_ROOT).written
    [docx] = [p for p in written if p.suffix == ".docx" and "tjansteutlatande" not in p.name]
    return docx


@pytest.fixture(scope="module")
def jarva_pdf(jarva_docx: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    _require_converter()
    target = tmp_path_factory.mktemp("pdf") / "järva.pdf"
    convert_to_pdfa(jarva_docx, target, source_date_epoch=EPOCH)
    return target.read_bytes()


def _title() -> str:
    data = yaml.safe_load((JARVA / "overenskommelse.yaml").read_text(encoding="utf-8"))
    title = data["titel"]
    assert isinstance(title, str)
    return title


def _page_count(content: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", content))


def _text(path: Path, content: bytes) -> str:
    """The PDF's text by pdftotext when poppler-utils is installed, else its XMP title."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is not None:
        result = subprocess.run(
            [pdftotext, "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            check=True,
            stdin=subprocess.DEVNULL,
        )
        return result.stdout.decode("utf-8")
    match = re.search(rb"<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>", content, re.S)
    assert match is not None, "ingen dc:title i PDF:ens XMP"
    return match.group(1).decode("utf-8")


# --- pdfa_part ----------------------------------------------------------------------------


def test_pdfa_part_reads_elements() -> None:
    xmp = b"<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>"
    assert pdfa_part(b"%PDF-1.6\n" + xmp + b"\n%%EOF") == "2B"


def test_pdfa_part_reads_attributes() -> None:
    xmp = b'<rdf:Description pdfaid:part="3" pdfaid:conformance="u"/>'
    assert pdfa_part(b"%PDF-1.7\n" + xmp) == "3U"


def test_pdfa_part_without_conformance() -> None:
    assert pdfa_part(b"%PDF-2.0\n<pdfaid:part>4</pdfaid:part>") == "4"


def test_pdfa_part_none_for_plain_pdf() -> None:
    assert pdfa_part(b"%PDF-1.6\n1 0 obj\n<</Type/Catalog>>\nendobj\n%%EOF") is None
    assert pdfa_part(b"<pdfaid:part>zwei</pdfaid:part>") is None


# --- finding LibreOffice and its errors, with stand-in converters ---------------------------


def _script(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def _use_converter(monkeypatch: pytest.MonkeyPatch, converter: Path | None) -> None:
    def found() -> Path | None:
        return converter

    monkeypatch.setattr(pdf, "find_converter", found)


@pytest.fixture
def some_docx(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "avtal.docx"
    path.parent.mkdir()
    path.write_bytes(b"PK\x03\x04 not really a DOCX, the stand-ins never read it")
    return path


def test_find_converter_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = _script(tmp_path, "libreoffice", "exit 0")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_converter() == fake


def test_find_converter_prefers_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _script(tmp_path, "libreoffice", "exit 0")
    soffice = _script(tmp_path, "soffice", "exit 0")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_converter() == soffice


def test_missing_converter_says_how_to_install(
    some_docx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use_converter(monkeypatch, None)
    target = tmp_path / "ut" / "avtal.pdf"
    with pytest.raises(OutputError) as caught:
        convert_to_pdfa(some_docx, target)
    message = str(caught.value)
    assert message.startswith("LibreOffice saknas")
    assert "make install-libreoffice" in message
    assert "apt-get install libreoffice-writer-nogui" in message
    assert not target.exists()


def test_missing_docx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _use_converter(monkeypatch, _script(tmp_path, "soffice", "exit 0"))
    with pytest.raises(OutputError, match="filen finns inte"):
        convert_to_pdfa(tmp_path / "finns-inte.docx", tmp_path / "ut.pdf")


def test_failing_converter_reports_its_stderr(
    some_docx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = (
        'echo "Warning: failed to launch javaldx - java may not function correctly" >&2\n'
        'echo "Error: source file could not be loaded" >&2\nexit 81'
    )
    _use_converter(monkeypatch, _script(tmp_path, "soffice", body))
    target = tmp_path / "avtal.pdf"
    target.write_bytes(b"earlier PDF")
    with pytest.raises(OutputError) as caught:
        convert_to_pdfa(some_docx, target)
    message = str(caught.value)
    assert "LibreOffice kunde inte konvertera avtal.docx till PDF/A (slutkod 81)" in message
    assert "ingen PDF skrevs" in message
    assert "Error: source file could not be loaded" in message
    assert "javaldx" not in message
    assert target.read_bytes() == b"earlier PDF"


def test_timeout_ends_the_converter(
    some_docx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "still-running"
    body = f'echo "laddar" >&2\nsleep 30\ntouch "{marker}"'
    _use_converter(monkeypatch, _script(tmp_path, "soffice", body))
    target = tmp_path / "avtal.pdf"
    with pytest.raises(OutputError) as caught:
        convert_to_pdfa(some_docx, target, timeout=0.5)
    message = str(caught.value)
    assert "blev inte klart med avtal.docx inom 0,5 sekunder" in message
    assert "laddar" in message
    assert not target.exists()
    assert not marker.exists()


def test_plain_pdf_is_not_passed_off_as_pdfa(
    some_docx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What a LibreOffice older than 7.4 does: it ignores the JSON filter options.
    body = 'prev=""\nfor a; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done\n'
    body += 'printf "%%PDF-1.6\\n%%%%EOF\\n" > "$out/dokument.pdf"'
    _use_converter(monkeypatch, _script(tmp_path, "soffice", body))
    target = tmp_path / "avtal.pdf"
    with pytest.raises(OutputError) as caught:
        convert_to_pdfa(some_docx, target)
    assert "inte PDF/A-2b (ingen PDF/A-märkning)" in str(caught.value)
    assert "LibreOffice 7.4 eller senare" in str(caught.value)
    assert not target.exists()


def test_stand_in_sees_private_profile_and_epoch(
    some_docx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "argument.log"
    body = f'printf "%s\\n" "$@" > "{log}"\necho "$SOURCE_DATE_EPOCH" >> "{log}"\nexit 3'
    _use_converter(monkeypatch, _script(tmp_path, "soffice", body))
    with pytest.raises(OutputError):
        convert_to_pdfa(some_docx, tmp_path / "avtal.pdf", source_date_epoch=EPOCH)
    arguments = log.read_text(encoding="utf-8").splitlines()
    [profile] = [a for a in arguments if a.startswith("-env:UserInstallation=file:///")]
    assert "samverkan-pdf-" in profile
    assert not Path(profile.removeprefix("-env:UserInstallation=file://")).parent.exists()
    assert "--headless" in arguments
    assert arguments[arguments.index("--convert-to") + 1] == pdf.PDFA_EXPORT_FILTER
    assert f"--infilter={pdf.DOCX_IMPORT_FILTER}" in arguments
    assert arguments[-1] == str(EPOCH)


# --- real conversions with LibreOffice -------------------------------------------------------


def test_converts_jarva_to_pdfa_2b(jarva_pdf: bytes, tmp_path: Path) -> None:
    assert jarva_pdf.startswith(b"%PDF-")
    assert pdfa_part(jarva_pdf) == "2B"
    assert _page_count(jarva_pdf) > 1
    path = tmp_path / "järva.pdf"
    path.write_bytes(jarva_pdf)
    text = " ".join(_text(path, jarva_pdf).split())
    assert _title() in text


def test_corrupt_docx_writes_nothing(tmp_path: Path) -> None:
    _require_converter()
    corrupt = tmp_path / "trasig.docx"
    corrupt.write_bytes(b"PK\x03\x04" + b"\x00" * 64 + b"inte en DOCX")
    target = tmp_path / "ut" / "trasig.pdf"
    with pytest.raises(OutputError) as caught:
        convert_to_pdfa(corrupt, target)
    assert isinstance(caught.value, SamverkanError)
    assert "LibreOffice kunde inte konvertera trasig.docx till PDF/A" in str(caught.value)
    assert "ingen PDF skrevs" in str(caught.value)
    assert not target.exists()
    assert not target.parent.exists() or not any(target.parent.iterdir())


def test_text_file_named_docx_is_refused(tmp_path: Path) -> None:
    """Without the DOCX import filter LibreOffice would print the text as a PDF."""
    _require_converter()
    text = tmp_path / "text.docx"
    text.write_text("Detta är ingen DOCX.\n", encoding="utf-8")
    with pytest.raises(OutputError, match=r"kunde inte konvertera text\.docx"):
        convert_to_pdfa(text, tmp_path / "text.pdf")
    assert not (tmp_path / "text.pdf").exists()


def test_conversion_replaces_earlier_pdf(jarva_docx: Path, tmp_path: Path) -> None:
    _require_converter()
    target = tmp_path / "järva.pdf"
    target.write_bytes(b"earlier")
    convert_to_pdfa(jarva_docx, target)
    assert pdfa_part(target.read_bytes()) == "2B"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["järva.pdf"]


def test_concurrent_conversions(jarva_docx: Path, tmp_path: Path) -> None:
    """Each run has its own LibreOffice profile, so two at once do not meet."""
    _require_converter()
    targets = [tmp_path / f"järva-{n}.pdf" for n in range(2)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda target: convert_to_pdfa(jarva_docx, target), targets))
    assert [pdfa_part(t.read_bytes()) for t in targets] == ["2B", "2B"]


def test_two_conversions_are_byte_identical(jarva_docx: Path, tmp_path: Path) -> None:
    _require_converter()
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    convert_to_pdfa(jarva_docx, first, source_date_epoch=EPOCH)
    time.sleep(1.1)  # another second on the clock, which LibreOffice 7.4 writes down
    convert_to_pdfa(jarva_docx, second, source_date_epoch=EPOCH)
    assert first.read_bytes() == second.read_bytes()


def test_build_with_pdf_writes_a_pdfa_beside_each_docx(in_repo: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from samverkan_cli.cli.main import cli

    _require_converter()
    out = tmp_path / "ut"
    result = CliRunner().invoke(cli, ["build", "järva", "--pdf", "--out", str(out)])
    assert result.exit_code == 0, result.output
    pdfs = sorted(p.name for p in out.glob("*.pdf"))
    assert pdfs == [
        "lokal-samverkansoverenskommelse-jarva-tjansteutlatande.pdf",
        "lokal-samverkansoverenskommelse-jarva.pdf",
    ]
    assert pdfa_part((out / pdfs[1]).read_bytes()) == "2B"
