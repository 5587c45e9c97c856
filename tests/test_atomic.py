"""Atomic output: a failure while writing leaves the earlier files byte-identical and no
temporary files behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from samverkan_cli.core import atomic, rename_journal
from samverkan_cli.core.atomic import write_files_atomically
from samverkan_cli.core.errors import OutputError


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


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("x" * 256, "namnet är för långt"),
        ("ö" * 128, "namnet är för långt"),  # 256 bytes in UTF-8
        ("a\0b.md", "nolltecken"),
        ("\ud800.md", "nolltecken"),  # a lone surrogate that no file system can store
        ("y" * 300 + "/x.md", "namnet är för långt"),  # a folder's name
    ],
)
def test_a_name_that_cannot_be_a_file_is_an_output_error(
    tmp_path: Path, name: str, reason: str
) -> None:
    """Never a raw exception (an "internt fel"): a Swedish OutputError, nothing written, and
    the files written beside it left as they were."""
    (tmp_path / "x.md").write_bytes(b"old x")
    with pytest.raises(OutputError, match=f"kan inte skriva utdata.*{reason}"):
        write_files_atomically({tmp_path / "x.md": b"new x", tmp_path / name: b"y"})
    assert (tmp_path / "x.md").read_bytes() == b"old x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.md"]


@pytest.mark.parametrize("name", ["z" * 255, "å" * 127, "z" * 200 + ".md", "x" * 240 + ".docx"])
def test_names_up_to_the_limit_are_written(tmp_path: Path, name: str) -> None:
    """A temporary's name is longer than its target's: it is cut so that a target of up to
    255 bytes can be written, and the next write still removes such temporaries."""
    (tmp_path / name).write_bytes(b"old")
    write_files_atomically({tmp_path / name: b"new"})
    assert (tmp_path / name).read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    stale = tmp_path / f".{rename_journal.short(name)}.abcd_123.tmp"
    stale.write_bytes(b"rest")
    write_files_atomically({tmp_path / "other.md": b"o"})
    assert not stale.exists()


def test_the_lock_file_goes_after_a_failed_write(tmp_path: Path) -> None:
    (tmp_path / "x.md").mkdir()
    with pytest.raises(OutputError):
        write_files_atomically({tmp_path / "y.md": b"y", tmp_path / "x.md": b"x"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.md"]


def test_a_link_to_a_file_elsewhere_is_replaced_not_followed(tmp_path: Path) -> None:
    """A target that is a symbolic link (a repository may bring its own output folder): the
    link is replaced, the file it points to is neither written nor copied into the folder."""
    outside = tmp_path / "hemlig.txt"
    outside.write_bytes(b"hemlighet")
    out = tmp_path / "ut"
    out.mkdir()
    (out / "x.md").symlink_to(outside)
    write_files_atomically({out / "x.md": b"x"})
    assert outside.read_bytes() == b"hemlighet"
    assert not (out / "x.md").is_symlink()
    assert [p.read_bytes() for p in out.iterdir()] == [b"x"]


def test_earlier_files_that_cannot_be_put_back_are_kept_for_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fails on the second rename and again while the first is being put back: the
    earlier file and the journal stay, and the next write puts it back first."""
    first, second = tmp_path / "x.md", tmp_path / "y.docx"
    first.write_bytes(b"old x")
    second.write_bytes(b"old y")
    real = os.replace

    def failing(source: str | Path, target: str | Path) -> None:
        if Path(target) == second or str(source).endswith(".old"):
            raise OSError(5, "Input/output error", str(target))
        real(source, target)

    monkeypatch.setattr(atomic.os, "replace", failing)
    with pytest.raises(OutputError, match="läs- eller skrivfel"):
        write_files_atomically({first: b"new x", second: b"new y"})
    monkeypatch.setattr(atomic.os, "replace", real)
    assert (tmp_path / rename_journal.ROLLBACK_NAME).exists()
    assert first.read_bytes() == b"new x"  # for now
    write_files_atomically({tmp_path / "z.md": b"z"})
    assert first.read_bytes() == b"old x"
    assert second.read_bytes() == b"old y"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.md", "y.docx", "z.md"]
