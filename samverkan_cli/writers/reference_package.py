"""A reference document's parts and relationships, and the active content in it (stdlib).

A reference document is used for its styles, numbering, fonts, theme, page set-up, header and
footer. Anything that makes Word fetch, include or run something when the output is opened
is refused here (see `dangers`); what is merely not needed is dropped later, silently, by
`reference_sanitise`. Both `validate` (through `reference_check`) and the DOCX writer use
this one list, so what is checked is what is written."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote
from xml.parsers import expat

from samverkan_cli.writers.reference_zip import ReferenceRefused, shown

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
VML = "urn:schemas-microsoft-com:vml"
OFFICE = "urn:schemas-microsoft-com:office:office"

DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
"""A .dotx is read as a .docx (its main part's type is rewritten)."""
STYLES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"

SAFE_LINK_SCHEMES = ("http://", "https://", "mailto:")
"""Links that only open a web page or a mail when clicked; anything else (file:, UNC paths,
ms-msdt:, search-ms: ...) can make Word reach out or run a handler."""

SAFE_FIELDS = frozenset(
    {
        "PAGE",
        "NUMPAGES",
        "SECTIONPAGES",
        "SECTION",
        "DATE",
        "TIME",
        "CREATEDATE",
        "SAVEDATE",
        "PRINTDATE",
        "EDITTIME",
        "TITLE",
        "SUBJECT",
        "AUTHOR",
        "KEYWORDS",
        "COMMENTS",
        "LASTSAVEDBY",
        "DOCPROPERTY",
        "DOCVARIABLE",
        "INFO",
        "REVNUM",
        "NUMWORDS",
        "NUMCHARS",
        "FILENAME",
        "FILESIZE",
        "TEMPLATE",
        "USERNAME",
        "USERINITIALS",
        "USERADDRESS",
        "STYLEREF",
        "REF",
        "PAGEREF",
        "NOTEREF",
        "SEQ",
        "TOC",
        "TC",
        "TOA",
        "TA",
        "XE",
        "INDEX",
        "IF",
        "COMPARE",
        "=",
        "QUOTE",
        "SYMBOL",
        "ADVANCE",
        "EQ",
        "LISTNUM",
        "AUTONUM",
        "AUTONUMLGL",
        "AUTONUMOUT",
        "BIDIOUTLINE",
        "FORMTEXT",
        "FORMCHECKBOX",
        "FORMDROPDOWN",
        "CITATION",
        "BIBLIOGRAPHY",
        "MERGEFIELD",
        "MERGEREC",
        "MERGESEQ",
        "NEXT",
        "NEXTIF",
        "SKIPIF",
        "SET",
        "BARCODE",
        "DISPLAYBARCODE",
    }
)
"""Field types that compute text from the document itself. Every other field is refused:
INCLUDETEXT, INCLUDEPICTURE, INCLUDE, IMPORT, LINK, DDE, DDEAUTO, DATABASE, RD, EMBED,
AUTOTEXT, GLOSSARY, MACROBUTTON, ASK, FILLIN ... fetch, include, run or prompt, and a field
type computed by a nested field cannot be known before Word computes it."""

_MACRO_TYPES = ("macroenabled", "vbaproject", "vbadata", "keymapcustomizations")
_OBJECT_TYPES = ("oleobject", "activex")
_OBJECT_NAMES = {
    "oleObject": "ett inbäddat objekt (OLE)",
    "package": "ett inbäddat dokument",
    "control": "en ActiveX-kontroll",
    "activeXControlBinary": "en ActiveX-kontroll",
    "aFChunk": "ett importerat dokument (altChunk)",
    "subDocument": "ett underdokument",
}
_ELEMENT_NAMES = {
    f"{{{W}}}object": "ett inbäddat objekt (w:object)",
    f"{{{OFFICE}}}OLEObject": "ett inbäddat objekt (OLE)",
    f"{{{W}}}control": "en ActiveX-kontroll",
    f"{{{W}}}altChunk": "ett importerat dokument (altChunk)",
    f"{{{W}}}subDoc": "ett underdokument",
}
_LINKING_ATTRIBUTES = ("src", f"{{{OFFICE}}}href", f"{{{OFFICE}}}althref")
"""VML attributes that name a picture by address instead of through a relationship."""
_INSTRUCTIONS = (f"{{{W}}}instrText", f"{{{W}}}delInstrText")
_FIELD_CHAR = f"{{{W}}}fldChar"
_FIELD_TYPE = f"{{{W}}}fldCharType"
_SIMPLE_FIELD = f"{{{W}}}fldSimple"
_FIELD_WORD = re.compile(r"\s*(=|[A-Za-z]+)")
_QUOTED_TARGET = re.compile(r'\s*HYPERLINK\s+(?:\\[a-z]\s+)*"?([^"\s]*)', re.IGNORECASE)


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


def dangers(package: Package) -> list[str]:
    """What in the package would make Word fetch, include or run something, each as a
    Swedish phrase naming the part it is in; [] when the reference can be used."""
    found: list[str] = []
    main = package.main()
    if main is None or package.part(main) is None:
        return ["huvuddokumentet (word/document.xml) saknas"]
    main_type = package.content_type(main)
    if "macroenabled" in main_type.casefold():
        found.append(f"delen {shown(main)} är ett dokument med makron")
    elif main_type not in (DOCUMENT_TYPE, TEMPLATE_TYPE):
        return [f"huvuddokumentet {shown(main)} är inte ett Word-dokument ({shown(main_type)})"]
    if not (package.part(main) or b"").strip():
        return ["huvuddokumentet (word/document.xml) är tomt"]
    styles = [r for r in package.related(main, "styles") if not r.external]
    if not styles or not (package.part(styles[0].target) or b"").strip():
        found.append("formatmallarna (word/styles.xml) saknas")
    elif package.content_type(styles[0].target) != STYLES_TYPE:
        found.append(f"delen {shown(styles[0].target)} är inte formatmallar")
    if parse_xml(main, package.part(main) or b"").tag != f"{{{W}}}document":
        found.append(f"huvuddokumentet {shown(main)} är inte ett Word-dokument")
    for name in package.members:
        found.extend(_part_dangers(package, name))
    for relationships in package.relationships.values():
        found.extend(_relationship_danger(r) for r in relationships if _relationship_danger(r))
    return list(dict.fromkeys(found))


def is_xml(name: str, content_type: str) -> bool:
    """Whether a member is read as XML (by its name or its declared content type)."""
    return name.casefold().endswith((".xml", ".rels")) or content_type.casefold().endswith("xml")


def _part_dangers(package: Package, name: str) -> list[str]:
    content_type = package.content_type(name).casefold()
    folded = name.casefold()
    if any(m in content_type for m in _MACRO_TYPES) or "vbaproject" in folded:
        return [f"delen {shown(name)} innehåller makron"]
    if any(o in content_type for o in _OBJECT_TYPES) or "/embeddings/" in f"/{folded}":
        return [f"delen {shown(name)} är ett inbäddat objekt"]
    if not is_xml(name, content_type):
        return []
    data = package.members[name]
    if not data.strip():
        return []  # an empty part is dropped, or reported as missing where it is needed
    if b"\0" not in data and not _MARKERS.search(data):
        check_xml(name, data)  # nothing to look for inside: only well-formed, without a tree
        return []
    return list(_element_dangers(name, parse_xml(name, data)))


_MARKERS = re.compile(rb"fld|instrText|object|OLEObject|control|altChunk|subDoc|src|href")
"""Names `_element_dangers` looks for, which appear as written in a part in an encoding that
keeps ASCII as it is (UTF-16, with its NUL bytes, is always read as a tree)."""


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


def _element_dangers(name: str, root: ET.Element) -> Iterator[str]:
    """Fields outside `SAFE_FIELDS`, HYPERLINK fields to unsafe addresses, embedded or
    linked objects, and VML pictures named by address."""
    where = f"i delen {shown(name)}"
    for element in root.iter():
        tag = element.tag
        if tag == _SIMPLE_FIELD:
            yield from _field_danger(element.get(f"{{{W}}}instr", ""), where)
        elif tag in _ELEMENT_NAMES:
            yield f"{_ELEMENT_NAMES[tag]} {where}"
        elif _linked_picture(element):
            yield f"en bild som hämtas från en adress {where}"
    for instruction in complex_field_instructions(root):
        yield from _field_danger(instruction, where)


def _linked_picture(element: ET.Element) -> bool:
    tag = element.tag
    if not (isinstance(tag, str) and tag.startswith((f"{{{VML}}}", f"{{{OFFICE}}}"))):
        return False
    return any(element.get(a, "").strip() for a in _LINKING_ATTRIBUTES)


def complex_field_instructions(root: ET.Element) -> list[str]:
    """The instruction of every fldChar field, nested ones too. A field whose instruction
    starts with a nested field gets an empty instruction (its type is not known)."""
    done: list[str] = []
    stack: list[list[str]] = []  # instruction pieces of the open fields, innermost last
    in_instruction: list[bool] = []
    for element in root.iter():
        if element.tag == _FIELD_CHAR:
            kind = element.get(_FIELD_TYPE)
            if kind == "begin":
                if stack and in_instruction[-1] and not "".join(stack[-1]).strip():
                    stack[-1].append("\0")  # the outer field's type comes from this one
                stack.append([])
                in_instruction.append(True)
            elif kind == "separate" and stack:
                in_instruction[-1] = False
            elif kind == "end" and stack:
                done.append("".join(stack.pop()))
                in_instruction.pop()
        elif element.tag in _INSTRUCTIONS:
            if stack and in_instruction[-1]:
                stack[-1].append(element.text or "")
            elif not stack:
                done.append(element.text or "")  # an instruction outside any field
    done.extend("".join(pieces) for pieces in stack)  # fields never ended
    return done


def field_type(instruction: str) -> str:
    """The field's type, upper case ('' when it cannot be read from the instruction)."""
    match = _FIELD_WORD.match(instruction)
    return match.group(1).upper() if match else ""


def _field_danger(instruction: str, where: str) -> Iterator[str]:
    kind = field_type(instruction)
    if kind == "HYPERLINK":
        target = _QUOTED_TARGET.match(instruction)
        address = target.group(1) if target else ""
        if not address.casefold().startswith(SAFE_LINK_SCHEMES):
            yield f"ett HYPERLINK-fält till {shown(address)} {where}"
    elif instruction.lstrip().startswith("\0"):
        yield f"ett fält vars typ räknas fram av ett annat fält {where}"
    elif kind not in SAFE_FIELDS:
        yield f"fältet {shown(kind or instruction.strip()[:30])} {where}"


def _relationship_danger(relationship: Relationship) -> str:
    kind = relationship.kind
    where = f"i delen {shown(relationship.source or '_rels/.rels')}"
    folded = relationship.type.casefold()
    if any(m in folded for m in _MACRO_TYPES):
        return f"makron {where}"
    if kind in _OBJECT_NAMES:
        return f"{_OBJECT_NAMES[kind]} {where}"
    if not relationship.external or kind == "attachedTemplate":
        return ""  # an attached template is dropped: Word need not know of one
    target = relationship.target.strip()
    if kind == "hyperlink":
        if target.casefold().startswith(SAFE_LINK_SCHEMES):
            return ""
        return f"en länk till {shown(target)} {where}"
    return f"en extern resurs ({shown(kind)}) som hämtas från {shown(target)} {where}"
