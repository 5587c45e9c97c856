"""A parallel translation (`oversattning.<språkkod>.yaml`): the model, the refusals SV188–SV190,
the translated document in the Swedish order and numbering, its files beside the Swedish with
the translation's language, the public version redacted like the Swedish, and the CLI."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.check.folder import CheckSettings
from samverkan_cli.cli.main import cli
from samverkan_cli.core.errors import ProblemsFound
from samverkan_cli.core.problems import Severity
from samverkan_cli.model.translation import (
    LANGUAGES,
    Translation,
    translatable_sections,
    translation_code,
)
from samverkan_cli.render.agreement_document import agreement_document
from samverkan_cli.render.section_plan import section_views
from samverkan_cli.render.translation_document import translated_document
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.writers import write_markdown
from tests.agreement_copy import AgreementCopy
from tests.conftest import REPO_ROOT
from tests.test_rules import assert_problem, covers_rule, only, position

NAME = "exempel-numrerade-avsnitt"
STEM = "samverkansoverenskommelse-exempelsund"
FILE = "oversattning.en.yaml"
SETTINGS = CheckSettings(today=dt.date(2026, 6, 1))
GOLDEN = Path(__file__).parent / "golden" / f"{NAME}.en.md"
FINNISH = REPO_ROOT / "tests" / "fixtures" / "agreements" / "oversattning-finska"


@pytest.fixture
def example(tmp_path: Path) -> AgreementCopy:
    return AgreementCopy.of_example(NAME, tmp_path)


def _errors(copy: AgreementCopy) -> list[str]:
    return [str(p) for p in copy.check(SETTINGS) if p.severity is Severity.ERROR]


# --- the model ----------------------------------------------------------------------------------


def test_the_model_reads_swedish_keys_and_refuses_unknown_ones() -> None:
    data = {
        "språk": "en",
        "titel": "Agreement",
        "avsnitt": {"tid": {"rubrik": "Term", "text": "It runs for two years."}},
        "underskriftstitlar": {"kommunen": "Municipal Director", "polisen": ["A", "B"]},
        "sidfot": ["Page", "of"],
    }
    model = Translation.model_validate(data)
    assert model.sections["tid"].heading == "Term"
    assert model.titles_of("kommunen") == ["Municipal Director"]
    assert model.titles_of("polisen") == ["A", "B"]
    assert model.titles_of("region") == []
    assert model.page_words == ("Page", "of")
    with pytest.raises(ValidationError):
        Translation.model_validate({**data, "rubriker": {}})
    with pytest.raises(ValidationError):
        Translation.model_validate({**data, "avsnitt": {"tid": {"rubrk": "Term"}}})


def test_file_names_give_the_language_code() -> None:
    assert translation_code("oversattning.en.yaml") == "en"
    assert translation_code("oversattning.smj.yaml") == "smj"
    assert translation_code("oversattning.yaml") is None
    assert translation_code("overenskommelse.yaml") is None
    assert set(LANGUAGES) == {"en", "fi", "fit", "se", "sma", "smj", "rom", "yi"}


def test_the_keys_follow_the_printed_sections() -> None:
    loaded = load_agreement(REPO_ROOT / "agreements" / NAME)
    assert loaded.agreement is not None
    keys = [s.key for s in translatable_sections(loaded.agreement)]
    views = [v for v in section_views(loaded.agreement) if v.name != "underskrifter"]
    assert keys[:-1] == [v.prose.id if v.prose else v.name for v in views]
    assert keys[-1] == "underskrifter"  # it has the copies sentence to translate
    assert keys[:3] == ["inledning", "syfte", "mål"]
    assert "norra" in keys and "sodra" in keys


# --- the example and its translated document ----------------------------------------------------


def test_the_example_translation_passes() -> None:
    copy = AgreementCopy(REPO_ROOT / "agreements" / NAME)
    assert [str(p) for p in copy.check(SETTINGS) if p.severity is not Severity.INFO] == []


def test_translated_markdown_matches_golden() -> None:
    loaded = load_agreement(REPO_ROOT / "agreements" / NAME)
    rendered = write_markdown(translated_document(loaded, "en"))
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(rendered, encoding="utf-8")
    assert rendered == GOLDEN.read_text(encoding="utf-8")


def test_translation_has_the_swedish_heading_numbers() -> None:
    loaded = load_agreement(REPO_ROOT / "agreements" / NAME)
    swedish = write_markdown(agreement_document(loaded, REPO_ROOT))
    english = write_markdown(translated_document(loaded, "en"))

    def numbers(markdown: str) -> list[str]:
        words = [line.split(" ") for line in markdown.splitlines() if line.startswith("##")]
        return [w[1] for w in words if w[1][:1].isdigit()]  # not a bilaga's own headings

    assert numbers(english) == numbers(swedish)
    assert "### 6.1 Steering group" in english
    assert "### 5.2 Northern part of the municipality" in english


def test_build_writes_markdown_and_docx_in_the_translations_language(
    example: AgreementCopy, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = build_agreement(example.folder, out, settings=SETTINGS)
    names = {p.name for p in result.written}
    assert {f"{STEM}.md", f"{STEM}.docx", f"{STEM}.en.md", f"{STEM}.en.docx"} <= names
    assert (
        (out / f"{STEM}.en.md")
        .read_text(encoding="utf-8")
        .startswith("# Collaboration agreement between Exempelsund Municipality")
    )
    english = docx.Document(io.BytesIO((out / f"{STEM}.en.docx").read_bytes()))
    assert english.core_properties.language == "en-GB"
    assert english.core_properties.title.startswith("Collaboration agreement")
    swedish = docx.Document(io.BytesIO((out / f"{STEM}.docx").read_bytes()))
    assert swedish.core_properties.language == "sv-SE"
    with zipfile.ZipFile(out / f"{STEM}.en.docx") as package:
        styles = package.read("word/styles.xml").decode("utf-8")
        footer = package.read("word/footer1.xml").decode("utf-8")
    assert 'w:val="en-GB"' in styles and "sv-SE" not in styles
    assert "Page" in footer and "Sida" not in footer
    headings = [
        p.text for p in english.paragraphs if p.style and p.style.name.startswith("Heading")
    ]
    assert "6.1 Steering group" in headings


def test_finnish_fixture_translates_the_foreword_and_labels_blank_dates(
    tmp_path: Path,
) -> None:
    loaded = load_agreement(FINNISH)
    assert "fi" in loaded.translations
    markdown = write_markdown(translated_document(loaded, "fi"))
    assert "## Johdanto" in markdown and "## Esipuhe" in markdown
    assert "Paikka ja päivämäärä:" in markdown
    assert "Kunnanhallituksen puheenjohtaja" in markdown
    assert "Lokalpolisområdeschef" in markdown  # a title not translated stays as written
    result = build_agreement(FINNISH, tmp_path / "out", settings=SETTINGS)
    written = docx.Document(
        io.BytesIO((tmp_path / "out" / "oversattning-finska.fi.docx").read_bytes())
    )
    assert written.core_properties.language == "fi-FI"
    assert any(p.name == "oversattning-finska.fi.md" for p in result.written)


# --- refusals ------------------------------------------------------------------------------------


@covers_rule("SV188")
def test_sv188_a_missing_section_is_refused_and_nothing_is_built(
    example: AgreementCopy, tmp_path: Path
) -> None:
    text = example.cut("  norra:\n", "  sodra:\n", FILE)
    problem = only(example.check(SETTINGS), "SV188")
    assert_problem(
        problem,
        Severity.ERROR,
        example.folder / FILE,
        position(text, "avsnitt:"),
        "översättningen saknar avsnittet 'norra'",
    )
    with pytest.raises(ProblemsFound):
        build_agreement(example.folder, tmp_path / "out", settings=SETTINGS)
    assert not (tmp_path / "out" / f"{STEM}.en.md").exists()
    assert not (tmp_path / "out" / f"{STEM}.md").exists()


def test_sv188_a_section_with_a_heading_needs_a_translated_heading(
    example: AgreementCopy,
) -> None:
    text = example.edit("    rubrik: Term\n", "", FILE)
    problem = only(example.check(SETTINGS), "SV188")
    assert_problem(
        problem, Severity.ERROR, example.folder / FILE, position(text, "tid:"), "översätt den"
    )


@covers_rule("SV189")
def test_sv189_a_section_the_document_does_not_have_is_refused(example: AgreementCopy) -> None:
    text = example.edit("  sodra:\n", "  sodr:\n", FILE)
    problems = example.check(SETTINGS)
    problem = only(problems, "SV189")
    assert_problem(
        problem,
        Severity.ERROR,
        example.folder / FILE,
        position(text, "sodr:"),
        "överenskommelsen har inget avsnitt 'sodr' (menade du 'sodra'?)",
    )
    assert only(problems, "SV188").message.startswith("översättningen saknar avsnittet 'sodra'")


def test_sv189_titles_for_an_unknown_party_or_too_many_signatories_are_refused(
    example: AgreementCopy,
) -> None:
    text = example.edit("  polisen: Head", "  polis: Head", FILE)
    problem = only(example.check(SETTINGS), "SV189")
    assert_problem(
        problem,
        Severity.ERROR,
        example.folder / FILE,
        position(text, "polis: Head"),
        "överenskommelsen har ingen part 'polis' (menade du 'polisen'?)",
    )
    example.edit(
        "  polis: Head of Local Police Area Exempelsund", "  polisen: [Head, Deputy]", FILE
    )
    problem = only(example.check(SETTINGS), "SV189")
    assert "'polisen' har 1 undertecknare men 2 översatta titlar" in problem.message


def test_sv188_a_prose_section_without_an_id_cannot_be_translated(
    example: AgreementCopy,
) -> None:
    example.edit("    id: inriktning\n", "")
    text = example.text(FILE)
    problems = example.check(SETTINGS)
    problem = only(problems, "SV188")
    assert_problem(
        problem,
        Severity.ERROR,
        example.folder / FILE,
        position(text, "avsnitt:"),
        "avsnittet 'Inriktning' har inget id och kan inte översättas",
    )
    assert "överenskommelsen har inget avsnitt 'inriktning'" in only(problems, "SV189").message


@covers_rule("SV190")
def test_sv190_an_unknown_language_code_is_refused_with_the_list(example: AgreementCopy) -> None:
    (example.folder / FILE).rename(example.folder / "oversattning.de.yaml")
    example.edit("språk: en", "språk: de", "oversattning.de.yaml")
    problem = only(example.check(SETTINGS), "SV190")
    assert problem.severity is Severity.ERROR
    assert problem.location.file.endswith("oversattning.de.yaml")
    assert "okänd språkkod 'de'" in problem.message
    assert "fit (meänkieli)" in problem.message and "yi (jiddisch)" in problem.message


def test_sv190_the_language_must_match_the_file_name(example: AgreementCopy) -> None:
    text = example.edit("språk: en", "språk: fi", FILE)
    problem = only(example.check(SETTINGS), "SV190")
    assert_problem(
        problem,
        Severity.ERROR,
        example.folder / FILE,
        position(text, "fi\n", after="språk:"),
        "filen heter oversattning.en.yaml",
    )


def test_a_schema_error_in_the_translation_is_located(example: AgreementCopy) -> None:
    text = example.edit("sidfot: [Page, of]", "sidfoten: [Page, of]", FILE)
    problem = only(example.check(SETTINGS), "SV010")
    assert Path(problem.location.file).name == FILE
    assert (problem.location.line, problem.location.column) == position(text, "sidfoten")


def test_a_translation_is_not_an_unused_bilaga_file(example: AgreementCopy) -> None:
    assert [p for p in example.check(SETTINGS) if p.rule == "SV130"] == []


# --- the public version and drafts ---------------------------------------------------------------


def test_the_public_translation_is_redacted_like_the_swedish(
    example: AgreementCopy, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build_agreement(example.folder, out, settings=SETTINGS, public=True)
    public = (out / f"{STEM}-publik.en.md").read_text(encoding="utf-8")
    assert "Annika Provström" in (out / f"{STEM}.en.md").read_text(encoding="utf-8")
    assert "Annika Provström" not in public and "Erik Låtsasson" not in public
    assert "Head of Local Police Area Exempelsund" in public
    assert (out / f"{STEM}-publik.en.docx").exists()


def test_english_title_case_is_not_taken_for_names(example: AgreementCopy, tmp_path: Path) -> None:
    """English writes titles and bodies capitalised ("Municipal Executive Board"): the
    public translation gets no SV166 for them, and a person's name in it is still removed."""
    result = build_agreement(example.folder, tmp_path / "out", settings=SETTINGS, public=True)
    assert [str(p) for p in result.problems if p.rule == "SV166"] == []
    example.edit(
        "have worked together on crime", "have, says Lena Okändsson, worked on crime", FILE
    )
    result = build_agreement(example.folder, tmp_path / "again", settings=SETTINGS, public=True)
    public = (tmp_path / "again" / f"{STEM}-publik.en.md").read_text(encoding="utf-8")
    assert "Okändsson" not in public  # a person's name is still removed


def test_a_draft_translation_is_named_like_the_swedish_draft(
    example: AgreementCopy, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build_agreement(example.folder, out, settings=SETTINGS, draft=True)
    assert (out / f"{STEM}-utkast.en.md").exists()
    assert (out / f"{STEM}-utkast.en.docx").exists()


# --- the command line ----------------------------------------------------------------------------


def test_cli_build_and_validate(in_repo: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["build", NAME, "--idag", "2026-06-01"])
    assert result.exit_code == 0, result.output
    assert (in_repo / "out" / NAME / f"{STEM}.en.md").exists()
    assert f"{STEM}.en.docx" in result.output
    (in_repo / "agreements" / NAME / FILE).write_text(
        (in_repo / "agreements" / NAME / FILE)
        .read_text(encoding="utf-8")
        .replace("  tid:\n    rubrik: Term\n", "  tidd:\n    rubrik: Term\n"),
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["validate", f"agreements/{NAME}"])
    assert result.exit_code == 1, result.output
    assert "SV188" in result.output and "SV189" in result.output
    assert "översättningen saknar avsnittet 'tid'" in result.output


def test_a_right_to_left_translation_turns_the_paragraphs() -> None:
    from samverkan_cli.document.parsing import parse_markdown
    from samverkan_cli.document.tree import DocumentInfo
    from samverkan_cli.writers import write_docx

    def styles(language: str) -> str:
        document = parse_markdown("# Titel\n\nText.\n", DocumentInfo(title="t", language=language))
        with zipfile.ZipFile(io.BytesIO(write_docx(document, None))) as package:
            return package.read("word/styles.xml").decode("utf-8")

    assert "<w:bidi/>" in styles("yi") and 'w:val="yi"' in styles("yi")
    assert "<w:bidi/>" not in styles("en-GB") and "<w:bidi/>" not in styles("sv-SE")


def test_init_from_the_example_leaves_the_translation_out(in_repo: Path) -> None:
    result = CliRunner().invoke(cli, ["init", "ny", "--från", NAME])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (in_repo / "agreements" / "ny").iterdir()) == [
        "bilagor",
        "overenskommelse.yaml",
    ]
