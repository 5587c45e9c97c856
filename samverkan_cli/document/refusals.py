"""Why a piece of Markdown cannot enter the document, in Swedish, with the form that can.

The document model (`document`) holds headings, paragraphs, lists, tables, links and code.
Anything else markdown-it finds (an image inside a sentence, raw HTML, a code block, a
quotation, a thematic break, a link to `javascript:` or to a relative path) would vanish
from one writer or both, so it is refused instead: `document.parsing` raises the refusal when it
builds a tree, and the prose rules (`rules.prose`) report every refusal of a YAML text at
its line before anything is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from samverkan_cli.core.errors import TemplateProblem
from samverkan_cli.document.tree import LINK_SCHEMES

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
    known = kind not in _BLOCKS and kind.removesuffix("_close") in TOKEN_NAMES
    shown_name = f" ({token_name(kind)})" if known else ""
    return Refusal(RULE_UNSUPPORTED, f"Markdown som inte stöds{shown_name}: {what}; {fix}", line)


TOKEN_NAMES = {
    "code_block": "indraget kodblock",
    "fence": "kodblock",
    "blockquote": "citat",
    "hr": "skiljelinje",
    "html_block": "HTML-block",
    "html_inline": "HTML",
    "image": "bild",
    "heading": "rubrik",
    "lheading": "understruken rubrik",
    "paragraph": "stycke",
    "bullet_list": "punktlista",
    "ordered_list": "numrerad lista",
    "list_item": "listpunkt",
    "table": "tabell",
    "thead": "tabellhuvud",
    "tbody": "tabellkropp",
    "tr": "tabellrad",
    "th": "rubrikcell",
    "td": "tabellcell",
    "s": "genomstruken text",
    "em": "kursiv text",
    "strong": "fet text",
    "link": "länk",
    "code_inline": "kod i löptexten",
    "softbreak": "radbrytning",
    "hardbreak": "tvingad radbrytning",
    "text": "text",
    "inline": "text",
    "reference": "länkreferens",
    "footnote": "fotnot",
}
"""markdown-it's token names in Swedish: a refusal never shows an English name such as
`code_block` (a name missing here is left out of the message)."""


def token_name(kind: str) -> str:
    """The Swedish name of a markdown-it token type (`bullet_list_open` → punktlista), or
    the description of an unknown one."""
    base = kind.removesuffix("_open").removesuffix("_close")
    return TOKEN_NAMES.get(base, "en konstruktion som dokumentet inte kan visa")


def extra_cells_refusal(extra: list[str], columns: int, line: int) -> Refusal:
    return Refusal(
        RULE_UNSUPPORTED,
        f"tabellraden har fler celler än rubrikraden ({columns}), så {shown(extra[0].strip())} "
        f"skulle försvinna; lägg till en kolumn i rubrikraden, eller skriv \\| för ett "
        f"lodrätt streck inuti en cell, till exempel | Polisen | 114 14 \\| vardagar |",
        line,
        extra[0].strip(),
    )


def unused_definition_refusal(label: str, line: int) -> Refusal:
    """A link reference definition no link uses: markdown-it keeps it out of the text, so
    its address would vanish from both writers."""
    return Refusal(
        RULE_UNSUPPORTED,
        f"länkdefinitionen [{label}] används inte av någon länk, så adressen skulle försvinna "
        f"ur dokumentet; länka till den i texten, till exempel [policyn][{label}], eller "
        f"skriv länken direkt: [policyn](https://example.se/policy)",
        line,
        f"[{label}]",
    )


def paragraph_block_refusal(what: str, line: int) -> Refusal:
    """A paragraph field (one item of a `text:` list) holds one paragraph of inline
    Markdown and its lists; a heading, table or page break has no place in it."""
    return Refusal(
        RULE_UNSUPPORTED,
        f"{what} kan inte stå i ett stycke (varje punkt under text: är ett stycke, med länkar, "
        f"**fet**, *kursiv*, `kod` och listor); skriv ett vanligt stycke, till exempel '- Läs "
        f"[policyn](https://example.se/policy).', eller skriv \\ före tecknet som ska stå "
        f"som det är, till exempel '\\# 1' eller '\\| a |'",
        line,
    )


def list_in_line_refusal(what: str, line: int) -> Refusal:
    """A paragraph printed where only a line of text can stand (a table cell, a sentence):
    a list there would break the table or the sentence."""
    return Refusal(
        RULE_UNSUPPORTED,
        f"{what} kan inte stå här, eftersom texten skrivs i en tabellcell eller mitt i en "
        f"mening; skriv punkterna i löptext, till exempel 'a, b och c'",
        line,
    )


def blank_line_refusal(line: int) -> Refusal:
    """A blank line in a text that is printed on one line would silently join two
    paragraphs into one."""
    return Refusal(
        RULE_UNSUPPORTED,
        "en tom rad i en text som skrivs som ett stycke; den skulle försvinna och två stycken "
        "bli ett: ta bort den tomma raden, eller dela texten i två punkter i listan, till "
        "exempel '- Första stycket.' och '- Andra stycket.'",
        line,
    )
