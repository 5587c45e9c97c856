"""Inline Markdown in prose never vanishes: links keep their address (a Word hyperlink in the
DOCX), code spans are kept (a monospace run), and whatever the document cannot hold (an
image, raw HTML, a link to javascript: or to a relative path, a quotation …) is refused
at file:line:col by SV154/SV155 before anything is built."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as open_docx
from docx.enum.style import WD_STYLE_TYPE

from samverkan_cli.cli.main import cli
from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.document.parsing import parse_markdown, prose_refusals
from samverkan_cli.document.refusals import UnsupportedMarkdown
from samverkan_cli.document.tree import Document, LineBreak, Paragraph, Span, Table
from samverkan_cli.rules.prose import markdown_fields
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.writers import write_markdown
from samverkan_cli.writers.docx import write_docx
from samverkan_cli.writers.reference_document import shipped_reference
from tests.agreement_copy import AgreementCopy
from tests.test_rules import LAGESBILD, covers_rule, position

REPORT = "tjansteutlatande.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

# --- the tree keeps every link and code span, and Markdown round-trips ---------------------

LINKED = [
    ("[policyn](https://example.se/policy)", "https://example.se/policy", "policyn"),
    ("[sidan](http://example.se)", "http://example.se", "sidan"),
    ("[mejla](mailto:registrator@example.se)", "mailto:registrator@example.se", "mejla"),
    ("<https://example.se/a_b*c>", "https://example.se/a_b*c", "https://example.se/a_b*c"),
    ("<registrator@example.se>", "mailto:registrator@example.se", "registrator@example.se"),
    ("[med (parentes)](https://example.se/a_(b))", "https://example.se/a_(b)", "med (parentes)"),
    ("[å](https://example.se/åtgärd plan)", None, None),  # a space ends the destination
    (
        "[åtgärd](<https://example.se/åtgärd plan>)",
        "https://example.se/%C3%A5tg%C3%A4rd%20plan",
        "åtgärd",
    ),
    ("[ref][k]\n\n[k]: https://example.se/ref", "https://example.se/ref", "ref"),
    ("[](https://example.se/tom)", "https://example.se/tom", "https://example.se/tom"),
]


def _spans(markdown: str) -> list[Span]:
    found: list[Span] = []
    for block in parse_markdown(markdown).blocks:
        if isinstance(block, Paragraph):
            found += [s for s in block.content if isinstance(s, Span)]
    return found


def _round_trips(markdown: str) -> str:
    """The Markdown written from the tree; parsing it gives the same tree and writing that
    gives the same text."""
    first = parse_markdown(markdown)
    written = write_markdown(first)
    second = parse_markdown(written)
    assert second.blocks == first.blocks, (written, second.blocks, first.blocks)
    assert write_markdown(second) == written
    return written


@pytest.mark.parametrize(("markdown", "href", "text"), LINKED)
def test_a_link_keeps_its_address_and_round_trips(
    markdown: str, href: str | None, text: str | None
) -> None:
    spans = _spans(markdown)
    if href is None:
        assert all(s.href is None for s in spans)
        assert "](https://example.se/åtgärd plan)" in "".join(s.text for s in spans)
    else:
        linked = [s for s in spans if s.href is not None]
        assert {s.href for s in linked} == {href}
        assert "".join(s.text for s in linked) == text
    _round_trips(markdown)


def test_emphasis_inside_and_around_link_text() -> None:
    markdown = "Se [policyn för **trygghet** och *arbete*](https://example.se/p) och **[fet](https://example.se/f)**."
    spans = _spans(markdown)
    linked = [(s.text, s.strong, s.emphasis) for s in spans if s.href == "https://example.se/p"]
    assert linked == [
        ("policyn för ", False, False),
        ("trygghet", True, False),
        (" och ", False, False),
        ("arbete", False, True),
    ]
    assert [(s.text, s.strong) for s in spans if s.href == "https://example.se/f"] == [
        ("fet", True)
    ]
    written = _round_trips(markdown)
    assert "[policyn för **trygghet** och *arbete*](https://example.se/p)" in written


def test_links_in_a_table_cell_and_a_list_round_trip() -> None:
    markdown = (
        "| Part | Webb |\n| --- | --- |\n"
        "| Polisen | [polisen.se](https://polisen.se/a\\|b) och `x\\|y` |\n\n"
        "- läs [policyn](https://example.se/policy)\n"
        "- mejla <registrator@example.se>\n"
    )
    document = parse_markdown(markdown)
    table = document.blocks[0]
    assert isinstance(table, Table)
    cell = table.rows[0][1]
    assert Span("polisen.se", href="https://polisen.se/a%7Cb") in cell
    assert Span("x|y", code=True) in cell
    written = _round_trips(markdown)
    assert "- läs [policyn](https://example.se/policy)" in written
    assert "- mejla <registrator@example.se>" in written


CODE = [
    ("`kod`", "kod"),
    ("``a`b``", "a`b"),
    ("`` `a` ``", "`a`"),
    ("`  två  `", " två "),
    ("` `", " "),
    ("`*inte kursiv* [ingen](länk) \\`", "*inte kursiv* [ingen](länk) \\"),
    ("**`fet kod`**", "fet kod"),
    ("[`kod i länk`](https://example.se)", "kod i länk"),
]


@pytest.mark.parametrize(("markdown", "code"), CODE)
def test_a_code_span_is_kept_as_code(markdown: str, code: str) -> None:
    spans = _spans(f"Text {markdown} slut")
    assert [s.text for s in spans if s.code] == [code]
    _round_trips(f"Text {markdown} slut")
    _round_trips(markdown)


def test_a_heading_with_code_and_a_link_keeps_both() -> None:
    written = _round_trips("# Om `#1` och [del #2](https://example.se/#2) #\n")
    assert written.startswith("# Om `#1` och [del \\#2](https://example.se/#2)")


def test_constructed_trees_with_links_and_code_round_trip() -> None:
    content = (
        Span("a ", href="https://example.se/(x) y<z>\\"),
        Span("fet", strong=True, href="https://example.se/(x) y<z>\\"),
        LineBreak(),
        Span("``", code=True),
        Span(" och "),
        Span("x@y.se", href="mailto:x@y.se"),
    )
    document = Document((Paragraph(content),))
    written = write_markdown(document)
    reparsed = parse_markdown(written).blocks
    assert write_markdown(parse_markdown(written)) == written
    spans = [s for s in reparsed[0].content if isinstance(s, Span)]  # type: ignore[union-attr]
    assert {s.href for s in spans} >= {"mailto:x@y.se"}
    assert [s.text for s in spans if s.code] == ["``"]


# --- refused: what the document cannot hold ------------------------------------------------

REFUSED = [
    ("[klick](javascript:alert(1))", "SV154", "'javascript:'"),
    ("<javascript:alert(1)>", "SV154", "'javascript:'"),
    ("[fil](file:///C:/hemligt.docx)", "SV154", "'file:'"),
    ("[data](data:text/html;base64,PHNjcmlwdD4=)", "SV154", "'data:'"),
    ("[ftp](ftp://example.se/fil)", "SV154", "'ftp:'"),
    ("[bilagan](bilaga.pdf)", "SV154", "ingen fullständig webbadress"),
    ("[rubriken](#rubrik)", "SV154", "ingen fullständig webbadress"),
    ("[tom]()", "SV154", "adressen saknas"),
    ("[utan värd](https:/sökväg)", "SV154", "'https:'"),
    ("[utan adress](mailto:)", "SV154", "'mailto:'"),
    ('[titel](https://example.se "en titel")', "SV155", "länkens titel 'en titel'"),
    ("Text ![karta](karta.png) och mer.", "SV155", "bilder kan inte ingå i texten"),
    ("![karta](karta.png)", "SV155", "bilder kan inte ingå i texten"),
    ("![ref][k]\n\n[k]: karta.png", "SV155", "bilder kan inte ingå i texten"),
    ("- ![i en lista](karta.png)", "SV155", "bilder kan inte ingå i texten"),
    ("Text <b>fet</b> text", "SV155", "HTML som inte stöds: '<b>'"),
    ("Text <!-- kommentar --> text", "SV155", "HTML som inte stöds"),
    ("<div>block</div>", "SV155", "HTML som inte stöds: '<div>block</div>'"),
    ("> ett citat", "SV155", "ett citat (>)"),
    ("    indragen kod", "SV155", "indraget kodblock"),
    ("```\nkod\n```", "SV155", "ett kodblock (```)"),
    ("Stycke\n\n---\n\nStycke", "SV155", "skiljelinje"),
    ("| a | b |\n| - | - |\n| 1 | 2 | 3 |", "SV155", "så '3' skulle försvinna"),
]


@pytest.mark.parametrize(("markdown", "rule", "fragment"), REFUSED)
def test_prose_the_document_cannot_hold_is_refused(markdown: str, rule: str, fragment: str) -> None:
    refusals = prose_refusals(markdown)
    assert [r.rule for r in refusals][:1] == [rule], refusals
    assert fragment in refusals[0].message
    assert "till exempel" in refusals[0].message  # every refusal shows an accepted form


LONE_IMAGES = {"![karta](karta.png)", "![ref][k]\n\n[k]: karta.png", "- ![i en lista](karta.png)"}
"""Alone in its paragraph an image is a figure in a built document (the templates draw the
organisation chart so); in prose it is refused like any other image."""


@pytest.mark.parametrize(("markdown", "rule", "fragment"), REFUSED)
def test_a_tree_is_never_built_without_part_of_the_text(
    markdown: str, rule: str, fragment: str
) -> None:
    if markdown in LONE_IMAGES:
        markdown = markdown.replace("![", "Text ![")
    with pytest.raises(UnsupportedMarkdown) as raised:
        parse_markdown(markdown)
    assert raised.value.refusal.rule == rule


def test_every_refusal_of_a_text_is_reported_with_its_line() -> None:
    text = "Första ![a](a.png)\nandra <i>x</i>\n\n> citat\n\n[j](javascript:x)\n"
    found = [(r.rule, r.line) for r in prose_refusals(text)]
    assert found == [("SV155", 0), ("SV155", 1), ("SV155", 1), ("SV155", 3), ("SV154", 5)]


def test_allowed_prose_has_no_refusals() -> None:
    text = (
        "# Rubrik\n\nStycke med **fet**, *kursiv*, `kod`, [länk](https://example.se), "
        "<https://example.se> och <registrator@example.se>.\\\nNy rad.\n\n"
        "- punkt\n  1. under\n\n| a | b |\n| - | - |\n| 1 |\n\n"
        "<!-- samverkan:sidbrytning -->\n"
    )
    assert prose_refusals(text) == ()


# --- located refusals through `validate` ---------------------------------------------------


def _only(problems: list[Problem], rule: str) -> list[Problem]:
    return [p for p in problems if p.rule == rule]


@covers_rule("SV154")
def test_sv154_a_link_to_javascript_is_refused_at_its_line(jarva: AgreementCopy) -> None:
    text = jarva.edit(
        "titel: Gemensam lokal lägesbild\n",
        "titel: Gemensam lokal lägesbild\ntext: |\n  Ett stycke.\n\n"
        "  Se [sidan](javascript:alert(1)) och [filen](bilaga.pdf).\n",
        LAGESBILD,
    )
    problems = _only(jarva.check(), "SV154")
    assert [(p.location.line, p.location.column) for p in problems] == [
        position(text, "javascript:alert"),
        position(text, "bilaga.pdf"),
    ]
    assert all(p.severity is Severity.ERROR for p in problems)
    assert Path(problems[0].location.file).name == "lagesbild.yaml"
    assert "bara adresser med http://, https:// eller mailto:" in problems[0].message
    assert "[policyn](https://example.se/policy)" in problems[0].message


@covers_rule("SV155")
def test_sv155_an_image_and_html_are_refused_at_their_place(jarva: AgreementCopy) -> None:
    text = jarva.edit(
        "titel: Gemensam lokal lägesbild\n",
        "titel: Gemensam lokal lägesbild\ntext: Kartan ![karta](karta.png) visar <b>allt</b>\n",
        LAGESBILD,
    )
    problems = _only(jarva.check(), "SV155")
    assert [(p.location.line, p.location.column) for p in problems] == [
        position(text, "![karta]"),
        position(text, "<b>"),
        position(text, "</b>"),
    ]
    assert problems[0].message.startswith("'text': en bild ('karta.png')")


def test_sv155_in_the_report_is_located_in_its_literal_block(jarva: AgreementCopy) -> None:
    old = "sammanfattning: |\n  Järva stadsdelsförvaltning"
    text = jarva.edit(old, "sammanfattning: |\n  > Citat\n\n  Järva stadsdelsförvaltning", REPORT)
    [problem] = _only(jarva.check(), "SV155")
    assert Path(problem.location.file).name == REPORT
    assert (problem.location.line, problem.location.column) == position(text, "> Citat")
    assert "'sammanfattning': Markdown som inte stöds: ett citat" in problem.message


def test_a_quoted_text_is_refused_at_the_text(jarva: AgreementCopy) -> None:
    text = jarva.edit(
        "titel: Gemensam lokal lägesbild\n",
        'titel: Gemensam lokal lägesbild\ntext: "Rad\\n\\n[x](file:///etc/passwd)"\n',
        LAGESBILD,
    )
    [problem] = _only(jarva.check(), "SV154")
    assert (problem.location.line, problem.location.column) == position(text, '"Rad')


def test_a_refused_text_builds_nothing(
    jarva: AgreementCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    jarva.edit(
        "titel: Gemensam lokal lägesbild\n",
        "titel: Gemensam lokal lägesbild\ntext: Se <span>detta</span>.\n",
        LAGESBILD,
    )
    result = CliRunner().invoke(
        cli, ["build", "järva", "--out", str(tmp_path / "ut")], catch_exceptions=False
    )
    assert result.exit_code == 1, result.output
    assert "SV155 fel" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "ut").exists()


# --- links and code reach both outputs -----------------------------------------------------

PROSE = (
    "titel: Gemensam lokal lägesbild\ntext: |\n"
    "  Läs [policyn för **trygghet**](https://example.se/policy) och skriv till\n"
    "  <registrator@example.se>. Koden `SV154` gäller.\n\n"
    "  | Källa | Länk |\n  | --- | --- |\n  | Polisen | [polisen.se](https://polisen.se) |\n\n"
    "  - en punkt med [en länk](http://example.se/lista)\n"
)


def _build(jarva: AgreementCopy, out: Path, *options: str) -> tuple[str, bytes]:
    """Build the copy with the real CLI, run in its repository as a user runs it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(jarva.folder.parent.parent)
        result = CliRunner().invoke(
            cli, ["build", "järva", "--out", str(out), *options], catch_exceptions=False
        )
    assert result.exit_code == 0, result.output
    public = "--publik" in options
    [markdown] = [
        p
        for p in out.glob("*.md")
        if "tjansteutlatande" not in p.name and p.stem.endswith("-publik") == public
    ]
    assert markdown.with_suffix(".docx").exists()
    return markdown.read_text(encoding="utf-8"), markdown.with_suffix(".docx").read_bytes()


def _hyperlinks(docx: bytes) -> list[tuple[str, str]]:
    """(target, text) of every hyperlink in the DOCX's body, its relationship external."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        rels = package.read("word/_rels/document.xml.rels").decode()
        body = package.read("word/document.xml").decode()
    targets = {
        m.group(1): m.group(2)
        for m in re.finditer(
            r'<Relationship Id="(\w+)" Type="[^"]*/hyperlink" Target="([^"]*)"'
            r' TargetMode="External"/>',
            rels,
        )
    }
    found = []
    for link in re.finditer(r'<w:hyperlink r:id="(\w+)">(.*?)</w:hyperlink>', body):
        text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", link.group(2)))
        found.append((targets[link.group(1)].replace("&amp;", "&"), text))
    return found


def test_links_and_code_reach_the_markdown_and_the_docx(
    jarva: AgreementCopy, tmp_path: Path
) -> None:
    jarva.edit("titel: Gemensam lokal lägesbild\n", PROSE, LAGESBILD)
    markdown, docx = _build(jarva, tmp_path / "ut")
    assert "[policyn för **trygghet**](https://example.se/policy)" in markdown
    assert "<registrator@example.se>" in markdown
    assert "`SV154`" in markdown
    assert "| Polisen | [polisen.se](https://polisen.se) |" in markdown
    assert "- en punkt med [en länk](http://example.se/lista)" in markdown
    assert _hyperlinks(docx) == [
        ("https://example.se/policy", "policyn för trygghet"),
        ("mailto:registrator@example.se", "registrator@example.se"),
        ("https://polisen.se", "polisen.se"),
        ("http://example.se/lista", "en länk"),
    ]
    document = open_docx(io.BytesIO(docx))
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    [code] = [run for run in runs if run.text == "SV154"]
    assert code.font.name == "Courier New"
    body = document.element.body.xml
    # The shipped reference has a Hyperlink style (Word's blue, underlined): links use it.
    assert 'w:rStyle w:val="Hyperlink"' in body
    link_style = document.styles["Hyperlink"].element.xml
    assert 'w:color w:val="0563C1"' in link_style and 'w:u w:val="single"' in link_style
    assert "samverkan-kod" not in body and "w:tooltip" not in body


def _reference_with_character_styles(folder: Path) -> Path:
    document = open_docx(str(shipped_reference()))
    names = {style.name for style in document.styles}
    for name in ("Hyperlink", "HTML Code"):  # the shipped reference has Hyperlink already
        if name not in names:
            document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    path = folder / "referens.docx"
    document.save(str(path))
    return path


def test_the_reference_documents_hyperlink_and_code_styles_are_used(tmp_path: Path) -> None:
    reference = _reference_with_character_styles(tmp_path)
    document = parse_markdown("Se [sidan](https://example.se) och `kod`.\n")
    body = open_docx(io.BytesIO(write_docx(document, reference))).element.body
    styles = [s.get(f"{W}val") for s in body.iter(f"{W}rStyle")]
    assert styles == ["Hyperlink", "HTMLCode"]
    assert body.find(f".//{W}hyperlink").get(R_ID) is not None
    assert body.find(f".//{W}rFonts") is None


def test_a_reference_without_a_hyperlink_style_gets_the_shipped_one(tmp_path: Path) -> None:
    reference = open_docx(str(shipped_reference()))
    reference.styles["Hyperlink"].delete()
    path = tmp_path / "utan-hyperlink.docx"
    reference.save(str(path))
    document = parse_markdown("Se [sidan](https://example.se).\n")
    written = open_docx(io.BytesIO(write_docx(document, path)))
    assert 'w:rStyle w:val="Hyperlink"' in written.element.body.xml
    assert 'w:color w:val="0563C1"' in written.styles["Hyperlink"].element.xml


def test_a_document_without_links_or_code_has_no_hyperlink_relationship() -> None:
    docx = write_docx(parse_markdown("Bara text, *kursiv* och **fet**.\n"))
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        assert "hyperlink" not in package.read("word/_rels/document.xml.rels").decode()


# --- the public version keeps no personal address ------------------------------------------


def test_a_link_whose_text_changes_loses_its_address() -> None:
    link = Span("Anna Andersson", strong=True, href="mailto:anna.andersson@polisen.se")
    assert link.with_text("Anna Andersson") is link
    redacted = link.with_text("[uppgift borttagen]")
    assert redacted == Span("[uppgift borttagen]", strong=True)
    assert link.address == "anna.andersson@polisen.se"
    assert Span("x", href="https://example.se/%C3%A5").address == "https://example.se/å"
    assert link.without_link() == Span("Anna Andersson", strong=True)


def test_the_public_version_keeps_no_personal_mail_address_in_a_link(
    jarva: AgreementCopy, tmp_path: Path
) -> None:
    jarva.edit(
        "titel: Gemensam lokal lägesbild\n",
        "titel: Gemensam lokal lägesbild\ntext: |\n"
        "  Frågor till <anna.andersson@polisen.se> eller [Anna](mailto:anna.andersson@polisen.se)"
        " eller [registratorn](mailto:registrator@polisen.se).\n",
        LAGESBILD,
    )
    markdown, docx = _build(jarva, tmp_path / "ut", "--publik")
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        everything = markdown + "".join(
            package.read(name).decode("utf-8", "replace") for name in package.namelist()
        )
    assert "anna.andersson" not in everything
    assert "mailto:registrator@polisen.se" in markdown


def test_every_markdown_text_of_agreement_bilaga_and_report_is_checked(
    jarva: AgreementCopy,
) -> None:
    jarva.edit("titel: Gemensam lokal lägesbild\n", PROSE, LAGESBILD)
    loaded = load_agreement(jarva.folder)
    assert loaded.report is not None and loaded.agreement is not None
    report = {path for path, _ in markdown_fields(loaded.report)}
    assert report == {
        ("sammanfattning",),
        ("bakgrund",),
        ("ärendets_beredning",),
        ("ärendet",),
        ("synpunkter_och_förslag",),
    }
    [lagesbild] = [b.model for b in loaded.bilagor.values() if b.model.kind == "lägesbild"]
    assert {path for path, _ in markdown_fields(lagesbild)} == {("text",)}
    assert not {path for path, _ in markdown_fields(loaded.agreement)} & {("titel",)}
