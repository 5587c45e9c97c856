"""Benchmark: prints figures, asserts nothing (performance is measured, not tested).

    .venv/bin/python bench/benchmark.py [--sizes 1,10,100,300,1000] [--repeat 3]

For each size it makes a synthetic repository of that many agreements, copies of
agreements/rinkeby-kista-2017 (the largest example, with all seven bilagor), and measures
`samverkan validate` as a user runs it (a new process: wall time, peak memory). Then
`samverkan build rinkeby-kista-2017` (Markdown + DOCX), pandoc converting the same Markdown to
DOCX when pandoc is installed, `samverkan --help`, a rebuild in `build --bevaka` after a
change; and where the build's time goes, stage by stage in one process. Last, the hostile
inputs of issue 14: `build` of a lägesbild at the 5 MB file limit, `validate` of an 85 kB
alias bomb (refused, SV017) and `diff` of two agreements of 20,000 paragraphs each.

The package's bytecode is compiled first, as an installation or a first run leaves it
(with PYTHONDONTWRITEBYTECODE set, every run would otherwise compile the package anew).
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "agreements" / "rinkeby-kista-2017"
SAMVERKAN = Path(sys.executable).parent / "samverkan"


# Runs one command and prints the peak resident size (kB) of it and the processes it waited
# for, so that each measurement has a peak of its own.
_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)


def run(args: list[str], cwd: Path, repeat: int) -> tuple[float, float]:
    """Median wall seconds and peak resident MB of `args` run `repeat` times."""
    times, peaks = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _MEASURE, *args], cwd=cwd, capture_output=True, text=True
        )
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
        peaks.append(int(done.stdout.strip().splitlines()[-1]) / 1024)
    return statistics.median(times), max(peaks)


def make_repository(size: int, folder: Path) -> Path:
    agreements = folder / "agreements"
    agreements.mkdir(parents=True)
    for index in range(size):
        shutil.copytree(SOURCE, agreements / f"rinkeby-kista-{index:04d}")
    return folder


# The build's stages in one new process: what importing, checking, rendering and writing
# each cost (the same calls `samverkan build` makes, with the collector set as the command
# line sets it, without the CLI around them).
_STAGES = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "clock = time.perf_counter\n"
    "start = clock()\n"
    "from samverkan_cli.core.collector import defer_collection\n"
    "defer_collection()  # as the command line starts\n"
    "from samverkan_cli.check.folder import check_folder\n"
    "from samverkan_cli.render.agreement_document import agreement_document\n"
    "from samverkan_cli.writers import write_docx, write_markdown\n"
    "imported = clock()\n"
    "loaded, problems = check_folder(Path(sys.argv[1]))\n"
    "checked = clock()\n"
    "document = agreement_document(loaded, Path(sys.argv[2]))\n"
    "rendered = clock()\n"
    "write_markdown(document)\n"
    "markdown = clock()\n"
    "write_docx(document)\n"
    "docx = clock()\n"
    "print(imported - start, checked - imported, rendered - checked, markdown - rendered,"
    " docx - markdown)\n"
)
_STAGE_NAMES = (
    "imports",
    "check (read, validate, rules)",
    "render (template, chart, parse)",
    "write Markdown",
    "write DOCX",
)


def stages(repeat: int) -> list[float]:
    """Median seconds of each build stage over `repeat` new processes."""
    runs = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-c", _STAGES, str(SOURCE), str(ROOT)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append([float(x) for x in done.stdout.split()])
    return [statistics.median(column) for column in zip(*runs, strict=True)]


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
    try:
        _read_until(watcher.stdout, "bevakar ")
        for change in range(repeat):
            saved = time.perf_counter()
            with source.open("a", encoding="utf-8") as file:
                file.write(f"# ändring {change}\n")
            line = _read_until(watcher.stdout, " klart på ")
            waited.append(time.perf_counter() - saved)
            built.append(float(line.rsplit(" klart på ", 1)[1].split()[0].replace(",", ".")))
    finally:
        watcher.send_signal(signal.SIGINT)
        watcher.wait(timeout=30)
    return statistics.median(built), statistics.median(waited)


def _read_until(stream: IO[str], marker: str) -> str:
    for line in stream:
        if marker in line:
            return line
    sys.exit(f"build --bevaka ended before printing {marker.strip()!r}")


def make_hostile(folder: Path) -> Path:
    """A repository with the costly inputs of issue 14: `stor` (a lägesbild of prose just under
    5 MB), `bomb` (a 64 kB text used 999 times) and `gammal`/`ny` (20,000 paragraphs, the
    same one on one side, alternating with another on the other)."""
    agreements = folder / "agreements"
    shutil.copytree(SOURCE, agreements / "stor")
    lagesbild = agreements / "stor" / "bilagor" / "lagesbild.yaml"
    head = lagesbild.read_text(encoding="utf-8").split("text: |")[0] + "text: |\n"
    line = "  " + ("Samverkan mellan polisen och kommunen ger trygghet i området. " * 2)[:78]
    paragraph = (line + "\n") * 6 + "\n"
    count = (5 * 1024 * 1024 - len(head.encode()) - 1000) // len(paragraph.encode())
    lagesbild.write_text(head + paragraph * count, encoding="utf-8")
    text = (SOURCE / "overenskommelse.yaml").read_text(encoding="utf-8")
    (agreements / "bomb").mkdir()
    bomb = "\nx-bomb: &bomb " + "x" * 65_536 + "\nx-used: [" + ", ".join(["*bomb"] * 999) + "]\n"
    (agreements / "bomb" / "overenskommelse.yaml").write_text(text + bomb, encoding="utf-8")
    for name, other in (("gammal", "Samma stycke."), ("ny", "Ett annat stycke.")):
        (agreements / name).mkdir()
        paragraphs = "".join(
            f"    - {other if name == 'ny' and i % 2 else 'Samma stycke.'}\n" for i in range(20_000)
        )
        start = "  rubrik: Bakgrund\n  text:\n"
        edited = text.replace(start, start + paragraphs, 1)
        assert edited != text
        (agreements / name / "overenskommelse.yaml").write_text(edited, encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100,300,1000")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]
    compileall.compile_dir(ROOT / "samverkan_cli", quiet=1)
    print(f"samverkan benchmark, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print()
    print(f"{'validate':<28}{'wall s':>10}{'ms/agreement':>14}{'peak MB':>10}")
    with tempfile.TemporaryDirectory() as scratch:
        for size in sizes:
            repo = make_repository(size, Path(scratch) / f"repo-{size}")
            wall, peak = run([str(SAMVERKAN), "validate"], repo, options.repeat)
            print(
                f"{f'{size} agreements':<28}{wall:>10.2f}{1000 * wall / size:>14.1f}{peak:>10.0f}"
            )
        print()
        out = Path(scratch) / "out"
        wall, peak = run(
            [str(SAMVERKAN), "build", "rinkeby-kista-2017", "--out", str(out)], ROOT, options.repeat
        )
        print(f"{'build rinkeby-kista-2017':<28}{wall:>10.2f}{'':>14}{peak:>10.0f}")
        pandoc = shutil.which("pandoc")
        markdown = out / "samverkansoverenskommelse-rinkeby-kista-2017.md"
        if pandoc:  # run beside the Markdown, so that pandoc finds and embeds the org chart
            target = str(Path(scratch) / "pandoc.docx")
            wall, peak = run([pandoc, markdown.name, "-o", target], out, options.repeat)
            print(f"{'pandoc, same Markdown':<28}{wall:>10.2f}{'':>14}{peak:>10.0f}")
        else:
            print(f"{'pandoc, same Markdown':<28}{'(pandoc is not installed)':>34}")
        built, waited = watch_rebuilds(make_repository(1, Path(scratch) / "watch"), options.repeat)
        print(f"{'build --bevaka, a rebuild':<28}{built:>10.2f}")
        print(f"{'  save to done (polling)':<28}{waited:>10.2f}")
        wall, peak = run([str(SAMVERKAN), "--help"], ROOT, options.repeat)
        print(f"{'samverkan --help':<28}{wall:>10.2f}{'':>14}{peak:>10.0f}")
        hostile = make_hostile(Path(scratch) / "hostile")
        for label, args in (
            ("build, 5 MB lägesbild", ["build", "stor", "--out", str(Path(scratch) / "stor")]),
            ("validate, alias bomb", ["validate", "agreements/bomb"]),
            ("diff, 2 x 20,000 paragraphs", ["diff", "gammal", "ny"]),
        ):
            wall, peak = run([str(SAMVERKAN), *args], hostile, options.repeat)
            print(f"{label:<28}{wall:>10.2f}{'':>14}{peak:>10.0f}")
    print()
    print(f"{'build stages, one process':<34}{'s':>8}")
    for name, seconds in zip(_STAGE_NAMES, stages(options.repeat), strict=True):
        print(f"{name:<34}{seconds:>8.3f}")


if __name__ == "__main__":
    main()
