"""Helpers shared by the import tests: build an example to DOCX, import a DOCX into a
repository, render the imported agreement to Markdown (even with the rule findings a
fresh import has: those are what the user fixes next), and the text a YAML file holds."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.check.folder import CheckSettings, check_folder
from samverkan_cli.check.settings import load_config
from samverkan_cli.importing.command import import_word
from samverkan_cli.model.agreement import Agreement
from samverkan_cli.render.agreement_document import agreement_document
from samverkan_cli.writers import write_markdown
from tests.conftest import REPO_ROOT


def built(name: str, out: Path) -> tuple[Path, str]:
    """The DOCX and the Markdown samverkan builds for `agreements/<name>`."""
    folder = REPO_ROOT / "agreements" / name
    result = build_agreement(folder, out, REPO_ROOT, CheckSettings(load_config(REPO_ROOT)))
    docx = next(p for p in result.written if p.suffix == ".docx" and "tjanste" not in p.name)
    markdown = next(p for p in result.written if p.suffix == ".md" and "tjanste" not in p.name)
    return docx, markdown.read_text(encoding="utf-8")


def imported(docx: Path, repo: Path, name: str) -> tuple[list[str], Path]:
    """Import `docx` as `agreements/<name>` of `repo`; what it printed and the file."""
    printed: list[str] = []
    code = import_word(repo, str(docx), name, echo=lambda *a, **_: printed.append(str(a[0])))
    assert code == 0
    return printed, repo / "agreements" / name / "overenskommelse.yaml"


def loaded(folder: Path) -> tuple[Agreement, list[str]]:
    """The agreement of a folder (it must load: no schema error) and its rule ids."""
    result, problems = check_folder(folder, CheckSettings(load_config(folder.parent.parent)))
    rules = [p.rule for p in problems]
    assert result.agreement is not None, [(p.rule, p.message) for p in problems]
    return result.agreement, rules


def rendered(folder: Path) -> str:
    result, _ = check_folder(folder, CheckSettings(load_config(folder.parent.parent)))
    return write_markdown(agreement_document(result, folder.parent.parent))


def similarity(first: str, second: str) -> float:
    """How alike two Markdown texts are, word by word (1.0: the same words in order)."""
    return difflib.SequenceMatcher(None, first.split(), second.split(), autojunk=False).ratio()


def yaml_words(text: str) -> str:
    """The text a YAML file holds, comments included, as words on one line, Markdown
    escapes and line breaks taken out, so a source text can be looked for in it; given
    twice, as written and with YAML's doubled quote undone (a plain scalar keeps "a''")."""
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        stripped = re.sub(r"^#\s?", "", stripped)
        lines.append(stripped)
    joined = " ".join(lines).replace("\\", "")
    unquoted = joined.replace("''", "'")  # a single-quoted scalar's quote; a plain one's stays
    return " ".join(joined.split()) + " \n " + " ".join(unquoted.split())


def words(text: str) -> str:
    return " ".join(text.replace("\\", "").split())
