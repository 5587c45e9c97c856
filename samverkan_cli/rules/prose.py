"""Prose rules: every Markdown text of an agreement either fits the document or is refused.

A text written as Markdown (`MarkdownText`: a lägesbild, a kommunikationsplan, a förord, the
tjänsteutlåtande's sections) is parsed by the same parser that builds the document; so is a
paragraph of the agreement (`ParagraphText`), which may hold inline Markdown only. A blank
line in any other text, which would be folded away, is refused too. A link
to anything but http(s) or mailto (SV154) and a construct the document has no place for
(SV155: an image, raw HTML, a code block, a quotation, a link title) is reported at its own
line when the text is a literal block (`text: |`), else at the text, before anything is
built; nothing in prose silently disappears from the Markdown or the DOCX.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from samverkan_cli.core.problems import Location, Severity
from samverkan_cli.document.paragraph import paragraph_refusals
from samverkan_cli.document.parsing import prose_refusals
from samverkan_cli.document.refusals import (
    RULE_LINK,
    RULE_UNSUPPORTED,
    Refusal,
    blank_line_refusal,
)
from samverkan_cli.model.markdown_text import MarkdownText
from samverkan_cli.model.paragraph_text import ParagraphText, SentenceText
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.source.yaml_document import KeyPath, YamlDocument


@rule(
    RULE_LINK,
    title="Länk som inte kan stå i dokumentet",
    severity=Severity.ERROR,
    explanation=(
        "En länk i en text ska gå till en fullständig adress med http://, https:// eller "
        "mailto:, till exempel [policyn](https://example.se/policy) eller "
        "<registrator@example.se>. Andra adresser (javascript:, file:, data:, en relativ "
        "sökväg till en fil) skulle i det färdiga dokumentet köra kod, öppna filer på "
        "läsarens dator eller inte leda någonstans."
    ),
)
def link_addresses(ctx: RuleContext) -> Iterator[Finding]:
    yield from _findings(ctx, RULE_LINK)


@rule(
    RULE_UNSUPPORTED,
    title="Markdown som inte kan visas i dokumentet",
    severity=Severity.ERROR,
    explanation=(
        "Texter i YAML kan innehålla stycken, rubriker, listor, tabeller, **fet** och "
        "*kursiv* text, länkar och `kod`. Bilder, HTML, kodblock, citat, skiljelinjer, "
        "länktitlar och länkdefinitioner som ingen länk använder kan inte visas i både "
        "Markdown och Word, och vägras hellre än att tyst försvinna ur dokumentet. Ett stycke "
        "under text: rymmer ett stycke och dess listor (inga rubriker eller tabeller), och en "
        "tom rad mellan två stycken vägras: skriv till exempel '- Första stycket.' och "
        "'- Andra stycket.' i stället. Där texten fortsätter en mening (omfattning: text:) "
        "vägras också en lista."
    ),
)
def unsupported_markdown(ctx: RuleContext) -> Iterator[Finding]:
    yield from _findings(ctx, RULE_UNSUPPORTED)


def _findings(ctx: RuleContext, rule_id: str) -> Iterator[Finding]:
    for document, path, refusals in _refused_prose(ctx):
        for refusal in refusals:
            if refusal.rule == rule_id:
                where = locate(document, path, refusal)
                yield Finding(where, f"'{_field(path)}': {refusal.message}")


def sources(ctx: RuleContext) -> Iterator[tuple[YamlDocument, BaseModel, str]]:
    """The agreement, its bilaga files, its report and its translations: each file's YAML,
    its model and its kind as `unprinted` names it."""
    yield ctx.source, ctx.agreement, "överenskommelse"
    for bilaga in ctx.loaded.bilagor.values():
        if isinstance(bilaga.model, BaseModel):
            yield bilaga.document, bilaga.model, str(getattr(bilaga.model, "kind", ""))
    if ctx.loaded.report is not None and ctx.loaded.report_source is not None:
        yield ctx.loaded.report_source, ctx.loaded.report, "tjänsteutlåtande"
    for translation in ctx.loaded.translations.values():
        yield translation.document, translation.model, "översättning"


@dataclass(frozen=True, slots=True)
class WalkedFile:
    """One file's texts: SV154, SV155 and SV168 all read them, so they are walked once per
    context (`walked_files`)."""

    document: YamlDocument
    kind: str
    """The file's kind as `unprinted` names it."""
    markdown: dict[KeyPath, str]
    """Every Markdown text, by its YAML path."""
    leaves: tuple[tuple[KeyPath, str], ...]
    """Every text (the Markdown ones too) with its YAML path, in the model's order."""


_Refused = tuple[YamlDocument, KeyPath, tuple[Refusal, ...]]
_last_context: tuple[RuleContext, dict[str, Any]] | None = None
"""What the rules of the context last checked share (`_once_per_context`)."""


def _once_per_context(ctx: RuleContext, name: str, work: Callable[[RuleContext], Any]) -> Any:
    """`work(ctx)`, done once per context: walking every text of an agreement once per rule
    was a fifth of its checks. Only the last context is held, by identity: a context and
    what it holds do not change while its rules run."""
    global _last_context
    last = _last_context  # read once: another thread may replace it meanwhile
    if last is None or last[0] is not ctx:
        last = (ctx, {})
        _last_context = last
    if name not in last[1]:
        last[1][name] = work(ctx)
    return last[1][name]


def walked_files(ctx: RuleContext) -> tuple[WalkedFile, ...]:
    """The texts of the agreement, its bilaga files, its report and its translations."""
    return _once_per_context(ctx, "files", _walk_files)  # type: ignore[no-any-return]


def _walk_files(ctx: RuleContext) -> tuple[WalkedFile, ...]:
    return tuple(
        WalkedFile(document, kind, dict(markdown_fields(model)), tuple(text_leaves(model)))
        for document, model, kind in sources(ctx)
    )


def _refused_prose(ctx: RuleContext) -> tuple[_Refused, ...]:
    """`_prose` of `ctx`, only the texts with something refused."""
    return _once_per_context(ctx, "refused", _refused)  # type: ignore[no-any-return]


def _refused(ctx: RuleContext) -> tuple[_Refused, ...]:
    return tuple(found for found in _prose(ctx) if found[2])


def _prose(ctx: RuleContext) -> Iterator[_Refused]:
    """Every Markdown text and every paragraph of the agreement, its bilaga files and its
    report, with what each cannot hold; a blank line in a plain text is refused too (it
    would be folded away)."""
    for walked in walked_files(ctx):
        document, markdown = walked.document, walked.markdown
        for path, text in markdown.items():
            yield document, path, prose_refusals(text)
        for path, text in walked.leaves:
            if isinstance(text, ParagraphText):
                lists = not isinstance(text, SentenceText)
                yield document, path, paragraph_refusals(text, lists=lists)
            elif path not in markdown and blank_line(text) is not None:
                yield document, path, (blank_line_refusal(blank_line(text) or 0),)


def text_leaves(model: BaseModel, path: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """The YAML path and value of every text in `model` (not its kinds and roles)."""
    for name, key, _ in _fields(type(model)):
        yield from _leaves(getattr(model, name), (*path, key))


def _leaves(value: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, BaseModel):
        yield from text_leaves(value, path)
    elif isinstance(value, str) and not isinstance(value, Enum):
        yield path, value
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, str(key)))


def blank_line(text: str) -> int | None:
    """The 0-based line of the first blank line inside `text`, or None."""
    lines = text.split("\n")
    return next((n for n in range(1, len(lines) - 1) if not lines[n].strip()), None)


def markdown_fields(model: BaseModel, path: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """The YAML path and text of every `MarkdownText` value in `model`, at any depth."""
    for name, key, markdown in _fields(type(model)):
        yield from _walk(getattr(model, name), markdown, (*path, key))


@functools.cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, str, bool], ...]:
    """Each field of a model class: its name, its YAML key, and whether it holds Markdown.
    Once per class and run: reading the annotations for every value of every agreement was
    a fifth of a `validate`."""
    return tuple(
        (
            name,
            info.alias or name,
            any(m in info.metadata for m in _MARKS) or _holds_markdown(info.annotation),
        )
        for name, info in model.model_fields.items()
    )


def _walk(value: Any, markdown: bool, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, BaseModel):
        yield from markdown_fields(value, path)
    elif isinstance(value, str):
        if markdown:
            yield path, value
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _walk(item, markdown, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, markdown, (*path, str(key)))


_MARKS = typing.get_args(MarkdownText)[1:]
"""The validator that makes a text Markdown: pydantic moves it from a field's annotation to
the field's metadata, except inside a union (`MarkdownText | None`)."""


def _holds_markdown(annotation: Any) -> bool:
    """Whether the annotation is, or contains (`MarkdownText | None`), Markdown text."""
    if annotation == MarkdownText:
        return True
    return any(_holds_markdown(argument) for argument in typing.get_args(annotation))


def _field(path: KeyPath) -> str:
    names = [str(p) for p in path if isinstance(p, str)]
    return names[-1] if names else "text"


def locate(document: YamlDocument, path: KeyPath, refusal: Refusal) -> Location:
    """Where the construct stands: its own line and column in a literal block (`|`) or in
    a plain one-line text; otherwise the start of the text."""
    node = document.location(path)
    raw = _raw(document.data, path)
    lines = _file_lines(document.path)
    if not isinstance(raw, str) or not 0 < node.line <= len(lines):
        return node
    at = lines[node.line - 1][node.column - 1 :]
    lead = raw[: len(raw) - len(raw.lstrip())]  # the model's text is stripped
    raw_line = refusal.line + lead.count("\n")
    raw_lines = raw.split("\n")
    text_line = raw_lines[raw_line] if raw_line < len(raw_lines) else ""
    found = text_line.find(refusal.needle) if refusal.needle else -1
    column = found if found >= 0 else len(text_line) - len(text_line.lstrip())
    if at.startswith("|") and node.line + raw_line < len(lines):
        file_line = lines[node.line + raw_line]
        indent = _indent(file_line) - _indent(text_line)
        return Location(node.file, node.line + 1 + raw_line, indent + column + 1)
    if "\n" not in raw and raw and at.startswith(raw):
        return Location(node.file, node.line, node.column + column)
    return node


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _raw(data: Any, path: KeyPath) -> Any:
    """The value at `path` as the file holds it (before the model strips it)."""
    for key in path:
        in_mapping = isinstance(data, dict) and key in data
        in_list = isinstance(data, list) and isinstance(key, int) and key < len(data)
        if not (in_mapping or in_list):
            return None
        data = data[key]
    return data


def _file_lines(path: Path) -> tuple[str, ...]:
    """The file's lines, read again for each refusal (a watched file changes)."""
    try:
        return tuple(path.read_text(encoding="utf-8-sig").split("\n"))
    except (OSError, UnicodeDecodeError):
        return ()
