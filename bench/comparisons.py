"""The rows of issue 20's table: each compares a samverkan command with the tool a user
would otherwise run for that job, on the same input, in paired runs on one machine.

pandoc converts the Markdown that samverkan itself built (the organisation chart found
through `--resource-path`); check-jsonschema checks the agreements' overenskommelse.yaml
against the same JSON Schema that samverkan exports, and nothing else (no bilagor, no rules).
A missing tool makes its rows "not measured", not a failure: `make bench` installs both.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from bench.measure import SAMVERKAN, Command, RunFailed, measure, paired
from bench.repositories import MARKDOWN, NAME, ROOT, agreement_names, make_repository
from bench.table import Paired, Row

FLOOR_IMPORTS = "import click, yaml, pydantic, jinja2, docx, markdown_it, PIL.Image"
"""The prescribed stack, imported as a build imports it (Pillow: its Image module)."""

CORES = os.cpu_count() or 1


def pandoc_command(pandoc: str, markdown: Path, target: Path) -> Command:
    """pandoc converting `markdown` to DOCX, run from elsewhere, so that it finds the chart
    only through --resource-path (as a user pointing it at an output folder would)."""
    folder = markdown.parent
    args = [pandoc, str(markdown), "--resource-path", str(folder), "-o", str(target)]
    return Command(args, target.parent)


class Table:
    """Measures the rows; each is "not measured: why" when its tool is missing or fails."""

    def __init__(
        self, pandoc: str | None, checker: str | None, scratch: Path, pairs: int, batch: int
    ) -> None:
        self.pandoc, self.checker = pandoc, checker
        self.scratch, self.pairs, self.batch_pairs = scratch, pairs, batch
        self.one_shot: Paired | None = None
        """Row 2's times: the shares of a one-shot build are shares of its median."""
        self.out = scratch / "one-shot"
        self.build = Command([str(SAMVERKAN), "build", NAME, "--out", str(self.out)], ROOT)

    def rows(self, alla_copies: int, validate_copies: int) -> list[Row]:
        markdown = self.out / MARKDOWN
        no_pandoc = None if self.pandoc else "pandoc is not installed (make bench)"
        try:
            measure(self.build)  # the Markdown pandoc converts
        except RunFailed as exc:
            no_pandoc = no_pandoc or str(exc)
        no_checker = None if self.checker else "check-jsonschema is not installed (make bench)"
        floor = Command([sys.executable, "-c", FLOOR_IMPORTS], ROOT)
        click = Command([sys.executable, "-c", "import click"], ROOT)
        memory: list[Paired] = []
        rows = [
            _row(
                "importing click, PyYAML, pydantic, Jinja, python-docx, markdown-it, Pillow "
                "(the floor) vs pandoc on the same Markdown",
                (None, "—"),
                no_pandoc,
                lambda: self._time(floor, self._pandoc(markdown)),
            ),
            _row(
                f"one-shot `build {NAME}` vs pandoc on its own Markdown "
                "(`--resource-path` to the chart)",
                (1.2, "≤ 1.2×"),
                no_pandoc,
                lambda: self._one_shot(markdown, memory),
            ),
            _row(
                f"`build --alla` over {alla_copies} copies vs pandoc over the {alla_copies} "
                f"Markdown files, both on all cores (`xargs -P {CORES}`)",
                (0.5, "≤ 0.5×"),
                no_pandoc,
                lambda: self._alla(alla_copies),
            ),
            _row(
                f"`validate` over {validate_copies} copies vs `check-jsonschema` on their "
                "`overenskommelse.yaml` alone",
                (0.5, "≤ 0.5×"),
                no_checker,
                lambda: self._validate(validate_copies),
            ),
            _row(
                "`samverkan --help` vs `python -c 'import click'`",
                (1.3, "≤ 1.3×"),
                None,
                lambda: self._time(Command([str(SAMVERKAN), "--help"], ROOT), click),
            ),
        ]
        memory_row = Row(
            "peak memory of a one-shot build vs pandoc", 1.0, "below", unit="MiB", below=True
        )
        if memory:
            rows.append(replace(memory_row, paired=memory[0]))
        else:
            why = rows[1].not_measured or "pandoc is not installed (make bench)"
            rows.append(replace(memory_row, not_measured=why))
        return rows

    def _time(self, ours: Command, theirs: Command, pairs: int | None = None) -> Paired:
        return paired(ours, theirs, pairs or self.pairs)[0]

    def _pandoc(self, markdown: Path) -> Command:
        assert self.pandoc is not None
        return pandoc_command(self.pandoc, markdown, self.scratch / "pandoc.docx")

    def _one_shot(self, markdown: Path, memory: list[Paired]) -> Paired:
        times, peaks = paired(self.build, self._pandoc(markdown), self.pairs)
        self.one_shot = times
        memory.append(peaks)
        return times

    def _alla(self, copies: int) -> Paired:
        assert self.pandoc is not None
        repo = make_repository(copies, self.scratch / "alla")
        ours = Command([str(SAMVERKAN), "build", "--alla"], repo)
        measure(ours)  # the Markdown files pandoc converts: out/<name>/ in the repository
        (self.scratch / "alla-pandoc").mkdir()
        names = "\n".join(agreement_names(repo)) + "\n"
        xargs = ["xargs", "-d", "\\n", "-P", str(CORES), "-I", "{}", self.pandoc]
        xargs += ["{}/" + MARKDOWN, "--resource-path", "{}", "-o", "../../alla-pandoc/{}.docx"]
        theirs = Command(xargs, repo / "out", stdin=names)
        return self._time(ours, theirs, self.batch_pairs)

    def _validate(self, copies: int) -> Paired:
        assert self.checker is not None
        repo = make_repository(copies, self.scratch / "validate")
        ours = Command([str(SAMVERKAN), "validate"], repo, ok=(0, 1))
        schema = ROOT / "schemas" / "overenskommelse.schema.json"
        files = [f"agreements/{name}/overenskommelse.yaml" for name in agreement_names(repo)]
        theirs = Command([self.checker, "--schemafile", str(schema), *files], repo, ok=(0, 1))
        return self._time(ours, theirs, self.batch_pairs)


def _row(
    measure_text: str,
    target: tuple[float | None, str],
    missing: str | None,
    run: Callable[[], Paired],
) -> Row:
    """The row measured by `run`, or "not measured" with why (`missing`, or the failure)."""
    limit, target_text = target
    if missing:
        return Row(measure_text, limit, target_text, not_measured=_one_line(missing))
    try:
        return Row(measure_text, limit, target_text, paired=run())
    except (RunFailed, OSError) as exc:
        return Row(measure_text, limit, target_text, not_measured=_one_line(str(exc)))


def _one_line(text: str) -> str:
    """`text` fit for a table cell: one line, at most 300 characters."""
    return " ".join(text.split())[:300]
