"""The XML of one part of a reference document: what `reference_sanitise` reads and cuts.

The root of a part read without parsing the rest, and the edits that leave a part with only
what the output takes from it: references to dropped relationships, the body but for its
section properties, settings and properties that would claim something of the output.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from samverkan_cli.source.docx_parts import W

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"

DEFAULT_SECTION = (
    f'<w:sectPr xmlns:w="{W}"><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" '
    'w:footer="708" w:gutter="0"/></w:sectPr>'
)
"""A4 with 2.5 cm margins, for a reference whose body has no section properties."""

_CORE_DROPPED = (f"{{{CP}}}contentStatus", f"{{{DC}}}identifier", f"{{{CP}}}version")
_REFERRING = etree.XPath("//*[@*[namespace-uri() = $ns]]")
"""Elements with an attribute in the relationships namespace (r:id, r:embed, r:link ...)."""
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


_R_PREFIX = re.compile(rb"xmlns:([\w.-]+)\s*=\s*[\"']" + re.escape(R.encode()) + rb"[\"']")


def refers(data: bytes) -> bool:
    """Whether the part may have an attribute in the relationships namespace: it binds a
    prefix to it and uses that prefix on an attribute (UTF-16 is always read)."""
    if b"\0" in data:
        return True
    prefixes = set(_R_PREFIX.findall(data))
    return any(re.search(rb"\s" + re.escape(p) + rb":[\w.-]+\s*=", data) for p in prefixes)


def root_tag(data: bytes) -> str:
    """The root element's name, read without parsing the rest of the part."""
    parser = etree.XMLPullParser(events=("start",), resolve_entities=False, no_network=True)
    try:
        for start in range(0, len(data), 65536):
            parser.feed(data[start : start + 65536])
            for _, element in parser.read_events():
                return str(element.tag)
    except etree.XMLSyntaxError:
        pass
    return ""


def root_namespace(data: bytes) -> str:
    try:
        tag = etree.fromstring(data, PARSER).tag
    except etree.XMLSyntaxError:
        return ""
    return str(tag)[1:].split("}", 1)[0] if str(tag).startswith("{") else ""


def drop_dangling(root: Any, kept_ids: set[str]) -> bool:
    """Remove what points at a relationship that is not kept: a hyperlink is unwrapped (its
    text stays), a picture's extension (an SVG beside its PNG) goes, and anything else goes
    with the run it is in (or by itself, outside runs)."""
    changed = False
    prefix = f"{{{R}}}"
    for element in _REFERRING(root, ns=R):  # in document order, found by libxml2 (fast)
        if not any(a.startswith(prefix) and v not in kept_ids for a, v in element.attrib.items()):
            continue
        changed = True
        parent = element.getparent()
        if parent is None:
            continue
        if element.tag == f"{{{W}}}hyperlink":
            for child in list(element):
                element.addprevious(child)
            parent.remove(element)
            continue
        doomed = _ancestor(element, f"{{{A}}}ext") or _ancestor(element, f"{{{W}}}r") or element
        holder = doomed.getparent()
        if holder is not None:
            holder.remove(doomed)
    return changed


def _ancestor(element: Any, tag: str) -> Any:
    current = element
    while current is not None:
        if current.tag == tag:
            return current
        current = current.getparent()
    return None


def keep_section_only(root: Any) -> bool:
    """The body emptied but for its final section properties (the page set-up and the
    header and footer references)."""
    body = root.find(f"{{{W}}}body")
    changed = body is None
    if body is None:
        body = etree.SubElement(root, f"{{{W}}}body")
    final = f"{{{W}}}sectPr"
    children = list(body)
    last = children[-1] if children and children[-1].tag == final else None
    removed = [c for c in children if c is not last]
    for child in removed:
        body.remove(child)
    if last is None:
        last = etree.fromstring(DEFAULT_SECTION, PARSER)
        body.append(last)
        changed = True
    return remove_all(last, (f"{{{W}}}printerSettings",)) or changed or bool(removed)


def remove_all(root: Any, tags: tuple[str, ...]) -> bool:
    found = [e for e in root.iter(*tags)]
    for element in found:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    return bool(found)


def blank(root: Any, tags: tuple[str, ...]) -> bool:
    changed = False
    for element in root.iter(*tags):
        if element.text or len(element):
            element.text = None
            for child in list(element):
                element.remove(child)
            changed = True
    return changed


def core_properties(root: Any) -> bool:
    """Properties that would claim something of the output (a status such as 'Final', an
    identifier, a version) unless the writer sets them, which it does not."""
    return remove_all(root, _CORE_DROPPED) | blank(root, (f"{{{CP}}}category",))
