"""`samverkan mallar`: the templates and the reference document samverkan ships, copied into a
repository for a kommun to adapt (as pandoc's `--print-default-data-file` does), and which of
them a repository overrides.

A build reads each template from the repository's own `templates/` when it is there, else the
shipped one (`render.templates`); the reference document is `--referens`, else `referens:` in
samverkan.yaml, else `templates/reference.docx`, else the shipped one
(`check.repository_checks.choose_reference`). So an export into `templates/` (the default)
takes effect at once, file by file, with no setting. Nothing is overwritten without
`--skriv-över`, the files are written all at once or not at all (`core.atomic`), and only
inside the repository (`core.confinement`): an export is meant to be committed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from samverkan_cli.core.atomic import write_files_atomically
from samverkan_cli.core.confinement import PathRefused, confine, is_within, resolve_path
from samverkan_cli.core.errors import SamverkanError, UsageError
from samverkan_cli.core.exit_codes import EXIT_OK
from samverkan_cli.core.safe_output import visible
from samverkan_cli.render.templates import shipped_template_dirs
from samverkan_cli.source.repository import find_repository
from samverkan_cli.writers.reference_document import REFERENCE_NAME

Echo = Callable[..., None]

TEMPLATES_DIR = "templates"
"""The folder of the repository a build reads its own templates from."""
TEMPLATE_SUFFIX = ".j2"


def shipped_files() -> dict[str, Path]:
    """Every shipped template and the reference document, by their name under `templates/`
    (`overenskommelse.md.j2`, `avsnitt/syfte.md.j2`, `reference.docx`): the folder's own
    files first, then each subfolder's."""
    folders = shipped_template_dirs()
    if not folders:
        raise UsageError("samverkans inbyggda mallar saknas i installationen; installera om den")
    folder = folders[0]
    found: dict[str, Path] = {}
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if any(part.startswith(".") or part == "__pycache__" for part in relative.parts):
            continue
        if path.is_file() and (path.name.endswith(TEMPLATE_SUFFIX) or path.name == REFERENCE_NAME):
            found[relative.as_posix()] = path
    return dict(sorted(found.items(), key=lambda item: (item[0].count("/"), item[0])))


def shipped_names() -> list[str]:
    """The names `--bara` accepts: every file, and the subfolders (`avsnitt`, `bilagor`)."""
    names = list(shipped_files())
    folders = sorted({name.rsplit("/", 1)[0] for name in names if "/" in name})
    return names + folders


def export_templates(
    cwd: Path, target: str | None, *, overwrite: bool, only: list[str], echo: Echo
) -> int:
    """Copy the shipped templates (or those named in `only`) into `target`, by default the
    repository's `templates/`; say what was written and how it takes effect."""
    root = _root(cwd)
    chosen = _chosen(shipped_files(), only)
    folder = root / TEMPLATES_DIR if target is None else cwd / target
    _confined(folder, root, target or TEMPLATES_DIR)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{visible(_shown(folder))} är en fil; ange en mapp att exportera till")
    targets = {folder.joinpath(*name.split("/")): source for name, source in chosen.items()}
    for path in targets:
        _confined(path, root, None)
    existing = [path for path in targets if path.exists() or path.is_symlink()]
    if existing and not overwrite:
        raise UsageError(_refusal(existing, len(targets)))
    try:
        contents = {path: source.read_bytes() for path, source in targets.items()}
    except OSError as exc:
        raise UsageError(f"kan inte läsa samverkans inbyggda mallar ({exc.strerror})") from None
    write_files_atomically(contents)
    for path in targets:
        echo(f"skrev {visible(_shown(path))}")
    replaced = f" ({len(existing)} fanns redan och ersattes)" if existing else ""
    echo(f"{_count(len(targets))} exporterades till {visible(_shown(folder))}/{replaced}.")
    for line in _how_to_use(root, folder, chosen):
        echo(line)
    return EXIT_OK


def list_templates(cwd: Path, *, echo: Echo) -> int:
    """Each shipped template and whether the repository has its own; then the repository's
    templates that replace none, and the reference document a build uses."""
    root = _root(cwd)
    own_folder = root / TEMPLATES_DIR
    shipped = shipped_files()
    width = max(len(name) for name in shipped) + 2
    echo(f"Mallar (en egen mall i {TEMPLATES_DIR}/ gäller före den inbyggda):")
    for name, source in shipped.items():
        if name == REFERENCE_NAME:
            continue
        echo(f"  {name.ljust(width)}{_standing(own_folder, name, source)}")
    for name in _own_only(own_folder, shipped):
        echo(f"  {visible(name).ljust(width)}egen (ersätter ingen inbyggd)")
    echo(f"Referensdokument: {_reference_used(root)}")
    echo(
        "Exportera mallarna att ändra med 'samverkan mallar exportera' "
        "(en enstaka: --bara avsnitt/syfte.md.j2)."
    )
    return EXIT_OK


def _root(cwd: Path) -> Path:
    """The repository around `cwd`, or `cwd` when there is none yet (as `init` does)."""
    try:
        return find_repository(cwd).root
    except UsageError:
        return resolve_path(cwd)


def _chosen(shipped: dict[str, Path], only: list[str]) -> dict[str, Path]:
    """The files named in `only` (a file's name, or a subfolder for all of its files)."""
    if not only:
        return shipped
    chosen: dict[str, Path] = {}
    for wanted in only:
        name = wanted.replace("\\", "/").strip("/")
        if name.startswith(f"{TEMPLATES_DIR}/"):
            name = name[len(TEMPLATES_DIR) + 1 :]
        found = {
            key: path for key, path in shipped.items() if key == name or key.startswith(f"{name}/")
        }
        if not found:
            raise UsageError(
                f"det finns ingen inbyggd mall '{visible(wanted)}'; "
                "'samverkan mallar lista' visar mallarna"
            )
        chosen.update(found)
    return {key: path for key, path in shipped.items() if key in chosen}


def _confined(path: Path, root: Path, written: str | None) -> None:
    """Refuse a path outside the repository, directly or through a link; `written` is how
    the user wrote it, if they did."""
    try:
        confine(path, root)
    except PathRefused as refused:
        shown = visible(written or _shown(path))
        if refused.reason == "outside" and not is_within(
            Path(os.path.abspath(path)), resolve_path(root)
        ):
            raise UsageError(
                f"{shown} ligger utanför repositoriet {visible(root)}; "
                f"mallarna exporteras till en mapp i repositoriet (utan MAPP: {TEMPLATES_DIR}/)"
            ) from None
        if refused.reason == "outside":
            message = f"{shown} är en länk som pekar utanför repositoriet; inget skrevs"
            raise UsageError(message) from None
        raise UsageError(refused.swedish(shown)) from None


def _refusal(existing: list[Path], total: int) -> str:
    listed = ", ".join(visible(_shown(path)) for path in existing[:5])
    more = f" och {len(existing) - 5} till" if len(existing) > 5 else ""
    return (
        f"{len(existing)} av {total} filer finns redan ({listed}{more}); inget skrevs. "
        "Ange --skriv-över för att ersätta dem (dina ändringar i dem går förlorade), "
        "eller --bara MALL för att exportera bara de filer du saknar"
    )


def _how_to_use(root: Path, folder: Path, chosen: dict[str, Path]) -> list[str]:
    """What the export means for the next build, and what to do next."""
    templates = [name for name in chosen if name != REFERENCE_NAME]
    reference = REFERENCE_NAME in chosen
    in_use = resolve_path(folder) == resolve_path(root / TEMPLATES_DIR)
    lines: list[str] = []
    if in_use:
        if templates:
            lines.append(
                f"samverkan build använder nu mallarna i {TEMPLATES_DIR}/ i stället för de "
                "inbyggda, fil för fil. Ändra de mallar du behöver och ta bort de andra: för en "
                "mall som inte finns här gäller samverkans egen, också efter en uppdatering."
            )
        if reference:
            lines.append(
                f"{TEMPLATES_DIR}/{REFERENCE_NAME} ger formatmallarna (teckensnitt, rubriker, "
                "marginaler) i DOCX och PDF; ändra dem i Word (fliken Start, Formatmallar: "
                "högerklicka på en formatmall och välj Ändra)."
            )
            configured = _configured_reference(root)
            if configured:
                lines.append(
                    f"obs: samverkan.yaml anger referens: {visible(configured)}, som används i "
                    f"stället för {TEMPLATES_DIR}/{REFERENCE_NAME}; ta bort raden för att "
                    "använda den exporterade."
                )
    else:
        relative = folder.resolve().relative_to(resolve_path(root)).as_posix()
        if templates:
            lines.append(
                f"Mallarna i {visible(relative)}/ används inte av build: egna mallar läses bara "
                f"från {TEMPLATES_DIR}/. Kopiera de mallar du ändrar dit."
            )
        if reference:
            lines.append(
                "Använd referensdokumentet genom att skriva "
                f"'referens: {visible(relative)}/{REFERENCE_NAME}' i samverkan.yaml."
            )
    lines.append(
        "Kontrollera resultatet med 'samverkan build NAMN'. Vad som går att ändra står i "
        "guiden, på sidan Egna mallar."
    )
    return lines


def _configured_reference(root: Path) -> str | None:
    """`referens:` of samverkan.yaml, if it names one (a broken file: validate reports it)."""
    from samverkan_cli.check.settings import load_config

    return load_config(root).settings.reference


def _standing(own_folder: Path, name: str, source: Path) -> str:
    own = own_folder.joinpath(*name.split("/"))
    if not (own.is_file() or own.is_symlink()):
        return "inbyggd"
    try:
        same = own.read_bytes() == source.read_bytes()
    except OSError:
        return "egen (kan inte läsas)"
    return "egen, samma som den inbyggda" if same else "egen, ändrad"


def _own_only(own_folder: Path, shipped: dict[str, Path]) -> list[str]:
    """The repository's templates that have no shipped counterpart (its own sections)."""
    if not own_folder.is_dir():
        return []
    found = []
    for path in sorted(own_folder.rglob(f"*{TEMPLATE_SUFFIX}")):
        name = path.relative_to(own_folder).as_posix()
        if name not in shipped and not name.startswith("."):
            found.append(name)
    return found


def _reference_used(root: Path) -> str:
    """The reference document a build without --referens uses, and where it comes from."""
    from samverkan_cli.check.repository_checks import choose_reference, settings_for

    try:
        chosen = choose_reference(root, settings_for(root, None), None)
    except SamverkanError:
        return "kan inte användas; 'samverkan validate' visar varför"
    if chosen is None:
        return "det inbyggda"
    configured = _configured_reference(root)
    origin = "referens i samverkan.yaml" if configured else f"eget, i {TEMPLATES_DIR}/"
    return f"{visible(_shown(chosen))} ({origin})"


def _shown(path: Path) -> str:
    from samverkan_cli.source.loading import display_path

    return display_path(path)


def _count(number: int) -> str:
    return "1 fil" if number == 1 else f"{number} filer"
