"""Reading YAML with libyaml's C composer (`compose_in_c`) gives exactly what the slower
paths give.

The C composer is only used when the data built from its tree is accepted; any refusal is
read again the usual way. So for every text, reading with it and reading without it (as
before it existed) must give the same data, the same marks of every key and value, the same
count against the agreement's budget, or the same located refusal. The corpus: every YAML
file shipped (examples, fixtures, bad inputs, profiles), texts made to hit each limit and
each refusal, and many mutations of the real files (lines dropped, doubled, indented, YAML
indicators and aliases put in). Then: that the real files do take the quick path, and that
what makes it unsafe (too many nesting indicators, libyaml absent, the pure path asked for)
keeps them off it.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from samverkan_cli.source import yaml_composing, yaml_source
from samverkan_cli.source.yaml_composing import (
    C_COMPOSER_INDICATORS,
    C_COMPOSER_MAX_CHARS,
    compose_in_c,
)
from samverkan_cli.source.yaml_document import YamlRefused
from samverkan_cli.source.yaml_limits import MAX_DATA_CHARS, MAX_DEPTH, ReadBudget

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted(
    [
        *ROOT.glob("agreements/**/*.yaml"),
        *ROOT.glob("tests/fixtures/**/*.yaml"),
        *ROOT.glob("tests/bad_inputs/*.yaml"),
        *ROOT.glob("samverkan_cli/profiles/*.yaml"),
    ]
)
MADE = [
    "a: &x [1, 2]\nb: *x\nc: *x\n",
    "a: &x 1\nb: *y\n",
    "a: &x 1\nb: &x 2\n",
    "a: &a [*a]\n",
    "",
    "# only a comment\n",
    "---\na: 1\n---\nb: 2\n",
    "a:\n" + "".join("  " * i + "k:\n" for i in range(1, MAX_DEPTH + 5)) + "  " * 70 + "v\n",
    "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5),
    "x: &b " + "y" * 100_000 + "\nz: [" + ", ".join(["*b"] * (MAX_DATA_CHARS // 100_000)) + "]\n",
    "a: 1\na: 2\n",
    "a:\n  b: 1\n  b: [2]\n",
    "<<: {a: 1}\n",
    "? [a]\n: 1\n",
    "[a, b]: 1\n",
    'a: "\\0"\nb: "\\ud800"\n',
    "a: b\n  c\n- d\n",
    "a: b\n c: d\n",
    "a: 01\nb: 1.5\nc: true\nd: null\ne: ~\nf:\ng: ''\nh: -3\ni: .5\nj: +1\nk: 1e3\n",
    "lista:\n- \n-\n- ''\n",
    "a: |\n  text\n  # not a comment\nb: >-\n  folded\n  lines\n",
    "a: 'it''s'\nb: \"tab\\there\"\n",
]


def _read(path: Path, text: str) -> tuple[Any, ...]:
    path.write_bytes(text.encode("utf-8"))
    budget = ReadBudget()
    try:
        document = yaml_source.read_yaml(path, "fil.yaml", budget)
    except YamlRefused as refused:
        return ("refused", refused.problem)
    return ("read", document.data, document.value_marks, document.key_marks, budget)


def _both_ways(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    quick = _read(tmp_path / "a.yaml", text)
    with monkeypatch.context() as patched:
        patched.setattr(yaml_source, "compose_in_c", lambda text: None)
        usual = _read(tmp_path / "b.yaml", text)
    assert quick == usual


def _mutated(texts: list[str], rng: random.Random) -> str:
    lines = rng.choice(texts).split("\n")
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(lines))
        line = lines[i]
        choice = rng.randrange(7)
        if choice == 0:
            del lines[i]
        elif choice == 1:
            lines.insert(i, rng.choice(lines))
        elif choice == 2:
            lines[i] = " " + line
        elif choice == 3:
            lines[i] = line[1:]
        elif choice == 4 and line:
            j = rng.randrange(len(line))
            lines[i] = line[:j] + rng.choice(":-[]{}&*'\"|>#, ") + line[j:]
        elif choice == 5:
            lines[i] = line + rng.choice([" &a", " *a", ": x", " #c", "  - y"])
        else:
            lines.insert(i, rng.choice(["a: &a x", "b: *a", "- *a", "  c: *a", "k: [*a, *a]"]))
        if not lines:
            lines = [""]
    return "\n".join(lines)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_file_reads_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: Path
) -> None:
    text = path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
    _both_ways(tmp_path, monkeypatch, text)


@pytest.mark.parametrize("text", MADE)
def test_every_limit_and_refusal_reads_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    _both_ways(tmp_path, monkeypatch, text)


def test_mutated_agreements_read_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [p.read_text(encoding="utf-8") for p in ROOT.glob("agreements/*/**/*.yaml")]
    rng = random.Random(20)
    for _ in range(300):
        _both_ways(tmp_path, monkeypatch, _mutated(texts, rng))


@pytest.mark.skipif(yaml_composing._CComposingLoader is None, reason="PyYAML without libyaml")
def test_the_real_files_take_the_quick_path() -> None:
    for path in ROOT.glob("agreements/rinkeby-kista-2017/**/*.yaml"):
        assert compose_in_c(path.read_text(encoding="utf-8")) is not None, path


def test_many_nesting_indicators_keep_a_text_off_the_quick_path() -> None:
    """A text with C_COMPOSER_INDICATORS of `-:?[{` could nest that deep: libyaml's
    recursive composer is not given it, whatever libyaml limits."""
    few = "a: [" + "x, " * 10 + "]\n"
    assert compose_in_c(few) is not None or yaml_composing._CComposingLoader is None
    many = "a: " + "-" * C_COMPOSER_INDICATORS + "\n"
    assert compose_in_c(many) is None


def test_a_long_text_is_kept_off_the_quick_path() -> None:
    """A long text (a million tiny items) would be composed twice if refused: it is not
    given to the C composer, which checks no limit while composing."""
    long = "a: [" + "x," * (C_COMPOSER_MAX_CHARS // 2) + "]\n"
    assert compose_in_c(long) is None
    assert compose_in_c("a: [x, y]\n") is not None or yaml_composing._CComposingLoader is None


def test_the_pure_path_asked_for_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMVERKAN_PURE_YAML", "1")
    assert compose_in_c("a: 1\n") is None
