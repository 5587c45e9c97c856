"""`build --utkast`: placeholders block a real build; a draft says UTKAST everywhere.

Every kind of placeholder (SV135: «…», FYLL I, a `# FYLL I` comment, 000000-0000), in the
agreement, a bilaga or the tjänsteutlåtande, makes `build` fail with a message naming
`--utkast`, and nothing is written. With `--utkast` the build succeeds, every file's name
ends in -utkast, the Markdown starts with UTKAST and every DOCX page header says UTKAST.
"""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from samverkan_cli.build.drafting import DRAFT_SUFFIX
from samverkan_cli.cli.main import cli
from samverkan_cli.model.output_capacity import MAX_STEM_BYTES
from tests.agreement_copy import AgreementCopy
from tests.conftest import JARVA

TEMPORARY_NAME_EXTRA = len(".") + len(".0123456789ab.old")
"""What the atomic writer adds to a file's name while it writes (see document_limits)."""


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "repo"
    shutil.copytree(JARVA, root / "agreements" / "järva")
    old = Path.cwd()
    os.chdir(root)
    try:
        yield root
    finally:
        os.chdir(old)


def _docx_part(path: Path, prefix: str) -> str:
    with zipfile.ZipFile(path) as docx:
        names = [n for n in docx.namelist() if n.startswith(prefix) and n.endswith(".xml")]
        return "".join(re.sub(r"<[^>]+>", "", docx.read(n).decode("utf-8")) for n in names)


PLACEHOLDERS = [
    ("overenskommelse.yaml", "  rubrik: Bakgrund\n", "  rubrik: «Rubrik»\n"),
    ("overenskommelse.yaml", "  rubrik: Bakgrund\n", "  rubrik: Bakgrund FYLL I\n"),
    (
        "overenskommelse.yaml",
        "organisationsnummer: 212000-0142",
        "organisationsnummer: 212000-0142  # FYLL I: organisationsnummer",
    ),
    (
        "overenskommelse.yaml",
        "organisationsnummer: 212000-0142",
        "organisationsnummer: 000000-0000",
    ),
    ("bilagor/lagesbild.yaml", "titel: Gemensam lokal lägesbild", "titel: «Titel»"),
    ("tjansteutlatande.yaml", "datum: 2024-06-01", "datum: 2024-06-01  # FYLL I: datum"),
]


@pytest.mark.parametrize(("file", "old", "new"), PLACEHOLDERS)
def test_a_placeholder_anywhere_blocks_the_build(repo: Path, file: str, old: str, new: str) -> None:
    AgreementCopy(repo / "agreements" / "järva").edit(old, new, file)
    result = run("build", "järva")
    assert result.exit_code == 1, result.output
    assert "samverkan build järva --utkast" in result.output
    assert "SV135 fel" in result.output
    assert not (repo / "out").exists()
    drafted = run("build", "järva", "--utkast")
    assert drafted.exit_code == 0, drafted.output
    written = sorted(p.name for p in (repo / "out" / "järva").iterdir())
    assert written and all(Path(name).stem.endswith(DRAFT_SUFFIX) for name in written)


def test_without_placeholders_the_build_is_not_a_draft(repo: Path) -> None:
    assert run("build", "järva").exit_code == 0
    assert not any("utkast" in p.name for p in (repo / "out" / "järva").iterdir())


def test_a_draft_says_utkast_on_every_page(repo: Path) -> None:
    assert run("init", "kista").exit_code == 0
    refused = run("build", "kista")
    assert refused.exit_code == 1
    assert "--utkast" in refused.output
    result = run("build", "kista", "--utkast", "--publik")
    assert result.exit_code == 0, result.output
    out = repo / "out" / "kista"
    names = sorted(p.name for p in out.iterdir())
    stem = "lokal-samverkansoverenskommelse-kista"
    assert f"{stem}-utkast.md" in names
    assert f"{stem}-utkast.docx" in names
    assert f"{stem}-publik-utkast.md" in names
    assert f"{stem}-publik-utkast.docx" in names
    assert all(Path(name).stem.endswith(DRAFT_SUFFIX) for name in names)
    for markdown in out.glob("*.md"):
        first = markdown.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("**UTKAST**"), markdown
        for picture in re.findall(r"\]\(([^)\s]+)", markdown.read_text(encoding="utf-8")):
            assert (out / picture).is_file()
    for docx in out.glob("*.docx"):
        assert _docx_part(docx, "word/header").strip().startswith("UTKAST"), docx
        assert "UTKAST" in _docx_part(docx, "word/document")


def test_the_longest_draft_name_fits_a_file_system() -> None:
    longest = "-tjansteutlatande-publik" + DRAFT_SUFFIX + ".docx"
    assert MAX_STEM_BYTES + len(longest) + TEMPORARY_NAME_EXTRA <= 255


def test_a_draft_with_the_longest_name_is_built(repo: Path) -> None:
    copy = AgreementCopy(repo / "agreements" / "järva")
    text = copy.text()
    name = text.split("filnamn: ", 1)[1].split("\n", 1)[0]
    copy.edit(f"filnamn: {name}\n", f"filnamn: {'a' * MAX_STEM_BYTES}\n")
    copy.edit("  rubrik: Bakgrund\n", "  rubrik: «Rubrik»\n")
    built = run("build", "järva", "--utkast", "--publik", "--out", str(repo / "ut"))
    assert built.exit_code == 0, built.output
    longest = f"{'a' * MAX_STEM_BYTES}-tjansteutlatande-publik{DRAFT_SUFFIX}.docx"
    assert (repo / "ut" / longest).is_file()
