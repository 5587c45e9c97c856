"""Documents that lie under another one, checked across the repository: an underavtal under
its huvudavtal, a lokal överenskommelse under a central one, an operativ överenskommelse or
handlingsplan under a strategic one. The document names its parent by folder (`huvudavtal`);
the folder must hold a document of the matching kind (SV180), and the child's term must lie
inside the parent's (SV181). `validate` and `status` check the pairs from the agreements
they have already loaded (`LinkFacts`, `linked_problems`): no folder is parsed twice.
"""

from __future__ import annotations

import datetime as dt
import difflib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from samverkan_cli.core.problems import Location, Problem, Severity
from samverkan_cli.model import PartialDate
from samverkan_cli.model.document_kinds import PARENT_KINDS, DocumentKind
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


@dataclass(frozen=True, slots=True)
class LinkFacts:
    """What SV180 and SV181 read of one loaded document: small and picklable, so that a
    worker process of `validate` hands it back with the problems, and the pairs are checked
    from the agreements already loaded instead of reading their folders again."""

    title: str
    kind: DocumentKind
    term: tuple[PartialDate, PartialDate | None] | None
    """The term's start and dated end as the text gives them (None: no end); None without
    a term."""
    parent: str | None = None
    """The folder the document names as its huvudavtal."""
    parent_at: Location | None = None
    term_at: Location | None = None

    @classmethod
    def of(cls, loaded: LoadedAgreement) -> LinkFacts | None:
        """None for a document that could not be read (its own check says why)."""
        agreement, source = loaded.agreement, loaded.source
        if agreement is None or source is None:
            return None
        term = agreement.term
        span = (term.start, term.end_date) if term is not None else None
        if agreement.parent is None:
            return cls(agreement.title, agreement.document_kind, span)
        return cls(
            agreement.title,
            agreement.document_kind,
            span,
            agreement.parent.folder,
            source.location((PARENT_KEY, "överenskommelse")),
            source.location(("tid",)),
        )


def linked_agreement_problems(root: Path) -> dict[Path, list[Problem]]:
    """SV180 and SV181 for every document in the repository that names a huvudavtal, by the
    folder of the document that names it (each folder read here; `validate` passes the
    facts of the agreements it has checked to `linked_problems` instead)."""
    facts = {
        folder: LinkFacts.of(load_agreement(folder, root))
        for folder in Repository(root).agreement_folders()
        if _names_a_parent(folder)
    }
    return linked_problems(root, facts)


def linked_problems(
    root: Path, checked: Mapping[Path, LinkFacts | None]
) -> dict[Path, list[Problem]]:
    """SV180 and SV181 for each of the `checked` documents that names a huvudavtal. A parent
    among them is not read again; one outside them (a folder not checked) is read once."""
    by_name = {_fold(folder.name): folder for folder in Repository(root).agreement_folders()}
    parents: dict[Path, LinkFacts | None] = dict(checked)
    found: dict[Path, list[Problem]] = {}
    for folder, child in checked.items():
        if child is None or child.parent is None:
            continue
        problems = _pair_problems(child, by_name, parents, root)
        if problems:
            found[folder] = problems
    return found


def _pair_problems(
    child: LinkFacts,
    by_name: dict[str, Path],
    parents: dict[Path, LinkFacts | None],
    root: Path,
) -> list[Problem]:
    named, where = child.parent, child.parent_at
    assert named is not None and where is not None and child.term_at is not None
    wanted = PARENT_KINDS[child.kind]
    kinds = " eller ".join(k.value for k in wanted)
    folder = by_name.get(_fold(named))
    if folder is None:
        near = difflib.get_close_matches(_fold(named), list(by_name), n=1)
        hint = f"; menade du '{by_name[near[0]].name}'?" if near else ""
        message = f"huvudavtalet '{named}' finns inte bland repositoriets överenskommelser{hint}"
        return [Problem(where, RULE_PARENT_UNKNOWN, Severity.ERROR, message)]
    if folder not in parents:  # not among those checked: read once
        parents[folder] = LinkFacts.of(load_agreement(folder, root))
    parent = parents[folder]
    if parent is None:
        return []  # its own check reports why it cannot be read
    if parent.kind not in wanted:
        message = (
            f"'{named}' är av dokumenttypen {parent.kind.value}; "
            f"{child.kind.value} ligger under ett dokument av typen {kinds}"
        )
        return [Problem(where, RULE_PARENT_UNKNOWN, Severity.ERROR, message)]
    outlives = _outlives(child, parent)
    if outlives is None:
        return []
    return [Problem(child.term_at, RULE_OUTLIVES_PARENT, Severity.WARNING, outlives)]


def _outlives(child: LinkFacts, parent: LinkFacts) -> str | None:
    """Why the child's term does not lie inside its parent's; None when it does. A year or a
    month is read as every day it can mean: the parent from its start's first day to its
    end's last, the child outside only when all of its start or end is, and the message
    names the day taken for it ("2025 (räknat från 2025-12-31, sista dagen i 2025)")."""
    if child.term is None or parent.term is None:
        return None
    start, end = child.term
    parent_start = parent.term[0].first_day
    parent_end = parent.term[1].last_day if parent.term[1] is not None else None
    shown = f"huvudavtalet '{parent.title}' gäller {_shown(parent_start, parent_end)}"
    if start.last_day < parent_start:
        taken = start.counted_as(start.last_day)
        return f"avtalstiden börjar {taken}, före huvudavtalet; {shown}"
    if parent_end is not None and (end is None or end.first_day > parent_end):
        until = "tills vidare" if end is None else f"till och med {end.counted_as(end.first_day)}"
        return f"avtalstiden gäller {until}, längre än huvudavtalet; {shown}"
    return None


def _shown(start: dt.date, end: dt.date | None) -> str:
    until = f"till och med {end.isoformat()}" if end is not None else "tills vidare"
    return f"från och med {start.isoformat()} {until}"
