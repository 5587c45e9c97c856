"""Rules about what the outputs can hold, so that `validate` passing means `build` can write.

A title goes into the DOCX's document properties, which hold 255 characters (SV150); the
outputs are named from `filnamn`, which must leave room for the longest suffix (SV151); and
every name the repository or the build puts on disk (the agreement's folder, its bilaga
files, its outputs) must also work on Windows, where `CON` or `nul.md` is a device (SV152).
See `model.output_capacity` and `core.portable_names` for the numbers and where they come from.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import PurePosixPath

from samverkan_cli.core.portable_names import name_bytes, unportable_reason
from samverkan_cli.core.problems import Location, Problem, Severity
from samverkan_cli.model import Agreement
from samverkan_cli.model.output_capacity import MAX_PROPERTY_CHARS, MAX_STEM_BYTES, title_stem
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.source.loading import LoadedAgreement
from samverkan_cli.source.yaml_document import YamlDocument

RULE_TITLE_LENGTH = "SV150"
RULE_OUTPUT_NAME_LENGTH = "SV151"
RULE_UNPORTABLE_NAME = "SV152"


@rule(
    RULE_TITLE_LENGTH,
    title="Titeln är för lång för dokumentets egenskaper",
    severity=Severity.ERROR,
    explanation=(
        f"Titeln skrivs in i DOCX-filens dokumentegenskaper, som rymmer högst "
        f"{MAX_PROPERTY_CHARS} tecken; det gäller överenskommelsens 'titel' och "
        "tjänsteutlåtandets 'rubrik'. Skriv en kortare titel och resten i texten."
    ),
)
def title_length(ctx: RuleContext) -> Iterator[Finding]:
    titles: list[tuple[Location, str, str]] = [(ctx.at("titel"), "titeln", ctx.agreement.title)]
    report, source = ctx.loaded.report, ctx.loaded.report_source
    if report is not None and source is not None:
        titles.append((source.location(("rubrik",)), "rubriken", report.title))
    for location, what, title in titles:
        if len(title) > MAX_PROPERTY_CHARS:
            yield Finding(
                location,
                f"{what} har {len(title)} tecken; dokumentets egenskaper rymmer högst "
                f"{MAX_PROPERTY_CHARS}",
            )


@rule(
    RULE_OUTPUT_NAME_LENGTH,
    title="Filnamnet är för långt",
    severity=Severity.ERROR,
    explanation=(
        f"Utdatafilerna heter 'filnamn' och en ändelse (den längsta är "
        f"'-tjansteutlatande-publik-utkast.docx'); 'filnamn' får vara högst {MAX_STEM_BYTES} "
        "tecken, "
        "så att varje fil ryms i de 255 byte ett filsystem tillåter. Ett filnamn som bildas "
        "av titeln kortas av."
    ),
)
def output_name_length(ctx: RuleContext) -> Iterator[Finding]:
    yield from _output_name_length(ctx.agreement, ctx.source)


def _output_name_length(agreement: Agreement, source: YamlDocument) -> Iterator[Finding]:
    name = agreement.output_name
    if name is not None and name_bytes(name) > MAX_STEM_BYTES:
        yield Finding(
            source.location(("filnamn",)),
            f"filnamnet har {name_bytes(name)} tecken; högst {MAX_STEM_BYTES} går att använda",
        )


@rule(
    RULE_UNPORTABLE_NAME,
    title="Namnet fungerar inte i Windows",
    severity=Severity.ERROR,
    explanation=(
        "Repositoriet och dokumenten öppnas också i Windows. Där är CON, PRN, AUX, NUL, "
        "COM0–COM9 och LPT0–LPT9 enheter, med vilken ändelse och i vilket skiftläge som "
        "helst (nul.yaml, Con.md), punkter och mellanslag sist i ett namn tas bort och "
        'tecknen < > : " | ? * \\ är inte tillåtna. Det gäller överenskommelsens mapp, '
        "bilagornas filer och utdatafilernas namn ('filnamn' eller titeln)."
    ),
)
def unportable_names(ctx: RuleContext) -> Iterator[Finding]:
    folder = unicodedata.normalize("NFC", ctx.folder.name)
    reason = unportable_reason(folder)
    if reason is not None:
        yield Finding(ctx.file_start(), f"mappen '{folder}': {reason}; byt namn på mappen")
    agreement = ctx.agreement
    yield from _unportable_output_name(agreement, ctx.source)
    entries = agreement.bilagor.entries if agreement.bilagor else []
    for index, entry in enumerate(entries):
        if entry.file is None or "\\" in entry.file:
            continue  # a backslash between folders: SV106 says to write '/'
        for part in PurePosixPath(entry.file).parts:
            reason = unportable_reason(part)
            if reason is not None:
                yield Finding(
                    ctx.at("bilagor", "lista", index, "fil"),
                    f"filen '{entry.file}': '{part}': {reason}",
                )
                break


def _unportable_output_name(agreement: Agreement, source: YamlDocument) -> Iterator[Finding]:
    if agreement.output_name is not None:
        reason = unportable_reason(agreement.output_name)
        if reason is not None:
            yield Finding(
                source.location(("filnamn",)), f"filnamnet '{agreement.output_name}': {reason}"
            )
        return
    stem = title_stem(agreement.title)
    reason = unportable_reason(stem)
    if reason is not None:
        yield Finding(
            source.location(("titel",)),
            f"filnamnet '{stem}' som bildas av titeln: {reason}; ange ett annat 'filnamn'",
        )


def output_name_problems(loaded: LoadedAgreement) -> list[Problem]:
    """SV151 and SV152 for the outputs' name alone, for commands that write files named
    after the agreement without checking it all (`kalender`)."""
    agreement, source = loaded.agreement, loaded.source
    if agreement is None or source is None:
        return []
    found = [
        *(
            Problem(f.location, RULE_OUTPUT_NAME_LENGTH, Severity.ERROR, f.message)
            for f in _output_name_length(agreement, source)
        ),
        *(
            Problem(f.location, RULE_UNPORTABLE_NAME, Severity.ERROR, f.message)
            for f in _unportable_output_name(agreement, source)
        ),
    ]
    return found
