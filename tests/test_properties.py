"""Properties over generated hostile data (hypothesis).

The Järva agreement is mutated: a value anywhere replaced by a YAML-ish value (text with
Markdown characters and placeholders, numbers, booleans, nulls, dates as text, lists,
mappings), a key deleted, or an unknown key added; the result is written as YAML. Then:

- checking never raises: it returns located problems, and `samverkan validate` exits 0 or 1
  without a traceback;
- a build either refuses (ProblemsFound or another SamverkanError) and leaves the output
  folder exactly as it was, or writes a complete set of files that open and parse; never a
  part of a set;
- libyaml and the pure-Python parser read any text alike: the same data, or the same refusal.
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.check.folder import check_folder
from samverkan_cli.core.errors import ProblemsFound, SamverkanError
from samverkan_cli.core.problems import Problem
from samverkan_cli.document.parsing import parse_markdown
from samverkan_cli.source.yaml_document import YamlDocument, YamlRefused
from samverkan_cli.source.yaml_source import read_yaml
from tests.conftest import JARVA

AGREEMENT = "overenskommelse.yaml"
SAMVERKAN = Path(sys.executable).parent / "samverkan"
JARVA_DATA = read_yaml(JARVA / AGREEMENT).data

Path_ = tuple[str | int, ...]


def node_paths(data: Any, path: Path_ = ()) -> Iterator[Path_]:
    """The path of every value below the root, collections included."""
    if isinstance(data, dict | list):
        children = data.items() if isinstance(data, dict) else enumerate(data)
        for key, value in children:
            yield (*path, key)
            yield from node_paths(value, (*path, key))


def value_at(data: Any, path: Path_) -> Any:
    for element in path:
        data = data[element]
    return data


PATHS = list(node_paths(JARVA_DATA))
MAPPINGS = [()] + [p for p in PATHS if isinstance(value_at(JARVA_DATA, p), dict)]
TEXTS = [p for p in PATHS if isinstance(value_at(JARVA_DATA, p), str)]
KNOWN_KEYS = sorted({p[-1] for p in PATHS if isinstance(p[-1], str)})

# --- YAML-ish values ----------------------------------------------------------------------

PIECES = [
    "{frekvens}",
    "{bilaga:lagesbild}",
    "{bilaga:finns-inte}",
    "{bilaga:}",
    "{",
    "}",
    "**fet**",
    "_kursiv_",
    "# Rubrik",
    "## ",
    "| a | b |",
    "|---|",
    "- punkt",
    "1. punkt",
    "> citat",
    "`kod`",
    "[länk](https://example.org)",
    "![bild](x.png)",
    "<w:p>",
    "</w:t>",
    "<!-- samverkan:x -->",
    "&",
    "&amp;",
    "]]>",
    "\\",
    "*",
    "#",
    "\n",
    "\n\n",
    "  ",
    "\t",
    "å",
    "Ö",
    "é",
    "€",
    "\u00a0",
    "\u200b",
    "\u2028",
    "😀",
    ":",
    "- ",
    "---",
    "vid behov",
]
WORDS = [
    "vid behov",
    "tillsvidare",
    "tills vidare",
    "styrgrupp",
    "beredningsgrupp",
    "arbetsgrupp",
    "lagesbild",
    "lägesbild",
    "år",
    "månad",
    "vecka",
    "torsdag",
    "stockholm-lokal-2023",
    "åtgärdsplan",
    "stadsdelsförvaltning",
    "lokalpolisområde",
]


def text_from(characters: st.SearchStrategy[str], least: int) -> st.SearchStrategy[str]:
    pieces = st.one_of(st.sampled_from(PIECES), st.text(characters, max_size=6))
    return st.one_of(
        st.text(characters, min_size=least, max_size=12),
        st.lists(pieces, min_size=least, max_size=6).map("".join),
        st.sampled_from(WORDS),
        st.dates().map(str),
    )


texts = text_from(st.characters(), 0)
# Not empty, no control characters (both refused at once): more of these get to a build.
visible_texts = text_from(st.characters(exclude_categories=("Cc", "Cs")), 1)
scalars = st.one_of(texts, st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False))
keys = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(min_size=1, max_size=10))
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(keys, children, max_size=3),
    max_leaves=8,
)

replace = st.tuples(st.just("replace"), st.sampled_from(PATHS), values)
retext = st.tuples(st.just("replace"), st.sampled_from(TEXTS), texts)
delete = st.tuples(st.just("delete"), st.sampled_from(PATHS), st.none())
add = st.tuples(st.just("add"), st.sampled_from(MAPPINGS), st.tuples(keys, values))
mutations = st.lists(st.one_of(retext, replace, delete, add), min_size=1, max_size=3)
# For builds, mostly new texts: they keep the agreement valid often enough to be written.
revisible = st.tuples(st.just("replace"), st.sampled_from(TEXTS), visible_texts)
build_mutations = st.lists(
    st.one_of(revisible, revisible, revisible, replace, delete, add), min_size=1, max_size=2
)


def mutated(mutation_list: list[tuple[str, Path_, Any]]) -> Any:
    """Järva's data with the mutations applied (one whose path is gone is skipped)."""
    data = copy.deepcopy(JARVA_DATA)
    for kind, path, argument in mutation_list:
        try:
            target = value_at(data, path if kind == "add" else path[:-1])
            if kind == "add":
                if isinstance(target, dict):
                    key, value = argument
                    target[key] = value
            elif kind == "delete":
                del target[path[-1]]
            else:
                target[path[-1]] = argument
        except (KeyError, IndexError, TypeError):
            continue
    return data


def write_agreement(folder: Path, data: Any) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (folder / AGREEMENT).write_text(text, encoding="utf-8")


def assert_located(problems: list[Problem]) -> None:
    for problem in problems:
        assert problem.location.line >= 1 and problem.location.column >= 1, problem
        assert problem.rule.startswith("SV") and problem.message, problem


@pytest.fixture(scope="module")
def jarva_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One scratch copy of Järva for all examples; each writes its own agreement file."""
    folder = tmp_path_factory.mktemp("properties") / "repo" / "agreements" / "järva"
    shutil.copytree(JARVA, folder)
    return folder


MUTATION_SETTINGS = settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# --- checking -----------------------------------------------------------------------------


@settings(MUTATION_SETTINGS, max_examples=300)
@given(mutations)
def test_checking_mutated_data_never_raises(jarva_copy: Path, mutation_list: Any) -> None:
    write_agreement(jarva_copy, mutated(mutation_list))
    _, problems = check_folder(jarva_copy)
    assert_located(problems)


@settings(MUTATION_SETTINGS, max_examples=4)
@given(mutations)
def test_validate_of_mutated_data_exits_0_or_1(jarva_copy: Path, mutation_list: Any) -> None:
    write_agreement(jarva_copy, mutated(mutation_list))
    done = subprocess.run(
        [str(SAMVERKAN), "validate"],
        cwd=jarva_copy.parent.parent,
        env=os.environ | {"SAMVERKAN_LANG": "sv"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert "internt fel" not in done.stdout + done.stderr


# --- building: everything or nothing ------------------------------------------------------

EARLIER = {
    name: f"tidigare {name}\n".encode()
    for name in (
        "lokal-samverkansoverenskommelse-jarva.md",
        "lokal-samverkansoverenskommelse-jarva.docx",
        "lokal-samverkansoverenskommelse-jarva-organisation.png",
        "lokal-samverkansoverenskommelse-jarva-tjansteutlatande.md",
        "annat.txt",
    )
}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@settings(MUTATION_SETTINGS, max_examples=150)
@given(build_mutations)
def test_a_build_writes_a_complete_set_or_nothing(jarva_copy: Path, mutation_list: Any) -> None:
    write_agreement(jarva_copy, mutated(mutation_list))
    out = jarva_copy.parent.parent / "out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    for name, content in EARLIER.items():
        (out / name).write_bytes(content)
    try:
        result = build_agreement(jarva_copy, out, jarva_copy.parent.parent)
    except SamverkanError as refused:
        assert snapshot(out) == EARLIER, refused
        if isinstance(refused, ProblemsFound):
            assert_located(refused.problems)
        return
    written = {p.name for p in result.written}
    after = snapshot(out)
    assert set(after) == set(EARLIER) | written, "no temporary or other file is left"
    for name, content in EARLIER.items():
        if name not in written:
            assert after[name] == content
    stems = {Path(name).stem for name in written if name.endswith((".md", ".docx"))}
    assert stems, written
    for stem in stems:
        assert {f"{stem}.md", f"{stem}.docx"} <= written, f"{stem}: not a complete pair"
        docx.Document(str(out / f"{stem}.docx"))
        parse_markdown((out / f"{stem}.md").read_text(encoding="utf-8"))
    assert any(stem.endswith("-tjansteutlatande") for stem in stems), "the report is built too"


# --- libyaml and the pure-Python parser agree ---------------------------------------------

YAML_PIECES = [
    *"ab1: -\n\n  [],{}'\"#&*!|>?%@\\\t",
    "ä",
    "\r\n",
    "x: ",
    "- ",
    "\n  ",
    "\n    ",
    "...",
    "---",
    "\u2028",
    "\x85",
    "\ufeff",
    "\\t",
    "\\u00e5",
    "\\0",
    "0",
    "1.5",
    "~",
    "true",
    "!!str ",
    "&a ",
    "*a",
    "<<: ",
    ": ",
]


def read_as(path: Path, pure: str) -> tuple[str, Any]:
    """The data and the marks of every key and every value but an empty one (the parsers
    place an empty value differently: libyaml at the next token, PyYAML after the colon),
    or the problem the file is refused with."""
    earlier = os.environ.pop("SAMVERKAN_PURE_YAML", None)
    os.environ["SAMVERKAN_PURE_YAML"] = pure
    try:
        document: YamlDocument = read_yaml(path, "x.yaml")
    except YamlRefused as refused:
        return ("refused", refused.problem)
    finally:
        os.environ.pop("SAMVERKAN_PURE_YAML")
        if earlier is not None:
            os.environ["SAMVERKAN_PURE_YAML"] = earlier
    data = document.data
    marks = {p: m for p, m in document.value_marks.items() if value_at(data, p) is not None}
    return ("read", (document.data, marks, document.key_marks))


@settings(max_examples=1000, deadline=None, database=None)
@given(st.lists(st.sampled_from(YAML_PIECES), max_size=25).map("".join))
def test_libyaml_and_the_pure_parser_read_alike(tmp_path_factory: Any, text: str) -> None:
    path = tmp_path_factory.getbasetemp() / "both.yaml"
    path.write_bytes(text.encode("utf-8"))
    assert read_as(path, "") == read_as(path, "1")
