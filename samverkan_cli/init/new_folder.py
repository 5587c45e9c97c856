"""`samverkan init`: a new agreement folder, from a mall or from an agreement.

Without a source the folder is made from a mall: the built-in skeleton in
`samverkan_cli/init/skeleton/` (a stadsdelsförvaltning under stockholm-lokal-2023, whose texts are
placeholders such as «Skriv bakgrunden här.»), or one of the shipped examples with every
value that is the example's own made a placeholder (`init.mall_values`). With a source
(`--från järva`) it is a copy of that agreement's folder with what belongs to the old
agreement cleared (`init.copy_edits`).

Either way the folder validates with only SV135 warnings (what is left to fill in) and
perhaps SV108 notes. The YAML is edited as text at the positions of its nodes
(`init.yaml_editing`), so comments and layout survive. Every YAML file written starts with the
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

from samverkan_cli.core.confinement import PathRefused, confined_file, walk_files
from samverkan_cli.core.date_arithmetic import add_months
from samverkan_cli.core.errors import OutputError, UsageError
from samverkan_cli.core.portable_names import name_bytes, unportable_reason
from samverkan_cli.init.copy_edits import Plan, operative_plan_shift
from samverkan_cli.init.copy_shifts import term_years
from samverkan_cli.init.file_preparation import prepare
from samverkan_cli.init.mall_catalogue import (
    DEFAULT_MALL,
    MALL_OUTPUT_NAMES,
    MALLAR,
    example_mall,
    mall_folder,
)
from samverkan_cli.init.moved_dates import (
    months_between,
    parse_date,
    parse_written,
    term_start_months,
)
from samverkan_cli.model.output_capacity import MAX_STEM_BYTES
from samverkan_cli.model.translation import translation_code
from samverkan_cli.source.repository import (
    AGREEMENT_FILE,
    AGREEMENTS_DIR,
    Repository,
    find_repository,
)

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
        relative: prepare(relative, content, plan, target, repository.root)
        for relative, content in contents.items()
    }
    copied_example = mall if source is not None and plan.mall is not None else None
    return Initialised(target, write_folder(target, prepared), copied_example)


def _term_months(contents: dict[Path, bytes], start: dt.date) -> int:
    """Whole months from the mall's term's first day to the new term's."""
    try:
        data = yaml.safe_load(contents[Path(AGREEMENT_FILE)].decode("utf-8"))
    except (KeyError, UnicodeDecodeError, yaml.YAMLError):
        return 0  # reported when the file itself is prepared
    term = data.get("tid") if isinstance(data, dict) else None
    first = parse_date(str(term.get("från"))) if isinstance(term, dict) else None
    if first is not None:
        return months_between(first, start)
    written = parse_written(term.get("från")) if isinstance(term, dict) else None
    return 0 if written is None else term_start_months(written, start)  # a year or a month


# --- the files to start from ----------------------------------------------------------------


def _skeleton_files() -> Iterator[tuple[Path, bytes]]:
    yield from _traverse(files("samverkan_cli") / "init" / "skeleton", Path())


def _traverse(folder: Traversable, relative: Path) -> Iterator[tuple[Path, bytes]]:
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if item.name.startswith(".") or item.name == "__pycache__":
            continue
        if item.is_dir():
            yield from _traverse(item, relative / item.name)
        else:
            yield relative / item.name, item.read_bytes()


def _folder_files(folder: Path) -> Iterator[tuple[Path, bytes]]:
    """Every file of an agreement folder (links that lead outside it are left out), but its
    translations: they translate the old text, and are made anew once the new one is written."""
    for path in walk_files(folder):  # links to folders are not followed
        if path.parent == folder and translation_code(path.name) is not None:
            continue
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


# --- writing the folder ------------------------------------------------------------------------


def write_folder(target: Path, contents: dict[Path, bytes]) -> list[Path]:
    """Write every file under a hidden temporary folder, then rename it to `target` (also
    `samverkan import`'s folder)."""
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
    "write_folder",
]
