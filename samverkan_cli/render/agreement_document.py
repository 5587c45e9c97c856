"""From a validated agreement and its bilagor to the one document model
(templates → Markdown → tree).

The Markdown the templates render is measured before it is parsed or written: more than
`MAX_RENDERED_CHARS` characters or `MAX_RENDERED_LINES` lines is refused (SV018), so a
template that repeats the data cannot make a build write (or spend minutes on) a document
many times larger than what was read. The data itself is bounded when it is read (SV017).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samverkan_cli.core.errors import ProblemsFound
from samverkan_cli.core.problems import Location, Problem, Severity
from samverkan_cli.core.swedish import join_and
from samverkan_cli.document.parsing import parse_markdown
from samverkan_cli.document.tree import Document, DocumentInfo
from samverkan_cli.model import Agreement, BilagaEntry, BilagaKind
from samverkan_cli.model.chart_bounds import chart_is_drawn
from samverkan_cli.model.output_capacity import fit_authors, fit_property
from samverkan_cli.model.output_capacity import output_stem as output_stem
from samverkan_cli.render.section_plan import section_views
from samverkan_cli.render.templates import bilaga_numbering, render_template
from samverkan_cli.source.loading import LoadedAgreement

RULE_DOCUMENT_TOO_LARGE = "SV018"

MAX_RENDERED_CHARS = 16_000_000
"""Characters of Markdown one document may have: twice what its data may hold (SV017)."""

MAX_RENDERED_LINES = 200_000
"""Lines of Markdown one document may have (each can be a paragraph, a list item or a table
row, which cost far more than characters): twice the lines its data may hold."""

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
        "avsnitt": section_views(agreement),
    }
    with bilaga_numbering(bilaga_numbers(agreement)):
        markdown = render_template(AGREEMENT_TEMPLATE, context, repository_root)
    check_rendered_size(markdown, loaded)
    document = parse_markdown(markdown, document_info(agreement))
    return Document(document.blocks, document.info, assets)


def organisation_chart_assets(agreement: Agreement) -> tuple[tuple[str, bytes], ...]:
    """The organisation chart as PNG (placed in the document) and SVG (beside it); none when
    the organisation has more forums than a chart can show (SV019 warns)."""
    if agreement.organisation is None or not chart_is_drawn(agreement.organisation):
        return ()
    from samverkan_cli.orgchart.chart import organisation_chart  # Pillow only when drawing

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
    check_rendered_size(markdown, loaded)
    info = DocumentInfo(
        title=report.title,
        subject=fit_property(f"Tjänsteutlåtande: {agreement.title}"),
        authors=fit_authors([report.authority or report.signers[0].title]),
        date=report.date or document_info(agreement).date,
        header=(f"Dnr {report.registration_number}",) if report.registration_number else (),
    )
    return parse_markdown(markdown, info)


def priority_areas(loaded: LoadedAgreement) -> list[Any]:
    """The priority areas the agreement states, in its own section or its lägesbild, and a
    medborgarlöfte's own fokusområden."""
    agreement = loaded.agreement
    assert agreement is not None
    found = list(agreement.situation_picture.priority_areas) if agreement.situation_picture else []
    for bilaga in loaded.bilagor.values():
        found += getattr(bilaga.model, "priority_areas", [])
    return found + list(agreement.focus_areas)  # a medborgarlöfte's own


def header_lines(agreement: Agreement) -> tuple[str, ...]:
    return tuple(line for p in agreement.parties if (line := p.header_line) is not None)


def document_info(agreement: Agreement) -> DocumentInfo:
    names = [p.name for p in agreement.parties]
    date = agreement.signing.date if agreement.signing and agreement.signing.date else None
    if date is None and agreement.term is not None:
        date = agreement.term.first_day  # a year or a month: its first day
    return DocumentInfo(
        title=agreement.title,
        subject=fit_property(agreement_subject(agreement.title, names)),
        authors=fit_authors(names),
        date=date,
        header=header_lines(agreement),
        properties_title=fit_property(agreement_subject(agreement.title, names)),
    )


def agreement_subject(title: str, names: list[str]) -> str:
    """The subject property: the title and who it is between, said once. A title that
    already says "mellan …" (most do) is the subject as it stands."""
    if " mellan " in f" {title.casefold()} ":
        return title
    return f"{title} mellan {join_and(names)}"


def _content(loaded: LoadedAgreement, bilaga_id: str) -> Any | None:
    found = loaded.bilagor.get(bilaga_id)
    return found.model if found is not None else None


def check_rendered_size(markdown: str, loaded: LoadedAgreement) -> None:
    """Raise `ProblemsFound` (SV018, at the start of the agreement file) when the rendered
    Markdown is larger than a document may be; nothing has been written yet."""
    lines = markdown.count("\n")
    if len(markdown) <= MAX_RENDERED_CHARS and lines <= MAX_RENDERED_LINES:
        return
    if len(markdown) > MAX_RENDERED_CHARS:
        size = f"{len(markdown) // 1_000_000} miljoner tecken"
        limit = f"{MAX_RENDERED_CHARS // 1_000_000} miljoner"
    else:
        size = f"{lines} rader"
        limit = f"{MAX_RENDERED_LINES} rader"
    message = (
        f"dokumentet blir för stort ({size}; högst {limit}); mallarna upprepar för mycket "
        "eller överenskommelsen är för lång"
    )
    shown = loaded.source.display_path if loaded.source is not None else loaded.name
    problem = Problem(Location.start_of(shown), RULE_DOCUMENT_TOO_LARGE, Severity.ERROR, message)
    raise ProblemsFound([problem])
