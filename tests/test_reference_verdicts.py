"""The checks of the shipped reference document kept between runs
(source/reference_verdicts.py): a later run skips them for the same bytes, and a verdict is a
miss when the file, samverkan's version or the code that decides it changes. Nothing is
kept for a reference that is not the shipped one, and the DOCX is the same with and without
the kept verdicts."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from samverkan_cli.core import user_cache
from samverkan_cli.document.tree import Document, DocumentInfo, Heading, Paragraph, Span
from samverkan_cli.source import reference_check, reference_verdicts
from samverkan_cli.source.docx_active_content import dangers
from samverkan_cli.source.docx_parts import Package
from samverkan_cli.source.reference_check import reference_problems
from samverkan_cli.writers import reference_sanitise
from samverkan_cli.writers.docx import write_docx
from samverkan_cli.writers.reference_sanitise import sanitised_reference
from tests.conftest import REPO_ROOT

SHIPPED = REPO_ROOT / "templates" / "reference.docx"
DOCUMENT = Document(
    blocks=(Heading(1, (Span("Rubrik"),)), Paragraph((Span("Text."),))),
    info=DocumentInfo(title="Prov"),
)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv(user_cache.CACHE_VARIABLE, str(folder))
    sanitised_package = reference_sanitise.sanitised_package
    sanitised_package.cache_clear()  # only what is kept on disk counts
    yield folder
    sanitised_package.cache_clear()


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "referens").glob("*.json")) if (cache / "referens").exists() else []


def _no_second_look(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any check or sanitising from here on fails the test."""

    def fail(*_: object) -> None:
        raise AssertionError("the reference was checked again")

    monkeypatch.setattr(reference_check, "dangers", fail)
    monkeypatch.setattr(reference_sanitise, "sanitised_package", fail)


def test_the_shipped_reference_is_checked_once(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert reference_problems(SHIPPED, "r") == []
    first = write_docx(DOCUMENT, SHIPPED)
    assert len(_entries(cache)) == 2  # no active content; sanitising changes nothing
    _no_second_look(monkeypatch)
    assert reference_problems(SHIPPED, "r") == []
    assert sanitised_reference(SHIPPED) == SHIPPED.read_bytes()
    assert write_docx(DOCUMENT, SHIPPED) == first


def test_a_copy_of_the_shipped_reference_is_the_shipped_reference(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "templates" / "reference.docx"
    copy.parent.mkdir()
    copy.write_bytes(SHIPPED.read_bytes())
    assert reference_problems(copy, "r") == []
    write_docx(DOCUMENT, copy)
    _no_second_look(monkeypatch)
    assert reference_problems(SHIPPED, "r") == []
    assert sanitised_reference(SHIPPED) == SHIPPED.read_bytes()


def test_the_docx_is_the_same_without_the_cache(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_docx(DOCUMENT)  # keeps the verdicts
    kept = write_docx(DOCUMENT)
    reference_sanitise.sanitised_package.cache_clear()
    monkeypatch.setenv(user_cache.CACHE_VARIABLE, "0")
    assert write_docx(DOCUMENT) == kept


def _changed_copy(tmp_path: Path) -> Path:
    """The shipped reference with one more (clean) part: other bytes, still usable."""
    with zipfile.ZipFile(SHIPPED) as package:
        members = {name: package.read(name) for name in package.namelist()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
        package.writestr("word/extra.txt", b"ingen del av paketet")
    path = tmp_path / "kommunen.docx"
    path.write_bytes(buffer.getvalue())
    return path


def test_other_bytes_are_checked_every_time_and_never_kept(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    changed = _changed_copy(tmp_path)
    assert reference_problems(changed, "r") == []
    write_docx(DOCUMENT, changed)
    assert _entries(cache) == []
    calls: list[Package] = []

    def counted(package: Package) -> list[str]:
        calls.append(package)
        return dangers(package)

    monkeypatch.setattr(reference_check, "dangers", counted)
    assert reference_problems(changed, "r") == []
    assert len(calls) == 1


@pytest.fixture
def recorded(cache: Path) -> tuple[bytes, tuple[ModuleType, ...]]:
    """The shipped reference's bytes and the deciding modules, with a verdict kept."""
    data = SHIPPED.read_bytes()
    code = reference_verdicts.ACTIVE_CONTENT_CODE
    reference_verdicts.record_clean("prov", data, code)
    assert reference_verdicts.found_clean("prov", data, code)
    return data, code


def test_a_verdict_is_a_miss_for_another_version(
    recorded: tuple[bytes, tuple[ModuleType, ...]], monkeypatch: pytest.MonkeyPatch
) -> None:
    data, code = recorded
    monkeypatch.setattr(user_cache, "samverkan_version", lambda: "99.0.0")
    assert not reference_verdicts.found_clean("prov", data, code)


def test_a_verdict_is_a_miss_when_the_deciding_code_changes(
    recorded: tuple[bytes, tuple[ModuleType, ...]], monkeypatch: pytest.MonkeyPatch
) -> None:
    data, code = recorded
    real = reference_verdicts._source
    changed = code[0]
    monkeypatch.setattr(
        reference_verdicts,
        "_source",
        lambda module: real(module) + b"\n# changed\n" if module is changed else real(module),
    )
    assert not reference_verdicts.found_clean("prov", data, code)
    assert not reference_verdicts.found_clean("annat steg", data, code)


def test_a_verdict_is_a_miss_when_the_shipped_reference_changes(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new shipped reference (`make reference`) is checked anew, and its verdict does not
    hold for the old one's bytes."""
    old = SHIPPED.read_bytes()
    code = reference_verdicts.ACTIVE_CONTENT_CODE
    reference_verdicts.record_clean("prov", old, code)
    assert reference_verdicts.found_clean("prov", old, code)
    new = _changed_copy(tmp_path).read_bytes()
    monkeypatch.setattr(reference_verdicts, "_shipped_bytes", lambda: new)
    assert not reference_verdicts.found_clean("prov", new, code)
    assert not reference_verdicts.found_clean("prov", old, code)


def test_a_reference_that_sanitising_changes_is_not_kept_as_unchanged(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Were the shipped reference one that sanitising changes, its own bytes are never
    handed to python-docx: only the verdict of no active content is kept."""
    changed = _changed_copy(tmp_path)  # word/extra.txt is dropped by sanitising
    monkeypatch.setattr(reference_verdicts, "_shipped_bytes", lambda: changed.read_bytes())
    assert reference_problems(changed, "r") == []
    write_docx(DOCUMENT, changed)
    assert len(_entries(cache)) == 1
    assert sanitised_reference(changed) != changed.read_bytes()
