"""From a validated agreement to the one document model (template → Markdown → tree)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from samverkan_cli.document import Document, DocumentInfo
from samverkan_cli.markdown_tree import parse_markdown
from samverkan_cli.model import Agreement
from samverkan_cli.swedish import join_and
from samverkan_cli.templating import render_template

AGREEMENT_TEMPLATE = "overenskommelse.md.j2"


def agreement_document(agreement: Agreement, repository_root: Path | None = None) -> Document:
    """The agreement as a document tree, ready for any writer."""
    markdown = render_template(AGREEMENT_TEMPLATE, {"a": agreement}, repository_root)
    return parse_markdown(markdown, document_info(agreement))


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
    )


def output_stem(agreement: Agreement) -> str:
    """The file name (without suffix) of the outputs: `filnamn`, or the title as ASCII."""
    if agreement.output_name:
        return agreement.output_name
    decomposed = unicodedata.normalize("NFKD", agreement.title.casefold())
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "overenskommelse"
