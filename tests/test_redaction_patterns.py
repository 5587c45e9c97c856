"""What the public version takes for personal data besides names, both ways: personnummer
and samordningsnummer in every form (Luhn-checked), Swedish phone numbers in every notation
(never an org.nr, a diarienummer, a date, a year range, a postal code, a sum or a paragraph),
switchboards kept, personal e-mail addresses removed and functional ones kept."""

from __future__ import annotations

import pytest

from samverkan_cli.core.phone_numbers import normalised_number
from samverkan_cli.document.tree import Document, Paragraph, Span, plain_text
from samverkan_cli.publish.patterns import (
    MailboxPolicy,
    loose_personal_ids,
    personal_ids,
    phone_numbers,
    switchboard_numbers,
)
from samverkan_cli.publish.redaction import (
    MARKER,
    RedactionCounts,
    RedactionPolicy,
    redact_document,
)


def redacted(text: str, policy: RedactionPolicy | None = None) -> tuple[str, RedactionCounts]:
    document = Document((Paragraph((Span(text),)),))
    result, counts = redact_document(document, policy or RedactionPolicy())
    (paragraph,) = result.blocks
    assert isinstance(paragraph, Paragraph)
    return plain_text(paragraph.content), counts


PERSONAL_IDS = [
    "850101-1236",  # YYMMDD-NNNN
    "19850101-1236",  # YYYYMMDD-NNNN
    "198501011236",  # without the dash
    "8501011236",
    "850101 1236",  # with a space
    "121212+1212",  # a hundred years or older
    "850161-9871",  # samordningsnummer: the day plus 60
    "640823-3234",
    "030715-2462",
    "20030715-2462",
]


@pytest.mark.parametrize("number", PERSONAL_IDS)
def test_a_personnummer_in_any_form_is_removed(number: str) -> None:
    text, counts = redacted(f"Den enskilde ({number}) hördes av polisen.")
    assert text == f"Den enskilde ({MARKER}) hördes av polisen."
    assert counts == RedactionCounts(ids=1)


@pytest.mark.parametrize(
    "text",
    [
        "850101-1234",  # wrong check digit
        "851301-1233",  # no thirteenth month
        "850230-1236",  # no 30 February
        "212000-0142",  # Stockholms stads organisationsnummer (third digit 2: no month)
        "202100-0076",  # Polismyndigheten
        "556016-0680",  # an aktiebolag
        "2024-05-12",
        "20240512",
        "KS 2024/1234",
        "Dnr 1.2.3-456/2024",
        "SDN 2016-12-0045",
    ],
)
def test_what_is_not_a_personnummer(text: str) -> None:
    assert list(personal_ids(f"Se {text} i ärendet.")) == []
    assert redacted(f"Se {text} i ärendet.") == (f"Se {text} i ärendet.", RedactionCounts())


def test_the_scan_finds_a_personnummer_in_an_odd_notation() -> None:
    assert list(loose_personal_ids("id 8501.01.1236 och 85 01 01 1236")) == [(3, 15), (20, 33)]
    assert list(loose_personal_ids("org.nr 212000-0142, tel 08-508 000 00")) == []


PHONE_NUMBERS = [
    "0651/18000",
    "0651-180 00",
    "+46 651 180 00",
    "08-508 000 00",
    "070 123 45 67",
    "0739-10 12 15",
    "076-120 10 15",
    "08-123 456",
    "0701234567",
    "+46 8 508 000 00",
    "+46 (0)70-123 45 67",
    "+46701234567",
    "070.123.45.67",
    "(08) 508 000 00",
    "0046 8 508 000 00",
    "010-56 600 00",
    "060-19 10 00",
]


@pytest.mark.parametrize("number", PHONE_NUMBERS)
def test_a_phone_number_in_any_notation_is_removed(number: str) -> None:
    text, counts = redacted(f"Ring {number}, eller skriv.")
    assert text == f"Ring {MARKER}, eller skriv."
    assert counts == RedactionCounts(phones=1)


NOT_PHONE_NUMBERS = [
    "org.nr 212000-0142 och 202100-0076",
    "diarienummer KS 2024/123 och KS 2019/656",
    "Dnr 1.2.3-456/2024, Dnr 1.2.5.-615-2016 och A182.072/2016",
    "beslutat 2024-05-12, gäller 2024-06-01–2026-05-31",
    "åren 2014-2017, 2019–2022 och 1990/1991",
    "163 74 Spånga, Box 123, SE-163 74",
    "1 250 000 kronor, 20 000 000 kr och 450 000 kr",
    "3 § och 12 kap. 2 § lagen (2023:196)",
    "Andelen 0-19 år är 27 procent, 48 600 invånare",
    "0,0123456789 procent",
    "klockan 08.00–16.30",
]


@pytest.mark.parametrize("text", NOT_PHONE_NUMBERS)
def test_what_is_not_a_phone_number(text: str) -> None:
    assert list(phone_numbers(text)) == []
    assert redacted(text) == (text, RedactionCounts())


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Kommunens växel 0651-180 00 svarar dygnet runt.", "0651-180 00"),
        ("Växel: 08-508 000 00.", "08-508 000 00"),
        ("Ring 08-508 000 00 (växel).", "08-508 000 00"),
        ("Ring via växeln, 0651/18000, och fråga efter samordnaren.", "0651/18000"),
        ("Polisen nås på 114 14 och vid fara 112.", "114 14"),
    ],
)
def test_switchboards_and_the_emergency_numbers_stay(text: str, kept: str) -> None:
    assert redacted(text) == (text, RedactionCounts())
    assert kept in text


def test_a_number_beside_a_switchboard_is_still_removed() -> None:
    for text, personal in (
        ("Växel 08-508 000 00, direkt 070-765 43 21.", "070-765 43 21"),
        ("Ring 08-508 000 00 (växel) eller direkt på 070-765 43 21.", "070-765 43 21"),
        ("Mobil 070-765 43 21, växel 08-508 000 00.", "070-765 43 21"),
    ):
        result, counts = redacted(text)
        assert personal not in result and "08-508 000 00" in result
        assert counts == RedactionCounts(phones=1)


def test_a_switchboard_marked_once_is_kept_everywhere() -> None:
    assert switchboard_numbers(["Växel 0651-180 00."]) == {"+4665118000"}
    document = Document(
        (
            Paragraph((Span("Kommunens växel: 0651-180 00."),)),
            Paragraph((Span("Frågor? Ring 0651/18000."),)),
        )
    )
    result, counts = redact_document(document, RedactionPolicy())
    assert result == document and counts.total == 0


def test_a_kept_number_from_samverkan_yaml_in_any_notation() -> None:
    kept = frozenset({normalised_number("0651-180 00") or ""})
    policy = RedactionPolicy(kept_numbers=kept)
    assert redacted("Ring +46 651 180 00 eller 0651/18000.", policy)[1].total == 0
    assert redacted("Ring 0651-180 01.", policy)[1] == RedactionCounts(phones=1)


PERSONAL_ADDRESSES = [
    "anna.berg@exempelby.se",
    "a.berg@exempelby.se",
    "anna.m.berg@polisen.se",
    "anna-karin.berg@exempelby.se",
    "per.granhallen@stockholm.se",
    "kalle_anka84@gmail.com",
    "info.anna@hotmail.com",  # any address at a private mail service
]
FUNCTIONAL_ADDRESSES = [
    "registrator@exempelby.se",
    "kommun@exempelby.se",
    "info@polisen.se",
    "kontakt@exempelby.se",
    "kundtjanst@exempelby.se",
    "kommunstyrelsen@exempelby.se",
    "registrator.stockholm@polisen.se",
    "stadsdelsforvaltningen.jarva@stockholm.se",
    "brottsforebyggande@exempelby.se",
    "samverkan-syd@exempelby.se",
    "diarium@exempelby.se",
    "post@exempelby.se",
    "vaxel@exempelby.se",
    "trygghetsvandring@exempelby.se",  # one word: no person's shape
    "lpo.sjovik@polisen.se",  # a place of the data's
]


@pytest.mark.parametrize("address", PERSONAL_ADDRESSES)
def test_a_personal_address_is_removed(address: str) -> None:
    policy = RedactionPolicy(mailboxes=MailboxPolicy(place_words=frozenset({"sjovik"})))
    assert redacted(f"Skriv till {address}.", policy) == (
        f"Skriv till {MARKER}.",
        RedactionCounts(emails=1),
    )


@pytest.mark.parametrize("address", FUNCTIONAL_ADDRESSES)
def test_a_functional_address_stays(address: str) -> None:
    policy = RedactionPolicy(mailboxes=MailboxPolicy(place_words=frozenset({"sjovik"})))
    assert redacted(f"Skriv till {address}.", policy) == (
        f"Skriv till {address}.",
        RedactionCounts(),
    )


def test_an_address_with_a_removed_name_is_personal_and_one_kept_in_samverkan_yaml_stays() -> None:
    mailboxes = MailboxPolicy(
        kept=frozenset({"trygghet.berg@exempelby.se", "felanmalan@"}),
        name_parts=frozenset({"berg", "anna"}),
    )
    assert mailboxes.is_personal("anna@exempelby.se")
    assert mailboxes.is_personal("info.berg@exempelby.se")
    assert not mailboxes.is_personal("trygghet.berg@exempelby.se")
    assert not mailboxes.is_personal("felanmalan@annan.se")
    assert not mailboxes.is_personal("Felanmalan@Exempelby.se")
