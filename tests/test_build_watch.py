"""`samverkan build --bevaka`: the first build, a build after each change, a failed build
that leaves the earlier output whole, what a change with --alla builds again, sources read
anew (samverkan.yaml, the repository's profiles and templates), and Ctrl+C ending it."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from samverkan_cli.build.watch import build_watching, watched_sources
from samverkan_cli.cli.main import cli, use_language
from samverkan_cli.core.errors import UsageError
from samverkan_cli.profiles import ProfileLibrary
from samverkan_cli.source.repository import Repository
from tests.test_watching import Script

MD = "lokal-samverkansoverenskommelse-jarva.md"
TITLE = "Lokal samverkansöverenskommelse"


class Echo:
    """Collects what the command prints, stdout and stderr in one list, in order."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def __call__(self, message: str = "", err: bool = False) -> None:
        self.lines.append(message)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def count(self, pattern: str) -> int:
        return sum(bool(re.search(pattern, line)) for line in self.lines)


def edit(path: Path, old: str, new: str) -> Callable[[], None]:
    def step() -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return step


def agreement_file(root: Path, name: str = "järva") -> Path:
    return root / "agreements" / name / "overenskommelse.yaml"


def test_builds_at_once_then_after_each_change(in_repo: Path) -> None:
    source = agreement_file(in_repo)
    title = source.read_text(encoding="utf-8").split("titel: ", 1)[1].split("\n", 1)[0]
    echo = Echo()
    script = Script(None, edit(source, f"titel: {title}", "titel: Bevakad överenskommelse"), None)
    code = build_watching(in_repo, "järva", None, echo=echo, sleep=script)
    assert code == 0
    assert echo.count(r"^\[\d\d:\d\d:\d\d\] klart på \d+,\d\d s$") == 2
    assert echo.count(r"^bevakar agreements/järva; bygger om vid ändringar") == 1
    assert echo.count(r"\] ändrat: agreements/järva/overenskommelse\.yaml$") == 1
    assert echo.lines[-1] == "slutade bevaka"
    markdown = (in_repo / "out" / "järva" / MD).read_text(encoding="utf-8")
    assert "Bevakad överenskommelse" in markdown


def test_a_failed_build_is_reported_keeps_the_output_and_the_watch_goes_on(
    in_repo: Path,
) -> None:
    source = agreement_file(in_repo)
    out = in_repo / "out" / "järva"
    kept: dict[str, bytes] = {}
    echo = Echo()
    steps = [
        lambda: kept.update({p.name: p.read_bytes() for p in out.iterdir()}),
        edit(source, "{minst: 2, per: år}", "{minst: 1, per: år}"),
        None,
        lambda: _assert_unchanged(out, kept),
        edit(source, "{minst: 1, per: år}", "{minst: 2, per: år}"),
        None,
    ]
    code = build_watching(in_repo, "järva", None, echo=echo, sleep=Script(*steps))
    assert code == 0, echo.text
    assert echo.count("SV101 fel") == 1
    assert echo.count("ingenting skrevs") == 1
    assert echo.count("klart på") == 3
    assert echo.lines[-1] == "slutade bevaka"


def _assert_unchanged(out: Path, kept: dict[str, bytes]) -> None:
    assert {p.name: p.read_bytes() for p in out.iterdir()} == kept


def test_the_exit_code_is_the_last_builds(in_repo: Path) -> None:
    source = agreement_file(in_repo)
    echo = Echo()
    script = Script(edit(source, "{minst: 2, per: år}", "{minst: 1, per: år}"), None)
    assert build_watching(in_repo, "järva", None, echo=echo, sleep=script) == 1


def test_writing_the_output_inside_the_sources_is_not_a_change(in_repo: Path) -> None:
    out = in_repo / "agreements" / "järva" / "utdata"
    echo = Echo()
    code = build_watching(in_repo, "järva", out, echo=echo, sleep=Script(None, None, None))
    assert code == 0
    assert (out / MD).is_file()
    assert echo.count("klart på") == 1
    assert echo.count("ändrat") == 0


def test_every_agreement_a_change_inside_one_builds_only_that_one(in_repo: Path) -> None:
    echo = Echo()
    steps = [
        lambda: echo.lines.clear(),
        edit(agreement_file(in_repo, "exempel-kommun"), "\n", "\n# ändrad\n"),
        None,
    ]
    code = build_watching(in_repo, None, None, echo=echo, every=True, sleep=Script(*steps))
    assert code == 0, echo.text
    written = {line.split("/")[1] for line in echo.lines if line.startswith("skrev out/")}
    assert written == {"exempel-kommun"}


def test_every_agreement_a_change_outside_them_builds_them_all(in_repo: Path) -> None:
    echo = Echo()
    config = in_repo / "samverkan.yaml"
    steps = [
        lambda: echo.lines.clear(),
        lambda: config.write_text("standardprofil: stockholm-lokal-2023\n", encoding="utf-8"),
        None,
    ]
    code = build_watching(in_repo, None, None, echo=echo, every=True, sleep=Script(*steps))
    assert code == 0, echo.text
    written = {line.split("/")[1] for line in echo.lines if line.startswith("skrev out/")}
    assert written == set(Repository(in_repo).agreement_names())


def test_an_edited_repository_profile_is_read_again(in_repo: Path) -> None:
    folder = in_repo / "profiler"
    folder.mkdir()
    profile = folder / "egen.yaml"
    profile.write_text(
        "id: egen\ntitel: Egen profil\nkälla: Kommunens riktlinje\n"
        "forum:\n  - roll: styrgrupp\n    krävs: true\n    minst_per_år: 2\n",
        encoding="utf-8",
    )
    (in_repo / "samverkan.yaml").write_text("profilmappar: [profiler]\n", encoding="utf-8")
    steps = [
        edit(agreement_file(in_repo), "profil: stockholm-lokal-2023", "profil: egen"),
        None,
        edit(profile, "minst_per_år: 2", "minst_per_år: 12"),
        None,
    ]
    echo = Echo()
    code = build_watching(in_repo, "järva", None, echo=echo, sleep=Script(*steps))
    assert code == 1
    assert echo.count("SV101 fel: Lokal styrgrupp möts två .* tolv") == 1, echo.text


def test_an_edited_repository_template_is_used(in_repo: Path) -> None:
    shipped = Path(__file__).resolve().parent.parent / "templates" / "overenskommelse.md.j2"
    own = in_repo / "templates" / "overenskommelse.md.j2"
    own.parent.mkdir()
    shutil.copy(shipped, own)

    def add_line() -> None:
        own.write_text(own.read_text(encoding="utf-8") + "\nEgen rad ur mallen.\n", "utf-8")
        later = own.stat().st_mtime + 2  # Jinja compares whole seconds
        os.utime(own, (later, later))

    echo = Echo()
    code = build_watching(in_repo, "järva", None, echo=echo, sleep=Script(add_line, None))
    assert code == 0, echo.text
    assert "Egen rad ur mallen." in (in_repo / "out" / "järva" / MD).read_text("utf-8")


def test_the_sources_are_the_folder_config_templates_profiles_and_reference(
    in_repo: Path,
) -> None:
    (in_repo / "profiler").mkdir()
    (in_repo / "samverkan.yaml").write_text(
        "profilmappar: [profiler]\nreferens: mallar/profil.docx\n", encoding="utf-8"
    )
    repository = Repository(in_repo)
    explicit = in_repo.parent / "annan.docx"
    sources = watched_sources(repository, repository.resolve("järva"), None, explicit)
    assert sources.folders == (
        in_repo / "agreements" / "järva",
        in_repo / "templates",
        (in_repo / "profiler").resolve(),
    )
    assert sources.files == (in_repo / "samverkan.yaml", explicit, in_repo / "mallar/profil.docx")
    assert sources.excluded == (in_repo / "out" / "järva",)
    every = watched_sources(repository, None, in_repo / "ut", None)
    assert every.folders[0] == in_repo / "agreements"
    assert every.excluded == (in_repo / "ut",)


@pytest.mark.parametrize(("name", "every"), [("finns-inte", False), (None, False)])
def test_wrong_use_is_refused_before_anything_is_watched(
    in_repo: Path, name: str | None, every: bool
) -> None:
    script = Script()
    with pytest.raises(UsageError):
        build_watching(in_repo, name, None, echo=Echo(), every=every, sleep=script)
    assert script.pauses == []


def test_profile_library_reads_a_changed_file_again(tmp_path: Path) -> None:
    profile = tmp_path / "egen.yaml"
    profile.write_text("id: egen\ntitel: Första\nkälla: K\n", encoding="utf-8")
    library = ProfileLibrary((tmp_path,))
    first = library.load("egen")
    profile.write_text("id: egen\ntitel: Andra titeln\nkälla: K\n", encoding="utf-8")
    second = library.load("egen")
    assert getattr(first, "title", None) == "Första"
    assert getattr(second, "title", None) == "Andra titeln"


def test_the_command_line_flag(in_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = agreement_file(in_repo)
    script = Script(edit(source, "{minst: 2, per: år}", "{minst: 1, per: år}"), None)
    monkeypatch.setattr("samverkan_cli.build.polling.time.sleep", script)
    result = CliRunner().invoke(cli, ["build", "järva", "--bevaka"])
    assert result.exit_code == 1, result.output
    assert "SV101 fel" in result.output
    assert result.output.count("klart på") == 2
    assert result.output.rstrip().endswith("slutade bevaka")
    assert "Traceback" not in result.output and "Aborted" not in result.output


def test_the_command_line_in_english(in_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("samverkan_cli.build.polling.time.sleep", Script())
    try:
        result = CliRunner().invoke(cli, ["--lang", "en", "build", "järva", "--bevaka"])
    finally:
        use_language(cli, "sv")  # the language is the process's; later tests expect Swedish
    assert result.exit_code == 0, result.output
    assert re.search(r"\] done in \d+\.\d\d s", result.output)
    assert "watching agreements/järva; building again on changes" in result.output
    assert result.output.rstrip().endswith("stopped watching")


def test_a_removed_agreement_is_reported_and_built_again_when_it_is_back(in_repo: Path) -> None:
    folder = in_repo / "agreements" / "järva"
    away = in_repo.parent / "järva-undan"
    steps = [lambda: shutil.move(folder, away), None, lambda: shutil.move(away, folder), None]
    echo = Echo()
    code = build_watching(in_repo, "järva", None, echo=echo, sleep=Script(*steps))
    assert code == 0, echo.text
    assert echo.count("det finns ingen överenskommelse som heter 'järva'") == 1
    assert echo.count("klart på") == 3
