"""YAML syntax errors are Swedish, name the likely cause and point at it.

One test per cause (tab, no-break space, missing space after a colon, an unclosed quote,
text after a quote, a missing dash or colon, indentation deeper or shallower than the key
before), each with several fresh cases; and every problem and context text PyYAML's
scanner, parser and composer can raise has a Swedish translation.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

from samverkan_cli.source.yaml_document import RULE_SYNTAX, YamlRefused
from samverkan_cli.source.yaml_errors import translate_context, translate_problem
from samverkan_cli.source.yaml_source import read_yaml


def refused(tmp_path: Path, text: str) -> tuple[int, int, str]:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(YamlRefused) as caught:
        read_yaml(path)
    problem = caught.value.problem
    assert problem.rule == RULE_SYNTAX
    assert problem.message.startswith("YAML-syntaxfel: ")
    assert "expected" not in problem.message and "found" not in problem.message
    return problem.location.line, problem.location.column, problem.message


@pytest.mark.parametrize(
    ("text", "at"),
    [("a:\n\tb: 1\n", (2, 1)), ("a:\n  \tb: 1\n", (2, 3)), ("lista:\n-\tx\n", (2, 2))],
)
def test_a_tab_in_the_indentation(tmp_path: Path, text: str, at: tuple[int, int]) -> None:
    line, column, message = refused(tmp_path, text)
    assert (line, column) == at
    assert "tabbtecken får inte användas för indrag" in message
    assert "mellanslag" in message and "t.ex." in message


@pytest.mark.parametrize(
    ("text", "at", "key"),
    [
        ("titel:\tHej\nb: 2\n", (1, 7), "titel"),
        ("a:\n  ort:\tSpånga\n  b: 2\n", (2, 7), "ort"),
        ("lista:\n  - namn:\tx\n", (2, 10), "namn"),
    ],
)
def test_a_tab_after_a_colon_is_not_called_indentation(
    tmp_path: Path, text: str, at: tuple[int, int], key: str
) -> None:
    line, column, message = refused(tmp_path, text)
    assert (line, column) == at
    assert "efter kolonet" in message and "indrag" not in message
    assert f"'{key}: värde'" in message


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("titel:\u00a0Hej\nb: 2\n", (1, 7)),
        ("a:\n  ort:\u00a0\n  b: 1\n", (2, 7)),
        ("a:\n  b: 1\n  c:\u202fx\n  d: 2\n", (3, 5)),
        ("x:\n  - namn:\u3000a\n    c: 2\n", (2, 10)),
    ],
)
def test_a_unicode_space_is_named_where_it_is(
    tmp_path: Path, text: str, at: tuple[int, int]
) -> None:
    line, column, message = refused(tmp_path, text)
    assert (line, column) == at
    assert "mellanslag (U+" in message and "vanligt mellanslag" in message
    assert "kolon på fel plats" not in message


@pytest.mark.parametrize(
    ("text", "at", "fixed"),
    [
        ("titel:Hej\nb: 2\n", (1, 6), "'titel: Hej'"),
        ("a:\n  ort:Spånga\n  b: 2\n", (2, 6), "'ort: Spånga'"),
        ("a:\n  b:1\n  c: 2\n", (2, 4), "'b: 1'"),
    ],
)
def test_a_missing_space_after_a_colon(
    tmp_path: Path, text: str, at: tuple[int, int], fixed: str
) -> None:
    line, column, message = refused(tmp_path, text)
    assert (line, column) == at
    assert "ett mellanslag saknas efter kolonet" in message
    assert fixed in message


@pytest.mark.parametrize(
    ("text", "at", "quote", "example"),
    [
        ('titel: "Hej\nb: 2\n', (1, 8), '"', 'titel: "Hej"'),
        ("a:\n  b: 1\n  c: 'Text\n  d: 2\n", (3, 6), "'", "c: 'Text'"),
    ],
)
def test_an_unclosed_quote_is_located_where_it_opens(
    tmp_path: Path, text: str, at: tuple[int, int], quote: str, example: str
) -> None:
    line, column, message = refused(tmp_path, text)
    assert (line, column) == at
    assert f"citattecknet {quote} här stängs aldrig" in message
    assert f"t.ex. {example}" in message  # the value written, its quote closed


def test_text_after_a_closing_quote(tmp_path: Path) -> None:
    line, column, message = refused(tmp_path, 'titel: "Hej" du\nb: 2\n')
    assert (line, column) == (1, 14)
    assert "text efter det avslutande citattecknet" in message
    assert "t.ex. titel: '\"Hej\" du'" in message


@pytest.mark.parametrize(
    ("text", "at", "fixed"),
    [
        ("lista:\n  - a\n  b\n", (3, 3), "'  - b'"),
        ("lista:\n  - namn: a\n    x: 1\n  namn: b\n", (4, 3), "'  - namn: b'"),
    ],
)
def test_a_missing_dash(tmp_path: Path, text: str, at: tuple[int, int], fixed: str) -> None:
    line, column, message = refused(tmp_path, text)
    assert (line, column) == at
    assert "ett listelement saknar '-'" in message and fixed in message


@pytest.mark.parametrize(
    ("text", "at", "key"),
    [("a: 1\nb\nc: 2\n", (2, 1), "b"), ("a:\n  b: 1\n  ort\n  d: 2\n", (3, 3), "ort")],
)
def test_a_missing_colon(tmp_path: Path, text: str, at: tuple[int, int], key: str) -> None:
    line, column, message = refused(tmp_path, text)
    assert (line, column) == at
    assert f"ett kolon saknas efter nyckeln '{key}'" in message
    assert f"t.ex. '{key}: värde'" in message


@pytest.mark.parametrize(
    ("text", "at", "words"),
    [
        # shallower than the key before it: both columns named
        (
            "underskrifter:\n    ort: Spånga\n  datum: 2024-06-01\n",
            (3, 3),
            ["'datum' står i kolumn 3", "'ort' på rad 2 står i kolumn 5", "kolumn 1"],
        ),
        (
            "a:\n  - x: 1\n   y: 2\n",
            (3, 4),
            ["'y' står i kolumn 4", "'x' på rad 2 står i kolumn 5"],
        ),
        # deeper than a key that already has a value
        (
            "a:\n  b: 1\n   c: 2\n",
            (3, 4),
            ["'c' står i kolumn 4", "'b' på rad 2 (kolumn 3)", "flytta 'c' till kolumn 3"],
        ),
        (
            "titel: Hej\n  b: 2\n",
            (2, 3),
            ["'b' står i kolumn 3", "'titel' på rad 1 (kolumn 1)", "'titel:' utan värde"],
        ),
    ],
)
def test_wrong_indentation_names_the_columns(
    tmp_path: Path, text: str, at: tuple[int, int], words: list[str]
) -> None:
    line, column, message = refused(tmp_path, text)
    assert (line, column) == at
    assert "fel indrag" in message
    for word in words:
        assert word in message


def test_a_colon_inside_a_value_shows_it_quoted(tmp_path: Path) -> None:
    line, column, message = refused(tmp_path, "titel: ok\ntext: Möte: kl 18\n")
    assert (line, column) == (2, 11)
    assert "ett kolon på fel plats" in message
    assert 't.ex. text: "Möte: kl 18"' in message


# --- every text PyYAML can raise is translated ----------------------------------------------


def _pyyaml_texts() -> list[str]:
    """The problem and context strings of PyYAML's scanner, parser and composer."""
    root = Path(yaml.__file__).parent
    texts: list[str] = []
    for name in ("scanner", "parser", "composer"):
        tree = ast.parse((root / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if not node.func.id.endswith("Error"):
                continue
            for argument in node.args:
                if isinstance(argument, ast.BinOp) and isinstance(argument.op, ast.Mod):
                    argument = argument.left
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    texts.append(argument.value)
    return sorted(set(texts))


PYYAML_TEXTS = _pyyaml_texts()


def test_pyyaml_texts_were_found() -> None:
    assert len(PYYAML_TEXTS) > 40


@pytest.mark.parametrize("english", PYYAML_TEXTS)
def test_every_pyyaml_text_has_swedish(english: str) -> None:
    sample = english.replace("%r", "'x'").replace("%d", "4").replace("%s", "scalar")
    if english.startswith("while ") or english == "second occurrence":
        assert translate_context(sample) is not None, english
    if english.startswith("while "):
        return
    swedish = translate_problem(sample, "titel: x")
    assert "(PyYAML)" not in swedish, english
    assert "t.ex." in swedish or "ge det ett eget namn" in swedish or "ta bort" in swedish
