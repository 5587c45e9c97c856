"""`samverkan init --mall`: a valid start for each shape, with only placeholders to fill in."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from samverkan_cli.checking import check_folder
from samverkan_cli.cli import cli
from samverkan_cli.problems import Severity


@pytest.mark.parametrize("mall", ["stadsdel", "kommun", "flera-kommuner", "medborgarlöfte"])
def test_each_mall_gives_a_valid_start(in_repo: Path, mall: str) -> None:
    result = CliRunner().invoke(cli, ["init", "ny", "--mall", mall])
    assert result.exit_code == 0, result.output
    _, problems = check_folder(in_repo / "agreements" / "ny")
    assert not [p for p in problems if p.severity is Severity.ERROR]
    warnings = {p.rule for p in problems if p.severity is Severity.WARNING}
    assert warnings == {"SV135"}


def test_the_kommun_mall_has_the_national_shape(in_repo: Path) -> None:
    CliRunner().invoke(cli, ["init", "ny", "--mall", "flera-kommuner"])
    text = (in_repo / "agreements" / "ny" / "overenskommelse.yaml").read_text(encoding="utf-8")
    assert "bra-samverkan" in text
    assert (in_repo / "agreements" / "ny" / "bilagor" / "aktivitetsmatris.yaml").is_file()


def test_mall_and_fran_together_or_unknown_mall_are_refused(in_repo: Path) -> None:
    both = CliRunner().invoke(cli, ["init", "ny", "--mall", "kommun", "--från", "järva"])
    assert both.exit_code == 2
    unknown = CliRunner().invoke(cli, ["init", "ny", "--mall", "landsting"])
    assert unknown.exit_code == 2
    assert not (in_repo / "agreements" / "ny").exists()
