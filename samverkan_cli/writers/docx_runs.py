"""Inline content as WordprocessingML runs: bold, italic, line breaks, code and hyperlinks.

Runs are built as elements directly (python-docx's Run proxies searched the paragraph's
children for every run and property). A link becomes a real Word hyperlink (`w:hyperlink`
with an external relationship) and code a monospace run. Both need the document (its
relationships and styles), which a paragraph element does not know; so `add_runs` marks
them (the address in the hyperlink's `w:tooltip`, a placeholder character style on a code
run) and `finish_runs`, once the body is written, replaces each mark by the relationship and
the formatting.
"""

from __future__ import annotations

from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn

from samverkan_cli.document.tree import Inlines, LineBreak, Span
from samverkan_cli.writers.docx_styles import style_id
from samverkan_cli.writers.docx_xml import attribute, element, sub, text

LINK_STYLES = ("Hyperlink",)
CODE_STYLES = ("Kod", "HTML Code")
"""Character styles used when the reference document has one (tried in this order)."""
LINK_COLOUR = "0563C1"
"""Word's own hyperlink blue, for a reference document without a "Hyperlink" style."""
CODE_FONT = "Courier New"

_HREF = qn("w:tooltip")
_CODE_MARK = "samverkan-kod"
_STYLE = qn("w:rStyle")
_XML_SPACE = qn("xml:space")
_VAL = qn("w:val")


def add_runs(paragraph: Any, content: Inlines, *, force_bold: bool = False) -> None:
    """The inlines as runs of the `w:p` element `paragraph`; spans linking to one address
    share one `w:hyperlink`."""
    link: Any = None
    for piece in content:
        href = piece.href if isinstance(piece, Span) else None
        if href is None:
            link = None
            _run(paragraph, piece, force_bold)
            continue
        if link is None or link.get(_HREF) != href:
            link = sub(paragraph, "w:hyperlink", {_HREF: href})
        _run(link, piece, force_bold)


def _run(parent: Any, piece: Span | LineBreak, force_bold: bool) -> None:
    """The piece as a `w:r` put last in `parent`."""
    run = sub(parent, "w:r")
    if isinstance(piece, LineBreak):
        sub(run, "w:br")
        return
    if piece.strong or force_bold or piece.emphasis or piece.code:
        properties = sub(run, "w:rPr")
        if piece.code:
            sub(properties, "w:rStyle", {_VAL: _CODE_MARK})
        if piece.strong or force_bold:
            sub(properties, "w:b")
        if piece.emphasis:
            sub(properties, "w:i")
    text = sub(run, "w:t")
    text.text = piece.text  # the text has no tabs or breaks (the tree has none)
    if piece.text.strip() != piece.text:
        text.set(_XML_SPACE, "preserve")


def runs_markup(content: Inlines, *, force_bold: bool = False) -> str | None:
    """The runs `add_runs` makes, as WordprocessingML text (the `w` prefix bound where it
    is read), for the tables written as text (`docx_tables`); None for an empty text, which
    an element holds as "" but a parser reads back as no text."""
    out: list[str] = []
    link: str | None = None
    for piece in content:
        href = piece.href if isinstance(piece, Span) else None
        if link is not None and href != link:
            out.append("</w:hyperlink>")
        if href is not None and href != link:
            out.append(f'<w:hyperlink w:tooltip="{attribute(href)}">')
        link = href
        if isinstance(piece, LineBreak):
            out.append("<w:r><w:br/></w:r>")
            continue
        if not piece.text:
            return None
        out.append("<w:r>")
        if piece.strong or force_bold or piece.emphasis or piece.code:
            out.append("<w:rPr>")
            if piece.code:
                out.append(f'<w:rStyle w:val="{_CODE_MARK}"/>')
            if piece.strong or force_bold:
                out.append("<w:b/>")
            if piece.emphasis:
                out.append("<w:i/>")
            out.append("</w:rPr>")
        space = ' xml:space="preserve"' if piece.text.strip() != piece.text else ""
        out.append(f"<w:t{space}>{text(piece.text)}</w:t></w:r>")
    if link is not None:
        out.append("</w:hyperlink>")
    return "".join(out)


def finish_runs(docx: Any) -> None:
    """Give each marked hyperlink its external relationship and each link and code run its
    look: the reference's character style where it has one, else Word's blue underline and
    a monospace font. A document without links or code is left exactly as it was."""
    body = docx.element.body
    links = [
        link
        for link in body.iter(qn("w:hyperlink"))
        if link.get(_HREF) is not None and link.get(qn("r:id")) is None
    ]
    code = [style for style in body.iter(_STYLE) if style.get(_VAL) == _CODE_MARK]
    if not links and not code:
        return
    code_style = _first_style(docx, CODE_STYLES) if code else None
    for mark in code:
        if code_style is not None:
            mark.set(_VAL, code_style)
        else:
            fonts = {qn(f"w:{name}"): CODE_FONT for name in ("ascii", "hAnsi", "cs")}
            mark.addprevious(element("w:rFonts", fonts))
            mark.getparent().remove(mark)
    link_style = _first_style(docx, LINK_STYLES) if links else None
    for link in links:
        href = link.attrib.pop(_HREF)
        relationship = docx.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link.set(qn("r:id"), relationship)
        for run in link.iterchildren(qn("w:r")):
            properties = _properties(run)
            if link_style is not None and properties.find(_STYLE) is None:
                properties.insert(0, element("w:rStyle", {_VAL: link_style}))
            else:
                properties.append(element("w:color", {_VAL: LINK_COLOUR}))
                properties.append(element("w:u", {_VAL: "single"}))


def _first_style(docx: Any, names: tuple[str, ...]) -> str | None:
    for name in names:
        found = style_id(docx, name, WD_STYLE_TYPE.CHARACTER)
        if found is not None:
            return found
    return None


def _properties(run: Any) -> Any:
    """The run's `w:rPr`, made as its first child when it has none."""
    properties = run.find(qn("w:rPr"))
    if properties is None:
        properties = element("w:rPr")
        run.insert(0, properties)
    return properties
