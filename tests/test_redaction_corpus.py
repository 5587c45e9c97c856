"""The public version on realistic Swedish prose, both ways: each sentence of the corpora in
tests/redaction_corpus/ (prose.yaml, prose_fresh.yaml) is redacted as a document of its own
with its corpus's people, and what it lists under `bort` must be gone, what it lists under
`kvar` still there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from samverkan_cli.document.tree import Document, Paragraph, Span, plain_text
from samverkan_cli.publish.people import People
from samverkan_cli.publish.redaction import MARKER, RedactionPolicy, redact_document

CORPORA = sorted((Path(__file__).parent / "redaction_corpus").glob("*.yaml"))
DATA: dict[str, dict[str, Any]] = {
    path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in CORPORA
}
CASES: list[tuple[str, dict[str, Any]]] = [
    (name, sentence) for name, data in DATA.items() for sentence in data["meningar"]
]


def corpus_policy(corpus: str) -> RedactionPolicy:
    data = DATA[corpus]
    kept = tuple(data["behåll_namn"])
    people = People(
        removed=tuple(p for p in data["personer"] if p not in kept),
        kept=kept,
        place_words=frozenset(data["platser"]),
    )
    return RedactionPolicy(
        removed_names=people.removed,
        kept_names=people.kept,
        mailboxes=people.mailboxes(),
        place_words=people.place_words,
    )


def redacted_text(text: str, corpus: str = "prose") -> str:
    document = Document((Paragraph((Span(text),)),))
    redacted, _ = redact_document(document, corpus_policy(corpus))
    (paragraph,) = redacted.blocks
    assert isinstance(paragraph, Paragraph)
    return plain_text(paragraph.content)


@pytest.mark.parametrize("corpus", sorted(DATA))
def test_the_corpus_is_large_and_tests_both_ways(corpus: str) -> None:
    sentences = DATA[corpus]["meningar"]
    assert len(sentences) >= 40
    assert sum(bool(s.get("bort")) for s in sentences) >= 25
    assert sum(not s.get("bort") for s in sentences) >= 15  # nothing to remove at all
    for sentence in sentences:
        for item in [*sentence.get("bort", []), *sentence.get("kvar", [])]:
            assert str(item) in sentence["text"], (item, sentence["text"])


@pytest.mark.parametrize(
    ("corpus", "sentence"), CASES, ids=lambda c: c if isinstance(c, str) else c["text"][:40]
)
def test_a_sentence(corpus: str, sentence: dict[str, Any]) -> None:
    result = redacted_text(sentence["text"], corpus)
    for item in sentence.get("bort", []):
        assert str(item) not in result, f"{item!r} left in {result!r}"
    for item in sentence.get("kvar", []):
        assert str(item) in result, f"{item!r} removed from {result!r}"
    if not sentence.get("bort"):
        assert result == sentence["text"]
    else:
        assert MARKER in result
