"""The reference document: the styles every DOCX is written with.

`templates/reference.docx` is made by this module (`make reference`), so its look is code
that can be reviewed: A4 pages, fonts, heading sizes, margins, list and contents styles, Swedish as
the language. A municipality replaces it with its own graphic profile by pointing
`--referens FILE` or `referens:` in samverkan.yaml at a .docx that has the same style names
(Normal, Heading 1–3, List Bullet, List Number, Table Grid, TOC 1–6, Header, Footer).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree  # type: ignore[import-untyped]

from samverkan_cli.document.tree import CONTENTS_DEPTHS
from samverkan_cli.source.reference_verdicts import REFERENCE_NAME as REFERENCE_NAME
from samverkan_cli.source.reference_verdicts import shipped_reference as shipped_reference
from samverkan_cli.writers.docx_package import package_bytes, set_application, set_language
from samverkan_cli.writers.reference_palette import accessible_palette
from samverkan_cli.writers.reference_xml import PARSER

FONT = "Arial"
BODY_SIZE = Pt(11)
HEADING_SIZES = {1: Pt(16), 2: Pt(13), 3: Pt(11.5)}
MARGIN = Cm(2.5)
HEADER_DISTANCE = Cm(1)
"""From the page's edge to the header (and the footer): a header of three lines at 9 pt
ends about 4 mm above the body, not 1.5 mm as at Word's default 1.27 cm."""
A4 = (Cm(21), Cm(29.7))
_MADE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def build_reference_document() -> bytes:
    """The project's reference document, byte for byte the same every time."""
    docx = new_docx()
    _body_styles(docx)
    _contents_styles(docx)
    _caption_style(docx)
    _drop_theme_fonts(docx)
    _minor_headings(docx)
    accessible_palette(docx.styles.element)
    _palette_with_effects(docx)
    for section in docx.sections:
        section.page_width, section.page_height = A4
        section.top_margin = section.bottom_margin = MARGIN
        section.left_margin = section.right_margin = MARGIN
        section.header_distance = section.footer_distance = HEADER_DISTANCE
    set_language(docx, "sv-SE")
    body = docx.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    props = docx.core_properties
    props.title = "samverkan referensdokument"
    props.author = "samverkan"
    props.last_modified_by = "samverkan"
    props.created = props.modified = _MADE.replace(tzinfo=None)
    props.revision = 1
    set_application(docx, with_version=False)  # the same bytes whatever version builds it
    return package_bytes(docx, _MADE)


def _body_styles(docx: Any) -> None:
    normal = docx.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = BODY_SIZE
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level, size in HEADING_SIZES.items():
        style = docx.styles[f"Heading {level}"]
        style.font.name = FONT
        style.font.size = size
        style.font.bold = True
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(18 if level == 1 else 12)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    title = docx.styles["Title"]
    title.font.name = FONT
    title.font.color.rgb = RGBColor(0, 0, 0)
    for name in ("Header", "Footer"):
        docx.styles[name].font.name = FONT
        docx.styles[name].font.size = Pt(9)


def _drop_theme_fonts(docx: Any) -> None:
    """Theme font references win over a style's own font in Word; remove them so that the
    fonts named here are the ones used."""
    themed = [qn(f"w:{name}") for name in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")]
    for fonts in docx.styles.element.iter(qn("w:rFonts")):
        for attribute in themed:
            fonts.attrib.pop(attribute, None)


def _minor_headings(docx: Any) -> None:
    """Heading 4–6 like the levels above them, at body size: Word's defaults are blue
    (Heading 4: 4.0:1 on white, italic) and would stand out as another document's."""
    for level in (4, 5, 6):
        style = docx.styles[f"Heading {level}"]
        style.font.name = FONT
        style.font.size = BODY_SIZE
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True


def _palette_with_effects(docx: Any) -> None:
    """The same colours in word/stylesWithEffects.xml, the copy of the styles Word 2010
    keeps beside styles.xml, so that no reader finds the old ones there."""
    for relationship in docx.part.rels.values():
        if relationship.is_external or not relationship.reltype.endswith("/stylesWithEffects"):
            continue
        part = relationship.target_part
        root = etree.fromstring(part.blob, PARSER)
        accessible_palette(root)
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _caption_style(docx: Any) -> None:
    """The caption under the organisation chart: Word's default is light blue (4.0:1 on
    white, below WCAG's 4.5:1); here the chart's own dark blue (8.6:1), 9 pt, not bold."""
    caption = docx.styles["Caption"]
    caption.font.name = FONT
    caption.font.size = Pt(9)
    caption.font.bold = False
    caption.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
    caption.paragraph_format.space_before = Pt(3)
    caption.paragraph_format.space_after = Pt(12)


def _contents_styles(docx: Any) -> None:
    """TOC 1 to TOC 6, one for each level a table of contents can list."""
    for level in CONTENTS_DEPTHS:
        name = f"TOC {level}"
        try:
            style = docx.styles[name]
        except KeyError:
            style = docx.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = docx.styles["Normal"]
        style.font.name = FONT
        style.font.bold = level == 1
        style.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        style.paragraph_format.space_after = Pt(2)


def main(argv: list[str]) -> int:
    """`python -m samverkan_cli.writers.reference_document PATH`: write the reference document."""
    if len(argv) != 1:
        print(
            "användning: python -m samverkan_cli.writers.reference_document FIL.docx",
            file=sys.stderr,
        )
        return 2
    Path(argv[0]).write_bytes(build_reference_document())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
