"""Parse the Markdown that templates render into the document model.

markdown-it-py tokenises CommonMark (plus pipe tables); we fold its token stream into the
small tree of `document`. An HTML comment `<!-- samverkan:ROLE -->` directly before a table
gives the table a role; any other HTML is refused, because templates must not smuggle in
markup that only one writer understands. Every token either becomes part of the tree or is
refused (`document.refusals`): links keep their address, code spans their text, and an
image inside a sentence, raw HTML or a link definition no link uses never silently
disappears.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.rules_block.table import escapedSplit
from markdown_it.token import Token

from samverkan_cli.document.refusals import (
    Refusal,
    UnsupportedMarkdown,
    construct_refusal,
    extra_cells_refusal,
    html_refusal,
    image_refusal,
    link_refusal,
    unused_definition_refusal,
)
from samverkan_cli.document.tree import (
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

_ROLE_MARKER = re.compile(r"^<!--\s*samverkan:([a-zåäö-]+)\s*-->\s*$")
_CONTENTS_MARKER = re.compile(rf"^<!--\s*samverkan:{CONTENTS_MARKER}(?:\s+djup=([1-6]))?\s*-->\s*$")
"""The contents marker, with its depth (CONTENTS_DEPTHS) when it is not CONTENTS_DEPTH."""


def _any_link(url: str) -> bool:
    """Every address reaches the tree, where one the document may not hold is refused with
    a message: markdown-it's own check would leave `[x](javascript:…)` as plain text."""
    return True


_parser = MarkdownIt("commonmark", {"html": True}).enable("table")
_parser.validateLink = _any_link  # type: ignore[method-assign]


def parse_markdown(text: str, info: DocumentInfo | None = None) -> Document:
    """The document tree of a Markdown text; `UnsupportedMarkdown` (a `TemplateProblem`)
    for the first construct the tree cannot hold."""
    return Document(_parsed_blocks(text), info or DocumentInfo(title=""))


@lru_cache(maxsize=4096)
def prose_refusals(text: str) -> tuple[Refusal, ...]:
    """Every construct of a prose text (from the YAML) that cannot enter the document, each
    with its line in the text. Prose may hold no image at all: a document shows only the
    pictures the build draws itself (the organisation chart)."""
    builder = _Builder(text, prose=True, collect=True)
    builder.blocks(parse_tokens(text, builder), 0, closing=None)
    return tuple(builder.refusals)


@lru_cache(maxsize=512)
def _parsed_blocks(text: str) -> tuple[Block, ...]:
    """The blocks of a text, parsed once per process: each prose field is parsed when the
    YAML is checked and again when it is rendered (the blocks are immutable)."""
    builder = _Builder(text, prose=False, collect=False)
    tokens = parse_tokens(text, builder)
    blocks, position = builder.blocks(tokens, 0, closing=None)
    assert position == len(tokens)
    return _fill_contents(blocks)


class _Definitions(dict[str, Any]):
    """The link reference definitions of a text, noting each label a link looks up
    (markdown-it's link and image rules call `get`; the definition rule never does)."""

    def __init__(self) -> None:
        super().__init__()
        self.used: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        self.used.add(key)
        return super().get(key, default)


_DEFINITION = re.compile(r"^ {0,3}\[((?:[^\]\\]|\\.)+)\]:")


def parse_tokens(text: str, builder: _Builder) -> list[Token]:
    """markdown-it's tokens of `text`; a link definition that no link uses is refused at its
    line (markdown-it keeps definitions out of the tokens, so its address would vanish)."""
    tokens, unused_labels = _tokens(text)
    unused = set(unused_labels)
    if unused:
        for line, source in enumerate(builder.lines):
            match = _DEFINITION.match(source)
            if match and normalizeReference(match.group(1)) in unused:
                unused.discard(normalizeReference(match.group(1)))
                builder.refuse(unused_definition_refusal(match.group(1), line))
        for label in sorted(unused):  # a label over several lines: at the text
            builder.refuse(unused_definition_refusal(label, 0))
    return list(tokens)


def block_tokens(text: str) -> list[Token]:
    """markdown-it's tokens of `text`, for checks of its block structure."""
    return list(_tokens(text)[0])


_REMEMBERED_UP_TO = 20_000
"""The longest text (in characters) whose tokens `_tokens` keeps: every field an agreement
is written with in practice. A longer one (a lägesbild pasted whole) is parsed each time
rather than held in memory for the rest of the run."""


def _tokens(text: str) -> tuple[tuple[Token, ...], frozenset[str]]:
    """markdown-it's tokens of `text`, and the labels of its link definitions that no link
    uses. A paragraph is parsed for its refusals, for its structure and for its blocks, so
    the tokens of a text up to `_REMEMBERED_UP_TO` characters are kept (they are only read:
    nothing in this package changes a token)."""
    if len(text) > _REMEMBERED_UP_TO:
        return _parsed_tokens(text)
    return _remembered_tokens(text)


def _parsed_tokens(text: str) -> tuple[tuple[Token, ...], frozenset[str]]:
    definitions = _Definitions()
    tokens = _parser.parse(text, {"references": definitions})
    return tuple(tokens), frozenset(set(definitions) - definitions.used)


_remembered_tokens = lru_cache(maxsize=1024)(_parsed_tokens)


def _fill_contents(blocks: list[Block]) -> tuple[Block, ...]:
    """Each table of contents lists the headings after it, down to its depth."""
    result: list[Block] = []
    for index, block in enumerate(blocks):
        if isinstance(block, Contents):
            entries = tuple(
                ContentsEntry(b.level, plain_text(b.content))
                for b in blocks[index + 1 :]
                if isinstance(b, Heading) and b.level <= block.depth
            )
            block = Contents(entries, block.depth)
        result.append(block)
    return tuple(result)


def _skip(tokens: Sequence[Token], i: int) -> int:
    """The index after the token at `i` and everything nested in it."""
    level = 0
    while True:
        level += tokens[i].nesting
        i += 1
        if level <= 0:
            return i


class _Builder:
    """Folds tokens into blocks. A construct the tree cannot hold is raised at once, or,
    when `collect`ing (checking prose), noted and skipped so that every one is reported."""

    def __init__(self, text: str, *, prose: bool, collect: bool) -> None:
        self.lines = text.split("\n")
        self.prose = prose
        self.collect = collect
        self.refusals: list[Refusal] = []
        self.line = 0

    def refuse(self, refusal: Refusal) -> None:
        if not self.collect:
            raise UnsupportedMarkdown(refusal)
        self.refusals.append(refusal)

    def blocks(
        self, tokens: Sequence[Token], i: int, closing: str | None
    ) -> tuple[list[Block], int]:
        blocks: list[Block] = []
        role: str | None = None
        while i < len(tokens):
            token = tokens[i]
            if token.map:
                self.line = token.map[0]
            if closing is not None and token.type == closing:
                return blocks, i + 1
            if token.type == "heading_open":
                level = int(token.tag[1])
                blocks.append(Heading(level, self.inlines(tokens[i + 1])))
                i += 3
            elif token.type == "paragraph_open":
                figure = self.figure(tokens[i + 1])
                blocks.append(figure or Paragraph(self.inlines(tokens[i + 1])))
                i += 3
            elif token.type in {"bullet_list_open", "ordered_list_open"}:
                items, i = self.list_items(tokens, i + 1, token.type.replace("_open", "_close"))
                if token.type == "bullet_list_open":
                    blocks.append(BulletList(tuple(items)))
                else:
                    start = int(token.attrGet("start") or 1)
                    blocks.append(OrderedList(tuple(items), start))
            elif token.type == "table_open":
                table, i = self.table(tokens, i + 1, role)
                blocks.append(table)
                role = None
                continue
            elif token.type == "html_block":
                match = _ROLE_MARKER.match(token.content.strip())
                marker = match.group(1) if match else None
                contents = _CONTENTS_MARKER.match(token.content.strip())
                i += 1
                if marker == PAGE_BREAK_MARKER:
                    blocks.append(PageBreak())
                elif contents is not None:
                    depth = int(contents.group(1) or CONTENTS_DEPTH)
                    blocks.append(Contents((), depth))
                    if i < len(tokens) and tokens[i].type == "bullet_list_open":
                        i = _skip(tokens, i)  # its own rendering, regenerated from headings
                elif marker in KNOWN_ROLES:
                    role = marker
                    continue
                else:
                    self.refuse(html_refusal(token.content, self.line))
            else:
                self.refuse(construct_refusal(token.type, self.line))
                i = _skip(tokens, i)
            role = None
        return blocks, i

    def list_items(
        self, tokens: Sequence[Token], i: int, closing: str
    ) -> tuple[list[ListItem], int]:
        items: list[ListItem] = []
        while tokens[i].type != closing:
            assert tokens[i].type == "list_item_open"
            blocks, i = self.blocks(tokens, i + 1, closing="list_item_close")
            items.append(ListItem(tuple(blocks)))
        return items, i + 1

    def table(self, tokens: Sequence[Token], i: int, role: str | None) -> tuple[Table, int]:
        header: list[Inlines] = []
        rows: list[tuple[Inlines, ...]] = []
        current: list[Inlines] = []
        in_head = False
        while tokens[i].type != "table_close":
            token = tokens[i]
            if token.map:
                self.line = token.map[0]
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                current = []
                if not in_head and token.map:
                    self.count_cells(token.map[0], len(header))
            elif token.type == "tr_close":
                if in_head:
                    header = current
                else:
                    rows.append(tuple(current))
            elif token.type == "inline":
                current.append(self.inlines(token))
            i += 1
        return Table(tuple(header), tuple(rows), role), i + 1

    def count_cells(self, line: int, columns: int) -> None:
        """markdown-it drops the cells of a row beyond the header's columns: refused."""
        text = self.lines[line].strip() if line < len(self.lines) else ""
        cells = escapedSplit(text)
        if cells and cells[0] == "":
            cells.pop(0)
        if cells and cells[-1] == "":
            cells.pop()
        if len(cells) > columns:
            self.refuse(extra_cells_refusal(cells[columns:], columns, line))

    def figure(self, token: Token) -> Figure | None:
        """A paragraph that is one image and nothing else is a figure (templates draw the
        organisation chart so); in prose it is refused like any other image."""
        children = token.children or []
        if self.prose or len(children) != 1 or children[0].type != "image":
            return None
        image = children[0]
        alt = "".join(child.content for child in image.children or [])
        caption = str(image.attrGet("title") or "")
        return Figure(unquote(str(image.attrGet("src") or "")), alt, caption)

    def inlines(self, token: Token) -> Inlines:
        result: list[Inline] = []
        strong = emphasis = False
        href: str | None = None
        linked_text = False
        line = token.map[0] if token.map else self.line
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
            elif kind == "link_open":
                address = str(child.attrGet("href") or "")
                title = child.attrGet("title")
                refusal = link_refusal(address, None if title is None else str(title), line)
                if refusal is not None:
                    self.refuse(refusal)
                href = address if refusal is None else None
                linked_text = False
            elif kind == "link_close":
                if href is not None and not linked_text:  # `[](…)`: the address is the text
                    _append(
                        result, Span(unquote(href.removeprefix("mailto:")), strong, emphasis, href)
                    )
                href = None
            elif kind in {"text", "text_special"}:
                _append(result, Span(child.content, strong, emphasis, href))
                linked_text = linked_text or bool(child.content)
            elif kind == "code_inline":
                _append(result, Span(child.content, strong, emphasis, href, code=True))
                linked_text = linked_text or bool(child.content)
            elif kind == "softbreak":
                _append(result, Span(" ", strong, emphasis, href))
                line += 1
            elif kind == "hardbreak":
                result.append(LineBreak())
                line += 1
            elif kind == "image":
                self.refuse(image_refusal(str(child.attrGet("src") or ""), line))
                line += sum(c.type in {"softbreak", "hardbreak"} for c in child.children or [])
            elif kind == "html_inline":
                self.refuse(html_refusal(child.content, line))
                line += child.content.count("\n")
            else:
                self.refuse(construct_refusal(kind, line))
        return tuple(result)


def _append(result: list[Inline], span: Span) -> None:
    """Merge adjacent spans of the same formatting, so equal text gives equal trees."""
    if not span.text:
        return
    last = result[-1] if result else None
    if isinstance(last, Span) and _format(last) == _format(span):
        result[-1] = Span(last.text + span.text, span.strong, span.emphasis, span.href, span.code)
    else:
        result.append(span)


def _format(span: Span) -> tuple[bool, bool, str | None, bool]:
    return span.strong, span.emphasis, span.href, span.code


def shift_headings(document: Document, level: int) -> Document:
    """The document with `#` moved to `level + 1`, so prose nests under a heading."""
    blocks = tuple(
        Heading(min(b.level + level, 6), b.content) if isinstance(b, Heading) else b
        for b in document.blocks
    )
    return Document(blocks, document.info)
