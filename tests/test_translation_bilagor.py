"""A translation's bilagor: every bilaga the Swedish document prints is translated under
`bilagor:` (SV196), none that it does not print (SV197), and the translated document has
them after its sections, numbered as the Swedish, with the language's word for "Bilaga"."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.check.folder import CheckSettings
from samverkan_cli.core.errors import ProblemsFound
from samverkan_cli.core.problems import Severity
from samverkan_cli.model.translation import Translation, bilaga_word, translatable_bilagor
from samverkan_cli.render.agreement_document import agreement_document
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


@pytest.fixture
def example(tmp_path: Path) -> AgreementCopy:
    return AgreementCopy.of_example(NAME, tmp_path)


def _headings(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("#")]


def test_the_example_translates_its_bilaga_after_the_sections() -> None:
    loaded = load_agreement(REPO_ROOT / "agreements" / NAME)
    english = write_markdown(translated_document(loaded, "en"))
    swedish = write_markdown(agreement_document(loaded, REPO_ROOT))
    assert "<!-- samverkan:sidbrytning -->\n\n# Appendix 1. Action plan\n" in english
    assert english.index("Head of Local Police Area") < english.index("# Appendix 1.")
    assert "| Priority area | Insecurity in the town centre in the evening |" in english
    assert "## Safety in the town centre in the evening" in english
    # the same headings at the same levels as the Swedish, bilaga and plans included
    assert [h.split(" ")[0] for h in _headings(english)] == [
        h.split(" ")[0] for h in _headings(swedish)
    ]
    assert "# Bilaga 1. Åtgärdsplan" in swedish


def test_the_bilaga_word_has_defaults_and_can_be_given() -> None:
    data = {"språk": "sma", "titel": "T", "avsnitt": {}}
    assert bilaga_word(Translation.model_validate(data), "sma") is None
    assert bilaga_word(Translation.model_validate(data), "fi") == "Liite"
    given = Translation.model_validate({**data, "bilaga_ord": "Lissie"})
    assert bilaga_word(given, "sma") == "Lissie"
    assert given.bilagor == {}


def test_only_the_printed_bilagor_need_a_translation(example: AgreementCopy) -> None:
    example.edit(
        "      fil: bilagor/atgardsplan.yaml\n",
        "      fil: bilagor/atgardsplan.yaml\n"
        "    - id: planen\n      titel: Tidigare plan\n      typ: åtgärdsplan\n"
        "      extern: {titel: Åtgärdsplan 2024, förvaras: i kommunens diarium}\n",
    )
    loaded = load_agreement(example.folder)
    assert loaded.agreement is not None
    keys = translatable_bilagor(loaded.agreement, set(loaded.bilagor))
    assert [(k.id, k.number, k.is_agreement) for k in keys] == [("atgardsplan", 1, False)]
    assert [p for p in example.check(SETTINGS) if p.rule in ("SV196", "SV197")] == []


def test_build_writes_the_translated_bilaga_into_the_docx(
    example: AgreementCopy, tmp_path: Path
) -> None:
    build_agreement(example.folder, tmp_path / "out", settings=SETTINGS)
    english = docx.Document(io.BytesIO((tmp_path / "out" / f"{STEM}.en.docx").read_bytes()))
    headings = [p.text for p in english.paragraphs if p.style and p.style.name.startswith("Head")]
    assert "Appendix 1. Action plan" in headings
    cells = {cell.text for table in english.tables for row in table.rows for cell in row.cells}
    assert "Each Party bears its own costs." in cells


# --- refusals ------------------------------------------------------------------------------------


@covers_rule("SV196")
def test_sv196_a_missing_bilaga_is_refused_and_nothing_is_built(
    example: AgreementCopy, tmp_path: Path
) -> None:
    text = example.text(FILE)
    text = example.edit(text[text.index("bilagor:\n  atgardsplan:") :], "bilagor: {}\n", FILE)
    problem = only(example.check(SETTINGS), "SV196")
    assert_problem(
        problem,
        Severity.ERROR,
        example.folder / FILE,
        position(text, "bilagor: {}"),
        "översättningen saknar bilagan 'atgardsplan' (Bilaga 1. Åtgärdsplan)",
    )
    with pytest.raises(ProblemsFound):
        build_agreement(example.folder, tmp_path / "out", settings=SETTINGS)
    assert not (tmp_path / "out" / f"{STEM}.en.md").exists()


def test_sv196_a_bilaga_with_content_needs_its_text(example: AgreementCopy) -> None:
    text = example.text(FILE)
    text = example.edit(text[text.index("    text: |\n      1. Safety") :], "", FILE)
    problem = only(example.check(SETTINGS), "SV196")
    assert_problem(
        problem,
        Severity.ERROR,
        example.folder / FILE,
        position(text, "atgardsplan:"),
        "översätt det i 'text'",
    )


def test_sv196_a_language_without_a_word_for_bilaga_must_give_one(
    example: AgreementCopy,
) -> None:
    (example.folder / FILE).rename(example.folder / "oversattning.sma.yaml")
    text = example.edit("språk: en", "språk: sma", "oversattning.sma.yaml")
    text = example.edit("bilaga_ord: Appendix\n", "", "oversattning.sma.yaml")
    problem = only(example.check(SETTINGS), "SV196")
    assert_problem(
        problem,
        Severity.ERROR,
        example.folder / "oversattning.sma.yaml",
        position(text, "sma\n", after="språk:"),
        "ange 'bilaga_ord', ordet för 'Bilaga' på sydsamiska",
    )


@covers_rule("SV197")
def test_sv197_a_bilaga_the_agreement_does_not_have_is_refused(example: AgreementCopy) -> None:
    text = example.edit("  atgardsplan:\n", "  atgardsplanen:\n", FILE)
    problems = example.check(SETTINGS)
    assert_problem(
        only(problems, "SV197"),
        Severity.ERROR,
        example.folder / FILE,
        position(text, "atgardsplanen:"),
        "överenskommelsen har ingen bilaga 'atgardsplanen' (menade du 'atgardsplan'?)",
    )
    assert "saknar bilagan 'atgardsplan'" in only(problems, "SV196").message


def test_sv197_a_bilaga_kept_elsewhere_has_nothing_to_translate(example: AgreementCopy) -> None:
    example.edit(
        "      fil: bilagor/atgardsplan.yaml\n",
        "      fil: bilagor/atgardsplan.yaml\n"
        "    - id: planen\n      titel: Tidigare plan\n      typ: åtgärdsplan\n"
        "      extern: {titel: Åtgärdsplan 2024, förvaras: i kommunens diarium}\n",
    )
    text = example.edit(
        "bilagor:\n  atgardsplan:\n",
        "bilagor:\n  planen:\n    rubrik: Earlier plan\n  atgardsplan:\n",
        FILE,
    )
    assert_problem(
        only(example.check(SETTINGS), "SV197"),
        Severity.ERROR,
        example.folder / FILE,
        position(text, "planen:"),
        "bilagan 'planen' skrivs inte ut i den svenska texten",
    )


# --- an agreement that lists itself as a bilaga ---------------------------------------------


def test_an_agreement_listed_as_its_own_bilaga_is_translated_as_that_bilaga(
    example: AgreementCopy,
) -> None:
    example.edit(
        "  lista:\n    - id: atgardsplan\n",
        "  lista:\n    - id: avtalet\n      titel: Samverkansöverenskommelse\n"
        "      typ: överenskommelse\n    - id: atgardsplan\n",
    )
    problem = only(example.check(SETTINGS), "SV196")
    assert "saknar bilagan 'avtalet' (Bilaga 1. Samverkansöverenskommelse)" in problem.message
    example.edit(
        "bilagor:\n  atgardsplan:\n",
        "bilagor:\n  avtalet:\n    rubrik: Collaboration agreement\n  atgardsplan:\n",
        FILE,
    )
    assert [p for p in example.check(SETTINGS) if p.severity is Severity.ERROR] == []
    loaded = load_agreement(example.folder)
    english = _headings(write_markdown(translated_document(loaded, "en")))
    swedish = _headings(write_markdown(agreement_document(loaded, REPO_ROOT)))
    assert english[1:3] == ["# Appendix 1. Collaboration agreement", "## 1. Introduction"]
    assert "# Appendix 2. Action plan" in english
    assert [h.split(" ")[:2] for h in english if "Appendix" in h] == [
        ["#", "Appendix"],
        ["#", "Appendix"],
    ]
    assert len(english) == len(swedish)
