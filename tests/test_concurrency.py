"""Two builds into the same output folder at the same time: both succeed, and the folder holds
one complete result (every file whole, no temporary file left), whether it existed before
or not."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from tests.conftest import JARVA

SAMVERKAN = Path(sys.executable).parent / "samverkan"
GOLDEN = Path(__file__).parent / "golden" / "järva.md"
STEM = "lokal-samverkansoverenskommelse-jarva"
OUTPUT = sorted(
    [
        f"{STEM}.md",
        f"{STEM}.docx",
        f"{STEM}-organisation.png",
        f"{STEM}-organisation.svg",
        f"{STEM}-tjansteutlatande.md",
        f"{STEM}-tjansteutlatande.docx",
    ]
)
ROUNDS = 3


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(JARVA, root / "agreements" / "järva")
    return root


def build_command(out: Path) -> list[str]:
    return [str(SAMVERKAN), "build", "järva", "--out", str(out)]


def environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "SAMVERKAN_LANG"} | {"SAMVERKAN_LANG": "sv"}


def test_two_builds_into_the_same_folder_at_once(repo: Path, tmp_path: Path) -> None:
    reference = tmp_path / "referens"
    subprocess.run(build_command(reference), cwd=repo, env=environment(), check=True)
    expected = {name: (reference / name).read_bytes() for name in OUTPUT}
    assert sorted(expected) == sorted(p.name for p in reference.iterdir())
    out = tmp_path / "samma"
    for round_ in range(ROUNDS):
        if round_ == 1:
            shutil.rmtree(out)  # once into a folder that neither has made yet
        processes = [
            subprocess.Popen(
                build_command(out),
                cwd=repo,
                env=environment(),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        for process in processes:
            stdout, stderr = process.communicate(timeout=120)
            assert process.returncode == 0, stderr
            assert "Traceback" not in stdout + stderr
        assert sorted(p.name for p in out.iterdir()) == OUTPUT, "no temporary file is left"
        assert {name: (out / name).read_bytes() for name in OUTPUT} == expected
    assert (out / f"{STEM}.md").read_text(encoding="utf-8") == GOLDEN.read_text(encoding="utf-8")
    for name in OUTPUT:
        if name.endswith(".docx"):
            docx.Document(str(out / name))
