"""A parallel translation (`oversattning.<språkkod>.yaml`) must translate the document it
stands beside: every section, nothing more, in a language the tool knows (`model.translation`).

A translation that lacks a section would be published as if it said what the Swedish says
while leaving part of it out; so a missing section is an error at the translation file, and
`build` writes nothing. A translated section the document does not have (a typo, a section
removed from the Swedish since) is refused too, with the nearest key.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from samverkan_cli.core.problems import Severity
from samverkan_cli.model.translation import (
    FOREWORD,
    LANGUAGES,
    REMOVED_MARKERS,
    SWEDISH_REMOVED_MARKER,
    known_languages,
    translatable_sections,
)
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.source.loading import LoadedTranslation

RULE_MISSING_SECTION = "SV188"
RULE_EXTRA_SECTION = "SV189"
RULE_UNKNOWN_LANGUAGE = "SV190"
RULE_REMOVED_MARKER = "SV195"


def _translations(ctx: RuleContext) -> Iterator[tuple[str, LoadedTranslation]]:
    yield from ctx.loaded.translations.items()


@rule(
    RULE_MISSING_SECTION,
    title="Översättningen saknar ett avsnitt",
    severity=Severity.ERROR,
    explanation=(
        "En översättning (oversattning.<språkkod>.yaml) ska ha varje avsnitt som "
        "överenskommelsen har, under 'avsnitt' med samma nyckel: avsnittets namn (till "
        "exempel organisation eller tid) eller ett eget avsnitts 'id' (ett eget avsnitt "
        "utan id kan inte översättas). Ett avsnitt med rubrik ska ha en översatt 'rubrik'. "
        "Annars skulle "
        "översättningen publiceras som om den sade samma sak som den svenska texten."
    ),
)
def missing_sections(ctx: RuleContext) -> Iterator[Finding]:
    sections = translatable_sections(ctx.agreement)
    for _, translation in _translations(ctx):
        document, model = translation.document, translation.model
        for section in sections:
            if section.key is None:
                yield Finding(
                    document.location(("avsnitt",), key=True),
                    f"avsnittet '{section.swedish}' har inget id och kan inte översättas; ge "
                    "det ett 'id' i överenskommelsen och översätt det under sitt id",
                )
                continue
            found = model.sections.get(section.key)
            if found is None:
                yield Finding(
                    document.location(("avsnitt",), key=True),
                    f"översättningen saknar avsnittet '{section.key}'; lägg till det under "
                    f"'avsnitt' med 'rubrik' och 'text'",
                )
            elif section.heading and found.heading is None:
                yield Finding(
                    document.location(("avsnitt", section.key), key=True),
                    f"avsnittet '{section.key}' har en rubrik i överenskommelsen; översätt "
                    "den i 'rubrik'",
                )


@rule(
    RULE_EXTRA_SECTION,
    title="Översättningen har ett avsnitt som överenskommelsen inte har",
    severity=Severity.ERROR,
    explanation=(
        "Varje nyckel under en översättnings 'avsnitt' ska vara ett avsnitt som "
        "överenskommelsen skriver ut, och varje nyckel under 'underskriftstitlar' en part "
        "(dess id) eller förord, med högst så många titlar som den har undertecknare. En "
        "översättning får inte säga något som den svenska texten inte säger."
    ),
)
def extra_sections(ctx: RuleContext) -> Iterator[Finding]:
    keys = [s.key for s in translatable_sections(ctx.agreement) if s.key is not None]
    signers = {p.id: len(p.signatories) for p in ctx.agreement.parties}
    if ctx.agreement.foreword is not None:
        signers[FOREWORD] = len(ctx.agreement.foreword.signers)
    for _, translation in _translations(ctx):
        document, model = translation.document, translation.model
        for key in model.sections:
            if key in keys:
                continue
            yield Finding(
                document.location(("avsnitt", key), key=True),
                f"överenskommelsen har inget avsnitt '{key}'{_nearest(key, keys)}; "
                f"avsnitten är: {', '.join(keys)}",
            )
        for key in model.signer_titles:
            where = document.location(("underskriftstitlar", key), key=True)
            if key not in signers:
                known = list(signers)
                yield Finding(
                    where,
                    f"överenskommelsen har ingen part '{key}'{_nearest(key, known)}; "
                    f"nycklarna är parternas id och förord: {', '.join(known)}",
                )
            elif len(model.titles_of(key)) > signers[key]:
                yield Finding(
                    where,
                    f"'{key}' har {signers[key]} undertecknare men "
                    f"{len(model.titles_of(key))} översatta titlar",
                )


def _nearest(key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return f" (menade du '{close[0]}'?)" if close else ""


@rule(
    RULE_UNKNOWN_LANGUAGE,
    title="Okänt språk för en översättning",
    severity=Severity.ERROR,
    explanation=(
        "En översättning heter oversattning.<språkkod>.yaml, och 'språk' i filen är samma "
        f"kod. Koderna är: {known_languages()} (engelska och de nationella minoritetsspråken)."
    ),
)
def unknown_language(ctx: RuleContext) -> Iterator[Finding]:
    for code, translation in _translations(ctx):
        document, model = translation.document, translation.model
        if code not in LANGUAGES:
            yield Finding(
                document.location(()),
                f"okänd språkkod '{code}' i filnamnet; kända: {known_languages()}",
            )
        elif model.language != code:
            yield Finding(
                document.location(("språk",)),
                f"'språk' är '{model.language}' men filen heter oversattning.{code}.yaml; "
                "skriv samma språkkod i båda",
            )


@rule(
    RULE_REMOVED_MARKER,
    title="Översättningen saknar markering för borttagna uppgifter",
    severity=Severity.WARNING,
    explanation=(
        "Den publika versionen (build --publik) av en översättning skriver en markering på "
        "översättningens språk där personuppgifter tagits bort, till exempel "
        f"'{REMOVED_MARKERS['en']}' på engelska. För språk utan en given markering ("
        + ", ".join(LANGUAGES[c][0] for c in LANGUAGES if c not in REMOVED_MARKERS)
        + ") ska översättningen ange den i 'borttagen_uppgift'; annars står den svenska "
        f"'{SWEDISH_REMOVED_MARKER}' mitt i den översatta texten."
    ),
)
def removed_marker_language(ctx: RuleContext) -> Iterator[Finding]:
    for code, translation in _translations(ctx):
        document, model = translation.document, translation.model
        if code in LANGUAGES and code not in REMOVED_MARKERS and model.removed_marker is None:
            yield Finding(
                document.location(("språk",)),
                f"ange 'borttagen_uppgift' på {LANGUAGES[code][0]} (det som står där den publika "
                f"versionen tagit bort en personuppgift); annars skrivs den svenska "
                f"'{SWEDISH_REMOVED_MARKER}'",
            )
