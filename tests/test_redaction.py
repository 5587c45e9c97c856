"""`build --publik`: phone numbers, e-mail addresses and people's names replaced in the one
document model, so the public Markdown and DOCX agree; the signatories too, unless
samverkan.yaml's `publicering` keeps them; the normal outputs unchanged."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from samverkan_cli.build.pipeline import BuildResult, build_agreement
from samverkan_cli.check.folder import CheckSettings
from samverkan_cli.check.settings import load_config
from samverkan_cli.cli.main import cli
from samverkan_cli.document.tree import (
    BulletList,
    Contents,
    ContentsEntry,
    Document,
    Heading,
    LineBreak,
    ListItem,
    Paragraph,
    Span,
    Table,
)
from samverkan_cli.publish.patterns import EMAIL, phone_numbers
from samverkan_cli.publish.redaction import (
    MARKER,
    RedactionCounts,
    RedactionPolicy,
    names_to_redact,
    redact,
    redact_document,
)
from samverkan_cli.source.loading import load_agreement
from tests.conftest import REPO_ROOT
from tests.docx_text import body_text

STEM = "samverkansoverenskommelse-rinkeby-kista-2017"
CONTACTS = ("Daniel Mattsson", "Per Granhällen")
SIGNATORIES = ("Patrik Derk", "Niclas Andersson")
IN_PROSE = ("Karin Wanngård", "Ulf Johansson")  # who signed the 2015 avtal (a bilaga's text)
PERSONAL = (
    "0739-10 12 15",
    "076-120 10 15",
    "daniel.mattsson@polisen.se",
    "per.granhallen@stockholm.se",
)
# Independent of the module's own patterns: anything like an address or a Swedish number.
ANY_EMAIL = re.compile(r"\S+@\S+")
ANY_PHONE = re.compile(r"(?<![\d-])(?:\+46|0)\d{1,3}[- ]?\d{2,3}(?:[ -]?\d{2}){2}(?!\d)")


def rinkeby_folder(root: Path) -> Path:
    return root / "agreements" / "rinkeby-kista-2017"


def build(root: Path, out: Path, public: bool) -> BuildResult:
    settings = CheckSettings(load_config(root), dt.date(2018, 5, 1))
    return build_agreement(rinkeby_folder(root), out, root, settings, public=public)


def docx_text(path: Path) -> str:
    return body_text(docx.Document(str(path)))


def public_texts(out: Path) -> tuple[str, str]:
    markdown = (out / f"{STEM}-publik.md").read_text(encoding="utf-8")
    return markdown, docx_text(out / f"{STEM}-publik.docx")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    out = tmp_path_factory.mktemp("publik")
    return out, build(REPO_ROOT, out, public=True)


def test_no_email_or_phone_is_left(built: tuple[Path, BuildResult]) -> None:
    out, _ = built
    for text in public_texts(out):
        assert not ANY_EMAIL.search(text)
        assert not ANY_PHONE.search(text)
        assert not EMAIL.search(text)
        assert not list(phone_numbers(text))
        for item in PERSONAL:
            assert item not in text


def test_every_persons_name_is_replaced(built: tuple[Path, BuildResult]) -> None:
    out, _ = built
    markdown, docx_body = public_texts(out)
    for text in (markdown, docx_body):
        for name in (*CONTACTS, *SIGNATORIES, *IN_PROSE):
            for part in name.split():
                assert not re.search(rf"\b{part}\b", text), (name, part)
    assert "Mobil: [uppgift borttagen]" in docx_body
    # Two contacts with phone and e-mail, the signatories in the förord and the signature
    # table, the two names under the 2015 avtal.
    assert docx_body.count(MARKER) == 12
    # The Markdown writer escapes the brackets, which print as the marker.
    assert markdown.count(r"\[uppgift borttagen\]") == 12


def test_the_counts(built: tuple[Path, BuildResult]) -> None:
    _, result = built
    assert result.redacted == RedactionCounts(phones=2, emails=2, names=8)
    assert result.redacted.swedish() == (
        "tog bort 12 uppgifter: 2 telefonnummer, 2 e-postadresser, 8 namn"
    )


def test_the_normal_outputs_are_unchanged(built: tuple[Path, BuildResult], tmp_path: Path) -> None:
    public_out, public_result = built
    normal = build(REPO_ROOT, tmp_path, public=False)
    assert normal.redacted is None
    assert {p.name for p in public_result.written} == {p.name for p in normal.written} | {
        f"{STEM}-publik.md",
        f"{STEM}-publik.docx",
    }
    for path in normal.written:
        assert (public_out / path.name).read_bytes() == path.read_bytes(), path.name
    normal_md = (tmp_path / f"{STEM}.md").read_text(encoding="utf-8")
    for item in (*PERSONAL, *CONTACTS, *SIGNATORIES, *IN_PROSE):
        assert item in normal_md
    golden = (REPO_ROOT / "tests" / "golden" / "rinkeby-kista-2017.md").read_text("utf-8")
    assert normal_md == golden


def test_keep_a_name_in_samverkan_yaml(scratch_repo: Path, tmp_path: Path) -> None:
    (scratch_repo / "samverkan.yaml").write_text(
        "publicering:\n  behåll_namn: [Per Granhällen]\n", encoding="utf-8"
    )
    result = build(scratch_repo, tmp_path, public=True)
    assert result.redacted == RedactionCounts(phones=2, emails=2, names=7)
    for text in public_texts(tmp_path):
        assert "Per Granhällen" in text
        assert "Daniel Mattsson" not in text
        assert "per.granhallen@stockholm.se" not in text


def test_keep_the_signatories_in_samverkan_yaml(scratch_repo: Path, tmp_path: Path) -> None:
    (scratch_repo / "samverkan.yaml").write_text(
        "publicering:\n  behåll_undertecknare: true\n", encoding="utf-8"
    )
    result = build(scratch_repo, tmp_path, public=True)
    assert result.redacted == RedactionCounts(phones=2, emails=2, names=4)
    for text in public_texts(tmp_path):
        for name in SIGNATORIES:
            assert name in text
        for name in (*CONTACTS, *IN_PROSE):
            assert name not in text


def test_remove_only_phone_numbers(scratch_repo: Path, tmp_path: Path) -> None:
    (scratch_repo / "samverkan.yaml").write_text(
        "publicering:\n  ta_bort: [telefon]\n", encoding="utf-8"
    )
    result = build(scratch_repo, tmp_path, public=True)
    assert result.redacted == RedactionCounts(phones=2)
    assert result.redacted.swedish() == "tog bort 2 uppgifter: 2 telefonnummer"
    markdown, docx_body = public_texts(tmp_path)
    for text in (markdown, docx_body):
        assert "0739-10 12 15" not in text
        assert "daniel.mattsson@polisen.se" in text
        assert "Daniel Mattsson" in text


def test_an_unknown_kind_to_remove_is_a_config_problem(scratch_repo: Path) -> None:
    (scratch_repo / "samverkan.yaml").write_text(
        "publicering:\n  ta_bort: [fax]\n", encoding="utf-8"
    )
    problems = load_config(scratch_repo).problems
    assert [p.rule for p in problems] == ["SV014"]


def test_the_names_to_redact() -> None:
    loaded = load_agreement(rinkeby_folder(REPO_ROOT))
    everyone = [*SIGNATORIES, "Daniel Mattsson", "Per Granhällen"]
    assert names_to_redact(loaded) == everyone
    assert names_to_redact(loaded, ["per granhällen"]) == everyone[:-1]


def test_the_command_says_what_it_removed(in_repo: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "rinkeby-kista-2017", "--publik"])
    assert result.exit_code == 0, result.output
    assert "tog bort 12 uppgifter: 2 telefonnummer, 2 e-postadresser, 8 namn" in result.output
    out = in_repo / "out" / "rinkeby-kista-2017"
    assert (out / f"{STEM}-publik.md").is_file()
    assert (out / f"{STEM}-publik.docx").read_bytes()[:2] == b"PK"
    assert (out / f"{STEM}.md").is_file()


def test_without_publik_no_public_files(in_repo: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "rinkeby-kista-2017"])
    assert result.exit_code == 0, result.output
    assert "tog bort" not in result.output
    assert not list((in_repo / "out" / "rinkeby-kista-2017").glob("*-publik.*"))


# The transform on its own.


def paragraph(text: str) -> Paragraph:
    return Paragraph((Span(text),))


@pytest.mark.parametrize(
    "number",
    [
        "0739-10 12 15",
        "076-120 10 15",
        "070-123 45 67",
        "08-508 000 00",
        "08-123 456",
        "0701234567",
        "+46 8 508 000 00",
        "+46 70 123 45 67",
        "+46 (0)70-123 45 67",
        "+46701234567",
    ],
)
def test_phone_numbers(number: str) -> None:
    document = Document((paragraph(f"Ring {number}, eller skriv."),))
    redacted, count = redact(document, [])
    assert count == 1
    assert redacted.blocks == (paragraph(f"Ring {MARKER}, eller skriv."),)


@pytest.mark.parametrize(
    "text",
    [
        "Trygghetsmätning 2014-2017 och 2018-06-30",
        "org.nr 212000-0142 och 202100-0076",
        "Dnr 1.2.5.-615-2016, A182.072/2016",
        "Andelen 0-19 år är 27 procent, 48 600 invånare, 163 74 Spånga",
        "0,0123456789 procent",
    ],
)
def test_no_false_phone_numbers(text: str) -> None:
    document = Document((paragraph(text),))
    assert redact(document, []) == (document, 0)


def test_every_block_is_walked() -> None:
    document = Document(
        (
            Heading(1, (Span("Kontakt Anna Berg"),)),
            Contents((ContentsEntry(1, "Kontakt Anna Berg"),)),
            BulletList((ListItem((paragraph("anna.berg@kommun.se"),)),)),
            Table(
                ((Span("Namn"),),),
                (((Span("Anna Bergs", strong=True), LineBreak(), Span("08-123 456 78")),),),
            ),
        )
    )
    redacted, counts = redact_document(document, RedactionPolicy(removed_names=("Anna Berg",)))
    # The contents repeats the heading and is not counted again.
    assert counts == RedactionCounts(phones=1, emails=1, names=2)
    heading, contents, bullets, table = redacted.blocks
    assert heading == Heading(1, (Span(f"Kontakt {MARKER}"),))
    assert contents == Contents((ContentsEntry(1, f"Kontakt {MARKER}"),))
    assert bullets == BulletList((ListItem((paragraph(MARKER),)),))
    assert isinstance(table, Table)
    assert table.rows == (((Span(MARKER, strong=True), LineBreak(), Span(MARKER)),),)


def test_names_are_whole_words_and_the_kinds_chosen() -> None:
    document = Document((paragraph("Bergström och Anna Berg, 08-123 456 78"),))
    only_names = RedactionPolicy(removed_names=("Anna Berg",), remove=frozenset({"namn"}))
    redacted, counts = redact_document(document, only_names)
    assert counts == RedactionCounts(names=1)
    assert redacted.blocks == (paragraph(f"Bergström och {MARKER}, 08-123 456 78"),)
    nothing, count = redact(document, ["Anna Berg"], remove=[])
    assert (nothing, count) == (document, 0)


def test_counts_in_swedish() -> None:
    assert RedactionCounts().swedish() == "tog bort 0 uppgifter"
    assert RedactionCounts(emails=1).swedish() == "tog bort 1 uppgift: 1 e-postadress"
    assert RedactionCounts(phones=2, emails=2).swedish() == (
        "tog bort 4 uppgifter: 2 telefonnummer, 2 e-postadresser"
    )
    assert RedactionCounts(ids=1, names=3).swedish() == (
        "tog bort 4 uppgifter: 1 personnummer, 3 namn"
    )
