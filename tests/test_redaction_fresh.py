"""The public version against fresh forms of personal data, built end to end: a picture drawn
from the data (the organisation chart), a contact's own address in any shape, initials as an
address, a table of names alone, extensions, and names the data does not know; and the
public data beside them (switchboards, functional mailboxes, diarienummer) that must stay."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from samverkan_cli.build.pipeline import BuildResult
from samverkan_cli.core.folding import fold
from samverkan_cli.document.tree import Document, Paragraph, Span, plain_text
from samverkan_cli.publish.patterns import MailboxPolicy, phone_numbers
from samverkan_cli.publish.people import People, address_parts, name_initials
from samverkan_cli.publish.redaction import MARKER, RedactionPolicy, redact_document
from samverkan_cli.publish.scan import findings_as_problems, scan
from tests.conftest import REPO_ROOT
from tests.test_redaction_examples import build, public_texts

CONTACTS = """\
  - part: sdf
    namn: Zoran Đukić
    titel: EST-samordnare
    telefon: 0701-23 45 67
    epost: zd@stockholm.se
  - part: polisen
    namn: Karl-Johan af Ekström
    titel: Kommunpolis
    telefon: 08-545 812 37
    epost: ekstrom.kj@polisen.se
  - part: sdf
    namn: Linnéa Lind-Sjöberg
    titel: Fältsekreterare
    epost: lindsjoberg@stockholm.se
"""
INTRODUCTION = """\
inledning: |
  Samordnarna nås via stadens kontaktcenter 08-508 000 00. Frågor om EST till zd@stockholm.se
  eller kjae@polisen.se; fältgruppen har telefon 08-545 812 00 ankn. 236.

  | Namn | Roll |
  |---|---|
  | Đukić | EST-samordnare |
  | af Ekström | Kommunpolis |
  | Lind-Sjöberg | Fältsekreterare |

  Lägesbilden har granskats av rektor Emir Hodžić och enhetschef Gunnel Sandström-Ek.
  Funktionsbrevlådor: registrator.rinkeby@polisen.se och brottsforebyggande@stockholm.se
  (KS 2024/0123, Dnr 2023-00456).
personer:
"""
REMOVED = [
    "Đukić",
    "Zoran",
    "Ekström",
    "Karl-Johan",
    "Lind-Sjöberg",
    "Linnéa",
    "zd@stockholm.se",
    "ekstrom.kj@polisen.se",
    "lindsjoberg@stockholm.se",
    "kjae@polisen.se",
    "0701-23 45 67",
    "08-545 812 37",
    "ankn. 236",
    "Hodžić",
    "Sandström-Ek",
    "Emir",
    "Gunnel",
    "Björn Svensson",
    "Svensson",
]
KEPT = [
    "08-508 000 00",
    "registrator.rinkeby@polisen.se",
    "brottsforebyggande@stockholm.se",
    "KS 2024/0123",
    "Dnr 2023-00456",
    "EST-samordnare",
    "Fältsekreterare",
]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    root = tmp_path_factory.mktemp("fresh") / "repo"
    shutil.copytree(REPO_ROOT / "agreements", root / "agreements")
    folder = root / "agreements" / "rinkeby-kista-2017"
    contacts = folder / "bilagor" / "samordnare.yaml"
    text = contacts.read_text(encoding="utf-8")
    contacts.write_text(text.replace("personer:\n", INTRODUCTION, 1) + CONTACTS, "utf-8")
    agreement = folder / "overenskommelse.yaml"
    text = agreement.read_text(encoding="utf-8")
    function = "          - Parternas samordnare enligt punkten 7.\n"
    assert text.count(function) == 1
    # A forum with few functions, so that the chart draws each, one naming a person.
    agreement.write_text(
        text.replace(function, "          - Kommunpolis Björn Svensson\n"), encoding="utf-8"
    )
    out = root / "out"
    return out, build(root, "rinkeby-kista-2017", out)


def test_fresh_personal_data_is_gone_from_every_public_file(
    fresh: tuple[Path, BuildResult],
) -> None:
    out, _ = fresh
    for file, text in public_texts(out).items():
        for item in REMOVED:
            assert item not in text, f"{item!r} left in {file}"
        for item in KEPT:
            assert item in text, f"{item!r} removed from {file}"


def test_the_organisation_chart_is_drawn_again_without_the_names(
    fresh: tuple[Path, BuildResult],
) -> None:
    out, _ = fresh
    stem = "samverkansoverenskommelse-rinkeby-kista-2017"
    normal_svg = (out / f"{stem}-organisation.svg").read_text("utf-8")
    public_svg = (out / f"{stem}-organisation-publik.svg").read_text("utf-8")
    assert "Björn Svensson" in normal_svg  # the normal chart, as before
    assert "Svensson" not in public_svg and MARKER in public_svg
    public_png = (out / f"{stem}-organisation-publik.png").read_bytes()
    assert public_png != (out / f"{stem}-organisation.png").read_bytes()
    markdown = (out / f"{stem}-publik.md").read_text("utf-8")
    assert f"{stem}-organisation-publik.png" in markdown
    assert f"({stem}-organisation.png" not in markdown
    with zipfile.ZipFile(out / f"{stem}-publik.docx") as package:
        pictures = [package.read(n) for n in package.namelist() if n.startswith("word/media/")]
    assert pictures == [public_png]  # the DOCX shows the redacted chart


def test_an_example_without_names_in_its_chart_keeps_the_chart() -> None:
    """Nothing to redact in the chart: the public version uses the normal picture."""
    from samverkan_cli.publish.redaction import policy_for
    from samverkan_cli.render.agreement_document import agreement_document
    from samverkan_cli.source.loading import load_agreement

    loaded = load_agreement(REPO_ROOT / "agreements" / "exempel-kommun")
    document = agreement_document(loaded, REPO_ROOT)
    public, _ = redact_document(document, policy_for(loaded))
    assert public.assets == document.assets


# --- addresses ------------------------------------------------------------------------------


def test_how_a_name_is_written_in_an_address() -> None:
    assert {"helena", "essen", "vonessen"} <= address_parts("Helena von Essen")
    assert {"lind", "sjoberg", "lindsjoberg", "linnea"} <= address_parts("Linnéa Lind-Sjöberg")
    assert "dukic" in address_parts("Zoran Đukić")
    assert {"kjae", "kje", "ke"} <= name_initials("Karl-Johan af Ekström")
    assert "zd" in name_initials("Zoran Đukić")
    assert fold("Øberg Đukić Ærø") == "oberg dukic aero"


@pytest.mark.parametrize(
    ("address", "personal"),
    [
        ("zd@stockholm.se", True),  # initials
        ("kjae@polisen.se", True),
        ("vonessen@stockholm.se", True),  # particle and surname together
        ("helena.vonessen@stockholm.se", True),
        ("lindsjoberg@stockholm.se", True),  # a double surname together
        ("nattvandring@stockholm.se", False),
        ("trygghet.af@stockholm.se", False),  # a particle is no name
        ("de@stockholm.se", False),
        ("hr@stockholm.se", False),  # functional, even if it were someone's initials
        ("brottsforebyggande@stockholm.se", False),
        ("polisen.stockholm@polisen.se", False),
    ],
)
def test_an_address_by_the_people_of_the_data(address: str, personal: bool) -> None:
    people = People(
        removed=(
            "Zoran Đukić",
            "Karl-Johan af Ekström",
            "Helena von Essen",
            "Hanna Rask",
            "Linnéa Lind-Sjöberg",
        ),
        place_words=frozenset({"Stockholm"}),
    )
    assert people.mailboxes().is_personal(address) is personal


def test_a_contacts_own_address_is_personal_whatever_its_shape() -> None:
    mailboxes = MailboxPolicy(personal=frozenset({"nattvandring@stockholm.se"}))
    assert mailboxes.is_personal("Nattvandring@stockholm.se")
    assert not MailboxPolicy().is_personal("nattvandring@stockholm.se")


# --- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["08-545 812 00 ankn. 236", "08-545 812 00, anknytning 236", "070-123 45 67 ankn 12"],
)
def test_an_extension_goes_with_its_number(written: str) -> None:
    text = f"Ring {written} i dag."
    (match,) = phone_numbers(text)
    assert text[match.start : match.end] == written


@pytest.mark.parametrize(
    "sentence",
    [
        "Kommunens kontaktcenter har telefon 08-706 80 00.",
        "Ring stadens kundtjänst, 08-706 80 00, vardagar.",
        "08-706 80 00 (servicecenter) svarar dygnet runt.",
    ],
)
def test_a_number_marked_as_a_contact_centre_stays(sentence: str) -> None:
    assert _redacted(sentence, RedactionPolicy()) == sentence


# --- names the data does not know -------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Mötet leddes av Jovan von Platen från länsstyrelsen.", "Platen"),
        ("Rektor Emir Hodžić deltog i dialogen.", "Hodžić"),
        ("Frågan bereddes av fältassistenten Tiina Kolehmainen.", "Kolehmainen"),
        ("Enligt Dragana Petrović har otryggheten ökat.", "Petrović"),
        ("Materialet granskades av Ngozi Abubakar-Sjögren.", "Abubakar-Sjögren"),
        ("Kontakta kommunpolis Andersson om trafiken.", "Andersson"),
    ],
)
def test_a_name_the_data_does_not_know_is_removed(sentence: str, name: str) -> None:
    result = _redacted(sentence, RedactionPolicy())
    assert name not in result and MARKER in result


@pytest.mark.parametrize(
    "sentence",
    [
        "Enligt von Essens modell delas staden in i tre områden.",
        "Polisen i Solna och Sundbybergs stad har samverkat sedan 2016.",
        "Rektorerna i Hallonbergen och Rissne deltar i områdesgruppen.",
        "Mötet hölls på Café Vide och på Olof Palmes gata 3.",
    ],
)
def test_capitalised_words_that_are_no_name_stay(sentence: str) -> None:
    assert _redacted(sentence, RedactionPolicy()) == sentence


def test_a_common_word_name_at_a_sentence_start_goes_with_the_name_beside_it() -> None:
    policy = RedactionPolicy(removed_names=("Björn Svensson", "Camila Rocha"))
    assert _redacted("Björn och Camila presenterade lägesbilden.", policy) == (
        f"{MARKER} och {MARKER} presenterade lägesbilden."
    )
    assert _redacted("Björn är ett djur i skogen.", policy) == "Björn är ett djur i skogen."


# --- the scan -------------------------------------------------------------------------------


def test_the_scan_sees_a_name_after_another_capitalised_word_and_locates_it() -> None:
    text = "Personrån ökade. Skolan Tiina Kolehmainen deltog. Per ringde."
    document = Document((Paragraph((Span(text),)),))
    policy = RedactionPolicy(removed_names=("Per Lund",))
    findings = scan(document, document, policy)
    assert ("namn", "Tiina Kolehmainen") in [(f.kind, f.text) for f in findings]
    (per,) = [f for f in findings if f.text == "Per"]
    (problem,) = findings_as_problems([per], text, "x.md")
    assert problem.location.column == text.index("Per ringde") + 1


def _redacted(text: str, policy: RedactionPolicy) -> str:
    document = Document((Paragraph((Span(text),)),))
    redacted, _ = redact_document(document, policy)
    (paragraph,) = redacted.blocks
    assert isinstance(paragraph, Paragraph)
    return plain_text(paragraph.content)
