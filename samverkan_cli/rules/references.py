"""Rules about cross-references to bilagor in any text of the agreement or its bilagor.

A reference written `{bilaga:lagesbild}` is numbered by the bilagor list when rendered; a
number typed by hand ("bilaga 3") is checked against what the sentence talks about.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from samverkan_cli.core.problems import Severity
from samverkan_cli.model import BilagaKind
from samverkan_cli.model.crossrefs import BILAGA_REFERENCE
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.source.yaml_document import KeyPath, YamlDocument

_TYPED = re.compile(r"\bbilaga\s+(\d+)\b", re.IGNORECASE)
_TYPED_HINT = re.compile(r"laga\s+\d")
"""What every match of `_TYPED` holds once lowered: a quick test (the case-blind `_TYPED` is
slow on long texts) that leaves only the few texts that may name a number to split."""
_MOST_DIGITS = 6
"""No bilagor list is a million long."""
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

# Words that tell which kind of bilaga a sentence is about.
_KEYWORDS: dict[BilagaKind, tuple[str, ...]] = {
    BilagaKind.SITUATION_PICTURE: ("lägesbild",),
    BilagaKind.ACTION_PLAN: ("åtgärdsplan",),
    BilagaKind.FOLLOW_UP_PLAN: ("uppföljningsplan",),
    BilagaKind.COMMUNICATION_PLAN: ("kommunikationsplan",),
    BilagaKind.CONTACTS: ("kontaktuppgift", "samordnare"),
    BilagaKind.OVERARCHING_AGREEMENT: ("övergripande", "överavtal", "samverkansavtal"),
}


def _strings(document: YamlDocument) -> Iterator[tuple[KeyPath, str]]:
    for path, text in document.texts():
        if path[:1] != ("undantag",):  # a reason for an exception talks about the rule
            yield path, text


def _documents(ctx: RuleContext) -> Iterator[YamlDocument]:
    yield ctx.source
    yield from (loaded.document for loaded in ctx.loaded.bilagor.values())


@rule(
    "SV114",
    title="Hänvisning till okänd bilaga",
    severity=Severity.ERROR,
    explanation=(
        'En hänvisning skrivs {bilaga:id} med ett id ur bilagelistan och blir "bilaga N" '
        "i dokumentet; ett id som inte finns kan inte numreras."
    ),
)
def unknown_reference(ctx: RuleContext) -> Iterator[Finding]:
    entries = ctx.agreement.bilagor.entries if ctx.agreement.bilagor else []
    known = {entry.id for entry in entries}
    for document in _documents(ctx):
        for path, text in _strings(document):
            if "{bilaga:" not in text:
                continue  # no reference can be there (the usual case, found at C speed)
            for match in BILAGA_REFERENCE.finditer(text):
                if match.group(1) not in known:
                    listed = ", ".join(sorted(known)) or "(inga)"
                    yield Finding(
                        document.location(path),
                        f"{match.group(0)} pekar inte på någon bilaga; kända id: {listed}",
                    )


@rule(
    "SV115",
    title="Inskrivet bilagenummer pekar fel",
    severity=Severity.WARNING,
    explanation=(
        'Ett bilagenummer som skrivits för hand ("bilaga 3") ska peka på en bilaga av det '
        "slag meningen talar om. Skriv hellre {bilaga:id}, så följer numret listan."
    ),
)
def typed_reference(ctx: RuleContext) -> Iterator[Finding]:
    entries = ctx.agreement.bilagor.entries if ctx.agreement.bilagor else []
    for document in _documents(ctx):
        for path, text in _strings(document):
            if _TYPED_HINT.search(text.lower()) is None:
                continue  # no sentence can hold a match: nothing to split
            for sentence in _SENTENCE_END.split(text):
                for match in _TYPED.finditer(sentence):
                    message = _typed_problem(match.group(1), sentence, entries)
                    if message:
                        yield Finding(document.location(path), message)


def _typed_problem(written: str, sentence: str, entries: list[Any]) -> str | None:
    """What is wrong with "bilaga <written>" in `sentence`. The digits are text: any number
    longer than `_MOST_DIGITS` is beyond every list, and is never handed to int() (which
    refuses text of more than 4,300 digits)."""
    number = int(written) if len(written) <= _MOST_DIGITS else None
    if number is None or not 1 <= number <= len(entries):
        shown = written if len(written) <= _MOST_DIGITS else f"{written[:_MOST_DIGITS]}…"
        return f"'bilaga {shown}' finns inte; bilagelistan har {len(entries)} bilagor"
    entry = entries[number - 1]
    lowered = sentence.casefold()
    for kind, words in _KEYWORDS.items():
        mentioned = any(word in lowered for word in words)
        right = next((i for i, e in enumerate(entries, 1) if e.kind is kind), None)
        if mentioned and entry.kind is not kind and right is not None:
            return (
                f"'bilaga {number}' är '{entry.title}', men meningen talar om "
                f"{kind.value} (bilaga {right}); skriv {{bilaga:id}}"
            )
    return None
