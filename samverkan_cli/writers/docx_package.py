"""The parts of a DOCX around the body: properties, language, header and footer with fields,
settings, and a zip written the same way every time (reproducible bytes)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Mapping
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from samverkan_cli.core.package_version import package_version
from samverkan_cli.core.source_date import source_date_epoch
from samverkan_cli.document.tree import DocumentInfo
from samverkan_cli.writers.docx_xml import element, sub

_EPOCH_1980 = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
_ZIP_LAST = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.UTC)
"""The zip format's timestamps run from 1980 to 2107."""


def document_moment(info: DocumentInfo) -> dt.datetime:
    """The moment the document is dated: SOURCE_DATE_EPOCH when set, else the agreement's
    date, else 1980-01-01; never the wall clock, so two builds give the same bytes."""
    epoch = source_date_epoch()
    if epoch is not None:
        return max(epoch, _EPOCH_1980)
    if info.date is not None:
        return dt.datetime.combine(info.date, dt.time(0, 0), tzinfo=dt.UTC)
    return _EPOCH_1980


def set_properties(docx: Any, info: DocumentInfo) -> None:
    """Title, subject, authors, language and dates, for the archive and screen readers."""
    moment = document_moment(info)
    props = docx.core_properties
    props.title = info.properties_title or info.title
    props.subject = info.subject
    props.author = "; ".join(info.authors)
    props.last_modified_by = "samverkan"
    props.language = info.language
    props.comments = ""
    props.keywords = "samverkansöverenskommelse"
    props.revision = 1
    props.created = moment.replace(tzinfo=None)
    props.modified = moment.replace(tzinfo=None)
    props.last_printed = moment.replace(tzinfo=None)
    set_application(docx)


APPLICATION = "samverkan"
_APP_NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def set_application(docx: Any, *, with_version: bool = True) -> None:
    """docProps/app.xml says samverkan wrote the file, and nothing else: the reference's
    own (python-docx's says "Microsoft Macintosh Word", 1 page, 0 words) would be believed
    by a registrar's system, and no count is honest before a word processor lays the pages
    out. The reference's thumbnail (a blank page) goes too. `with_version=False` for the
    committed reference document, which must not change with the installed version (a git
    tag, or none in a clone without tags)."""
    package = docx.part.package
    for r_id, relationship in list(package.rels.items()):
        if relationship.reltype in (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES):
            del package.rels[r_id]
    version = f"<AppVersion>{_app_version()}</AppVersion>" if with_version else ""
    blob = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<Properties xmlns="{_APP_NAMESPACE}"><Application>{APPLICATION}</Application>'
        f"{version}</Properties>"
    ).encode()
    part = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, blob, package)
    package.relate_to(part, RT.EXTENDED_PROPERTIES)


def _app_version() -> str:
    """The package's version as app.xml wants it, "XX.YYYY" (major, minor): 0.1.0 → 00.0001."""
    found = package_version() or ""
    numbers = [int(n) for n in found.split(".")[:2] if n.isdigit()]
    major, minor = [*numbers, 0, 0][:2]
    return f"{min(major, 99):02d}.{min(minor, 9999):04d}"


def set_language(docx: Any, language: str) -> None:
    """Mark the default run language so spell checking and screen readers use Swedish (or a
    translation's language; a right-to-left one also turns the paragraphs' direction)."""
    defaults = docx.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if rpr is None:
        return
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)
    if language.split("-")[0] in RIGHT_TO_LEFT:
        _right_to_left(defaults)


RIGHT_TO_LEFT = frozenset({"yi"})
"""Languages written from right to left (of those a translation may have: jiddisch)."""


def _right_to_left(defaults: Any) -> None:
    """Every paragraph read from right to left (a translation into jiddisch)."""
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is None:
        ppr_default = OxmlElement("w:pPrDefault")
        defaults.append(ppr_default)
    ppr = ppr_default.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        ppr_default.append(ppr)
    if ppr.find(qn("w:bidi")) is not None:
        return
    later = {qn(f"w:{name}") for name in _AFTER_BIDI}
    following = next((child for child in ppr if child.tag in later), None)
    if following is None:
        ppr.append(OxmlElement("w:bidi"))
    else:
        following.addprevious(OxmlElement("w:bidi"))


_AFTER_BIDI = (
    *("adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents"),
    *("suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap"),
    *("outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"),
)
"""The elements that come after `w:bidi` in a paragraph's properties (ECMA-376 CT_PPrBase)."""


def set_header(
    docx: Any,
    title: str,
    lines: tuple[str, ...],
    *,
    draft: bool = False,
    title_page: bool = False,
) -> None:
    """Every page's header: the document title and the parties' diarienummer; a draft's
    starts with UTKAST in bold (`build --utkast`). With `title_page` the first page has a
    header of its own, empty but for UTKAST: the title page already says all of it. The
    header keeps a little space from the body below it."""
    section = docx.sections[0]
    texts = [title, *lines] if title else list(lines)
    _fill_header(_only_paragraph(section.header), texts, draft)
    if title_page and texts:
        section.different_first_page_header_footer = True
        _fill_header(_only_paragraph(section.first_page_header), [], draft)


HEADER_SPACE_AFTER = Pt(8)
"""Space between the header's last line and the body (the body moves down for a header
taller than the top margin leaves room for)."""


def _fill_header(paragraph: Any, texts: list[str], draft: bool) -> None:
    if draft:
        paragraph.add_run("UTKAST").bold = True
        if texts:
            paragraph.runs[-1].add_break()
    for index, text in enumerate(texts):
        run = paragraph.add_run(text)
        if index < len(texts) - 1:
            run.add_break()
    if texts or draft:
        paragraph.paragraph_format.space_after = HEADER_SPACE_AFTER


def set_footer(docx: Any, words: tuple[str, str] = ("Sida", "av")) -> None:
    """Every page's footer: "Sida X av Y" (or a translation's words) with real PAGE and
    NUMPAGES fields."""
    section = docx.sections[0]
    footers = [section.footer]
    if section.different_first_page_header_footer:  # a title page (`set_header`)
        footers.append(section.first_page_footer)
    for footer in footers:
        paragraph = _only_paragraph(footer)
        if words[0]:
            paragraph.add_run(f"{words[0]} ")
        paragraph._p.append(simple_field("PAGE", "1"))
        paragraph.add_run(f" {words[1]} ")
        paragraph._p.append(simple_field("NUMPAGES", "1"))


def ask_to_update_fields(docx: Any) -> None:
    """Word refreshes the table of contents and page numbers when the file is opened."""
    settings = docx.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)


def simple_field(instruction: str, shown: str) -> Any:
    """A w:fldSimple with the text shown until Word updates it."""
    field = element("w:fldSimple", {qn("w:instr"): f" {instruction} "})
    sub(sub(field, "w:r"), "w:t").text = shown
    return field


def field_char(kind: str) -> Any:
    """A run holding w:fldChar begin/separate/end, for fields that span paragraphs."""
    run = element("w:r")
    sub(run, "w:fldChar", {_FLD_CHAR_TYPE: kind})
    return run


_FLD_CHAR_TYPE = qn("w:fldCharType")
_XML_SPACE = qn("xml:space")


def instruction(text: str) -> Any:
    run = element("w:r")
    sub(run, "w:instrText", {_XML_SPACE: "preserve"}).text = f" {text} "
    return run


def package_bytes(docx: Any, moment: dt.datetime) -> bytes:
    """The document's package as a zip with fixed entry order, timestamps and attributes (a
    moment the zip format cannot hold, such as a signing date in 1970, is taken to its
    nearest limit).

    python-docx's own `save` compresses every part into a zip that we would only unpack
    and compress again; its package writer is given a collector instead, so each part is
    serialised and compressed once."""
    package = docx.part.package
    for part in package.parts:
        part.before_marshal()
    members = _Members()
    writer: Any = PackageWriter  # python-docx 1.2's own steps of `save`, given our collector
    writer._write_content_types_stream(members, package.parts)
    writer._write_pkg_rels(members, package.rels)
    writer._write_parts(members, package.parts)
    return reproducible_zip(members.files, moment)


class _Members:
    """Stands in for python-docx's zip writer (`write(pack_uri, blob)`), keeping the bytes."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.files[pack_uri.membername] = blob


def reproducible_zip(files: Mapping[str, bytes], moment: dt.datetime) -> bytes:
    """A zip of `files`, [Content_Types].xml first and the rest by name, every entry with
    the same timestamp and attributes."""
    stamp = min(max(moment, _EPOCH_1980), _ZIP_LAST).astimezone(dt.UTC).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(files, key=lambda n: (n != "[Content_Types].xml", n)):
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 3
            target.writestr(entry, files[name])
    return buffer.getvalue()


def _only_paragraph(part: Any) -> Any:
    """The part's first paragraph, emptied; any others removed."""
    part.is_linked_to_previous = False
    paragraphs = part.paragraphs
    if not paragraphs:  # a reference's header may hold no paragraph (or only a table)
        return part.add_paragraph()
    first = paragraphs[0]
    for extra in paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    for child in list(first._p):
        if child.tag != qn("w:pPr"):
            first._p.remove(child)
    return first
