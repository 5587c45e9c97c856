"""The benchmark's figures beside the issue's table (docs/utveckling/performance.md): how
`validate` scales with the number of agreements, a rebuild under `build --bevaka`, `--help`,
and the hostile inputs of issue 14 (a 5 MB lägesbild, an alias bomb, a diff of 20,000
paragraphs a side)."""

from __future__ import annotations

import signal
import statistics
import subprocess
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from bench.measure import SAMVERKAN, Command, RunFailed, repeated
from bench.repositories import make_hostile, make_repository


def validate_scaling(sizes: Sequence[int], repeat: int, scratch: Path) -> list[str]:
    lines = [f"{'validate':<28}{'wall s':>10}{'ms/agreement':>14}{'peak MiB':>10}"]
    for size in sizes:
        repo = make_repository(size, scratch / f"scaling-{size}")
        sample = repeated(Command([str(SAMVERKAN), "validate"], repo, ok=(0, 1)), repeat)
        wall = sample.seconds
        label = f"{size} agreements"
        lines.append(f"{label:<28}{wall:>10.2f}{1000 * wall / size:>14.1f}{sample.peak_mib:>10.0f}")
    return lines


def single_figures(repeat: int, scratch: Path) -> list[str]:
    """`build --bevaka`'s rebuild, `--help`, and the hostile inputs, one line each."""
    lines = []
    try:
        built, waited = watch_rebuilds(make_repository(1, scratch / "watch"), repeat)
        lines.append(f"{'build --bevaka, a rebuild':<28}{built:>10.2f}")
        lines.append(f"{'  save to done (polling)':<28}{waited:>10.2f}")
    except RunFailed as exc:
        lines.append(f"{'build --bevaka, a rebuild':<28}  not measured: {exc}")
    hostile = make_hostile(scratch / "hostile")
    for label, args in (
        ("build, 5 MB lägesbild", ["build", "stor", "--out", str(scratch / "stor")]),
        ("validate, alias bomb", ["validate", "agreements/bomb"]),
        ("diff, 2 x 20,000 paragraphs", ["diff", "gammal", "ny"]),
    ):
        try:
            sample = repeated(Command([str(SAMVERKAN), *args], hostile, ok=(0, 1)), repeat)
        except RunFailed as exc:
            lines.append(f"{label:<28}  not measured: {' '.join(str(exc).split())[:200]}")
            continue
        lines.append(f"{label:<28}{sample.seconds:>10.2f}{'':>14}{sample.peak_mib:>10.0f}")
    return lines


def watch_rebuilds(repo: Path, repeat: int) -> tuple[float, float]:
    """`build --bevaka` on a copy of rinkeby-kista-2017, changed `repeat` times: the median
    time of a rebuild as the command reports it, and from the save until the command says it
    is done (which adds the polling pause and the wait for the save to settle)."""
    name = next((repo / "agreements").iterdir()).name
    source = repo / "agreements" / name / "overenskommelse.yaml"
    watcher = subprocess.Popen(
        [str(SAMVERKAN), "--lang", "sv", "build", name, "--bevaka"],
        cwd=repo,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert watcher.stdout is not None
    built, waited = [], []
    stuck = threading.Timer(60 + 10 * repeat, watcher.kill)  # a rebuild that never ends
    stuck.start()
    try:
        _read_until(watcher.stdout, "bevakar ")
        time.sleep(0.5)  # it says so before its first scan: a change before that is not one
        for change in range(repeat):
            saved = time.perf_counter()
            with source.open("a", encoding="utf-8") as file:
                file.write(f"# ändring {change}\n")
            line = _read_until(watcher.stdout, " klart på ")
            waited.append(time.perf_counter() - saved)
            built.append(float(line.rsplit(" klart på ", 1)[1].split()[0].replace(",", ".")))
    finally:
        stuck.cancel()
        watcher.send_signal(signal.SIGINT)
        watcher.wait(timeout=30)
    return statistics.median(built), statistics.median(waited)


def _read_until(stream: IO[str], marker: str) -> str:
    for line in stream:
        if marker in line:
            return line
    raise RunFailed(f"build --bevaka ended before printing {marker.strip()!r}")
