"""The caches kept between runs (core/user_cache.py) and the start-up they save: each entry
is a miss when its content or samverkan's version changes, a corrupt or foreign entry is
ignored and written anew, and `--help` starts without the libraries a build needs."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from samverkan_cli.cli.status import OUTPUT_FORMATS as CLI_STATUS_FORMATS
from samverkan_cli.cli.validate import OUTPUT_FORMATS as CLI_VALIDATE_FORMATS
from samverkan_cli.core import user_cache
from samverkan_cli.messages import language
from samverkan_cli.messages.reporters import FORMATS
from samverkan_cli.orgchart import typeface
from samverkan_cli.render.templates import ShippedOnlyBytecodeCache
from samverkan_cli.source.yaml_source import read_yaml
from samverkan_cli.status.output import OUTPUT_FORMATS
from tests.conftest import REPO_ROOT

HEAVY = ("yaml", "pydantic", "jinja2", "docx", "PIL", "markdown_it", "lxml")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(user_cache.CACHE_VARIABLE, str(folder))
    return folder


def test_an_entry_is_read_back_under_its_key(cache: Path) -> None:
    key = user_cache.entry_key("a.yaml", b"content")
    assert user_cache.read_entry("prov", key) is None
    user_cache.write_entry("prov", key, {"å": ["ä", "ö"]})
    assert user_cache.read_entry("prov", key) == {"å": ["ä", "ö"]}
    assert stat.S_IMODE((cache / "prov").stat().st_mode) == 0o700
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700


def test_changed_content_is_a_miss(cache: Path) -> None:
    user_cache.write_entry("prov", user_cache.entry_key("a.yaml", b"one"), "ett")
    assert user_cache.read_entry("prov", user_cache.entry_key("a.yaml", b"two")) is None
    # the parts are length-prefixed: moving bytes between parts changes the key too
    assert user_cache.entry_key("ab", b"c") != user_cache.entry_key("a", b"bc")


def test_another_version_is_a_miss(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = user_cache.entry_key("a.yaml", b"same")
    user_cache.write_entry("prov", key, "ett")
    monkeypatch.setattr(user_cache, "samverkan_version", lambda: "99.0.0")
    other = user_cache.entry_key("a.yaml", b"same")
    assert other != key
    assert user_cache.read_entry("prov", other) is None


@pytest.mark.parametrize(
    "content",
    [b"{inte json", b"\xff\xfe", b"[1, 2]", b'{"key": "fel", "value": 1}', b'{"key": "K"}'],
)
def test_a_corrupt_or_foreign_entry_is_ignored(cache: Path, content: bytes) -> None:
    key = user_cache.entry_key("a.yaml", b"x")
    (cache / "prov").mkdir(parents=True, mode=0o700)
    (cache / "prov" / f"{key}.json").write_bytes(content.replace(b'"K"', f'"{key}"'.encode()))
    assert user_cache.read_entry("prov", key) is None
    user_cache.write_entry("prov", key, "nytt")  # and it is written anew
    assert user_cache.read_entry("prov", key) == "nytt"


def test_caching_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(user_cache.CACHE_VARIABLE, "0")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert user_cache.cache_folder("prov") is None
    user_cache.write_entry("prov", "k", 1)
    assert user_cache.read_entry("prov", "k") is None
    assert not any(tmp_path.iterdir())


def test_the_platforms_user_cache_folder_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(user_cache.CACHE_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert user_cache.cache_folder("prov") == tmp_path / "samverkan" / "prov"


def test_a_folder_that_is_a_link_is_not_used(tmp_path: Path, cache: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    cache.mkdir()
    (cache / "prov").symlink_to(elsewhere, target_is_directory=True)
    assert user_cache.cache_folder("prov") is None


def test_the_catalogue_is_kept_and_read_back_the_same(cache: Path) -> None:
    parsed = read_yaml(REPO_ROOT / "samverkan_cli" / "messages" / "locale_en.yaml").data
    language.catalogue.cache_clear()
    try:
        assert language.catalogue() == parsed  # parsed, and written
        entries = list((cache / "texter").glob("*.json"))
        assert len(entries) == 1
        language.catalogue.cache_clear()
        assert language.catalogue() == parsed  # read back
        entries[0].write_bytes(b"\x00trasig")  # corrupt: parsed again and rewritten
        language.catalogue.cache_clear()
        assert language.catalogue() == parsed
        assert json.loads(entries[0].read_bytes())["value"] == parsed
    finally:
        language.catalogue.cache_clear()


def test_a_changed_catalogue_is_parsed_again(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "locale_en.yaml"
    original = (REPO_ROOT / "samverkan_cli" / "messages" / "locale_en.yaml").read_text("utf-8")
    copy.write_text(original, encoding="utf-8")
    monkeypatch.setattr(language, "_CATALOGUE", copy)
    language.catalogue.cache_clear()
    try:
        language.catalogue()
        copy.write_text(original + "\nny_nyckel: ett nytt värde\n", encoding="utf-8")
        language.catalogue.cache_clear()
        assert language.catalogue()["ny_nyckel"] == "ett nytt värde"
    finally:
        language.catalogue.cache_clear()


def test_compiled_templates_are_keyed_by_version(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bytecode = ShippedOnlyBytecodeCache(str(cache))
    key = bytecode.get_cache_key("avtalstext.md.j2", "/mallar/avtalstext.md.j2")
    monkeypatch.setattr(user_cache, "samverkan_version", lambda: "99.0.0")
    assert bytecode.get_cache_key("avtalstext.md.j2", "/mallar/avtalstext.md.j2") != key
    monkeypatch.undo()
    monkeypatch.setattr(jinja2, "__version__", "9.9.9")
    assert bytecode.get_cache_key("avtalstext.md.j2", "/mallar/avtalstext.md.j2") != key


def _imported_by(*args: str, env: dict[str, str] | None = None) -> set[str]:
    """The top-level modules a `samverkan` process had imported when it ended."""
    probe = (
        "import os, sys\n"
        "from samverkan_cli.cli import main\n"
        "real_exit = os._exit\n"
        "def ending(code):\n"
        "    print(' '.join(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)\n"
        "    real_exit(code)\n"
        "main.os._exit = ending\n"
        f"sys.argv = ['samverkan', *{list(args)!r}]\n"
        "main.run()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
        cwd=REPO_ROOT,
    )
    assert done.returncode == 0, done.stderr
    return set(done.stderr.strip().splitlines()[-1].split())


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["--version"]])
def test_help_and_version_start_without_the_librarys_dependencies(args: list[str]) -> None:
    imported = _imported_by(*args, env={"SAMVERKAN_LANG": "sv"})
    assert "click" in imported
    assert not imported & set(HEAVY), imported & set(HEAVY)


def test_english_help_needs_no_yaml_once_its_texts_are_kept(cache: Path) -> None:
    english = {"SAMVERKAN_LANG": "en", user_cache.CACHE_VARIABLE: str(cache)}
    _imported_by("--help", env=english)  # the first run parses locale_en.yaml and keeps it
    imported = _imported_by("--help", env=english)
    assert not imported & set(HEAVY), imported & set(HEAVY)


def test_the_command_line_names_the_status_formats_of_the_feature() -> None:
    assert CLI_STATUS_FORMATS == OUTPUT_FORMATS


def test_the_command_line_names_the_validate_formats_of_the_reporters() -> None:
    assert CLI_VALIDATE_FORMATS == FORMATS


def test_fontconfig_is_not_asked_when_a_known_place_has_the_font(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(typeface, "_fc_match", lambda pattern: asked.append(pattern) or ())
    monkeypatch.setattr(typeface, "_KNOWN_PLACES", ("/ingen/font.ttf", "/den/här.ttf"))
    monkeypatch.setattr(typeface, "_usable", lambda path, metric_twin: path == "/den/här.ttf")
    typeface.chart_font_path.cache_clear()
    try:
        assert typeface.chart_font_path() == "/den/här.ttf"
        assert asked == []
    finally:
        typeface.chart_font_path.cache_clear()
