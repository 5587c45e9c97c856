"""Markdown from the document model: stable, readable in a git diff, and parsing back to the
same tree (every character that could change structure is escaped)."""

from __future__ import annotations

import re

from markdown_it.common.normalize_url import normalizeLink

from samverkan_cli.document.tree import (
    CONTENTS_DEPTH,
    CONTENTS_MARKER,
    PAGE_BREAK_MARKER,
    Block,
    BulletList,
    Contents,
    Document,
    Figure,
    Heading,
    IncludedDocument,
    Inlines,
    LineBreak,
    OrderedList,
    PageBreak,
    Paragraph,
    Span,
    Table,
    plain_text,
)

# Characters that start or end inline markup anywhere in a line, in CommonMark or in GitHub's
# extensions (`~` strikes through, `|` splits a table row, `[ ]` is a task box).
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&|!~])")
# Characters that start a block when they open a line.
_LINE_START = re.compile(r"^(\s*)([#>+=~-]|\d+(?=[.)]))")


def write_markdown(document: Document) -> str:
    """The whole document as Markdown text, ending in one newline."""
    anchors = iter(heading_anchors(document))
    parts: list[str] = []
    previous: Block | None = None
    own_markers = False
    for index, block in enumerate(document.blocks):
        own_markers = _same_list(previous, block) and not own_markers
        if isinstance(block, Contents):
            parts.append(_contents(block, _anchors_after(document, index)))
        else:
            parts.append(_block(block, own_markers=own_markers))
        if isinstance(block, Heading):
            next(anchors)
        previous = block
    return "\n\n".join(parts) + "\n"


def write_blocks(blocks: tuple[Block, ...]) -> str:
    """A paragraph field's paragraph and lists (`document.paragraph`) as a template prints
    them: its lists marked `*` and `1)`, which CommonMark reads as lists of their own beside
    a template's `-` and `1.` lists, so a field's list never joins the points after it."""
    return "\n\n".join(_block(block, own_markers=True) for block in blocks)


def _same_list(previous: Block | None, block: Block) -> bool:
    """Two lists of one kind in a row, which Markdown would read as one list unless the
    second is marked differently."""
    kinds = (BulletList, OrderedList)
    return any(isinstance(previous, k) and isinstance(block, k) for k in kinds)


def write_inline(content: Inlines) -> str:
    """One paragraph's inline content as Markdown, read back as the same inlines."""
    return _inline(content, at_line_start=True)


def heading_anchors(document: Document) -> list[str]:
    """The anchor of every heading, as GitHub and most Markdown viewers make them: lower
    case, punctuation dropped, spaces as hyphens, a number added to repeats."""
    seen: dict[str, int] = {}
    anchors = []
    for block in document.blocks:
        if isinstance(block, Heading):
            base = _slug(plain_text(block.content))
            count = seen.get(base, 0)
            seen[base] = count + 1
            anchors.append(base if count == 0 else f"{base}-{count}")
    return anchors


def _anchors_after(document: Document, index: int) -> list[str]:
    anchors = heading_anchors(document)
    before = sum(isinstance(b, Heading) for b in document.blocks[:index])
    after = [b for b in document.blocks[index + 1 :] if isinstance(b, Heading)]
    block = document.blocks[index]
    depth = block.depth if isinstance(block, Contents) else CONTENTS_DEPTH
    return [a for a, b in zip(anchors[before:], after, strict=True) if b.level <= depth]


def _slug(text: str) -> str:
    kept = "".join(c for c in text.casefold() if c.isalnum() or c in " -_")
    return kept.replace(" ", "-")


def _block(block: Block, *, own_markers: bool = False) -> str:
    if isinstance(block, Heading):
        return "#" * block.level + " " + _inline(block.content, in_heading=True)
    if isinstance(block, Paragraph):
        return _inline(block.content, at_line_start=True)
    if isinstance(block, BulletList):
        bullet = "* " if own_markers else "- "
        return "\n".join(_item(bullet, item.blocks) for item in block.items)
    if isinstance(block, OrderedList):
        delimiter = ")" if own_markers else "."
        return "\n".join(
            _item(f"{block.start + n}{delimiter} ", item.blocks)
            for n, item in enumerate(block.items)
        )
    if isinstance(block, Contents):
        raise AssertionError("contents are written by write_markdown")
    if isinstance(block, PageBreak):
        return f"<!-- samverkan:{PAGE_BREAK_MARKER} -->"
    if isinstance(block, Figure):
        destination = block.source.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        return f"![{_inline((Span(block.alt),))}]({destination}{_image_title(block.caption)})"
    if isinstance(block, IncludedDocument):
        return _included(block)
    return _table(block)


def _image_title(caption: str) -> str:
    """A figure's caption as the image's title (`![alt](file "caption")`), which the
    Markdown parser reads back; nothing when it has none."""
    if not caption:
        return ""
    escaped = caption.replace("\\", "\\\\").replace('"', '\\"')
    return f' "{escaped}"'


def _included(block: IncludedDocument) -> str:
    """The reference line of a bilaga kept as a .docx or .pdf file, its name as code (in a
    fence of more backticks than the name holds)."""
    before, name, after = block.reference_line()
    fence = "`" * (max((len(run) for run in re.findall("`+", name)), default=0) + 1)
    padded = f" {name} " if name.startswith("`") or name.endswith("`") else name
    return f"{_inline((Span(before),))}{fence}{padded}{fence}{_inline((Span(after),))}"


def _contents(contents: Contents, anchors: list[str]) -> str:
    """The marker (with the depth when it is not the default), then the entries as a
    nested list of links (regenerated when parsed)."""
    depth = f" djup={contents.depth}" if contents.depth != CONTENTS_DEPTH else ""
    lines = [f"<!-- samverkan:{CONTENTS_MARKER}{depth} -->"]
    if contents.entries:
        lines.append("")
    top = min((e.level for e in contents.entries), default=1)
    for entry, anchor in zip(contents.entries, anchors, strict=False):
        indent = "  " * (entry.level - top)
        lines.append(f"{indent}- [{_inline((Span(entry.text),))}](#{anchor})")
    return "\n".join(lines)


def _item(marker: str, blocks: tuple[Block, ...]) -> str:
    indent = " " * len(marker)
    parts = [_block(b) for b in blocks] or [""]
    text = "\n\n".join(parts)
    lines = text.split("\n")
    return marker + lines[0] + "".join("\n" + (indent + line if line else "") for line in lines[1:])


def _table(table: Table) -> str:
    width = max([len(table.header)] + [len(row) for row in table.rows])
    header = list(table.header) + [()] * (width - len(table.header))
    lines = []
    if table.role:
        lines.append(f"<!-- samverkan:{table.role} -->")
    lines.append(_row(header))
    lines.append("|" + "|".join([" --- "] * width) + "|")
    for row in table.rows:
        lines.append(_row(list(row) + [()] * (width - len(row))))
    return "\n".join(lines)


def _row(cells: list[Inlines]) -> str:
    return "|" + "|".join(f" {_inline(cell, in_table=True)} " for cell in cells) + "|"


def _inline(
    content: Inlines,
    *,
    at_line_start: bool = False,
    in_table: bool = False,
    in_heading: bool = False,
) -> str:
    out: list[str] = []
    index = 0
    while index < len(content):
        piece = content[index]
        if isinstance(piece, LineBreak):
            out.append(" " if in_table else "\\\n")
            index += 1
            continue
        if piece.href is None:
            out.append(_span(piece, in_table=in_table, in_heading=in_heading))
            index += 1
            continue
        link = [piece]
        index += 1
        while index < len(content):
            following = content[index]
            if not isinstance(following, Span) or following.href != piece.href:
                break
            link.append(following)
            index += 1
        out.append(_link(link, piece.href, in_table=in_table, in_heading=in_heading))
    text = "".join(out)
    if at_line_start:
        text = "\n".join(_escape_line_start(line) for line in text.split("\n"))
    return text


def _link(spans: list[Span], href: str, *, in_table: bool, in_heading: bool) -> str:
    """Spans that link to one address: `<address>` when the text is the address itself
    (an autolink reads back the same), else `[text](address)`."""
    if len(spans) == 1 and _autolink_text(spans[0], href):
        return f"<{spans[0].text}>"
    text = "".join(_span(s, in_table=in_table, in_heading=in_heading) for s in spans)
    return f"[{text}]({_destination(href, in_table=in_table)})"


_AUTOLINK = re.compile(r"[a-zA-Z][a-zA-Z0-9+.\-]{1,31}:[^<>\x00-\x20%\\|#]*")
_EMAIL = re.compile(r"[a-zA-Z0-9.!#$&'*+/=?^_`{}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?")


def _autolink_text(span: Span, href: str) -> bool:
    """Whether `<text>` parses back to exactly this span (plain text that is its own
    address, with nothing markdown-it would decode or a table would split)."""
    if span.strong or span.emphasis or span.code or "xn--" in href:
        return False
    if span.text == href:
        return _AUTOLINK.fullmatch(href) is not None
    return href == "mailto:" + span.text and _EMAIL.fullmatch(span.text) is not None


def _destination(href: str, *, in_table: bool) -> str:
    """A link destination that reads back as `href`: normalised as markdown-it normalises
    what it reads (percent-encoding spaces, brackets and non-ASCII), so writing is stable,
    parentheses escaped, and a pipe encoded inside a table."""
    normalised = normalizeLink(href)
    if in_table:
        normalised = normalised.replace("|", "%7C")
    return normalised.replace("(", "\\(").replace(")", "\\)")


def _span(span: Span, *, in_table: bool = False, in_heading: bool = False) -> str:
    if span.code:
        core = _code(span.text, in_table=in_table)
        if span.strong:
            core = f"**{core}**"
        if span.emphasis:
            core = f"*{core}*"
        return core
    text = _INLINE_SPECIAL.sub(r"\\\1", span.text)
    if in_heading:
        text = text.replace("#", "\\#")
    if not text.strip():
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    core = text.strip()
    if span.strong:
        core = f"**{core}**"
    if span.emphasis:
        core = f"*{core}*"
    return lead + core + trail


def _code(text: str, *, in_table: bool) -> str:
    """A code span that reads back as `text`: a fence longer than any run of backticks in
    it, padded with a space where the text itself begins or ends with a backtick or with
    spaces on both sides (CommonMark strips one space from each side)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padded = text.startswith("`") or text.endswith("`")
    padded = padded or (text.startswith(" ") and text.endswith(" ") and bool(text.strip()))
    if padded:
        text = f" {text} "
    if in_table:
        text = text.replace("|", "\\|")
    return fence + text + fence


def _escape_line_start(line: str) -> str:
    match = _LINE_START.match(line)
    if match is None:
        return line
    if match.group(2)[0].isdigit():
        end = match.end()
        return line[:end] + "\\" + line[end:]
    return line[: match.start(2)] + "\\" + line[match.start(2) :]
