"""The table of contents in a DOCX, as Word itself writes one: a TOC field whose result lists
each entry as a hyperlink to a bookmark on its heading, with a PAGEREF field for its page
number after a dotted tab.

Why this shape: the entries can be clicked in Word and, through LibreOffice, in the PDF; the
page numbers are PAGEREF results that `fill_page_numbers` sets once LibreOffice has laid the
document out (`writers.pdf_pages`), so the DOCX needs no field update on opening. The field's
`\\b` switch limits it to a bookmark that runs from after the contents to the end of the
document, so that Word, when it does update the field, lists the same headings: never the
document's title nor the heading "Innehållsförteckning" itself.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections import deque
from collections.abc import Callable, Mapping
from typing import Any

from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]

from samverkan_cli.document.tree import CONTENTS_DEPTHS, Contents, ContentsEntry, Heading, Span
from samverkan_cli.writers.docx_package import field_char, instruction, reproducible_zip
from samverkan_cli.writers.docx_xml import element, sub

BOOKMARK_PREFIX = "_Toc"
"""Word's own prefix for the bookmarks its contents link to (hidden in Word's bookmark list)."""
RANGE_BOOKMARK = "_Toc_samverkan"
"""The bookmark around the headings the contents list (the field's `\\b` switch)."""
STYLES = tuple(f"TOC {level}" for level in CONTENTS_DEPTHS)
"""One style per level the contents can list (the reference document has them all)."""
_FIRST_ID = 1000
"""Bookmark ids from here, clear of the marker of an included .docx bilaga (id 0)."""
_PAGEREF = re.compile(r"^\s*PAGEREF\s+(\S+)\s+\\h\s*$")


class ContentsWriter:
    """Writes each contents block and puts a bookmark on each heading it lists.

    An entry is linked to the next heading after the contents whose level and text are the
    entry's (the contents were made from those headings, `document.parsing`); a heading that
    is not listed gets no bookmark."""

    def __init__(self, text_width_twips: int) -> None:
        self.tab_position = str(max(text_width_twips, 720))
        self.pending: deque[tuple[ContentsEntry, str]] = deque()
        self.next_number = 1
        self.range_open = False

    def contents(
        self,
        contents: Contents,
        new_paragraph: Callable[[str | None], Any],
        add_runs: Callable[[Any, tuple[Span, ...]], None],
        insert: Callable[[Any], None],
    ) -> None:
        """The contents' paragraphs, inside one TOC field, and the start of the range its
        `\\b` switch names (after the last entry, so the heading above is outside it)."""
        entries = contents.entries or (ContentsEntry(1, "Innehållsförteckning"),)
        paragraphs = []
        for entry in entries:
            style = STYLES[min(entry.level, len(STYLES)) - 1]
            paragraph = new_paragraph(style)
            _right_tab(paragraph, self.tab_position)
            if contents.entries:
                name = f"{BOOKMARK_PREFIX}{self.next_number:08d}"
                self.next_number += 1
                self.pending.append((entry, name))
                paragraph.append(_linked_entry(entry.text, name, add_runs))
            else:
                add_runs(paragraph, (Span(entry.text),))
            paragraphs.append(paragraph)
        first, last = paragraphs[0], paragraphs[-1]
        anchor = first.find(qn("w:pPr"))
        position = 1 if anchor is not None else 0
        depth = max([contents.depth, *(entry.level for entry in entries)])
        for offset, field in enumerate(
            (
                field_char("begin"),
                instruction(f'TOC \\o "1-{depth}" \\h \\z \\u \\b {RANGE_BOOKMARK}'),
                field_char("separate"),
            )
        ):
            first.insert(position + offset, field)
        last.append(field_char("end"))
        if not self.range_open:
            insert(_bookmark_start(RANGE_BOOKMARK, _FIRST_ID))
            self.range_open = True

    def heading(self, paragraph: Any, heading: Heading, text: str) -> None:
        """A bookmark around the heading's runs when it is the next listed entry."""
        if not self.pending:
            return
        entry, name = self.pending[0]
        if entry.level != heading.level or entry.text != text:
            return
        self.pending.popleft()
        number = _FIRST_ID + int(name.removeprefix(BOOKMARK_PREFIX))
        properties = paragraph.find(qn("w:pPr"))
        position = 1 if properties is not None else 0
        paragraph.insert(position, _bookmark_start(name, number))
        sub(paragraph, "w:bookmarkEnd", {_ID: str(number)})

    def finish(self, insert: Callable[[Any], None]) -> None:
        """The end of the range bookmark, at the end of the body."""
        if self.range_open:
            insert(element("w:bookmarkEnd", {_ID: str(_FIRST_ID)}))


_ID = qn("w:id")


def _bookmark_start(name: str, number: int) -> Any:
    return element("w:bookmarkStart", {_ID: str(number), qn("w:name"): name})


def _right_tab(paragraph: Any, position: str) -> None:
    """A right-aligned tab with a dotted leader at the right margin, for the page number."""
    properties = paragraph.find(qn("w:pPr"))
    if properties is None:
        properties = element("w:pPr")
        paragraph.insert(0, properties)
    tabs = element("w:tabs")
    sub(tabs, "w:tab", {qn("w:val"): "right", qn("w:leader"): "dot", qn("w:pos"): position})
    style = properties.find(qn("w:pStyle"))
    if style is not None:
        style.addnext(tabs)
    else:
        properties.insert(0, tabs)


def _linked_entry(
    text: str, bookmark: str, add_runs: Callable[[Any, tuple[Span, ...]], None]
) -> Any:
    """`w:hyperlink` to the heading's bookmark: the entry's text, a tab and a PAGEREF field
    whose result (the page number) is empty until `fill_page_numbers` sets it."""
    link = element("w:hyperlink", {qn("w:anchor"): bookmark, qn("w:history"): "1"})
    add_runs(link, (Span(text),))
    sub(sub(link, "w:r"), "w:tab")
    link.append(field_char("begin"))
    link.append(instruction(f"PAGEREF {bookmark} \\h"))
    link.append(field_char("separate"))
    sub(sub(link, "w:r"), "w:t").text = ""
    link.append(field_char("end"))
    return link


_DOCUMENT = "word/document.xml"
_SETTINGS = "word/settings.xml"


def contents_bookmarks(docx: bytes) -> tuple[str, ...]:
    """The bookmarks the contents' PAGEREF fields point to, in the order of the entries."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        root = etree.fromstring(package.read(_DOCUMENT))
    return tuple(name for name, _ in _page_results(root))


def fill_page_numbers(docx: bytes, pages: Mapping[str, int]) -> bytes:
    """`docx` with each contents entry's page number from `pages` (bookmark → page) and
    without Word's request to update fields on opening, the zip written as before (same
    entry order and timestamps)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        entries = package.infolist()
        files = {info.filename: package.read(info) for info in entries}
    moment = dt.datetime(*entries[0].date_time, tzinfo=dt.UTC)
    root = etree.fromstring(files[_DOCUMENT])
    for name, shown in _page_results(root):
        shown.text = str(pages[name]) if name in pages else ""
    files[_DOCUMENT] = _serialised(root)
    if all(name in pages for name, _ in _page_results(root)):
        settings = etree.fromstring(files[_SETTINGS])
        for update in settings.findall(qn("w:updateFields")):
            settings.remove(update)
        files[_SETTINGS] = _serialised(settings)
    return reproducible_zip(files, moment)


def _page_results(root: Any) -> list[tuple[str, Any]]:
    """(bookmark, result `w:t`) of each PAGEREF field inside a contents hyperlink."""
    found = []
    for link in root.iter(qn("w:hyperlink")):
        runs = list(link.iterchildren(qn("w:r")))
        for index, run in enumerate(runs):
            text = run.find(qn("w:instrText"))
            match = _PAGEREF.match(text.text or "") if text is not None else None
            if match is None or index + 2 >= len(runs):
                continue
            shown = runs[index + 2].find(qn("w:t"))
            if shown is not None:
                found.append((match.group(1), shown))
    return found


def _serialised(root: Any) -> bytes:
    return bytes(etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True))
