"""A DOCX's parts and relationships (stdlib): the members of its zip with their content
types, the relationships between them, and each XML part parsed without a DTD. What in them
would make Word fetch, include or run something is found by `docx_active_content`."""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote
from xml.parsers import expat

from samverkan_cli.source.docx_zip import ReferenceRefused, shown

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"

DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
"""A .dotx is read as a .docx (its main part's type is rewritten)."""
STYLES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"


@dataclass(frozen=True, slots=True)
class Relationship:
    """One relationship: from `source` ('' is the package) to a part or an address."""

    source: str
    id: str
    type: str
    target: str
    external: bool

    @property
    def kind(self) -> str:
        """The last segment of the type's URI: 'image', 'header', 'attachedTemplate' ..."""
        return self.type.rsplit("/", 1)[-1]


@dataclass(slots=True)
class Package:
    """The members of a reference document's zip, their content types and relationships."""

    members: dict[str, bytes]
    content_types: dict[str, str] = field(default_factory=dict)
    relationships: dict[str, list[Relationship]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    """Member names by their case-folded form (part names are case-insensitive)."""

    def part(self, name: str) -> bytes | None:
        actual = self.names.get(name.casefold())
        return None if actual is None else self.members[actual]

    def content_type(self, name: str) -> str:
        return self.content_types.get(name.casefold(), "")

    def related(self, source: str, kind: str) -> list[Relationship]:
        return [r for r in self.relationships.get(source, []) if r.kind == kind]

    def main(self) -> str | None:
        """The main document part's name."""
        found = [r for r in self.related("", "officeDocument") if not r.external]
        return found[0].target if found else None


def read_package(members: dict[str, bytes]) -> Package:
    """Content types and relationships of the zip's members, or `ReferenceRefused`."""
    package = Package(members, names={n.casefold(): n for n in members})
    types = package.part("[Content_Types].xml")
    if types is None:
        raise ReferenceRefused("filen är inte ett Word-dokument ([Content_Types].xml saknas)")
    root = parse_xml("[Content_Types].xml", types)
    defaults = {
        e.get("Extension", "").casefold(): e.get("ContentType", "")
        for e in root.iter(f"{{{CONTENT_TYPES}}}Default")
    }
    overrides = {
        e.get("PartName", "").lstrip("/").casefold(): e.get("ContentType", "")
        for e in root.iter(f"{{{CONTENT_TYPES}}}Override")
    }
    for name in members:
        folded = name.casefold()
        extension = folded.rsplit(".", 1)[-1] if "." in folded else ""
        package.content_types[folded] = overrides.get(folded, defaults.get(extension, ""))
    for name, data in members.items():
        if name.casefold().endswith(".rels"):
            source = source_of(name)
            package.relationships[source] = list(_relationships(source, name, data))
    return package


def source_of(rels_name: str) -> str:
    """The part a relationships member belongs to: 'word/_rels/document.xml.rels' ->
    'word/document.xml', '_rels/.rels' -> '' (the package)."""
    folder, base = posixpath.split(rels_name)
    owner = posixpath.dirname(folder)
    return posixpath.join(owner, base.removesuffix(".rels")).lstrip("/") if base != ".rels" else ""


def rels_name(source: str) -> str:
    """The relationships member of a part (or of the package, for '')."""
    folder, base = posixpath.split(source)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def _relationships(source: str, name: str, data: bytes) -> Iterator[Relationship]:
    for element in parse_xml(name, data).iter(f"{{{PACKAGE_RELS}}}Relationship"):
        external = element.get("TargetMode", "") == "External"
        target = element.get("Target", "")
        if not external:
            target = resolve(source, target)
        yield Relationship(source, element.get("Id", ""), element.get("Type", ""), target, external)


def resolve(source: str, target: str) -> str:
    """A relationship's internal target as a member name."""
    target = unquote(target)
    base = "" if target.startswith("/") else posixpath.dirname(source)
    return posixpath.normpath(posixpath.join("/", base, target)).lstrip("/")


class _Builder(ET.TreeBuilder):
    """Refuses a document type declaration: OOXML has none, and entities are an attack."""

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise ValueError("DOCTYPE")


def parse_xml(name: str, data: bytes) -> ET.Element:
    """The member's XML root, or `ReferenceRefused` naming the member."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ReferenceRefused(f"delen {shown(name)} har en DTD, vilket Word-dokument inte har")
    parser = ET.XMLParser(target=_Builder())
    try:
        parser.feed(data)
        root: ET.Element = parser.close()
    except (ET.ParseError, ValueError):
        raise ReferenceRefused(f"delen {shown(name)} är inte giltig XML") from None
    return root


def is_xml(name: str, content_type: str) -> bool:
    """Whether a member is read as XML (by its name or its declared content type)."""
    return name.casefold().endswith((".xml", ".rels")) or content_type.casefold().endswith("xml")


def check_xml(name: str, data: bytes) -> None:
    """`parse_xml`'s refusals, without building the tree (styles are most of a reference)."""
    parser = expat.ParserCreate()

    def doctype(*_: object) -> None:
        raise ValueError("DOCTYPE")

    parser.StartDoctypeDeclHandler = doctype
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ReferenceRefused(f"delen {shown(name)} har en DTD, vilket Word-dokument inte har")
    try:
        parser.Parse(data, True)
    except (expat.ExpatError, ValueError):
        raise ReferenceRefused(f"delen {shown(name)} är inte giltig XML") from None
