"""Jinja templates render the validated agreement to Markdown.

Every value a template prints is escaped for Markdown (a `#`, `*`, `_` or `|` in user data
can never change the document's structure) and folded to one line; a paragraph of the
agreement's `text:` lists (`ParagraphText`) is inline Markdown, printed as one paragraph.
The environment is sandboxed (a template can neither reach Python's internals nor change
the data it is given: `list.append`, `dict.clear` and the like are refused) and undefined
values are errors, so a template mistake names its line instead of leaving a blank in a
signed document. Templates are looked up first in the repository's own `templates/` folder,
then in the ones shipped with samverkan.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment

from samverkan_cli.core.confinement import PathRefused, read_confined
from samverkan_cli.core.errors import SamverkanError, TemplateProblem
from samverkan_cli.core.swedish import counted, iso_date, join_and, long_date
from samverkan_cli.core.user_cache import cache_folder, entry_key
from samverkan_cli.document.tree import Paragraph
from samverkan_cli.model.agreement import FREQUENCY_PLACEHOLDER, Scheduled
from samverkan_cli.model.crossrefs import BILAGA_REFERENCE
from samverkan_cli.model.frequency import CountFrequency, EveryFrequency, WeekdayFrequency
from samverkan_cli.model.frequency_sentence import adverbial, in_sentence
from samverkan_cli.model.paragraph_text import ParagraphText, SentenceText
from samverkan_cli.model.partial_date import PartialDate
from samverkan_cli.render.template_limits import bounded_render

_bilaga_numbers: ContextVar[Mapping[str, int] | None] = ContextVar("bilaga_numbers", default=None)

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_WHITESPACE = re.compile(r"\s+")

SIGNATURE_LINE = "_" * 30
DATE_BLANK = "_" * 16

AnyFrequency = CountFrequency | EveryFrequency | WeekdayFrequency


class TemplateMarkdown(str):
    """Markdown the template itself produced (a macro's output), printed as it is."""


def markdown_escape(value: Any) -> str:
    """Text that Markdown reads back as exactly that text, on one line."""
    if isinstance(value, TemplateMarkdown):
        return str(value)
    if isinstance(value, ParagraphText):
        return paragraph_markdown(value)
    if value is None:
        raise TemplateProblem("mallen skriver ut ett tomt värde (None)")
    text = resolve_references(_WHITESPACE.sub(" ", str(value)))
    return _PUNCTUATION.sub(r"\\\1", text)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept in the user's own cache folder (`core.user_cache`: mode 0700,
    off with SAMVERKAN_CACHE=0), so a build does not compile them again; Jinja checks each
    template's source before using its entry. None (compile every time) where no such
    folder can be made."""
    folder = cache_folder("jinja")
    return None if folder is None else ShippedOnlyBytecodeCache(str(folder))


class ShippedOnlyBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Keeps only the shipped templates' compiled code: a repository's own templates come
    from whoever wrote the pull request, and nothing of theirs is written outside the
    repository (they are compiled on each run; they are few and small). An entry's key
    holds samverkan's version and Jinja's, as the compiled code depends on the environment
    this module sets up and on the compiler."""

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        versions = f"{entry_key('jinja', jinja2.__version__)}|{name}|{filename}"
        return super().get_cache_key(versions)

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        bucket = super().get_bucket(environment, name, filename, source)
        if filename is not None and not _is_shipped(Path(filename)):
            bucket.key = _REPOSITORY_KEY + bucket.key
            bucket.code = None
        return bucket

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if not bucket.key.startswith(_REPOSITORY_KEY):
            super().dump_bytecode(bucket)


_REPOSITORY_KEY = "repository-"


def _is_shipped(path: Path) -> bool:
    return any(folder in path.parents for folder in shipped_template_dirs())


def resolve_references(text: str) -> str:
    """Replace `{bilaga:id}` by "bilaga N", numbered by the agreement's bilagor list."""
    numbers = _bilaga_numbers.get() or {}

    def number(match: re.Match[str]) -> str:
        found = numbers.get(match.group(1))
        if found is None:
            raise TemplateProblem(f"hänvisning till okänd bilaga '{match.group(1)}'")
        return f"bilaga {found}"

    return BILAGA_REFERENCE.sub(number, text)


@contextmanager
def bilaga_numbering(numbers: Mapping[str, int]) -> Iterator[None]:
    """Cross-references resolve against these numbers while rendering."""
    token = _bilaga_numbers.set(numbers)
    try:
        yield
    finally:
        _bilaga_numbers.reset(token)


def paragraph_markdown(text: str) -> str:
    """A paragraph of inline Markdown from YAML (links, emphasis, code), written back as the
    Markdown writer writes it, on one paragraph; with the lists the paragraph holds, each
    written as a block of its own (`writers.markdown.write_blocks`)."""
    from samverkan_cli.document.paragraph import paragraph_blocks, paragraph_inlines
    from samverkan_cli.writers.markdown import write_blocks, write_inline

    resolved = resolve_references(text)
    if isinstance(text, SentenceText):
        return write_inline(paragraph_inlines(resolved))
    blocks = paragraph_blocks(resolved)
    if len(blocks) == 1 and isinstance(blocks[0], Paragraph):
        return write_inline(blocks[0].content)
    return write_blocks(blocks)


def prose(text: str, level: int) -> TemplateMarkdown:
    """Markdown prose from YAML, its headings placed below a heading of `level`."""
    from samverkan_cli.document.parsing import parse_markdown, shift_headings
    from samverkan_cli.writers.markdown import write_markdown

    document = shift_headings(parse_markdown(resolve_references(text)), level)
    return TemplateMarkdown(write_markdown(document).rstrip("\n"))


def template_dirs(repository_root: Path | None) -> list[Path]:
    """Where templates are found: the repository's own, then the shipped ones."""
    dirs = [repository_root / "templates"] if repository_root else []
    return dirs + shipped_template_dirs()


def shipped_template_dirs() -> list[Path]:
    """The templates that come with samverkan (in the wheel, or in the source tree)."""
    shipped = Path(__file__).parent.parent / "templates"
    source_tree = Path(__file__).parent.parent.parent / "templates"
    return [d for d in (shipped, source_tree) if d.is_dir()]


MAX_TEMPLATE_BYTES = 1024 * 1024
"""A repository's template may be at most 1 MB (the shipped ones are about 10 kB)."""


class RepositoryTemplateLoader(jinja2.BaseLoader):
    """The repository's own `templates/`: a template is read only when its file, links
    followed, lies inside the repository, is a regular file and is at most 1 MB. A template
    that is not there is looked up among the shipped ones; one that is refused is an error,
    so a link to `/proc/self/environ` (directly, as the folder, or through `{% include %}`)
    can never reach a document."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / "templates"

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        path = self.folder.joinpath(*split_template_path(template))
        if not (path.is_file() or path.is_symlink()):
            raise jinja2.TemplateNotFound(template)
        shown = f"templates/{'/'.join(split_template_path(template))}"
        try:
            data = read_confined(path, self.root, MAX_TEMPLATE_BYTES)
            mtime = path.stat().st_mtime_ns
        except PathRefused as refused:
            raise TemplateProblem(refused.swedish(f"mallen {shown}")) from None
        if data is None:
            limit = MAX_TEMPLATE_BYTES // 1024
            raise TemplateProblem(f"mallen {shown} är för stor; en mall får vara högst {limit} kB")
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError:
            raise TemplateProblem(f"mallen {shown} är inte UTF-8") from None

        def uptodate() -> bool:
            try:
                return path.stat().st_mtime_ns == mtime
            except OSError:
                return False

        return source, str(path), uptodate


def _template_loader(repository_root: Path | None) -> jinja2.BaseLoader:
    shipped = jinja2.FileSystemLoader([str(d) for d in shipped_template_dirs()])
    if repository_root is None:
        return shipped
    return jinja2.ChoiceLoader([RepositoryTemplateLoader(repository_root), shipped])


MAX_POWER_BITS = 100_000
"""`a ** b` in a template may make a number of at most this many bits: one C-level power
such as `9 ** 9 ** 9` never returns to Python, so no time limit could stop it."""


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with `**` checked before it runs (see MAX_POWER_BITS);
    `*` on texts and lists is bounded by the render's memory limit (`render.template_limits`)."""

    intercepted_binops = frozenset({"**"})

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        if operator == "**" and _power_too_large(left, right):
            raise SecurityError(f"talet blir för stort ({left!r} ** {right!r})")
        return super().call_binop(context, operator, left, right)


def _power_too_large(base: Any, exponent: Any) -> bool:
    """Whether `base ** exponent` on whole numbers would exceed MAX_POWER_BITS."""
    if not (isinstance(base, int) and isinstance(exponent, int)) or exponent <= 1:
        return False
    return abs(base) > 1 and abs(base).bit_length() * exponent > MAX_POWER_BITS


@lru_cache(maxsize=8)
def make_environment(repository_root: Path | None) -> SandboxedEnvironment:
    """One environment per repository, so templates are compiled once per process (Jinja
    still reloads a template whose file changed)."""
    env = BoundedSandbox(
        loader=_template_loader(repository_root),
        bytecode_cache=_bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        finalize=markdown_escape,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        datum=_long_date,
        iso=_iso_date,
        tidpunkt=_point_in_time,
        antal=counted,
        och=join_and,
        schemalagt=scheduled_sentence,
        frekvens=adverbial,
        markdown=TemplateMarkdown,
        prosa=prose,
        genitiv=genitive,
        versal=lambda text: text[:1].upper() + text[1:],
        aktivitet=lambda party_id, row: row.activities.get(party_id, ""),
    )
    env.globals.update(underskriftslinje=SIGNATURE_LINE, datumlinje=DATE_BLANK)
    return env


def render_template(name: str, context: dict[str, Any], repository_root: Path | None = None) -> str:
    """Render one template; template errors become a `TemplateProblem` naming file and line."""
    env = make_environment(repository_root)
    try:
        with bounded_render(name):
            return _bounded_render(env.get_template(name), context)
    except jinja2.TemplateNotFound as exc:  # `name`, or a template it includes
        raise TemplateProblem(f"mallen '{exc.name}' finns inte") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(f"{exc.filename}:{exc.lineno}: fel i mallen: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise TemplateProblem(f"{_template_line(exc, name)}: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise TemplateProblem(f"{_template_line(exc, name)}: {exc}") from None
    except SamverkanError:
        raise
    except Exception as exc:  # {{ 1/0 }}, {{ "a" + 1 }}, a filter given the wrong kind of value
        place = _template_line(exc, "")
        if not place:
            raise  # not raised while a template ran: an internal error
        raise TemplateProblem(f"{place}: fel i mallen: {_runtime_error(exc)}") from None


MAX_OUTPUT_CHARS = 16_000_000
"""A template's output stops here: a loop over data, or a repository template's nested
loops, cannot fill memory before the document's own size check (SV018) sees it."""


def _bounded_render(template: jinja2.Template, context: dict[str, Any]) -> str:
    """`template.render(context)`, stopped once the output passes `MAX_OUTPUT_CHARS`."""
    parts: list[str] = []
    size = 0
    for chunk in template.generate(context):
        size += len(chunk)
        if size > MAX_OUTPUT_CHARS:
            limit = MAX_OUTPUT_CHARS // 1_000_000
            raise TemplateProblem(
                f"mallen {template.name} skriver mer än {limit} miljoner tecken; "
                "dokumentet blir för stort"
            )
        parts.append(chunk)
    return "".join(parts)


def scheduled_sentence(scheduled: Scheduled, default: str) -> str:
    """The sentence of a Scheduled with its frequency put in (capitalised when it opens the
    sentence); `default` when the Scheduled has no sentence of its own. In `default` the
    frequency takes the form that fits the sentence ("vid två (2) tillfällen per år"); the
    user's own sentence gets the noun phrase, as the user wrote around it. A frequency given
    as written (`som_skrivet`) is put in as it stands, in either sentence."""
    if scheduled.as_written is not None:
        sentence = default if scheduled.text is None else scheduled.text
        return sentence.replace(FREQUENCY_PLACEHOLDER, scheduled.as_written)
    if scheduled.text is None:
        return in_sentence(scheduled.frequency, default)
    sentence = scheduled.text
    frequency = scheduled.frequency.swedish()
    if sentence.startswith(FREQUENCY_PLACEHOLDER):
        frequency = frequency[:1].upper() + frequency[1:]
    return sentence.replace(FREQUENCY_PLACEHOLDER, frequency)


def genitive(name: str) -> str:
    """ "Polisen" → "Polisens", "Stadsdelens" stays; used for "Polisens åtagande"."""
    return name if name.endswith(("s", "x", "z")) else name + "s"


def _long_date(value: dt.date | PartialDate) -> str:
    """ "1 juni 2024"; a year or a month as the text gives it ("september 2020")."""
    return value.long() if isinstance(value, PartialDate) else long_date(value)


def _iso_date(value: dt.date | PartialDate) -> str:
    """ "2024-06-01"; a year or a month as the term clause prints it ("2017", "september
    2020")."""
    return value.swedish() if isinstance(value, PartialDate) else iso_date(value)


def _point_in_time(value: dt.date | PartialDate, iso: bool = False) -> str:
    """When, as a sentence says it after a verb: "den 10 mars 2026" (with `iso`,
    "2026-03-10"), "i mars 2026", "under 2026" – no "den" before a month or a year."""
    date = value if isinstance(value, PartialDate) else PartialDate.of(value)
    if date.is_day:
        return date.iso() if iso else f"den {date.long()}"
    return f"i {date.swedish()}" if date.month is not None else f"under {date.year}"


_RUNTIME_ERRORS = {
    ZeroDivisionError: "division med noll",
    TypeError: "fel slags värde",
    ValueError: "ogiltigt värde",
    LookupError: "värdet finns inte",
    OverflowError: "talet är för stort",
}


def _runtime_error(exc: Exception) -> str:
    """A Swedish name for what went wrong, with Python's own words for the details."""
    kind = next((s for t, s in _RUNTIME_ERRORS.items() if isinstance(exc, t)), "fel")
    return f"{kind} ({type(exc).__name__}: {exc})"


def _template_line(exc: Exception, name: str) -> str:
    """The template file and line from a rendering traceback."""
    tb = exc.__traceback__
    found = name
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found
