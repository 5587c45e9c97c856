"""Where agreements live: the repository root and the agreement folders in it.

A repository is the nearest folder, walking up from the working directory, that holds an
`agreements/` folder. Names are matched after NFC normalisation and case folding, and an
ASCII spelling (`jarva`) finds `järva`; nothing outside `agreements/` can ever be named.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from samverkan_cli.core.confinement import PathRefused, confine
from samverkan_cli.core.errors import ProblemsFound, UsageError
from samverkan_cli.core.problems import Location, Problem, Severity

AGREEMENTS_DIR = "agreements"
AGREEMENT_FILE = "overenskommelse.yaml"
REPORT_FILE = "tjansteutlatande.yaml"
"""Optional: the tjänsteutlåtande that presents the agreement to the nämnd."""


@dataclass(frozen=True, slots=True)
class Repository:
    root: Path

    @property
    def agreements_dir(self) -> Path:
        return self.root / AGREEMENTS_DIR

    def agreement_folders(self) -> list[Path]:
        """Every agreement folder, sorted by name. Links are listed too, broken ones and
        loops included, so that the loader reports them instead of skipping them silently;
        `agreements/` itself must lie inside the repository."""
        if not self.agreements_dir.is_dir():
            return []
        self.check_agreements_dir()
        try:
            entries = list(self.agreements_dir.iterdir())
        except OSError as exc:
            raise ProblemsFound([_folder_problem(AGREEMENTS_DIR, str(exc.strerror))]) from None
        return sorted(
            (p for p in entries if not p.name.startswith(".") and (p.is_symlink() or p.is_dir())),
            key=lambda p: _fold(p.name),
        )

    def output_folder(self, *parts: str) -> Path:
        """A default output folder inside the repository (`out/<name>`); a committed `out`
        link that leads elsewhere is refused, since the build would write outside the
        checkout while it says it wrote in it. `--out` given by the user may point anywhere."""
        folder = self.root.joinpath(*parts)
        try:
            confine(folder, self.root)
        except PathRefused as refused:
            shown = "/".join(parts)
            raise UsageError(
                refused.swedish(f"utdatamappen {shown}")
                + "; ange --out om utdata ska skrivas någon annanstans"
            ) from None
        return folder

    def check_agreements_dir(self) -> None:
        """Refuse an `agreements/` that is a link out of the repository (or a loop)."""
        try:
            confine(self.agreements_dir, self.root)
        except PathRefused as refused:
            problem = Problem(
                Location.start_of(AGREEMENTS_DIR),
                refused.rule,
                Severity.ERROR,
                refused.swedish(f"mappen {AGREEMENTS_DIR}/"),
            )
            raise ProblemsFound([problem]) from None

    def agreement_names(self) -> list[str]:
        return [unicodedata.normalize("NFC", p.name) for p in self.agreement_folders()]

    def resolve(self, name: str) -> Path:
        """The folder an agreement name refers to, or a UsageError listing the names there are."""
        wanted = _fold(name)
        ascii_wanted = _ascii(wanted)
        folders = self.agreement_folders()
        exact = [p for p in folders if _fold(p.name) == wanted]
        matches = exact or [p for p in folders if _ascii(_fold(p.name)) == ascii_wanted]
        if len(matches) == 1 and "/" not in name and "\\" not in name:
            return matches[0]
        known = ", ".join(self.agreement_names()) or "(inga)"
        if len(matches) > 1:
            names = ", ".join(unicodedata.normalize("NFC", p.name) for p in matches)
            raise UsageError(f"namnet '{name}' passar flera överenskommelser: {names}")
        near = nearest_name(name, self.agreement_names())
        hint = f" Menade du '{near}'?" if near else ""
        raise UsageError(
            f"det finns ingen överenskommelse som heter '{name}' i {self.agreements_dir}."
            f"{hint} Överenskommelser: {known}"
        )


def nearest_name(name: str, names: list[str]) -> str | None:
    """The agreement name closest to a misspelt one (`jarvaa` → `järva`), compared after
    case folding and without diacritics, since a keyboard without å, ä and ö is common."""
    plain = {_ascii(_fold(n)): n for n in names}
    wanted = _ascii(_fold(name))
    close = difflib.get_close_matches(wanted, list(plain), n=1, cutoff=0.6)
    if close:
        return plain[close[0]]
    containing = [n for key, n in plain.items() if len(wanted) >= 3 and wanted in key]
    return containing[0] if len(containing) == 1 else None


def find_repository(start: Path) -> Repository:
    """The nearest folder at or above `start` that holds `agreements/`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / AGREEMENTS_DIR).is_dir():
            return Repository(folder)
    raise UsageError(
        f"hittar ingen mapp '{AGREEMENTS_DIR}/' i {start} eller någon mapp ovanför; "
        "kör kommandot i ett repository med överenskommelser"
    )


def _folder_problem(shown: str, reason: str) -> Problem:
    message = f"mappen {shown}/ kan inte läsas ({reason})"
    return Problem(Location.start_of(shown), "SV015", Severity.ERROR, message)


def _fold(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def _ascii(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
