"""A mall cannot leak: fill only what validation flags, build, and find nothing of the example.

For every mall: `init` as of a day years after the examples, then replace each value SV135
flags (and nothing else) with a fresh marker of the right form, build, and look in the
Markdown and in every part of the DOCX for the example's texts, organisationsnummer, person
names and years. A value of the example that is not a placeholder and not in
`init.mall_values.KEPT` would show up here, including one in a field added later.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.check.folder import CheckSettings, check_folder
from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.init.mall_catalogue import MALLAR, mall_folder
from samverkan_cli.init.mall_values import (
    KEPT,
    POLICE_LEGAL_NAME,
    POLICE_ORGNR,
    is_kept,
    mall_edits,
)
from samverkan_cli.init.new_folder import initialise
from samverkan_cli.init.yaml_editing import Editor, index
from samverkan_cli.model.orgnr import luhn_check_digit
from samverkan_cli.model.translation import translation_code
from samverkan_cli.rules.placeholders import RULE_PLACEHOLDER
from samverkan_cli.source.repository import Repository

TODAY = dt.date(2031, 5, 10)
SETTINGS = CheckSettings(today=TODAY)
EXAMPLE_MALLAR = [mall for mall, example in MALLAR.items() if example is not None]
KEYWORDS = (
    "kartläggning, analys, trygghetsmätning; Kommunstyrelsens ordförande, lokalpolisområdeschef"
)
"""Words the profiles look for in some texts (lag-2023-196's lägesbild, bra-samverkan's
signatories): a marker of the right form carries them, as a real text would."""
_REFERENCE = re.compile(r"\{[^{}]*\}")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
LAW = "2023:196"
"""Lag (2023:196) is named by the profile's own texts, not by the example."""


Path_ = tuple[str | int, ...]


def _nodes(node: Node, path: Path_ = ()) -> Iterator[tuple[Path_, ScalarNode]]:
    if isinstance(node, ScalarNode):
        yield path, node
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield from _nodes(value, (*path, str(key.value)))
    elif isinstance(node, SequenceNode):
        for position, item in enumerate(node.value):
            yield from _nodes(item, (*path, position))


def _set(data: Any, path: Path_, value: object) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


class Filler:
    """Fresh marker values, each of the form its field needs."""

    def __init__(self) -> None:
        self.count = 0

    def value(self, path: Path_, node: ScalarNode) -> object:
        self.count += 1
        loaded = yaml.safe_load(node.value) if node.style is None else node.value
        if isinstance(loaded, dt.date | int) and not isinstance(loaded, bool):
            return loaded  # already moved to the new term; the years are checked below
        text = str(node.value)
        if path[-1] == "organisationsnummer":
            digits = f"21200{self.count:04d}"
            return f"{digits[:6]}-{digits[6:]}{luhn_check_digit(digits)}"
        if path[-1] == "postnummer":
            return "123 45"
        references = " ".join(_REFERENCE.findall(text))
        return f"Mq{self.count:04d} {KEYWORDS} {references}".strip()


CHECK = "fyll i: kontrollera"
"""A value the user is asked to look at (a meeting count): right or changed, it stays a
value of its form; here it is kept, and its comment goes with the rewrite."""


def fill_flagged(folder: Path) -> int:
    """Replace every value SV135 flags with a fresh marker (the comments go with the
    rewrite), except those only to be looked at; the number of values replaced."""
    problems = check_folder(folder, SETTINGS)[1]
    flagged = {
        (Path(p.location.file).resolve(), p.location.line, p.location.column)
        for p in problems
        if p.rule == RULE_PLACEHOLDER and not p.message.startswith(CHECK)
    }
    filler = Filler()
    replaced = 0
    for path in sorted(folder.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        assert root is not None
        for key_path, node in _nodes(root):
            where = (path.resolve(), node.start_mark.line + 1, node.start_mark.column + 1)
            if where in flagged:
                _set(data, key_path, filler.value(key_path, node))
                replaced += 1
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return replaced


def example_leaves(folder: Path) -> Iterator[tuple[str, Path_, object]]:
    """(kind, path, value) of every leaf of the example's YAML files, but its translations:
    `init` does not copy them."""
    for path in sorted(folder.rglob("*.yaml")):
        if path.parent == folder and translation_code(path.name) is not None:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        kind = "överenskommelse" if path.name == "overenskommelse.yaml" else str(data["typ"])
        yield from ((kind, p, v) for p, v in _leaves(data))


def _leaves(data: object, path: Path_ = ()) -> Iterator[tuple[Path_, object]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*path, str(key)))
    elif isinstance(data, list):
        for position, value in enumerate(data):
            yield from _leaves(value, (*path, position))
    else:
        yield path, data


def forbidden(folder: Path) -> tuple[set[str], set[str]]:
    """The example's own texts (not kept, and not also part of a kept text) and its years."""
    leaves = list(example_leaves(folder))
    kept = [str(v).casefold() for kind, p, v in leaves if is_kept(kind, p)]
    texts: set[str] = set()
    years: set[str] = set()
    for kind, path, value in leaves:
        if isinstance(value, dt.date):
            years.add(str(value.year))
        if not isinstance(value, str) or is_kept(kind, path):
            continue
        years.update(_YEAR.findall(value.replace(LAW, "")))
        folded = value.casefold()
        if value == POLICE_ORGNR:
            continue  # the Polismyndighet's real number, the same in every agreement
        if value == POLICE_LEGAL_NAME and path[-2:] == ("juridisk_part", "namn"):
            continue  # the legal party every police party signs within
        if len(value) >= 6 and not any(folded in k for k in [*kept, KEYWORDS.casefold()]):
            texts.add(value)
            if path[-1] == "organisationsnummer":
                texts.add(value.replace("-", ""))
    return texts, years


def docx_texts(path: Path) -> str:
    """The text of every XML part of a DOCX: body, header, footer, properties."""
    with zipfile.ZipFile(path) as docx:
        parts = [docx.read(n).decode("utf-8") for n in docx.namelist() if n.endswith(".xml")]
    return "\n".join(re.sub(r"<[^>]+>", "", part) for part in parts)


def _errors(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems if p.severity is Severity.ERROR]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "agreements").mkdir(parents=True)
    return root


@pytest.mark.parametrize("mall", EXAMPLE_MALLAR)
def test_a_filled_mall_holds_nothing_of_the_example(repo: Path, mall: str) -> None:
    made = initialise(Repository(repo), "ny", mall=mall, today=TODAY)
    assert fill_flagged(made.folder) > 30
    problems = check_folder(made.folder, SETTINGS)[1]
    assert _errors(problems) == []
    assert [str(p) for p in problems if p.rule == RULE_PLACEHOLDER] == []
    result = build_agreement(made.folder, repo / "out", repo, SETTINGS)
    outputs = {p.name: p for p in result.written}
    markdown = next(p for name, p in outputs.items() if name.endswith(".md"))
    docx = next(p for name, p in outputs.items() if name.endswith(".docx"))
    built = markdown.read_text(encoding="utf-8") + "\n" + docx_texts(docx)
    example = mall_folder(mall)
    assert example is not None
    texts, years = forbidden(example)
    assert years  # the examples have years; none of them may be left
    assert sorted(t for t in texts if t in built) == []
    assert sorted(y for y in years if re.search(rf"(?<!\d){y}(?!\d)", built.replace(LAW, ""))) == []
    assert "exempel" not in built.casefold()
    assert "Mq0" in built  # the markers did reach the document


@pytest.mark.parametrize("mall", list(MALLAR))
def test_a_fresh_mall_has_only_placeholder_findings(repo: Path, mall: str) -> None:
    made = initialise(Repository(repo), "ny", mall=mall, today=TODAY)
    problems = check_folder(made.folder, SETTINGS)[1]
    unexpected = [
        str(p) for p in problems if p.severity is not Severity.INFO and p.rule != RULE_PLACEHOLDER
    ]
    assert unexpected == []


def test_a_field_no_one_listed_becomes_a_placeholder() -> None:
    """A field added to an example later is not in KEPT: its text is wrapped, its number and
    date marked, and an organisationsnummer never kept."""
    text = (
        "typ: lägesbild\n"
        "ny_text: Hemlig text\n"
        "ny_lista:\n  - >-\n    Ett stycke\n    på två rader\n"
        "ny_siffra: 5\n"
        "ny_dag: 2026-03-31\n"
        "ny_part: {organisationsnummer: 212000-0142, typ: kommun}\n"
        "id: kvar\n"
    )
    entries = dict(index(yaml.compose(text, Loader=yaml.SafeLoader)))
    edited = Editor(text, entries).apply(mall_edits("lägesbild", entries, 12, None))
    data = yaml.safe_load(edited)
    assert data["ny_text"] == "«Exempel: Hemlig text»"
    assert data["ny_lista"] == ["«Exempel: Ett stycke på två rader»"]
    assert "ny_siffra: 5  # FYLL I" in edited
    assert "ny_dag: 2027-03-31  # FYLL I" in edited  # a month's last day stays the last
    assert data["ny_part"]["organisationsnummer"] == "000000-0000"
    assert data["typ"] == "lägesbild" and data["id"] == "kvar"
    assert all(kept.why for kept in KEPT)


def test_the_police_legal_party_is_kept_and_any_other_is_not() -> None:
    """A polisregion signs within Polismyndigheten, whose name and number are the same in
    every agreement; a kommun's legal party is the example's own."""
    text = (
        "parter:\n"
        "  - {id: p, typ: polisregion, juridisk_part: "
        "{namn: Polismyndigheten, organisationsnummer: 202100-0076}}\n"
        "  - {id: k, typ: kommun, juridisk_part: "
        "{namn: Polismyndigheten, organisationsnummer: 212000-0142}}\n"
    )
    entries = dict(index(yaml.compose(text, Loader=yaml.SafeLoader)))
    edited = Editor(text, entries).apply(mall_edits("överenskommelse", entries, 12, None))
    police, kommun = yaml.safe_load(edited)["parter"]
    assert police["juridisk_part"] == {
        "namn": POLICE_LEGAL_NAME,
        "organisationsnummer": POLICE_ORGNR,
    }
    assert kommun["juridisk_part"] == {
        "namn": "«Exempel: Polismyndigheten»",
        "organisationsnummer": "000000-0000",
    }
