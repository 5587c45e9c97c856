"""The styles the DOCX writer needs, found in the reference document or, where it lacks one,
copied from the shipped reference document.

A municipality's reference document may lack a style (an English Word's "Heading 1" is there,
a template made from scratch may have no "List Number 3") or define it oddly (no style id, a
table style named "Heading 1"). The writer then uses the shipped definition, with the list
numbering it needs, instead of stopping with an internal error."""

from __future__ import annotations

import copy
import zipfile
from functools import cache
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.styles import BabelFish
from lxml import etree  # type: ignore[import-untyped]

from samverkan_cli.writers.reference_document import shipped_reference

_STYLE = qn("w:style")
_NAME = qn("w:name")
_ID = qn("w:styleId")
_VAL = qn("w:val")
_TYPE = qn("w:type")
_LINKS = (qn("w:basedOn"), qn("w:next"), qn("w:link"))
_TYPES = {
    WD_STYLE_TYPE.PARAGRAPH: "paragraph",
    WD_STYLE_TYPE.TABLE: "table",
    WD_STYLE_TYPE.CHARACTER: "character",
}


def style_id(docx: Any, name: str, kind: Any = WD_STYLE_TYPE.PARAGRAPH) -> str | None:
    """The id of the style called `name` (its English UI name) of `kind`, copied in from
    the shipped reference when the document has no usable one; None when neither has it."""
    found = _usable(docx, name, kind)
    if found is None:
        found = _copy_shipped(docx, name, kind)
    return None if found is None else str(found.get(_ID))


def style_element(docx: Any, name: str, kind: Any = WD_STYLE_TYPE.PARAGRAPH) -> Any:
    """The `w:style` element `style_id` found or copied in (None when there is none)."""
    wanted = style_id(docx, name, kind)
    if wanted is None:
        return None
    return next(iter(_WITH_ID(docx.styles.element, id=wanted)), None)


def _styles(docx: Any) -> list[Any]:
    return list(docx.styles.element.iterchildren(_STYLE))


_W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
_NAMED = etree.XPath("w:style[w:name[1]/@w:val = $name]", namespaces=_W)
"""The styles whose (first) name is `name`, in document order: found by libxml2, since a
reference has some 150 styles and the writer looks up a dozen."""
_WITH_ID = etree.XPath("w:style[@w:styleId = $id]", namespaces=_W)


def _usable(docx: Any, name: str, kind: Any) -> Any:
    """The document's own style of that name and kind, with an id."""
    for style in _NAMED(docx.styles.element, name=BabelFish.ui2internal(name)):
        if style.get(_ID) and style.get(_TYPE, "paragraph") == _TYPES.get(kind):
            return style
    return None


@cache
def _shipped() -> tuple[Any, Any]:
    """The shipped reference's styles and numbering elements (read once)."""
    with zipfile.ZipFile(shipped_reference()) as package:
        styles = parse_xml(package.read("word/styles.xml"))
        numbering = parse_xml(package.read("word/numbering.xml"))
    return styles, numbering


def _copy_shipped(docx: Any, name: str, kind: Any) -> Any:
    shipped_styles, _ = _shipped()
    internal = BabelFish.ui2internal(name)
    source = next(
        (
            s
            for s in shipped_styles.iterchildren(_STYLE)
            if s.find(_NAME) is not None and s.find(_NAME).get(_VAL) == internal
        ),
        None,
    )
    if source is None or source.get(_TYPE, "paragraph") != _TYPES.get(kind):
        return None
    style = copy.deepcopy(source)
    taken = {s.get(_ID) for s in _styles(docx)}
    wanted = str(source.get(_ID))
    new_id, number = wanted, 1
    while new_id in taken:
        number += 1
        new_id = f"{wanted}{number}"
    style.set(_ID, new_id)
    for link in [e for e in style if e.tag in _LINKS]:
        if link.get(_VAL) not in taken:
            style.remove(link)  # a style the document does not have (such as "Heading1Char")
    _bring_numbering(docx, style)
    docx.styles.element.append(style)
    return style


def _bring_numbering(docx: Any, style: Any) -> None:
    """A copied list style's numbering, copied too under new ids (dropped when the shipped
    one has none)."""
    num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    if num_id is None:
        return
    _, shipped_numbering = _shipped()
    wanted = num_id.get(_VAL)
    nums = shipped_numbering.iterchildren(qn("w:num"))
    num = next((n for n in nums if n.get(qn("w:numId")) == wanted), None)
    reference = num.find(qn("w:abstractNumId")) if num is not None else None
    abstract = next(
        (
            a
            for a in shipped_numbering.iterchildren(qn("w:abstractNum"))
            if reference is not None and a.get(qn("w:abstractNumId")) == reference.get(_VAL)
        ),
        None,
    )
    if abstract is None:
        num_pr = num_id.getparent()
        num_pr.getparent().remove(num_pr)
        return
    numbering = docx.part.numbering_part.element
    used = [
        int(a.get(qn("w:abstractNumId")))
        for a in numbering.iterchildren(qn("w:abstractNum"))
        if str(a.get(qn("w:abstractNumId"), "")).isdigit()
    ]
    new_abstract = copy.deepcopy(abstract)
    new_abstract.set(qn("w:abstractNumId"), str(max(used, default=-1) + 1))
    for nsid in new_abstract.findall(qn("w:nsid")):
        new_abstract.remove(nsid)  # a list id shared with another list would merge them
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(new_abstract)
    else:
        numbering.append(new_abstract)
    new_num = numbering.add_num(int(new_abstract.get(qn("w:abstractNumId"))))
    num_id.set(_VAL, str(new_num.numId))
