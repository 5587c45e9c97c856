"""`build --html`: one self-contained, accessible HTML page per document (writers/html.py).

Read back with the standard library's HTML parser: every example's pages (and their public
versions) nest, say their language and title, have headings h1–h6 with unique ids that the
contents' links reach, header cells with a scope, no table for the signature block, and
nothing loaded from anywhere; text from the YAML is escaped, unsafe links are dropped, the
chart's SVG is rebuilt from an allowlist, and two builds write the same bytes. The browser
and axe-core check the same pages in test_html_browser.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from samverkan_cli.cli.main import cli
from samverkan_cli.document.tree import (
    SIGNATURE_ROLE,
    BulletList,
    Contents,
    ContentsEntry,
    Document,
    DocumentInfo,
    Figure,
    Heading,
    IncludedDocument,
    LineBreak,
    ListItem,
    OrderedList,
    PageBreak,
    Paragraph,
    Span,
    Table,
)
from samverkan_cli.writers.html import heading_ids, write_html
from samverkan_cli.writers.html_svg import inline_svg
from tests.agreement_copy import AgreementCopy
from tests.html_pages import EXAMPLES, example_pages, parse_page

_SAFE_LINK = re.compile(r"(#|https?:|mailto:)")
_SPANS = re.compile(r'<t[hd](?: scope="[a-z]+")?(?: colspan="(\d+)")?>')
RINKEBY_KISTA = "samverkansoverenskommelse-rinkeby-kista-2017.html"


def test_every_document_and_its_public_version_has_a_page() -> None:
    assert sorted(example_pages("järva")) == [
        "lokal-samverkansoverenskommelse-jarva-publik.html",
        "lokal-samverkansoverenskommelse-jarva-tjansteutlatande-publik.html",
        "lokal-samverkansoverenskommelse-jarva-tjansteutlatande.html",
        "lokal-samverkansoverenskommelse-jarva.html",
    ]
    assert sorted(example_pages("exempel-numrerade-avsnitt")) == [
        "samverkansoverenskommelse-exempelsund-publik.en.html",
        "samverkansoverenskommelse-exempelsund-publik.html",
        "samverkansoverenskommelse-exempelsund.en.html",
        "samverkansoverenskommelse-exempelsund.html",
    ]


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_page_is_self_contained_and_structured(example: str) -> None:
    pages = example_pages(example)
    assert any(name.endswith("-publik.html") for name in pages)
    for name, markup in pages.items():
        try:
            _check_page(name, markup)
        except AssertionError as failure:
            raise AssertionError(f"{name}: {failure}") from failure


def _check_page(name: str, markup: str) -> None:
    page = parse_page(markup)
    assert page.errors == [] and page.open == []
    assert markup.startswith("<!DOCTYPE html>\n<html lang=")
    [html] = page.all("html")
    assert html.attributes["lang"] == ("en-GB" if name.endswith(".en.html") else "sv-SE")
    title = page.all("title")[0]  # the page's (the chart's groups have their own)
    assert title.text.strip() and markup.index("<title>") < markup.index("</head>")
    # Nothing is loaded: no script, stylesheet, frame or object; pictures only as data;
    # links only within the page or to the safe schemes; the CSS imports nothing.
    tags = {e.tag for e in page.elements}
    assert not tags & {"script", "link", "iframe", "object", "embed", "base", "form", "image"}
    assert all(e.attributes["src"].startswith("data:image/png") for e in page.all("img"))
    assert all("src" not in e.attributes or e.tag == "img" for e in page.elements)
    hrefs = [e.attributes.get("href", "") for e in page.all("a")]
    assert all(_SAFE_LINK.match(href) for href in hrefs), hrefs
    assert not any(k.startswith("on") or k == "style" for e in page.elements for k in e.attributes)
    [style] = page.all("style")
    assert "url(" not in style.text and "@import" not in style.text
    # Headings: h1–h6 with ids, unique across the page, reached by every contents link.
    headings = [e for e in page.elements if re.fullmatch(r"h[1-6]", e.tag)]
    assert headings and headings[0].tag == "h1"
    ids = [e.attributes["id"] for e in page.elements if "id" in e.attributes]
    assert len(ids) == len(set(ids))
    assert all(h.attributes.get("id") for h in headings)
    internal = [href[1:] for href in hrefs if href.startswith("#")]
    assert set(internal) <= set(ids)
    # Tables: a scope on every header cell, every row as wide as the header.
    assert all(th.attributes.get("scope") in {"col", "rowgroup"} for th in page.all("th"))
    for table in re.findall(r"<table.*?</table>", markup, flags=re.DOTALL):
        rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, flags=re.DOTALL)
        widths = {sum(int(s or 1) for s in _SPANS.findall(row)) for row in rows}
        assert len(widths) == 1, table[:300]


@pytest.mark.parametrize("name", [RINKEBY_KISTA, RINKEBY_KISTA.replace(".html", "-publik.html")])
def test_the_contents_link_every_entry_to_its_heading(name: str) -> None:
    markup = example_pages("rinkeby-kista-2017")[name]
    page = parse_page(markup)
    [nav] = page.all("nav")
    entries = re.findall(r'<li><a href="#([^"]+)">', markup)
    assert len(entries) > 40
    assert nav.attributes["aria-labelledby"] == "innehållsförteckning"
    heading_text = {
        e.attributes["id"]: e.text for e in page.elements if re.fullmatch(r"h[1-6]", e.tag)
    }
    assert all(anchor in heading_text for anchor in entries)
    assert heading_text[entries[0]].startswith("Bilaga 1.")
    # The contents' nested lists hold only list items (a list inside an entry's item).
    assert "<ul>\n<ul>" not in markup and "</li>\n<ul>" not in markup


def test_the_chart_is_inline_svg_named_once() -> None:
    markup = example_pages("järva")["lokal-samverkansoverenskommelse-jarva.html"]
    page = parse_page(markup)
    [svg] = page.all("svg")
    assert svg.attributes["role"] == "img"
    assert svg.attributes["aria-label"].startswith("Samverkansorganisationen: Lokal styrgrupp")
    assert markup.count("<figure") == 1 and "<svg" in markup.split("<figure", 1)[1]
    assert "</svg>\n<figcaption>Samverkansorganisationen</figcaption>\n</figure>" in markup
    top = markup.split("<svg", 1)[1].split("<g", 1)[0]
    assert "<title>" not in top  # named once: by aria-label, not also by a title


def test_the_signature_block_is_a_layout_read_signatory_by_signatory() -> None:
    signatures = Table(
        header=((Span("Ort och datum: " + "_" * 16),), (Span("Ort och datum: " + "_" * 16),)),
        rows=(
            ((Span("_" * 30),), (Span("_" * 30),)),
            ((Span("Anna Andersson"),), (Span("Bo Berg"),)),
            ((Span("Kommundirektör"),), (Span("Lokalpolisområdeschef"),)),
        ),
        role=SIGNATURE_ROLE,
    )
    markup = write_html(Document((Heading(1, (Span("Avtal"),)), signatures)))
    page = parse_page(markup)
    assert not page.all("table") and not page.all("th") and not page.all("td")
    blocks = [e.text for e in page.elements if e.attributes.get("class") == "underskrift"]
    assert blocks == [
        "Ort och datum: Anna AnderssonKommundirektör",
        "Ort och datum: Bo BergLokalpolisområdeschef",
    ]
    assert "_" not in markup.split("<main>")[1]
    assert markup.count('<span class="linje"></span>') == 4


def test_a_data_table_has_column_headers_and_an_empty_header_is_no_header() -> None:
    row = ((Span("Möte"),), (), (Span("Anna"),))
    table = Table(((Span("Aktivitet"),), (), (Span("Ansvarig"),)), (row, row[:2]))
    markup = write_html(Document((Heading(1, (Span("T"),)), table)))
    assert '<tr><th scope="col">Aktivitet</th><td></td><th scope="col">Ansvarig</th></tr>' in markup
    assert "<tr><td>Möte</td><td></td><td>Anna</td></tr>" in markup
    assert "<tr><td>Möte</td><td></td><td></td></tr>" not in markup  # a section row instead
    no_header = write_html(Document((Table(((), ()), (((Span("a"),), (Span("b"),)),)),)))
    assert "<thead>" not in no_header and "<th" not in no_header


def test_section_rows_head_the_rows_below_them() -> None:
    """The uppföljningsplan's "Lokal lägesbild": a row with text in its first cell only
    heads a section (a <tbody> of its own), and a header row of that shape spans the table."""
    cells = ((Span("Aktivitet"),), (Span("Ansvarig"),))
    table = Table(
        ((Span("Uppföljningsplan"),), ()),
        (((Span("Lokal lägesbild"),), ()), cells, ((Span("Åtgärdsplan"),),), cells),
    )
    markup = write_html(Document((Heading(1, (Span("T"),)), table)))
    assert '<thead>\n<tr><th scope="col" colspan="2">Uppföljningsplan</th></tr>' in markup
    assert (
        '<tbody>\n<tr class="avsnitt"><th scope="rowgroup" colspan="2">Lokal lägesbild</th></tr>'
        "\n<tr><td>Aktivitet</td><td>Ansvarig</td></tr>\n</tbody>\n<tbody>\n"
        '<tr class="avsnitt"><th scope="rowgroup" colspan="2">Åtgärdsplan</th></tr>'
    ) in markup
    assert markup.count("<tbody>") == 2


def test_text_from_the_yaml_is_escaped_and_unsafe_links_dropped() -> None:
    evil = '<script>alert("x")</script> & </title><img src=x onerror=alert(1)>'
    document = Document(
        (
            Heading(1, (Span(evil),)),
            Paragraph(
                (
                    Span("klicka", href="javascript:alert(1)"),
                    LineBreak(),
                    Span("data", href="data:text/html,<script>alert(1)</script>"),
                    Span(" och "),
                    Span("polisen", href='https://polisen.se/"onmouseover="x'),
                    Span(" kod", code=True, strong=True),
                )
            ),
            BulletList((ListItem((Paragraph((Span(evil, emphasis=True),)),)),)),
            OrderedList((ListItem(()),), start=3),
            IncludedDocument("<b>.docx", "docx"),
            Figure("https://example.se/bild.png", evil),
            PageBreak(),
        ),
        DocumentInfo(title=evil, subject=evil, authors=(evil,), language='sv"><script>'),
    )
    markup = write_html(document)
    page = parse_page(markup)
    assert page.errors == []
    assert not page.all("script") and not page.all("img")
    assert not any(k.startswith("on") for e in page.elements for k in e.attributes)
    [title] = page.all("title")
    assert title.text == evil
    assert [e.attributes["href"] for e in page.all("a")] == ['https://polisen.se/"onmouseover="x']
    assert page.all("h1")[0].text == evil
    assert page.all("html")[0].attributes["lang"] == 'sv"><script>'
    assert "<code>&lt;b&gt;.docx</code>" in markup
    assert '<ol start="3">' in markup
    assert "<strong><code> kod</code></strong>" in markup
    assert "example.se" not in markup  # a picture the document has no file for: its text


def test_the_svg_is_rebuilt_from_an_allowlist() -> None:
    svg = (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" '
        b'xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10" onload="x()">'
        b"<title>Schema</title><desc>Schema</desc><script>alert(1)</script>"
        b'<a href="javascript:x"><text x="1" y="2">l\xc3\xa4nk</text></a>'
        b'<image xlink:href="https://example.se/a.png"/><foreignObject><p>x</p></foreignObject>'
        b'<rect x="0" y="0" width="1" height="1" fill="url(https://example.se/#a)" '
        b'style="fill:red" stroke="#000"/><g><title>En grupp</title>'
        b"<text>&lt;script&gt;</text></g></svg>"
    )
    shown = inline_svg(svg, "Schema")
    assert shown is not None
    assert shown.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"')
    assert 'role="img" aria-label="Schema">' in shown
    for gone in ("onload", "script>", "<a", "image", "foreignObject", "url(", "style", "<desc"):
        assert gone not in shown, gone
    assert '<rect x="0" y="0" width="1" height="1" stroke="#000"></rect>' in shown
    assert "<g><title>En grupp</title><text>&lt;script&gt;</text></g>" in shown
    assert "<title>Schema</title>" not in shown
    named = inline_svg(svg, 'Schema "med" <text>')
    assert named is not None and 'aria-label="Schema &quot;med&quot; &lt;text&gt;"' in named
    assert "<desc>Schema</desc>" in named  # a description that says more than the name
    assert inline_svg(b"<svg", "x") is None and inline_svg(b"<html/>", "x") is None
    described = inline_svg(b'<svg xmlns="http://www.w3.org/2000/svg"><desc>Mer</desc></svg>', "x")
    assert described is not None and "<desc>Mer</desc>" in described


def test_a_figure_without_svg_is_its_png_as_data_or_its_text() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 20
    with_png = Document((Figure("a.png", "Schema", "Bild 1"),), assets=(("a.png", png),))
    assert '<img src="data:image/png;base64,' in write_html(with_png)
    assert 'alt="Schema">\n<figcaption>Bild 1</figcaption>\n</figure>' in write_html(with_png)
    not_png = Document((Figure("a.png", "Schema"),), assets=(("a.png", b"<svg/>"),))
    assert '<p class="figur-text">Schema</p>' in write_html(not_png)


def test_contents_entries_without_a_heading_are_listed_without_a_link() -> None:
    document = Document(
        (
            Contents((ContentsEntry(1, "Ett"), ContentsEntry(3, "Djup"), ContentsEntry(1, "Två"))),
            Heading(1, (Span("Ett"),)),
            BulletList((ListItem((Heading(2, (Span("I en lista"),)),)),)),
            Heading(3, (Span("Djup"),)),
            Heading(1, (Span("Ett"),)),
        )
    )
    markup = write_html(document)
    assert heading_ids(document) == ["ett", "djup", "ett-1"]
    assert '<nav class="innehall" aria-label="Innehållsförteckning">' in markup
    assert '<li><a href="#ett">Ett</a>\n<ul>\n<li><a href="#djup">Djup</a>' in markup
    assert "</li></ul></li>\n<li>Två\n</li></ul>\n</nav>" in markup
    assert "<li><h2>I en lista</h2></li>" in markup  # no id: the ids follow the document's
    assert '<h3 id="djup">Djup</h3>' in markup and '<h1 id="ett-1">Ett</h1>' in markup


def test_the_page_header_is_shown_unless_the_first_page_says_it() -> None:
    info = DocumentInfo(title="Avtal", header=("Dnr kommunen: KS 1",))
    title = Heading(1, (Span("Avtal"),))
    repeated = Document((title, Paragraph((Span("Dnr kommunen: KS 1"),))), info)
    assert '<header class="sidhuvud">' not in write_html(repeated)
    later = Document(
        (title, Heading(2, (Span("Parter"),)), Paragraph((Span("Dnr kommunen: KS 1"),))), info
    )
    assert '<header class="sidhuvud">' in write_html(later)  # not under the title: no repetition
    alone = Document((title, Paragraph((Span("Text"),))), info)
    assert '<header class="sidhuvud"><p>Dnr kommunen: KS 1</p></header>' in write_html(alone)


def test_build_html_writes_pages_beside_the_documents_byte_identically(
    in_repo: Path,
) -> None:
    runner = CliRunner()
    first = runner.invoke(cli, ["build", "järva", "--html", "--publik", "--out", "ut1"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(cli, ["build", "järva", "--html", "--publik", "--out", "ut2"])
    assert second.exit_code == 0, second.output
    pages = sorted(p.name for p in (in_repo / "ut1").glob("*.html"))
    assert pages == [
        "lokal-samverkansoverenskommelse-jarva-publik.html",
        "lokal-samverkansoverenskommelse-jarva-tjansteutlatande-publik.html",
        "lokal-samverkansoverenskommelse-jarva-tjansteutlatande.html",
        "lokal-samverkansoverenskommelse-jarva.html",
    ]
    assert "skrev ut1/lokal-samverkansoverenskommelse-jarva-publik.html" in first.output
    for name in pages:
        assert (in_repo / "ut1" / name).read_bytes() == (in_repo / "ut2" / name).read_bytes()
    plain = runner.invoke(cli, ["build", "järva", "--out", "ut3"])
    assert plain.exit_code == 0 and not list((in_repo / "ut3").glob("*.html"))


def test_markup_in_a_yaml_text_field_comes_out_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = AgreementCopy.of_example("järva", tmp_path)
    copy.edit(
        "titel: Lokal samverkansöverenskommelse",
        'titel: "Lokal <script>alert(1)</script> samverkan"',
    )
    monkeypatch.chdir(tmp_path)
    built = CliRunner().invoke(cli, ["build", "järva", "--html", "--out", "ut"])
    assert built.exit_code == 0, built.output
    markup = (tmp_path / "ut" / "lokal-samverkansoverenskommelse-jarva.html").read_text("utf-8")
    page = parse_page(markup)
    assert not page.all("script")
    assert "<title>Lokal &lt;script&gt;alert(1)&lt;/script&gt; samverkan" in markup
    assert page.all("h1")[0].text == "Lokal <script>alert(1)</script> samverkan"
