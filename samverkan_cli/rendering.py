"""From a validated agreement and its bilagor to the one document model
(templates → Markdown → tree)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samverkan_cli.document import Document, DocumentInfo
from samverkan_cli.loading import LoadedAgreement
from samverkan_cli.markdown_tree import parse_markdown
from samverkan_cli.model import Agreement, BilagaEntry, BilagaKind
from samverkan_cli.swedish import join_and
from samverkan_cli.templating import bilaga_numbering, render_template

AGREEMENT_TEMPLATE = "overenskommelse.md.j2"
REPORT_TEMPLATE = "tjansteutlatande.md.j2"

_KIND_TEMPLATES = {
    "kontaktuppgifter": "kontaktuppgifter.md.j2",
    "lägesbild": "lagesbild.md.j2",
    "åtgärdsplan": "atgardsplan.md.j2",
    "uppföljningsplan": "uppfoljningsplan.md.j2",
    "kommunikationsplan": "kommunikationsplan.md.j2",
    "övergripande överenskommelse": "overgripande.md.j2",
    "medborgarlöften": "medborgarloften.md.j2",
    "aktivitetsmatris": "aktivitetsmatris.md.j2",
    "handlingsplan": "handlingsplan.md.j2",
    "annan": "annan.md.j2",
}


@dataclass(frozen=True, slots=True)
class BilagaView:
    """A bilaga as the templates see it: its number, its list entry, its content if any."""

    number: int
    entry: BilagaEntry
    content: Any | None

    @property
    def is_agreement(self) -> bool:
        """The agreement itself, listed as one of its bilagor (seed 003's bilaga 1)."""
        return self.entry.kind is BilagaKind.AGREEMENT and self.entry.file is None

    @property
    def template(self) -> str:
        return _KIND_TEMPLATES[self.content.kind] if self.content is not None else ""


def bilaga_numbers(agreement: Agreement) -> dict[str, int]:
    """Bilaga id → number, by the order of the agreement's bilagor list."""
    entries = agreement.bilagor.entries if agreement.bilagor else []
    return {entry.id: number for number, entry in enumerate(entries, start=1)}


def agreement_document(loaded: LoadedAgreement, repository_root: Path | None = None) -> Document:
    """The agreement and its bilagor as one document tree, ready for any writer."""
    agreement = loaded.agreement
    assert agreement is not None
    views = [
        BilagaView(number, entry, _content(loaded, entry.id))
        for number, entry in enumerate(agreement.bilagor.entries if agreement.bilagor else [], 1)
    ]
    assets = organisation_chart_assets(agreement)
    context = {
        "a": agreement,
        "bilagor": views,
        "parter": {p.id: p for p in agreement.parties},
        "dnr": header_lines(agreement),
        "organisationsschema": assets[0][0] if assets else None,
        "områden": {area.id: area.name for area in priority_areas(loaded)},
    }
    with bilaga_numbering(bilaga_numbers(agreement)):
        markdown = render_template(AGREEMENT_TEMPLATE, context, repository_root)
    document = parse_markdown(markdown, document_info(agreement))
    return Document(document.blocks, document.info, assets)


def organisation_chart_assets(agreement: Agreement) -> tuple[tuple[str, bytes], ...]:
    """The organisation chart as PNG (placed in the document) and SVG (beside it)."""
    if agreement.organisation is None:
        return ()
    from samverkan_cli.orgchart import organisation_chart  # Pillow only when drawing

    svg, png = organisation_chart(agreement.organisation)
    stem = output_stem(agreement)
    return ((f"{stem}-organisation.png", png), (f"{stem}-organisation.svg", svg.encode("utf-8")))


def report_document(loaded: LoadedAgreement, repository_root: Path | None = None) -> Document:
    """The tjänsteutlåtande, filled from the same agreement data as the agreement itself."""
    agreement, report = loaded.agreement, loaded.report
    assert agreement is not None and report is not None
    context = {"r": report, "a": agreement, "priority_areas": priority_areas(loaded)}
    with bilaga_numbering(bilaga_numbers(agreement)):
        markdown = render_template(REPORT_TEMPLATE, context, repository_root)
    info = DocumentInfo(
        title=report.title,
        subject=f"Tjänsteutlåtande: {agreement.title}",
        authors=(report.authority or report.signer.title,),
        date=report.date or document_info(agreement).date,
    )
    return parse_markdown(markdown, info)


def priority_areas(loaded: LoadedAgreement) -> list[Any]:
    """The priority areas the agreement states, in its own section or its lägesbild."""
    agreement = loaded.agreement
    assert agreement is not None
    found = list(agreement.situation_picture.priority_areas) if agreement.situation_picture else []
    for bilaga in loaded.bilagor.values():
        found += getattr(bilaga.model, "priority_areas", [])
    return found


def header_lines(agreement: Agreement) -> tuple[str, ...]:
    return tuple(line for p in agreement.parties if (line := p.header_line) is not None)


def document_info(agreement: Agreement) -> DocumentInfo:
    names = [p.name for p in agreement.parties]
    date = agreement.signing.date if agreement.signing and agreement.signing.date else None
    if date is None and agreement.term is not None:
        date = agreement.term.start
    return DocumentInfo(
        title=agreement.title,
        subject=f"{agreement.title} mellan {join_and(names)}",
        authors=tuple(names),
        date=date,
        header=header_lines(agreement),
    )


def output_stem(agreement: Agreement) -> str:
    """The file name (without suffix) of the outputs: `filnamn`, or the title as ASCII."""
    if agreement.output_name:
        return agreement.output_name
    decomposed = unicodedata.normalize("NFKD", agreement.title.casefold())
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "overenskommelse"


def _content(loaded: LoadedAgreement, bilaga_id: str) -> Any | None:
    found = loaded.bilagor.get(bilaga_id)
    return found.model if found is not None else None
