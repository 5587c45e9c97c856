"""What a release carries: the version on the command line (`--version`, `-V`),
`python -m samverkan_cli`, a licence that matches the package metadata, a version taken from
the git tag (also in a GitHub tarball of it), and install instructions that pin only what
exists: the canonical repository at a tag released in CHANGELOG.md, never the bare name
`samverkan` from a package index, which is not ours (docs/utveckling/release.md)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from importlib.metadata import version
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from samverkan_cli.cli.main import cli
from tests.conftest import REPO_ROOT


@pytest.mark.parametrize("option", ["--version", "-V"])
def test_version_names_the_program_and_its_version(option: str) -> None:
    result = CliRunner().invoke(cli, [option])
    assert result.exit_code == 0, result.output
    assert result.output == f"samverkan {version('samverkan')}\n"


def test_help_names_the_short_version_option() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "-V, --version" in result.output


def test_help_reads_no_metadata_and_no_yaml() -> None:
    """The version is read only when asked for; help in Swedish needs no catalogue."""
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from samverkan_cli.cli.main import cli\n"
        "result = CliRunner().invoke(cli, ['--help'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print([name for name in ('importlib.metadata', 'yaml') if name in sys.modules])\n"
    )
    env = {**os.environ, "SAMVERKAN_LANG": "sv"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert done.stdout.strip() == "[]"


def _module(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SAMVERKAN_LANG": "sv", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "samverkan_cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=REPO_ROOT,
    )


def test_python_m_prints_the_version() -> None:
    done = _module("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"samverkan {version('samverkan')}\n"


def test_python_m_shows_help_as_samverkan() -> None:
    done = _module("--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Användning: samverkan [ALTERNATIV]")
    assert "__main__" not in done.stdout


def test_the_licence_matches_the_metadata() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    licence = (REPO_ROOT / "LICENSE").read_text(encoding="utf-8")
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert licence.startswith("MIT License\n")
    assert "Copyright (c) 2026 samverkan contributors" in licence
    assert not any(c.startswith("License ::") for c in project["classifiers"])  # PEP 639


CANONICAL = "https://github.com/samverkan/samverkan"


def _pyproject() -> dict[str, Any]:
    return tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_version_comes_from_the_git_tag() -> None:
    pyproject = _pyproject()
    assert "version" not in pyproject["project"]
    assert pyproject["project"]["dynamic"] == ["version"]
    assert any(r.startswith("hatch-vcs") for r in pyproject["build-system"]["requires"])
    settings = pyproject["tool"]["hatch"]["version"]
    assert settings["source"] == "vcs"
    assert settings["fallback-version"] == "0.0.0"  # no release has it
    assert re.fullmatch(r"\d+\.\d+\.\d+(?:\S*)", version("samverkan"))


def _placeholders() -> list[str]:
    text = (REPO_ROOT / ".git_archival.txt").read_text(encoding="utf-8")
    return re.findall(r"^[a-z-]+: \$Format:(.*)\$$", text, re.MULTILINE)


def test_a_tarball_of_a_tag_knows_its_version() -> None:
    """GitHub Actions and pip (`…/archive/v0.1.0.zip`) fetch a tarball without .git:
    `git archive` fills in .git_archival.txt (export-subst), hatch-vcs reads it."""
    attributes = (REPO_ROOT / ".gitattributes").read_text(encoding="utf-8")
    assert re.search(r"^\.git_archival\.txt\s+export-subst$", attributes, re.MULTILINE)
    assert _placeholders() == ["%H", "%cI", "%(describe:tags=true,match=v[0-9]*)"]


@pytest.mark.skipif(
    shutil.which("git") is None or not (REPO_ROOT / ".git").exists(), reason="no git checkout"
)
def test_git_fills_in_the_archival_placeholders() -> None:
    """What export-subst writes is what `git log --format` prints for the same placeholders:
    the commit, its date, and (when a tag is reachable) `vX.Y.Z[-N-gHASH]`."""
    filled = [
        subprocess.run(
            ["git", "log", "-1", f"--format={placeholder}"],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO_ROOT,
        ).stdout.strip()
        for placeholder in _placeholders()
    ]
    node, date, describe = filled
    assert re.fullmatch(r"[0-9a-f]{40}", node)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T[\d:]+[+-]\d{2}:\d{2}", date)
    assert describe == "" or re.fullmatch(r"v\d+\.\d+\.\d+(?:-\d+-g[0-9a-f]+)?", describe)


@pytest.mark.parametrize("installed", ["0.0.1.dev3+gabc1234", "0.1.0", "2.7.1"])
def test_the_committed_reference_document_does_not_change_with_the_version(
    installed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clone without tags, a release and the next one build the same reference.docx
    (a built DOCX says which version wrote it; the template names none)."""
    import importlib.metadata

    from samverkan_cli.writers.reference_document import build_reference_document

    monkeypatch.setattr(importlib.metadata, "version", lambda name: installed)
    shipped = (REPO_ROOT / "templates" / "reference.docx").read_bytes()
    assert build_reference_document() == shipped


def test_the_project_urls_are_the_canonical_repository() -> None:
    urls = _pyproject()["project"]["urls"]
    assert {"Homepage", "Source", "Issues", "Changelog"} <= set(urls)
    assert all(url == CANONICAL or url.startswith(CANONICAL + "/") for url in urls.values())


def _released() -> set[str]:
    """The versions CHANGELOG.md has a dated section for (Keep a Changelog)."""
    text = (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    return set(re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", text, re.MULTILINE))


def test_the_changelog_has_an_unreleased_section_on_top_and_links() -> None:
    text = (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.*)$", text, re.MULTILINE)
    assert headings[0] == "[Unreleased]"
    released = _released()
    assert released, "CHANGELOG.md names no released version"
    for number in released:
        link = f"[{number}]: {CANONICAL}/releases/tag/v{number}"
        assert link in text.splitlines(), link


def _install_texts() -> Iterator[tuple[str, str]]:
    """Every file that tells users how to install or pin samverkan."""
    names = ["README.md", ".pre-commit-hooks.yaml", "action.yml", "docs/ci/gitlab-ci.yml"]
    paths = [REPO_ROOT / n for n in names] + sorted((REPO_ROOT / "docs").rglob("*.md"))
    for path in paths:
        if path.is_file():
            yield path.relative_to(REPO_ROOT).as_posix(), path.read_text(encoding="utf-8")


def _pinned(ref: str) -> bool:
    """A tag released in CHANGELOG.md, a full commit hash, or the placeholder `vX.Y.Z` of a
    text about the next release (no tag can be named so)."""
    tag = re.fullmatch(r"v(\d+\.\d+\.\d+)", ref)
    return (
        (tag is not None and tag.group(1) in _released())
        or bool(re.fullmatch(r"[0-9a-f]{40}", ref))
        or ref == "vX.Y.Z"
    )


_URL = re.compile(r"(?:git\+)?(?:https?|ssh)://[^\s\"'`<>()\[\]]+|git@[^\s\"'`<>()\[\]]+")
# Owner/repository as a URL path names it; `samverkan` as owner or repository.
_OURS = re.compile(r"^(?:git\+)?(?:https?|ssh)://[^/]+/(?:samverkan|[^/\s]+/samverkan)(?:[/.@]|$)")
_RAW = "https://raw.githubusercontent.com/samverkan/samverkan/"


def _url_problem(url: str) -> str | None:
    """Why a URL that points at samverkan's repository does not pin what exists, or None."""
    url = url.rstrip(".,;:")
    if url.startswith("git@") and "samverkan" in url:
        return "ssh-adress i stället för den kanoniska https-adressen"
    if not _OURS.match(url):
        return None
    if url.startswith(_RAW):
        ref = url[len(_RAW) :].split("/")[0]
        return None if _pinned(ref) else f"ref {ref!r} är ingen släppt version"
    bare = url.removeprefix("git+")
    if not (
        bare == CANONICAL or bare.startswith((CANONICAL + "/", CANONICAL + ".git", CANONICAL + "@"))
    ):
        return f"inte {CANONICAL}"
    rest = bare[len(CANONICAL) :].removeprefix(".git")
    if url.startswith("git+"):
        if not rest.startswith("@"):
            return "git+-installation utan tagg eller commit"
        ref = rest[1:].split("#")[0]
        return None if _pinned(ref) else f"ref {ref!r} är ingen släppt version"
    archive = re.fullmatch(r"/archive/(?:refs/tags/)?(.+?)\.(?:zip|tar\.gz)", rest)
    if archive and not _pinned(archive.group(1)):
        return f"arkivet {archive.group(1)!r} är ingen släppt version"
    return None


def _pin_problems(name: str, text: str) -> Iterator[str]:
    for match in _URL.finditer(text):
        problem = _url_problem(match.group())
        if problem:
            yield f"{name}: {match.group()}: {problem}"
    for match in re.finditer(r"uses:\s*[\"']?([\w.-]+/[\w.-]+)(?:/[\w./-]*)?@([\w.-]+)", text):
        repository, ref = match.groups()
        if repository.lower().endswith("/samverkan") and (
            repository != "samverkan/samverkan" or not _pinned(ref)
        ):
            yield f"{name}: {match.group()}: Actionen pinnas till samverkan/samverkan@vX.Y.Z"
    for match in re.finditer(r"repo:\s*(\S+)\s*\n\s*#?\s*rev:\s*[\"']?([^\s\"']+)", text):
        repository, ref = match.groups()
        if "samverkan" in repository and (repository != CANONICAL or not _pinned(ref)):
            yield f"{name}: {match.group()!r}: pre-commit pinnas till en släppt tagg"


# `pip install samverkan`, `pipx install samverkan`, `uv tool install samverkan[...]`: the bare
# name from an index. `uv tool install --from git+… samverkan` and `pipx run --spec` name it
# after saying where it comes from. A command ends where prose or the next command begins.
_INSTALL_LINE = re.compile(
    r"\b(?:pip3?|pipx|uv(?: tool| pip)?|poetry|pipenv)\s+(?:install|add)\b[^`\n;,|&)]*"
)
_BARE = re.compile(r"(?<![\w/.@+-])samverkan(?![\w/.@-])")
_SPECIFIER = re.compile(r"(?<![\w/.@+-])samverkan\s*(?:\[[^\]]*\])?\s*(?:===?|~=|>=|<=|!=)")


def _index_problems(name: str, text: str) -> Iterator[str]:
    for match in _SPECIFIER.finditer(text):
        yield f"{name}: {match.group()!r}: versionen av ett namn i ett paketindex"
    for line in _INSTALL_LINE.finditer(text):
        command = line.group()
        if _BARE.search(command) and "--from" not in command and "--spec" not in command:
            yield f"{name}: {command!r}: installerar namnet samverkan från ett paketindex"
    if name.endswith((".yml", ".yaml")):
        for key, value in _scalars(yaml.safe_load(text)):
            if re.search(r"spec|source|package", key, re.IGNORECASE) and value == "samverkan":
                yield f"{name}: {key}: {value!r} installeras från ett paketindex"


def _scalars(node: object, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _scalars(v, str(k))
    elif isinstance(node, list):
        for item in node:
            yield from _scalars(item, key)
    elif isinstance(node, str):
        yield key, node.strip()


def test_every_install_instruction_pins_a_released_tag_of_the_canonical_repository() -> None:
    problems = [p for name, text in _install_texts() for p in _pin_problems(name, text)]
    assert problems == []


def test_nothing_installs_the_bare_name_from_a_package_index() -> None:
    problems = [p for name, text in _install_texts() for p in _index_problems(name, text)]
    assert problems == []


@pytest.mark.parametrize(
    "line",
    [
        "pip install samverkan",
        "pipx install samverkan[pdf]",
        "uv tool install samverkan",
        'spec="samverkan==$SAMVERKAN_VERSION"',
        "python -m pip install 'samverkan>=0.1'",
        "`pip install --upgrade samverkan`, then",
    ],
)
def test_the_bare_name_check_finds_an_index_install(line: str) -> None:
    assert list(_index_problems("x.md", line))


def test_the_bare_name_check_reads_yaml_values_that_name_a_package() -> None:
    spec = "variables:\n  SAMVERKAN_SPEC: samverkan\n"
    assert list(_index_problems("gitlab-ci.yml", spec))
    name = "inputs:\n  artifact-name:\n    default: samverkan\n"
    assert list(_index_problems("action.yml", name)) == []


@pytest.mark.parametrize(
    "line",
    [
        "pipx install git+https://github.com/samverkan/samverkan@v9.9.9",
        "pip install git+https://github.com/samverkan/samverkan",
        "pip install git+https://github.com/ORG/samverkan@v0.1.0",
        "pip install git+https://gitlab.example.se/kommun/samverkan.git@v0.1.0",
        "      - uses: ORG/samverkan@v0.1.0",
        "      - uses: samverkan/samverkan@main",
        "  - repo: https://github.com/samverkan/samverkan\n    rev: main",
        "pip install https://github.com/samverkan/samverkan/archive/main.zip",
    ],
)
def test_the_pin_check_finds_what_is_not_released(line: str) -> None:
    assert list(_pin_problems("x.md", line))


def test_the_checks_accept_a_pinned_install() -> None:
    text = (
        "pipx install git+https://github.com/samverkan/samverkan@v0.1.0\n"
        "uv tool install --from git+https://github.com/samverkan/samverkan@v0.1.0 samverkan\n"
        f"pip install git+https://github.com/samverkan/samverkan@{'a' * 40}\n"
        "      - uses: samverkan/samverkan@v0.1.0\n"
        "pipx install --force git+https://github.com/samverkan/samverkan@vX.Y.Z\n"
        "  - repo: https://github.com/samverkan/samverkan\n    rev: v0.1.0\n"
        "samverkan --version\n"
        "Run pip install, then `samverkan validate`.\n"
    )
    assert "0.1.0" in _released()
    assert list(_pin_problems("x.md", text)) == []
    assert list(_index_problems("x.md", text)) == []
