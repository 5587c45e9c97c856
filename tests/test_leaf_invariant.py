"""The leaf invariant: every value in the data reaches the document, or is refused.

For every example under agreements/ and every buildable agreement folder under tests/, each
scalar leaf of the agreement, its bilaga files and its tjänsteutlåtande is replaced by a
unique marker; the agreement is built (to the document model, Markdown and DOCX) and the
marker must be found in the Markdown and in the DOCX's text (body, tables, headers and
footers). A leaf whose field is in `samverkan_cli.model.unprinted.UNPRINTED` is skipped. A
replacement the checks refuse is fine only when a located error points at that leaf; the
leaf's original value must then be visible in the document as built from the original data.

- Text: `XQ<n>Z` (kept placeholders such as `{frekvens}` and `{bilaga:id}` after it).
- Whole numbers: a unique number from 901 up, found as digits or in words ("niohundraett").
- Dates: each moved one day on, found as ÅÅÅÅ-MM-DD or as "2 januari 2026"; a month
  (ÅÅÅÅ-MM, a term's `från` or `till`) moved one month on, found as "oktober 2020".
- Switches (true/false): turning one must change the Markdown.

Many markers go into one build; when such a build is refused, the leaves are split in
halves until each refusal is pinned to one leaf, so the whole test stays in seconds.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
import shutil
import typing
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from samverkan_cli.check.folder import CheckSettings, check_folder
from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.core.swedish import MONTHS, iso_date, long_date, number_word
from samverkan_cli.model import Agreement as Agreement_
from samverkan_cli.model import BilagaContent
from samverkan_cli.model.committee_report import Report
from samverkan_cli.model.translation import TRANSLATION_PREFIX, Translation, translation_code
from samverkan_cli.model.unprinted import is_unprinted
from samverkan_cli.render.agreement_document import agreement_document, report_document
from samverkan_cli.render.translation_document import translated_document
from samverkan_cli.source.loading import LoadedAgreement, load_agreement
from samverkan_cli.source.schema_errors import schema_problems
from samverkan_cli.source.yaml_document import KeyPath, YamlDocument
from samverkan_cli.source.yaml_source import read_yaml
from samverkan_cli.writers import write_docx, write_markdown
from tests.conftest import REPO_ROOT

AGREEMENT = "overenskommelse.yaml"
REPORT = "tjansteutlatande.yaml"
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MONTH = re.compile(r"^\d{4}-\d{2}$")
_PLACEHOLDER = re.compile(r"\{(?:frekvens|antal|bilaga:[^{}]+)\}")
_DOCX_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")
_SETTINGS = CheckSettings(today=dt.date(2026, 6, 1))
EXAMPLES = REPO_ROOT / "agreements"


def _agreement_folders() -> list[Path]:
    """Every example, and every agreement folder among the tests' fixtures (the files in
    bad_inputs/ are single bad files, refused by design)."""
    examples = sorted(p.parent for p in EXAMPLES.glob(f"*/{AGREEMENT}"))
    fixtures = sorted(
        p.parent for p in (REPO_ROOT / "tests").rglob(AGREEMENT) if "bad_inputs" not in p.parts
    )
    return examples + fixtures


@dataclass(frozen=True, slots=True)
class Leaf:
    """One scalar value: the file it is in (relative to the agreement folder), its path."""

    file: str
    path: KeyPath
    value: Any

    def __str__(self) -> str:
        return f"{self.file}:{'/'.join(str(p) for p in self.path)} = {self.value!r}"


@dataclass(slots=True)
class Built:
    """What one build gave: error-level problems, or the document text."""

    errors: list[Problem] = field(default_factory=list)
    markdown: str = ""
    docx: str = ""


def _docx_text(data: bytes) -> str:
    """The text of every part of a DOCX: body, tables, headers, footers, notes."""
    parts: list[str] = []
    with zipfile.ZipFile(BytesIO(data)) as package:
        for name in package.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                xml = package.read(name).decode("utf-8")
                parts.append(" ".join(_DOCX_TEXT.findall(xml)))
    text = "\n".join(parts)
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&amp;", "&")):
        text = text.replace(entity, char)
    return text


class Agreement:
    """A scratch copy of one agreement folder whose YAML files can be rewritten and built."""

    def __init__(self, source: Path, scratch: Path) -> None:
        self.folder = scratch / "agreements" / source.name
        shutil.copytree(source, self.folder)
        self.files: dict[str, Any] = {AGREEMENT: self._read(AGREEMENT)}
        if (self.folder / REPORT).is_file():
            self.files[REPORT] = self._read(REPORT)
        for entry in self.files[AGREEMENT].get("bilagor", {}).get("lista", []):
            name = entry.get("fil")
            if isinstance(name, str) and name.endswith((".yaml", ".yml")):
                self.files[name] = self._read(name)
        for path in sorted(self.folder.glob(f"{TRANSLATION_PREFIX}*.yaml")):
            self.files[path.name] = self._read(path.name)  # a translation's values too
        self.kinds = {name: self._kind(name, data) for name, data in self.files.items()}
        self.written: dict[str, str] = {}
        self.documents: dict[str, YamlDocument] = {}

    def _read(self, name: str) -> Any:
        return read_yaml(self.folder / name).data

    @staticmethod
    def _kind(name: str, data: Any) -> str:
        if name == AGREEMENT:
            return "överenskommelse"
        if name == REPORT:
            return "tjänsteutlåtande"
        if translation_code(name) is not None:
            return "översättning"
        return str(data.get("typ")) if isinstance(data, dict) else name

    def leaves(self) -> Iterator[Leaf]:
        for name, data in self.files.items():
            for path, value in _scalars(data):
                if not is_unprinted(self.kinds[name], path):
                    yield Leaf(name, path, value)

    def _write(self, replaced: dict[Leaf, Any], only: str | None = None) -> None:
        """Write the files (or file `only`) with `replaced` values in; unchanged files are
        not written again."""
        for name, data in self.files.items():
            if only is not None and name != only:
                continue
            changed = _replace(data, {k.path: v for k, v in replaced.items() if k.file == name})
            text = yaml.dump(
                changed, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1_000_000
            )
            if self.written.get(name) != text:
                (self.folder / name).write_text(text, encoding="utf-8")
                self.written[name] = text
                self.documents.pop(name, None)

    def schema_refusal(self, leaf: Leaf, value: Any) -> list[Problem] | None:
        """The schema's problems when only `leaf` is replaced by `value`; None if it passes.
        Validated in memory, and located (the file written) only when refused."""
        data = _replace(self.files[leaf.file], {leaf.path: value})
        shape = _SHAPES.get(leaf.file, BilagaContent)
        if translation_code(leaf.file) is not None:
            shape = Translation
        try:
            _ADAPTERS[shape].validate_python(data)
        except ValidationError as error:
            self._write({leaf: value}, only=leaf.file)
            document = read_yaml(self.folder / leaf.file, leaf.file)
            problems = list(schema_problems(error, document, shape))
            self._write({}, only=leaf.file)
            return problems
        return None

    def check(self, replaced: dict[Leaf, Any]) -> tuple[LoadedAgreement, list[Problem]]:
        """Write the files with `replaced` values in and run every check."""
        self._write(replaced)
        loaded, problems = check_folder(self.folder, _SETTINGS)
        return loaded, [p for p in problems if p.severity is Severity.ERROR]

    def build(self, replaced: dict[Leaf, Any]) -> Built:
        """Check and, when nothing is refused, render the Markdown and the DOCX."""
        loaded, errors = self.check(replaced)
        if errors or loaded.agreement is None:
            return Built(errors=errors)
        documents = [agreement_document(loaded)]
        if loaded.report is not None:
            documents.append(report_document(loaded))
        documents += [translated_document(loaded, code) for code in loaded.translations]
        markdown = "\n".join(write_markdown(d) for d in documents)
        docx = "\n".join(_docx_text(write_docx(d, None)) for d in documents)
        return Built(markdown=markdown, docx=docx)

    def at_leaf(self, leaf: Leaf, problem: Problem) -> bool:
        """Whether `problem` points at `leaf`: its value, its key, the mapping it is in, or
        (for an item of a list) the list's own key, in the file as last written."""
        if not problem.location.file.replace("\\", "/").endswith(leaf.file):
            return False
        document = self.documents.get(leaf.file)
        if document is None:
            document = self.documents[leaf.file] = read_yaml(self.folder / leaf.file)
        paths = [leaf.path, leaf.path[:-1]]
        if leaf.path and isinstance(leaf.path[-1], int):
            paths.append(leaf.path[:-2])
        places = {document.location(p) for p in paths}
        places |= {document.location(p, key=True) for p in paths}
        return any(
            (p.line, p.column) == (problem.location.line, problem.location.column) for p in places
        )


_SHAPES: dict[str, Any] = {AGREEMENT: Agreement_, REPORT: Report}
_ADAPTERS: dict[Any, TypeAdapter[Any]] = {
    Agreement_: TypeAdapter(Agreement_),
    Report: TypeAdapter(Report),
    BilagaContent: TypeAdapter(BilagaContent),
    Translation: TypeAdapter(Translation),
}
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _scalars(data: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _scalars(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _scalars(value, (*path, index))
    elif data is not None:
        yield path, data


def _replace(data: Any, values: dict[KeyPath, Any], path: KeyPath = ()) -> Any:
    if path in values:
        return values[path]
    if isinstance(data, dict):
        return {key: _replace(value, values, (*path, key)) for key, value in data.items()}
    if isinstance(data, list):
        return [_replace(value, values, (*path, i)) for i, value in enumerate(data)]
    return data


# The kinds of leaf: how each is replaced, and the forms its replacement may be printed in.


def _is_date(value: Any) -> bool:
    return isinstance(value, str) and bool(_ISO.match(value))


def _text_marker(value: str, n: int) -> tuple[str, list[str]]:
    marker = f"XQ{n}Z"
    kept = _PLACEHOLDER.findall(value)
    return " ".join([marker, *kept]), [marker]


def _number_marker(n: int) -> tuple[int, list[str]]:
    number = 900 + n
    return number, [f"\\b{number}\\b", number_word(number)]


def _date_marker(value: str, days: int = 1) -> Replacement:
    day = dt.date.fromisoformat(value) + dt.timedelta(days=days)
    return Replacement(day.isoformat(), [iso_date(day), long_date(day)])


def _month_marker(value: str) -> Replacement:
    year, month = (int(part) for part in value.split("-"))
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return Replacement(f"{year:04d}-{month:02d}", [f"{MONTHS[month - 1]} {year}"])


def _forms_found(forms: list[str], text: str, regex: bool) -> bool:
    folded = text.casefold()
    if regex:
        return any(re.search(form, folded) for form in forms)
    return any(form.casefold() in folded for form in forms)


@dataclass(frozen=True, slots=True)
class Replacement:
    value: Any
    forms: list[str]
    regex: bool = False


def _replacement(leaf: Leaf, n: int) -> Replacement | None:
    value = leaf.value
    if isinstance(value, bool):
        return None  # switches are turned one at a time
    if isinstance(value, int):
        number, forms = _number_marker(n)
        return Replacement(number, forms, regex=True)
    if _is_date(value):
        return _date_marker(value)
    if isinstance(value, str) and _ISO_MONTH.match(value):
        return _month_marker(value)
    if isinstance(value, str):
        text, forms = _text_marker(value, n)
        return Replacement(text, forms)
    return None


@dataclass(slots=True)
class Findings:
    """Leaves whose value vanished, and leaves refused somewhere else than at themselves."""

    missing: list[str] = field(default_factory=list)
    misplaced: list[str] = field(default_factory=list)
    builds: int = 0


class LeafCheck:
    """The leaves of one agreement, replaced, built and looked for."""

    def __init__(self, agreement: Agreement) -> None:
        self.agreement = agreement
        self.findings = Findings()
        self.original = agreement.build({})
        assert not self.original.errors, [str(p) for p in self.original.errors]

    def refused_at_leaf(self, leaf: Leaf, errors: list[Problem]) -> bool:
        if any(self.agreement.at_leaf(leaf, problem) for problem in errors):
            return True
        shown = "; ".join(str(p) for p in errors[:3])
        self.findings.misplaced.append(f"{leaf}: refused elsewhere: {shown}")
        return False

    def schema_refused(self, batch: dict[Leaf, Replacement]) -> dict[Leaf, Replacement]:
        """The replacements the schema accepts; each one it refuses must be refused at its
        leaf, and the leaf's value as written must be in the original document (a value
        of a fixed set, such as `per: år`, cannot be replaced by a marker)."""
        accepted: dict[Leaf, Replacement] = {}
        for leaf, replacement in batch.items():
            problems = self.agreement.schema_refusal(leaf, replacement.value)
            if problems is None:
                accepted[leaf] = replacement
            elif self.refused_at_leaf(leaf, problems) and not _is_date(leaf.value):
                written = " ".join(str(leaf.value).split()).casefold()
                if written not in " ".join(self.original.markdown.split()).casefold():
                    self.findings.missing.append(f"{leaf} (a fixed value, not printed)")
        return accepted

    def rule_refused(self, batch: dict[Leaf, Replacement]) -> set[Leaf]:
        """The leaves whose replacement a rule refuses. The leaves a refusal points at are
        tried alone; when a refusal points at none of them, the batch is halved."""
        self.findings.builds += 1
        _, errors = self.agreement.check({leaf: r.value for leaf, r in batch.items()})
        if not errors:
            return set()
        if len(batch) == 1:
            (leaf,) = batch
            self.refused_at_leaf(leaf, errors)
            return {leaf}
        at = self.agreement.at_leaf
        suspects = {leaf for leaf in batch if any(at(leaf, error) for error in errors)}
        if suspects and len(suspects) < len(batch):
            refused = set().union(*(self.rule_refused({s: batch[s]}) for s in suspects))
            rest = {leaf: r for leaf, r in batch.items() if leaf not in suspects}
            return refused | self.rule_refused(rest)
        items = list(batch.items())
        half = len(items) // 2
        return self.rule_refused(dict(items[:half])) | self.rule_refused(dict(items[half:]))

    def look_for(self, batch: dict[Leaf, Replacement], unsought: set[Leaf] | None = None) -> None:
        """Build with every replacement the checks accept; find each in both documents
        (except the `unsought`, whose replacement another leaf may also have printed)."""
        batch = self.schema_refused(batch)
        refused = self.rule_refused(batch) if batch else set()
        accepted = {leaf: r for leaf, r in batch.items() if leaf not in refused}
        if not accepted:
            return
        self.findings.builds += 1
        built = self.agreement.build({leaf: r.value for leaf, r in accepted.items()})
        if built.errors:  # accepted one by one, refused together: look for each alone
            for leaf, replacement in accepted.items():
                self.look_for({leaf: replacement})
            return
        for leaf, replacement in accepted.items():
            if not unsought or leaf not in unsought:
                self.find(leaf, replacement, built)

    def move_date(self, leaf: Leaf) -> None:
        """One date alone, a day on or, when that is refused, a day back."""
        errors: list[Problem] = []
        for days in (1, -1):
            replacement = _date_marker(leaf.value, days)
            self.findings.builds += 1
            built = self.agreement.build({leaf: replacement.value})
            if not built.errors:
                self.find(leaf, replacement, built)
                return
            errors = built.errors
        self.refused_at_leaf(leaf, errors)

    def find(self, leaf: Leaf, replacement: Replacement, built: Built) -> None:
        for where, text in (("Markdown", built.markdown), ("DOCX", built.docx)):
            if not _forms_found(replacement.forms, text, replacement.regex):
                self.findings.missing.append(f"{leaf} (not in the {where})")

    def turn(self, leaf: Leaf) -> None:
        """A switch: turning it must change the document, or be refused at it."""
        self.findings.builds += 1
        built = self.agreement.build({leaf: not leaf.value})
        if built.errors:
            self.refused_at_leaf(leaf, built.errors)
        elif built.markdown == self.original.markdown:
            self.findings.missing.append(f"{leaf} (turning it changes nothing)")


def check_agreement(source: Path, scratch: Path) -> Findings:
    agreement = Agreement(source, scratch)
    check = LeafCheck(agreement)
    leaves = list(agreement.leaves())
    replacements: dict[Leaf, Replacement] = {}
    for n, leaf in enumerate(leaves, start=1):
        replacement = _replacement(leaf, n)
        if replacement is not None:
            replacements[leaf] = replacement
    check.look_for({k: v for k, v in replacements.items() if not _is_date(k.value)})
    # Dates move one day on together, which keeps their order; a date that shares its value
    # with another leaf is then moved alone (a day on, or back if that is refused).
    dates = {leaf: r for leaf, r in replacements.items() if _is_date(leaf.value)}
    values = [leaf.value for leaf in dates]
    shared = {leaf for leaf in dates if values.count(leaf.value) > 1}
    check.look_for(dates, shared)
    for leaf in shared:
        check.move_date(leaf)
    for leaf in leaves:
        if isinstance(leaf.value, bool):
            check.turn(leaf)
    return check.findings


FOLDERS = _agreement_folders()


@pytest.mark.parametrize("source", FOLDERS, ids=[folder.name for folder in FOLDERS])
def test_every_value_reaches_the_document(source: Path, tmp_path: Path) -> None:
    if source.parent != EXAMPLES:  # a fixture that is meant not to build is not ours to test
        _, problems = check_folder(source, _SETTINGS)
        if any(p.severity is Severity.ERROR for p in problems):
            pytest.skip(f"{source.name} does not build: {problems[0]}")
    findings = check_agreement(source, tmp_path)
    problems = findings.missing + findings.misplaced
    assert not problems, "\n".join(problems)


# --- every field of the models is exercised by some example or fixture ---------------------


def _models(annotation: Any, seen: set[type[BaseModel]]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in seen:
            seen.add(annotation)
            for info in annotation.model_fields.values():
                _models(info.annotation, seen)
        return
    for argument in typing.get_args(annotation):
        _models(argument, seen)


def _declared(model: type[BaseModel], name: str) -> str:
    """The class that declares a field (a bilaga's `datum` is one field of them all)."""
    owner = next(c for c in model.__mro__ if name in inspect.get_annotations(c))
    return f"{owner.__name__}.{model.model_fields[name].alias or name}"


def _fields_used(value: Any, used: set[str]) -> None:
    if isinstance(value, BaseModel):
        for name in value.model_fields_set:
            used.add(_declared(type(value), name))
            _fields_used(getattr(value, name), used)
    elif isinstance(value, list | tuple):
        for item in value:
            _fields_used(item, used)
    elif isinstance(value, dict):
        for item in value.values():
            _fields_used(item, used)


def test_every_field_of_the_models_is_in_an_example_or_fixture() -> None:
    """A field no example or fixture fills is never tested by the leaf invariant: fill it in
    tests/fixtures/agreements/alla-falt (or another fixture)."""
    seen: set[type[BaseModel]] = set()
    for root in (Agreement_, BilagaContent, Report, Translation):
        _models(root, seen)
    fields = {_declared(model, name) for model in seen for name in model.model_fields}
    used: set[str] = set()
    for folder in FOLDERS:
        loaded = load_agreement(folder)
        _fields_used(loaded.agreement, used)
        _fields_used(loaded.report, used)
        for bilaga in loaded.bilagor.values():
            _fields_used(bilaga.model, used)
        for translation in loaded.translations.values():
            _fields_used(translation.model, used)
    assert sorted(fields - used - {"NamedFrequency.root"}) == []


# --- the term clause prints its condition under every combination of its parts -------------


@pytest.mark.parametrize("revision", [True, False])
@pytest.mark.parametrize("revision_after", [True, False])
@pytest.mark.parametrize("extension", [True, False])
def test_the_term_condition_is_printed_whatever_the_term_model(
    tmp_path: Path, revision: bool, revision_after: bool, extension: bool
) -> None:
    agreement = Agreement(REPO_ROOT / "agreements" / "exempel-medborgarlofte", tmp_path)
    term = agreement.files[AGREEMENT]["tid"]
    term["villkor"] = "XQ1Z"
    if revision:
        term["revidering"] = {"varje": "år"}
    if revision_after:
        term["revidering_efter"] = "XQ2Z"
    if extension:
        term["förlängning"] = {"år": 1}
    built = agreement.build({})
    assert not built.errors, [str(p) for p in built.errors]
    for marker in ["XQ1Z"] + (["XQ2Z"] if revision_after else []):
        assert marker in built.markdown
        assert marker in built.docx
