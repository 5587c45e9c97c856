"""The imported agreement written as YAML text, with comments: the source text beside the
data read from it, `# IMPORT:` at every flagged place, and `# FYLL I` where a value must be
checked. Written as text (not dumped) so the comments sit where they belong; each scalar
is quoted by PyYAML, so whatever Word held reads back as the same string.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
import unicodedata
from typing import Any

import yaml

from samverkan_cli.importing.parties_clause import PartyFound
from samverkan_cli.importing.prose_markdown import blocks_markdown
from samverkan_cli.importing.shape import Flag, Imported
from samverkan_cli.importing.word_outline import Section
from samverkan_cli.importing.word_reading import Block

COMMENT_WIDTH = 96
PLACEHOLDER_PARTIES = (
    ("kommunen", "«Skriv kommunens namn»", "kommun"),
    ("polisen", "«Skriv lokalpolisområdets namn»", "lokalpolisområde"),
)


def scalar(value: Any) -> str:
    """One value as YAML in flow style: quoted when plain would read otherwise."""
    if isinstance(value, dt.date):
        return value.isoformat()
    dumped = yaml.safe_dump(
        value, allow_unicode=True, default_flow_style=True, width=10**9, sort_keys=False
    )
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def comment(prefix: str, text: str, indent: str) -> list[str]:
    words = " ".join(text.split())
    width = COMMENT_WIDTH - len(indent)
    lines = textwrap.wrap(words, width, break_long_words=False, break_on_hyphens=False) or [""]
    return [f"{indent}# {prefix}{lines[0]}", *(f"{indent}#   {line}" for line in lines[1:])]


def source_comments(blocks: list[Block], indent: str) -> list[str]:
    """The Word text a value was read from, paragraph by paragraph."""
    out: list[str] = []
    for block in blocks:
        texts = [c for row in block.rows for c in row] if block.kind == "table" else [block.text]
        for text in texts:
            if text.strip():
                out += comment(f"Word, stycke {block.number}: ", text, indent)
    return out


def text_block(key: str, text: str, indent: str) -> list[str]:
    """A key with a multi-line text as a literal block, or a quoted scalar on one line."""
    if "\n" not in text or any(line != line.rstrip() for line in text.split("\n")):
        return [f"{indent}{key}: {scalar(text)}"]
    body = [f"{indent}  {line}" if line else "" for line in text.split("\n")]
    return [f"{indent}{key}: |-", *body]


def write_yaml(imported: Imported, schema_line: str, source_name: str) -> str:
    lines = [
        schema_line,
        f"# Importerad från {source_name} med 'samverkan import'. Rader märkta '# IMPORT:' är",
        "# delar som inte kunde placeras som data: kontrollera dem och ta bort kommentaren.",
        "# 'Word, stycke N' är originalets text, bevarad bredvid data som lästes ur den.",
        f"titel: {scalar(imported.title)}",
    ]
    for flag in imported.flags:
        if flag.number == 0:
            lines += comment("IMPORT: ", flag.reason, "")
    lines += ["", "parter:", *source_comments(imported.notes.get("parter", []), "  ")]
    lines += _parties(imported.parties)
    if imported.scope:
        lines += ["", "omfattning:", *_mapping(imported.scope, "  ")]
    if imported.term is not None:
        lines += ["", "tid:", *source_comments(imported.notes.get("tid", []), "  ")]
        lines += _term(imported)
    elif imported.term_suggestion is not None:
        lines += ["", "# IMPORT: avtalstiden i texten, att föra över när avsnittet blir '- tid':"]
        lines += [f"# {line}" for line in ["tid:", *_term(imported, suggestion=True)]]
    if imported.organisation is not None:
        lines += ["", "organisation:", *_mapping(imported.organisation, "  ")]
    if imported.copies is not None:
        lines += ["", f"exemplar: {imported.copies}"]
    if "underskrifter" in imported.notes:
        lines += ["", *source_comments(imported.notes["underskrifter"], "")]
        lines += ["# (läst som undertecknare under 'parter' och 'exemplar')"]
    if "bildtexter" in imported.notes:
        lines += ["", "# IMPORT: bildtexter (bilderna tas inte med):"]
        lines += source_comments(imported.notes["bildtexter"], "")
    lines += ["", "avsnitt:", *_sections(imported)]
    return "\n".join(lines) + "\n"


def _parties(parties: list[PartyFound]) -> list[str]:
    if not parties:
        return [
            f"  - id: {ident}\n    namn: {name}\n    typ: {kind}  # FYLL I: partens typ"
            for ident, name, kind in PLACEHOLDER_PARTIES
        ]
    lines: list[str] = []
    used: set[str] = set()
    for party in parties:
        lines.append(f"  - id: {_party_id(party, used)}")
        lines.append(f"    namn: {scalar(party.name)}")
        kind = party.kind or "annan"
        note = "" if party.kind else "  # FYLL I: partens typ (kommun, lokalpolisområde …)"
        lines.append(f"    typ: {scalar(kind)}{note}")
        for key, value in (
            ("organisationsnummer", party.org_number),
            ("kortnamn", party.short_name),
            ("som_skrivet", party.as_written),
            ("diarienummer", party.registration),
            ("dnr_etikett", party.registration_label),
        ):
            if value is not None:
                lines.append(f"    {key}: {scalar(value)}")
        if party.signatories:
            lines.append("    undertecknare:")
            for signatory in party.signatories:
                first = True
                for key, value in signatory.items():
                    lines.append(f"      {'- ' if first else '  '}{key}: {scalar(value)}")
                    first = False
    return lines


def _party_id(party: PartyFound, used: set[str]) -> str:
    base = _slug(party.short_name or "") or ("polisen" if "polis" in (party.kind or "") else "")
    base = base or _slug(party.name) or "part"
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    used.add(candidate)
    return candidate


def _slug(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:40].strip("-")


def _term(imported: Imported, *, suggestion: bool = False) -> list[str]:
    term = imported.term_suggestion if suggestion else imported.term
    assert term is not None
    values: dict[str, Any] = {}
    section = next((s for s in _all(imported.sections) if s.kind == "tid"), None)
    if section is not None:
        values["rubrik"] = section.heading
    if term.subject != "Överenskommelsen":
        values["benämning"] = term.subject
    values["från"] = term.start
    if term.end is not None:
        values["till"] = term.end
    if term.revision is not None:
        values["revidering"] = term.revision
    if term.revision_verb != "ska":
        values["revidering_hjälpverb"] = term.revision_verb
    if term.revision_after:
        values["revidering_efter"] = term.revision_after
    if term.condition:
        values["villkor"] = term.condition
    return _mapping(values, "  ")


def _mapping(values: dict[str, Any], indent: str) -> list[str]:
    """A mapping of scalars, flow-style frequencies, lists of texts and lists of forums."""
    lines: list[str] = []
    for key, value in values.items():
        if key.startswith("_"):
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{indent}{key}:")
            for item in value:
                lines += source_comments(item.get("_källa", []), indent + "  ")
                inner = _mapping(item, indent + "    ")
                inner[0] = f"{indent}  - {inner[0].lstrip()}"
                lines += inner
        elif isinstance(value, list):
            lines.append(f"{indent}{key}:")
            for item in value:
                lines += text_block("-", item, indent + "  ")
        elif isinstance(value, dict) and not _is_frequency(value):
            lines.append(f"{indent}{key}:")
            lines += _mapping(value, indent + "  ")
        elif isinstance(value, str) and "\n" in value:
            lines += text_block(key, value, indent)
        else:
            lines.append(f"{indent}{key}: {scalar(value)}")
    return [line.replace(f"{indent}  -: ", f"{indent}  - ") for line in lines]


def _is_frequency(value: dict[str, Any]) -> bool:
    return "per" in value or any(k in value for k in ("varje", "varannan", "veckodagar"))


def _all(sections: list[Section]) -> list[Section]:
    found: list[Section] = []
    for section in sections:
        found += [section, *_all(section.children)]
    return found


def _sections(imported: Imported) -> list[str]:
    flags: dict[int, list[Flag]] = {}
    for flag in imported.flags:
        flags.setdefault(flag.number, []).append(flag)
    lines = _section_items(imported.sections, "  ", flags, imported.signatures_after)
    kinds = {s.kind for s in _all(imported.sections)}
    if imported.signatures_after is not None:
        kinds.add("underskrifter")
    if "omfattning" not in kinds:
        at = 1 if imported.sections else 0
        inserted = ["  # IMPORT: parterna skrivs alltid ut; flytta '- omfattning' dit de hör"]
        inserted.append("  - omfattning")
        first = next((i for i, line in enumerate(lines) if i and line.startswith("  - ")), None)
        index = first if at and first is not None else len(lines)
        lines[index:index] = inserted
    if "underskrifter" not in kinds:
        lines.append("  - underskrifter")
    return lines


def _section_items(
    sections: list[Section], indent: str, flags: dict[int, list[Flag]], signed: Section | None
) -> list[str]:
    lines: list[str] = []
    for section in sections:
        if section.kind in ("omfattning", "tid", "organisation", "underskrifter"):
            numbers = [
                n for s in _all([section]) for n in (s.number, *(b.number for b in s.blocks))
            ]
            own = [f for n in numbers for f in flags.get(n, [])]
            for flag in own:
                lines += comment("IMPORT: ", f"stycke {flag.number}: {flag.reason}", indent)
            if section.kind == "underskrifter":  # its heading has no key: kept as a comment
                lines += comment(f"Word, stycke {section.number}: ", section.heading, indent)
            lines.append(f"{indent}- {section.kind}")
            if section is signed:  # the signatures ended the term's (or a forum's) section
                lines.append(f"{indent}- underskrifter")
            continue
        numbers = [section.number, *(b.number for b in section.blocks)]
        own = [f for n in numbers for f in flags.get(n, [])]
        for flag in own:
            lines += comment("IMPORT: ", f"stycke {flag.number}: {flag.reason}", indent)
        lines.append(f"{indent}- rubrik: {scalar(section.heading)}")
        text = blocks_markdown(section.blocks)
        if text:
            lines += text_block("text", text, indent + "  ")
        if section.children:
            lines.append(f"{indent}  avsnitt:")
            lines += _section_items(section.children, indent + "    ", flags, signed)
        elif not text:
            lines.append(f"{indent}  text: «Skriv avsnittets text här.»")
        if section is signed:
            lines.append(f"{indent}- underskrifter")
    return lines


__all__ = ["scalar", "write_yaml"]
