"""`samverkan init`: a new agreement folder, from a mall or from an agreement.

Without a source the folder is made from a mall: the built-in skeleton in
`samverkan_cli/skeleton/` (a stadsdelsförvaltning under stockholm-lokal-2023, whose texts are
placeholders such as «Skriv bakgrunden här.»), or one of the shipped examples with every
value that is the example's own made a placeholder (`mall_placeholders`). With a source
(`--från järva`) it is a copy of that agreement's folder with what belongs to the old
agreement cleared (`copy_edits`).

Either way the folder validates with only SV135 warnings (what is left to fill in) and
perhaps SV108 notes. The YAML is edited as text at the positions of its nodes
(`yaml_editing`), so comments and layout survive. Every YAML file written starts with the
yaml-language-server comment that names its schema, relative to the repository's
`schemas/` folder.

The folder is written under a hidden temporary name in `agreements/` and renamed into place
when every file is written, so a failed run leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
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

from samverkan_cli.calendar_arithmetic import add_months
from samverkan_cli.confinement import PathRefused, confined_file, walk_files
from samverkan_cli.copy_edits import (
    AGREEMENT_SCHEMA,
    BILAGA_SCHEMA,
    REPORT_SCHEMA,
    YAML_SUFFIXES,
    Plan,
    copy_edits,
    operative_plan_shift,
)
from samverkan_cli.copy_shifts import term_years
from samverkan_cli.document_limits import MAX_STEM_BYTES
from samverkan_cli.errors import OutputError, UsageError
from samverkan_cli.init_dates import months_between, parse_date
from samverkan_cli.mall_placeholders import AGREEMENT, file_months, mall_edits
from samverkan_cli.portable_names import name_bytes, unportable_reason
from samverkan_cli.repository import (
    AGREEMENT_FILE,
    AGREEMENTS_DIR,
    REPORT_FILE,
    Repository,
    find_repository,
)
from samverkan_cli.yaml_editing import Edit, Editor, Entry, KeyPath, index, scalar

SCHEMAS_DIR = "schemas"
SCHEMA_COMMENT = "# yaml-language-server: $schema="
SKELETON_OUTPUT_NAME = "lokal-samverkansoverenskommelse"

MAX_NAME_CHARS = 100
MAX_NAME_BYTES = 200
"""The longest name of a new agreement: 100 characters, and at most 200 bytes of UTF-8 for
scripts whose letters take more. The folder is first written as `.<name>.<8>.init`, and
every name must fit the 255 bytes a file system stores; 100 is far more than any
agreement's name needs."""


@dataclass(frozen=True, slots=True)
class Initialised:
    """The new agreement folder and every file written in it."""

    folder: Path
    written: list[Path]
    example: str | None = None
    """The mall applied when `--från` named a shipped example."""


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
stockholm-lokal-2023), or one of the shipped examples with every value of its own made a
placeholder: a kommun with a lokalt BRÅ and a one-year medborgarlöfte, and one LPO with
three kommuner and an activity matrix, both under bra-samverkan and lag-2023-196; or a
medborgarlöfte as a document of its own, one year's promises signed by the kommun and the
lokalpolisområde, under bra-samverkan alone (the law's lägesbild and åtgärdsplan belong to
the kommun's agreement, not to the promises)."""

MALL_DESCRIPTIONS: dict[str, str] = {
    "stadsdel": "en stadsdelsförvaltning i Stockholm och ett lokalpolisområde "
    "(profilen stockholm-lokal-2023)",
    "kommun": "en kommun med lokalt BRÅ och ett lokalpolisområde "
    "(profilerna bra-samverkan och lag-2023-196)",
    "flera-kommuner": "ett lokalpolisområde och flera kommuner, med aktivitetsmatris och "
    "årlig handlingsplan",
    "medborgarlöfte": "ett eget dokument med ett års medborgarlöften från kommunen och Polisen",
}
"""One line of Swedish for each mall, shown when `init` asks which to use."""

MALL_FOR_PARTY_KIND: dict[str, str] = {
    "stadsdelsförvaltning": "stadsdel",
    "stadsdelsnämnd": "stadsdel",
    "kommun": "kommun",
    "flera-kommuner": "flera-kommuner",
}
"""The mall for `init --part KIND`: the kind of the party that is not the police."""

DEFAULT_MALL = "stadsdel"

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
    mall: str = DEFAULT_MALL,
) -> Initialised:
    """Make `agreements/<name>/` from a mall (default: the skeleton), or from the agreement
    named `source`."""
    repository.check_agreements_dir()  # `agreements/` as a link out: nothing is written
    name = check_new_name(repository, name)
    if mall not in MALLAR:
        raise UsageError(f"okänd mall '{mall}'; mallar: {', '.join(MALLAR)}")
    day = today or dt.date.today()
    plan = Plan(start=add_months(day.replace(day=1), 1), today=day)
    example = mall_folder(mall) if source is None else None
    if source is not None:
        folder = repository.resolve(source)
        contents = dict(_folder_files(folder))
        copied = example_mall(folder, contents)
        if copied is not None:  # a shipped example is a mall, whatever it is called
            mall, example = copied, folder
    if example is not None:
        plan.output_name = _output_name(name, MALL_OUTPUT_NAMES.get(mall, SKELETON_OUTPUT_NAME))
        plan.mall = mall
        contents = dict(_folder_files(example))
        plan.term_months = _term_months(contents, plan.start)
    elif source is not None:
        plan.copied_from = f"{AGREEMENTS_DIR}/{unicodedata.normalize('NFC', folder.name)}"
        plan.term_months = _term_months(contents, plan.start)
        plan.term_years = term_years(contents)
    else:
        plan.output_name = _output_name(name)
        contents = dict(_skeleton_files())
    plan.plan_shift = operative_plan_shift(contents, plan.start)
    target = repository.agreements_dir / name
    prepared = {
        relative: _prepare(relative, content, plan, target, repository.root)
        for relative, content in contents.items()
    }
    copied_example = mall if source is not None and plan.mall is not None else None
    return Initialised(target, _write_folder(target, prepared), copied_example)


EXAMPLE_MARKER = "# EXEMPEL"
"""How a shipped example's files begin (after the schema comment): its comments say that
everything in it is invented."""
MALL_MARKER = "# Skapad från mallen"
"""How `init --mall` marks a folder made from an example: it is the user's, not an example."""


def example_mall(folder: Path, contents: dict[Path, bytes]) -> str | None:
    """The mall to apply when `init --från` names a shipped example: one of the MALLAR
    folders (by name or place), or any agreement whose first comments begin
    `# EXEMPEL` and that `init` did not itself make from a mall. None for the user's own."""
    leading = _leading_comments(contents.get(Path(AGREEMENT_FILE), b""))
    if any(line.startswith(MALL_MARKER) for line in leading):
        return None
    name = unicodedata.normalize("NFC", folder.name)
    for mall, example in MALLAR.items():
        if example is None:
            continue
        shipped = mall_folder(mall)
        if name == example or (shipped is not None and shipped.resolve() == folder.resolve()):
            return mall
    if any(line.startswith(EXAMPLE_MARKER) for line in leading):
        return _mall_by_output_name(contents)
    return None


def _leading_comments(content: bytes) -> list[str]:
    """The comment lines before the first line of data."""
    lines: list[str] = []
    for line in content.decode("utf-8", errors="replace").removeprefix("\ufeff").splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            break
        lines.append(stripped)
    return lines


def _mall_by_output_name(contents: dict[Path, bytes]) -> str:
    """The mall an example copied under another name is most like: a medborgarlöfte by its
    output name, else a kommun's (the mall's edits do not depend on it; only the comment
    and the output name's start do)."""
    text = contents.get(Path(AGREEMENT_FILE), b"").decode("utf-8", errors="replace")
    if re.search(r"(?m)^filnamn:\s*medborgarl", text):
        return "medborgarlöfte"
    return "kommun"


def _term_months(contents: dict[Path, bytes], start: dt.date) -> int:
    """Whole months from the mall's term's first day to the new term's."""
    try:
        data = yaml.safe_load(contents[Path(AGREEMENT_FILE)].decode("utf-8"))
    except (KeyError, UnicodeDecodeError, yaml.YAMLError):
        return 0  # reported when the file itself is prepared
    term = data.get("tid") if isinstance(data, dict) else None
    first = parse_date(str(term.get("från"))) if isinstance(term, dict) else None
    return 0 if first is None else months_between(first, start)


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


def _prepare(relative: Path, content: bytes, plan: Plan, target: Path, root: Path) -> bytes:
    if relative.suffix not in YAML_SUFFIXES:
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
        entries = dict(index(document))
        text = Editor(text, entries).apply(_edits(schema, entries, plan))
    comment = schema_comment(target / relative, root, schema)
    if plan.mall is not None:
        comment += (
            f"\n# Skapad från mallen {plan.mall} (samverkan init): exemplets texter står inom "
            "«Exempel: …» och ska ersättas;\n# datum, antal och organisationsnummer är "
            "markerade med FYLL I. Kommentarerna nedan gäller exemplet."
        )
    elif plan.copied_from is not None:
        comment += (
            f"\n# Kopia av {plan.copied_from} (samverkan init): avtalstid, datum, personer och "
            "diarienummer är rensade; andra datum och årtal\n# är flyttade med avtalstiden och "
            "markerade med FYLL I. Kommentarerna nedan kan gälla originalet."
        )
    return _with_schema_comment(text, comment).encode("utf-8")


def _edits(schema: str, entries: dict[KeyPath, Entry], plan: Plan) -> list[Edit]:
    """A mall's edits turn every value of the example into a placeholder; a copy's clear
    what belonged to the old agreement."""
    if plan.mall is None:
        return copy_edits(schema, entries, plan)
    kind = AGREEMENT if schema == AGREEMENT_SCHEMA else scalar(entries, ("typ",)) or schema
    months = file_months(kind, entries, plan.start, plan.term_months, plan.plan_shift)
    return mall_edits(kind, entries, months, plan.output_name)


def _with_schema_comment(text: str, comment: str) -> str:
    """`text` with `comment` as its first line(s), in the file's own line breaks."""
    newline = "\r\n" if "\r\n" in text else "\n"
    comment = comment.replace("\n", newline)
    first, _, rest = text.partition("\n")
    if first.startswith(SCHEMA_COMMENT):
        return f"{comment}{newline}{rest}"
    return f"{comment}{newline}{text}"


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
    "DEFAULT_MALL",
    "MALLAR",
    "MALL_DESCRIPTIONS",
    "MALL_FOR_PARTY_KIND",
    "Initialised",
    "check_new_name",
    "example_mall",
    "initialise",
    "repository_for_init",
    "schema_comment",
    "schema_for",
]
