"""The house rules of the code (docs/utveckling/code-map.md): small modules, one name per
job, every package saying what it does and what it may import. The import contract itself is
checked by import-linter in `make lint`; this keeps the rest from eroding."""

from __future__ import annotations

import ast
import re
import tomllib
from collections import defaultdict
from pathlib import Path

from tests.conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "samverkan_cli"
MAX_LINES = 400
SHARED_STEMS = frozenset({"__init__", "__main__", "command"})
"""`cli/<name>.py` calls `<feature>/command.py`: the one name every feature shares on purpose;
`__init__` and `__main__` are Python's names (`__main__.py`: `python -m samverkan_cli`)."""


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _packages() -> list[Path]:
    return sorted(p.parent for p in PACKAGE.glob("*/__init__.py"))


def test_no_module_is_over_the_limit() -> None:
    long = {
        str(p.relative_to(REPO_ROOT)): n
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"split these modules (at most {MAX_LINES} lines): {long}"


def _stem_key(stem: str) -> str:
    """A module name without its form: case, underscores and a plural (frequencies and
    frequency, bilagor and bilaga, parties and party, rules and rule)."""
    key = stem.casefold().replace("_", "")
    for plural, singular in (("ies", "y"), ("or", "a"), ("s", "")):
        if key.endswith(plural):
            return key[: -len(plural)] + singular
    return key


def test_names_alike_in_form_are_caught() -> None:
    for first, second in (("bilaga", "bilagor"), ("frequency", "frequencies"), ("id", "ids")):
        assert _stem_key(first) == _stem_key(second)


def test_no_two_modules_differ_only_in_form() -> None:
    seen: dict[str, list[str]] = defaultdict(list)
    for path in _modules():
        if path.stem not in SHARED_STEMS:
            seen[_stem_key(path.stem)].append(str(path.relative_to(PACKAGE)))
    alike = {key: paths for key, paths in seen.items() if len(paths) > 1}
    assert not alike, f"give these modules names that tell them apart: {alike}"


def test_every_package_says_what_it_does_and_what_it_may_import() -> None:
    for package in _packages():
        docstring = ast.get_docstring(ast.parse((package / "__init__.py").read_text()))
        assert docstring, f"{package.name}/__init__.py has no docstring"
        lines = docstring.splitlines()
        assert len(lines) >= 2, f"{package.name}: say what it does, then what it may import"
        assert re.search(r"\bimport", lines[1], re.IGNORECASE), (
            f"{package.name}: line 2 names its imports"
        )


def test_every_module_has_a_docstring() -> None:
    missing = [
        str(p.relative_to(PACKAGE))
        for p in _modules()
        if not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))
    ]
    assert not missing, f"modules without a docstring: {missing}"


def test_the_import_contract_places_every_package() -> None:
    """`exhaustive = true` makes import-linter refuse an unplaced package; this also fails
    when the contract names a package that no longer exists."""
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    named = {name.strip() for layer in contract["layers"] for name in re.split(r"[|:]", layer)}
    assert named == {p.name for p in _packages()}


def test_the_code_map_matches_the_tree() -> None:
    """Every package is in the developer notes' code map (docs/utveckling/code-map.md, linked
    from the README), and the map names no package that is gone."""
    page = (REPO_ROOT / "docs" / "utveckling" / "code-map.md").read_text(encoding="utf-8")
    section = page.split("\n# Code map\n", 1)[1].split("\n## ", 1)[0]
    block = section.split("```\n", 2)[1]
    named = set(re.findall(r"(?<![\w/<])([a-z]+)/(?=[\s|]|$)", block, re.MULTILINE))
    assert named == {p.name for p in _packages()}
