"""One document model: Markdown written from the tree parses back to the same tree, and user
data with Markdown characters never changes the document's structure."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from samverkan_cli.core.errors import TemplateProblem
from samverkan_cli.document.parsing import parse_markdown
from samverkan_cli.document.tree import (
    BulletList,
    Document,
    Figure,
    Heading,
    LineBreak,
    ListItem,
    OrderedList,
    Paragraph,
    Span,
    Table,
)
from samverkan_cli.model import Agreement
from samverkan_cli.render.agreement_document import agreement_document
from samverkan_cli.render.templates import markdown_escape
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.writers import write_markdown
from tests.conftest import JARVA, REPO_ROOT

HOSTILE = [
    "# inte en rubrik",
    "*inte kursiv* och **inte fet**",
    "_understruket_ | pipe | tecken",
    "- ingen lista",
    "1. ingen numrerad lista",
    "> inget citat",
    "<b>ingen html</b> &amp; ingen entitet",
    "[ingen](länk) ![ingen](bild)",
    "`ingen kod`",
    "===",
    "\\ bakåtsnedstreck \\*",
    "rad ett\n\n# rad två",
]


def _paragraph(text: str) -> Paragraph:
    return Paragraph((Span(text),))


def test_round_trip_of_every_block_kind() -> None:
    document = Document(
        (
            Heading(1, (Span("Titel #1"),)),
            Paragraph((Span("fet ", strong=False), Span("ord", strong=True), Span(" slut"))),
            Paragraph((Span("rad"), LineBreak(), Span("nästa"))),
            BulletList((ListItem((_paragraph("- ett"),)), ListItem((_paragraph("två"),)))),
            OrderedList((ListItem((_paragraph("1. a"),)), ListItem((_paragraph("b"),))), start=3),
            Table(
                ((Span("a|b"),), (Span("c"),)),
                (((Span("*x*"),), (Span("_y_"),)),),
            ),
            Table(((Span("Ort"),),), (((Span("____"),),),), role="underskrifter"),
            Figure("järva organisation (1).png", "Samverkansorganisation *med* [hakar]"),
        )
    )
    assert parse_markdown(write_markdown(document)).blocks == document.blocks


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_round_trips_as_one_paragraph(text: str) -> None:
    folded = " ".join(text.split())
    document = Document((_paragraph(folded),))
    assert parse_markdown(write_markdown(document)).blocks == document.blocks


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_template_values_stay_plain_text(text: str) -> None:
    escaped = markdown_escape(text)
    blocks = parse_markdown(f"- {escaped}\n").blocks
    assert blocks == (BulletList((ListItem((_paragraph(" ".join(text.split())),)),)),)


@pytest.mark.parametrize("text", HOSTILE)
def test_user_data_cannot_change_the_structure_of_the_agreement(text: str) -> None:
    loaded = load_agreement(JARVA)
    assert loaded.agreement is not None
    original = agreement_document(loaded, REPO_ROOT)
    data = loaded.agreement.model_dump(by_alias=True)
    data["parter"][0]["namn"] = text
    data["organisation"]["forum"][0]["funktioner"]["lista"][0] = text
    data["parter"][1]["undertecknare"][0]["titel"] = text  # one signatory, as a list
    changed_loaded = replace(loaded, agreement=Agreement.model_validate(data))
    changed = agreement_document(changed_loaded, REPO_ROOT)
    assert [type(b) for b in changed.blocks] == [type(b) for b in original.blocks]
    folded = " ".join(text.split())
    bullets = next(b for b in changed.blocks if isinstance(b, BulletList) and len(b.items) == 3)
    assert bullets.items[0] == ListItem((_paragraph(folded),))
    [signatures] = [b for b in changed.blocks if isinstance(b, Table)]
    assert signatures.rows[-1][1] == (Span(folded),)


def test_markdown_outside_the_model_is_refused() -> None:
    with pytest.raises(TemplateProblem, match="HTML som inte stöds"):
        parse_markdown("<div>rå html</div>\n")
    with pytest.raises(TemplateProblem, match="Markdown som inte stöds"):
        parse_markdown("    indragen kod\n")


def test_rendered_markdown_is_stable() -> None:
    loaded = load_agreement(JARVA)
    assert loaded.agreement is not None
    first = write_markdown(agreement_document(loaded, REPO_ROOT))
    second = write_markdown(parse_markdown(first))
    assert first == second


def test_an_external_bilaga_in_a_collected_document_says_where_it_is(scratch_repo: Path) -> None:
    folder = scratch_repo / "agreements" / "rinkeby-kista-2017"
    source = folder / "overenskommelse.yaml"
    text = source.read_text(encoding="utf-8")
    start = text.index("    - id: overavtal")
    end = text.index("\n\n", start)
    entry = (
        "    - id: overavtal\n"
        "      titel: ÖVERAVTAL\n"
        "      typ: övergripande överenskommelse\n"
        "      extern:\n"
        "        titel: Samverkansavtal 2015\n"
        "        förvaras: i stadens diarium\n"
        "        diarienummer: 320-845/2015\n"
    )
    source.write_text(text[:start] + entry + text[end:], encoding="utf-8")
    loaded = load_agreement(folder)
    assert loaded.agreement is not None, loaded.problems
    markdown = write_markdown(agreement_document(loaded, REPO_ROOT))
    assert (
        "# Bilaga 7. ÖVERAVTAL\n\n”Samverkansavtal 2015” ingår inte i detta dokument. "
        "Den förvaras i stadens diarium. Diarienummer 320-845/2015.\n"
    ) in markdown
