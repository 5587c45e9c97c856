"""Parse the Markdown that templates render into the document model.

markdown-it-py tokenises CommonMark (plus pipe tables); we fold its token stream into the
small tree of `document`. An HTML comment `<!-- samverkan:ROLE -->` directly before a table
gives the table a role; any other HTML is refused, because templates must not smuggle in
markup that only one writer understands.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from samverkan_cli.document import (
    CONTENTS_DEPTH,
    CONTENTS_MARKER,
    KNOWN_ROLES,
    PAGE_BREAK_MARKER,
    Block,
    BulletList,
    Contents,
    ContentsEntry,
    Document,
    DocumentInfo,
    Figure,
    Heading,
    Inline,
    Inlines,
    LineBreak,
    ListItem,
    OrderedList,
    PageBreak,
    Paragraph,
    Span,
    Table,
    plain_text,
)
from samverkan_cli.errors import TemplateProblem

_ROLE_MARKER = re.compile(r"^<!--\s*samverkan:([a-zåäö-]+)\s*-->\s*$")

_parser = MarkdownIt("commonmark", {"html": True}).enable("table")


def parse_markdown(text: str, info: DocumentInfo | None = None) -> Document:
    """The document tree of a Markdown text."""
    return Document(_parsed_blocks(text), info or DocumentInfo(title=""))


def images_in(text: str) -> tuple[str, ...]:
    """The source of every image (`![alt](bild.png)`) a Markdown text shows. Prose in the
    YAML may show none: a document holds only the images the build draws itself (the
    organisation chart), so the DOCX writer would find no picture, and an image inside a
    sentence would silently disappear from both outputs."""
    return _parsed(text)[1]


def _parsed_blocks(text: str) -> tuple[Block, ...]:
    return _parsed(text)[0]


@lru_cache(maxsize=512)
def _parsed(text: str) -> tuple[tuple[Block, ...], tuple[str, ...]]:
    """The blocks and images of a text, parsed once per process: each prose field is parsed
    when the YAML is validated and again when it is rendered (the blocks are immutable)."""
    tokens = _parser.parse(text)
    blocks, position = _blocks(tokens, 0, closing=None)
    assert position == len(tokens)
    images = tuple(
        str(child.attrGet("src") or "")
        for token in tokens
        if token.type == "inline"
        for child in token.children or []
        if child.type == "image"
    )
    return _fill_contents(blocks), images


def _fill_contents(blocks: list[Block]) -> tuple[Block, ...]:
    """Each table of contents lists the headings after it, down to CONTENTS_DEPTH."""
    result: list[Block] = []
    for index, block in enumerate(blocks):
        if isinstance(block, Contents):
            entries = tuple(
                ContentsEntry(b.level, plain_text(b.content))
                for b in blocks[index + 1 :]
                if isinstance(b, Heading) and b.level <= CONTENTS_DEPTH
            )
            block = Contents(entries)
        result.append(block)
    return tuple(result)


def _blocks(tokens: Sequence[Token], i: int, closing: str | None) -> tuple[list[Block], int]:
    blocks: list[Block] = []
    role: str | None = None
    while i < len(tokens):
        token = tokens[i]
        if closing is not None and token.type == closing:
            return blocks, i + 1
        if token.type == "heading_open":
            level = int(token.tag[1])
            blocks.append(Heading(level, _inlines(tokens[i + 1])))
            i += 3
        elif token.type == "paragraph_open":
            blocks.append(_figure(tokens[i + 1]) or Paragraph(_inlines(tokens[i + 1])))
            i += 3
        elif token.type in {"bullet_list_open", "ordered_list_open"}:
            items, i = _list_items(tokens, i + 1, token.type.replace("_open", "_close"))
            if token.type == "bullet_list_open":
                blocks.append(BulletList(tuple(items)))
            else:
                start = int(token.attrGet("start") or 1)
                blocks.append(OrderedList(tuple(items), start))
        elif token.type == "table_open":
            table, i = _table(tokens, i + 1, role)
            blocks.append(table)
            role = None
            continue
        elif token.type == "html_block":
            match = _ROLE_MARKER.match(token.content.strip())
            marker = match.group(1) if match else None
            i += 1
            if marker == PAGE_BREAK_MARKER:
                blocks.append(PageBreak())
            elif marker == CONTENTS_MARKER:
                blocks.append(Contents(()))
                if i < len(tokens) and tokens[i].type == "bullet_list_open":
                    _, i = _list_items(tokens, i + 1, "bullet_list_close")  # its own rendering
            elif marker in KNOWN_ROLES:
                role = marker
                continue
            else:
                raise TemplateProblem(
                    f"mallen innehåller HTML som inte stöds: {token.content.strip()!r}"
                )
        elif token.type == "hr":
            i += 1
        else:
            raise TemplateProblem(f"mallen innehåller Markdown som inte stöds ({token.type})")
        role = None
    return blocks, i


def _list_items(tokens: Sequence[Token], i: int, closing: str) -> tuple[list[ListItem], int]:
    items: list[ListItem] = []
    while tokens[i].type != closing:
        assert tokens[i].type == "list_item_open"
        blocks, i = _blocks(tokens, i + 1, closing="list_item_close")
        items.append(ListItem(tuple(blocks)))
    return items, i + 1


def _table(tokens: Sequence[Token], i: int, role: str | None) -> tuple[Table, int]:
    header: list[Inlines] = []
    rows: list[tuple[Inlines, ...]] = []
    current: list[Inlines] = []
    in_head = False
    while tokens[i].type != "table_close":
        token = tokens[i]
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            current = []
        elif token.type == "tr_close":
            if in_head:
                header = current
            else:
                rows.append(tuple(current))
        elif token.type == "inline":
            current.append(_inlines(token))
        i += 1
    return Table(tuple(header), tuple(rows), role), i + 1


def _figure(token: Token) -> Figure | None:
    """A paragraph that is one image and nothing else is a figure."""
    children = token.children or []
    if len(children) == 1 and children[0].type == "image":
        image = children[0]
        alt = "".join(child.content for child in image.children or [])
        return Figure(unquote(str(image.attrGet("src") or "")), alt)
    return None


def _inlines(token: Token) -> Inlines:
    result: list[Inline] = []
    strong = emphasis = False
    for child in token.children or []:
        kind = child.type
        if kind == "strong_open":
            strong = True
        elif kind == "strong_close":
            strong = False
        elif kind == "em_open":
            emphasis = True
        elif kind == "em_close":
            emphasis = False
        elif kind in {"text", "code_inline", "html_inline", "text_special"}:
            _append(result, Span(child.content, strong, emphasis))
        elif kind == "softbreak":
            _append(result, Span(" ", strong, emphasis))
        elif kind == "hardbreak":
            result.append(LineBreak())
    return tuple(result)


def _append(result: list[Inline], span: Span) -> None:
    """Merge adjacent spans of the same formatting, so equal text gives equal trees."""
    if not span.text:
        return
    last = result[-1] if result else None
    if isinstance(last, Span) and (last.strong, last.emphasis) == (span.strong, span.emphasis):
        result[-1] = Span(last.text + span.text, span.strong, span.emphasis)
    else:
        result.append(span)


def shift_headings(document: Document, level: int) -> Document:
    """The document with `#` moved to `level + 1`, so prose nests under a heading."""
    blocks = tuple(
        Heading(min(b.level + level, 6), b.content) if isinstance(b, Heading) else b
        for b in document.blocks
    )
    return Document(blocks, document.info)
