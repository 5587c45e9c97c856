"""New WordprocessingML elements, made the way python-docx's `OxmlElement` makes them.

One helper for every DOCX module: the same element class and namespace declarations as
python-docx's own, with each tag's name resolved once instead of on every call (the writers
make tens of thousands of elements for a large agreement), and `sub` for one made in its
parent. `text` and `attribute` escape values for WordprocessingML written as text
(`docx_tables`), so that lxml reads back exactly the value an element would have held.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from docx.oxml.ns import NamespacePrefixedTag
from docx.oxml.parser import oxml_parser
from lxml import etree  # type: ignore[import-untyped]


@cache
def _tag(prefixed: str) -> tuple[str, dict[str, str]]:
    tag = NamespacePrefixedTag(prefixed)
    return tag.clark_name, tag.nsmap


def element(prefixed: str, attributes: dict[str, str] | None = None) -> Any:
    """A new element such as `element("w:pPr")`, optionally with attributes."""
    clark_name, namespaces = _tag(prefixed)
    return oxml_parser.makeelement(clark_name, attrib=attributes, nsmap=namespaces)


def sub(parent: Any, prefixed: str, attributes: dict[str, str] | None = None) -> Any:
    """A new element put last in `parent`: the same XML as `parent.append(element(...))`,
    at about two thirds of the cost, since lxml makes it in the parent's document instead of
    a document of its own (a namespace the parent already declares is not declared again)."""
    clark_name, namespaces = _tag(prefixed)
    return etree.SubElement(parent, clark_name, attributes, namespaces)


W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def from_markup(markup: str) -> Any:
    """The element written as `markup` (its root binding the prefixes it uses), read by
    python-docx's parser, so that it is made of python-docx's element classes."""
    return etree.fromstring(markup, oxml_parser)


def text(value: str) -> str:
    """`value` as element content: a carriage return as a reference, since a parser reads a
    bare one as a line feed."""
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def attribute(value: str) -> str:
    """`value` inside double quotes: tabs and line breaks as references, since a parser
    reads bare ones in an attribute as spaces."""
    return text(value).replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;")
