"""New WordprocessingML elements, made the way python-docx's `OxmlElement` makes them.

One helper for every DOCX module: the same element class and namespace declarations as
python-docx's own, with each tag's name resolved once instead of on every call (the writers
make tens of thousands of elements for a large agreement).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from docx.oxml.ns import NamespacePrefixedTag
from docx.oxml.parser import oxml_parser


@cache
def _tag(prefixed: str) -> tuple[str, dict[str, str]]:
    tag = NamespacePrefixedTag(prefixed)
    return tag.clark_name, tag.nsmap


def element(prefixed: str, attributes: dict[str, str] | None = None) -> Any:
    """A new element such as `element("w:pPr")`, optionally with attributes."""
    clark_name, namespaces = _tag(prefixed)
    return oxml_parser.makeelement(clark_name, attrib=attributes, nsmap=namespaces)
