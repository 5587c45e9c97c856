"""People's names in the public version: whole, in parts, with initials and in the genitive;
a part that is also a word only where it cannot be the word; names that stay protected; every
person field of the models read; links and every kind of text walked."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from pydantic import BaseModel

import samverkan_cli.model.agreement
import samverkan_cli.model.bilaga_kinds
import samverkan_cli.model.committee_report
import samverkan_cli.model.party
from samverkan_cli.document.tree import (
    Contents,
    ContentsEntry,
    Document,
    DocumentInfo,
    Figure,
    Heading,
    LineBreak,
    Paragraph,
    Span,
    Table,
    plain_text,
)
from samverkan_cli.publish.people import (
    FREE_TEXT_PERSON_FIELDS,
    NOT_PERSON_FIELDS,
    PERSON_FIELDS,
    PERSON_LIKE_ALIASES,
)
from samverkan_cli.publish.person_names import NameFinder, names_in_free_text, prose_names
from samverkan_cli.publish.redaction import (
    MARKER,
    RedactionCounts,
    RedactionPolicy,
    redact_document,
)

PEOPLE = ("Anna Berg", "Per Lund", "Mikael Strand", "Lars-Erik Sjöholm", "Fatima Hassan")


def redacted(text: str, kept: tuple[str, ...] = (), places: tuple[str, ...] = ()) -> str:
    policy = RedactionPolicy(removed_names=PEOPLE, kept_names=kept, place_words=frozenset(places))
    result, _ = redact_document(Document((Paragraph((Span(text),)),)), policy)
    (paragraph,) = result.blocks
    assert isinstance(paragraph, Paragraph)
    return plain_text(paragraph.content)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kontakta Anna Berg.", f"Kontakta {MARKER}."),
        ("Kontakta ANNA BERG.", f"Kontakta {MARKER}."),
        ("Anna Bergs rapport", f"{MARKER} rapport"),
        ("Enligt A. Berg och A Berg", f"Enligt {MARKER} och {MARKER}"),
        ("Enligt L.-E. Sjöholm", f"Enligt L.-E. {MARKER}"),
        ("Enligt Anna B. i förra veckan", f"Enligt {MARKER}. i förra veckan"),
        ("Anna har skrivit", f"{MARKER} har skrivit"),
        ("Annas grupp", f"{MARKER} grupp"),
        ("Sjöholm presenterade", f"{MARKER} presenterade"),
        ("Lars-Erik presenterade", f"{MARKER} presenterade"),
        ("kontakta Hassan eller Hassans kollega", f"kontakta {MARKER} eller {MARKER} kollega"),
        ("Anna Svensson och Anna", f"{MARKER} och {MARKER}"),  # the rest of the name goes too
        ("Kommunpolis Lund har ansvar.", f"Kommunpolis {MARKER} har ansvar."),
        ("enligt Berg är läget lugnt", f"enligt {MARKER} är läget lugnt"),
    ],
)
def test_a_name_whole_and_in_parts(text: str, expected: str) -> None:
    assert redacted(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Berg och dal.",  # a common word at the start of a sentence
        "Lund har ansvar.",
        "Strand och berg.",
        "Per capita minskade brotten.",
        "Vi reser per tåg till berget vid stranden.",  # lower case: never a name
        "Bergström, Lundqvist och Annasdotter",  # whole words only
        "Sjöholmen och Hassanein",
        "2 per år",
    ],
)
def test_what_is_not_one_of_the_names(text: str) -> None:
    assert redacted(text) == text


def test_a_part_that_is_a_place_of_the_data_stays_alone() -> None:
    assert redacted("Trygghetsvandring i Lund och kontakt med Per Lund.", places=("Lund",)) == (
        f"Trygghetsvandring i Lund och kontakt med {MARKER}."
    )


def test_a_kept_name_keeps_the_parts_it_shares() -> None:
    text = "Anna Holm och Anna Berg skrev, och Holm ledde."
    assert redacted(text, kept=("Anna Holm",)) == f"Anna Holm och {MARKER} skrev, och Holm ledde."


def test_a_name_split_by_formatting_is_found_whole() -> None:
    content = (Span("Ansvarig: "), Span("Anna", strong=True), Span(" Berg"), LineBreak())
    policy = RedactionPolicy(removed_names=("Anna Berg",))
    result, counts = redact_document(Document((Paragraph(content),)), policy)
    assert result.blocks == (
        Paragraph((Span("Ansvarig: "), Span(MARKER, strong=True), Span(""), LineBreak())),
    )
    assert counts == RedactionCounts(names=1)


def test_every_text_of_the_document_is_walked() -> None:
    document = Document(
        (
            Heading(1, (Span("Kontakt Anna Berg"),)),
            Contents((ContentsEntry(1, "Kontakt Anna Berg"),)),
            Table(((Span("Namn"),),), (((Span("Per Lund 070-123 45 67"),),),)),
            Figure("bild.png", "Anna Berg vid trygghetsvandringen"),
        ),
        DocumentInfo(
            title="Avtal", subject="Kontakt Anna Berg", authors=("Per Lund",), header=("Per Lund",)
        ),
    )
    result, counts = redact_document(document, RedactionPolicy(removed_names=PEOPLE))
    heading, contents, table, figure = result.blocks
    assert heading == Heading(1, (Span(f"Kontakt {MARKER}"),))
    assert contents == Contents((ContentsEntry(1, f"Kontakt {MARKER}"),))
    assert isinstance(table, Table) and table.rows == (((Span(f"{MARKER} {MARKER}"),),),)
    assert figure == Figure("bild.png", f"{MARKER} vid trygghetsvandringen")
    assert result.info.subject == f"Kontakt {MARKER}"
    assert result.info.authors == (MARKER,) and result.info.header == (MARKER,)
    # The contents and the properties repeat the body: not counted again.
    assert counts == RedactionCounts(names=3, phones=1)


def test_a_link_to_a_person_loses_its_address() -> None:
    mail = Span("skriv till samordnaren", href="mailto:anna.berg@exempelby.se")
    named = Span("Anna Berg", href="https://exempelby.se/kontakt")
    public = Span("kommunens webbplats", href="https://exempelby.se/trygghet")
    functional = Span("registrator", href="mailto:registrator@exempelby.se")
    document = Document((Paragraph((mail, Span(", "), named, Span(", "), public, functional)),))
    result, _ = redact_document(document, RedactionPolicy(removed_names=PEOPLE))
    (paragraph,) = result.blocks
    assert isinstance(paragraph, Paragraph)
    spans = [s for s in paragraph.content if isinstance(s, Span)]
    assert spans[0] == Span("skriv till samordnaren")  # the address named a person
    assert spans[2] == Span(MARKER)  # the text was a name
    assert spans[4] == public and spans[5] == functional


def test_names_in_fields_that_name_a_person_or_a_function() -> None:
    places = frozenset({"Rinkeby", "Exempelås"})
    assert names_in_free_text("Anna Berg, kommunpolis", places) == ["Anna Berg"]
    assert names_in_free_text("Lokalpolisområde Rinkeby", places) == []
    assert names_in_free_text("BRÅ-samordnarna i Exempelås, Exempelholm", places) == []
    assert names_in_free_text("Nattvandrare, Lugna Gatan, väktare", places) == []
    assert names_in_free_text("Enhetschef preventionsenheten och Per Ek", places) == ["Per Ek"]


def test_names_in_prose_that_the_data_does_not_know() -> None:
    texts = [
        "Stockholm 19 maj 2015\nKarin Wanngård\nFinansborgarråd",
        "Projektet leds av Lena Holmqvist och Abdirahman Warsame.",
        "Kontoret ligger på Olof Palmes gata och nära Gustav Vasa skolan.",
        "Polisen Rinkeby och Lugna Gatan deltar; Maria Magdalena Stockholm.",
    ]
    found = prose_names(texts, frozenset({"Stockholm"}))
    assert found == ["Karin Wanngård", "Lena Holmqvist", "Abdirahman Warsame"]


def test_the_finder_reports_kept_names() -> None:
    finder = NameFinder(["Anna Berg"], ["Eva Holm"])
    hits = list(finder.find("Eva Holm och Anna Berg"))
    assert [(h.start, h.end, h.kept) for h in hits if h.kept] == [(0, 8, True)]


def _models() -> list[type[BaseModel]]:
    """Every model of every module in samverkan_cli.model, so that a model added or moved
    to a new module is classified too."""
    modules = [
        importlib.import_module(f"samverkan_cli.model.{info.name}")
        for info in pkgutil.iter_modules(samverkan_cli.model.__path__)
    ]
    return [
        value
        for module in modules
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, BaseModel)
        and value.__module__ == module.__name__
    ]


def test_every_field_that_could_hold_a_person_is_classified() -> None:
    """A new field such as `kontaktperson` or `ansvarig` must be read as a person's, or
    listed as not one: otherwise a name in it would reach the public version."""
    listed = PERSON_FIELDS | FREE_TEXT_PERSON_FIELDS | NOT_PERSON_FIELDS
    unlisted = [
        (model.__name__, name)
        for model in _models()
        for name, field in model.model_fields.items()
        if (field.alias or name) in PERSON_LIKE_ALIASES and (model.__name__, name) not in listed
    ]
    assert unlisted == []
    known = {(m.__name__, n) for m in _models() for n in m.model_fields}
    assert known >= (PERSON_FIELDS | FREE_TEXT_PERSON_FIELDS)


def test_a_particle_goes_with_the_name_and_a_preposition_does_not() -> None:
    policy = RedactionPolicy(removed_names=("Karl von Platen", "Per Lund"))
    document = Document((Paragraph((Span("Enligt von Platen, skrivet av Lund."),)),))
    result, _ = redact_document(document, policy)
    (paragraph,) = result.blocks
    assert isinstance(paragraph, Paragraph)
    assert plain_text(paragraph.content) == f"Enligt {MARKER}, skrivet av {MARKER}."
