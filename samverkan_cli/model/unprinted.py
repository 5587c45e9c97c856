"""The one list of fields whose values never appear in a built document, and why.

Every other value an agreement, its bilaga files or its tjänsteutlåtande hold is printed in
the Markdown and the DOCX, or refused with a located problem (tests/test_leaf_invariant.py
checks this for every example and fixture). A value that should be printed but is not is a
bug in a template, never an entry for this list. Fields that refer to something else by id
(`part`, `fokusområde`, `ansvarig` …) are not listed: the thing they name is printed, and an
unknown id is refused at the reference (rules/ids.py).

A pattern is `document:path`. The document is `överenskommelse`, `tjänsteutlåtande` or a
bilaga file's `typ` (`*` for any); the path is the YAML keys, `*` standing for any one key
or list index and a final `**` for everything below.
"""

from __future__ import annotations

from collections.abc import Sequence

UNPRINTED: dict[str, str] = {
    "*:typ": "the kind of a file; it picks the template that prints the rest",
    "överenskommelse:profil": "the rule profile decides which checks run, not what is said",
    "överenskommelse:profil/*": "the rule profiles decide which checks run",
    "överenskommelse:filnamn": "the name of the output files",
    "överenskommelse:undantag/**": "a rule exception is about the checks, with its reason",
    "överenskommelse:parter/*/id": "an id that other fields refer to; the name is printed",
    "överenskommelse:parter/*/typ": "the kind of organisation, which only the profiles use",
    "överenskommelse:bilagor/lista/*/id": "an id for {bilaga:id}; printed as 'bilaga N'",
    "överenskommelse:bilagor/lista/*/typ": "the kind of bilaga, which the checks use",
    "överenskommelse:bilagor/lista/*/fil": "where the bilaga's content is read from",
    "överenskommelse:organisation/forum/*/id": "an id that plans refer to; the heading is printed",
    "överenskommelse:organisation/forum/*/roll": "the kind of forum, which the profiles use",
    "överenskommelse:organisation/processer/*/id": "an id for the calendar; the name is printed",
    "överenskommelse:lägesbild/prioriterade_områden/*/id": "an id; the name is printed",
    "överenskommelse:fokusområden/*/id": "an id that promises refer to; the name is printed",
    "överenskommelse:dokumenttyp": "the kind of document, which decides checks and wording",
    "överenskommelse:innehållsförteckning/djup": "how many heading levels the contents list:"
    " it shows in which headings are listed, not as a value (model/contents_setting.py)",
    "överenskommelse:huvudavtal/överenskommelse": "a folder the repository checks (SV180)",
    "överenskommelse:ersätter/överenskommelse": "a folder in the repository; the title is printed",
    "lägesbild:prioriterade_områden/*/id": "an id that other bilagor refer to; the name is printed",
    "åtgärdsplan:planer/*/id": "an id for the calendar and diff; the plan's name is printed",
    "uppföljningsplan:uppföljning/*/avser": "what a row follows up; its default heading only",
    "översättning:språk": "the translation's language: the file name's code and the DOCX's"
    " language property (en-GB …), checked against the file name (SV190)",
    "översättning:sidfot/*": "the words around the page number in the DOCX footer, which the"
    " Markdown has no place for",
    "översättning:borttagen_uppgift": "the marker the public version writes where personal"
    " data was removed; only a public version (build --publik) holds it",
    "översättning:organisationsschema/forum/*/**": "drawn in the translation's organisation"
    " chart (its PNG and SVG, the SVG's description too), which the document's text does not"
    " hold; tests/test_translation_chart.py checks that each value reaches the SVG",
    **{
        f"överenskommelse:avsnitt{'/*/avsnitt' * depth}/*": "a block's name: its section is"
        " printed in this place, under its own heading (model/section_blocks.py)"
        for depth in range(5)
    },
    **{
        f"överenskommelse:avsnitt{'/*/avsnitt' * depth}/*/id": "a prose section's id, which"
        " `samverkan diff` pairs sections by; the heading is printed"
        for depth in range(5)
    },
}


def _matches(pattern: Sequence[str], path: Sequence[str | int]) -> bool:
    if pattern and pattern[-1] == "**":
        head = pattern[:-1]
        return len(path) >= len(head) and _matches(head, path[: len(head)])
    if len(pattern) != len(path):
        return False
    return all(p == "*" or p == str(element) for p, element in zip(pattern, path, strict=True))


def is_unprinted(document: str, path: Sequence[str | int]) -> bool:
    """True when the value at `path` in a file of kind `document` is never printed."""
    for entry in UNPRINTED:
        kind, _, keys = entry.partition(":")
        if kind in ("*", document) and _matches(keys.split("/"), path):
            return True
    return False
