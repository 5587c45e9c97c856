"""The active content in a DOCX: what would make Word fetch, include or run something.

A reference document is used for its styles, numbering, fonts, theme, page set-up, header and
footer. Anything that makes Word fetch, include or run something when the output is opened
is refused here (see `dangers`); what is merely not needed is dropped later, silently, by
`reference_sanitise`. Both `validate` (through `reference_check`) and the DOCX writer use
this one list, so what is checked is what is written."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from samverkan_cli.source.docx_parts import (
    DOCUMENT_TYPE,
    STYLES_TYPE,
    TEMPLATE_TYPE,
    Package,
    Relationship,
    W,
    check_xml,
    is_xml,
    parse_xml,
)
from samverkan_cli.source.docx_zip import shown

VML = "urn:schemas-microsoft-com:vml"
OFFICE = "urn:schemas-microsoft-com:office:office"

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
