"""Where a one-shot build's time goes: Python's start, imports, the models' validators, the
checks, rendering and writing, each measured in a new process.

The imports are those of a real one-shot build: `python -X importtime` lists every module
that `samverkan build` loads (also those it imports lazily, mid-build), and the measuring
process imports them all first, timed, so that the stages after it import nothing. The
validators are built on first use (pydantic's `defer_build`), so their share is the first
check minus a second check of the same folder, with every `functools` cache of the package
emptied between the two (the second check redoes all the work but building validators; what
else is done once, on first use, such as compiling regular expressions, counts there too). The
rest of the whole process (the command line, its messages, exiting) is what none of these
accounts for.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

from bench.measure import Command, RunFailed, repeated
from bench.repositories import NAME, ROOT, SOURCE

_IMPORT_LINE = "import time:"

# Run in a new process: argv = agreement folder, repository, module list file, output folder.
STAGE_SCRIPT = """
import importlib, json, sys, time
from pathlib import Path
clock = time.perf_counter
folder, root, modules, out = (Path(a) for a in sys.argv[1:5])
try:  # as the command line starts (if it still does)
    from samverkan_cli.core.collector import defer_collection
    defer_collection()
except ImportError:
    pass
start = clock()
for name in modules.read_text().split():
    try:
        importlib.import_module(name)
    except Exception:
        pass
imported = clock()
from samverkan_cli.check.folder import check_folder
from samverkan_cli.core.atomic import write_files_atomically
from samverkan_cli.render.agreement_document import agreement_document, output_stem
from samverkan_cli.writers import write_docx, write_markdown
ready = clock()
check_folder(folder)
first = clock()
for name, module in list(sys.modules.items()):
    if name.startswith("samverkan_cli"):
        for value in list(vars(module).values()):
            if getattr(value, "__module__", None) == name and hasattr(value, "cache_clear"):
                value.cache_clear()
cleared = clock()
loaded, problems = check_folder(folder)
checked = clock()
document = agreement_document(loaded, root)
rendered = clock()
stem = output_stem(loaded.agreement)
files = {out / f"{stem}.md": write_markdown(document).encode("utf-8")}
files[out / f"{stem}.docx"] = write_docx(document)
files.update((out / asset, data) for asset, data in document.assets)
serialised = clock()
write_files_atomically(files)
written = clock()
second = checked - cleared
print(json.dumps([
    ["imports (every module a build loads)", imported - start + ready - imported],
    ["validators built, other first use (first check minus second)", first - ready - second],
    ["checks (read YAML, validate, rules)", second],
    ["rendering (templates, chart, Markdown parsed)", rendered - checked],
    ["writing: Markdown and DOCX made", serialised - rendered],
    ["writing: files written and synced", written - serialised],
]))
"""


def build_modules(scratch: Path) -> list[str]:
    """Every module a one-shot `build` imports, in the order it imports them."""
    out = str(scratch / "importtime")
    args = [sys.executable, "-X", "importtime", "-m", "samverkan_cli", "build", NAME, "--out", out]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RunFailed(f"build with -X importtime exited {done.returncode}: {_tail(done.stderr)}")
    return modules_from_importtime(done.stderr)


def _tail(stderr: str) -> str:
    """The end of a failed run's standard error, without -X importtime's lines."""
    lines = [line for line in stderr.splitlines() if not line.startswith(_IMPORT_LINE)]
    return " ".join(" ".join(lines).split())[-300:]


def modules_from_importtime(stderr: str) -> list[str]:
    """The module names of `python -X importtime`'s report, each once, in its order."""
    names: dict[str, None] = {}
    for line in stderr.splitlines():
        if line.startswith(_IMPORT_LINE) and not line.rstrip().endswith("imported package"):
            names[line.rsplit("|", 1)[1].strip()] = None
    return list(names)


def stage_seconds(repeat: int, scratch: Path) -> list[tuple[str, float]]:
    """Python's start and the median seconds of each stage over `repeat` new processes."""
    modules = scratch / "modules.txt"
    modules.write_text("\n".join(build_modules(scratch)) + "\n", encoding="utf-8")
    runs: list[list[tuple[str, float]]] = []
    for index in range(repeat):
        out = scratch / f"stages-{index}"
        out.mkdir()
        args = [sys.executable, "-c", STAGE_SCRIPT, str(SOURCE), str(ROOT), str(modules), str(out)]
        done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RunFailed(f"the stages exited {done.returncode}: {_tail(done.stderr)}")
        runs.append([(name, float(seconds)) for name, seconds in json.loads(done.stdout)])
    start = repeated(Command([sys.executable, "-c", "pass"], ROOT), repeat).seconds
    medians = [
        (column[0][0], statistics.median(seconds for _, seconds in column))
        for column in zip(*runs, strict=True)
    ]
    return [("Python's start (`python -c pass`)", start), *medians]
