"""Prose written as Markdown in YAML (a lägesbild, a kommunikationsplan).

The text is parsed when the YAML is validated; a construct the writers cannot render (raw
HTML, code blocks, images) is a located problem of the prose rules, not a surprise at build
time. Its headings start at `#` and are placed under the bilaga's own heading when rendered.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from pydantic import AfterValidator

from samverkan_cli.core.errors import TemplateProblem
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
    is validated again on every check of an unchanged repository. A construct the document
    has no place for (an image, raw HTML, a link to javascript:) is left to the prose rules
    (SV154, SV155, `rules.prose`), which place it at its own line."""
    from samverkan_cli.document.parsing import parse_markdown
    from samverkan_cli.document.refusals import UnsupportedMarkdown

    try:
        parse_markdown(text)
    except UnsupportedMarkdown:
        return None
    except TemplateProblem as exc:
        return str(exc).replace("mallen innehåller ", "")
    return None


MarkdownText = Annotated[str, AfterValidator(_parses)]
"""Markdown prose: paragraphs, headings, lists, *kursiv* and **fet**."""
