"""One paragraph of text in the agreement (an item of a `text:`, `uppdrag:` or
organisation `inledning:` list), written with inline Markdown.

Users put links in their paragraphs; printed as plain text, `[policyn](https://…)` would
reach the document as its source characters. A paragraph is therefore inline Markdown:
links, **fet**, *kursiv* and `kod`, with the bullet and numbered lists that belong to it
("Parterna ska:" and its points), which agreements write inside their paragraphs. A
heading, a table, a blank line between two paragraphs or anything the document cannot hold
is refused at its line by the prose rules (SV154, SV155, `rules.prose`); templates print the
paragraph as Markdown because the value is a `ParagraphText`
(`render.templates.markdown_escape`). A paragraph that a template continues in a sentence
(`omfattning: text:`, after the parties clause) is a `SentenceText`: no list can stand there.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator


class ParagraphText(str):
    """A paragraph of inline Markdown from the YAML, told apart from plain text by its type
    so that a template's `{{ text }}` prints it as Markdown instead of escaping it."""

    __slots__ = ()


class SentenceText(ParagraphText):
    """A paragraph printed as part of a sentence or a table cell: inline Markdown, no list."""

    __slots__ = ()


def _paragraph(text: str) -> ParagraphText:
    return ParagraphText(text)


def _sentence(text: str) -> SentenceText:
    return SentenceText(text)


ParagraphMarkdownText = Annotated[str, AfterValidator(_paragraph)]
"""One paragraph: inline Markdown (links, **fet**, *kursiv*, `kod`) and lists."""

SentenceMarkdownText = Annotated[str, AfterValidator(_sentence)]
"""Inline Markdown continued in a sentence: no blocks, no list."""
