"""The build: check an agreement, and only if no error-level problem was found, render it and
write its Markdown and DOCX atomically (with `public`, also the public versions beside them,
personal data redacted: see `publish.redaction`). Each translation (`oversattning.<kod>.yaml`)
is written beside the Swedish as `<filnamn>.<kod>.md` and `.docx` (and `.pdf`), from its own
document tree (`render.translation_document`), redacted and named as drafts like the Swedish.

Everything is rendered (PDFs converted too) before the output folder is touched, and then
written in one `write_files_atomically`: that holds the folder's lock for the write only, and
makes the folder hold one whole build even after a kill. A build first finishes what a killed
build left in its folder (`recover_output_folder`), even if it then stops on a problem."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from samverkan_cli.build.attached_files import with_appended_pdfs, with_included_docx
from samverkan_cli.build.bilaga_placement import file_bilagor, place_file_bilagor, withheld
from samverkan_cli.build.drafting import DRAFT_SUFFIX, drafts, placeholder_refusal
from samverkan_cli.check.folder import CheckSettings, check_folder
from samverkan_cli.core.atomic import recover_output_folder, write_files_atomically
from samverkan_cli.core.errors import OutputError, ProblemsFound
from samverkan_cli.core.problems import Problem, Severity, has_errors
from samverkan_cli.model.translation import LANGUAGES, removed_marker
from samverkan_cli.render.agreement_document import agreement_document, output_stem, report_document
from samverkan_cli.render.translation_chart import translated_organisation
from samverkan_cli.render.translation_document import translated_document, translation_stem
from samverkan_cli.writers import write_docx, write_markdown
from samverkan_cli.writers.html import write_html

if TYPE_CHECKING:
    from samverkan_cli.document.tree import Document
    from samverkan_cli.publish.redaction import RedactionCounts
    from samverkan_cli.source.loading import LoadedAgreement


@dataclass(frozen=True, slots=True)
class BuildResult:
    written: list[Path]
    problems: list[Problem]
    redacted: RedactionCounts | None = None
    """What the public versions had removed; None when none were built."""


def build_agreement(
    folder: Path,
    out_dir: Path,
    repository_root: Path | None = None,
    settings: CheckSettings | None = None,
    reference: Path | None = None,
    pdf: bool = False,
    public: bool = False,
    draft: bool = False,
    strict: bool = False,
    html: bool = False,
) -> BuildResult:
    """Check, render and write one agreement. Raises `ProblemsFound` and writes nothing when
    an error-level rule fails. With `pdf`, each DOCX written is then converted to PDF/A. With
    `public`, each document is also written as `<name>-publik` with personnummer, phone
    numbers, personal e-mail addresses and people's names replaced (see `publish.redaction`). With
    `draft`, placeholders may be left and every file is a draft (see `drafting`); without it,
    a placeholder left is an error. What still looks personal in a public version is a
    warning (SV166). With `strict`, a warning stops the build as an error does. With `html`,
    each document is also written as one accessible HTML page (`writers.html`)."""
    recover_output_folder(out_dir)
    loaded, problems = check_folder(folder, settings)
    problems = _as_strict(problems) if strict else problems
    if not draft:
        problems = [*problems, *placeholder_refusal(problems, folder)]
    if has_errors(problems) or loaded.agreement is None:
        raise ProblemsFound(problems)
    stem = output_stem(loaded.agreement)
    bilagor = file_bilagor(loaded)  # .docx and .pdf: placed here, included by the writers
    documents = {stem: place_file_bilagor(agreement_document(loaded, repository_root), bilagor)}
    if loaded.report is not None:
        documents[f"{stem}-tjansteutlatande"] = report_document(loaded, repository_root)
    translations = {  # a known language only, even where SV190 is made a warning
        code: {stem: translated_document(loaded, code)}
        for code in loaded.translations
        if code in LANGUAGES
    }
    redacted: RedactionCounts | None = None
    if public:
        redacted, found = _add_public_versions(documents, loaded, settings, out_dir, draft)
        for code, translated in translations.items():  # the same redaction, the same scan
            counts, more = _add_public_versions(translated, loaded, settings, out_dir, draft, code)
            redacted, found = redacted + counts, [*found, *more]
        problems = [*problems, *(_as_strict(found) if strict else found)]
        if has_errors(problems):  # --strikt and something looks personal: nothing written
            raise ProblemsFound(problems)
    if draft:
        documents = drafts(documents)
        translations = {code: drafts(translated) for code, translated in translations.items()}
    files: dict[Path, bytes] = {}
    for name, document in documents.items():
        files[out_dir / f"{name}.md"] = write_markdown(document).encode("utf-8")
        files[out_dir / f"{name}.docx"] = with_included_docx(
            write_docx(document, reference), document, bilagor, loaded
        )
        for asset, data in document.assets:
            files[out_dir / asset] = data
        if html:
            files[out_dir / f"{name}.html"] = write_html(document).encode("utf-8")
    for code, translated in translations.items():  # <filnamn>.<språkkod>.md beside the Swedish
        for name, document in translated.items():
            files[out_dir / f"{translation_stem(name, code)}.md"] = write_markdown(document).encode(
                "utf-8"
            )
            files[out_dir / f"{translation_stem(name, code)}.docx"] = write_docx(
                document, reference
            )
            for asset, data in document.assets:  # its organisation chart, if translated
                files[out_dir / asset] = data
            if html:
                page = write_html(document).encode("utf-8")
                files[out_dir / f"{translation_stem(name, code)}.html"] = page
    if pdf:
        files.update(_converted_to_pdfa(files))
        target = out_dir / f"{stem}{DRAFT_SUFFIX if draft else ''}.pdf"
        files[target], notes = with_appended_pdfs(files[target], bilagor, loaded)
        problems = [*problems, *notes]
    written = write_files_atomically(files)
    return BuildResult(written, problems, redacted)


def _add_public_versions(
    documents: dict[str, Document],
    loaded: LoadedAgreement,
    settings: CheckSettings | None,
    out_dir: Path,
    draft: bool,
    code: str | None = None,
) -> tuple[RedactionCounts, list[Problem]]:
    """`<name>-publik` beside each document, and what still looks personal in them (SV166);
    a translation (`code`) gets the same redaction and scan as the Swedish.
    Imported here: the phone-number metadata is loaded only by a build that asks for it."""
    from samverkan_cli.publish.redaction import RedactionCounts, policy_for, redact_document
    from samverkan_cli.publish.scan import scan_public_version

    publication = (settings or CheckSettings()).config.settings.publication
    policy = policy_for(loaded, publication)
    if code is not None:  # the marker in the translation's language
        marker = removed_marker(loaded.translations[code].model, code)
        policy = replace(policy, marker=marker)
        assert loaded.agreement is not None
        chart = translated_organisation(loaded.agreement, loaded.translations[code].model, code)
        if chart is None:  # the translation draws no chart: none to draw again
            policy = replace(policy, organisation=None)
        else:  # its own chart, drawn again redacted, in its words
            policy = replace(policy, organisation=chart[0], chart_words=chart[1])
    redacted = RedactionCounts()
    found: list[Problem] = []
    for name, document in list(documents.items()):
        public_document, counts = redact_document(document, policy)
        documents[f"{name}-publik"] = withheld(public_document)
        redacted += counts
        shown_name = f"{name}-publik{DRAFT_SUFFIX if draft else ''}"
        shown = out_dir / f"{translation_stem(shown_name, code) if code else shown_name}.md"
        public = documents[f"{name}-publik"]
        found += scan_public_version(document, public, policy, shown, swedish=code is None)
    return redacted, found


def _as_strict(problems: list[Problem]) -> list[Problem]:
    """`--strikt`: each warning as an error, so that it stops the build."""
    return [
        replace(p, severity=Severity.ERROR) if p.severity is Severity.WARNING else p
        for p in problems
    ]


def _converted_to_pdfa(files: dict[Path, bytes]) -> dict[Path, bytes]:
    """A PDF/A beside each DOCX, converted in a private scratch folder, so that the PDFs are
    written in the same atomic write as the documents they come from; a DOCX with a table of
    contents comes back too, with its page numbers (`writers.pdf_pages`)."""
    from samverkan_cli.writers.pdf_pages import converted_documents  # LibreOffice if asked

    documents = {target: content for target, content in files.items() if target.suffix == ".docx"}
    try:
        with tempfile.TemporaryDirectory(prefix="samverkan-pdfa-") as name:
            converted = converted_documents(documents, Path(name))
    except OSError as exc:  # the scratch folder: TMPDIR missing, full or read-only
        raise OutputError(
            f"kan inte konvertera till PDF/A: {exc.strerror or exc} ({exc.filename})"
        ) from None
    return converted
