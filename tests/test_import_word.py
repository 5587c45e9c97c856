"""`samverkan import` on Word-shaped documents (generated from the seed texts the way Swedish
Word writes them: no real Word is available here), the property that nothing of the
document is dropped, hostile files and names, and the command line."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverkan_cli.cli.main import cli
from tests.import_support import imported, loaded, words, yaml_words
from tests.word_fixtures import (
    BULLET_LIST,
    NUMBERED_LIST,
    header_table,
    list_paragraph,
    seed_000_report,
    seed_001_agreement,
    source_texts,
    swedish_document,
)


def _all_text_kept(docx_path: Path, yaml_path: Path) -> None:
    held = yaml_words(yaml_path.read_text(encoding="utf-8"))
    missing = [t for t in source_texts(docx_path) if words(t) not in held]
    assert not missing, missing


def test_seed_001_as_swedish_word(tmp_path: Path) -> None:
    source = seed_001_agreement(tmp_path / "avtal.docx")
    printed, written = imported(source, tmp_path / "repo", "jarva")
    agreement, rules = loaded(written.parent)
    assert agreement.title == "Lokal samverkansöverenskommelse"
    assert [(p.name, p.org_number, p.kind.value) for p in agreement.parties] == [
        ("Järva stadsdelsförvaltning", "212000-0142", "stadsdelsförvaltning"),
        ("Lokalpolisområde Järva", "202100-0076", "lokalpolisområde"),
    ]
    assert agreement.parties[0].registration_number == "SDF 2024/117"
    assert agreement.term is not None
    assert (str(agreement.term.start), agreement.term.end) == ("2024-06-01", "tillsvidare")
    assert [(s.title, s.place, s.date) for p in agreement.parties for s in p.signatories] == [
        ("Stadsdelsdirektör, Järva stadsdelsförvaltning", "Spånga", dt.date(2024, 6, 1)),
        ("Lokalpolisområdeschef, LPO Järva", "Spånga", dt.date(2024, 6, 1)),
    ]
    assert agreement.copies == 2
    assert agreement.organisation is not None
    forums = {f.role.value: f for f in agreement.organisation.forums}
    assert set(forums) == {"styrgrupp", "beredningsgrupp", "arbetsgrupp"}
    meetings = forums["beredningsgrupp"].meetings
    assert meetings is not None and meetings.as_written == "minst fyra (4) tillfällen per år"
    assert "SV010" not in rules  # loads; rule findings are what the user fixes next
    _all_text_kept(source, written)
    text = written.read_text(encoding="utf-8")
    assert "| Nr | Handling |" in text  # the table with its header row
    assert "samverkan validate jarva" in printed[-1]


def test_seed_000_without_parties_is_kept_and_flagged(tmp_path: Path) -> None:
    source = seed_000_report(tmp_path / "tjansteutlatande.docx")
    printed, written = imported(source, tmp_path / "repo", "anmalan")
    agreement, _ = loaded(written.parent)  # placeholder parties keep it loadable
    assert len(agreement.parties) == 2
    text = written.read_text(encoding="utf-8")
    assert "# IMPORT:" in text
    assert any("inga parter" in line for line in printed)
    assert "1) unga i riskzon för kriminalitet," in text  # the numbered list (numPr, decimal)
    _all_text_kept(source, written)


_TEXT = (
    st.lists(
        st.sampled_from([*"abcåäö ABC019*_#|`[]<>\\:.,-–”'\"!", "org.nr ", "212000-0142", "\t"]),
        min_size=1,
        max_size=30,
    )
    .map("".join)
    .filter(lambda t: t.strip())
)
_BLOCK = st.one_of(
    st.tuples(st.just("rubrik"), _TEXT, st.integers(1, 3)),
    st.tuples(st.just("stycke"), _TEXT, st.just(0)),
    st.tuples(st.just("punkt"), _TEXT, st.sampled_from([0, 1])),
    st.tuples(st.just("tabell"), _TEXT, st.integers(1, 3)),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(blocks=st.lists(_BLOCK, min_size=1, max_size=12))
def test_no_text_is_dropped(
    blocks: list[tuple[str, str, int]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Whatever headings, paragraphs, list items and tables a document holds, every
    non-empty paragraph's and cell's text is in the YAML written (as data, text or comment)."""
    tmp = tmp_path_factory.mktemp("prop")
    document = swedish_document()
    for kind, text, number in blocks:
        if kind == "rubrik":
            document.add_paragraph(text, style=f"Heading {number}")
        elif kind == "stycke":
            document.add_paragraph(text)
        elif kind == "punkt":
            list_paragraph(document, text, NUMBERED_LIST if number else BULLET_LIST)
        else:
            header_table(document, [[text] * number, [f"{text} 2"] * number])
    path = tmp / "avtal.docx"
    document.save(str(path))
    _, written = imported(path, tmp / "repo", "egen")
    loaded(written.parent)
    _all_text_kept(path, written)


# --- hostile files and names -------------------------------------------------------------------


def _run(repo: Path, *args: str) -> tuple[int, str]:
    repo.mkdir(parents=True, exist_ok=True)
    result = CliRunner().invoke(
        cli, ["import", *args], catch_exceptions=False, env={"SAMVERKAN_LANG": "sv"}
    )
    return result.exit_code, result.output


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    (root / "agreements").mkdir(parents=True)
    monkeypatch.chdir(root)
    return root


def _refused(repo: Path, source: Path, name: str = "ny") -> str:
    code, output = _run(repo, str(source), name)
    assert code == 2, output
    assert "Traceback" not in output
    assert not (repo / "agreements" / name).exists()
    return output


def test_a_file_that_is_no_zip_is_refused(repo: Path, tmp_path: Path) -> None:
    source = tmp_path / "avtal.docx"
    source.write_bytes("Det här är ingen Word-fil.".encode())
    assert "inte ett Word-dokument" in _refused(repo, source)


def test_a_huge_file_is_refused_unread(repo: Path, tmp_path: Path) -> None:
    source = tmp_path / "stor.docx"
    with source.open("wb") as handle:
        handle.truncate(25 * 1024 * 1024)  # sparse: nothing is written, nothing read
    assert "högst 20 MB" in _refused(repo, source)


def test_a_zip_bomb_is_refused(repo: Path, tmp_path: Path) -> None:
    source = tmp_path / "bomb.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (15 * 1024 * 1024))
    source.write_bytes(buffer.getvalue())
    assert "zip-bomb" in _refused(repo, source)


def test_a_dtd_is_refused(repo: Path, tmp_path: Path) -> None:
    source = tmp_path / "dtd.docx"
    swedish_document().save(str(source))
    members = dict(_members(source))
    members["word/document.xml"] = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
        + members["word/document.xml"][38:]
    )
    _write_members(source, members)
    assert "DTD" in _refused(repo, source)


def test_deeply_nested_tables_never_crash(repo: Path, tmp_path: Path) -> None:
    source = tmp_path / "tabeller.docx"
    document = docx.Document()
    document.add_paragraph("Rubrik", style="Heading 1")
    table = document.add_table(rows=1, cols=1)
    for _ in range(40):
        table = table.cell(0, 0).add_table(rows=1, cols=1)
    table.cell(0, 0).text = "Innersta cellen"
    document.save(str(source))
    code, output = _run(repo, str(source), "djup")
    assert "Traceback" not in output
    assert code == 0, output
    text = (repo / "agreements" / "djup" / "overenskommelse.yaml").read_text(encoding="utf-8")
    assert "Innersta cellen" in text
    assert "tabell i tabellen" in output


def test_a_thousand_levels_of_nesting_are_refused(repo: Path, tmp_path: Path) -> None:
    source = tmp_path / "djup.docx"
    swedish_document().save(str(source))
    members = dict(_members(source))
    nested = "<w:tbl><w:tr><w:tc>" * 1000 + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * 1000
    body = members["word/document.xml"].decode("utf-8")
    members["word/document.xml"] = body.replace("<w:body>", f"<w:body>{nested}", 1).encode("utf-8")
    _write_members(source, members)
    _refused(repo, source)


@pytest.mark.parametrize("name", ["../utanför", "a/b", "..", ".dold", "CON"])
def test_names_that_lead_elsewhere_are_refused(repo: Path, tmp_path: Path, name: str) -> None:
    source = seed_001_agreement(tmp_path / "avtal.docx")
    code, output = _run(repo, str(source), name)
    assert code == 2, output
    assert list((repo / "agreements").iterdir()) == []
    assert not (repo / "utanför").exists() and not (tmp_path / "utanför").exists()


def test_an_existing_name_is_refused_and_left_alone(repo: Path, tmp_path: Path) -> None:
    existing = repo / "agreements" / "Kista"
    existing.mkdir()
    (existing / "overenskommelse.yaml").write_text("titel: orörd\n", encoding="utf-8")
    source = seed_001_agreement(tmp_path / "avtal.docx")
    code, output = _run(repo, str(source), "kista")
    assert code == 2 and "finns redan" in output
    assert (existing / "overenskommelse.yaml").read_text(encoding="utf-8") == "titel: orörd\n"


def test_an_old_doc_file_gets_advice(repo: Path, tmp_path: Path) -> None:
    source = tmp_path / "avtal.doc"
    source.write_bytes(b"\xd0\xcf\x11\xe0")
    assert "spara den som .docx" in _refused(repo, source)


# --- the command line ----------------------------------------------------------------------------


def test_the_command_reports_and_points_at_validate(repo: Path, tmp_path: Path) -> None:
    source = seed_001_agreement(tmp_path / "avtal.docx")
    code, output = _run(repo, str(source), "järva")
    assert code == 0, output
    assert "skrev agreements/järva/overenskommelse.yaml" in output
    assert "Läst som data: 2 parter, 2 undertecknare, avtalstiden, 3 forum" in output
    assert "samverkan validate järva" in output
    text = (repo / "agreements" / "järva" / "overenskommelse.yaml").read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../../schemas/overenskommelse.schema.json\n"
    )


def test_flagged_parts_are_listed_with_their_paragraph_numbers(repo: Path, tmp_path: Path) -> None:
    document = swedish_document()
    document.add_paragraph("Text före första rubriken utan plats.")
    document.add_paragraph("Syfte", style="Heading 1")
    document.add_paragraph("Vi samverkar.")
    source = tmp_path / "kort.docx"
    document.save(str(source))
    code, output = _run(repo, str(source), "kort")
    assert code == 0, output
    assert "Att kontrollera" in output
    assert "stycke 1 (under ”Inledande text”)" in output
    text = (repo / "agreements" / "kort" / "overenskommelse.yaml").read_text(encoding="utf-8")
    assert "# IMPORT: stycke 1:" in text


def test_help_is_swedish() -> None:
    result = CliRunner().invoke(cli, ["import", "--help"])
    assert result.exit_code == 0
    assert "Importera en överenskommelse från Word" in result.output


def _members(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as archive:
        return [(name, archive.read(name)) for name in archive.namelist()]


def _write_members(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_external_relations_are_never_followed(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link to a file share and a template on the net are read as text, never fetched:
    any attempt to open a connection fails the test."""
    import socket

    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = swedish_document()
    document.add_paragraph("Syfte", style="Heading 1")
    paragraph = document.add_paragraph("Se ")
    link = document.part.relate_to(r"file://\\server\share\plan.docx", RT.HYPERLINK, True)
    paragraph._p.append(
        parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="{link}"><w:r><w:t>planen</w:t></w:r>'
            "</w:hyperlink>"
        )
    )
    settings_part = document.part.part_related_by(RT.SETTINGS)
    template = (
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
    )
    settings_part.relate_to("https://mallar.example/mall.dotm", template, True)
    source = tmp_path / "lankar.docx"
    document.save(str(source))

    def refuse(*_: object) -> None:
        raise AssertionError("import opened a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    code, output = _run(repo, str(source), "lankar")
    assert code == 0, output
    text = (repo / "agreements" / "lankar" / "overenskommelse.yaml").read_text(encoding="utf-8")
    assert "Se planen" in text
    assert "plan.docx" not in text and "mallar.example" not in text


def test_a_signature_section_becomes_the_signature_block(repo: Path, tmp_path: Path) -> None:
    document = swedish_document()
    document.add_paragraph("Parter", style="Heading 1")
    document.add_paragraph(
        "Exempelby kommun, org.nr 212000-9903, och Lokalpolisområde Exempelby, org.nr "
        "202100-0076, gemensamt ”Parterna”, har idag som nedan ingått följande "
        "överenskommelse, ”Överenskommelsen”."
    )
    document.add_paragraph("Tid", style="Heading 1")
    document.add_paragraph(
        "Överenskommelsen gäller från och med 1 januari 2026 till och med 2028-12-31."
    )
    document.add_paragraph("Underskrifter", style="Heading 1")
    document.add_paragraph("Exempelby den 15 december 2025")
    document.add_paragraph("____________________")
    document.add_paragraph("Anna Exempelsson")
    document.add_paragraph("Kommunstyrelsens ordförande")
    document.add_paragraph("Exempelby den 16 december 2025")
    document.add_paragraph("____________________")
    document.add_paragraph("Erik Exempelberg")
    document.add_paragraph("Lokalpolisområdeschef")
    source = tmp_path / "kort.docx"
    document.save(str(source))
    code, output = _run(repo, str(source), "kort")
    assert code == 0, output
    written = repo / "agreements" / "kort" / "overenskommelse.yaml"
    agreement, _ = loaded(written.parent)
    assert agreement.term is not None
    assert (str(agreement.term.start), str(agreement.term.end)) == ("2026-01-01", "2028-12-31")
    assert [(s.name, s.title, s.date) for p in agreement.parties for s in p.signatories] == [
        ("Anna Exempelsson", "Kommunstyrelsens ordförande", dt.date(2025, 12, 15)),
        ("Erik Exempelberg", "Lokalpolisområdeschef", dt.date(2025, 12, 16)),
    ]
    assert agreement.sections == ["omfattning", "tid", "underskrifter"]
    _all_text_kept(source, written)
