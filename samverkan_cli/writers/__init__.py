"""Writers turn the one document model into a file format; each is a pure function."""

from samverkan_cli.writers.docx import write_docx
from samverkan_cli.writers.markdown import write_markdown

__all__ = ["write_docx", "write_markdown"]
