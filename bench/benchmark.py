"""Benchmark: prints figures, asserts nothing (performance is measured, not tested).

    make bench                      # installs pandoc and check-jsonschema, then runs this
    .venv/bin/python bench/benchmark.py [--pairs 9] [--batch-pairs 5] [--sizes 1,10,100,1000]
    .venv/bin/python bench/benchmark.py --pairs 3 --batch-pairs 1 --sizes ""   # a quick look

First the table of issue 20: each samverkan command against the tool a user would run for the
same job (bench/comparisons.py), in pairs of runs back to back, alternating which goes
first; a row shows the median of the pairs' ratios and the median time of each side. Then
where a one-shot build's time goes (bench/stages.py). Then the earlier figures
(bench/other_figures.py): `validate` over synthetic repositories of each size in --sizes
(copies of agreements/rinkeby-kista-2017, the largest example, with all seven bilagor), a
rebuild under `build --bevaka`, and the hostile inputs of issue 14.

Every command runs as a user runs it, in a new process, after one unmeasured run (the file
cache and the user's cache folder are warm, as on every run but a machine's first). The
package's bytecode is compiled first, as an installation or a first run leaves it.
The modules import each other as `bench.…`: the project's editable install (`make install`)
puts the repository on the venv's path.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from bench.comparisons import Table
from bench.measure import SAMVERKAN, Command, check_jsonschema, pandoc, repeated, version
from bench.other_figures import single_figures, validate_scaling
from bench.repositories import NAME, ROOT
from bench.stages import stage_seconds
from bench.table import comparison_table, share_table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=9, help="pairs of runs for a one-shot row")
    parser.add_argument(
        "--batch-pairs", type=int, default=5, help="pairs of runs for --alla and validate"
    )
    parser.add_argument("--alla-copies", type=int, default=40)
    parser.add_argument("--validate-copies", type=int, default=300)
    parser.add_argument(
        "--sizes", default="1,10,100,1000", help='validate scaling; "" leaves it out'
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each earlier figure")
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",") if s.strip()]
    compileall.compile_dir(ROOT / "samverkan_cli", quiet=1)
    tools = pandoc(), check_jsonschema()
    began = time.perf_counter()
    print(f"samverkan benchmark: {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"  {' '.join(['bench/benchmark.py', *sys.argv[1:]])}")
    for name, tool in zip(("pandoc", "check-jsonschema"), tools, strict=True):
        print(f"  {name}: {version(tool) if tool else 'not installed (make bench installs it)'}")
    with tempfile.TemporaryDirectory(prefix="samverkan-bench-") as name:
        scratch = Path(name)
        table = Table(*tools, scratch, options.pairs, options.batch_pairs)
        rows = table.rows(options.alla_copies, options.validate_copies)
        print()
        print(f"Paired runs: {options.pairs} a pair for one-shot rows, "
              f"{options.batch_pairs} for batches; medians.")  # fmt: skip
        print()
        print("\n".join(comparison_table(rows)))
        print()
        total = table.one_shot.ours if table.one_shot else None
        _print_shares(total, options.repeat, scratch)
        if sizes:
            print()
            print("\n".join(validate_scaling(sizes, options.repeat, scratch)))
        print()
        print("\n".join(single_figures(options.repeat, scratch)))
    print()
    print(f"({time.perf_counter() - began:.0f} s)")


def _print_shares(total: float | None, repeat: int, scratch: Path) -> None:
    try:
        parts = stage_seconds(repeat, scratch)
        if total is None:  # row 2 not measured: the build alone
            build = [str(SAMVERKAN), "build", NAME, "--out", str(scratch / "alone")]
            total = repeated(Command(build, ROOT), repeat).seconds
    except Exception as exc:  # the stages call the package's own functions, which change
        print(f"Shares of a one-shot build: not measured: {type(exc).__name__}: {exc}")
        return
    print("\n".join(share_table(total, parts)))


if __name__ == "__main__":
    main()
