"""`samverkan mallar exportera` writes the shipped templates and reference document into the
repository's templates/, where the next build uses them (an edit shows in the output); it
never overwrites without --skriv-över, writes nothing outside the repository, and
`mallar lista` tells the repository's own templates from the shipped ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from samverkan_cli.build.template_export import shipped_files
from samverkan_cli.cli.main import cli, use_language
from tests.conftest import JARVA, REPO_ROOT

MD = "lokal-samverkansoverenskommelse-jarva.md"
MARK = "Kommunens egen rad från den exporterade mallen."


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with one agreement and no templates of its own, as the working folder."""
    root = tmp_path / "repo"
    shutil.copytree(JARVA, root / "agreements" / "järva")
    monkeypatch.chdir(root)
    return root


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output and "internt fel" not in result.output
    return result


def test_the_export_holds_every_shipped_template_and_the_reference(repo: Path) -> None:
    result = run("mallar", "exportera")
    assert result.exit_code == 0, result.output
    shipped = REPO_ROOT / "templates"
    expected = sorted(
        p.relative_to(shipped).as_posix()
        for p in shipped.rglob("*")
        if p.is_file() and (p.suffix == ".j2" or p.name == "reference.docx")
    )
    written = sorted(
        p.relative_to(repo / "templates").as_posix()
        for p in (repo / "templates").rglob("*")
        if p.is_file()
    )
    assert written == expected
    assert "reference.docx" in written and "avsnitt/syfte.md.j2" in written
    for name in written:
        assert (repo / "templates" / name).read_bytes() == (shipped / name).read_bytes()
        assert f"skrev templates/{name}" in result.output
    assert f"{len(written)} filer exporterades till templates/." in result.output
    assert "samverkan build använder nu mallarna i templates/" in result.output
    assert not list((repo / "templates").rglob(".*")), "no temporary, lock or journal is left"


def test_the_build_uses_the_exported_templates(repo: Path) -> None:
    assert run("mallar", "exportera").exit_code == 0
    unchanged = run("build", "järva", "--out", "ut")
    assert unchanged.exit_code == 0, unchanged.output
    golden = (REPO_ROOT / "tests" / "golden" / "järva.md").read_text(encoding="utf-8")
    assert (repo / "ut" / MD).read_text(encoding="utf-8") == golden
    template = repo / "templates" / "overenskommelse.md.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("# {{ a.title }}\n", f"# {{{{ a.title }}}}\n\n{MARK}\n"))
    changed = run("build", "järva", "--out", "ut")
    assert changed.exit_code == 0, changed.output
    assert MARK in (repo / "ut" / MD).read_text(encoding="utf-8")


def test_existing_files_are_kept_unless_asked(repo: Path) -> None:
    assert run("mallar", "exportera", "--bara", "avsnitt/syfte.md.j2").exit_code == 0
    own = repo / "templates" / "avsnitt" / "syfte.md.j2"
    own.write_text("kommunens egen version\n", encoding="utf-8")
    refused = run("mallar", "exportera")
    assert refused.exit_code == 2
    assert "finns redan (templates/avsnitt/syfte.md.j2)" in refused.output
    assert "--skriv-över" in refused.output and "inget skrevs" in refused.output
    assert own.read_text(encoding="utf-8") == "kommunens egen version\n"
    assert [p.name for p in (repo / "templates").rglob("*") if p.is_file()] == ["syfte.md.j2"]
    replaced = run("mallar", "exportera", "--skriv-över", "--bara", "avsnitt")
    assert replaced.exit_code == 0, replaced.output
    assert "fanns redan och ersattes" in replaced.output
    shipped = shipped_files()["avsnitt/syfte.md.j2"]
    assert own.read_bytes() == shipped.read_bytes()


@pytest.mark.parametrize("where", ["outside", "link", "absolute"])
def test_nothing_is_written_outside_the_repository(repo: Path, tmp_path: Path, where: str) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    if where == "link":
        (repo / "templates").symlink_to(elsewhere)
        result = run("mallar", "exportera")
        assert "är en länk som pekar utanför repositoriet; inget skrevs" in result.output
    else:
        target = "../elsewhere" if where == "outside" else str(elsewhere)
        result = run("mallar", "exportera", target)
        assert f"{target} ligger utanför repositoriet" in result.output
    assert result.exit_code == 2
    assert list(elsewhere.iterdir()) == []


def test_a_folder_of_its_own_says_how_to_use_it(repo: Path) -> None:
    result = run("mallar", "exportera", "original", "--bara", "reference.docx")
    assert result.exit_code == 0, result.output
    assert (repo / "original" / "reference.docx").is_file()
    assert "'referens: original/reference.docx' i samverkan.yaml" in result.output
    assert not (repo / "templates").exists()


def test_a_configured_reference_is_named_after_the_export(repo: Path) -> None:
    (repo / "profil").mkdir()
    shutil.copy(shipped_files()["reference.docx"], repo / "profil" / "kommun.docx")
    (repo / "samverkan.yaml").write_text("referens: profil/kommun.docx\n", encoding="utf-8")
    result = run("mallar", "exportera", "--bara", "reference.docx")
    assert "samverkan.yaml anger referens: profil/kommun.docx" in result.output
    listed = run("mallar", "lista")
    assert "Referensdokument: profil/kommun.docx (referens i samverkan.yaml)" in listed.output


def test_an_unknown_template_is_refused(repo: Path) -> None:
    result = run("mallar", "exportera", "--bara", "avsnitt/finns-inte.md.j2")
    assert result.exit_code == 2
    assert "ingen inbyggd mall 'avsnitt/finns-inte.md.j2'" in result.output
    assert not (repo / "templates").exists()


def test_the_list_tells_own_templates_from_shipped_ones(repo: Path) -> None:
    before = run("mallar", "lista")
    assert before.exit_code == 0
    assert "avsnitt/syfte.md.j2" in before.output and "egen" not in before.output.split("\n")[1]
    assert "Referensdokument: det inbyggda" in before.output
    run("mallar", "exportera", "--bara", "avsnitt/syfte.md.j2", "--bara", "avsnitt/mal.md.j2")
    (repo / "templates" / "avsnitt" / "mal.md.j2").write_text("ändrad\n", encoding="utf-8")
    (repo / "templates" / "avsnitt" / "eget.md.j2").write_text("eget\n", encoding="utf-8")
    lines = {
        line.split()[0]: " ".join(line.split()[1:])
        for line in run("mallar", "lista").output.splitlines()
        if line.startswith("  ")
    }
    assert lines["avsnitt/syfte.md.j2"] == "egen, samma som den inbyggda"
    assert lines["avsnitt/mal.md.j2"] == "egen, ändrad"
    assert lines["avsnitt/eget.md.j2"] == "egen (ersätter ingen inbyggd)"
    assert lines["overenskommelse.md.j2"] == "inbyggd"


def test_an_empty_folder_becomes_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("mallar", "exportera", "--bara", "reference.docx")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "templates" / "reference.docx").is_file()


def test_the_commands_have_english_help() -> None:
    try:
        use_language(cli, "en")
        export = run("mallar", "exportera", "--help")
        assert "Write samverkan's templates and reference document" in export.output
        assert "Replace files that already exist" in export.output
        assert "Examples:\n" in run("mallar", "lista", "--help").output
        assert "COMMAND [ARGS]" in run("mallar", "--help").output
    finally:
        use_language(cli, "sv")
    assert "Skriv samverkans mallar" in run("mallar", "exportera", "--help").output
