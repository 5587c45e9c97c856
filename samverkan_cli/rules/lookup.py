"""Where the rules find things that may live in the agreement or in a bilaga file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from samverkan_cli.core.problems import Location
from samverkan_cli.model import BilagaEntry, BilagaKind
from samverkan_cli.model.party import Party, Signatory
from samverkan_cli.rules.engine import RuleContext
from samverkan_cli.source.loading import LoadedBilaga


def bilagor_of_kind(
    ctx: RuleContext, kind: BilagaKind
) -> Iterator[tuple[BilagaEntry, LoadedBilaga]]:
    """The listed bilagor of one kind that are kept as files and were read as that kind (a
    file of another kind is reported by SV107, not read as something it is not)."""
    entries = ctx.agreement.bilagor.entries if ctx.agreement.bilagor else []
    for entry in entries:
        loaded = ctx.loaded.bilagor.get(entry.id)
        if entry.kind is kind and loaded is not None and loaded.model.kind == kind.value:
            yield entry, loaded


def lists_kind(ctx: RuleContext, kind: BilagaKind) -> bool:
    entries = ctx.agreement.bilagor.entries if ctx.agreement.bilagor else []
    return any(entry.kind is kind for entry in entries)


def situation_texts(ctx: RuleContext) -> list[str]:
    """Everything the agreement says in its lägesbild: section, sources, prose, areas."""
    texts: list[str] = []
    section = ctx.agreement.situation_picture
    if section is not None:
        texts += section.paragraphs + section.sources
        texts += [f"{a.name} {a.description or ''}" for a in section.priority_areas]
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.SITUATION_PICTURE):
        content = loaded.model
        texts += [content.title, content.text or "", *content.sources]
        texts += [f"{a.name} {a.description or ''}" for a in content.priority_areas]
    return texts


def situation_location(ctx: RuleContext) -> Location:
    """The lägesbild bilaga file if there is one, else the section, else the file start."""
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.SITUATION_PICTURE):
        return loaded.document.location(("typ",))
    if ctx.agreement.situation_picture is not None:
        return ctx.at("lägesbild")
    return ctx.file_start()


def situation_sources(ctx: RuleContext) -> list[str]:
    sources = (
        list(ctx.agreement.situation_picture.sources) if ctx.agreement.situation_picture else []
    )
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.SITUATION_PICTURE):
        sources += loaded.model.sources
    return sources


def priority_areas(ctx: RuleContext) -> Iterator[tuple[Any, Location]]:
    """Every priority area with where it is written."""
    section = ctx.agreement.situation_picture
    if section is not None:
        for index, area in enumerate(section.priority_areas):
            yield area, ctx.at("lägesbild", "prioriterade_områden", index)
    for _, loaded in bilagor_of_kind(ctx, BilagaKind.SITUATION_PICTURE):
        for index, area in enumerate(loaded.model.priority_areas):
            yield area, loaded.document.location(("prioriterade_områden", index))


def mentions(texts: list[str], keywords: list[str]) -> bool:
    """True when any keyword occurs in any text (case-insensitive)."""
    return mentioned_in(folded(texts), keywords)


def folded(texts: list[str]) -> str:
    """The texts as one, case-folded: for `mentioned_in`, to fold a long text (a lägesbild)
    once for all the keywords a profile asks for."""
    return " ".join(texts).casefold()


def mentioned_in(folded_texts: str, keywords: list[str]) -> bool:
    """True when any keyword occurs in `folded(texts)`."""
    return any(keyword.casefold() in folded_texts for keyword in keywords)


def signatories(ctx: RuleContext) -> Iterator[tuple[Party, Signatory, tuple[str | int, ...]]]:
    """Every party's signatories with the path where each is written: `undertecknare:` is one
    mapping or a list, and the location skips the index when the file has a mapping."""
    for p, party in enumerate(ctx.agreement.parties):
        for s, signatory in enumerate(party.signatories):
            yield party, signatory, ("parter", p, "undertecknare", s)
