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
from samverkan_cli.writers.docx_xml import element

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
        run = _run(piece, force_bold)
        href = piece.href if isinstance(piece, Span) else None
        if href is None:
            link = None
            paragraph.append(run)
            continue
        if link is None or link.get(_HREF) != href:
            link = element("w:hyperlink", {_HREF: href})
            paragraph.append(link)
        link.append(run)


def _run(piece: Span | LineBreak, force_bold: bool) -> Any:
    run = element("w:r")
    if isinstance(piece, LineBreak):
        run.append(element("w:br"))
        return run
    if piece.strong or force_bold or piece.emphasis or piece.code:
        properties = element("w:rPr")
        if piece.code:
            properties.append(element("w:rStyle", {_VAL: _CODE_MARK}))
        if piece.strong or force_bold:
            properties.append(element("w:b"))
        if piece.emphasis:
            properties.append(element("w:i"))
        run.append(properties)
    text = element("w:t")
    text.text = piece.text  # the text has no tabs or breaks (the tree has none)
    if piece.text.strip() != piece.text:
        text.set(_XML_SPACE, "preserve")
    run.append(text)
    return run


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
