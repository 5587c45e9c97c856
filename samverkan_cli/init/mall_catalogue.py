"""The mallar `samverkan init` starts from, and where their files are.

A mall is the built-in skeleton or a shipped example; `init --från` that names a shipped
example applies its mall instead of copying it. This module knows which mallar there are,
what each is called, and how to recognise an example.
"""

from __future__ import annotations

import re
import unicodedata
from importlib.resources import files
from pathlib import Path

from samverkan_cli.core.errors import UsageError
from samverkan_cli.source.repository import AGREEMENT_FILE, AGREEMENTS_DIR

MALLAR: dict[str, str | None] = {
    "stadsdel": None,
    "kommun": "exempel-kommun",
    "flera-kommuner": "exempel-tre-kommuner",
    "medborgarlöfte": "exempel-medborgarlofte",
    "huvudavtal": "exempel-huvudavtal",
    "underavtal": "exempel-underavtal",
    "egna-avsnitt": "exempel-numrerade-avsnitt",
    "region": "exempel-region",
}
"""The shapes `init --mall` starts from: the built-in skeleton (a stadsdelsförvaltning under
stockholm-lokal-2023), or one of the shipped examples with every value of its own made a
placeholder: a kommun with a lokalt BRÅ and a one-year medborgarlöfte, and one LPO with
three kommuner and an activity matrix, both under bra-samverkan and lag-2023-196; or a
medborgarlöfte as a document of its own, one year's promises signed by the kommun and the
lokalpolisområde, under bra-samverkan alone (the law's lägesbild and åtgärdsplan belong to
the kommun's agreement, not to the promises); or a linked pair, a four-year huvudavtal and a
yearly underavtal that names it (its `huvudavtal.överenskommelse` is kept, marked to be
checked: it must name the user's own huvudavtal folder, which SV180 verifies); or a kommun's
agreement whose sections stand in the parties' own order (`avsnitt`, with sections of their
own, syfte and mål, numbered headings); or a region-level agreement between a region, a
statlig myndighet and a polisregion that signs within Polismyndigheten (`juridisk_part`),
under bra-samverkan alone."""

MALL_DESCRIPTIONS: dict[str, str] = {
    "stadsdel": "en stadsdelsförvaltning i Stockholm och ett lokalpolisområde "
    "(profilen stockholm-lokal-2023)",
    "kommun": "en kommun med lokalt BRÅ och ett lokalpolisområde "
    "(profilerna bra-samverkan och lag-2023-196)",
    "flera-kommuner": "ett lokalpolisområde och flera kommuner, med aktivitetsmatris och "
    "årlig handlingsplan",
    "medborgarlöfte": "ett eget dokument med ett års medborgarlöften från kommunen och Polisen",
    "huvudavtal": "ett huvudavtal för flera år mellan en kommun och ett lokalpolisområde, med "
    "organisation och fokusområden (underavtalen för varje år görs med mallen underavtal)",
    "underavtal": "ett årligt underavtal till ett huvudavtal i repositoriet, med årets "
    "prioriterade problem och insatser",
    "egna-avsnitt": "en kommun och ett lokalpolisområde, med avsnitten i parternas egen "
    "ordning, egna avsnitt, syfte och mål samt numrerade rubriker",
    "region": "en region, en statlig myndighet (länsstyrelsen) och en polisregion som "
    "skriver under inom Polismyndigheten (profilen bra-samverkan)",
}
"""One line of Swedish for each mall, shown when `init` asks which to use."""

MALL_FOR_PARTY_KIND: dict[str, str] = {
    "stadsdelsförvaltning": "stadsdel",
    "stadsdelsnämnd": "stadsdel",
    "kommun": "kommun",
    "flera-kommuner": "flera-kommuner",
}
"""The mall for `init --part KIND`: the kind of the party that is not the police."""

DEFAULT_MALL = "stadsdel"

MALL_OUTPUT_NAMES = {
    "medborgarlöfte": "medborgarlofte",
    "huvudavtal": "huvudavtal",
    "underavtal": "underavtal",
    "region": "regional-samverkansoverenskommelse",
}
"""The start of `filnamn` for a mall whose document is not a samverkansöverenskommelse."""


def mall_folder(mall: str) -> Path | None:
    """The example a mall copies: shipped in the wheel, or in the source tree's agreements/."""
    example = MALLAR[mall]
    if example is None:
        return None
    shipped = Path(str(files("samverkan_cli"))) / "mallar" / example
    source_tree = Path(__file__).resolve().parent.parent.parent / AGREEMENTS_DIR / example
    for folder in (shipped, source_tree):
        if (folder / AGREEMENT_FILE).is_file():
            return folder
    raise UsageError(f"mallen '{mall}' saknas i installationen")


EXAMPLE_MARKER = "# EXEMPEL"
"""How a shipped example's files begin (after the schema comment): its comments say that
everything in it is invented."""
MALL_MARKER = "# Skapad från mallen"
"""How `init --mall` marks a folder made from an example: it is the user's, not an example."""


def example_mall(folder: Path, contents: dict[Path, bytes]) -> str | None:
    """The mall to apply when `init --från` names a shipped example: one of the MALLAR
    folders (by name or place), or any agreement whose first comments begin
    `# EXEMPEL` and that `init` did not itself make from a mall. None for the user's own."""
    leading = _leading_comments(contents.get(Path(AGREEMENT_FILE), b""))
    if any(line.startswith(MALL_MARKER) for line in leading):
        return None
    name = unicodedata.normalize("NFC", folder.name)
    for mall, example in MALLAR.items():
        if example is None:
            continue
        shipped = mall_folder(mall)
        if name == example or (shipped is not None and shipped.resolve() == folder.resolve()):
            return mall
    if any(line.startswith(EXAMPLE_MARKER) for line in leading):
        return _mall_by_output_name(contents)
    return None


def _leading_comments(content: bytes) -> list[str]:
    """The comment lines before the first line of data."""
    lines: list[str] = []
    for line in content.decode("utf-8", errors="replace").removeprefix("\ufeff").splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            break
        lines.append(stripped)
    return lines


def _mall_by_output_name(contents: dict[Path, bytes]) -> str:
    """The mall an example copied under another name is most like: a medborgarlöfte by its
    output name, a huvudavtal or underavtal by its `dokumenttyp`, a region's by a party of
    kind region, sections in their own order by `avsnitt`, several kommuner by their parties,
    else a kommun's (the mall's edits do not depend on it; only the comment and the output
    name's start do)."""
    text = contents.get(Path(AGREEMENT_FILE), b"").decode("utf-8", errors="replace")
    if re.search(r"(?m)^filnamn:\s*medborgarl", text):
        return "medborgarlöfte"
    for kind in ("huvudavtal", "underavtal"):
        if re.search(rf"(?m)^dokumenttyp:\s*{kind}\s*$", text):
            return kind
    if re.search(r"(?m)^\s+(?:-\s+)?typ:\s*region\s*$", text):
        return "region"
    if re.search(r"(?m)^avsnitt:", text):
        return "egna-avsnitt"
    if len(re.findall(r"(?m)^\s+(?:-\s+)?typ:\s*kommun\s*$", text)) > 1:
        return "flera-kommuner"
    return "kommun"


__all__ = [
    "DEFAULT_MALL",
    "MALLAR",
    "MALL_DESCRIPTIONS",
    "MALL_FOR_PARTY_KIND",
    "MALL_OUTPUT_NAMES",
    "example_mall",
    "mall_folder",
]
