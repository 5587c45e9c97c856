"""Output that a hostile repository cannot forge: every value is escaped for where it goes.

In CI everything in an agreement repository may come from an attacker (folder and file
names, YAML values), and everything samverkan prints ends up in a log that is read by
people and parsed by the CI runner. The GitHub runner runs a line as a workflow command when
it starts with `::` after leading whitespace (`::error`, `::add-mask::`, `::stop-commands::`),
and runs the legacy form `##[command]` anywhere in a line; Azure Pipelines does the same with
`##vso[`, TeamCity with `##teamcity[`. A terminal runs ANSI escape sequences (colours,
hyperlinks, cursor moves) and starts a new line at CR.

So, in every format:

- `visible(value)` shows control characters as Python-style escapes: `\\n`, `\\r`, `\\t`,
  `\\x1b`, `\\x85`, `\\u2028`. That covers C0, DEL, C1, the Unicode line and paragraph
  separators and the bidirectional overrides (which reorder what a reader sees). A name
  that is not UTF-8 reaches Python as lone surrogates (`surrogateescape`); each shows as the
  byte it stands for, `\\xff`. A backslash itself is left as it is (Windows paths).
- `safe_line(line)` is `visible` for one whole line, and also neutralises what a CI runner
  would act on: a leading `::` becomes `\\x3a:`, and `##[` (`##vso[`, `##teamcity[`)
  becomes `\\x23#[`. Every text line samverkan prints passes through it (`echo`).
- `github_lines(text)` is the same, except that the annotation lines the `github` reporter
  builds itself (whose values are escaped by the runner's own rules) stay commands.
- `safe_json(document)` is JSON whose values keep their exact content (control characters
  as JSON escapes, which the runner and terminals never act on), `#` of `##[` written as
  `\\u0023`, and lone surrogates written as the text `\\xff` (JSON must be UTF-8, and a byte
  that is not UTF-8 has no Unicode character: the text names it). Every JSON format (validate,
  status, SARIF, a future GitLab code-quality report) goes through it.

A new output format must escape through this module: text lines through `safe_line` or
`echo`, JSON through `safe_json`.

Any console encoding works: `echo` writes only what the stream's encoding can hold (a
cp850, latin-1 or ASCII console included), and `protect_console` makes the process's own
stdout and stderr do the same for what click prints itself (help, usage errors). A character
the console cannot show becomes its nearest ASCII form ("–" "-", "å" "a"), or "?".
"""

from __future__ import annotations

import codecs
import io
import re
import sys
from collections.abc import Callable
from typing import Any

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Arabic letter mark, LRM, RLM, the embeddings and overrides, the isolates."""

_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}\ud800-\udfff]")
_CI_MARKER = re.compile(r"#(?=#(?:\[|vso\[|teamcity\[))", re.IGNORECASE)
"""The first `#` of a marker a CI runner acts on anywhere in a line."""
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_ANNOTATION = re.compile(
    r"::(?:error|warning|notice) file=[^:,\r\n]*,line=\d+,col=\d+,title=[^:,\r\n]*::[^\r\n]*"
)
"""Exactly the lines `messages.reporters.GithubReporter` writes as annotations."""


def escape_character(char: str) -> str:
    """One character as a visible escape; a lone surrogate from `surrogateescape` (U+DC80 to
    U+DCFF) as the byte it stands for."""
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def unsafe_characters(text: str) -> list[str]:
    """The characters of `text` that `visible` escapes, in order."""
    return _UNSAFE.findall(text)


def visible(value: object, keep: str = "") -> str:
    """`value` as text in which no character can start a line, move the cursor, colour the
    terminal or reorder what a reader sees; the characters in `keep` are left as they are."""
    text = str(value)
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(
        lambda m: m.group() if m.group() in keep else escape_character(m.group()), text
    )


def neutralise_markers(text: str) -> str:
    """`##[`, `##vso[` and `##teamcity[` anywhere in `text` written so no runner acts on them."""
    return _CI_MARKER.sub(r"\\x23", text)


def safe_line(line: str) -> str:
    """One line of output as it may be printed: `visible` (tabs kept), no leading `::` after
    whitespace, no CI marker anywhere."""
    shown = neutralise_markers(visible(line, keep="\t"))
    body = shown.lstrip()  # Python's whitespace includes all that .NET's TrimStart removes
    if body.startswith("::"):
        start = len(shown) - len(body)
        shown = f"{shown[:start]}\\x3a{shown[start + 1 :]}"
    return shown


def safe_text(text: str) -> str:
    """Lines separated by LF, each made safe by `safe_line`."""
    return "\n".join(safe_line(line) for line in text.split("\n"))


def github_lines(text: str) -> str:
    """As `safe_text`, except that our own annotation lines stay workflow commands."""
    return "\n".join(
        neutralise_markers(line) if _ANNOTATION.fullmatch(line) else safe_line(line)
        for line in text.split("\n")
    )


_JSON_UNSAFE = f"[\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}\ud800-\udfff]"
"""Compiled when JSON is first written (`re` keeps it), not when the command line starts."""


def _json_escape(match: re.Match[str]) -> str:
    char = match.group()
    if 0xD800 <= ord(char) <= 0xDFFF:  # no JSON string can hold it: name it as text
        return "\\" + escape_character(char)
    return f"\\u{ord(char):04x}"


def safe_json(document: Any) -> str:
    """`document` as indented UTF-8 JSON ending in a newline, safe to print in a CI log."""
    import json  # only where JSON is written: `--help` and the text formats need it not

    text = json.dumps(document, ensure_ascii=False, indent=2)
    text = _CI_MARKER.sub(r"\\u0023", text)
    return re.sub(_JSON_UNSAFE, _json_escape, text) + "\n"


CONSOLE_ERRORS = "samverkan-console"
"""The codec error handler for a console that cannot show a character (see the module)."""

_ASCII_FORMS = {
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2026": "...",
    "\u2192": "->",
    "\u2190": "<-",
    "\u2265": ">=",
    "\u2264": "<=",
    "\u2022": "*",
    "\u00d7": "x",
    "\u00a7": "S",
    "\u00b7": ".",
    "\u00e6": "ae",
    "\u00c6": "AE",
    "\u00f8": "o",
    "\u00d8": "O",
    "\u00df": "ss",
}


def ascii_form(char: str) -> str:
    """The nearest ASCII for one character: a dash for "–", "a" for "å", else "?"."""
    if char.isascii():
        return char
    known = _ASCII_FORMS.get(char)
    if known is not None:
        return known
    import unicodedata  # only for a console that cannot show the text: not at every start

    if unicodedata.category(char) == "Zs":  # a no-break or other Unicode space
        return " "
    decomposed = unicodedata.normalize("NFKD", char)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped if stripped and stripped.isascii() else "?"


def _console_replacement(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(ascii_form(char) for char in bad), error.end


codecs.register_error(CONSOLE_ERRORS, _console_replacement)


def for_console(text: str, encoding: str | None) -> str:
    """`text` with every character that `encoding` cannot hold in its ASCII form."""
    if not encoding:
        return text
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        return text
    if codec.startswith("utf"):
        return text
    return text.encode(codec, CONSOLE_ERRORS).decode(codec, "replace")


def protect_console() -> None:
    """Make the process's stdout and stderr write what their encoding cannot hold in ASCII
    forms instead of failing, for what click prints itself (help texts, usage errors)."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and not stream.encoding.lower().startswith("utf"):
            try:
                stream.reconfigure(errors=CONSOLE_ERRORS)
            except (ValueError, OSError):  # a closed or odd stream: echo still protects
                continue


Echo = Callable[..., None]


def _console_echo(text: str, *, err: bool, nl: bool) -> None:
    import click  # the library modules use this module without a terminal

    stream = sys.stderr if err else sys.stdout
    click.echo(for_console(text, getattr(stream, "encoding", None)), err=err, nl=nl)


def echo(message: object = "", *, err: bool = False, nl: bool = True) -> None:
    """`click.echo` for everything samverkan prints: each line made safe by `safe_line`, and
    written in what the console's encoding can hold."""
    _console_echo(safe_text(str(message)), err=err, nl=nl)


def echo_github(message: object = "", *, err: bool = False, nl: bool = True) -> None:
    """`echo` for the output of `validate --format github`, whose annotations stay commands."""
    _console_echo(github_lines(str(message)), err=err, nl=nl)
