"""The translated document: a translation file (`model.translation`) laid out in the Swedish
document's order, levels and heading numbers (`render.section_plan.section_views`), as one
document tree that every writer walks, like the Swedish.

Each section's translated text is Markdown, parsed and placed under the section's heading;
in a typed block, its own top-level headings take the numbers the Swedish gives its parts
("6.1 Styrgrupp" → "6.1 Steering group"). The signature block repeats the Swedish one's
signatories (names as written, titles from `underskriftstitlar` where given) with place and
date in the ISO form, which needs no translation. Each bilaga the Swedish prints follows on
a page of its own, under its translated heading ("Appendix 1. Action plan") with its
translated content. The organisation chart is drawn again in the translation's words when
the translation gives them (`render.translation_chart`); the table of contents is not part
of the translation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from samverkan_cli.core.swedish import iso_date
from samverkan_cli.document.parsing import parse_markdown, shift_headings
from samverkan_cli.document.tree import (
    PAGE_BREAK_MARKER,
    SIGNATURE_ROLE,
    Document,
    DocumentInfo,
    Heading,
    Span,
)
from samverkan_cli.model import Agreement
from samverkan_cli.model.crossrefs import BILAGA_REFERENCE
from samverkan_cli.model.output_capacity import fit_authors, fit_property
from samverkan_cli.model.party import Signatory
from samverkan_cli.model.translation import (
    FOREWORD,
    LANGUAGES,
    BilagaKey,
    Translation,
    bilaga_word,
    section_key,
)
from samverkan_cli.render.agreement_document import (
    bilaga_numbers,
    check_rendered_size,
    output_stem,
)
from samverkan_cli.render.agreement_document import document_info as swedish_info
from samverkan_cli.render.section_plan import SectionView, section_views
from samverkan_cli.render.templates import (
    DATE_BLANK,
    SIGNATURE_LINE,
    bilaga_numbering,
    markdown_escape,
)
from samverkan_cli.render.translation_chart import translated_chart
from samverkan_cli.rules.translation_bilagor import printed_bilagor
from samverkan_cli.source.loading import LoadedAgreement
from samverkan_cli.writers.markdown import write_markdown

_HEADING_START = re.compile(r"#+ ")
PAGE_BREAK = f"<!-- samverkan:{PAGE_BREAK_MARKER} -->"


def translated_document(loaded: LoadedAgreement, code: str) -> Document:
    """The translation `code` of the agreement as a document tree, in the translation's
    language; the rules (SV188–SV190) have made sure it has every section."""
    agreement = loaded.agreement
    assert agreement is not None
    translation = loaded.translations[code].model
    numbers = bilaga_numbers(agreement)
    with bilaga_numbering(numbers):
        parts = [f"# {markdown_escape(translation.title)}"]
        header = swedish_info(agreement).header
        if header:
            parts.append("\\\n".join(markdown_escape(line) for line in header))
        parts += _foreword(agreement, translation, numbers)
        stem = translation_stem(output_stem(agreement), code)
        figure, assets = translated_chart(agreement, translation, code, stem)
        body: list[str] = []
        for view in section_views(agreement):
            body += _section(agreement, translation, view, numbers)
            if view.name == "organisation":
                body.append(figure)  # where the Swedish has its chart
        parts += _with_bilagor(body, printed_bilagor(loaded), translation, code, numbers)
    markdown = "\n\n".join(part for part in parts if part) + "\n"
    check_rendered_size(markdown, loaded)
    document = parse_markdown(markdown, translation_info(agreement, translation, code))
    return Document(document.blocks, document.info, assets)


def translation_info(agreement: Agreement, translation: Translation, code: str) -> DocumentInfo:
    """The Swedish document's properties, with the translation's title and language."""
    swedish = swedish_info(agreement)
    return DocumentInfo(
        title=translation.title,
        subject=fit_property(translation.title),
        authors=fit_authors([p.name for p in agreement.parties]),
        language=LANGUAGES[code][1] if code in LANGUAGES else code,  # SV190 refuses others
        date=swedish.date,
        header=swedish.header,
        page_words=translation.page_words or ("", "/"),
    )


def translation_stem(stem: str, code: str) -> str:
    """`<filnamn>.<språkkod>`: the translation's files beside the Swedish ones."""
    return f"{stem}.{code}"


def _foreword(agreement: Agreement, translation: Translation, numbers: dict[str, int]) -> list[str]:
    found = translation.sections.get(FOREWORD)
    if agreement.foreword is None or found is None:
        return []
    parts = [f"## {markdown_escape(found.heading)}" if found.heading else ""]
    if found.text:
        parts.append(_prose(found.text, 2, numbers, None))
    titles = _titles(translation, FOREWORD, [s.title for s in agreement.foreword.signers])
    parts += [
        f"{markdown_escape(s.name)}\\\n{markdown_escape(title)}"
        for s, title in zip(agreement.foreword.signers, titles, strict=True)
    ]
    return parts


def _section(
    agreement: Agreement, translation: Translation, view: SectionView, numbers: dict[str, int]
) -> list[str]:
    parts: list[str] = []
    key = section_key(view.name, view.prose)
    found = translation.sections.get(key) if key is not None else None
    if found is not None and found.heading and not view.parts_beside:
        parts.append(f"{view.rubrik}{markdown_escape(found.heading)}")
    if found is not None and found.text:
        level = view.level - 1 if view.parts_beside else view.level
        parts.append(_prose(found.text, level, numbers, view if view.name else None))
    if view.name == "underskrifter":
        parts += list(_signatures(agreement, translation))
    return parts


def _prose(text: str, level: int, numbers: dict[str, int], view: SectionView | None) -> str:
    """Translated Markdown under a heading of `level`; in a typed block (`view`), its
    top-level headings numbered as the Swedish numbers the block's parts."""
    text = BILAGA_REFERENCE.sub(lambda m: str(numbers.get(m.group(1), m.group(0))), text)
    document = shift_headings(parse_markdown(text), level)
    if view is not None and view.number is not None:
        document = _numbered(document, level + 1, view)
    return write_markdown(document).rstrip("\n")


def _numbered(document: Document, level: int, view: SectionView) -> Document:
    blocks = list(document.blocks)
    index = 0
    for position, block in enumerate(blocks):
        if isinstance(block, Heading) and block.level == level:
            shown = _HEADING_START.sub("", str(view.under(index)), count=1)
            blocks[position] = Heading(block.level, (Span(shown), *block.content))
            index += 1
    return Document(tuple(blocks), document.info)


def _with_bilagor(
    body: list[str],
    keys: list[BilagaKey],
    translation: Translation,
    code: str,
    numbers: dict[str, int],
) -> list[str]:
    """The translated sections and bilagor in the Swedish document's order: the sections,
    then each printed bilaga on a new page under "Appendix 1. Title"; when the agreement
    lists itself as a bilaga, the sections are that bilaga's content (SV196 and SV197 have
    made sure every bilaga is translated, and its word known)."""
    word = bilaga_word(translation, code) or ""
    parts = [] if any(key.is_agreement for key in keys) else list(body)
    for key in keys:
        found = translation.bilagor[key.id]
        parts += [PAGE_BREAK, f"# {markdown_escape(f'{word} {key.number}. {found.heading}')}"]
        if found.text:
            parts.append(_prose(found.text, 1, numbers, None))
        if key.is_agreement:
            parts += body
    return parts


def _titles(translation: Translation, key: str, swedish: list[str]) -> list[str]:
    """The titles of party (or foreword) `key`'s signatories: translated where given."""
    given = translation.titles_of(key)
    return [given[n] if n < len(given) else title for n, title in enumerate(swedish)]


def _signatures(agreement: Agreement, translation: Translation) -> Iterator[str]:
    """The signature table, two signatories a row, as the Swedish block lays it out."""
    signers = [s for party in agreement.parties for s in party.signatories]
    titles = [
        title
        for party in agreement.parties
        for title in _titles(translation, party.id, [s.title for s in party.signatories])
    ]
    for start in range(0, len(signers), 2):
        pair = signers[start : start + 2]
        pair_titles = titles[start : start + 2]
        rows = [
            [_place_and_date(agreement, translation, s) for s in pair],
            ["---"] * len(pair),
            [SIGNATURE_LINE.replace("_", "\\_")] * len(pair),
        ]
        if any(s.name for s in pair):
            rows.append([markdown_escape(s.name) if s.name else "" for s in pair])
        rows.append([markdown_escape(title) for title in pair_titles])
        table = "\n".join("".join(f"| {cell} " for cell in row) + "|" for row in rows)
        yield f"<!-- samverkan:{SIGNATURE_ROLE} -->\n{table}"


def _place_and_date(agreement: Agreement, translation: Translation, signer: Signatory) -> str:
    signing = agreement.signing
    place = signer.place or (signing.place if signing else None)
    date = signer.date or (signing.date if signing else None)
    shown = iso_date(date) if date else DATE_BLANK
    if place:
        return (
            markdown_escape(f"{place} {shown}") if date else f"{markdown_escape(place)} {_blank()}"
        )
    if date:
        return markdown_escape(shown)
    label = translation.place_and_date
    return f"{markdown_escape(label)} {_blank()}" if label else _blank()


def _blank() -> str:
    return DATE_BLANK.replace("_", "\\_")
