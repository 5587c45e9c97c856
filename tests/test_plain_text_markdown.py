"""Markdown where it works, and a word where it does not (issue 15, F5).

Every paragraph of the agreement (`text:`, `uppdrag:`, the organisation's `inledning:`) is
inline Markdown: a link keeps its address in both outputs. Every other text is printed as
it stands, and Markdown written there is told at the line (SV168). A blank line in a text
printed as one paragraph, and a link definition no link uses, are refused (SV155). Every
character the Markdown writer holds as text reads back as that text under CommonMark and
GitHub's extensions (strikethrough, tables), so the Markdown and the DOCX show the same.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document as open_docx
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from samverkan_cli.check.folder import check_folder
from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.document.literal import markdown_syntax, parsed_syntax, plain_line
from samverkan_cli.document.paragraph import paragraph_inlines, paragraph_refusals
from samverkan_cli.document.parsing import parse_markdown, prose_refusals
from samverkan_cli.document.refusals import UnsupportedMarkdown
from samverkan_cli.document.tree import Document, DocumentInfo, Paragraph, Span
from samverkan_cli.model.paragraph_text import ParagraphText
from samverkan_cli.rules.prose import text_leaves
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.writers import write_markdown
from samverkan_cli.writers.docx import write_docx
from tests.agreement_copy import AgreementCopy
from tests.conftest import REPO_ROOT
from tests.test_inline_markdown import _build, _hyperlinks
from tests.test_rules import LAGESBILD, covers_rule, position

AGREEMENT = "overenskommelse.yaml"
REPORT = "tjansteutlatande.yaml"


def _only(problems: list[Problem], rule: str) -> list[Problem]:
    return [p for p in problems if p.rule == rule]


def _paragraph_paths(folder: Path) -> list[tuple[str | int, ...]]:
    loaded = load_agreement(folder)
    return [path for path, text in text_leaves(loaded.agreement) if isinstance(text, ParagraphText)]


def _set(data: Any, path: tuple[str | int, ...], value: str) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


# --- every paragraph field renders inline Markdown in both outputs -------------------------


def test_every_paragraph_field_keeps_its_link_in_markdown_and_docx(
    jarva: AgreementCopy, tmp_path: Path
) -> None:
    paths = _paragraph_paths(jarva.folder)
    sections = {path[0] for path in paths}
    assert len(sections) >= 5, sections  # text: of many sections, uppdrag:, inledning:
    file = jarva.folder / AGREEMENT
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    for number, path in enumerate(paths):
        _set(data, path, f"Läs [policy {number}](https://example.se/p{number}) och `k{number}`.")
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert _only(jarva.check(), "SV168") == []
    markdown, docx = _build(jarva, tmp_path / "ut")
    links = set(_hyperlinks(docx))
    for number in range(len(paths)):
        assert f"Läs [policy {number}](https://example.se/p{number}) och `k{number}`." in markdown
        assert (f"https://example.se/p{number}", f"policy {number}") in links
    runs = [r.text for p in open_docx(io.BytesIO(docx)).paragraphs for r in p.runs]
    assert "k0" in runs and "`k0`" not in "".join(runs)


def test_a_paragraph_resolves_bilaga_references_and_keeps_emphasis() -> None:
    assert paragraph_inlines("Se *noga* [sidan](https://example.se).") == (
        Span("Se "),
        Span("noga", emphasis=True),
        Span(" "),
        Span("sidan", href="https://example.se"),
        Span("."),
    )


@pytest.mark.parametrize(
    ("text", "fragment", "line"),
    [
        ("# Rubrik", "en rubrik", 0),
        ("Första.\n\nAndra.", "en tom rad", 1),
        ("Ett.\n\n\n  \nTvå.", "en tom rad", 3),
        ("| a | b |\n| - | - |\n| 1 | 2 |", "en tabell", 0),
        ("<!-- samverkan:sidbrytning -->", "en sidbrytning", 0),
        ("Se ![karta](k.png).", "en bild", 0),
        ("Se <b>detta</b>.", "HTML som inte stöds", 0),
        ("    kod", "kodblock", 0),
        ("> citat", "ett citat", 0),
    ],
)
def test_a_paragraph_holds_one_paragraph_of_inline_markdown(
    text: str, fragment: str, line: int
) -> None:
    [refusal, *_] = paragraph_refusals(text)
    assert fragment in refusal.message and refusal.line == line
    assert refusal.rule == "SV155"
    assert "till exempel" in refusal.message
    with pytest.raises(UnsupportedMarkdown):
        paragraph_inlines(text)


@pytest.mark.parametrize(
    "text",
    [
        "Bara text.",
        "Rad ett\nrad två",
        r"\# inte en rubrik och \| inget streck",
        "Se [x][k].\n\n[k]: https://example.se/k",
        "5 * 3 = 15, 100 % och a_b_c",
        "",
    ],
)
def test_paragraphs_that_fit(text: str) -> None:
    assert paragraph_refusals(text) == ()
    assert len(paragraph_inlines(text)) <= 5


def test_a_refused_paragraph_is_located_at_its_line(jarva: AgreementCopy) -> None:
    old = "bakgrund:\n  rubrik: Bakgrund\n  text:\n"
    new = old + "    - |-\n      Första stycket.\n\n      Andra stycket.\n    - '## Rubrik'\n"
    text = jarva.edit(old, new)
    problems = _only(jarva.check(), "SV155")
    blank = position(text, "      Första stycket.\n")[0] + 1
    assert [(p.location.line, p.location.column) for p in problems] == [
        (blank, 1),
        position(text, "'## Rubrik'"),
    ]
    assert problems[0].message.startswith("'text': en tom rad")


# --- plain texts: a blank line is refused, Markdown is told (SV168) ------------------------


def test_a_blank_line_in_a_plain_list_item_is_refused_at_its_line(jarva: AgreementCopy) -> None:
    loaded = load_agreement(jarva.folder)
    plain = [
        path
        for path, text in text_leaves(loaded.agreement)
        if not isinstance(text, ParagraphText) and isinstance(path[-1], int)
    ]
    assert plain, "Järva has plain list items (funktioner, uppgifter …)"
    text = jarva.edit(
        "          - Lokalpolisområdets chef\n",
        "          - |-\n            Lokalpolisområdets\n\n            chef\n",
    )
    problems = _only(jarva.check(), "SV155")
    line, _ = position(text, "            Lokalpolisområdets\n")
    assert [(p.location.line, p.location.column, p.message[:25]) for p in problems] == [
        (line + 1, 1, "'lista': en tom rad i en ")
    ]


LITERAL = [
    ("Se [policyn](https://example.se/p)", "en länk"),
    ("Bild ![karta](x.png)", "en bild"),
    ("Koden `SV1` gäller", "kod"),
    ("Mycket **viktigt**", "fet stil"),
    ("Gärna *snart*", "kursiv stil"),
    ("Inte ~~detta~~", "genomstruken text"),
    ("Se <b>detta</b>", "HTML"),
    ("<!-- anteckning -->", "HTML"),
    ("Enligt källan[^1]", "en fotnot"),
    ("# Rubrik", "en rubrik"),
    ("| a | b |\n| - | - |\n| 1 | 2 |", "en tabell"),
    ("> citat", "ett citat"),
    ("- ett\n- två", "en punktlista"),
    ("AT&amp;T", "ett tecken skrivet med"),
]

PLAIN = [
    "Polisens lägesbild 2024, https://example.se/lagesbild",
    "www.example.se",
    "5 * 3 = 15 och a_b_c",
    "1. Minska antalet brott i området",
    "- en enda punkt",
    "a < b och AT&T",
    "C:\\Dokument\\plan.docx",
    "Stadsdelsdirektör",
    "[uppgift borttagen]",
]


@pytest.mark.parametrize(("text", "what"), LITERAL)
def test_markdown_in_a_plain_text_is_named(text: str, what: str) -> None:
    found = markdown_syntax(text)
    assert found is not None and found.what.startswith(what)


@pytest.mark.parametrize("text", PLAIN)
def test_plain_text_is_not_taken_for_markdown(text: str) -> None:
    assert markdown_syntax(text) is None


_LINE_PIECES = [
    "a",
    "Ö",
    "7",
    " ",
    "  ",
    ".",
    ")",
    "-",
    "+",
    "#",
    ">",
    "=",
    "|",
    ":",
    "/",
    "*",
    "_",
    "`",
    "[",
    "]",
    "!",
    "<",
    "&",
    "~",
    "\\",
    "\n",
    "\t",
    "\u00a0",
    "1. ",
    "- ",
    "# ",
    "    ",
    "https://example.se",
    "&amp;",
    "**",
    "[a](b)",
    "<b>",
    "[^1]",
    "~~",
    "---",
    "|-|",
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_LINE_PIECES), max_size=10).map("".join))
def test_a_text_taken_as_plain_without_parsing_parses_as_plain(text: str) -> None:
    """The shortcut of `markdown_syntax` (no parse for a line without Markdown's characters)
    never says "plain" where parsing would find something."""
    if plain_line(text):
        assert parsed_syntax(text) is None
    assert markdown_syntax(text) == parsed_syntax(text)


def test_the_shortcut_takes_ordinary_names_and_titles() -> None:
    """It is taken for the common case, else it would speed nothing up."""
    assert plain_line("Stadsdelsförvaltningen Rinkeby-Kista, avdelning 3 (Järva) #12")
    assert not plain_line("1. Minska") and not plain_line("a *b*") and not plain_line("a\nb")


@covers_rule("SV168")
def test_sv168_markdown_in_plain_fields_is_told_at_the_value(jarva: AgreementCopy) -> None:
    agreement = jarva.edit("  rubrik: Bakgrund\n", "  rubrik: Bakgrund `2025`\n")
    agreement = jarva.edit(
        "          - Lokalpolisområdets chef\n",
        "          - Lokalpolisområdets [chef](https://example.se)\n",
    )
    lagesbild = jarva.edit(
        'underlag_inledning: "Till', 'underlag_inledning: "Se **detta**', LAGESBILD
    )
    problems = _only(jarva.check(), "SV168")
    assert all(p.severity is Severity.WARNING for p in problems)
    located = {(Path(p.location.file).name, p.location.line, p.location.column) for p in problems}
    assert located == {
        (AGREEMENT, *position(agreement, "Bakgrund `2025`")),
        (AGREEMENT, *position(agreement, "Lokalpolisområdets [chef]")),
        ("lagesbild.yaml", *position(lagesbild, '"Se **detta**')),
    }
    message = next(p.message for p in problems if "[chef]" in p.message)
    assert message.startswith("'lista': Markdown fungerar inte i det här fältet (en länk")
    assert "texten skrivs som den står" in message
    assert "till exempel 'Polisens lägesbild 2024, https://example.se/lagesbild'" in message


@pytest.mark.parametrize("folder", sorted((REPO_ROOT / "agreements").iterdir()))
def test_no_example_has_markdown_in_a_plain_text_or_a_refused_paragraph(folder: Path) -> None:
    problems = check_folder(folder)[1]
    assert [str(p) for p in problems if p.rule in {"SV155", "SV168"}] == []


# --- unused link definitions ---------------------------------------------------------------


def test_an_unused_link_definition_is_refused_at_its_line(jarva: AgreementCopy) -> None:
    text = jarva.edit(
        "titel: Gemensam lokal lägesbild\n",
        "titel: Gemensam lokal lägesbild\ntext: |\n  Se [ref][k].\n\n"
        "  [k]: https://example.se/k\n  [Oanvänd  etikett]: https://example.se/X\n",
        LAGESBILD,
    )
    [problem] = _only(jarva.check(), "SV155")
    assert (problem.location.line, problem.location.column) == position(text, "[Oanvänd")
    assert "länkdefinitionen [Oanvänd  etikett] används inte" in problem.message
    assert "till exempel [policyn][Oanvänd  etikett]" in problem.message


@pytest.mark.parametrize(
    "text",
    [
        "Text.\n\n[oanvand]: https://example.se/X",
        "[a]: https://example.se/a\n[b]: https://example.se/b\n\nSe [a].",
        "Se [a][].\n\n[a]: https://example.se/a\n[B]: <https://example.se/b>",
    ],
)
def test_no_link_definition_vanishes(text: str) -> None:
    refusals = prose_refusals(text)
    assert [r.message.split(" används")[0] for r in refusals] == [
        f"länkdefinitionen [{label}]" for label in ("oanvand", "b", "B") if f"[{label}]:" in text
    ]
    with pytest.raises(UnsupportedMarkdown):
        parse_markdown(text)


def test_used_link_definitions_are_not_refused() -> None:
    text = "Se [a], [text][B] och [c][].\n\n[a]: https://e.se/a\n[b]: https://e.se/b\n[C]: https://e.se/c"
    assert prose_refusals(text) == ()
    assert len(parse_markdown(text).blocks) == 1


# --- the Markdown writer escapes every character GitHub would read -------------------------

_GITHUB = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
_PIECES = [
    *"\\`*_[]<>&|!~#+-=.():\"'{}^$%@/ 1aå",
    *("~~", "**", "__", "[ ]", "[x]", "- ", "1. ", "2) ", "# ", "> ", "| ", " |", "---", "```"),
    *("<b>", "</b>", "<!--", "-->", "&amp;", "&#35;", "![", "](", "<https://e.se>", "[^1]"),
    *("www.example.se", "https://example.se", "a@example.se", "\\*", "  ", "ord"),
]
"""Single characters and the sequences CommonMark and GitHub read as markup."""


def _read_back(markdown: str) -> tuple[str, set[str]]:
    """The text GitHub-like Markdown shows for `markdown`, and the token kinds it made."""
    kinds: set[str] = set()
    texts: list[str] = []
    for token in _GITHUB.parse(markdown):
        kinds.add(token.type)
        for child in token.children or []:
            kinds.add(child.type)
            if child.type in {"text", "text_special"}:
                texts.append(child.content)
            elif child.type == "softbreak":
                texts.append(" ")
    return "".join(texts), kinds


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12).map("".join))
def test_written_text_reads_back_as_the_same_text_on_github(raw: str) -> None:
    text = " ".join(raw.split())
    if not text:
        return
    document = Document((Paragraph((Span(text),)),), DocumentInfo(title=""))
    shown, kinds = _read_back(write_markdown(document))
    assert shown == text
    assert kinds <= {"paragraph_open", "paragraph_close", "inline", "text", "text_special"}


def test_strikethrough_shows_the_same_in_markdown_and_docx() -> None:
    document = parse_markdown("Inte ~~struken~~ text.\n")
    markdown = write_markdown(document)
    shown, kinds = _read_back(markdown)
    assert shown == "Inte ~~struken~~ text." and "s_open" not in kinds
    body = open_docx(io.BytesIO(write_docx(document))).paragraphs
    assert any("Inte ~~struken~~ text." in p.text for p in body)
