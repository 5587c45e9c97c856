"""Writers turn the one document tree into a file: Markdown, DOCX, HTML and, from the DOCX, PDF.
May import rules, orgchart, profiles, source, model, document and core.

The DOCX writer (and python-docx with it) is imported on first use, so that a light module
here, such as the reference document's check that `validate` runs, does not load it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from samverkan_cli.writers.docx import write_docx
    from samverkan_cli.writers.markdown import write_markdown

__all__ = ["write_docx", "write_markdown"]


def __getattr__(name: str) -> Any:
    if name == "write_docx":
        from samverkan_cli.writers.docx import write_docx

        return write_docx
    if name == "write_markdown":
        from samverkan_cli.writers.markdown import write_markdown

        return write_markdown
    raise AttributeError(name)
