"""The `avsnitt:` list: every name in it is a known block with data, named once, and every
section the agreement has data for is named in it, so nothing is dropped from the document
because the list forgot it (`model.section_blocks`)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence

from samverkan_cli.core.problems import Severity
from samverkan_cli.model import Agreement
from samverkan_cli.model.section_blocks import BLOCKS, ProseSection, SectionItem
from samverkan_cli.rules.engine import Finding, RuleContext, rule

Path = tuple[str | int, ...]


def _block_names(items: Sequence[SectionItem], path: Path) -> Iterator[tuple[str, Path]]:
    """Every block name in the list and its nested lists, with its YAML path, in order."""
    for index, item in enumerate(items):
        if isinstance(item, ProseSection):
            yield from _block_names(item.sections, (*path, index, "avsnitt"))
        else:
            yield item, (*path, index)


def _named(agreement: Agreement) -> list[tuple[str, Path]]:
    if agreement.sections is None:
        return []
    return list(_block_names(agreement.sections, ("avsnitt",)))


def _has_data(agreement: Agreement, name: str) -> bool:
    block = BLOCKS[name]
    return block.always or getattr(agreement, block.attribute) is not None


def _key_of(name: str) -> str:
    """The YAML key that holds a block's data (`lägesbild`, `underskrifter` …)."""
    field = Agreement.model_fields[BLOCKS[name].attribute]
    return field.alias or name


@rule(
    "SV170",
    title="Okänt avsnitt i avsnittslistan",
    severity=Severity.ERROR,
    explanation=(
        f"Varje namn i 'avsnitt' ska vara ett av de avsnitt som finns ({', '.join(BLOCKS)}). "
        "Ett eget avsnitt skrivs med 'rubrik' och 'text'."
    ),
)
def unknown_sections(ctx: RuleContext) -> Iterator[Finding]:
    known = list(BLOCKS)
    for name, path in _named(ctx.agreement):
        if name in BLOCKS:
            continue
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        guess = f" (menade du '{close[0]}'?)" if close else ""
        yield Finding(
            ctx.at(*path),
            f"okänt avsnitt '{name}'; kända: {', '.join(known)}{guess}. Ett eget avsnitt "
            "skrivs '- rubrik: …' med 'text: …'",
        )


@rule(
    "SV171",
    title="Avsnitt utan innehåll eller nämnt två gånger",
    severity=Severity.ERROR,
    explanation=(
        "Ett avsnitt som står i 'avsnitt' ska ha sitt innehåll i överenskommelsen (till "
        "exempel 'tid:' för avsnittet tid), och varje avsnitt får stå en gång."
    ),
)
def empty_or_repeated_sections(ctx: RuleContext) -> Iterator[Finding]:
    first: dict[str, Path] = {}
    for name, path in _named(ctx.agreement):
        if name not in BLOCKS:
            continue
        if name in first:
            line = ctx.at(*first[name]).line
            yield Finding(
                ctx.at(*path),
                f"avsnittet '{name}' står två gånger i 'avsnitt' (första gången på rad {line}); "
                "ta bort det ena",
            )
            continue
        first[name] = path
        if not _has_data(ctx.agreement, name):
            yield Finding(
                ctx.at(*path),
                f"avsnittet '{name}' står i 'avsnitt' men överenskommelsen har ingen "
                f"'{_key_of(name)}:'; skriv avsnittet eller ta bort namnet",
            )


@rule(
    "SV172",
    title="Avsnitt som saknas i avsnittslistan",
    severity=Severity.ERROR,
    explanation=(
        "När överenskommelsen har en 'avsnitt'-lista ska varje avsnitt den har innehåll för "
        "stå i listan, även parterna (omfattning) och underskrifterna; annars skulle det "
        "tyst falla bort ur dokumentet."
    ),
)
def unlisted_sections(ctx: RuleContext) -> Iterator[Finding]:
    agreement = ctx.agreement
    if agreement.sections is None:
        return
    named = {name for name, _ in _named(agreement)}
    for name, block in BLOCKS.items():
        if name in named or not _has_data(agreement, name):
            continue
        present = getattr(agreement, block.attribute) is not None
        where = ctx.at(_key_of(name), key=True) if present else ctx.at("avsnitt", key=True)
        what = f"'{_key_of(name)}:' finns" if present else f"avsnittet '{name}' skrivs alltid ut"
        yield Finding(
            where,
            f"{what} men står inte i 'avsnitt'; lägg till '- {name}' där avsnittet ska stå",
        )
