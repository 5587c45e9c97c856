"""What changed between two versions of an agreement, as Swedish Markdown.

An agreement is revised every year, and reading two long documents side by side hides a
changed number in a sea of equal text. `samverkan diff` compares every file of the two
versions instead: the agreement section by section, each bilaga file bilaga by bilaga
(paired by id, so a renamed or moved file is the same bilaga), the tjänsteutlåtande and each
translation (by its language code, with the same readable comparisons as the Swedish).
Readable comparisons (`diff.sections`) report changes in the document's own words; then a walk
over the data (`diff.leaves`) reports every other value that differs, by its YAML keys, so
that nothing that changed can be left out of the report.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel

from samverkan_cli.core.errors import ProblemsFound
from samverkan_cli.core.problems import Severity
from samverkan_cli.diff.files import AgreementVersion, BilagaFile, file_change, version_of
from samverkan_cli.diff.leaves import Coverage, unreported_changes
from samverkan_cli.diff.pairing import pair_keyed, with_numbered_references
from samverkan_cli.diff.report_markdown import ReportNode, change_line, inline, render_report
from samverkan_cli.diff.sections import field_sections
from samverkan_cli.diff.values import section_title, show
from samverkan_cli.model import Agreement, BilagaEntry
from samverkan_cli.model.translation import (
    LANGUAGES,
    TRANSLATION_PREFIX,
    TRANSLATION_SUFFIX,
    Translation,
)
from samverkan_cli.source.loading import LoadedAgreement, load_agreement

NO_DIFFERENCES = "Inga skillnader."
REPORT_TITLE = "Tjänsteutlåtande"


def diff_folders(old_folder: Path, new_folder: Path) -> str:
    """The Markdown report for two agreement folders; ProblemsFound if either cannot load."""
    old, new = load_agreement(old_folder), load_agreement(new_folder)
    failed = [loaded for loaded in (old, new) if not _loaded_cleanly(loaded)]
    if failed:
        raise ProblemsFound([problem for loaded in failed for problem in loaded.problems])
    return diff_versions(version_of(old), version_of(new))


def diff_agreements(old: Agreement, new: Agreement, old_name: str, new_name: str) -> str:
    """What changed from `old` to `new` in the agreement file alone, as Swedish Markdown."""
    return diff_versions(AgreementVersion(old_name, old), AgreementVersion(new_name, new))


def diff_versions(old: AgreementVersion, new: AgreementVersion) -> str:
    """What changed from `old` to `new`, in every file, as Swedish Markdown: the agreement's
    sections, then each bilaga file, then the tjänsteutlåtande, then each translation."""
    old_numbers, new_numbers = _numbers(old.agreement), _numbers(new.agreement)
    found = _file_sections(
        with_numbered_references(old.agreement, old_numbers),
        with_numbered_references(new.agreement, new_numbers),
        level=2,
    )
    sections = [(node.heading, node) for node, _ in found]
    sections += _bilaga_sections(old, new)
    sections += _report_section(
        with_numbered_references(old.report, old_numbers),
        with_numbered_references(new.report, new_numbers),
    )
    sections += translation_sections(old.translations, new.translations)
    shown = [(name, node) for name, node in sections if not node.is_empty()]
    if not shown:
        return NO_DIFFERENCES + "\n"
    lead = "Ändrat: " + "; ".join(name for name, _ in shown) + "."
    title = f"Ändringar från {old.name} till {new.name}"
    return render_report(title, [node for _, node in shown], lead)


def _file_sections(
    old: BaseModel | None, new: BaseModel | None, level: int
) -> list[tuple[ReportNode, bool]]:
    """One node per top-level field that changed, and whether the field is structured (a
    model or a list); a value no readable comparison reported is added to its field's
    node, by its YAML keys."""
    seen = Coverage()
    found = field_sections(old, new, level, seen)
    by_key = {key: node for key, node, _ in found}
    structured = {key: flag for key, _, flag in found}
    old_data = old.model_dump(mode="json", by_alias=True) if old is not None else None
    new_data = new.model_dump(mode="json", by_alias=True) if new is not None else None
    for change in unreported_changes(old_data, new_data, seen):
        key = str(change.path[0]) if change.path else ""
        node = by_key.setdefault(key, ReportNode(section_title(key), level))
        node.entries.append(change_line(change.label, show(change.old), show(change.new)))
    return [(node, structured.get(key, False)) for key, node in by_key.items()]


def _bilaga_sections(old: AgreementVersion, new: AgreementVersion) -> list[tuple[str, ReportNode]]:
    """Bilaga by bilaga, in the new version's order: what changed in its file."""
    old_entries, new_entries = _entries(old.agreement), _entries(new.agreement)
    old_numbers, new_numbers = _numbers(old.agreement), _numbers(new.agreement)
    nodes: list[tuple[int, ReportNode]] = []
    for i, j in pair_keyed(old_entries, new_entries):
        if i is None or j is None:
            continue  # an added or removed bilaga is reported in the list of bilagor
        before, after = old_entries[i], new_entries[j]
        heading = f"Bilaga {j + 1}: {inline(after.title)}"
        if after.file:
            heading += f" ({inline(after.file)})"
        node = ReportNode(heading, level=2)
        old_content = old.files.get(before.file) if before.file else None
        new_content = new.files.get(after.file) if after.file else None
        _compare_bilaga(
            node,
            after.file or before.file,
            with_numbered_references(old_content, old_numbers),
            with_numbered_references(new_content, new_numbers),
        )
        nodes.append((j, node))
    return [(f"bilaga {j + 1}", node) for j, node in sorted(nodes, key=lambda pair: pair[0])]


def _compare_bilaga(
    node: ReportNode, file: str | None, old: BilagaFile | None, new: BilagaFile | None
) -> None:
    if isinstance(old, BaseModel) and isinstance(new, BaseModel):
        _into(node, _file_sections(old, new, node.level + 1))
        return
    sentence = file_change(file, old, new)
    if sentence is not None:
        node.entries.append(f"- {inline(sentence)}")


def _report_section(old: BaseModel | None, new: BaseModel | None) -> list[tuple[str, ReportNode]]:
    """The tjänsteutlåtande (tjansteutlatande.yaml), section by section."""
    node = ReportNode(REPORT_TITLE, level=2)
    if old is None and new is not None:
        node.entries.append("- Tjänsteutlåtandet är nytt (tjansteutlatande.yaml).")
    elif new is None and old is not None:
        node.entries.append("- Tjänsteutlåtandet har tagits bort (tjansteutlatande.yaml).")
    elif old is not None and new is not None and old != new:
        _into(node, _file_sections(old, new, level=3))
    return [("tjänsteutlåtandet", node)]


def translation_sections(
    old: Mapping[str, Translation], new: Mapping[str, Translation]
) -> list[tuple[str, ReportNode]]:
    """Each translation (`oversattning.<kod>.yaml`), in the order of the known languages:
    added, removed, or section by section as the Swedish text is compared."""
    order = list(LANGUAGES)
    codes = sorted(
        set(old) | set(new), key=lambda c: (order.index(c) if c in order else len(order), c)
    )
    found: list[tuple[str, ReportNode]] = []
    for code in codes:
        file = f"{TRANSLATION_PREFIX}{code}{TRANSLATION_SUFFIX}"
        language = LANGUAGES[code][0] if code in LANGUAGES else code
        node = ReportNode(f"Översättning till {language} ({inline(file)})", level=2)
        before, after = old.get(code), new.get(code)
        if before is None and after is not None:
            node.entries.append(f"- Översättningen är ny ({inline(file)}).")
        elif after is None and before is not None:
            node.entries.append(f"- Översättningen har tagits bort ({inline(file)}).")
        elif before is not None and after is not None and before != after:
            _into(node, _file_sections(before, after, level=3))
        found.append((f"översättningen till {language}", node))
    return found


def _into(node: ReportNode, sections: list[tuple[ReportNode, bool]]) -> None:
    """A file's sections under its own heading: a plain field (a title, a date) as a line,
    a structured one or a text under a sub-heading."""
    for section, structured in sections:
        if structured or not all(entry.startswith("- ") for entry in section.entries):
            node.children.append(section)
        else:
            node.entries.extend(section.entries)


def _loaded_cleanly(loaded: LoadedAgreement) -> bool:
    errors = any(p.severity is Severity.ERROR for p in loaded.problems)
    return loaded.agreement is not None and not errors


def _entries(agreement: Agreement) -> list[BilagaEntry]:
    return list(agreement.bilagor.entries) if agreement.bilagor else []


def _numbers(agreement: Agreement) -> dict[str, int]:
    return {entry.id: number for number, entry in enumerate(_entries(agreement), start=1)}
