"""`build --utkast`: a document with placeholders left is built only as a draft.

Placeholders (SV135: «…» text, `FYLL I`, 000000-0000) are warnings while an agreement is
being written, and `validate` passes with them; but a built document is what gets signed
and published, so `build` refuses them unless asked for a draft. A draft says so on every
page: its first line is UTKAST (the Markdown starts with it), every DOCX page header
starts with UTKAST, and every file name ends in `-utkast` (`<filnamn>-utkast.md`,
`<filnamn>-publik-utkast.docx`, `<filnamn>-tjansteutlatande-utkast.pdf`), so a draft is
never mistaken for, or written over, the real document.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from pathlib import Path

import yaml

from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.document.tree import (
    Block,
    BulletList,
    Document,
    Figure,
    ListItem,
    OrderedList,
    Paragraph,
    Span,
)
from samverkan_cli.rules.placeholders import RULE_PLACEHOLDER
from samverkan_cli.source.repository import AGREEMENT_FILE, REPORT_FILE

DRAFT_SUFFIX = "-utkast"
DRAFT_WORD = "UTKAST"
DRAFT_NOTE = (
    " – dokumentet har platshållare som inte är ifyllda och är inte färdigt att undertecknas."
)


def placeholder_refusal(problems: list[Problem], folder: Path) -> list[Problem]:
    """An error for a build that is not a draft while placeholders are left: at the first
    placeholder in reading order (the agreement, its bilagor as listed, the
    tjänsteutlåtande), saying how many are left in how many files and naming `--utkast`.
    Nothing when none is left."""
    left = [p for p in problems if p.rule == RULE_PLACEHOLDER]
    if not left:
        return []
    name = unicodedata.normalize("NFC", folder.name)
    rank = _file_ranks(folder)
    first = min(left, key=lambda p: (_rank(rank, p.location.file), p.location))
    files = len({_identity(p.location.file) for p in left})
    in_files = "i 1 fil" if files == 1 else f"i {files} filer"
    message = (
        f"{len(left)} platshållare {in_files} är kvar att fylla i (se varningarna "
        f"{RULE_PLACEHOLDER}; den första står här); fyll i dem och bygg igen, eller bygg ett "
        f"utkast: samverkan build {name} --utkast (filerna får ändelsen {DRAFT_SUFFIX} och "
        f"varje sida märks {DRAFT_WORD})"
    )
    return [Problem(first.location, RULE_PLACEHOLDER, Severity.ERROR, message)]


def _identity(file: str) -> str:
    """A file named in a location, as one key however it was written."""
    try:
        return str(Path(file).resolve())
    except (OSError, RuntimeError):
        return file


def _file_ranks(folder: Path) -> dict[str, int]:
    """The reading order of an agreement's files: the agreement, each bilaga file in the
    order of `bilagor.lista`, the tjänsteutlåtande."""
    files = [folder / AGREEMENT_FILE]
    try:
        data = yaml.safe_load((folder / AGREEMENT_FILE).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        data = None
    bilagor = data.get("bilagor") if isinstance(data, dict) else None
    listed = bilagor.get("lista") if isinstance(bilagor, dict) else None
    for entry in listed if isinstance(listed, list) else []:
        file = entry.get("fil") if isinstance(entry, dict) else None
        if isinstance(file, str):
            files.append(folder / file)
    files.append(folder / REPORT_FILE)
    ranks: dict[str, int] = {}
    for position, path in enumerate(files):
        ranks.setdefault(_identity(str(path)), position)
    return ranks


def _rank(ranks: dict[str, int], file: str) -> int:
    return ranks.get(_identity(file), len(ranks))


def as_draft(document: Document) -> Document:
    """The document marked as a draft: UTKAST first and in every page's header, and its
    pictures' files named `-utkast` too."""
    line = Paragraph((Span(DRAFT_WORD, strong=True), Span(DRAFT_NOTE)))
    names = {name: draft_name(name) for name, _ in document.assets}
    blocks = tuple(_renamed(block, names) for block in document.blocks)
    return replace(
        document,
        blocks=(line, *blocks),
        info=replace(document.info, draft=True),
        assets=tuple((names[name], data) for name, data in document.assets),
    )


def draft_name(file_name: str) -> str:
    """`organisation.png` → `organisation-utkast.png`."""
    path = Path(file_name)
    return path.with_name(f"{path.stem}{DRAFT_SUFFIX}{path.suffix}").as_posix()


def _renamed(block: Block, names: dict[str, str]) -> Block:
    """`block` with its pictures' sources renamed (in lists too)."""
    if isinstance(block, Figure) and block.source in names:
        return replace(block, source=names[block.source])
    if isinstance(block, BulletList | OrderedList):
        items = tuple(
            ListItem(tuple(_renamed(inner, names) for inner in item.blocks)) for item in block.items
        )
        return replace(block, items=items)
    return block


def drafts(documents: dict[str, Document]) -> dict[str, Document]:
    """Every document as a draft, its name ending in `-utkast`."""
    return {f"{name}{DRAFT_SUFFIX}": as_draft(doc) for name, doc in documents.items()}


__all__ = [
    "DRAFT_SUFFIX",
    "DRAFT_WORD",
    "as_draft",
    "draft_name",
    "drafts",
    "placeholder_refusal",
]
