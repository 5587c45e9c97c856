"""Lists inside the paragraphs of typed blocks (issue 17: "lists and numbered paragraphs
inside prose render as lists").

A paragraph field (`bakgrund: text:`, a forum's `uppdrag:`, the organisation's `inledning:`
…) may hold the bullet and numbered lists that belong to its paragraph, and they reach the
Markdown and the DOCX as real lists (one document tree, both writers). What a paragraph
still cannot hold (a heading, a table, an image) is refused at its line (SV155), and so is
a list in a paragraph that a template continues in a sentence (`omfattning: text:`).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document as open_docx

from samverkan_cli.core.problems import Problem
from samverkan_cli.document.paragraph import paragraph_blocks, paragraph_refusals
from samverkan_cli.document.parsing import parse_markdown
from samverkan_cli.document.tree import (
    BulletList,
    Document,
    DocumentInfo,
    ListItem,
    OrderedList,
    Paragraph,
    Span,
)
from samverkan_cli.model.paragraph_text import ParagraphText, SentenceText
from samverkan_cli.rules.prose import text_leaves
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.writers import write_markdown
from tests.agreement_copy import AgreementCopy
from tests.test_inline_markdown import _build
from tests.test_rules import position

AGREEMENT = "overenskommelse.yaml"


def _only(problems: list[Problem], rule: str) -> list[Problem]:
    return [p for p in problems if p.rule == rule]


def _item(text: str) -> ListItem:
    return ListItem((Paragraph((Span(text),)),))


@pytest.mark.parametrize(
    "text",
    [
        "Parterna ska:\n- samverka\n- följa upp",
        "Parterna ska:\n\n- samverka\n- följa upp\n\nDetta följs upp varje år.",
        "1. Först\n2. Sedan",
        "Steg:\n\n3. tredje\n4. fjärde",
        "Punkter:\n\n- en\n  - under en\n- två",
    ],
)
def test_a_paragraph_field_may_hold_lists(text: str) -> None:
    assert paragraph_refusals(text) == ()
    blocks = paragraph_blocks(text)
    assert any(isinstance(b, BulletList | OrderedList) for b in blocks)


def test_the_lists_of_a_paragraph_are_blocks_of_the_tree() -> None:
    blocks = paragraph_blocks("Parterna ska:\n- samverka\n- följa upp\n\n2. andra\n3. tredje")
    assert blocks == (
        Paragraph((Span("Parterna ska:"),)),
        BulletList((_item("samverka"), _item("följa upp"))),
        OrderedList((_item("andra"), _item("tredje")), 2),
    )


@pytest.mark.parametrize(
    ("text", "fragment", "line"),
    [
        ("Text\n- a\n- b\n\n# Rubrik", "en rubrik", 4),
        ("- a\n- b\n\n| a | b |\n| - | - |\n| 1 | 2 |", "en tabell", 3),
        ("Ett.\n\n- a\n\nTvå.\n\nTre.", "en tom rad", 5),
        ("- a\n- ![karta](k.png)", "en bild", 1),
        ("- a\n- <b>b</b>", "HTML som inte stöds", 1),
    ],
)
def test_what_a_paragraph_cannot_hold_is_still_refused(text: str, fragment: str, line: int) -> None:
    [refusal, *_] = paragraph_refusals(text)
    assert refusal.rule == "SV155"
    assert fragment in refusal.message and refusal.line == line


def test_a_list_where_a_sentence_goes_is_refused() -> None:
    [refusal] = paragraph_refusals("Text:\n- a\n- b", lists=False)
    assert refusal.rule == "SV155" and refusal.line == 1
    assert "en punktlista kan inte stå här" in refusal.message
    [refusal] = paragraph_refusals("1. a\n2. b", lists=False)
    assert "en numrerad lista kan inte stå här" in refusal.message


def test_adjacent_lists_stay_apart_in_markdown() -> None:
    """Two lists of one kind in a row (a paragraph's list, then a template's points) are
    written with different markers, so Markdown reads two lists back, not one."""
    first = BulletList((_item("a"), _item("b")))
    second = BulletList((_item("c"),))
    third = BulletList((_item("d"),))
    numbered = (OrderedList((_item("e"),), 1), OrderedList((_item("f"),), 1))
    document = Document((first, second, third, *numbered), DocumentInfo(title=""))
    written = write_markdown(document)
    assert parse_markdown(written).blocks == document.blocks
    assert write_markdown(parse_markdown(written)) == written


def _paragraph_paths(folder: Path) -> list[tuple[tuple[str | int, ...], bool]]:
    loaded = load_agreement(folder)
    assert loaded.agreement is not None
    return [
        (path, isinstance(text, SentenceText))
        for path, text in text_leaves(loaded.agreement)
        if isinstance(text, ParagraphText)
    ]


def _set(data: Any, path: tuple[str | int, ...], value: str) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def test_every_paragraph_field_renders_its_lists_in_markdown_and_docx(
    jarva: AgreementCopy, tmp_path: Path
) -> None:
    paths = [path for path, sentence in _paragraph_paths(jarva.folder) if not sentence]
    assert len({path[0] for path in paths}) >= 4, paths
    file = jarva.folder / AGREEMENT
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    for number, path in enumerate(paths):
        _set(
            data,
            path,
            f"Parterna ska {number}:\n- punkt {number}a\n- punkt {number}b\n\n"
            f"1. steg {number}a\n2. steg {number}b",
        )
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert _only(jarva.check(), "SV155") == []
    markdown, docx = _build(jarva, tmp_path / "ut")
    styles = {
        p.text: p.style.name if p.style is not None else ""
        for p in open_docx(io.BytesIO(docx)).paragraphs
    }
    for number in range(len(paths)):
        assert (
            f"Parterna ska {number}:\n\n- punkt {number}a\n- punkt {number}b\n\n"
            f"1. steg {number}a\n2. steg {number}b\n"
        ) in markdown
        assert styles[f"Parterna ska {number}:"] not in {"List Bullet", "List Number"}
        assert styles[f"punkt {number}a"] == "List Bullet"
        assert styles[f"steg {number}b"] == "List Number"


def test_a_list_in_the_parties_clause_is_refused_at_its_line(jarva: AgreementCopy) -> None:
    old = "    - Överenskommelsen reglerar former och förutsättningar för samverkan.\n"
    new = "    - |-\n      Överenskommelsen reglerar:\n      - former\n      - förutsättningar\n"
    text = jarva.edit(old, new)
    [problem] = _only(jarva.check(), "SV155")
    assert (problem.location.line, problem.location.column) == position(text, "- former")
    assert problem.message.startswith("'text': en punktlista kan inte stå här")
