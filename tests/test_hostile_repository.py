"""A repository written by an attacker: on a pull request everything in it is untrusted.

Each test builds a malicious repository beside a folder that stands for the rest of the
runner (a secret file, an outside agreement and profile), runs the commands CI runs, and
asserts that nothing outside the repository is read into any output or message, nothing is
written outside it, no socket is opened, and every refusal is a located problem.
"""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from samverkan_cli.cli.main import cli
from tests.conftest import JARVA, REPO_ROOT

SECRET = "HEMLIGT-9f3c1e"
"""Stands for the runner's secrets (`/proc/self/environ`): it must never reach an output."""

MD = "lokal-samverkansoverenskommelse-jarva.md"


class SocketOpened(AssertionError):
    """A socket was asked for: samverkan never uses the network."""


@pytest.fixture(autouse=True)
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise SocketOpened("samverkan opened a socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture(autouse=True)
def fresh_templates() -> Iterator[None]:
    """Each test's repository has its own templates: no environment is reused across them."""

    yield


def write_template(repo: Path, text: str, name: str = "avtalstext.md.j2") -> None:
    """The repository's own version of one template (the others are the shipped ones)."""
    (repo / "templates").mkdir(exist_ok=True)
    (repo / "templates" / name).write_text(text, encoding="utf-8")


LOOP_FOR_EVER = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """The runner outside the checkout: a secret, an agreement, a profile, a template."""
    folder = tmp_path / "runner"
    folder.mkdir()
    (folder / "environ").write_text(f"GITHUB_TOKEN={SECRET}\n", encoding="utf-8")
    (folder / "secret.j2").write_text(f"{SECRET}\n", encoding="utf-8")
    shutil.copytree(JARVA, folder / "agreements" / "järva")
    (folder / "agreements" / "järva" / "overenskommelse.yaml").write_text(
        f"# {SECRET}\ntitel: {SECRET}\n", encoding="utf-8"
    )
    (folder / "x.yaml").write_text(f"{SECRET}: 1\n", encoding="utf-8")
    (folder / "profiler").mkdir()
    (folder / "profiler" / "stulen.yaml").write_text(f"{SECRET}: 1\n", encoding="utf-8")
    shutil.copy(REPO_ROOT / "templates" / "reference.docx", folder / "reference.docx")
    (folder / "mallar").mkdir()
    (folder / "mallar" / "avtalstext.md.j2").write_text(SECRET, encoding="utf-8")
    (folder / "utdata").mkdir()
    return folder


@pytest.fixture
def repo(tmp_path: Path, outside: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A repository with Järva, as the working directory; asserts afterwards that nothing
    was written outside it."""
    root = tmp_path / "repo"
    shutil.copytree(JARVA, root / "agreements" / "järva")
    monkeypatch.chdir(root)
    before = _tree(outside)
    yield root
    assert _tree(outside) == before, "something was written outside the repository"


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert not isinstance(result.exception, SocketOpened), "a socket was opened"
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    assert "internt fel" not in result.output, result.output
    return result


def assert_nothing_leaked(repo: Path, *results: Result) -> None:
    """The secret is in no message and in no file of the repository (outputs included)."""
    for result in results:
        assert SECRET not in result.output
    for path in repo.rglob("*"):
        if path.is_file() and not path.is_symlink():
            assert SECRET.encode() not in path.read_bytes(), f"{path} holds the secret"


def own_templates(repo: Path) -> Path:
    """The repository's own copy of the shipped templates, to be tampered with."""
    shutil.copytree(REPO_ROOT / "templates", repo / "templates")
    (repo / "templates" / "reference.docx").unlink()
    return repo / "templates"


def test_a_template_linked_to_a_file_outside_is_refused(repo: Path, outside: Path) -> None:
    templates = own_templates(repo)
    (templates / "avtalstext.md.j2").unlink()
    (templates / "avtalstext.md.j2").symlink_to(outside / "environ")
    validate = invoke("validate")
    assert validate.exit_code == 1
    assert "templates/avtalstext.md.j2:1:1: SV009 fel" in validate.output
    build = invoke("build", "järva")
    assert build.exit_code == 1
    assert "SV009" in build.output
    assert not (repo / "out").exists()
    assert_nothing_leaked(repo, validate, build)


def test_a_template_included_through_a_link_is_refused_at_render_time(
    repo: Path, outside: Path
) -> None:
    """Even when the link appears after validate (or is only reached by an include), the
    loader itself refuses it: the check does not rely on the walk of templates/."""
    from samverkan_cli.core.errors import TemplateProblem
    from samverkan_cli.render.templates import render_template

    templates = own_templates(repo)
    (templates / "bilagor" / "annan.md.j2").unlink()
    (templates / "bilagor" / "annan.md.j2").symlink_to(outside / "secret.j2")
    (templates / "prov.md.j2").write_text('{% include "bilagor/annan.md.j2" %}\n', "utf-8")
    with pytest.raises(TemplateProblem) as refused:
        render_template("prov.md.j2", {}, repo)
    assert "pekar utanför repositoriet" in str(refused.value)
    assert SECRET not in str(refused.value)


def test_the_templates_folder_as_a_link_outside_is_refused(repo: Path, outside: Path) -> None:
    (repo / "templates").symlink_to(outside / "mallar", target_is_directory=True)
    validate = invoke("validate")
    assert "templates:1:1: SV009 fel: mappen templates/" in validate.output
    build = invoke("build", "järva")
    assert build.exit_code == 1
    assert_nothing_leaked(repo, validate, build)


def test_agreements_as_a_link_outside_is_refused(
    tmp_path: Path, outside: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "angripare"
    root.mkdir()
    (root / "agreements").symlink_to(outside / "agreements", target_is_directory=True)
    monkeypatch.chdir(root)
    for args in (["validate"], ["build", "--alla"], ["build", "järva"], ["init", "ny"]):
        result = invoke(*args)
        assert result.exit_code == 1, result.output
        assert "agreements:1:1: SV009 fel: mappen agreements/" in result.output
        assert SECRET not in result.output
    assert not (root / "out").exists()
    assert not (outside / "agreements" / "ny").exists()


def test_a_committed_out_link_is_not_written_through(
    repo: Path, outside: Path, tmp_path: Path
) -> None:
    (repo / "out").symlink_to(outside / "utdata", target_is_directory=True)
    for args in (["build", "järva"], ["build", "--alla"], ["kalender", "järva", "--år", "2025"]):
        result = invoke(*args)
        assert result.exit_code == 2, result.output
        assert "utdatamappen out" in result.output
        assert "ange --out" in result.output
    assert list((outside / "utdata").iterdir()) == []
    explicit = invoke("build", "järva", "--out", str(tmp_path / "vald"))
    assert explicit.exit_code == 0, "--out on the command line is the user's choice"


def test_a_profile_id_is_a_name_never_a_path(repo: Path, outside: Path) -> None:
    agreement = repo / "agreements" / "järva" / "overenskommelse.yaml"
    text = agreement.read_text(encoding="utf-8")
    relative = Path("../" * 12) / outside.relative_to("/") / "x"
    for name in (str(relative), str(outside / "x"), "..", "a/b", "a\\b"):
        agreement.write_text(_with_profile(text, name), encoding="utf-8")
        result = invoke("validate")
        assert result.exit_code == 1
        assert "SV013 fel: regelprofilen" in result.output
        assert "ska vara ett namn, ingen sökväg" in result.output
        assert SECRET not in result.output


def _with_profile(text: str, name: str) -> str:
    lines = [line for line in text.splitlines() if not line.startswith("profil:")]
    quoted = name.replace("\\", "\\\\").replace('"', '\\"')
    return "\n".join([*lines, f'profil: "{quoted}"']) + "\n"


@pytest.mark.parametrize(
    "setting",
    [
        "profilmappar: [{outside}/profiler]",
        "profilmappar: [../runner/profiler]",
        "referens: {outside}/reference.docx",
        "referens: ../runner/reference.docx",
        "standardprofil: ../runner/x",
    ],
)
def test_samverkan_yaml_names_nothing_outside(repo: Path, outside: Path, setting: str) -> None:
    (repo / "samverkan.yaml").write_text(setting.format(outside=outside) + "\n", "utf-8")
    validate = invoke("validate")
    assert validate.exit_code == 1
    assert "samverkan.yaml:1:" in validate.output
    assert "SV014 fel" in validate.output
    build = invoke("build", "järva")
    assert build.exit_code == 1
    assert not (repo / "out").exists()
    assert_nothing_leaked(repo, validate, build)


def test_links_out_in_samverkan_yaml_settings_are_refused(repo: Path, outside: Path) -> None:
    (repo / "profiler").symlink_to(outside / "profiler", target_is_directory=True)
    (repo / "ref.docx").symlink_to(outside / "reference.docx")
    (repo / "samverkan.yaml").write_text(
        "profilmappar: [profiler]\nreferens: ref.docx\n", encoding="utf-8"
    )
    result = invoke("validate")
    assert result.exit_code == 1
    assert "samverkan.yaml:1:16: SV014 fel: profilmappen 'profiler' är en länk" in result.output
    assert "samverkan.yaml:2:11: SV014 fel: referensdokumentet 'ref.docx' är en länk" in (
        result.output
    )


def test_samverkan_yaml_as_a_link_outside_is_refused(repo: Path, outside: Path) -> None:
    (repo / "samverkan.yaml").symlink_to(outside / "x.yaml")
    result = invoke("validate")
    assert result.exit_code == 1
    assert "samverkan.yaml:1:1: SV014 fel: samverkan.yaml är en länk" in result.output
    assert_nothing_leaked(repo, result)


def test_a_profile_file_linked_outside_is_refused(repo: Path, outside: Path) -> None:
    (repo / "profiler").mkdir()
    (repo / "profiler" / "stulen.yaml").symlink_to(outside / "profiler" / "stulen.yaml")
    (repo / "samverkan.yaml").write_text("profilmappar: [profiler]\n", encoding="utf-8")
    agreement = repo / "agreements" / "järva" / "overenskommelse.yaml"
    agreement.write_text(
        _with_profile(agreement.read_text(encoding="utf-8"), "stulen"), encoding="utf-8"
    )
    result = invoke("validate")
    assert result.exit_code == 1
    assert "profiler/stulen.yaml:1:1: SV009 fel: profilen stulen.yaml är en länk" in result.output
    assert_nothing_leaked(repo, result)


def test_the_reference_document_linked_outside_is_refused(repo: Path, outside: Path) -> None:
    (repo / "templates").mkdir()
    (repo / "templates" / "reference.docx").symlink_to(outside / "reference.docx")
    validate = invoke("validate")
    assert "templates/reference.docx:1:1: SV009 fel: referensdokumentet" in validate.output
    assert validate.exit_code == 1
    build = invoke("build", "järva")
    assert build.exit_code == 1
    assert not (repo / "out").exists()
    chosen = invoke("build", "järva", "--referens", str(outside / "reference.docx"))
    assert chosen.exit_code == 1, "a link out of templates/ stops the build all the same"


def test_a_link_loop_stops_only_its_own_agreement(repo: Path) -> None:
    shutil.copytree(JARVA, repo / "agreements" / "andra")
    bilaga = repo / "agreements" / "järva" / "bilagor" / "lagesbild.yaml"
    bilaga.unlink()
    bilaga.symlink_to(bilaga)
    (repo / "agreements" / "slinga").symlink_to(repo / "agreements" / "slinga")
    validate = invoke("validate")
    assert validate.exit_code == 1
    assert "agreements/andra: godkänd" in validate.output
    assert "SV015 fel" in validate.output  # the looping folder
    assert "bilagor/lagesbild.yaml' är en länk i en slinga" in validate.output
    build = invoke("build", "--alla")
    assert build.exit_code == 1
    assert (repo / "out" / "andra").is_dir()
    assert "byggde 1 av 3 överenskommelser; misslyckades: järva, slinga" in build.output


def test_a_folder_link_to_the_root_of_the_machine_is_not_walked(repo: Path) -> None:
    """A link to `/` inside an agreement is not followed by the unused-files rule (SV130)."""
    (repo / "agreements" / "järva" / "rot").symlink_to("/", target_is_directory=True)
    result = invoke("validate", "agreements/järva")
    assert result.exit_code == 0, result.output


def test_an_unexpected_error_in_one_agreement_is_a_problem_of_it(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(JARVA, repo / "agreements" / "andra")
    from samverkan_cli.check import folder as checking

    real = checking.load_agreement

    def failing(folder: Path, root: Path | None = None) -> checking.LoadedAgreement:
        if folder.name == "andra":
            raise ValueError("oväntat")
        return real(folder, root)

    monkeypatch.setattr(checking, "load_agreement", failing)
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 1
    assert "agreements/andra:1:1: SV000 fel: internt fel vid kontrollen" in result.output
    assert "agreements/järva: godkänd" in result.output


def test_a_repository_template_is_never_cached_outside_the_repository(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    cache = tmp_path / "cache"
    monkeypatch.setenv("SAMVERKAN_CACHE", str(cache))
    shipped = (REPO_ROOT / "templates" / "avtalstext.md.j2").read_text("utf-8")
    write_template(repo, shipped + "MARKÖR-4711\n")
    result = invoke("build", "järva")
    assert result.exit_code == 0, result.output
    assert "MARKÖR-4711" in (repo / "out" / "järva" / MD).read_text("utf-8")
    cached = [p.read_bytes() for p in cache.rglob("*") if p.is_file()]
    assert cached, "the shipped templates are cached"
    assert not any("MARKÖR-4711".encode() in data for data in cached)


def test_a_template_that_loops_without_end_is_stopped(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from samverkan_cli.render import template_limits as render_limits

    monkeypatch.setattr(render_limits, "RENDER_SECONDS", 1)
    write_template(repo, LOOP_FOR_EVER)
    result = invoke("build", "järva")
    assert result.exit_code == 1
    assert "tog längre tid än 1 sekunder och stoppades" in result.output
    assert not (repo / "out").exists()


def test_a_template_that_prints_without_end_is_stopped(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from samverkan_cli.render import templates as templating

    monkeypatch.setattr(templating, "MAX_OUTPUT_CHARS", 1_000_000)
    write_template(
        repo,
        "{% for i in range(100000) %}{% for j in range(100000) %}{{ 'x' * 100 }}"
        "{% endfor %}{% endfor %}\n",
    )
    result = invoke("build", "järva")
    assert result.exit_code == 1
    assert "skriver mer än 1 miljoner tecken" in result.output
    assert not (repo / "out").exists()


@pytest.mark.parametrize(
    "expression",
    [
        "'x' * 4000000000",
        "'x'|center(4000000000)",
        "[1] * 4000000000",
        "'{:>4000000000}'.format(1)",
    ],
)
def test_a_template_that_asks_for_gigabytes_is_stopped(repo: Path, expression: str) -> None:

    write_template(repo, f"{{{{ {expression} }}}}\n")
    result = invoke("build", "järva")
    assert result.exit_code == 1
    assert "behövde mer än 1024 MB minne och stoppades" in result.output
    assert not (repo / "out").exists()


def test_build_alla_never_writes_through_an_out_link_of_one_agreement(
    repo: Path, outside: Path
) -> None:
    shutil.copytree(JARVA, repo / "agreements" / "andra")
    (repo / "out").mkdir()
    (repo / "out" / "järva").symlink_to(outside / "utdata", target_is_directory=True)
    result = invoke("build", "--alla")
    assert result.exit_code == 2
    assert "utdatamappen out/järva är en länk som pekar utanför repositoriet" in result.output
    assert (repo / "out" / "andra" / "lokal-samverkansoverenskommelse-jarva.md").is_file()
    assert list((outside / "utdata").iterdir()) == []


@pytest.mark.parametrize("expression", ["9 ** (9 ** 9)", "(2 ** 64) ** 100000", "-3 ** 999999"])
def test_a_power_too_large_for_any_time_limit_is_refused_before_it_runs(
    repo: Path, expression: str
) -> None:
    """One C-level power never returns to Python, so the timer could not stop it."""

    write_template(repo, f"{{{{ 2 ** 10 }}}} {{{{ {expression} }}}}\n")
    result = invoke("build", "järva")
    assert result.exit_code == 1
    assert "templates/avtalstext.md.j2:1: talet blir för stort" in result.output


def test_a_template_that_timed_out_is_not_run_again_for_the_other_agreements(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from samverkan_cli.render import template_limits as render_limits
    from samverkan_cli.render import templates as templating

    for copy in ("andra", "tredje"):
        shutil.copytree(JARVA, repo / "agreements" / copy)
    monkeypatch.setattr(render_limits, "RENDER_SECONDS", 1)
    write_template(repo, LOOP_FOR_EVER)
    calls: list[str] = []
    real = templating.render_template

    def counted(name: str, *args: object, **kwargs: object) -> str:
        calls.append(name)
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(templating, "render_template", counted)
    import samverkan_cli.render.agreement_document as rendering

    monkeypatch.setattr(rendering, "render_template", counted)
    result = invoke("build", "--alla")
    assert result.exit_code == 1
    assert "byggde 0 av 3 överenskommelser" in result.output
    assert calls == ["overenskommelse.md.j2"]


def test_folders_nested_thousands_deep_are_walked_without_the_stack(repo: Path) -> None:
    top = repo / "agreements" / "järva"
    chain = [top]
    for _ in range(1500):
        chain.append(chain[-1] / "d")
        chain[-1].mkdir()
    (chain[-1] / "glömd.yaml").write_text("a: 1\n", encoding="utf-8")
    try:
        result = invoke("validate")
        assert result.exit_code == 0, result.output
        assert "SV130" in result.output  # the file far down is still found, as unused
    finally:  # removed from the bottom up: a recursive removal would exhaust the stack too
        (chain[-1] / "glömd.yaml").unlink()
        for folder in reversed(chain[1:]):
            folder.rmdir()


@pytest.mark.parametrize("output_format", ["json", "sarif", "github"])
def test_agreements_linked_out_is_reported_in_the_format_asked_for(
    tmp_path: Path, outside: Path, monkeypatch: pytest.MonkeyPatch, output_format: str
) -> None:
    import json

    root = tmp_path / "angripare"
    root.mkdir()
    (root / "agreements").symlink_to(outside / "agreements", target_is_directory=True)
    monkeypatch.chdir(root)
    result = invoke("validate", "--format", output_format)
    assert result.exit_code == 1
    assert "SV009" in result.stdout
    if output_format != "github":
        json.loads(result.stdout)


def test_status_reports_a_refused_agreements_folder_and_still_writes_its_json(
    tmp_path: Path, outside: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    root = tmp_path / "angripare"
    root.mkdir()
    (root / "agreements").symlink_to(outside / "agreements", target_is_directory=True)
    monkeypatch.chdir(root)
    result = invoke("status", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["agreements"] == []
    assert "agreements:1:1: SV009 fel" in result.stderr
    assert SECRET not in result.output
