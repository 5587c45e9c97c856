"""One self-contained, accessible HTML page from the document model, for publishing an
agreement on a web site (WCAG 2.1 AA, as the lag om tillgänglighet till digital offentlig
service asks of a public body): semantic headings, a linked table of contents, tables with
header cells, the organisation chart as inline SVG with its text alternative, the
document's language, print styles, and nothing loaded from anywhere (the CSS is inline, the
chart is in the page, and a Content-Security-Policy forbids everything else).

Every text comes from the agreement's YAML and is untrusted: each is escaped here (the
standard library's `html.escape`), a link keeps its address only for LINK_SCHEMES, and the
chart's SVG is rebuilt from an allowlist (`writers.html_svg`). The page depends only on the
document tree, so two builds write the same bytes."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from html import escape
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from samverkan_cli.document.tree import (
    LINK_SCHEMES,
    SIGNATURE_ROLE,
    Block,
    BulletList,
    Contents,
    ContentsEntry,
    Document,
    Figure,
    Heading,
    IncludedDocument,
    Inlines,
    LineBreak,
    ListItem,
    OrderedList,
    PageBreak,
    Paragraph,
    Span,
    Table,
    first_page_shows_header,
    plain_text,
)
from samverkan_cli.writers.html_style import content_security_policy, stylesheet
from samverkan_cli.writers.html_svg import inline_svg

CONTENTS_LABEL = "Innehållsförteckning"
"""The name of the contents' navigation when no heading stands right before it."""
_CONTROL = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F], "\ufffd")
_LINE = re.compile(r"_{3,}")
"""Typed underscores in the signature block: drawn as a line instead of read out."""


def write_html(document: Document) -> str:
    """The whole document as one HTML page, ending in one newline."""
    info = document.info
    ids = heading_ids(document)
    first = next((plain_text(h.content) for h in _headings(document)), "")
    title = info.properties_title or info.title or first  # the one that tells it apart
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{text(info.language or "sv-SE")}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy()}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{text(title or 'Dokument')}</title>",
    ]
    if info.subject:
        head.append(f'<meta name="description" content="{text(info.subject)}">')
    if info.authors:
        head.append(f'<meta name="author" content="{text(", ".join(info.authors))}">')
    if info.date is not None:
        head.append(f'<meta name="dcterms.date" content="{info.date.isoformat()}">')
    head += [f"<style>{stylesheet()}</style>", "</head>", "<body>"]
    if info.header and not first_page_shows_header(document):
        lines = "<br>".join(text(line) for line in info.header)
        head.append(f'<header class="sidhuvud"><p>{lines}</p></header>')
    body = list(_Page(document, ids).blocks())
    return "\n".join([*head, "<main>", *body, "</main>", "</body>", "</html>"]) + "\n"


def heading_ids(document: Document) -> list[str]:
    """A unique id for every heading, in order: its text in lower case with spaces as
    hyphens (as a Markdown viewer makes anchors), a number added to repeats."""
    seen: set[str] = set()
    ids = []
    for heading in _headings(document):
        kept = "".join(
            c for c in plain_text(heading.content).casefold() if c.isalnum() or c in " -"
        )
        base = "-".join(kept.split()) or "avsnitt"
        candidate, number = base, 0
        while candidate in seen:
            number += 1
            candidate = f"{base}-{number}"
        seen.add(candidate)
        ids.append(candidate)
    return ids


def text(value: str) -> str:
    """Text escaped for HTML content and attribute values alike (control characters, which
    no HTML may hold, shown as U+FFFD)."""
    return escape(value.translate(_CONTROL), quote=True)


def safe_href(href: str | None) -> str | None:
    """The address when its scheme is one of LINK_SCHEMES, else None (the text is kept
    without its link): the parser already refuses others; this holds for any tree."""
    if href is None:
        return None
    try:
        scheme = urlsplit(href.strip()).scheme.casefold()
    except ValueError:
        return None
    return href if scheme in LINK_SCHEMES else None


def _headings(document: Document) -> list[Heading]:
    return [block for block in document.blocks if isinstance(block, Heading)]


class _Page:
    """Walks the document's blocks once, giving each heading its id in order."""

    def __init__(self, document: Document, ids: list[str]) -> None:
        self.document = document
        self.ids = ids
        self.assets = dict(document.assets)
        self.position = 0
        """The index of the next heading in `ids`."""

    def blocks(self) -> Iterator[str]:
        blocks = self.document.blocks
        skip = False
        for index, block in enumerate(blocks):
            if skip:
                skip = False
                continue
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if isinstance(block, Heading) and isinstance(following, Contents):
                heading = self.heading(block)
                label = f'aria-labelledby="{self.ids[self.position - 1]}"'
                yield self.contents(following, index + 1, label, heading)
                skip = True
            elif isinstance(block, Contents):
                yield self.contents(block, index, f'aria-label="{CONTENTS_LABEL}"', "")
            else:
                yield self.block(block)

    def block(self, block: Block, *, nested: bool = False) -> str:
        """One block; `nested` in a list item (a heading there has no id: the ids follow
        the document's own headings)."""
        if isinstance(block, Heading):
            return self.heading(block, anchored=not nested)
        if isinstance(block, Paragraph):
            return f"<p>{inline(block.content)}</p>"
        if isinstance(block, BulletList):
            return "<ul>\n" + "\n".join(self.item(i) for i in block.items) + "\n</ul>"
        if isinstance(block, OrderedList):
            start = f' start="{block.start}"' if block.start != 1 else ""
            items = "\n".join(self.item(i) for i in block.items)
            return f"<ol{start}>\n{items}\n</ol>"
        if isinstance(block, Contents):
            return self.contents(block, None, f'aria-label="{CONTENTS_LABEL}"', "")
        if isinstance(block, PageBreak):
            return '<div class="sidbrytning"></div>'
        if isinstance(block, Figure):
            return self.figure(block)
        if isinstance(block, IncludedDocument):
            before, name, after = block.reference_line()
            return f"<p>{text(before)}<code>{text(name)}</code>{text(after)}</p>"
        if block.role == SIGNATURE_ROLE:
            return _signatures(block)
        return _table(block)

    def heading(self, heading: Heading, *, anchored: bool = True) -> str:
        level = min(max(heading.level, 1), 6)
        if not anchored:
            return f"<h{level}>{inline(heading.content)}</h{level}>"
        anchor = self.ids[self.position]
        self.position += 1
        return f'<h{level} id="{anchor}">{inline(heading.content)}</h{level}>'

    def item(self, item: ListItem) -> str:
        first, *rest = item.blocks or (Paragraph(()),)
        lead = first if isinstance(first, Paragraph) else None
        parts = [inline(lead.content) if lead is not None else self.block(first, nested=True)]
        parts += [self.block(block, nested=True) for block in rest]
        return "<li>" + "\n".join(parts) + "</li>"

    def contents(self, contents: Contents, index: int | None, label: str, heading: str) -> str:
        """The entries as a nested list of links to the headings they name: each entry is
        matched to the next heading after the contents with its level and text, and one that
        matches none is listed without a link."""
        after = self.following_headings(index)
        lines = [f'<nav class="innehall" {label}>']
        if heading:
            lines.append(heading)
        depth = 0
        top = min((entry.level for entry in contents.entries), default=1)
        for entry in contents.entries:
            level = min(max(entry.level - top + 1, 1), depth + 1)  # a skipped level: one in
            if level > depth:
                lines.append("<ul>")  # inside the entry before it, or the outermost list
            else:
                lines.append("</li>" + "</ul></li>" * (depth - level))
            depth = level
            target = next((i for i, (h, _) in enumerate(after) if _matches(h, entry)), None)
            shown = text(entry.text)
            if target is None:
                lines.append(f"<li>{shown}")
            else:
                lines.append(f'<li><a href="#{after[target][1]}">{shown}</a>')
                after = after[target + 1 :]
        if depth:
            lines.append("</li>" + "</ul></li>" * (depth - 1) + "</ul>")
        lines.append("</nav>")
        return "\n".join(lines)

    def following_headings(self, index: int | None) -> list[tuple[Heading, str]]:
        """The headings after block `index` with their ids (none for an unknown position)."""
        if index is None:
            return []
        before = sum(isinstance(b, Heading) for b in self.document.blocks[:index])
        rest = [b for b in self.document.blocks[index + 1 :] if isinstance(b, Heading)]
        return list(zip(rest, self.ids[before:], strict=True))

    def figure(self, figure: Figure) -> str:
        """The picture in the page: the SVG drawn beside a PNG when there is one (inline,
        role img, named by the alternative text), else the PNG itself as data, else the
        alternative text alone; a picture is never loaded from an address."""
        source = PurePosixPath(figure.source)
        caption = f"\n<figcaption>{text(figure.caption)}</figcaption>" if figure.caption else ""
        svg = self.assets.get(source.with_suffix(".svg").name) if source.name else None
        drawn = inline_svg(svg, figure.alt) if svg is not None else None
        if drawn is not None:
            return f'<figure class="figur">\n{drawn}{caption}\n</figure>'
        png = self.assets.get(figure.source)
        if png is not None and png.startswith(b"\x89PNG\r\n\x1a\n"):
            data = base64.b64encode(png).decode("ascii")
            image = f'<img src="data:image/png;base64,{data}" alt="{text(figure.alt)}">'
            return f'<figure class="figur">\n{image}{caption}\n</figure>'
        return f'<p class="figur-text">{text(figure.alt)}</p>'


def _matches(heading: Heading, entry: ContentsEntry) -> bool:
    return heading.level == entry.level and plain_text(heading.content) == entry.text


def inline(content: Inlines, *, lines: bool = False) -> str:
    """Inline content as HTML: each span escaped, in <strong>, <em>, <code> and <a> as
    formatted; with `lines`, typed underscores drawn as lines (the signature block)."""
    out: list[str] = []
    for piece in content:
        if isinstance(piece, LineBreak):
            out.append("<br>")
            continue
        out.append(_span(piece, lines=lines))
    return "".join(out)


def _span(span: Span, *, lines: bool) -> str:
    shown = text(span.text)
    if lines:
        shown = _LINE.sub('<span class="linje"></span>', shown)
    if span.code:
        shown = f"<code>{shown}</code>"
    if span.emphasis:
        shown = f"<em>{shown}</em>"
    if span.strong:
        shown = f"<strong>{shown}</strong>"
    href = safe_href(span.href)
    if href is not None:
        shown = f'<a href="{text(href)}">{shown}</a>'
    return shown


def _table(table: Table) -> str:
    """A data table: the header row's cells as column headers (an empty one as a plain
    cell, since a header that names nothing is no header; one with text in its first cell
    only spanning the table), every row as wide as the widest, and a section row (text in
    its first cell only: the uppföljningsplan's "Lokal lägesbild") as the header of the
    rows below it, each section a <tbody> of its own."""
    width = table.width
    lines = ['<table class="tabell">']
    header = [*table.header, *[()] * (width - len(table.header))]
    if table.is_section_row(tuple(header)):
        lines.append(f'<thead>\n<tr><th scope="col" colspan="{width}">{inline(header[0])}</th>')
        lines[-1] += "</tr>\n</thead>"
    elif any(plain_text(cell).strip() for cell in header):  # an empty header row: left out
        cells = "".join(
            f'<th scope="col">{inline(cell)}</th>' if plain_text(cell).strip() else "<td></td>"
            for cell in header
        )
        lines.append(f"<thead>\n<tr>{cells}</tr>\n</thead>")
    lines.append("<tbody>")
    for number, row in enumerate(table.rows):
        if table.is_section_row(row):
            if number:
                lines += ["</tbody>", "<tbody>"]
            cell = f'<th scope="rowgroup" colspan="{width}">{inline(row[0])}</th>'
            lines.append(f'<tr class="avsnitt">{cell}</tr>')
            continue
        padded = [*row, *[()] * (width - len(row))]
        lines.append("<tr>" + "".join(f"<td>{inline(cell)}</td>" for cell in padded) + "</tr>")
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def _signatures(table: Table) -> str:
    """The signature block as a layout, not a data table: one block per signatory, read
    top to bottom (place and date, the line, name, title), side by side on the page."""
    width = table.width
    rows = [table.header, *table.rows]
    columns = []
    for column in range(width):
        cells = [row[column] if column < len(row) else () for row in rows]
        shown = "".join(f"<p>{inline(cell, lines=True)}</p>" for cell in cells)
        columns.append(f'<div class="underskrift">{shown}</div>')
    return '<div class="underskrifter">\n' + "\n".join(columns) + "\n</div>"
