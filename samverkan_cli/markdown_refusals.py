"""Why a piece of Markdown cannot enter the document, in Swedish, with the form that can.

The document model (`document`) holds headings, paragraphs, lists, tables, links and code.
Anything else markdown-it finds (an image inside a sentence, raw HTML, a code block, a
quotation, a thematic break, a link to `javascript:` or to a relative path) would vanish
from one writer or both, so it is refused instead: `markdown_tree` raises the refusal when it
builds a tree, and the prose rules (`rules.prose`) report every refusal of a YAML text at
its line before anything is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from samverkan_cli.document import LINK_SCHEMES
from samverkan_cli.errors import TemplateProblem

RULE_LINK = "SV154"
RULE_UNSUPPORTED = "SV155"

LINK_EXAMPLE = "[policyn](https://example.se/policy) eller <registrator@example.se>"
SHOWN_CHARS = 60


@dataclass(frozen=True, slots=True)
class Refusal:
    """One construct the document cannot hold: the rule, the Swedish message, the 0-based
    line of the Markdown text it stands on, and a piece of its source to find its column."""

    rule: str
    message: str
    line: int
    needle: str = ""


class UnsupportedMarkdown(TemplateProblem):
    """A tree could not be built without dropping part of the text."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.message)
        self.refusal = refusal


def shown(text: str) -> str:
    """`text` quoted for a message, cut to SHOWN_CHARS on one line."""
    one_line = " ".join(text.split())
    cut = one_line if len(one_line) <= SHOWN_CHARS else one_line[:SHOWN_CHARS] + "…"
    return f"'{cut}'"


def link_refusal(href: str, title: str | None, line: int) -> Refusal | None:
    """Why a link cannot stand in a document, or None: its address is not http(s) with a
    host or mailto with an address, or it has a title that no writer shows."""
    parts = urlsplit(href)
    scheme = parts.scheme.lower()
    usable = scheme in LINK_SCHEMES and (
        bool(parts.netloc) if scheme != "mailto" else bool(parts.path)
    )
    if not usable:
        if not href:
            what = "adressen saknas"
        elif parts.scheme:
            what = f"adressen börjar med '{parts.scheme}:'"
        else:
            what = "adressen är ingen fullständig webbadress"
        return Refusal(
            RULE_LINK,
            f"länken {shown(href)} kan inte stå i dokumentet: {what}; bara adresser "
            f"med http://, https:// eller mailto: är tillåtna, till exempel {LINK_EXAMPLE}",
            line,
            href,
        )
    if title is not None:
        return Refusal(
            RULE_UNSUPPORTED,
            f"länkens titel {shown(title)} kan inte visas i dokumentet; ta bort titeln och "
            f"skriv det i texten, till exempel [policyn (antagen 2024)](https://example.se/policy)",
            line,
            title,
        )
    return None


def image_refusal(source: str, line: int) -> Refusal:
    return Refusal(
        RULE_UNSUPPORTED,
        f"en bild ({shown(source)}); bilder kan inte ingå i texten: ta bort bilden eller "
        f"länka till den, till exempel [kartan](https://example.se/karta.png)",
        line,
        "![",
    )


def html_refusal(html: str, line: int) -> Refusal:
    return Refusal(
        RULE_UNSUPPORTED,
        f"HTML som inte stöds: {shown(html)}; skriv texten med Markdown i stället, till "
        f"exempel **fet**, *kursiv* eller [länk](https://example.se)",
        line,
        html.strip().split("\n")[0],
    )


_BLOCKS = {
    "code_block": (
        "ett indraget kodblock",
        "ta bort indraget i början av raderna, till exempel 'Text' i stället för '    Text'",
    ),
    "fence": (
        "ett kodblock (```)",
        "skriv koden i löptexten mellan bakåtfnuttar, till exempel `kod`",
    ),
    "blockquote": (
        "ett citat (>)",
        "skriv citatet i löptexten inom citattecken, till exempel ”citat”",
    ),
    "hr": ("en skiljelinje (---)", "dela i stället texten med en rubrik, till exempel # Nästa del"),
}


def construct_refusal(kind: str, line: int) -> Refusal:
    """Any other token: a Markdown construct that the document model has no place for."""
    kind = kind.removesuffix("_open")
    what, fix = _BLOCKS.get(kind, ("en konstruktion som dokumentet inte kan visa", ""))
    fix = fix or "skriv den som vanlig text, en lista (- punkt) eller en tabell"
    return Refusal(RULE_UNSUPPORTED, f"Markdown som inte stöds ({kind}): {what}; {fix}", line)


def extra_cells_refusal(extra: list[str], columns: int, line: int) -> Refusal:
    return Refusal(
        RULE_UNSUPPORTED,
        f"tabellraden har fler celler än rubrikraden ({columns}), så {shown(extra[0].strip())} "
        f"skulle försvinna; lägg till en kolumn i rubrikraden, eller skriv \\| för ett "
        f"lodrätt streck inuti en cell, till exempel | Polisen | 114 14 \\| vardagar |",
        line,
        extra[0].strip(),
    )
