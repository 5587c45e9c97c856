"""Word documents shaped the way Swedish Word writes them, generated with python-docx from
the seed texts (no real Word is available here): style ids Rubrik (the title), Rubrik1,
Rubrik2 and Liststycke, list paragraphs numbered through `w:numPr` and a numbering part
with a bullet and a decimal list, a table with a repeated header row, and a signature table
(a column per signatory: place and date, a line, the title).
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from tests.conftest import SEEDS

BULLET = "\uf0b7"
"""The bullet glyph the PDF extraction left in the seed texts."""
SWEDISH_IDS = {
    "Title": "Rubrik",
    "Heading 1": "Rubrik1",
    "Heading 2": "Rubrik2",
    "Heading 3": "Rubrik3",
    "List Paragraph": "Liststycke",
}
BULLET_LIST = "71"
NUMBERED_LIST = "72"


def swedish_document() -> docx.document.Document:
    """An empty document whose styles carry Swedish Word's ids."""
    document = docx.Document()
    for name, style_id in SWEDISH_IDS.items():
        document.styles[name].style_id = style_id
    numbering = document.part.numbering_part.element
    for num_id, fmt, text in ((BULLET_LIST, "bullet", "\uf0b7"), (NUMBERED_LIST, "decimal", "%1.")):
        numbering.append(
            parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}"><w:lvl w:ilvl="0">'
                f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'
            )
        )
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{num_id}"/></w:num>'
            )
        )
    return document


def list_paragraph(document: docx.document.Document, text: str, num_id: str) -> None:
    """A Liststycke paragraph numbered by `w:numPr`, as Word writes a list."""
    paragraph = document.add_paragraph(text, style="List Paragraph")
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


def header_table(document: docx.document.Document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for cells, row in zip(table.rows, rows, strict=True):
        for cell, text in zip(cells.cells, row, strict=True):
            cell.text = text
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))


def signature_table(document: docx.document.Document, columns: list[list[str]]) -> None:
    """A signature table: a column per signatory, a row per line."""
    table = document.add_table(rows=len(columns[0]), cols=len(columns))
    for index, column in enumerate(columns):
        for row, text in zip(table.rows, column, strict=True):
            row.cells[index].text = text


SEED_001_HEADINGS = {
    "Bakgrund": 1,
    "Parter och lokala överenskommelsens omfattning": 1,
    "Bilagor": 1,
    "Tid": 1,
    "Lokal samverkansorganisation": 1,
    "Lokal styrgrupp": 2,
    "Lokal beredningsgrupp": 2,
    "Lokala arbetsgrupper": 2,
    "Gemensam lokal lägesbild och prioriterade samverkansområden": 1,
    "Uppdateringar, ändringar och tillägg": 1,
    "Information": 1,
}
SIGNATURES_001 = [
    [
        "Spånga den 1 juni 2024",
        "_______________________",
        "Stadsdelsdirektör, Järva stadsdelsförvaltning",
    ],
    ["Spånga den 1 juni 2024", "_______________________", "Lokalpolisområdeschef, LPO Järva"],
]
"""The seed's signature lines (two side by side) as Word's table; the seed's
'Lokalpolisområdeschef,LPOJärva' is an extraction artefact, written with its spaces."""


def seed_001_agreement(path: Path) -> Path:
    """Seed 001 (the Järva agreement) as Swedish Word would hold it, with a diarienummer
    line and the bilagor as a table added (both invented, to exercise those paths)."""
    lines = (SEEDS / "001_9ed0645a5e23fa2e.txt").read_text(encoding="utf-8").splitlines()
    document = swedish_document()
    document.add_paragraph("Dnr: SDF 2024/117")
    document.add_paragraph("Lokal samverkansöverenskommelse", style="Title")
    current: list[str] = []
    kind = "p"

    def flush() -> None:
        nonlocal current
        if current:
            text = " ".join(current)
            if kind == "li":
                list_paragraph(document, text, BULLET_LIST)
            else:
                document.add_paragraph(text)
        current = []

    body = [line.strip() for line in lines[1:] if line.strip()]
    body = body[: next(i for i, line in enumerate(body) if line.startswith("Spånga den"))]
    for line in body:
        if line in SEED_001_HEADINGS:
            flush()
            document.add_paragraph(line, style=f"Heading {SEED_001_HEADINGS[line]}")
            if line == "Bilagor":
                header_table(
                    document, [["Nr", "Handling"], ["1", "Övergripande samverkansöverenskommelse"]]
                )
            continue
        if line.startswith(BULLET):
            flush()
            kind, current = "li", [line.lstrip(BULLET).strip()]
            continue
        continues = current and not re.search(r"[.:]$", current[-1])
        if (
            kind == "li"
            and current
            and (re.search(r"[.,:]$", current[-1]) or not line[0].islower())
        ):
            continues = False
        if not continues:
            flush()
            kind = "p"
        current.append(line)
        if kind == "p" and re.search(r"[.:]$", line):
            flush()
    flush()
    signature_table(document, SIGNATURES_001)
    document.save(str(path))
    return path


SEED_000_HEADINGS = (
    "Anmälan av överenskommelse",
    "Förslag till beslut",
    "Sammanfattning",
    "Bakgrund",
    "Ärendets beredning",
    "Ärendet",
    "Synpunkter och förslag",
    "Bilaga",
)


def seed_000_report(path: Path) -> Path:
    """Seed 000 (a tjänsteutlåtande: no parties, no term) with Rubrik1 headings, its
    paragraphs as the blank lines give them and the lines after "… är:" as a numbered
    list."""
    text = (SEEDS / "000_0a9740bf1d2fc77c.txt").read_text(encoding="utf-8")
    document = swedish_document()
    for chunk in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        paragraph: list[str] = []
        listing = False
        for line in lines:
            if listing or (paragraph and paragraph[-1].endswith(":") and line[0].islower()):
                if paragraph:
                    document.add_paragraph(" ".join(paragraph))
                    paragraph = []
                list_paragraph(document, line, NUMBERED_LIST)  # the seed's list, one a line
                listing = not line.endswith(".")
            elif line in SEED_000_HEADINGS:
                if paragraph:
                    document.add_paragraph(" ".join(paragraph))
                    paragraph = []
                document.add_paragraph(line, style="Heading 1")
            elif line.startswith(BULLET):
                if paragraph:
                    document.add_paragraph(" ".join(paragraph))
                    paragraph = []
                list_paragraph(document, line.lstrip(BULLET).strip(), NUMBERED_LIST)
            else:
                paragraph.append(line)
        if paragraph:
            document.add_paragraph(" ".join(paragraph))
    document.save(str(path))
    return path


def source_texts(path: Path) -> list[str]:
    """Every non-empty paragraph's and table cell's text of a .docx, as python-docx reads
    it (nested tables' cells too)."""
    document = docx.Document(str(path))
    body = document.element.body
    texts = []
    for paragraph in body.iter(qn("w:p")):
        nodes = paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br"))
        text = "".join(node.text or "" if node.tag == qn("w:t") else " " for node in nodes)
        if text.strip():
            texts.append(text)
    return texts
