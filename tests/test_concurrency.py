"""Two builds into the same output folder at the same time: both succeed, and the folder holds
one complete result (every file whole, no temporary file left), whether it existed before
or not."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import docx
import pytest

from samverkan_cli.core import folder_lock
from samverkan_cli.core.atomic import output_folder_locked, write_files_atomically
from samverkan_cli.core.errors import OutputError
from tests.conftest import JARVA

SAMVERKAN = Path(sys.executable).parent / "samverkan"
GOLDEN = Path(__file__).parent / "golden" / "järva.md"
STEM = "lokal-samverkansoverenskommelse-jarva"
OUTPUT = sorted(
    [
        f"{STEM}.md",
        f"{STEM}.docx",
        f"{STEM}-organisation.png",
        f"{STEM}-organisation.svg",
        f"{STEM}-tjansteutlatande.md",
        f"{STEM}-tjansteutlatande.docx",
    ]
)
ROUNDS = 3


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(JARVA, root / "agreements" / "järva")
    return root


def build_command(out: Path) -> list[str]:
    return [str(SAMVERKAN), "build", "järva", "--out", str(out)]


def environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "SAMVERKAN_LANG"} | {"SAMVERKAN_LANG": "sv"}


def test_two_builds_into_the_same_folder_at_once(repo: Path, tmp_path: Path) -> None:
    reference = tmp_path / "referens"
    subprocess.run(build_command(reference), cwd=repo, env=environment(), check=True)
    expected = {name: (reference / name).read_bytes() for name in OUTPUT}
    assert sorted(expected) == sorted(p.name for p in reference.iterdir())
    out = tmp_path / "samma"
    for round_ in range(ROUNDS):
        if round_ == 1:
            shutil.rmtree(out)  # once into a folder that neither has made yet
        processes = [
            subprocess.Popen(
                build_command(out),
                cwd=repo,
                env=environment(),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        for process in processes:
            stdout, stderr = process.communicate(timeout=120)
            assert process.returncode == 0, stderr
            assert "Traceback" not in stdout + stderr
        assert sorted(p.name for p in out.iterdir()) == OUTPUT, "no temporary file is left"
        assert {name: (out / name).read_bytes() for name in OUTPUT} == expected
    assert (out / f"{STEM}.md").read_text(encoding="utf-8") == GOLDEN.read_text(encoding="utf-8")
    for name in OUTPUT:
        if name.endswith(".docx"):
            docx.Document(str(out / name))


WRITER = """
import sys
from pathlib import Path
from samverkan_cli.core.atomic import write_files_atomically
folder, mark = Path(sys.argv[1]), sys.argv[2]
for round in range(int(sys.argv[3])):
    write_files_atomically({folder / f"f{i}.md": f"{mark} {round}\\n".encode() for i in range(6)})
"""


def _marks(folder: Path) -> set[str]:
    """The writer's mark of each file in the folder: one when it holds one whole write."""
    return {p.read_text().split()[0] for p in folder.iterdir() if p.name != folder_lock.LOCK_NAME}


def test_writers_of_different_content_never_mix(tmp_path: Path) -> None:
    """Two processes write different content into one folder, over and over, at the same
    time: under the folder's lock a reader always finds one writer's files only, and so
    does everyone once both are done; the lock file is gone afterwards."""
    out = tmp_path / "ut"
    out.mkdir()
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(out), mark, "12"])
        for mark in ("A", "B")
    ]
    seen: set[str] = set()
    while any(w.poll() is None for w in writers):
        with output_folder_locked(out):
            marks = _marks(out)
        assert len(marks) <= 1, f"blandad utdata: {marks}"
        seen |= marks
        time.sleep(0.002)
    assert [w.wait() for w in writers] == [0, 0]
    assert len(_marks(out)) == 1
    assert sorted(p.name for p in out.iterdir()) == [f"f{i}.md" for i in range(6)]


def test_threads_writing_into_one_folder(tmp_path: Path) -> None:
    out = tmp_path / "ut"

    failures: list[BaseException] = []

    def write(mark: str) -> None:
        try:
            for _ in range(4):
                write_files_atomically({out / f"f{i}.md": f"{mark}\n".encode() for i in range(5)})
        except BaseException as exc:  # the test fails on it below
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(mark,)) for mark in "ABC"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(_marks(out)) == 1
    assert len(list(out.iterdir())) == 5


def test_a_write_waits_for_the_lock_then_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another run holds the folder's lock for longer than a write waits: a Swedish
    OutputError, nothing written, and the holder's lock is left alone."""
    out = tmp_path / "ut"
    out.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(out)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert holder.stdout is not None and holder.stdin is not None
    assert holder.stdout.readline() == b"held\n"
    monkeypatch.setattr(folder_lock, "LOCK_TIMEOUT", 0.3)
    try:
        with pytest.raises(OutputError, match="en annan körning av samverkan skriver till"):
            write_files_atomically({out / "x.md": b"x"})
        assert not (out / "x.md").exists()
    finally:
        holder.stdin.close()
        assert holder.wait(timeout=30) == 0
    write_files_atomically({out / "x.md": b"x"})
    assert sorted(p.name for p in out.iterdir()) == ["x.md"]


HOLDER = """
import sys
from pathlib import Path
from samverkan_cli.core.atomic import output_folder_locked
with output_folder_locked(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.read()
"""


def test_nested_writes_into_a_locked_folder(tmp_path: Path) -> None:
    """The lock is reentrant in one thread: a write within a held lock does not wait."""
    out = tmp_path / "ut"
    out.mkdir()
    with output_folder_locked(out):
        write_files_atomically({out / "x.md": b"x"})
        assert (out / folder_lock.LOCK_NAME).exists()
    assert sorted(p.name for p in out.iterdir()) == ["x.md"]
