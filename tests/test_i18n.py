"""Swedish by default, English with --lang en or LANG=en_*; help with an example for every
command; build --alla with a progress bar only on a terminal; shell completion."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from samverkan_cli.cli.main import cli, use_language
from samverkan_cli.cli.terminal import complete_agreement
from samverkan_cli.messages.language import language_from_environment, message, set_language


@pytest.fixture(autouse=True)
def swedish_afterwards() -> object:
    yield
    use_language(cli, "sv")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({}, "sv"),
        ({"LANG": "sv_SE.UTF-8"}, "sv"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "C"}, "sv"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "sv_SE.UTF-8"}, "en"),
        ({"SAMVERKAN_LANG": "sv", "LANG": "en_US.UTF-8"}, "sv"),
    ],
)
def test_language_from_the_environment(environ: dict[str, str], language: str) -> None:
    assert language_from_environment(environ) == language


def test_english_output_for_a_broken_agreement(in_repo: Path) -> None:
    source = in_repo / "agreements" / "järva" / "overenskommelse.yaml"
    text = source.read_text(encoding="utf-8").replace("{minst: 2, per: år}", "{minst: 1, per: år}")
    source.write_text(text, encoding="utf-8")
    result = run("--lang", "en", "validate", "agreements/järva")
    assert result.exit_code == 1
    assert (
        "SV101 error: Lokal styrgrupp meets 1 time a year, but the profile requires at least "
        "2 times" in result.output
    )
    assert "agreements/järva: failed (1 error, 0 warnings, 4 info)" in result.output


def test_swedish_is_the_default(in_repo: Path) -> None:
    result = run("validate", "agreements/järva")
    assert "agreements/järva: godkänd (0 fel, 0 varningar, 4 info)" in result.output


def test_usage_errors_and_rules_in_english(in_repo: Path) -> None:
    unknown = run("--lang", "en", "build", "finns-inte")
    assert unknown.exit_code == 2
    assert "there is no agreement called 'finns-inte'" in unknown.output
    rules = run("--lang", "en", "regler")
    assert "SV101 [error] Forum meets too seldom" in rules.output


def test_a_message_without_a_pattern_keeps_swedish_with_the_english_title(
    in_repo: Path,
) -> None:
    source = in_repo / "agreements" / "järva" / "overenskommelse.yaml"
    text = source.read_text(encoding="utf-8").replace("beslutas_av: styrgrupp", "beslutas_av: x")
    source.write_text(text, encoding="utf-8")
    result = run("--lang", "en", "validate", "agreements/järva")
    assert "[Reference to an unknown forum]" in result.output


@pytest.mark.parametrize("command", ["", "validate", "build", "diff", "schema", "regler"])
def test_every_help_has_an_example_in_both_languages(command: str) -> None:
    args = [command] if command else []
    swedish = run(*args, "--help")
    english = run("--lang", "en", *args, "--help")
    assert swedish.exit_code == english.exit_code == 0
    assert "Exempel:" in swedish.output
    assert "Example" in english.output


def test_every_registered_command_has_an_example() -> None:
    for name, command in cli.commands.items():
        assert "Exempel:" in (command.help or ""), name


def test_english_from_lang_in_a_real_process(in_repo: Path) -> None:
    executable = Path(sys.executable).parent / "samverkan"
    env = {**os.environ, "LANG": "en_US.UTF-8"}
    env.pop("SAMVERKAN_LANG", None)
    env.pop("LC_ALL", None)
    done = subprocess.run(
        [str(executable), "build", "--help"], capture_output=True, text=True, env=env, check=True
    )
    assert "Check and build an agreement" in done.stdout


def test_patterns_translate_and_nest() -> None:
    set_language("en")
    try:
        assert message("fältet 'titel' saknas (undantag: en orsak)") == (
            "the field 'titel' is missing (exception: en orsak)"
        )
        assert message("en mening utan mönster") == "en mening utan mönster"
        assert message(
            "Lokal styrgrupp möts vart tredje år, men profilen kräver minst två (2) gånger per år"
        ) == (
            "Lokal styrgrupp meets vart tredje år, but the profile requires at least 2 times a year"
        )
    finally:
        set_language("sv")


def test_build_all_builds_every_agreement_and_reports_the_broken_one(
    in_repo: Path, tmp_path: Path
) -> None:
    source = in_repo / "agreements" / "järva-2023" / "overenskommelse.yaml"
    text = source.read_text(encoding="utf-8").replace("212000-0142", "212000-0143")
    source.write_text(text, encoding="utf-8")
    result = run("build", "--alla", "--out", str(tmp_path / "ut"))
    assert result.exit_code == 1
    assert (tmp_path / "ut" / "järva").is_dir()
    assert (tmp_path / "ut" / "rinkeby-kista-2017").is_dir()
    assert not (tmp_path / "ut" / "järva-2023").exists()
    assert "SV109" in result.output
    assert "Bygger" not in result.output  # no progress bar when not on a terminal
    assert run("build").exit_code == 2


def test_agreement_names_complete(in_repo: Path) -> None:
    command = cli.commands["build"]
    names = [item.value for item in complete_agreement(click_context(), command.params[0], "jä")]
    assert names == ["järva", "järva-2023"]


def test_completion_script_is_available(in_repo: Path) -> None:
    executable = Path(sys.executable).parent / "samverkan"
    env = {**os.environ, "_SAMVERKAN_COMPLETE": "bash_source"}
    done = subprocess.run([str(executable)], capture_output=True, text=True, env=env, check=True)
    assert "_SAMVERKAN_COMPLETE=bash_complete" in done.stdout


def click_context() -> object:
    import click

    return click.Context(cli)


@pytest.mark.parametrize("command", ["", *sorted(cli.commands)])
def test_english_help_keeps_the_examples_as_lines(command: str) -> None:
    result = run("--lang", "en", *([command] if command else []), "--help")
    assert result.exit_code == 0, result.output
    assert "\\b" not in result.output
    if "Examples:" in result.output:
        assert "Examples:\n" in result.output


def test_every_option_has_english_help_and_swedish_comes_back() -> None:
    commands = [("", cli), *cli.commands.items()]
    options = [
        (name, param)
        for name, command in commands
        for param in command.params
        if isinstance(param, click.Option) and param.help and param.name != "version"
    ]
    swedish = {(name, option.name): option.help for name, option in options}
    use_language(cli, "en")
    english = {(name, option.name): option.help for name, option in options}
    missing = [key for key, help_text in english.items() if help_text == swedish[key]]
    assert missing == []
    use_language(cli, "sv")
    assert {(name, option.name): option.help for name, option in options} == swedish


def test_the_shipped_catalogues_are_read_by_libyaml() -> None:
    """`--help` reads locale_en.yaml at every start: a `?` inside a flow mapping, a tab or a
    `!` would send it through the pure-Python parser, several times slower."""
    from samverkan_cli.source import yaml_composing

    package = Path(yaml_composing.__file__).parent.parent
    for name in ("messages/locale_en.yaml", "source/schema_texts.yaml"):
        assert not yaml_composing._pure_only((package / name).read_text(encoding="utf-8")), name
