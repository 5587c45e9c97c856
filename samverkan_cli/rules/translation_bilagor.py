"""A translation's bilagor and organisation chart: every bilaga the Swedish document prints
must be translated under `bilagor:` in the translation file, by the id it has in the bilagor
list, and nothing else may be (`model.translation.translatable_bilagor`); a translation that
gives the chart (`organisationsschema:`) must give every forum the Swedish chart draws, with
as many functions and a meeting line where the Swedish has one, and nothing more.

Like a missing section (SV188), a missing bilaga would publish a translation that seems to
say what the Swedish says while leaving part of it out; so it is an error, and `build`
writes nothing. A bilaga the Swedish does not print (one kept in the diarium, or no bilaga
of that id at all) has nothing to translate and is refused at its key; so is a chart the
Swedish does not draw, or one in a language whose chart words are not known
(`orgchart.chart_words`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from samverkan_cli.core.problems import Severity
from samverkan_cli.model.chart_bounds import chart_is_drawn
from samverkan_cli.model.chart_words import CHART_WORDS
from samverkan_cli.model.translation import (
    BILAGA_WORDS,
    LANGUAGES,
    BilagaKey,
    bilaga_word,
    translatable_bilagor,
)
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.source.bilaga_inspection import FileKind, kind_of
from samverkan_cli.source.loading import LoadedAgreement, LoadedTranslation

RULE_MISSING_BILAGA = "SV196"
RULE_EXTRA_BILAGA = "SV197"


def printed_bilagor(loaded: LoadedAgreement) -> list[BilagaKey]:
    """The bilagor the Swedish document prints under headings of their own: those whose
    YAML content was read, and those kept as .docx or .pdf (placed by the build)."""
    agreement = loaded.agreement
    assert agreement is not None
    entries = agreement.bilagor.entries if agreement.bilagor else []
    files = {
        entry.id
        for entry in entries
        if entry.file and kind_of(entry.file) in (FileKind.DOCX, FileKind.PDF)
    }
    return translatable_bilagor(agreement, set(loaded.bilagor) | files)


def _swedish(key: BilagaKey) -> str:
    return f"'{key.id}' (Bilaga {key.number}. {key.swedish})"


@rule(
    RULE_MISSING_BILAGA,
    title="Översättningen saknar en bilaga eller en del av organisationsschemat",
    severity=Severity.ERROR,
    explanation=(
        "En översättning ska ha varje bilaga som den svenska texten skriver ut (en bilaga "
        "vars innehåll finns i en fil i mappen), under 'bilagor' med bilagans id från "
        "överenskommelsens bilagelista: en översatt 'rubrik' och hela bilagans innehåll som "
        "'text' (Markdown; en tabell som en Markdown-tabell). För språk utan ett givet ord "
        "för 'Bilaga' ("
        + ", ".join(LANGUAGES[c][0] for c in LANGUAGES if c not in BILAGA_WORDS)
        + ") ska översättningen ange det i 'bilaga_ord'. Ger översättningen "
        "organisationsschemat ('organisationsschema'), ska den ha varje forum som det "
        "svenska schemat ritar, under forumets id, med 'rubrik', lika många 'funktioner' "
        "som den svenska och 'möten' där den svenska anger möten."
    ),
)
def missing_bilagor(ctx: RuleContext) -> Iterator[Finding]:
    for code, translation in ctx.loaded.translations.items():
        yield from _missing_chart_parts(ctx, code, translation)
    keys = printed_bilagor(ctx.loaded)
    if not keys:
        return
    for code, translation in ctx.loaded.translations.items():
        document, model = translation.document, translation.model
        missing = [key for key in keys if key.id not in model.bilagor]
        if missing:
            yield Finding(
                document.location(("bilagor",), key=True),
                "översättningen saknar "
                + ("bilagan " if len(missing) == 1 else "bilagorna ")
                + ", ".join(_swedish(key) for key in missing)
                + "; lägg till "
                + ("den" if len(missing) == 1 else "dem")
                + " under 'bilagor' med bilagans id, 'rubrik' och 'text'",
            )
        for key in keys:
            found = model.bilagor.get(key.id)
            if found is not None and found.text is None and not key.is_agreement:
                yield Finding(
                    document.location(("bilagor", key.id), key=True),
                    f"bilagan {_swedish(key)} har innehåll i den svenska texten; översätt "
                    "det i 'text'",
                )
        if code in LANGUAGES and bilaga_word(model, code) is None:
            yield Finding(
                document.location(("språk",)),
                f"ange 'bilaga_ord', ordet för 'Bilaga' på {LANGUAGES[code][0]} (som i "
                f"'Bilaga {keys[0].number}. {keys[0].swedish}')",
            )


@rule(
    RULE_EXTRA_BILAGA,
    title="Översättningen har en bilaga eller ett forum som den svenska texten inte har",
    severity=Severity.ERROR,
    explanation=(
        "Varje nyckel under en översättnings 'bilagor' ska vara id för en bilaga som den "
        "svenska texten skriver ut. En bilaga som förvaras någon annanstans (extern) skrivs "
        "inte ut och har inget att översätta. I 'organisationsschema' ska varje forum "
        "finnas i överenskommelsen, med högst så många funktioner som den svenska och "
        "'möten' bara där den svenska anger möten; ett schema kan bara ges när den svenska "
        "texten har ett och verktyget har schemats ord på språket (engelska). En "
        "översättning får inte säga något som den svenska texten inte säger."
    ),
)
def extra_bilagor(ctx: RuleContext) -> Iterator[Finding]:
    printed = [key.id for key in printed_bilagor(ctx.loaded)]
    listed = [e.id for e in ctx.agreement.bilagor.entries] if ctx.agreement.bilagor else []
    for code, translation in ctx.loaded.translations.items():
        yield from _extra_chart_parts(ctx, code, translation)
        document, model = translation.document, translation.model
        for key in model.bilagor:
            if key in printed:
                continue
            where = document.location(("bilagor", key), key=True)
            if key in listed:
                yield Finding(
                    where,
                    f"bilagan '{key}' skrivs inte ut i den svenska texten (den förvaras "
                    "utanför dokumentet), så den har inget att översätta; ta bort den",
                )
                continue
            close = difflib.get_close_matches(key, printed, n=1, cutoff=0.6)
            nearest = f" (menade du '{close[0]}'?)" if close else ""
            shown = ", ".join(printed) if printed else "inga"
            yield Finding(
                where,
                f"överenskommelsen har ingen bilaga '{key}'{nearest}; bilagorna som skrivs "
                f"ut är: {shown}",
            )


_CHART = "organisationsschema"


def _drawn(ctx: RuleContext, code: str, translation: LoadedTranslation) -> bool:
    """Whether the translation's chart is drawn: given, in a language with chart words,
    and the Swedish draws one (otherwise SV197 refuses it)."""
    return (
        translation.model.chart is not None
        and code in CHART_WORDS
        and chart_is_drawn(ctx.agreement.organisation)
    )


def _functions(forum_members: object) -> list[str]:
    return list(getattr(forum_members, "functions", []) or [])


def _missing_chart_parts(
    ctx: RuleContext, code: str, translation: LoadedTranslation
) -> Iterator[Finding]:
    if not _drawn(ctx, code, translation) or ctx.agreement.organisation is None:
        return
    document, chart = translation.document, translation.model.chart
    assert chart is not None
    forums = ctx.agreement.organisation.forums
    missing = [forum.id for forum in forums if forum.id not in chart.forums]
    if missing:
        yield Finding(
            document.location((_CHART, "forum"), key=True),
            "organisationsschemat saknar "
            + ("forumet " if len(missing) == 1 else "forumen ")
            + ", ".join(f"'{forum_id}'" for forum_id in missing)
            + "; lägg till varje forum under 'forum' med forumets id, 'rubrik', 'funktioner' "
            "och 'möten'",
        )
    for forum in forums:
        given = chart.forums.get(forum.id)
        if given is None:
            continue
        where = document.location((_CHART, "forum", forum.id), key=True)
        swedish = _functions(forum.members)
        if len(given.functions) < len(swedish):
            yield Finding(
                where,
                f"forumet '{forum.id}' har {len(swedish)} funktioner i den svenska texten men "
                f"{len(given.functions)} översatta; översätt varje i 'funktioner', i samma "
                "ordning",
            )
        if forum.meetings is not None and given.meetings is None:
            yield Finding(
                where,
                f"forumet '{forum.id}' har möten i den svenska texten; översätt raden i "
                "'möten', till exempel 'Meetings: twice a year'",
            )


def _extra_chart_parts(
    ctx: RuleContext, code: str, translation: LoadedTranslation
) -> Iterator[Finding]:
    document, chart = translation.document, translation.model.chart
    if chart is None:
        return
    if not chart_is_drawn(ctx.agreement.organisation):
        yield Finding(
            document.location((_CHART,), key=True),
            "den svenska texten har inget organisationsschema, så det finns inget att "
            "översätta; ta bort 'organisationsschema'",
        )
        return
    if code not in CHART_WORDS:
        language = LANGUAGES[code][0] if code in LANGUAGES else code
        yield Finding(
            document.location((_CHART,), key=True),
            f"organisationsschemat kan ännu inte ritas på {language}: verktyget har inte "
            "schemats egna ord (bildens beskrivning) på språket; ta bort "
            "'organisationsschema'",
        )
        return
    organisation = ctx.agreement.organisation
    assert organisation is not None
    by_id = {forum.id: forum for forum in organisation.forums}
    for key, given in chart.forums.items():
        where = document.location((_CHART, "forum", key), key=True)
        forum = by_id.get(key)
        if forum is None:
            close = difflib.get_close_matches(key, list(by_id), n=1, cutoff=0.6)
            nearest = f" (menade du '{close[0]}'?)" if close else ""
            yield Finding(
                where,
                f"organisationen har inget forum '{key}'{nearest}; forumen är: " + ", ".join(by_id),
            )
            continue
        swedish = _functions(forum.members)
        if len(given.functions) > len(swedish):
            yield Finding(
                where,
                f"forumet '{key}' har {len(swedish)} funktioner i den svenska texten men "
                f"{len(given.functions)} översatta",
            )
        if forum.meetings is None and given.meetings is not None:
            yield Finding(
                where,
                f"forumet '{key}' anger inga möten i den svenska texten; ta bort 'möten'",
            )
