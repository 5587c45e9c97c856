"""A write killed at any point (kill -9) or interrupted (Ctrl+C): the next run into that output
folder finds it holding one whole write, the earlier or the new, never a mix, and no
temporary file of ours is left; files that are not ours are never touched.

The deterministic tests fork a child that kills itself (SIGKILL) just before its k-th call
of a file-system function, for every k until a write completes; the others kill real
processes (a writer script, `samverkan build`) at random moments."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.core import atomic, folder_lock, rename_journal
from samverkan_cli.core.atomic import recover_output_folder, write_files_atomically
from samverkan_cli.core.errors import ProblemsFound
from tests.conftest import JARVA

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork and SIGKILL")

OLD = {name: f"gammal {name}\n".encode() * 100 for name in ("a.md", "b.docx", "c.png")}
NEW = {name: f"ny {name}\n".encode() * 100 for name in ("a.md", "b.docx", "c.png", "d.svg")}
NOT_OURS = {
    "anteckning.txt": b"anv\xc3\xa4ndarens",
    ".a.md.tmp": b"inte ett av v\xc3\xa5ra namn",
    "a.md.abcd1234.tmp": b"inte dold",
    ".a.md.ABCD1234.tmp": b"versaler",
    ".a.md.0123456789ab.old.bak": b"annat slut",
}
HOOKED = ("open", "write", "fsync", "close", "replace", "unlink", "link", "mkdir", "chmod")
"""The file-system calls a crash point comes before; any state change lies between two."""


def contents(folder: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.name not in NOT_OURS and not p.is_dir()
    }


def whole_write(folder: Path, leftovers: bool = False) -> str:
    """'old' or 'new': which write the folder holds, failing on a mix, and on a leftover
    unless `leftovers` (the temporaries and lock file of ours that the next run removes)."""
    found = contents(folder)
    if leftovers:
        found = {name: data for name, data in found.items() if not _removed_by_next_run(name)}
    for label, files in (("old", OLD), ("new", NEW)):
        if found == files:
            return label
    raise AssertionError(f"varken hel gammal eller hel ny utdata: {sorted(found)}")


def _removed_by_next_run(name: str) -> bool:
    patterns = (rename_journal._TEMPORARY, rename_journal._EARLIER)
    return name == folder_lock.LOCK_NAME or any(p.fullmatch(name) for p in patterns)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "ut"
    write_files_atomically({out / name: data for name, data in OLD.items()})
    for name, data in NOT_OURS.items():
        (out / name).write_bytes(data)
    return out


def in_child(folder: Path, crash_at: int, interruption: str) -> str:
    """Write NEW into the folder in a forked child that, just before its `crash_at`-th
    file-system call, kills itself or raises KeyboardInterrupt; how it ended."""
    files = {folder / name: data for name, data in NEW.items()}
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            _hook(crash_at, interruption)
            write_files_atomically(files)
        except KeyboardInterrupt:
            code = 4
        except BaseException:
            code = 5
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return "killed"
    return {0: "done", 4: "interrupted"}.get(os.WEXITSTATUS(status), "failed")


def _hook(crash_at: int, interruption: str) -> None:  # pragma: no cover - in the child
    calls = 0

    def wrap(real: Callable[..., object]) -> Callable[..., object]:
        def crash_point(*args: object, **kwargs: object) -> object:
            nonlocal calls
            calls += 1
            if calls == crash_at:
                if interruption == "kill":
                    os.kill(os.getpid(), signal.SIGKILL)
                raise KeyboardInterrupt
            return real(*args, **kwargs)

        return crash_point

    for name in HOOKED:
        setattr(os, name, wrap(getattr(os, name)))


@needs_fork
@pytest.mark.parametrize("interruption", ["kill", "ctrl-c"])
def test_every_crash_point_leaves_one_whole_write(
    folder: Path, interruption: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # fsync guards against power cuts, not against a killed process (the kernel keeps what
    # was written): made instant here, it is still a crash point, and the test is fast
    monkeypatch.setattr(os, "fsync", lambda handle: None)
    outcomes: dict[str, int] = {}
    for crash_at in range(1, 1000):
        ended = in_child(folder, crash_at, interruption)
        assert ended != "failed", f"brytpunkt {crash_at}"
        if interruption == "ctrl-c" and ended != "done":
            # Ctrl+C is handled at once: the earlier files are put back before it ends
            assert ended == "interrupted"
            assert whole_write(folder, leftovers=True) in ("old", "new"), f"brytpunkt {crash_at}"
        recover_output_folder(folder)  # what the next build does first
        state = whole_write(folder)
        for name, data in NOT_OURS.items():
            assert (folder / name).read_bytes() == data
        outcomes[state] = outcomes.get(state, 0) + 1
        if ended == "done":
            assert state == "new"
            break
        write_files_atomically({folder / name: data for name, data in OLD.items()})
        (folder / "d.svg").unlink(missing_ok=True)
    else:
        raise AssertionError("skrivningen blev aldrig klar")
    assert crash_at > 20, "the hooks saw the write's calls"
    assert outcomes.get("old", 0) > 0
    if interruption == "kill":
        assert outcomes["new"] > 1, "a kill after the journal is rolled forward"


WRITER = """
import sys
from pathlib import Path
from samverkan_cli.core.atomic import write_files_atomically
folder = Path(sys.argv[1])
print("klar", flush=True)
round = 0
while True:
    round += 1
    write_files_atomically(
        {folder / f"f{i:02}.bin": f"{round}\\n".encode() * 20000 for i in range(12)}
    )
"""


@needs_fork
def test_killing_a_writer_at_random_moments(tmp_path: Path) -> None:
    out = tmp_path / "ut"
    seed = random.randrange(1 << 30)
    chance = random.Random(seed)
    for attempt in range(6):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(out)], stdout=subprocess.PIPE, text=True
        )
        assert writer.stdout is not None
        assert writer.stdout.readline() == "klar\n"
        time.sleep(chance.uniform(0.005, 0.08))
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        writer.stdout.close()
        recover_output_folder(out)
        found = {p.name: p.read_bytes() for p in out.iterdir()} if out.exists() else {}
        assert len(set(found.values())) <= 1, f"seed {seed}, försök {attempt}: blandad utdata"
        assert all(name.startswith("f") for name in found), f"seed {seed}: {sorted(found)}"


def _environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "SAMVERKAN_LANG"} | {"SAMVERKAN_LANG": "sv"}


@needs_fork
def test_killing_samverkan_build_then_building_again(tmp_path: Path) -> None:
    """`samverkan build` of a changed agreement into a folder that holds the earlier build,
    killed at a random moment; the next build (which here stops on a problem in the
    agreement) first finishes the folder, which then holds one of the two builds exactly."""
    samverkan = Path(sys.executable).parent / "samverkan"
    repo = tmp_path / "repo"
    shutil.copytree(JARVA, repo / "agreements" / "gammal")
    shutil.copytree(JARVA, repo / "agreements" / "ny")
    source = repo / "agreements" / "ny" / "overenskommelse.yaml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Bakgrund", "Bakgrund och syfte", 1), encoding="utf-8")
    broken = repo / "agreements" / "trasig"
    shutil.copytree(JARVA, broken)
    (broken / "overenskommelse.yaml").write_text("titel: [\n", encoding="utf-8")
    started = time.monotonic()
    both = subprocess.run(
        [str(samverkan), "build", "--alla", "--out", str(tmp_path / "ref")],
        cwd=repo,
        env=_environment(),
        capture_output=True,
        text=True,
    )
    duration = (time.monotonic() - started) / 2
    assert both.returncode == 1, both.stderr  # trasig fails, the two others are built
    expected = [
        {p.name: p.read_bytes() for p in (tmp_path / "ref" / name).iterdir()}
        for name in ("gammal", "ny")
    ]
    assert expected[0] != expected[1]
    out = tmp_path / "ut"
    seed = random.randrange(1 << 30)
    chance = random.Random(seed)
    for _ in range(2):
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(tmp_path / "ref" / "gammal", out)
        process = subprocess.Popen(
            [str(samverkan), "build", "ny", "--out", str(out)],
            cwd=repo,
            env=_environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_for_a_temporary(out, process, deadline=time.monotonic() + 10 * duration)
        time.sleep(chance.uniform(0, 0.03))  # somewhere in the write
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=120)
        with pytest.raises(ProblemsFound):
            build_agreement(broken, out, repo)
        found = {p.name: p.read_bytes() for p in out.iterdir()}
        assert found in expected, f"seed {seed}: {sorted(found)}"


def _wait_for_a_temporary(folder: Path, process: subprocess.Popen[bytes], deadline: float) -> None:
    """Until the build has begun writing (or has ended)."""
    while process.poll() is None and time.monotonic() < deadline:
        if any(rename_journal._TEMPORARY.fullmatch(name) for name in os.listdir(folder)):
            return
        time.sleep(0.001)


def test_leftovers_of_earlier_versions_go_and_nothing_else(folder: Path) -> None:
    """Temporaries left by a killed run of a samverkan without a journal: only our exact
    name patterns go, and never a folder."""
    stale = [".a.md.k3_x9q2z.tmp", ".b.docx.0123456789ab.old", ".ny fil.md.abcdefgh.tmp"]
    for name in stale:
        (folder / name).write_bytes(b"rest")
    (folder / ".mapp.abcdefgh.tmp").mkdir()
    write_files_atomically({folder / "a.md": OLD["a.md"]})
    assert whole_write(folder) == "old"
    assert (folder / ".mapp.abcdefgh.tmp").is_dir()
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [*OLD, *NOT_OURS, ".mapp.abcdefgh.tmp"]
    )


def _journal(folder: Path, renames: object) -> None:
    import json

    (folder / rename_journal.JOURNAL_NAME).write_text(
        json.dumps({"version": 1, "renames": renames})
    )


def test_journal_is_rolled_forward(folder: Path) -> None:
    """A run killed after its journal, before its renames: the next run does them."""
    temporary = folder / ".a.md.abcdefgh.tmp"
    temporary.write_bytes(b"ny")
    _journal(folder, [{"temporary": temporary.name, "target": "a.md", "earlier": None}])
    recover_output_folder(folder)
    assert (folder / "a.md").read_bytes() == b"ny"
    assert not temporary.exists()
    assert not (folder / rename_journal.JOURNAL_NAME).exists()


def test_rollback_is_finished(folder: Path) -> None:
    """A run killed while putting the earlier files back: the next run puts back the rest,
    and removes a new file whose target had none."""
    earlier = folder / ".a.md.0123456789ab.old"
    earlier.write_bytes(b"tidigare")
    (folder / "a.md").write_bytes(b"ny")
    (folder / "d.svg").write_bytes(b"ny")
    renames = [
        {"temporary": ".a.md.aaaaaaaa.tmp", "target": "a.md", "earlier": earlier.name},
        {"temporary": ".d.svg.bbbbbbbb.tmp", "target": "d.svg", "earlier": None},
        {"temporary": ".c.png.cccccccc.tmp", "target": "c.png", "earlier": None},
    ]
    (folder / ".c.png.cccccccc.tmp").write_bytes(b"ej flyttad")
    (folder / rename_journal.ROLLBACK_NAME).write_text(
        __import__("json").dumps({"version": 1, "renames": renames})
    )
    recover_output_folder(folder)
    assert (folder / "a.md").read_bytes() == b"tidigare"
    assert not (folder / "d.svg").exists()
    assert (folder / "c.png").read_bytes() == OLD["c.png"]
    assert sorted(p.name for p in folder.iterdir()) == sorted([*OLD, *NOT_OURS])


@pytest.mark.parametrize(
    "renames",
    [
        [{"temporary": ".x.abcdefgh.tmp", "target": "../utanför", "earlier": None}],
        [{"temporary": "../.x.abcdefgh.tmp", "target": "x", "earlier": None}],
        [{"temporary": ".anteckning.txt.abcdefgh.tmp", "target": "a.md", "earlier": None}],
        [{"temporary": ".x.abcdefgh.tmp", "target": "x", "earlier": "anteckning.txt"}],
        [{"temporary": ".x.abcdefgh.tmp", "target": folder_lock.LOCK_NAME, "earlier": None}],
        [{"temporary": ".x.abcdefgh.tmp", "target": "a/b", "earlier": None}],
        [{"temporary": 1, "target": "x"}],
        {"temporary": ".x.abcdefgh.tmp", "target": "x"},
        "inte en lista",
    ],
)
def test_a_journal_that_is_not_ours_is_not_acted_on(
    folder: Path, tmp_path: Path, renames: object
) -> None:
    """A repository may bring its own output folder with a journal in it: nothing it names
    outside our patterns is moved or removed."""
    for name in (".x.abcdefgh.tmp", ".anteckning.txt.abcdefgh.tmp"):
        (folder / name).write_bytes(b"planterad")
    _journal(folder, renames)
    recover_output_folder(folder)
    assert whole_write(folder) == "old"
    assert not (tmp_path / "utanför").exists()
    for name, data in NOT_OURS.items():
        assert (folder / name).read_bytes() == data


def test_a_journal_cut_short_is_ignored(folder: Path) -> None:
    (folder / ".a.md.abcdefgh.tmp").write_bytes(b"ny")
    (folder / rename_journal.JOURNAL_NAME).write_text(
        '{"version": 1, "renames": [{"temporary": ".a.'
    )
    recover_output_folder(folder)
    assert whole_write(folder) == "old"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_journal_that_is_a_pipe_or_a_link_is_not_read(folder: Path, tmp_path: Path) -> None:
    os.mkfifo(folder / rename_journal.JOURNAL_NAME)  # reading it would wait for ever
    recover_output_folder(folder)
    outside = tmp_path / "hemlig.json"
    outside.write_text('{"version": 1, "renames": []}')
    (folder / rename_journal.JOURNAL_NAME).symlink_to(outside)
    recover_output_folder(folder)
    assert outside.exists()
    assert whole_write(folder) == "old"


STAND_IN = """
out=""; previous=""; for argument in "$@"; do
  if [ "$previous" = "--outdir" ]; then out="$argument"; fi; previous="$argument"; done
if [ -n "$FAIL" ]; then exit 3; fi
cat "$SAMPLE_PDF" > "$out/dokument.pdf"
"""


def _sample_pdfa(path: Path) -> Path:
    """A one-page PDF that claims PDF/A-2b in its XMP, as the stand-in's output: the build
    normalises what LibreOffice writes with pikepdf, so the stand-in must write a real PDF."""
    import pikepdf

    xmp = (
        b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">'
        b"<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"
        b'</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )
    with pikepdf.new() as sample:
        sample.add_blank_page()
        metadata = pikepdf.Stream(sample, xmp)
        metadata.Type, metadata.Subtype = pikepdf.Name.Metadata, pikepdf.Name.XML
        sample.Root.Metadata = metadata
        sample.save(path, compress_streams=False)  # the XMP readable, as LibreOffice writes it
    return path


def test_pdfs_are_written_with_the_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With --pdf, the PDFs are converted before anything is written, and written in the same
    atomic write: a failed conversion leaves the earlier build whole, DOCX and PDF alike."""
    from samverkan_cli.writers import pdf
    from tests.conftest import REPO_ROOT

    converter = tmp_path / "soffice"
    converter.write_text("#!/bin/sh\n" + STAND_IN, encoding="utf-8")
    converter.chmod(0o755)
    monkeypatch.setattr(pdf, "find_converter", lambda: converter)
    monkeypatch.setenv("SAMPLE_PDF", str(_sample_pdfa(tmp_path / "prov.pdf")))
    out = tmp_path / "ut"
    written = build_agreement(JARVA, out, REPO_ROOT, pdf=True).written
    pdfs = [p for p in written if p.suffix == ".pdf"]
    assert [p.with_suffix(".docx") for p in pdfs] == [p for p in written if p.suffix == ".docx"]
    assert written[-len(pdfs) :] == pdfs
    assert all(p.read_bytes().startswith(b"%PDF-") for p in pdfs)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    monkeypatch.setenv("FAIL", "1")
    with pytest.raises(atomic.OutputError, match="PDF/A"):
        build_agreement(JARVA, out, REPO_ROOT, pdf=True, public=True)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
