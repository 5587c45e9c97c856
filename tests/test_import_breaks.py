"""`samverkan import` on what Word puts inside a paragraph: a line break (Shift+Enter,
`w:br`), a carriage return (`w:cr`), a page or column break and a tab never glue two
pieces of data together; text in content controls (`w:sdt`) is read, not dropped; and the
schemas the new file's first line names are written as `init` writes them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from samverkan_cli.cli.main import cli
from tests.import_support import imported, loaded, rendered
from tests.word_fixtures import signature_table, swedish_document

BREAKS = {
    "radbrytning": "<w:br/>",
    "vagnretur": "<w:cr/>",
    "sidbrytning": '<w:br w:type="page"/>',
    "kolumnbrytning": '<w:br w:type="column"/>',
}
CLAUSE = (
    "Exempelby kommun, org.nr 212000-9903, ”kommunen” och Lokalpolisområde Exempelby, "
    "org.nr 202100-0076, ”Polisen”, gemensamt ”Parterna”, har ingått följande "
    "överenskommelse, ”Överenskommelsen”."
)


def _runs(*pieces: str) -> str:
    """Runs of text and raw run content: a piece starting with '<' is put in as XML."""
    return "".join(
        f"<w:r>{p}</w:r>"
        if p.startswith("<")
        else f'<w:r><w:t xml:space="preserve">{p}</w:t></w:r>'
        for p in pieces
    )


def _raw(document: docx.document.Document, inner: str) -> None:
    """A paragraph (or a block content control) written as Word's XML."""
    body = document.element.body
    element = parse_xml(
        inner if inner.startswith("<w:sdt") else f"<w:p {nsdecls('w')}>{inner}</w:p>"
    )
    body.insert(len(body) - 1, element)  # before the section properties


def _agreement(path: Path, dnr: str, prose: str) -> Path:
    document = swedish_document()
    document.add_paragraph("Samverkansöverenskommelse", style="Title")
    _raw(document, dnr)
    document.add_paragraph("Parter", style="Heading 1")
    document.add_paragraph(CLAUSE)
    document.add_paragraph("Bakgrund", style="Heading 1")
    _raw(document, prose)
    document.save(str(path))
    return path


@pytest.mark.parametrize("brk", BREAKS.values(), ids=BREAKS.keys())
def test_each_party_gets_its_own_diarienummer_across_a_break(brk: str, tmp_path: Path) -> None:
    dnr = _runs("Dnr Exempelby kommun: KS 2025/0417", brk, "Dnr Polisen:\tA123.456/2025")
    prose = _runs("Postadress Stora torget 1", brk, "999 91 Exempelby")
    source = _agreement(tmp_path / "avtal.docx", dnr, prose)
    _, written = imported(source, tmp_path / "repo", "kommun")
    agreement, _ = loaded(written.parent)
    assert [(p.registration_number, p.registration_label) for p in agreement.parties] == [
        ("KS 2025/0417", "Exempelby kommun"),
        ("A123.456/2025", None),  # 'Polisen' is what the party is called anyway
    ]
    markdown = rendered(written.parent)
    assert "Stora torget 1\\\n999 91 Exempelby" in markdown  # the break kept, no word glued
    assert "1999" not in markdown


def test_a_number_no_party_takes_is_kept_as_text(tmp_path: Path) -> None:
    lines = ("Dnr kommunen: KS 1", "Dnr Polisen: A 2", "Dnr: X 3")
    dnr = _runs(lines[0], "<w:br/>", lines[1], "<w:br/>", lines[2])
    source = _agreement(tmp_path / "avtal.docx", dnr, _runs("Text."))
    _, written = imported(source, tmp_path / "repo", "kommun")
    agreement, _ = loaded(written.parent)
    assert [p.registration_number for p in agreement.parties] == ["KS 1", "A 2"]
    assert "X 3" in rendered(written.parent)  # nothing is dropped


def test_a_signature_cell_broken_by_carriage_returns(tmp_path: Path) -> None:
    document = swedish_document()
    document.add_paragraph("Samverkansöverenskommelse", style="Title")
    document.add_paragraph("Parter", style="Heading 1")
    document.add_paragraph(CLAUSE)
    document.add_paragraph("Underskrifter", style="Heading 1")
    signature_table(document, [["x"], ["y"]])
    table = document.tables[-1]
    for cell, (name, title) in zip(
        (table.rows[0].cells[0], table.rows[0].cells[1]),
        (("Anna Exempelsson", "Kommunstyrelsens ordförande"), ("Per Polis", "Lokalpolischef")),
        strict=True,
    ):
        paragraph = cell.paragraphs[0]
        paragraph._p.clear_content()
        for element in parse_xml(
            f"<w:p {nsdecls('w')}>"
            + _runs("Exempelby den 1 juni 2026", "<w:cr/>", name, "<w:cr/>", title)
            + "</w:p>"
        ).iterchildren():
            paragraph._p.append(element)
    path = tmp_path / "avtal.docx"
    document.save(str(path))
    _, written = imported(path, tmp_path / "repo", "kommun")
    agreement, _ = loaded(written.parent)
    assert [(s.name, s.title) for p in agreement.parties for s in p.signatories] == [
        ("Anna Exempelsson", "Kommunstyrelsens ordförande"),
        ("Per Polis", "Lokalpolischef"),
    ]


def test_text_in_content_controls_is_read(tmp_path: Path) -> None:
    control = (
        f"<w:sdt {nsdecls('w')}><w:sdtPr><w:alias w:val='Dnr'/></w:sdtPr><w:sdtContent>"
        f"<w:p>{_runs('Dnr kommunen: KS 9')}</w:p></w:sdtContent></w:sdt>"
    )
    inline = (
        _runs("Samverkan sedan ")
        + f"<w:sdt><w:sdtContent>{_runs('länge')}</w:sdtContent></w:sdt>"
        + f"<w:ins w:id='1' w:author='a'>{_runs(' och väl')}</w:ins>"
        + "<w:del w:id='2' w:author='a'><w:r><w:delText>struket</w:delText></w:r></w:del>"
        + _runs(".")
    )
    source = _agreement(tmp_path / "avtal.docx", _runs("Inledning."), inline)
    document = docx.Document(str(source))
    _raw(document, control)
    document.save(str(source))
    _, written = imported(source, tmp_path / "repo", "kommun")
    agreement, _ = loaded(written.parent)
    assert agreement.parties[0].registration_number is None  # it stood after the text
    markdown = rendered(written.parent)
    assert "Samverkan sedan länge och väl." in markdown
    assert "struket" not in markdown
    assert "KS 9" in written.read_text(encoding="utf-8")


def test_import_writes_the_schemas_its_first_line_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    source = _agreement(tmp_path / "avtal.docx", _runs("Dnr: KS 1"), _runs("Text."))
    monkeypatch.chdir(root)
    first = CliRunner().invoke(cli, ["import", str(source), "kommun"], catch_exceptions=False)
    assert first.exit_code == 0, first.output
    line = (root / "agreements/kommun/overenskommelse.yaml").read_text().splitlines()[0]
    assert line == "# yaml-language-server: $schema=../../schemas/overenskommelse.schema.json"
    assert (root / "schemas/overenskommelse.schema.json").is_file()
    assert "skrev schemas/overenskommelse.schema.json" in first.output
    assert "schemas/ har scheman från den här versionen" in first.output
    again = CliRunner().invoke(cli, ["import", str(source), "andra"], catch_exceptions=False)
    assert again.exit_code == 0, again.output
    assert "schemas/" not in again.output  # the same schemas are left alone
