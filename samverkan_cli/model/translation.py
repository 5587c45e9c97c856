"""A parallel translation of an agreement (`oversattning.<språkkod>.yaml`), keyed by the
agreement's own sections.

An agreement may be published beside its Swedish text in one of the national minority
languages or in English. The translator does not translate field by field: each section of
the Swedish document (a typed block such as `organisation`, or a prose section) is translated
as a whole, as Markdown, under the same key, and `build` writes the translated document in
the Swedish order and numbering. Which sections there are is decided here
(`translatable_sections`), below the rules and the renderer, so both see the same list.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator, Field

from samverkan_cli.model.agreement import Agreement
from samverkan_cli.model.base import SchemaKeywords, SourceModel, swedish_error
from samverkan_cli.model.bilaga_entries import BilagaEntry, BilagaKind
from samverkan_cli.model.markdown_text import MarkdownText
from samverkan_cli.model.section_blocks import BLOCKS, STOCKHOLM_ORDER, ProseSection, SectionItem

TRANSLATION_PREFIX = "oversattning."
TRANSLATION_SUFFIX = ".yaml"

LANGUAGES: dict[str, tuple[str, str]] = {
    "en": ("engelska", "en-GB"),
    "fi": ("finska", "fi-FI"),
    "fit": ("meänkieli", "fit-SE"),
    "se": ("nordsamiska", "se-SE"),
    "sma": ("sydsamiska", "sma-SE"),
    "smj": ("lulesamiska", "smj-SE"),
    "rom": ("romani chib", "rom-SE"),
    "yi": ("jiddisch", "yi"),
}
"""Language code (in the file name and `språk:`) → its Swedish name and the document
language written into the DOCX (BCP 47): English and the national minority languages
(lag 2009:724): finska, meänkieli, samiska (nord-, syd- och lulesamiska), romani chib and
jiddisch."""


REMOVED_MARKERS: dict[str, str] = {
    "en": "[information removed]",
    "fi": "[tieto poistettu]",
    "fit": "[tieto poistettu]",
    "se": "[dieđut sihkkojuvvon]",
}
"""What the public version of a translation writes where personal data was removed (the
Swedish "[uppgift borttagen]"), by language code. A language without one here
(sydsamiska, lulesamiska, romani chib, jiddisch: no wording verified by a translator) takes
the translation file's `borttagen_uppgift`; SV195 asks for it."""

SWEDISH_REMOVED_MARKER = "[uppgift borttagen]"

BILAGA_WORDS: dict[str, str] = {"en": "Appendix", "fi": "Liite", "fit": "Liite", "se": "Mielddus"}
"""The word before a bilaga's number (the Swedish "Bilaga 1."), by language code; a language
without one here takes the translation file's `bilaga_ord` (SV196 asks for it when the
document has bilagor)."""


def bilaga_word(translation: Translation, code: str) -> str | None:
    """The word before a bilaga's number in the translation `code`, or None if unknown."""
    return translation.bilaga_word or BILAGA_WORDS.get(code)


def removed_marker(translation: Translation, code: str) -> str:
    """The marker for removed personal data in the translation `code`: the file's own
    `borttagen_uppgift`, else the language's default, else the Swedish one (SV195 warns)."""
    given = translation.removed_marker
    return given or REMOVED_MARKERS.get(code, SWEDISH_REMOVED_MARKER)


def translation_code(file_name: str) -> str | None:
    """The language code of `oversattning.<kod>.yaml`, or None for any other file name."""
    if not (file_name.startswith(TRANSLATION_PREFIX) and file_name.endswith(TRANSLATION_SUFFIX)):
        return None
    code = file_name[len(TRANSLATION_PREFIX) : -len(TRANSLATION_SUFFIX)]
    return code if code and "." not in code else None


def known_languages() -> str:
    """The accepted codes as a message lists them: "en (engelska), fi (finska), …"."""
    return ", ".join(f"{code} ({name})" for code, (name, _) in LANGUAGES.items())


MAX_TITLE_CHARS = 255
"""What Word's title property holds (`model.output_capacity`)."""


def _fits_a_property(title: str) -> str:
    if len(title) > MAX_TITLE_CHARS:
        raise swedish_error(
            "titeln har {count} tecken; en titel får ha högst {limit} (DOCX-filens titel)",
            count=len(title),
            limit=MAX_TITLE_CHARS,
        )
    return title


_TITLE = rf"^\s*\S(?:[\s\S]{{0,{MAX_TITLE_CHARS - 2}}}\S)?\s*$"
"""1 to `MAX_TITLE_CHARS` characters once the spaces around are stripped."""


class TranslatedSection(SourceModel):
    """One section in the translation: its heading and its whole text, Markdown."""

    heading: str | None = Field(None, alias="rubrik", min_length=1)
    text: MarkdownText | None = Field(None, alias="text")


class TranslatedBilaga(SourceModel):
    """One bilaga in the translation, under its id in the bilagor list: the heading (the
    list's title, printed as "Appendix 1. Action plan") and everything the Swedish prints
    under it, as one Markdown text; a table (an åtgärdsplan's) as a Markdown table."""

    heading: str = Field(alias="rubrik", min_length=1)
    text: MarkdownText | None = Field(None, alias="text")


class TranslatedForum(SourceModel):
    """One forum's box in the translated organisation chart: its heading, its member
    functions (as many as the Swedish lists, in its order) and its meeting line."""

    heading: str = Field(alias="rubrik", min_length=1)
    functions: list[Annotated[str, Field(min_length=1)]] = Field(
        default_factory=list, alias="funktioner"
    )
    meetings: str | None = Field(None, alias="möten", min_length=1)
    """The whole line, as "Meetings: at least twice a year"."""


class TranslatedChart(SourceModel):
    """The organisation chart in the translation: drawn as the Swedish one, with the
    translated texts of each forum (by forum id) and the figure's caption."""

    caption: str = Field(alias="bildtext", min_length=1)
    """What the Swedish calls "Samverkansorganisationen": the figure's title and the start of
    its alternative text."""
    forums: dict[str, TranslatedForum] = Field(alias="forum")


class Translation(SourceModel):
    """The file `oversattning.<språkkod>.yaml`."""

    language: str = Field(alias="språk", min_length=1)
    title: Annotated[str, AfterValidator(_fits_a_property), SchemaKeywords(pattern=_TITLE)] = Field(
        alias="titel", min_length=1
    )
    """The translated title; like the Swedish, at most what a DOCX title property holds."""
    sections: dict[str, TranslatedSection] = Field(alias="avsnitt")
    signer_titles: dict[str, str | list[str]] = Field(
        default_factory=dict, alias="underskriftstitlar"
    )
    """A party's id (or `förord` for the foreword's signers) → its signatories' titles in the
    translation, in the order the agreement lists them; a title not given is printed as the
    Swedish writes it (a name of office)."""

    def titles_of(self, key: str) -> list[str]:
        """The translated titles given for the party (or the foreword) `key`, in order."""
        found = self.signer_titles.get(key, [])
        return [found] if isinstance(found, str) else list(found)

    place_and_date: str | None = Field(None, alias="ort_och_datum", min_length=1)
    """The label of a signature's blank place and date line ("Place and date:")."""
    page_words: tuple[str, str] | None = Field(None, alias="sidfot")
    """The words around the page number in the DOCX footer, as "Sida" and "av" in
    "Sida 1 av 3"; without them the footer is "1 / 3"."""
    removed_marker: str | None = Field(None, alias="borttagen_uppgift", min_length=1)
    """What the public version (`build --publik`) writes where personal data was removed,
    as "[information removed]"; without it, the language's own (`REMOVED_MARKERS`)."""
    bilagor: dict[str, TranslatedBilaga] = Field(default_factory=dict, alias="bilagor")
    """A bilaga's id → its translation, for every bilaga the Swedish document prints
    (`translatable_bilagor`)."""
    chart: TranslatedChart | None = Field(None, alias="organisationsschema")
    """The organisation chart in the translation; without it the translated document has
    no chart (its organisation section says the same in words)."""
    bilaga_word: str | None = Field(None, alias="bilaga_ord", min_length=1)
    """The word before a bilaga's number ("Appendix" in "Appendix 1. Action plan");
    without it, the language's own (`BILAGA_WORDS`)."""


@dataclass(frozen=True, slots=True)
class SectionKey:
    """A section of the Swedish document that a translation must have: its key in
    `avsnitt:`, whether it has a heading (and so needs a `rubrik`) and whether it is a block
    whose subheadings are numbered like the Swedish forums ("6.1 Styrgrupp")."""

    key: str | None
    heading: bool
    block: bool
    swedish: str = ""
    """The Swedish heading of a prose section (what SV188 names when it has no id)."""


def section_key(name: str | None, prose: ProseSection | None) -> str | None:
    """The key of a section in the translation: the block's name, or a prose section's `id`.
    A prose section without an id has none (SV188 asks for one): keyed by its Swedish
    heading, a translation would lose it whenever the heading's wording is corrected."""
    if prose is not None:
        return prose.id
    return name


def translatable_sections(agreement: Agreement) -> list[SectionKey]:
    """The sections the Swedish document prints, in order, as the translation keys them: the
    same walk as `render.section_plan.section_views` (a block without data or named twice
    is not printed), after the foreword if there is one. The signature block needs a
    translation only when it has text besides the signatures (the copies sentence,
    `fastställd_av`)."""
    items: Sequence[SectionItem] = (
        agreement.sections if agreement.sections is not None else STOCKHOLM_ORDER
    )
    foreword = agreement.foreword
    first = [SectionKey(FOREWORD, foreword.heading is not None, False)] if foreword else []
    return first + list(_keys(agreement, items, set()))


FOREWORD = "förord"
"""The key of the foreword (`förord:`), which stands before the sections."""


def _keys(
    agreement: Agreement, items: Sequence[SectionItem], seen: set[str]
) -> Iterator[SectionKey]:
    for item in items:
        if isinstance(item, ProseSection):
            yield SectionKey(section_key(None, item), True, False, item.heading)
            yield from _keys(agreement, item.sections, seen)
            continue
        block = BLOCKS.get(item)
        if block is None or item in seen:
            continue
        if not block.always and getattr(agreement, block.attribute) is None:
            continue
        seen.add(item)
        if item == "underskrifter" and not (agreement.copies or agreement.adopted_by):
            continue
        heading = block.heading and not (
            item == "organisation"
            and agreement.organisation is not None
            and not agreement.organisation.heading
        )
        yield SectionKey(item, heading=heading, block=True)


@dataclass(frozen=True, slots=True)
class BilagaKey:
    """A bilaga the Swedish document prints, so the translation must have: its id (the key
    in `bilagor:`), number and Swedish title, and whether it is the agreement itself (an
    agreement that lists itself as bilaga 1, whose text is the translated sections)."""

    id: str
    number: int
    swedish: str
    is_agreement: bool


def translatable_bilagor(agreement: Agreement, printed: Collection[str]) -> list[BilagaKey]:
    """The bilagor the Swedish document prints under a heading of their own, in order: those
    in `printed` (content read from a YAML file, or a .docx or .pdf included), or every one
    when the agreement lists itself as a bilaga (then each is a part of the document)."""
    entries = agreement.bilagor.entries if agreement.bilagor else []
    collected = any(_is_agreement(entry) for entry in entries)
    return [
        BilagaKey(entry.id, number, entry.title, _is_agreement(entry))
        for number, entry in enumerate(entries, start=1)
        if collected or entry.id in printed
    ]


def _is_agreement(entry: BilagaEntry) -> bool:
    return entry.kind is BilagaKind.AGREEMENT and entry.file is None
