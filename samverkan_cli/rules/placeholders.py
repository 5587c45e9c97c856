"""SV135: placeholders left to fill in, in the agreement, its bilaga files and its report.

`samverkan init` writes agreements that are valid from the start but full of placeholders.
A placeholder is text the user must replace:

- text inside guillemets, `«Skriv bakgrunden här.»`;
- any text containing `FYLL I` (upper case, so that prose saying "fyll i blanketten" is
  not one);
- a YAML comment that begins with `FYLL I`, for values that must be valid before they are
  filled in (a date, an organisationsnummer): `från: 2025-01-01  # FYLL I: första dagen`.
  Other comments may talk about placeholders freely;
- a number written as zeros only, `000000-0000` or `000 00`: what `init` puts where an
  organisationsnummer or a postnummer must be, so that removing the comment alone does not
  make it a real one.

Each is reported at its YAML node: a comment at the value on its line, or at the comment
itself when it stands on a line of its own.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

import yaml

from samverkan_cli.core.problems import Location, Severity
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.source.yaml_document import KeyPath, Mark, YamlDocument

RULE_PLACEHOLDER = "SV135"
MARKER = "FYLL I"
_WRAPPED = re.compile(r"«([^«»]*)»")
_MARKER = re.compile(r"\bFYLL I\b[\s:.,;–-]*")
_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#[^\n]*", re.MULTILINE)
_MARKED_COMMENT = re.compile(r"#\s*FYLL I\b[\s:.,;–-]*(.*)")
_SPACE = re.compile(r"\s+")
_ZEROS = re.compile(r"0{3}[0 \-]*0{2}")
SHOWN_CHARS = 80
"""A placeholder's text is shown in the message up to this length (an example text may be
a whole paragraph)."""


def placeholder_texts(text: str) -> list[str]:
    """What a text asks the user to fill in: each «…» part, or what follows `FYLL I`
    (empty when the marker says nothing more). No placeholder: an empty list."""
    # each pattern is tried only on a text holding what it must match (found at C speed):
    # the regexes are slow on the long texts that hold none
    found = [_tidy(match.group(1)) for match in _WRAPPED.finditer(text)] if "«" in text else []
    marker = _MARKER.search(text) if MARKER in text else None
    if marker is not None:
        found.append(_tidy(_WRAPPED.sub(" ", text[marker.end() :])))
    if "000" in text and _ZEROS.fullmatch(text.strip()):
        found.append(f"{text.strip()} är en platshållare; skriv det riktiga numret")
    return found


def _tidy(text: str) -> str:
    tidy = _SPACE.sub(" ", text).strip()
    return tidy if len(tidy) <= SHOWN_CHARS else tidy[: SHOWN_CHARS - 1].rstrip() + "…"


def _message(texts: list[str], path: KeyPath) -> str:
    said = [text for text in texts if text]
    if said:
        return "fyll i: " + "; ".join(dict.fromkeys(said))
    shown = ".".join(str(element) for element in path) or "värdet"
    return f"fyll i: {shown}"


@rule(
    RULE_PLACEHOLDER,
    title="Platshållare kvar att fylla i",
    severity=Severity.WARNING,
    explanation=(
        "Text inom «…» (också mallarnas «Exempel: …»), text med FYLL I, kommentarer som "
        "börjar med FYLL I och nummer med bara nollor (000000-0000) är platshållare, till "
        "exempel från `samverkan init`; de ska ersättas med överenskommelsens egna uppgifter "
        "innan den undertecknas. Ta bort kommentaren '# FYLL I …' när värdet på raden är "
        "ifyllt. Så länge en platshållare finns kvar bygger `samverkan build` bara ett utkast, "
        "med --utkast: filerna heter -utkast och varje sida märks UTKAST."
    ),
)
def placeholders_left(ctx: RuleContext) -> Iterator[Finding]:
    documents = [ctx.source, *(loaded.document for loaded in ctx.loaded.bilagor.values())]
    if ctx.loaded.report_source is not None:
        documents.append(ctx.loaded.report_source)
    for document in documents:
        marked = list(_marked_comments(document))
        commented = {finding.location for finding in marked}
        for path, text in document.texts():
            texts = placeholder_texts(text)
            if not texts:
                continue
            location = document.location(path)
            if location not in commented:  # 000000-0000  # FYLL I …: once
                yield Finding(location, _message(texts, path))
        yield from marked


def _marked_comments(document: YamlDocument) -> Iterator[Finding]:
    """A finding for each comment with `FYLL I`, at the value on the comment's line."""
    try:
        text = document.path.read_text(encoding="utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError):
        return  # the loader read it a moment ago; nothing to add if it is gone now
    if MARKER not in text:
        return
    for line, column, comment in _comments(text):
        marked = _MARKED_COMMENT.match(comment)
        if marked is None:
            continue
        texts = [_tidy(marked.group(1))]
        path, mark = _value_on_line(document, text, line, column)
        if mark is None:
            yield Finding(Location(document.display_path, line, column), _message(texts, ()))
        else:
            location = Location(document.display_path, mark.line, mark.column)
            yield Finding(location, _message(texts, path))


def _comments(text: str) -> Iterator[tuple[int, int, str]]:
    """Line, column and text of each YAML comment (a `#` inside a scalar is not one)."""
    starts: list[int] = []
    ends: list[int] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken):
                starts.append(token.start_mark.index)
                ends.append(token.end_mark.index)
    except yaml.YAMLError:
        return
    for match in _COMMENT.finditer(text):
        index = match.start()
        inside = bisect.bisect_right(starts, index) - 1
        if inside >= 0 and index < ends[inside]:
            continue
        before = text[:index]
        yield before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1, match.group(0)


def _value_on_line(
    document: YamlDocument, text: str, line: int, column: int
) -> tuple[KeyPath, Mark | None]:
    """The value a comment on `line` is about: the last number or date before `column`
    (in `antal: {minst: 8, per: period}  # FYLL I: antal` the 8, not `period`), else the last
    value."""
    source_line = text.splitlines()[line - 1] if 0 < line <= text.count("\n") + 1 else ""
    best: tuple[KeyPath, Mark | None] = ((), None)
    best_numeric = False
    for path, mark in document.value_marks.items():
        if mark.line != line or mark.column >= column or not path:
            continue
        numeric = source_line[mark.column - 1 : mark.column].isdigit()
        current = best[1]
        later = current is None or mark.column > current.column
        if (numeric and not best_numeric) or (numeric == best_numeric and later):
            best, best_numeric = (path, mark), numeric
    return best
