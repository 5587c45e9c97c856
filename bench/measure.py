"""Running a command as a user does and measuring it: wall time and peak memory of a new
process, and paired runs of two commands (ours and what it is compared with).

Peak memory comes from `os.wait4`, the kernel's count for the process and the processes it
waited for, so each run has a peak of its own without a wrapper process in the timing.
POSIX only, as the benchmark is.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.table import Paired, ours_first, paired_median

BIN = Path(sys.executable).parent
SAMVERKAN = BIN / "samverkan"


class RunFailed(Exception):
    """A measured command exited with a code it should not have; the message says which."""


@dataclass(frozen=True, slots=True)
class Command:
    args: Sequence[str]
    cwd: Path
    stdin: str | None = None
    ok: tuple[int, ...] = (0,)
    """Exit codes of a run that did its work (`validate` exits 1 on an error found)."""


@dataclass(frozen=True, slots=True)
class Sample:
    seconds: float
    peak_mib: float


def measure(command: Command) -> Sample:
    """Run `command` once: its wall time and peak resident memory (MiB)."""
    with tempfile.TemporaryFile() as stdin, tempfile.TemporaryFile() as stderr:
        if command.stdin is not None:
            stdin.write(command.stdin.encode())
            stdin.seek(0)
        start = time.perf_counter()
        process = subprocess.Popen(
            list(command.args), cwd=command.cwd, stdin=stdin, stdout=subprocess.DEVNULL,
            stderr=stderr,
        )  # fmt: skip
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in command.ok:
            stderr.seek(0)
            tail = stderr.read()[-2000:].decode(errors="replace")
            raise RunFailed(f"{' '.join(command.args)} exited {code}: {tail.strip()}")
    return Sample(seconds, usage.ru_maxrss / 1024)  # Linux counts kB


def paired(ours: Command, theirs: Command, pairs: int) -> tuple[Paired, Paired]:
    """`pairs` pairs of runs, one of each command back to back in alternating order, after
    one unmeasured run of each (the file cache, the user's cache folder): the medians of
    the time ratios and of the peak-memory ratios."""
    measure(ours)
    measure(theirs)
    times, peaks = [], []
    for index in range(pairs):
        if ours_first(index):
            a = measure(ours)
            b = measure(theirs)
        else:
            b = measure(theirs)
            a = measure(ours)
        times.append((a.seconds, b.seconds))
        peaks.append((a.peak_mib, b.peak_mib))
    return paired_median(times), paired_median(peaks)


def repeated(command: Command, repeat: int) -> Sample:
    """The median time and the highest peak of `repeat` runs."""
    samples = [measure(command) for _ in range(repeat)]
    samples.sort(key=lambda s: s.seconds)
    return Sample(samples[len(samples) // 2].seconds, max(s.peak_mib for s in samples))


def pandoc() -> str | None:
    """pandoc on PATH, else the one the `pypandoc-binary` wheel ships (`make bench`)."""
    found = shutil.which("pandoc")
    if found:
        return found
    spec = importlib.util.find_spec("pypandoc")
    if spec is None or spec.origin is None:
        return None
    bundled = Path(spec.origin).parent / "files" / "pandoc"
    return str(bundled) if os.access(bundled, os.X_OK) else None


def check_jsonschema() -> str | None:
    """check-jsonschema in the venv (`make bench`), else on PATH."""
    beside = BIN / "check-jsonschema"
    return str(beside) if beside.exists() else shutil.which("check-jsonschema")


def version(tool: str) -> str:
    done = subprocess.run([tool, "--version"], capture_output=True, text=True, check=False)
    return (done.stdout.strip().splitlines() or ["?"])[0]
