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
