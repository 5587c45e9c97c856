"""Prose written as Markdown in YAML (a lägesbild, a kommunikationsplan).

The text is parsed when the YAML is validated, so a construct the writers cannot render
(raw HTML, code blocks) is a located schema error, not a surprise at build time. Its
headings start at `#` and are placed under the bilaga's own heading when rendered.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from pydantic import AfterValidator

from samverkan_cli.errors import TemplateProblem
from samverkan_cli.model.base import swedish_error


def _parses(text: str) -> str:
    reason = _unwritable(text)
    if reason is not None:
        raise swedish_error(
            "texten innehåller något som inte kan skrivas i dokumentet: {reason}", reason=reason
        )
    return text


@lru_cache(maxsize=4096)
def _unwritable(text: str) -> str | None:
    """Why the writers could not render `text`, or None; remembered, because the same prose
    is validated again on every check of an unchanged repository."""
    from samverkan_cli.markdown_tree import images_in, parse_markdown

    try:
        parse_markdown(text)
    except TemplateProblem as exc:
        return str(exc).replace("mallen innehåller ", "")
    images = images_in(text)
    if images:
        shown = images[0] if len(images[0]) <= 60 else images[0][:60] + "…"
        return f"en bild ('{shown}'); bilder kan inte ingå i texten"
    return None


MarkdownText = Annotated[str, AfterValidator(_parses)]
"""Markdown prose: paragraphs, headings, lists, *kursiv* and **fet**."""
