"""`kalender --out <new folder>`: with no earlier .ics there, SEQUENCE goes on from the one in
the default output folder (out/NAMN) instead of starting again at 0; one outside the
repository (an `out` link elsewhere) is not read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import icalendar
import pytest
from click.testing import CliRunner, Result

from samverkan_cli.cli.main import cli

STEM = "lokal-samverkansoverenskommelse-jarva"
STYRGRUPP = "styrgrupp-2025@jarva.samverkan"


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["kalender", "järva", "--år", "2025", *args])


def _sequences(path: Path) -> dict[str, int]:
    events: list[Any] = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    return {str(e["UID"]): int(e["SEQUENCE"]) for e in events if "RECURRENCE-ID" not in e}


def _change_styrgrupp(repo: Path) -> None:
    path = repo / "agreements" / "järva" / "overenskommelse.yaml"
    text = path.read_text(encoding="utf-8")
    old = "frekvens: {minst: 2, per: år}"
    assert text.count(old) == 1
    path.write_text(text.replace(old, "frekvens: {minst: 3, per: år}"), encoding="utf-8")


@pytest.fixture
def epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1750000000")


def test_a_new_out_folder_goes_on_from_the_default_folder(
    in_repo: Path, tmp_path: Path, epoch: None
) -> None:
    assert _run().exit_code == 0
    default = in_repo / "out" / "järva" / f"{STEM}-2025.ics"
    assert _sequences(default)[STYRGRUPP] == 0
    _change_styrgrupp(in_repo)
    result = _run("--out", str(tmp_path / "ny"))
    assert result.exit_code == 0, result.output
    written = tmp_path / "ny" / f"{STEM}-2025.ics"
    sequences = _sequences(written)
    assert sequences[STYRGRUPP] == 1  # changed since out/järva: one more, not 0
    assert {uid: s for uid, s in sequences.items() if uid != STYRGRUPP} == {
        uid: 0 for uid in sequences if uid != STYRGRUPP
    }
    assert "SEQUENCE räknas vidare från" in result.output
    assert default.read_bytes() != written.read_bytes()  # the default file is left as it was
    # The new folder now has its own file, which is read from now on.
    _run("--out", str(tmp_path / "ny"))
    assert _sequences(written)[STYRGRUPP] == 1


def test_an_out_link_leading_outside_the_repository_is_not_read(
    in_repo: Path, tmp_path: Path, epoch: None
) -> None:
    elsewhere = tmp_path / "elsewhere"
    assert _run("--out", str(elsewhere / "järva")).exit_code == 0
    (in_repo / "out").symlink_to(elsewhere, target_is_directory=True)
    _change_styrgrupp(in_repo)
    result = _run("--out", str(tmp_path / "ny"))
    assert result.exit_code == 0, result.output
    assert _sequences(tmp_path / "ny" / f"{STEM}-2025.ics")[STYRGRUPP] == 0
    assert "räknas vidare" not in result.output
