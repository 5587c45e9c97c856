"""Bilaga files of every kind are included or refused, never silently left out.

A .docx bilaga's body goes into the DOCX after its heading (and so into the PDF), a .pdf is
appended to the PDF; both are named by a reference line in the Markdown. A .docx or .pdf with
active content, beyond the bounds or damaged is refused at the entry's `fil` (SV160), any
other kind, or content that is not what the suffix says, too (SV161): by `validate` before
anything is written, and by the writers again on the bytes they use.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as new_docx
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.cli.main import cli
from samverkan_cli.core.errors import ProblemsFound
from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.source.bilaga_inspection import (
    MAX_PDF_PAGES,
    FileKind,
    inspect_bytes,
    kind_of,
)
from samverkan_cli.writers.docx_compose import IncludedRefused, compose_bilagor
from samverkan_cli.writers.pdf import find_converter, pdfa_part
from samverkan_cli.writers.pdf_append import AppendedPdf, AppendRefused, append_pdfs
from tests.agreement_copy import AgreementCopy
from tests.conftest import REPO_ROOT
from tests.docx_text import body_text
from tests.test_rules import covers_rule, value_position

STEM = "lokal-samverkansoverenskommelse-jarva"
ATGARD_EXTERN = """      typ: åtgärdsplan
      extern: {}"""
KOMM_EXTERN = """      typ: kommunikationsplan
      extern: {}"""
BILAGA_TEXT = "Trygghetsvandringar varje månad i Rinkeby centrum."
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


# --- making bilaga files ------------------------------------------------------------------


def docx_bytes(text: str = BILAGA_TEXT) -> bytes:
    document = new_docx()
    document.add_heading("Åtgärder i Järva", 1)
    document.add_paragraph(text)
    document.add_paragraph("Punkt ett", style="List Number")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Ansvarig åtgärd"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def edited_docx(change: Callable[[dict[str, bytes]], None]) -> bytes:
    """A python-docx document with its zip members changed by `change`."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as source:
        members = {name: source.read(name) for name in source.namelist()}
    change(members)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in members.items():
            target.writestr(name, content)
    return buffer.getvalue()


def with_body(xml: str) -> Callable[[dict[str, bytes]], None]:
    """Put `xml` first in the document's body."""

    def change(members: dict[str, bytes]) -> None:
        members["word/document.xml"] = members["word/document.xml"].replace(
            b"<w:body>", b"<w:body>" + xml.encode(), 1
        )

    return change


def with_relationship(xml: str) -> Callable[[dict[str, bytes]], None]:
    def change(members: dict[str, bytes]) -> None:
        rels = "word/_rels/document.xml.rels"
        members[rels] = members[rels].replace(
            b"</Relationships>", xml.encode() + b"</Relationships>"
        )

    return change


def with_member(name: str, content: bytes) -> Callable[[dict[str, bytes]], None]:
    def change(members: dict[str, bytes]) -> None:
        members[name] = content

    return change


def pdf_bytes(pages: int = 2, change: Callable[[PdfWriter], None] | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    if change is not None:
        change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _open_action(kind: str, **entries: str) -> Callable[[PdfWriter], None]:
    def change(writer: PdfWriter) -> None:
        action = DictionaryObject({NameObject("/S"): NameObject(kind)})
        for key, value in entries.items():
            action[NameObject(f"/{key}")] = TextStringObject(value)
        writer.root_object[NameObject("/OpenAction")] = writer._add_object(action)

    return change


def _encrypted(writer: PdfWriter) -> None:
    writer.encrypt("hemligt")


def _attachment(writer: PdfWriter) -> None:
    writer.add_attachment("skript.bat", b"echo hej")


def _javascript(writer: PdfWriter) -> None:
    """Document-level JavaScript in the catalogue's name tree, where no page points."""
    from pypdf.generic import ArrayObject

    action = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")}
    )
    tree = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("x"), writer._add_object(action)])}
    )
    names = DictionaryObject({NameObject("/JavaScript"): writer._add_object(tree)})
    writer.root_object[NameObject("/Names")] = writer._add_object(names)


HOSTILE_DOCX = {
    "includetext": with_body(
        f'<w:p xmlns:w="{W}"><w:fldSimple w:instr=" INCLUDETEXT &quot;C:\\\\hemligt.txt&quot; ">'
        "<w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>"
    ),
    "includepicture-field": with_body(
        f'<w:p xmlns:w="{W}"><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>'
        ' INCLUDEPICTURE "http://exempel.se/spår.png" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    ),
    "external-image": with_relationship(
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/image" Target="http://exempel.se/spår.png" TargetMode="External"/>'
    ),
    "file-link": with_relationship(
        '<Relationship Id="rId98" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/hyperlink" Target="file:///C:/Windows/system32/calc.exe" '
        'TargetMode="External"/>'
    ),
    "macros": with_member("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 makro"),
    "embedded-object": with_member("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0 ole"),
    "altchunk": with_body(f'<w:altChunk xmlns:w="{W}" xmlns:r="{R}" r:id="rId97"/>'),
}

HOSTILE_PDF: dict[str, Callable[[], bytes]] = {
    "javascript-open-action": lambda: pdf_bytes(2, _open_action("/JavaScript", JS="app.alert(1)")),
    "launch-action": lambda: pdf_bytes(2, _open_action("/Launch", F="calc.exe")),
    "file-uri": lambda: pdf_bytes(2, _open_action("/URI", URI="file:///etc/passwd")),
    "javascript-name-tree": lambda: pdf_bytes(2, _javascript),
    "embedded-file": lambda: pdf_bytes(2, _attachment),
    "encrypted": lambda: pdf_bytes(2, _encrypted),
    "too-many-pages": lambda: pdf_bytes(MAX_PDF_PAGES + 1),
    "damaged": lambda: b"%PDF-1.7\n" + b"\x00garbage" * 100,
}


# --- agreements with file bilagor ---------------------------------------------------------


def _with_file(jarva: AgreementCopy, name: str, data: bytes, extern: str = ATGARD_EXTERN) -> str:
    """Järva with one extern bilaga replaced by `fil: bilagor/<name>`; returns the YAML."""
    (jarva.folder / "bilagor" / name).write_bytes(data)
    kind = extern.split("\n")[0]
    return jarva.edit(extern, f"{kind}\n      fil: bilagor/{name}")


def _built(jarva: AgreementCopy, out: Path, **options: bool) -> list[Path]:
    return build_agreement(jarva.folder, out, REPO_ROOT, **options).written


def _problem(problems: list[Problem], rule: str) -> Problem:
    found = [p for p in problems if p.rule == rule]
    assert len(found) >= 1, [str(p) for p in problems]
    return found[0]


def _assert_at_fil(problem: Problem, text: str, name: str) -> None:
    line, column = value_position(text, f"fil: bilagor/{name}")
    assert (problem.location.line, problem.location.column) == (line, column), problem
    assert problem.location.file.endswith("overenskommelse.yaml"), problem
    assert problem.severity is Severity.ERROR


def test_a_docx_bilaga_is_in_the_docx_after_its_heading(
    jarva: AgreementCopy, tmp_path: Path
) -> None:
    _with_file(jarva, "atgardsplan.docx", docx_bytes())
    assert [p for p in jarva.check() if p.severity is Severity.ERROR] == []
    _built(jarva, tmp_path / "out")
    text = body_text(new_docx(str(tmp_path / "out" / f"{STEM}.docx")))
    heading = text.index("Bilaga 3. Åtgärdsplan inklusive hur uppföljning av åtgärder ska ske")
    assert heading < text.index("Åtgärder i Järva") < text.index(BILAGA_TEXT)
    assert text.index(BILAGA_TEXT) < text.index("Punkt ett") < text.index("Ansvarig åtgärd")
    assert "Bilaga 4." not in text[heading : text.index(BILAGA_TEXT)]
    assert "Bilagan finns i filen" not in text  # the marked paragraph was replaced
    markdown = (tmp_path / "out" / f"{STEM}.md").read_text(encoding="utf-8")
    assert (
        "# Bilaga 3. Åtgärdsplan inklusive hur uppföljning av åtgärder ska ske\n\n"
        "Bilagan finns i filen `bilagor/atgardsplan.docx` (ingår i DOCX- och PDF-versionen)."
    ) in markdown


def test_placed_between_the_bilagor_around_it_and_listed_in_the_contents() -> None:
    from samverkan_cli.build.bilaga_placement import FileBilaga, place_file_bilagor
    from samverkan_cli.document.tree import (
        Contents,
        Document,
        Heading,
        IncludedDocument,
        PageBreak,
        Span,
    )

    def heading(text: str) -> Heading:
        return Heading(1, (Span(text),))

    document = Document(
        (
            Contents(()),
            heading("Avtal"),
            PageBreak(),
            heading("Bilaga 1. A"),
            PageBreak(),
            heading("Bilaga 3. C"),
        )
    )
    bilagor = [
        FileBilaga(2, "B", "b.docx", Path("b.docx"), FileKind.DOCX),
        FileBilaga(4, "D", "d.pdf", Path("d.pdf"), FileKind.PDF),
    ]
    blocks = place_file_bilagor(document, bilagor).blocks
    texts = [b.content[0].text for b in blocks if isinstance(b, Heading)]  # type: ignore[union-attr]
    assert texts == ["Avtal", "Bilaga 1. A", "Bilaga 2. B", "Bilaga 3. C", "Bilaga 4. D"]
    assert blocks[4:7] == (PageBreak(), heading("Bilaga 2. B"), IncludedDocument("b.docx", "docx"))
    assert blocks[-1] == IncludedDocument("d.pdf", "pdf")
    contents = blocks[0]
    assert isinstance(contents, Contents)
    assert [e.text for e in contents.entries] == texts


def test_the_bilaga_keeps_our_properties_styles_and_header(
    jarva: AgreementCopy, tmp_path: Path
) -> None:
    _built(jarva, tmp_path / "plain")
    _with_file(jarva, "atgardsplan.docx", docx_bytes())
    _built(jarva, tmp_path / "out")
    document = new_docx(str(tmp_path / "out" / f"{STEM}.docx"))
    assert document.core_properties.title == (
        "Lokal samverkansöverenskommelse mellan Järva stadsdelsförvaltning och "
        "Lokalpolisområde Järva"
    )
    assert document.core_properties.last_modified_by == "samverkan"
    plain = new_docx(str(tmp_path / "plain" / f"{STEM}.docx"))
    for part in ("header", "footer"):
        ours, theirs = getattr(document.sections[0], part), getattr(plain.sections[0], part)
        assert ours._element.xml == theirs._element.xml
    assert len(document.sections) == 1
    heading = next(p for p in document.paragraphs if p.text == "Åtgärder i Järva")
    assert heading.style is not None and heading.style.name == "Heading 2"  # under "Bilaga 3."


def test_a_docx_bilaga_is_built_to_the_same_bytes_again(
    jarva: AgreementCopy, tmp_path: Path
) -> None:
    _with_file(jarva, "atgardsplan.docx", docx_bytes())
    _built(jarva, tmp_path / "a")
    _built(jarva, tmp_path / "b")
    for name in (f"{STEM}.docx", f"{STEM}.md"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_the_public_version_does_not_include_the_file(jarva: AgreementCopy, tmp_path: Path) -> None:
    _with_file(jarva, "atgardsplan.docx", docx_bytes())
    _built(jarva, tmp_path / "out", public=True)
    text = body_text(new_docx(str(tmp_path / "out" / f"{STEM}-publik.docx")))
    assert BILAGA_TEXT not in text
    assert "ingår inte i den publika versionen" in text
    assert BILAGA_TEXT in body_text(new_docx(str(tmp_path / "out" / f"{STEM}.docx")))


def test_a_pdf_bilaga_is_referenced_in_markdown_and_docx(
    jarva: AgreementCopy, tmp_path: Path
) -> None:
    _with_file(jarva, "plan.pdf", pdf_bytes(), KOMM_EXTERN)
    assert [p for p in jarva.check() if p.severity is Severity.ERROR] == []
    _built(jarva, tmp_path / "out")
    line = "Bilagan finns i filen `bilagor/plan.pdf` (bifogas PDF-versionen)."
    markdown = (tmp_path / "out" / f"{STEM}.md").read_text(encoding="utf-8")
    assert f"# Bilaga 4. Kommunikationsplan\n\n{line}" in markdown
    text = body_text(new_docx(str(tmp_path / "out" / f"{STEM}.docx")))
    assert line.replace("`", "") in text


def test_a_listed_agreement_renders_the_file_in_its_own_place(
    tmp_path: Path,
) -> None:
    """Rinkeby-Kista lists itself as bilaga 1, so the template renders every bilaga; a file
    bilaga's heading stands once, with the file, not with "ingår inte i detta dokument"."""
    folder = tmp_path / "agreements" / "rinkeby-kista-2017"
    shutil.copytree(REPO_ROOT / "agreements" / "rinkeby-kista-2017", folder)
    copy = AgreementCopy(folder)
    (folder / "bilagor" / "overavtal.docx").write_bytes(docx_bytes())
    copy.edit("fil: bilagor/overavtal.yaml", "fil: bilagor/overavtal.docx")
    (folder / "bilagor" / "overavtal.yaml").unlink()
    written = build_agreement(folder, tmp_path / "out", REPO_ROOT).written
    [markdown_file] = [p for p in written if p.suffix == ".md" and "tjanste" not in p.name]
    markdown = markdown_file.read_text(encoding="utf-8")
    heading = "SAMVERKANSAVTAL\n\nBilagan finns i filen `bilagor/overavtal.docx`"
    assert len(re.findall(r"(?m)^# Bilaga \d+\. STOCKHOLMS STAD OCH POLIS", markdown)) == 1
    assert heading in markdown
    assert "ingår inte i detta dokument" not in markdown.split(heading)[1][:200]


def test_a_yaml_bilaga_with_an_upper_case_suffix_is_read(jarva: AgreementCopy) -> None:
    (jarva.folder / "bilagor" / "lagesbild.yaml").rename(jarva.folder / "bilagor" / "LÄGE.YAML")
    jarva.edit("fil: bilagor/lagesbild.yaml", "fil: bilagor/LÄGE.YAML")
    problems = jarva.check()
    assert [p for p in problems if p.severity is Severity.ERROR] == []
    assert kind_of("bilagor/Plan.DOCX") is FileKind.DOCX
    assert kind_of("bilagor/plan.Yml") is FileKind.YAML


# --- refused: SV160 and SV161 -------------------------------------------------------------


@covers_rule("SV160")
@pytest.mark.parametrize("case", sorted(HOSTILE_DOCX))
def test_sv160_a_docx_with_active_content_is_refused_at_its_fil(
    jarva: AgreementCopy, tmp_path: Path, case: str
) -> None:
    text = _with_file(jarva, "atgardsplan.docx", edited_docx(HOSTILE_DOCX[case]))
    problem = _problem(jarva.check(), "SV160")
    _assert_at_fil(problem, text, "atgardsplan.docx")
    assert "kan inte tas med" in problem.message and "'extern'" in problem.message
    with pytest.raises(ProblemsFound):
        _built(jarva, tmp_path / "out")
    assert not (tmp_path / "out" / f"{STEM}.docx").exists()


@pytest.mark.parametrize("case", sorted(HOSTILE_PDF))
def test_sv160_a_hostile_or_damaged_pdf_is_refused_at_its_fil(
    jarva: AgreementCopy, case: str
) -> None:
    text = _with_file(jarva, "plan.pdf", HOSTILE_PDF[case](), KOMM_EXTERN)
    problem = _problem(jarva.check(), "SV160")
    _assert_at_fil(problem, text, "plan.pdf")


def test_sv160_validate_reports_it_and_exits_1(
    jarva: AgreementCopy, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_file(jarva, "atgardsplan.docx", edited_docx(HOSTILE_DOCX["macros"]))
    monkeypatch.chdir(jarva.folder.parent.parent)
    result = CliRunner().invoke(cli, ["validate", "järva"])
    assert result.exit_code == 1
    assert re.search(r"overenskommelse\.yaml:\d+:\d+: SV160 fel: .*makron", result.output)
    assert "Traceback" not in result.output


UNSUPPORTED = {
    "plan.txt": b"Bara text.\n",
    "plan.md": b"# Plan\n",
    "plan.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 32,
    "plan.xlsx": b"PK\x03\x04 xl/workbook.xml",
    "plan.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
    "plan.TXT": b"versaler",
    "plan": b"utan suffix",
}


@covers_rule("SV161")
@pytest.mark.parametrize("name", sorted(UNSUPPORTED))
def test_sv161_another_kind_of_file_is_refused_listing_the_kinds(
    jarva: AgreementCopy, name: str
) -> None:
    text = _with_file(jarva, name, UNSUPPORTED[name])
    problem = _problem(jarva.check(), "SV161")
    _assert_at_fil(problem, text, name)
    assert ".docx" in problem.message and ".pdf" in problem.message and ".yaml" in problem.message


@pytest.mark.parametrize(
    ("name", "data", "seems"),
    [
        ("plan.docx", pdf_bytes(), "en PDF"),
        ("plan.pdf", b"PK\x03\x04" + b"\x00" * 40, "ett zip-arkiv"),
        ("plan.docx", b"inte alls ett dokument", ""),
        ("plan.docx", b"PK\x05\x06" + b"\x00" * 18, ""),
    ],
)
def test_sv161_content_that_does_not_match_the_suffix_is_refused(
    jarva: AgreementCopy, name: str, data: bytes, seems: str
) -> None:
    text = _with_file(jarva, name, data)
    problem = _problem(jarva.check(), "SV161")
    _assert_at_fil(problem, text, name)
    assert seems in problem.message


# --- the writers check again --------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(HOSTILE_DOCX))
def test_compose_refuses_a_hostile_docx_itself(case: str) -> None:
    """A file changed after `validate` is refused by the writer, not included."""
    ours = docx_with_marker()
    with pytest.raises(IncludedRefused) as refused:
        compose_bilagor(ours, [edited_docx(HOSTILE_DOCX[case])], _moment())
    assert refused.value.position == 0


@pytest.mark.parametrize("case", sorted(HOSTILE_PDF))
def test_append_refuses_a_hostile_pdf_itself(case: str) -> None:
    with pytest.raises(AppendRefused):
        append_pdfs(pdf_bytes(1), [AppendedPdf("Bilaga", HOSTILE_PDF[case]())])


def test_compose_leaves_out_svg_comments_and_section_breaks() -> None:
    section = (
        f'<w:p xmlns:w="{W}"><w:pPr><w:sectPr><w:pgSz w:w="16838" w:h="11906"/></w:sectPr>'
        "</w:pPr></w:p>"
    )
    comment = (
        f'<w:p xmlns:w="{W}"><w:commentRangeStart w:id="5"/><w:r><w:t>Kommenterad</w:t></w:r>'
        '<w:commentRangeEnd w:id="5"/></w:p>'
    )
    composed = compose_bilagor(
        docx_with_marker(), [edited_docx(with_body(section + comment))], _moment()
    )
    document = new_docx(io.BytesIO(composed))
    assert len(document.sections) == 1
    xml = document.element.xml
    assert "commentRangeStart" not in xml and "Kommenterad" in xml
    assert inspect_bytes(composed, FileKind.DOCX).rule is None


def test_appended_pages_follow_and_the_pdfa_claim_is_dropped() -> None:
    ours = pdf_bytes(3, _claims_pdfa)
    assert pdfa_part(ours) == "2B"
    combined = append_pdfs(ours, [AppendedPdf("Bilaga 4. Plan", pdf_bytes(2))])
    assert len(PdfReader(io.BytesIO(combined)).pages) == 5
    assert pdfa_part(combined) is None


def _claims_pdfa(writer: PdfWriter) -> None:
    xmp = (
        b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        b'rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>2</pdfaid:part>'
        b"<pdfaid:conformance>B</pdfaid:conformance></rdf:Description></rdf:RDF></x:xmpmeta>"
        b'<?xpacket end="w"?>'
    )
    from pypdf.generic import StreamObject

    stream = StreamObject()
    stream.set_data(xmp)
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    writer.root_object[NameObject("/Metadata")] = writer._add_object(stream)


def docx_with_marker() -> bytes:
    from samverkan_cli.document.tree import (
        Document,
        DocumentInfo,
        IncludedDocument,
        Paragraph,
        Span,
    )
    from samverkan_cli.writers import write_docx

    document = Document(
        (Paragraph((Span("Före"),)), IncludedDocument("bilagor/a.docx", "docx")),
        DocumentInfo(title="Prov"),
    )
    return write_docx(document)


def _moment() -> object:
    import datetime as dt

    return dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


# --- the PDF version ----------------------------------------------------------------------


def test_build_pdf_appends_the_pdf_bilaga_and_includes_the_docx(
    jarva: AgreementCopy, tmp_path: Path
) -> None:
    if find_converter() is None:
        pytest.skip("LibreOffice saknas: installera med `make install-libreoffice`")
    _with_file(jarva, "atgardsplan.docx", docx_bytes())
    _with_file(jarva, "plan.pdf", pdf_bytes(2), KOMM_EXTERN)
    result = build_agreement(jarva.folder, tmp_path / "out", REPO_ROOT, pdf=True)
    alone = build_agreement(
        jarva.folder, tmp_path / "alone", REPO_ROOT, pdf=False
    )  # for the page count of the agreement itself
    assert alone.written
    data = (tmp_path / "out" / f"{STEM}.pdf").read_bytes()
    reader = PdfReader(io.BytesIO(data))
    text = "".join(page.extract_text() or "" for page in reader.pages)
    assert BILAGA_TEXT in text
    assert "bilagor/plan.pdf" in text
    assert all(not (page.extract_text() or "").strip() for page in reader.pages[-2:])
    assert pdfa_part(data) is None
    note = _problem(result.problems, "SV162")
    assert note.severity is Severity.INFO and "PDF/A" in note.message
    report = (tmp_path / "out" / f"{STEM}-tjansteutlatande.pdf").read_bytes()
    assert pdfa_part(report) == "2B"  # no bilaga appended: the claim stays


def test_composing_leaves_the_next_documents_properties_alone(
    jarva: AgreementCopy, tmp_path: Path
) -> None:
    """docxcompose remaps python-docx's `cp` prefix when imported; a later DOCX of the same
    process (the next agreement of `build --alla`) must still be written as before."""
    from docx.oxml.ns import nsmap

    from samverkan_cli.writers.reference_document import build_reference_document

    before = build_reference_document()
    _with_file(jarva, "atgardsplan.docx", docx_bytes())
    _built(jarva, tmp_path / "out")
    assert nsmap["cp"] == "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    assert build_reference_document() == before
