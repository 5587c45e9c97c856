"""Build every example on two commits and compare the outputs byte by byte.

Why: a refactoring must not change what users get. This script checks out both commits as
git worktrees, runs the same commands with each commit's own code (build, build --publik,
kalender, diff, validate, status, regler, schema, init) and compares every written file and
every command's output and exit code.

Usage (from the repository root, after `make install`):

    .venv/bin/python scripts/compare_outputs.py                 # HEAD against the work tree
    .venv/bin/python scripts/compare_outputs.py --base main~3 --head main

Exit code 0 when everything is byte-identical, 1 when something differs (listed).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KALENDER_YEARS = ("2016", "2018", "2020", "2023", "2024", "2025", "2026")
TODAY = "2024-06-01"

# Runs one command in a child interpreter, with the commit's checkout first on sys.path and
# through the commit's own console entry point (which ends the process itself).
CHILD = r"""
import importlib, sys
from pathlib import Path
checkout, entry, *args = sys.argv[1:]
sys.path.insert(0, checkout)
import samverkan_cli
assert Path(samverkan_cli.__file__).resolve().is_relative_to(Path(checkout).resolve())
module, _, name = entry.partition(":")
sys.argv = ["samverkan", *args]
getattr(importlib.import_module(module), name)()
"""
OUTPUT = "out-jamforelse"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="HEAD", help="git ref (default HEAD)")
    parser.add_argument("--head", default=None, help="git ref (default: the work tree)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    options = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="samverkan-compare-"))
    try:
        outputs = []
        for side, ref in (("base", options.base), ("head", options.head)):
            checkout = _checkout(ref, scratch / f"{side}-tree")
            outputs.append(_run_side(checkout, scratch / side))
        differences = _compare(outputs[0], outputs[1])
        count = sum(1 for path in outputs[0].rglob("*") if path.is_file())
    finally:
        _remove_worktrees(scratch)
        if not options.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    for line in differences:
        print(line)
    print(f"{count} files compared: {'identical' if not differences else 'DIFFERENT'}")
    return 1 if differences else 0


def _checkout(ref: str | None, where: Path) -> Path:
    """A clean copy of `ref`, or of the work tree (tracked and untracked, not ignored)."""
    if ref is not None:
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(where), ref],
            check=True,
        )
        return where
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        check=True,
        capture_output=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            target = where / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return where


def _run_side(checkout: Path, out: Path) -> Path:
    """Run the plan with this checkout's code; every written file ends up under `out`."""
    out.mkdir(parents=True)
    entry = tomllib.loads((checkout / "pyproject.toml").read_text())["project"]["scripts"]
    environment = {**os.environ, "SAMVERKAN_LANG": "sv", "TZ": "UTC", "PYTHONHASHSEED": "0"}
    environment.pop("PYTHONPATH", None)
    environment.pop("GITHUB_ACTIONS", None)

    def one(step: tuple[str, list[str]]) -> None:
        label, args = step
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(checkout), entry["samverkan"], *args],
            cwd=checkout,
            env=environment,
            capture_output=True,
        )
        record = out / "stdout" / f"{label}.txt"
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_bytes(
            b"exit %d\n--- stdout\n%b--- stderr\n%b" % (done.returncode, done.stdout, done.stderr)
        )

    parallel, last = _plan(checkout)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(one, parallel))
    for step in last:  # these write into the checkout: after everything that reads it
        one(step)
    shutil.copytree(checkout / OUTPUT, out / "files")
    for folder in ("schemas", "agreements/ny-jamforelse"):
        if (checkout / folder).is_dir():
            shutil.copytree(checkout / folder, out / "tree" / folder)
    return out


def _plan(checkout: Path) -> tuple[list[tuple[str, list[str]]], list[tuple[str, list[str]]]]:
    """The same commands on both sides: every example, every kind of output. Output folders
    are relative, so that the paths in messages are the same on both sides."""
    examples = sorted(p.name for p in (checkout / "agreements").iterdir() if p.is_dir())
    plan: list[tuple[str, list[str]]] = []
    for name in examples:
        plan.append((f"build-{name}", ["build", name, "--out", f"{OUTPUT}/build/{name}"]))
        publik = ["build", name, "--publik", "--out", f"{OUTPUT}/publik/{name}"]
        plan.append((f"publik-{name}", publik))
        for year in KALENDER_YEARS:
            target = f"{OUTPUT}/kalender/{name}/{year}"
            plan.append(
                (f"kalender-{name}-år-{year}", ["kalender", name, "--år", year, "--out", target])
            )
    for form in ("text", "json"):
        plan.append((f"status-{form}", ["status", "--idag", TODAY, "--format", form]))
    for form in ("text", "json", "github", "sarif"):
        plan.append((f"validate-{form}", ["validate", "--idag", TODAY, "--format", form]))
    plan.append(("diff-jarva", ["diff", "järva-2023", "järva"]))
    plan.append(("regler", ["regler"]))
    plan.append(("regler-en", ["--lang", "en", "regler"]))
    plan.append(("help", ["--help"]))
    last = [
        ("schema", ["schema"]),
        ("init", ["init", "ny-jamforelse", "--mall", "kommun"]),
    ]
    return plan, last


def _compare(base: Path, head: Path) -> list[str]:
    """Every file that is missing on one side or differs in its bytes."""
    differences = []
    base_files = {p.relative_to(base) for p in base.rglob("*") if p.is_file()}
    head_files = {p.relative_to(head) for p in head.rglob("*") if p.is_file()}
    for name in sorted(base_files ^ head_files):
        differences.append(f"only in {'base' if name in base_files else 'head'}: {name}")
    for name in sorted(base_files & head_files):
        if not filecmp.cmp(base / name, head / name, shallow=False):
            differences.append(f"differs: {name}")
    return differences


def _remove_worktrees(scratch: Path) -> None:
    for side in ("base-tree", "head-tree"):
        where = scratch / side
        if (where / ".git").is_file():
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(where)],
                check=False,
            )


if __name__ == "__main__":
    sys.exit(main())
