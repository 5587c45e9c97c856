"""The public version on realistic Swedish prose, both ways: each sentence of
tests/redaction_corpus/prose.yaml is redacted as a document of its own with the corpus's
people, and what it lists under `bort` must be gone, what it lists under `kvar` still there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from samverkan_cli.document import Document, Paragraph, Span, plain_text
from samverkan_cli.redaction import MARKER, RedactionPolicy, redact_document
from samverkan_cli.redaction_people import People

CORPUS = Path(__file__).parent / "redaction_corpus" / "prose.yaml"
DATA: dict[str, Any] = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
SENTENCES: list[dict[str, Any]] = DATA["meningar"]


def corpus_policy() -> RedactionPolicy:
    kept = tuple(DATA["behåll_namn"])
    people = People(
        removed=tuple(p for p in DATA["personer"] if p not in kept),
        kept=kept,
        place_words=frozenset(DATA["platser"]),
    )
    return RedactionPolicy(
        removed_names=people.removed,
        kept_names=people.kept,
        mailboxes=people.mailboxes(),
        place_words=people.place_words,
    )


def redacted_text(text: str) -> str:
    document = Document((Paragraph((Span(text),)),))
    redacted, _ = redact_document(document, corpus_policy())
    (paragraph,) = redacted.blocks
    assert isinstance(paragraph, Paragraph)
    return plain_text(paragraph.content)


def test_the_corpus_is_large_and_tests_both_ways() -> None:
    assert len(SENTENCES) >= 40
    assert sum(bool(s.get("bort")) for s in SENTENCES) >= 25
    assert sum(not s.get("bort") for s in SENTENCES) >= 15  # nothing to remove at all
    for sentence in SENTENCES:
        for item in [*sentence.get("bort", []), *sentence.get("kvar", [])]:
            assert str(item) in sentence["text"], (item, sentence["text"])


@pytest.mark.parametrize("sentence", SENTENCES, ids=lambda s: s["text"][:40])
def test_a_sentence(sentence: dict[str, Any]) -> None:
    result = redacted_text(sentence["text"])
    for item in sentence.get("bort", []):
        assert str(item) not in result, f"{item!r} left in {result!r}"
    for item in sentence.get("kvar", []):
        assert str(item) in result, f"{item!r} removed from {result!r}"
    if not sentence.get("bort"):
        assert result == sentence["text"]
    else:
        assert MARKER in result
