"""What to write instead when a bilaga's `fil:` names nothing usable (SV106's messages).

"filen 'bilagor/kp.yaml' finns inte" leaves the user to look in the folder; these messages
say what is there (at most ten files, the nearest name first as a suggestion), that a folder
was named instead of a file, where files must lie, and that folders are separated by '/'.
"""

from __future__ import annotations

import difflib
import unicodedata
from pathlib import Path, PurePosixPath

MAX_LISTED = 10
EXAMPLE = "bilagor/lagesbild.yaml"


def missing_file(folder: Path, name: str) -> str:
    """The message for a `fil:` that names no file: the files in the folder it names, and
    the nearest name."""
    parent = PurePosixPath(name).parent
    where = folder / parent
    if not where.is_dir():
        files = _files(folder, folder, folders=True)
        folders = [f for f in files if f.endswith("/")]
        near = difflib.get_close_matches(f"{parent}/", folders, n=1, cutoff=0.5)
        hint = f"; menade du mappen '{near[0]}'? (fil: {near[0]}{PurePosixPath(name).name})"
        shown = ", ".join(files[:MAX_LISTED]) + (", …" if len(files) > MAX_LISTED else "")
        return (
            f"filen '{name}' finns inte: mappen '{parent}/' finns inte i överenskommelsens "
            f"mapp{hint if near else ''}; där finns: {shown or 'inga filer'}"
        )
    files = _files(where, folder)
    place = f"'{parent}/'" if str(parent) != "." else "överenskommelsens mapp"
    return f"filen '{name}' finns inte{_listing(files, name, place)}"


def folder_named(folder: Path, name: str) -> str:
    """The message for a `fil:` that names a folder."""
    files = _files(folder / name, folder)
    example = files[0] if files else f"{name.rstrip('/')}/{PurePosixPath(EXAMPLE).name}"
    return f"'{name}' är en mapp, inte en fil; ange bilagans fil i mappen, t.ex. fil: {example}"


def outside(folder: Path, name: str) -> str:
    """The message for a `fil:` outside the agreement's folder."""
    files = _files(folder / "bilagor", folder) or _files(folder, folder)
    example = files[0] if files else EXAMPLE
    return (
        f"filen '{name}' ligger utanför överenskommelsens mapp; en bilagas fil ska ligga i "
        f"mappen {folder.name}/ eller en mapp under den, och 'fil' anges relativt den, t.ex. "
        f"fil: {example}. Kopiera filen dit om den ska ingå"
    )


def backslash(name: str) -> str:
    """The message for a `fil:` written with Windows separators."""
    fixed = name.replace("\\", "/")
    return (
        f"filen '{name}' är skriven med '\\' mellan mapparna; skriv '/' (det fungerar i alla "
        f"system), t.ex. fil: {fixed}"
    )


def _files(where: Path, folder: Path, *, folders: bool = False) -> list[str]:
    """The files directly in `where`, as `fil:` would name them (relative to `folder`);
    with `folders`, its folders too ('bilagor/')."""
    try:
        entries = sorted(where.iterdir(), key=lambda p: p.name)
    except OSError:
        return []
    found = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        shown = unicodedata.normalize("NFC", entry.relative_to(folder).as_posix())
        if entry.is_file():
            found.append(shown)
        elif folders and entry.is_dir():
            found.append(shown + "/")
    return found


def _listing(files: list[str], name: str, place: str) -> str:
    if not files:
        return f"; {place} har inga filer, lägg bilagan där, t.ex. fil: {EXAMPLE}"
    names = {PurePosixPath(f).name: f for f in files}
    close = difflib.get_close_matches(PurePosixPath(name).name, list(names), n=1, cutoff=0.6)
    near = [names[c] for c in close]
    shown = ", ".join(files[:MAX_LISTED]) + (", …" if len(files) > MAX_LISTED else "")
    hint = f"; menade du '{near[0]}'? (fil: {near[0]})" if near else ""
    return f"{hint}; i {place} finns: {shown}"
