"""Atomic output: a failure while writing leaves the earlier files byte-identical and no
temporary files behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from samverkan_cli import atomic
from samverkan_cli.atomic import write_files_atomically
from samverkan_cli.errors import OutputError


def test_writes_all_files(tmp_path: Path) -> None:
    files = {tmp_path / "a" / "x.md": b"x", tmp_path / "a" / "y.docx": b"y"}
    assert write_files_atomically(files) == list(files)
    assert [p.read_bytes() for p in files] == [b"x", b"y"]


def test_failure_while_writing_keeps_earlier_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "x.md", tmp_path / "y.docx"
    first.write_bytes(b"old x")
    second.write_bytes(b"old y")
    real = atomic._write_temporary

    def fail_on_second(target: Path, content: bytes) -> Path:
        if target == second:
            raise OSError(28, "No space left on device", str(target))
        return real(target, content)

    monkeypatch.setattr(atomic, "_write_temporary", fail_on_second)
    with pytest.raises(OutputError, match="kan inte skriva utdata"):
        write_files_atomically({first: b"new x", second: b"new y"})
    assert first.read_bytes() == b"old x"
    assert second.read_bytes() == b"old y"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.md", "y.docx"]


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, OSError(5, "I/O error")])
def test_interrupted_between_two_renames_puts_the_earlier_files_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, interruption: BaseException
) -> None:
    """Ctrl+C (or a failing disk) after the first file was renamed into place: the first is
    put back as it was, and nothing temporary is left."""
    first, second, third = tmp_path / "x.md", tmp_path / "y.docx", tmp_path / "z.png"
    first.write_bytes(b"old x")
    second.write_bytes(b"old y")
    real = os.replace
    calls: list[str] = []

    def interrupt_on_second(source: str | Path, target: str | Path) -> None:
        if str(source).endswith(".tmp"):  # a new file put in place, not one put back
            calls.append(Path(target).name)
            if len(calls) == 2:
                raise interruption
        real(source, target)

    monkeypatch.setattr(atomic.os, "replace", interrupt_on_second)
    expected = OutputError if isinstance(interruption, OSError) else KeyboardInterrupt
    with pytest.raises(expected):
        write_files_atomically({first: b"new x", second: b"new y", third: b"new z"})
    assert calls == ["x.md", "y.docx"]
    assert first.read_bytes() == b"old x"
    assert second.read_bytes() == b"old y"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.md", "y.docx"]


def test_target_that_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "x.md").mkdir()
    with pytest.raises(OutputError, match="det är en mapp"):
        write_files_atomically({tmp_path / "x.md": b"x"})


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to read-only folders")
def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(OutputError):
            write_files_atomically({folder / "x.md": b"x"})
    finally:
        folder.chmod(0o755)
