"""click's own usage errors and help headings are Swedish, and English with --lang en.

The translation table is checked against click's source: every text click builds with
`_()` or `ngettext()` has Swedish, so a click upgrade cannot bring English back unseen.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from samverkan_cli.cli.click_swedish import CLICK_MODULES, SWEDISH
from samverkan_cli.cli.main import cli, use_language


@pytest.fixture(autouse=True)
def swedish_afterwards() -> Iterator[None]:
    yield
    use_language(cli, "sv")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _click_texts() -> set[str]:
    root = Path(click.__file__).parent
    texts: set[str] = set()
    for name in CLICK_MODULES:
        tree = ast.parse((root / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            if node.func.id in {"_", "ngettext"}:
                texts.update(
                    a.value
                    for a in node.args
                    if isinstance(a, ast.Constant) and isinstance(a.value, str)
                )
    return texts


def test_every_text_of_click_has_swedish() -> None:
    texts = _click_texts()
    assert len(texts) > 50
    assert sorted(texts - SWEDISH.keys()) == []


ENGLISH_WORDS = ("Usage:", "Error:", "Try ", "Invalid value", "No such", "Missing", "Got unexp")


@pytest.mark.parametrize(
    ("args", "swedish", "english"),
    [
        (
            ["status", "--idag", "2025-13-01"],
            "'2025-13-01' är inget datum i formen ÅÅÅÅ-MM-DD; skriv till exempel 2025-03-01",
            "does not match the format",
        ),
        (["validate", "--nope"], "Det finns inget alternativ '--nope'", "No such option"),
        (["bygg"], "Det finns inget kommando 'bygg'", "No such command"),
        (["diff", "a"], "Argument saknas: 'NY'", "Missing argument"),
        (["diff", "a", "b", "c"], "Ett argument för mycket (c)", "Got unexpected extra argument"),
        (
            ["status", "--format", "xml"],
            "'xml' är inte ett av de tillåtna värdena 'text', 'json'",
            "is not one of",
        ),
        (["status", "--idag"], "Alternativet '--idag' behöver ett värde", "requires an argument"),
        (["build", "--pdf=ja"], "Alternativet '--pdf' tar inget värde", "does not take a value"),
        (["build", "x", "--referens", "."], "Filen '.' är en mapp; ange en fil", "is a directory"),
        (
            ["validate", "--strik"],
            "(Menade du något av: '--strict', '--strikt', '--tyst'?)",
            "Did you mean",
        ),
    ],
)
def test_usage_errors_in_swedish_and_english(args: list[str], swedish: str, english: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert swedish in result.output, result.output
    assert not any(word in result.output for word in ENGLISH_WORDS), result.output
    in_english = run("--lang", "en", *args)
    assert in_english.exit_code == 2
    assert english in in_english.output, in_english.output


def test_usage_and_help_lines_are_swedish() -> None:
    result = run("status", "--idag", "x")
    assert result.output.startswith("Användning: cli status")  # CliRunner's program name
    assert "Skriv 'cli status --help' för hjälp." in result.output
    assert "Fel: Ogiltigt värde för '--idag'" in result.output
    helped = run("--help")
    assert "Alternativ:" in helped.output and "Kommandon:" in helped.output
    assert "Visa den här hjälpen och avsluta." in helped.output
    english = run("--lang", "en", "--help")
    assert "Options:" in english.output and "Show this message and exit." in english.output


def test_the_usage_line_is_swedish_and_english_with_lang_en() -> None:
    swedish = CliRunner().invoke(cli, ["build", "--utkst"])
    assert "build [ALTERNATIV] [NAMN]" in swedish.output
    main = CliRunner().invoke(cli, ["--help"])
    assert "[ALTERNATIV] KOMMANDO [ARGUMENT]..." in main.output
    english = CliRunner().invoke(cli, ["--lang", "en", "build", "--utkst"])
    assert "build [OPTIONS] [NAMN]" in english.output
