"""Documents that lie under another one, checked across the repository: an underavtal under
its huvudavtal, a lokal överenskommelse under a central one, an operativ överenskommelse or
handlingsplan under a strategic one. The document names its parent by folder (`huvudavtal`);
the folder must hold a document of the matching kind (SV180), and the child's term must lie
inside the parent's (SV181). `status` shows the pairs from `parent_folders`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import unicodedata
from pathlib import Path

from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.model import Agreement, Term
from samverkan_cli.model.document_kinds import PARENT_KINDS
from samverkan_cli.source.loading import LoadedAgreement, load_agreement
from samverkan_cli.source.repository import AGREEMENT_FILE, Repository
from samverkan_cli.source.yaml_document import YamlRefused
from samverkan_cli.source.yaml_source import read_yaml

RULE_PARENT_UNKNOWN = "SV180"
RULE_OUTLIVES_PARENT = "SV181"
PARENT_KEY = "huvudavtal"


def _fold(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def _names_a_parent(folder: Path) -> bool:
    """Whether the folder's agreement file has a `huvudavtal` key (read without validating,
    so that only the documents that lie under another are loaded)."""
    try:
        data = read_yaml(folder / AGREEMENT_FILE).data
    except (YamlRefused, OSError):
        return False
    return isinstance(data, dict) and PARENT_KEY in data


def linked_agreement_problems(root: Path) -> dict[Path, list[Problem]]:
    """SV180 and SV181 for every document in the repository that names a huvudavtal, by the
    folder of the document that names it."""
    folders = Repository(root).agreement_folders()
    by_name = {_fold(folder.name): folder for folder in folders}
    found: dict[Path, list[Problem]] = {}
    for folder in folders:
        if not _names_a_parent(folder):
            continue
        child = load_agreement(folder, root)
        if child.agreement is None or child.agreement.parent is None:
            continue
        problems = _pair_problems(child, by_name, root)
        if problems:
            found[folder] = problems
    return found


def _pair_problems(child: LoadedAgreement, by_name: dict[str, Path], root: Path) -> list[Problem]:
    agreement, source = child.agreement, child.source
    assert agreement is not None and agreement.parent is not None and source is not None
    named = agreement.parent.folder
    where = source.location((PARENT_KEY, "överenskommelse"))
    wanted = PARENT_KINDS[agreement.document_kind]
    kinds = " eller ".join(k.value for k in wanted)
    folder = by_name.get(_fold(named))
    if folder is None:
        near = difflib.get_close_matches(_fold(named), list(by_name), n=1)
        hint = f"; menade du '{by_name[near[0]].name}'?" if near else ""
        message = f"huvudavtalet '{named}' finns inte bland repositoriets överenskommelser{hint}"
        return [Problem(where, RULE_PARENT_UNKNOWN, Severity.ERROR, message)]
    parent = load_agreement(folder, root).agreement
    if parent is None:
        return []  # its own check reports why it cannot be read
    if parent.document_kind not in wanted:
        message = (
            f"'{named}' är av dokumenttypen {parent.document_kind.value}; "
            f"{agreement.document_kind.value} ligger under ett dokument av typen {kinds}"
        )
        return [Problem(where, RULE_PARENT_UNKNOWN, Severity.ERROR, message)]
    outlives = _outlives(agreement, parent)
    if outlives is None:
        return []
    location = source.location(("tid",))
    return [Problem(location, RULE_OUTLIVES_PARENT, Severity.WARNING, outlives)]


def _outlives(child: Agreement, parent: Agreement) -> str | None:
    """Why the child's term does not lie inside its parent's; None when it does."""
    if child.term is None or parent.term is None:
        return None
    start, end = _span(child.term)
    parent_start, parent_end = _span(parent.term)
    shown = f"huvudavtalet '{parent.title}' gäller {_shown(parent_start, parent_end)}"
    if start < parent_start:
        return f"avtalstiden börjar {start.isoformat()}, före huvudavtalet; {shown}"
    if parent_end is not None and (end is None or end > parent_end):
        until = "tills vidare" if end is None else f"till och med {end.isoformat()}"
        return f"avtalstiden gäller {until}, längre än huvudavtalet; {shown}"
    return None


def _span(term: Term) -> tuple[dt.date, dt.date | None]:
    """The first and last day of a term (None: no end), whatever precision its dates have."""
    return term.first_day, term.last_day


def _shown(start: dt.date, end: dt.date | None) -> str:
    until = f"till och med {end.isoformat()}" if end is not None else "tills vidare"
    return f"från och med {start.isoformat()} {until}"


def parent_folders(root: Path) -> dict[Path, str]:
    """Each document that names a huvudavtal, by folder, with the folder name it names."""
    named: dict[Path, str] = {}
    for folder in Repository(root).agreement_folders():
        if _names_a_parent(folder):
            data = read_yaml(folder / AGREEMENT_FILE).data
            link = data.get(PARENT_KEY) if isinstance(data, dict) else None
            if isinstance(link, dict) and isinstance(link.get("överenskommelse"), str):
                named[folder] = link["överenskommelse"]
    return named
