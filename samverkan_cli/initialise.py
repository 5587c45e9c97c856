"""`samverkan init`: a new agreement folder, from the built-in skeleton or from an agreement.

Without a source the folder is the skeleton shipped in `samverkan_cli/skeleton/`: a whole
agreement under the default profile whose texts are placeholders («Skriv bakgrunden här.»).
With a source (`--från järva`) it is a copy of that agreement's folder with what belongs
to the old agreement cleared:

- the term starts on the first day of next month and keeps its length; required dates get
  a `# FYLL I` comment, since they must stay valid dates until someone fills them in;
- other dates (signatures, bilagor, the report) are removed, except those of the
  övergripande överenskommelse, a document that stays the same;
- the yearly handlingsplaner move by whole months so that the earliest starts with the new
  term, each keeping its length (marked `# FYLL I`), with their follow-up dates; their
  decision date becomes today's, marked; an extern bilaga's `period` is removed with its date;
- the names of people (signatories, contact persons) and the agreement's own diarienummer
  become placeholders, contact persons' telephone numbers and e-mail addresses are removed.

Either way the folder validates with only SV135 warnings (what is left to fill in) and
perhaps SV108 notes. The YAML is edited as text at the positions of its nodes, so comments
and layout survive. Every YAML file written starts with the yaml-language-server comment
that names its schema, relative to the repository's `schemas/` folder.

The folder is written under a hidden temporary name in `agreements/` and renamed into place
when every file is written, so a failed run leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from samverkan_cli.calendar_arithmetic import LAST_DAY, add_days, add_months, next_day
from samverkan_cli.confinement import PathRefused, confined_file, walk_files
from samverkan_cli.document_limits import MAX_STEM_BYTES
from samverkan_cli.errors import OutputError, UsageError
from samverkan_cli.portable_names import name_bytes, unportable_reason
from samverkan_cli.repository import (
    AGREEMENT_FILE,
    AGREEMENTS_DIR,
    REPORT_FILE,
    Repository,
    find_repository,
)

SCHEMAS_DIR = "schemas"
AGREEMENT_SCHEMA = "overenskommelse.schema.json"
BILAGA_SCHEMA = "bilaga.schema.json"
REPORT_SCHEMA = "tjansteutlatande.schema.json"
SCHEMA_COMMENT = "# yaml-language-server: $schema="
SKELETON_OUTPUT_NAME = "lokal-samverkansoverenskommelse"

MAX_NAME_CHARS = 100
MAX_NAME_BYTES = 200
"""The longest name of a new agreement: 100 characters, and at most 200 bytes of UTF-8 for
scripts whose letters take more. The folder is first written as `.<name>.<8>.init`, and
every name must fit the 255 bytes a file system stores; 100 is far more than any
agreement's name needs."""
OVERARCHING = "övergripande överenskommelse"

PLACEHOLDER_SIGNATORY = "«Namn på den som undertecknar»"
PLACEHOLDER_PERSON = "«Namn på kontaktpersonen»"
PLACEHOLDER_REGISTRATION = "«Diarienummer»"
FILL_IN_START = "FYLL I: första dagen överenskommelsen gäller"
FILL_IN_END = "FYLL I: sista dagen överenskommelsen gäller"
FILL_IN_DECISION = "FYLL I: dagen då beslutet fattades"
FILL_IN_PLAN_START = "FYLL I: första dagen handlingsplanen gäller"
FILL_IN_PLAN_END = "FYLL I: sista dagen handlingsplanen gäller"
OPERATIVE_PLAN = "handlingsplan"
CITIZEN_PROMISES = "medborgarlöften"
FILL_IN_PROMISES_START = "FYLL I: första dagen löftena gäller"
FILL_IN_PROMISES_END = "FYLL I: sista dagen löftena gäller"
FILL_IN_FOLLOW_UP = "FYLL I: dag då löftena följs upp"

KeyPath = tuple[str | int, ...]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YAML_SUFFIXES = {".yaml", ".yml"}
_PLAIN_SAFE = re.compile(r"^[^\s#:'\"{}\[\],&*!|>%@`?-][^#:\n]*(?<!\s)$")


@dataclass(frozen=True, slots=True)
class Initialised:
    """The new agreement folder and every file written in it."""

    folder: Path
    written: list[Path]


def repository_for_init(cwd: Path) -> Repository:
    """The repository around `cwd`, or a new one at `cwd` when there is none yet (its
    `agreements/` folder is made when the first agreement is written)."""
    try:
        return find_repository(cwd)
    except UsageError:
        return Repository(cwd.resolve())


def check_new_name(repository: Repository, name: str) -> str:
    """The name (NFC) if a new agreement folder may be made with it, else a UsageError."""
    normalised = unicodedata.normalize("NFC", name)
    if not normalised.strip():
        raise UsageError("ange ett namn på den nya överenskommelsen, till exempel 'kista'")
    if normalised != normalised.strip():
        raise UsageError(f"namnet '{name}' får inte börja eller sluta med mellanslag")
    if any(sep in normalised for sep in ("/", "\\", os.sep, os.altsep or "/")):
        raise UsageError(
            f"namnet '{name}' får inte innehålla / eller \\; ange bara mappens namn under "
            f"{AGREEMENTS_DIR}/, till exempel 'kista'"
        )
    if ".." in normalised:
        raise UsageError(f"namnet '{name}' får inte innehålla '..'")
    if normalised.startswith("."):
        raise UsageError(f"namnet '{name}' får inte börja med punkt (mappen skulle vara dold)")
    if any(unicodedata.category(char).startswith("C") for char in normalised):
        raise UsageError(f"namnet {name!r} innehåller styrtecken")
    if len(normalised) > MAX_NAME_CHARS or name_bytes(normalised) > MAX_NAME_BYTES:
        raise UsageError(
            f"namnet är för långt ({len(normalised)} tecken); ange högst {MAX_NAME_CHARS} "
            f"tecken, till exempel 'kista'"
        )
    unportable = unportable_reason(normalised)
    if unportable is not None:
        raise UsageError(f"namnet '{name}' går inte att använda: {unportable}")
    wanted = normalised.casefold()
    for existing in repository.agreement_names():
        if existing.casefold() == wanted:
            raise UsageError(
                f"det finns redan en överenskommelse som heter '{existing}' i "
                f"{repository.agreements_dir}; välj ett annat namn"
            )
    if (repository.agreements_dir / normalised).exists():
        raise UsageError(f"{repository.agreements_dir / normalised} finns redan")
    return normalised


MALLAR: dict[str, str | None] = {
    "stadsdel": None,
    "kommun": "exempel-kommun",
    "flera-kommuner": "exempel-tre-kommuner",
    "medborgarlöfte": "exempel-medborgarlofte",
}
"""The shapes `init --mall` starts from: the built-in skeleton (a stadsdelsförvaltning under
stockholm-lokal-2023), or one of the shipped examples with its dates and people cleared: a
kommun with a lokalt BRÅ and a one-year medborgarlöfte, and one LPO with three kommuner and
an activity matrix, both under bra-samverkan and lag-2023-196; or a medborgarlöfte as a
document of its own, one year's promises signed by the kommun and the lokalpolisområde,
under bra-samverkan alone (the law's lägesbild and åtgärdsplan belong to the kommun's
agreement, not to the promises)."""

MALL_OUTPUT_NAMES = {"medborgarlöfte": "medborgarlofte"}
"""The start of `filnamn` for a mall whose document is not a samverkansöverenskommelse."""


def mall_folder(mall: str) -> Path | None:
    """The example a mall copies: shipped in the wheel, or in the source tree's agreements/."""
    example = MALLAR[mall]
    if example is None:
        return None
    shipped = Path(str(files("samverkan_cli"))) / "mallar" / example
    source_tree = Path(__file__).resolve().parent.parent / AGREEMENTS_DIR / example
    for folder in (shipped, source_tree):
        if (folder / AGREEMENT_FILE).is_file():
            return folder
    raise UsageError(f"mallen '{mall}' saknas i installationen")


def initialise(
    repository: Repository,
    name: str,
    source: str | None = None,
    *,
    today: dt.date | None = None,
    mall: str = "stadsdel",
) -> Initialised:
    """Make `agreements/<name>/` from a mall (default: the skeleton), or from the agreement
    named `source`."""
    repository.check_agreements_dir()  # `agreements/` as a link out: nothing is written
    name = check_new_name(repository, name)
    if mall not in MALLAR:
        raise UsageError(f"okänd mall '{mall}'; mallar: {', '.join(MALLAR)}")
    day = today or dt.date.today()
    plan = _Plan(start=add_months(day.replace(day=1), 1), today=day)
    example = mall_folder(mall) if source is None else None
    if source is not None:
        folder = repository.resolve(source)
        plan.copied_from = f"{AGREEMENTS_DIR}/{unicodedata.normalize('NFC', folder.name)}"
        contents = dict(_folder_files(folder))
    elif example is not None:
        plan.output_name = _output_name(name, MALL_OUTPUT_NAMES.get(mall, SKELETON_OUTPUT_NAME))
        plan.copied_from = f"mallen {mall}"
        contents = dict(_folder_files(example))
    else:
        plan.output_name = _output_name(name)
        contents = dict(_skeleton_files())
    plan.plan_shift = _operative_plan_shift(contents, plan.start)
    target = repository.agreements_dir / name
    prepared = {
        relative: _prepare(relative, content, plan, target, repository.root)
        for relative, content in contents.items()
    }
    return Initialised(target, _write_folder(target, prepared))


def schema_comment(file: Path, root: Path, schema: str) -> str:
    """The first line of a YAML file: its schema, relative from the file to `schemas/`."""
    relative = Path(os.path.relpath(root / SCHEMAS_DIR / schema, file.parent)).as_posix()
    return f"{SCHEMA_COMMENT}{relative}"


def schema_for(relative: Path) -> str:
    """The schema of a YAML file in an agreement folder, by its place in the folder."""
    if relative == Path(AGREEMENT_FILE):
        return AGREEMENT_SCHEMA
    if relative == Path(REPORT_FILE):
        return REPORT_SCHEMA
    return BILAGA_SCHEMA


# --- the files to start from ----------------------------------------------------------------


def _skeleton_files() -> Iterator[tuple[Path, bytes]]:
    yield from _traverse(files("samverkan_cli") / "skeleton", Path())


def _traverse(folder: Traversable, relative: Path) -> Iterator[tuple[Path, bytes]]:
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if item.name.startswith(".") or item.name == "__pycache__":
            continue
        if item.is_dir():
            yield from _traverse(item, relative / item.name)
        else:
            yield relative / item.name, item.read_bytes()


def _folder_files(folder: Path) -> Iterator[tuple[Path, bytes]]:
    """Every file of an agreement folder (links that lead outside it are left out)."""
    for path in walk_files(folder):  # links to folders are not followed
        try:
            confined_file(path, folder)
        except PathRefused:
            continue
        try:
            yield path.relative_to(folder), path.read_bytes()
        except OSError as exc:
            raise UsageError(f"kan inte läsa {path}: {exc.strerror or exc}") from None


def _output_name(name: str, prefix: str = SKELETON_OUTPUT_NAME) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    ascii_name = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")
    slug = slug[: MAX_STEM_BYTES - len(prefix) - 1].rstrip("-")  # filnamn stays valid (SV151)
    return f"{prefix}-{slug}" if slug else prefix


# --- preparing one file ------------------------------------------------------------------------


@dataclass(slots=True)
class _Plan:
    """What to put in place of the old agreement's dates, and where it came from."""

    start: dt.date
    today: dt.date
    output_name: str | None = None
    copied_from: str | None = None
    plan_shift: int = 0
    """The months every handlingsplan moves, so that the earliest starts with the new term."""


def _prepare(relative: Path, content: bytes, plan: _Plan, target: Path, root: Path) -> bytes:
    if relative.suffix not in _YAML_SUFFIXES:
        return content
    try:
        text = content.decode("utf-8").removeprefix("\ufeff")
        document = yaml.compose(text, Loader=yaml.SafeLoader)
    except (UnicodeDecodeError, yaml.YAMLError):
        raise UsageError(
            f"{relative.as_posix()} kan inte läsas som YAML; rätta källan först "
            "(samverkan validate visar var)"
        ) from None
    schema = schema_for(relative)
    if document is not None:
        entries = dict(_index(document))
        text = _Editor(text, entries).apply(_edits(schema, entries, plan))
    comment = schema_comment(target / relative, root, schema)
    if plan.copied_from is not None:
        comment += (
            f"\n# Kopia av {plan.copied_from} (samverkan init): avtalstid, datum, personer och "
            "diarienummer är rensade;\n# kommentarerna nedan kan gälla originalet."
        )
    return _with_schema_comment(text, comment).encode("utf-8")


def _with_schema_comment(text: str, comment: str) -> str:
    """`text` with `comment` as its first line(s), in the file's own line breaks."""
    newline = "\r\n" if "\r\n" in text else "\n"
    comment = comment.replace("\n", newline)
    first, _, rest = text.partition("\n")
    if first.startswith(SCHEMA_COMMENT):
        return f"{comment}{newline}{rest}"
    return f"{comment}{newline}{text}"


@dataclass(frozen=True, slots=True)
class _Entry:
    """A node of the document with the key it stands under and the mapping it is in."""

    key: ScalarNode | None
    value: Node
    parent: MappingNode | None


def _index(node: Node, path: KeyPath = ()) -> Iterator[tuple[KeyPath, _Entry]]:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                child = (*path, str(key.value))
                yield child, _Entry(key, value, node)
                yield from _index(value, child)
    elif isinstance(node, SequenceNode):
        for position, item in enumerate(node.value):
            yield (*path, position), _Entry(None, item, None)
            yield from _index(item, (*path, position))


@dataclass(frozen=True, slots=True)
class _Edit:
    path: KeyPath
    action: str
    """'replace', 'replace-marked' (with a FYLL I comment) or 'drop'."""
    text: str = ""
    comment: str = ""


def _scalar(entries: dict[KeyPath, _Entry], path: KeyPath) -> str | None:
    entry = entries.get(path)
    if entry is None or not isinstance(entry.value, ScalarNode):
        return None
    return str(entry.value.value)


def _edits(schema: str, entries: dict[KeyPath, _Entry], plan: _Plan) -> list[_Edit]:
    kind = _scalar(entries, ("typ",))
    edits: list[_Edit] = []
    if schema == AGREEMENT_SCHEMA:
        edits += _agreement_edits(entries, plan)
    if schema == BILAGA_SCHEMA and kind == "kontaktuppgifter":
        edits += _contact_edits(entries)
    if schema == BILAGA_SCHEMA and kind == OPERATIVE_PLAN:
        edits += _operative_plan_edits(entries, plan)
    if schema == BILAGA_SCHEMA and kind == CITIZEN_PROMISES:
        edits += _promise_edits(entries, plan)
    if schema == REPORT_SCHEMA:
        edits += _replace_if_present(entries, ("undertecknare", "namn"), PLACEHOLDER_SIGNATORY)
        edits += _replace_if_present(entries, ("diarienummer",), PLACEHOLDER_REGISTRATION)
    decided = ("beslut", "datum")
    if schema == BILAGA_SCHEMA and _is_date(_scalar(entries, decided)):
        edits.append(_Edit(decided, "replace-marked", plan.today.isoformat(), FILL_IN_DECISION))
        edits += _replace_if_present(entries, ("beslut", "diarienummer"), PLACEHOLDER_REGISTRATION)
    handled = {edit.path for edit in edits}
    keep_dates = schema == BILAGA_SCHEMA and kind == OVERARCHING
    for path in entries:
        if path in handled or path[-1:] != ("datum",) or keep_dates:
            continue
        if not _is_date(_scalar(entries, path)):
            continue
        if path[:2] == ("bilagor", "lista") and _scalar(entries, (*path[:3], "typ")) == OVERARCHING:
            continue
        edits.append(_Edit(path, "drop"))
    return edits


def _agreement_edits(entries: dict[KeyPath, _Entry], plan: _Plan) -> list[_Edit]:
    edits: list[_Edit] = []
    if plan.output_name is not None:
        edits += _replace_if_present(entries, ("filnamn",), plan.output_name)
    old_start = _date(_scalar(entries, ("tid", "från")))
    if old_start is not None:
        edits.append(
            _Edit(("tid", "från"), "replace-marked", plan.start.isoformat(), FILL_IN_START)
        )
        old_end = _date(_scalar(entries, ("tid", "till")))
        if old_end is not None:
            end = _shifted_end(old_start, old_end, plan.start)
            edits.append(_Edit(("tid", "till"), "replace-marked", end.isoformat(), FILL_IN_END))
    for path in entries:
        if len(path) == 4 and path[0] == "parter" and path[2:] == ("undertecknare", "namn"):
            edits.append(_Edit(path, "replace", PLACEHOLDER_SIGNATORY))
        elif len(path) == 3 and path[0] == "parter" and path[2] == "diarienummer":
            edits.append(_Edit(path, "replace", PLACEHOLDER_REGISTRATION))
        elif len(path) == 4 and path[:2] == ("förord", "undertecknare") and path[3] == "namn":
            edits.append(_Edit(path, "replace", PLACEHOLDER_SIGNATORY))
    periods = [
        _Edit(path, "drop")
        for path in entries
        if len(path) == 5 and path[:2] == ("bilagor", "lista") and path[3:] == ("extern", "period")
    ]
    return [edit for edit in edits if _scalar(entries, edit.path) is not None] + periods


def _operative_plan_shift(contents: dict[Path, bytes], start: dt.date) -> int:
    """Whole months from the earliest handlingsplan's first day to the new term's start."""
    starts: list[dt.date] = []
    for relative, content in contents.items():
        if relative.suffix not in _YAML_SUFFIXES or relative == Path(AGREEMENT_FILE):
            continue
        try:
            data = yaml.safe_load(content.decode("utf-8").removeprefix("\ufeff"))
        except (UnicodeDecodeError, yaml.YAMLError):
            continue  # reported when the file itself is prepared
        if not isinstance(data, dict) or data.get("typ") != OPERATIVE_PLAN:
            continue
        period = data.get("period")
        if isinstance(period, dict):
            first = _date(str(period.get("från")))
            if first is not None:
                starts.append(first)
    if not starts:
        return 0
    earliest = min(starts)
    return (start.year - earliest.year) * 12 + start.month - earliest.month


def _operative_plan_edits(entries: dict[KeyPath, _Entry], plan: _Plan) -> list[_Edit]:
    edits: list[_Edit] = []
    old_start = _date(_scalar(entries, ("period", "från")))
    old_end = _date(_scalar(entries, ("period", "till")))
    if old_start is not None and old_end is not None:
        start = add_months(old_start, plan.plan_shift)
        end = _shifted_end(old_start, old_end, start)
        edits.append(
            _Edit(("period", "från"), "replace-marked", start.isoformat(), FILL_IN_PLAN_START)
        )
        edits.append(_Edit(("period", "till"), "replace-marked", end.isoformat(), FILL_IN_PLAN_END))
    decided = ("fastställd", "datum")
    if _is_date(_scalar(entries, decided)):
        edits.append(_Edit(decided, "replace-marked", plan.today.isoformat(), FILL_IN_DECISION))
        edits += _replace_if_present(
            entries, ("fastställd", "diarienummer"), PLACEHOLDER_REGISTRATION
        )
    for path in entries:
        day = _date(_scalar(entries, path)) if path[:2] == ("uppföljning", "tillfällen") else None
        if day is not None:
            edits.append(_Edit(path, "replace", add_months(day, plan.plan_shift).isoformat()))
    return edits


def _promise_edits(entries: dict[KeyPath, _Entry], plan: _Plan) -> list[_Edit]:
    """Medborgarlöften are new each period: the period moves by whole months to start with
    the new term, keeping its length, and the follow-up dates move with it; all are marked,
    for the new promises' own dates."""
    old_start = _date(_scalar(entries, ("period", "från")))
    old_end = _date(_scalar(entries, ("period", "till")))
    if old_start is None or old_end is None:
        return []
    months = (plan.start.year - old_start.year) * 12 + plan.start.month - old_start.month
    start = add_months(old_start, months)
    end = _shifted_end(old_start, old_end, start)
    edits = [
        _Edit(("period", "från"), "replace-marked", start.isoformat(), FILL_IN_PROMISES_START),
        _Edit(("period", "till"), "replace-marked", end.isoformat(), FILL_IN_PROMISES_END),
    ]
    for path in entries:
        day = _date(_scalar(entries, path)) if path[:1] == ("uppföljning",) else None
        if day is not None and len(path) == 2:
            moved = add_months(day, months).isoformat()
            edits.append(_Edit(path, "replace-marked", moved, FILL_IN_FOLLOW_UP))
    return edits


def _contact_edits(entries: dict[KeyPath, _Entry]) -> list[_Edit]:
    edits: list[_Edit] = []
    for path in entries:
        if len(path) == 3 and path[0] == "personer" and _scalar(entries, path) is not None:
            if path[2] == "namn":
                edits.append(_Edit(path, "replace", PLACEHOLDER_PERSON))
            elif path[2] in {"telefon", "epost"}:
                edits.append(_Edit(path, "drop"))
    return edits


def _replace_if_present(entries: dict[KeyPath, _Entry], path: KeyPath, text: str) -> list[_Edit]:
    return [_Edit(path, "replace", text)] if _scalar(entries, path) is not None else []


def _is_date(value: str | None) -> bool:
    return _date(value) is not None


def _date(value: str | None) -> dt.date | None:
    if value is None or not _DATE.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _shifted_end(old_start: dt.date, old_end: dt.date, start: dt.date) -> dt.date:
    """The end of a term as long as the old one from `start`: whole months, then days, counted
    to the day after the end, so that 2017-01-01–2018-12-31 becomes two years again."""
    after = next_day(old_end)
    if after is None:
        return LAST_DAY  # the old one ran to the end of the calendar, and so does the copy
    months = (after.year - old_start.year) * 12 + after.month - old_start.month
    rest = after - add_months(old_start, months)
    return add_days(add_months(start, months), rest.days - 1)


class _Editor:
    """Edits YAML text at the positions of its nodes, leaving everything else as it was."""

    def __init__(self, text: str, entries: dict[KeyPath, _Entry]) -> None:
        self.text = text
        self.entries = entries
        self.changes: dict[tuple[int, int], str] = {}
        """(start, end) → replacement; keyed by span, so a node reached twice (through an
        alias) is changed once."""

    def apply(self, edits: list[_Edit]) -> str:
        dropped: dict[int, set[KeyPath]] = {}
        for edit in edits:
            entry = self.entries[edit.path]
            if edit.action == "drop" and entry.parent is not None:
                dropped.setdefault(id(entry.parent), set()).add(edit.path)
        for edit in edits:
            entry = self.entries[edit.path]
            if edit.action == "replace":
                self._replace(entry.value, _scalar_text(edit.text))
            elif edit.action == "replace-marked":
                self._replace_marked(entry.value, edit.text, edit.comment)
            elif entry.parent is not None and len(dropped[id(entry.parent)]) < len(
                entry.parent.value
            ):
                self._drop(entry)
            else:
                self._replace(entry.value, "null")  # the mapping must keep a key
        text = self.text
        for (start, end), replacement in sorted(self.changes.items(), reverse=True):
            text = text[:start] + replacement + text[end:]
        return text

    def _span(self, node: Node) -> tuple[int, int]:
        """From the node's first character to its last: a block scalar without its line
        break, a block mapping or sequence to the end of its last value (its end mark lies
        at the next token, past any comments between)."""
        last = node
        while isinstance(last, MappingNode | SequenceNode) and not last.flow_style and last.value:
            item = last.value[-1]
            last = item[1] if isinstance(last, MappingNode) else item
        start, end = node.start_mark.index, last.end_mark.index
        return start, start + len(self.text[start:end].rstrip())

    def _replace(self, node: Node, replacement: str) -> None:
        start, end = self._span(node)
        self.changes[start, end] = replacement

    def _replace_marked(self, node: Node, replacement: str, comment: str) -> None:
        start, end = self._span(node)
        line_end = self._line_end(end)
        rest = self.text[end:line_end].strip()
        if not rest or rest.startswith("#"):
            self.changes[start, line_end] = f"{replacement}  # {comment}"
        else:
            self.changes[start, end] = replacement
            self.changes[line_end, line_end] = f"  # {comment}"

    def _drop(self, entry: _Entry) -> None:
        """Remove `key: value` as whole lines when it has lines of its own, else set null."""
        assert entry.key is not None
        key_start = entry.key.start_mark.index
        line_start = self.text.rfind("\n", 0, key_start) + 1
        _, value_end = self._span(entry.value)
        line_end = self._line_end(value_end)
        own_lines = not self.text[line_start:key_start].strip()
        tail = self.text[value_end:line_end].strip()
        if own_lines and (not tail or tail.startswith("#")):
            self.changes[line_start, self._next_line(line_end)] = ""
        else:
            self._replace(entry.value, "null")

    def _line_end(self, index: int) -> int:
        """Where the line holding `index` ends: at its line break (CR LF or LF)."""
        found = self.text.find("\n", index)
        if found < 0:
            return len(self.text)
        return found - 1 if found > index and self.text[found - 1] == "\r" else found

    def _next_line(self, index: int) -> int:
        found = self.text.find("\n", index)
        return len(self.text) if found < 0 else found + 1


def _scalar_text(text: str) -> str:
    """`text` as a YAML scalar: plain when it reads back as the same text (or is a date,
    which samverkan reads as written), else quoted."""
    if _is_date(text) or (_PLAIN_SAFE.match(text) and yaml.safe_load(text) == text):
        return text
    return json.dumps(text, ensure_ascii=False)


# --- writing the folder ------------------------------------------------------------------------


def _write_folder(target: Path, contents: dict[Path, bytes]) -> list[Path]:
    """Write every file under a hidden temporary folder, then rename it to `target`."""
    parent = target.parent
    temporary: Path | None = None
    try:
        parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".init", dir=parent))
        for relative, content in sorted(contents.items()):
            path = temporary / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        if target.exists():
            raise OutputError(f"{target} finns redan")
        temporary.rename(target)
        temporary = None
    except OSError as exc:
        raise OutputError(
            f"kan inte skapa {target}: {exc.strerror or exc} ({exc.filename})"
        ) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                shutil.rmtree(temporary)
    return [target / relative for relative in sorted(contents)]


__all__ = [
    "Initialised",
    "check_new_name",
    "initialise",
    "repository_for_init",
    "schema_comment",
    "schema_for",
]
