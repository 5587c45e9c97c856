"""The benchmark's pure helpers (bench/table.py, bench/stages.py): paired medians, the
verdicts and the printed tables. Nothing here is timed: performance is measured by
bench/benchmark.py, never asserted by a test."""

from __future__ import annotations

import pytest

from bench.stages import STAGE_SCRIPT, modules_from_importtime
from bench.table import Paired, Row, comparison_table, ours_first, paired_median, share_table


def test_paired_median_is_the_median_of_the_ratios_not_the_ratio_of_medians() -> None:
    pairs = [(2.0, 1.0), (3.0, 1.0), (1.0, 4.0)]
    result = paired_median(pairs)
    assert result.ratio == 2.0  # ratios 2, 3, 0.25
    assert result.ours == 2.0
    assert result.theirs == 1.0
    assert result.ours / result.theirs == 2.0  # here equal; below they differ
    skewed = paired_median([(1.0, 1.0), (10.0, 20.0), (30.0, 10.0)])
    assert skewed.ratio == 1.0
    assert skewed.ours / skewed.theirs == 1.0
    assert paired_median([(1.0, 2.0), (3.0, 2.0)]).ratio == 1.0  # even: the mean of the two


def test_paired_median_refuses_nothing_to_compare() -> None:
    with pytest.raises(ValueError):
        paired_median([])
    with pytest.raises(ValueError):
        paired_median([(1.0, 0.0)])


def test_the_order_alternates() -> None:
    assert [ours_first(i) for i in range(4)] == [True, False, True, False]


def test_a_row_meets_its_target_at_the_limit_and_a_below_target_only_under_it() -> None:
    at = Paired(1.2, 0.6, 0.5)
    assert Row("m", 1.2, "≤ 1.2×", paired=at).met() == "yes"
    assert Row("m", 1.2, "≤ 1.2×", paired=Paired(1.21, 0.6, 0.5)).met() == "no"
    assert Row("m", 1.0, "below", paired=Paired(1.0, 9, 9), below=True).met() == "no"
    assert Row("m", 1.0, "below", paired=Paired(0.6, 66, 104), below=True).met() == "yes"
    assert Row("m", None, "—", paired=at).met() == "—"
    assert Row("m", 1.2, "≤ 1.2×", not_measured="pandoc is not installed").met() == "—"


def test_the_comparison_table_shows_ratio_medians_and_why_a_row_is_missing() -> None:
    rows = [
        Row("one-shot build", 1.2, "≤ 1.2×", paired=Paired(1.7, 0.41, 0.24)),
        Row("memory", 1.0, "below", paired=Paired(0.63, 66.4, 104.2), unit="MiB", below=True),
        Row("validate | check", 0.5, "≤ 0.5×", not_measured="check-jsonschema is missing"),
    ]
    lines = comparison_table(rows)
    assert lines[0] == "| measure | now (ours vs theirs, medians) | target | met |"
    assert lines[1] == "|---|---|---|---|"
    assert lines[2] == "| one-shot build | 1.70× (0.410 s vs 0.240 s) | ≤ 1.2× | no |"
    assert lines[3] == "| memory | 0.63× (66 MiB vs 104 MiB) | below | yes |"
    assert lines[4] == (
        "| validate \\| check | not measured: check-jsonschema is missing | ≤ 0.5× | — |"
    )


def test_the_share_table_adds_the_rest_and_the_whole() -> None:
    lines = share_table(0.5, [("imports", 0.2), ("checks", 0.05)])
    assert lines[2] == "| imports | 0.200 s | 40 % |"
    assert lines[3] == "| checks | 0.050 s | 10 % |"
    assert lines[4] == "| rest (command line, messages, exit, unaccounted) | 0.250 s | 50 % |"
    assert lines[5] == "| one-shot build, whole process | 0.500 s | 100 % |"


def test_the_modules_of_an_importtime_report_in_order_each_once() -> None:
    report = (
        "import time: self [us] | cumulative | imported package\n"
        "import time:       120 |        120 |   _io\n"
        "import time:        40 |         40 |     yaml.error\n"
        "import time:       900 |       1060 | yaml\n"
        "skrev out/x.md\n"
        "import time:        40 |         40 |     yaml.error\n"
    )
    assert modules_from_importtime(report) == ["_io", "yaml.error", "yaml"]


def test_the_stage_script_compiles() -> None:
    compile(STAGE_SCRIPT, "<stages>", "exec")
