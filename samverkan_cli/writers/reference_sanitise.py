"""The reference document reduced to what it is for, before python-docx opens it.

A reference document gives the output its styles, numbering, fonts, theme, page set-up,
header and footer; nothing else of it reaches the output. What would make Word fetch,
include or run anything is refused first (`source.docx_active_content.dangers`, rule SV020). What is
merely not needed is dropped here without a word:

- the body (only its final section properties are kept) and every part only it used;
- parts the output has no use for: glossary, comments, custom properties, printer settings,
  embedded fonts, custom XML other than Word's bibliography store, SVG pictures (Word keeps a
  PNG beside each), and any part a relationship names but the zip lacks;
- external relationships that fetch nothing on opening (an attached template, web links,
  whose text stays), and every element left pointing at a dropped relationship;
- settings that reach outside the document or lock it: attached template, linked styles,
  mail merge, XSLT on saving, schema library, document and write protection, update fields;
- frames in the web settings, the hyperlink base, and core properties the writer does not
  set (content status, identifier, version, category).

Parts left as they were keep their bytes, so the shipped reference gives the same output."""

from __future__ import annotations

import io
import sys
import zipfile
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from samverkan_cli.source.docx_active_content import dangers
from samverkan_cli.source.docx_parts import (
    DOCUMENT_TYPE,
    PACKAGE_RELS,
    TEMPLATE_TYPE,
    Package,
    Relationship,
    W,
    is_xml,
    read_package,
    rels_name,
)
from samverkan_cli.source.docx_zip import ReferenceRefused, members_of, read_file, shown
from samverkan_cli.source.reference_verdicts import (
    ACTIVE_CONTENT_CODE,
    found_clean,
    record_clean,
)
from samverkan_cli.writers import reference_xml
from samverkan_cli.writers.reference_xml import (
    CP,
    PARSER,
    R,
    blank,
    core_properties,
    drop_dangling,
    keep_section_only,
    refers,
    remove_all,
    root_namespace,
    root_tag,
)

APP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
BIBLIOGRAPHY = "http://schemas.openxmlformats.org/officeDocument/2006/bibliography"

_CONTENT_PARTS = frozenset({"header", "footer", "footnotes", "endnotes"})
KEPT: dict[str, frozenset[str]] = {
    "package": frozenset({"officeDocument", "core-properties", "extended-properties", "thumbnail"}),
    "officeDocument": frozenset(
        {"styles", "stylesWithEffects", "numbering", "settings", "webSettings", "fontTable"}
        | {"theme", "customXml"}
        | _CONTENT_PARTS
    ),
    "customXml": frozenset({"customXmlProps"}),
    "numbering": frozenset({"image"}),  # picture bullets
    "theme": frozenset({"image"}),
    **{kind: frozenset({"image"}) for kind in _CONTENT_PARTS},
}
"""For each kind of part, the kinds of relationship kept from it; every other is dropped."""

PICTURE_TYPES = frozenset(
    {"image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff", "image/x-emf"}
    | {"image/x-wmf", "image/emf", "image/wmf"}
)
"""Pictures kept in headers, footers, bullets and the theme (and as the thumbnail)."""

_SETTINGS_DROPPED = (
    "attachedTemplate",
    "linkStyles",
    "mailMerge",
    "saveThroughXslt",
    "useXSLTWhenSaving",
    "attachedSchema",
    "documentProtection",
    "writeProtection",
    "updateFields",
)
DROPPED_SETTINGS = (
    *(f"{{{W}}}{name}" for name in _SETTINGS_DROPPED),
    "{http://schemas.openxmlformats.org/schemaLibrary/2006/main}schemaLibrary",
)

ROOTS = {
    "officeDocument": f"{{{W}}}document",
    "styles": f"{{{W}}}styles",
    "stylesWithEffects": f"{{{W}}}styles",
    "numbering": f"{{{W}}}numbering",
    "settings": f"{{{W}}}settings",
    "webSettings": f"{{{W}}}webSettings",
    "fontTable": f"{{{W}}}fonts",
    "header": f"{{{W}}}hdr",
    "footer": f"{{{W}}}ftr",
    "footnotes": f"{{{W}}}footnotes",
    "endnotes": f"{{{W}}}endnotes",
    "core-properties": f"{{{CP}}}coreProperties",
}
"""The root element python-docx expects of each part it reads as XML; a part with another
root, or another content type than `CONTENT_TYPE_OF` its kind, is left out (python-docx makes
a default one where it needs one)."""
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CONTENT_TYPE_OF = {
    "officeDocument": (DOCUMENT_TYPE, TEMPLATE_TYPE),
    "stylesWithEffects": ("application/vnd.ms-word.stylesWithEffects+xml",),
    "fontTable": (f"{_WML}.fontTable+xml",),
    "core-properties": ("application/vnd.openxmlformats-package.core-properties+xml",),
    **{
        kind: (f"{_WML}.{kind}+xml",)
        for kind in ("styles", "numbering", "settings", "webSettings", *_CONTENT_PARTS)
    },
}
"""The content type python-docx chooses its class of part by, for each kind it reads."""

NUMBERING_TYPE = f"{R}/numbering"
NUMBERING_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
EMPTY_NUMBERING = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="{W}"/>'
).encode()
"""Given to a reference without numbering: python-docx cannot make one, and a list style
copied from the shipped reference brings its numbering into it."""
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"


UNCHANGED = "sanitised unchanged"
"""The verdict (`source.reference_verdicts`) that a reference has no active content and
that sanitising it leaves every part as it was: its own bytes are then the package."""


def sanitised_reference(path: Path) -> bytes:
    """The reference document at `path` as a package holding only what the output takes
    from it, or `ReferenceRefused` saying what in it cannot be used."""
    data = read_file(path)
    if found_clean(UNCHANGED, data, _code()):
        # The shipped reference, which an earlier run found clean and already reduced
        # (the same parts, byte for byte): python-docx reads the same document from it.
        return data
    return sanitised_package(data)


@lru_cache(maxsize=4)
def sanitised_package(data: bytes) -> bytes:
    """`sanitised_reference` of the file's bytes (the same reference is used for every
    document of a build, so its work is done once)."""
    package = read_package(members_of(data))
    found = dangers(package)
    if found:
        raise ReferenceRefused(*found)
    sanitiser = _Sanitiser(package)
    result = sanitiser.run()
    if sanitiser.output == package.members:
        record_clean(UNCHANGED, data, _code())
    return result


def _code() -> tuple[ModuleType, ...]:
    """The modules whose code decides `UNCHANGED`."""
    return (*ACTIVE_CONTENT_CODE, reference_xml, sys.modules[__name__])


class _Sanitiser:
    def __init__(self, package: Package) -> None:
        self.package = package
        self.kept: dict[str, str] = {}  # member name -> kind of part
        self.relationships: dict[str, list[Relationship]] = {}  # kept, by source
        self.output: dict[str, bytes] = {}
        self.roots: dict[str, Any] = {}  # parsed XML parts, by member name
        self.added: dict[str, str] = {}  # parts made here, with their content types

    def run(self) -> bytes:
        self._walk("", "package")
        for name, kind in self.kept.items():
            self.output[name] = self._part(name, kind)
        self._add_numbering()
        for source, kept in self.relationships.items():
            self.output[rels_name(source)] = self._rels(source, kept)
        self.output["[Content_Types].xml"] = self._content_types()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as target:
            for name, content in self.output.items():
                target.writestr(name, content)
        return buffer.getvalue()

    def _walk(self, source: str, kind: str) -> None:
        """Keep the relationships of `source` (a part of `kind`) that `KEPT` allows and the
        parts they lead to, depth first."""
        allowed = KEPT.get(kind, frozenset())
        kept: list[Relationship] = []
        for relationship in self.package.relationships.get(source, []):
            if relationship.kind not in allowed or relationship.external:
                continue
            target = self.package.names.get(relationship.target.casefold())
            if target is None or not self._wanted(target, relationship.kind):
                continue
            kept.append(relationship)
            if target not in self.kept:
                self.kept[target] = relationship.kind
                self._walk(target, relationship.kind)
        if kept:
            self.relationships[source] = kept

    def _wanted(self, name: str, kind: str) -> bool:
        """Whether a part that a kept kind of relationship leads to is itself wanted."""
        data = self.package.members[name]
        if kind in ("image", "thumbnail"):
            return self.package.content_type(name) in PICTURE_TYPES
        if kind == "customXml":
            return root_namespace(data) == BIBLIOGRAPHY
        if not data.strip():
            return False  # an empty header, say, is left out
        if kind not in ROOTS:
            return True
        declared = self.package.content_type(name)
        if root_tag(data) == ROOTS[kind] and declared in CONTENT_TYPE_OF[kind]:
            return True
        if kind in ("officeDocument", "styles"):
            raise ReferenceRefused(f"delen {shown(name)} är inte vad den ska vara ({kind})")
        return False

    def _parse(self, name: str) -> Any:
        if name not in self.roots:
            try:
                self.roots[name] = etree.fromstring(self.package.members[name], PARSER)
            except etree.XMLSyntaxError:
                raise ReferenceRefused(f"delen {shown(name)} är inte giltig XML") from None
        return self.roots[name]

    def _part(self, name: str, kind: str) -> bytes:
        data = self.package.members[name]
        if not is_xml(name, self.package.content_type(name)):
            return data
        if kind not in _REWRITTEN and not refers(data):
            return data  # nothing in it can need a change (most of all, the styles)
        root = self._parse(name)
        kept_ids = {r.id for r in self.relationships.get(name, [])}
        changed = drop_dangling(root, kept_ids)
        if kind == "officeDocument":
            changed |= keep_section_only(root)
        elif kind == "settings":
            changed |= remove_all(root, DROPPED_SETTINGS)
        elif kind == "webSettings":
            changed |= remove_all(root, (f"{{{W}}}frameset",))
        elif kind == "core-properties":
            changed |= core_properties(root)
        elif kind == "extended-properties":
            changed |= blank(root, (f"{{{APP}}}HyperlinkBase",))
        if not changed:
            return data
        return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))

    def _add_numbering(self) -> None:
        """An empty numbering part for a main document without one."""
        main = self.package.main() or ""
        kept = self.relationships.setdefault(main, [])
        if any(r.kind == "numbering" for r in kept):
            return
        taken = set(self.package.names) | {n.casefold() for n in self.output}
        name = next(
            n
            for n in (f"word/numbering{i or ''}.xml" for i in range(len(taken) + 1))
            if n.casefold() not in taken
        )
        ids = {r.id for r in self.package.relationships.get(main, [])}
        rid = next(f"rId{i}" for i in range(1, len(ids) + 2) if f"rId{i}" not in ids)
        kept.append(Relationship(main, rid, NUMBERING_TYPE, name, False))
        self.output[name] = EMPTY_NUMBERING
        self.added[f"/{name}"] = NUMBERING_CONTENT

    def _rels(self, source: str, kept: list[Relationship]) -> bytes:
        original = self.package.relationships.get(source, [])
        data = self.package.part(rels_name(source))
        if data is not None and kept == original:
            return data
        root = etree.Element(f"{{{PACKAGE_RELS}}}Relationships", nsmap={None: PACKAGE_RELS})
        for relationship in kept:
            etree.SubElement(
                root,
                f"{{{PACKAGE_RELS}}}Relationship",
                Id=relationship.id,
                Type=relationship.type,
                Target=f"/{relationship.target}",
            )
        return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))

    def _content_types(self) -> bytes:
        """The content types, a template's main part declared as a document's."""
        data = self.package.part("[Content_Types].xml") or b""
        main = self.package.main() or ""
        if self.package.content_type(main) != TEMPLATE_TYPE and not self.added:
            return data
        root = etree.fromstring(data, PARSER)
        for element in list(root):
            if element.get("ContentType") == TEMPLATE_TYPE:
                element.set("ContentType", DOCUMENT_TYPE)
            if str(element.get("PartName", "")).casefold() in map(str.casefold, self.added):
                root.remove(element)
        for name, content_type in self.added.items():
            etree.SubElement(
                root, f"{{{CONTENT_TYPES}}}Override", PartName=name, ContentType=content_type
            )
        return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


_REWRITTEN = frozenset(
    {"officeDocument", "settings", "webSettings", "core-properties", "extended-properties"}
)
"""Kinds of part that are always read, for what they hold besides references."""
