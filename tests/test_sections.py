"""Sections as data: `avsnitt:` (the parties' order, prose sections, nesting), numbered
headings, `syfte:` and `mål:`; the refusals SV170–SV172; the same headings in the DOCX;
`samverkan diff` on a changed order; `init` from an example with sections."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import docx
import pytest
import yaml

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.check.folder import CheckSettings
from samverkan_cli.core.problems import Severity
from samverkan_cli.diff.versions import diff_agreements
from samverkan_cli.init.command import init
from samverkan_cli.model import Agreement
from samverkan_cli.model.section_blocks import BLOCKS, STOCKHOLM_ORDER
from samverkan_cli.render.agreement_document import agreement_document
from samverkan_cli.render.section_plan import heading_number, section_views
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.writers import write_markdown
from tests.agreement_copy import AgreementCopy
from tests.conftest import REPO_ROOT
from tests.test_rules import assert_problem, covers_rule, only, position

NAME = "exempel-numrerade-avsnitt"
SETTINGS = CheckSettings(today=dt.date(2026, 6, 1))


@pytest.fixture
def example(tmp_path: Path) -> AgreementCopy:
    return AgreementCopy.of_example(NAME, tmp_path)


def _markdown(folder: Path) -> str:
    loaded = load_agreement(folder)
    assert loaded.agreement is not None, loaded.problems
    return write_markdown(agreement_document(loaded, REPO_ROOT))


def _headings(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if re.match(r"#{2,6} ", line)]


# --- order, nesting and numbers -----------------------------------------------------------------


def test_sections_come_in_the_parties_order_with_numbers() -> None:
    headings = _headings(_markdown(REPO_ROOT / "agreements" / NAME))
    assert headings == [
        "## 1. Inledning",
        "## 2. Syfte",
        "## 3. Mål",
        "## 4. Parter",
        "## 5. Inriktning",
        "### 5.1 Gemensam lägesbild",
        "### 5.2 Norra kommundelen",
        "### 5.3 Södra kommundelen",
        "## 6. Organisation",
        "### 6.1 Styrgrupp",
        "### 6.2 Samverkansgrupp",
        "## 7. Uppföljning",
        "## 8. Tid",
        "## 9. Bilagor",
        "## Trygghet i centrum på kvällstid",  # the bilaga's own, unnumbered
        "## Bostadsinbrott i fritidshusområdena",
    ]


def test_prose_lists_and_numbered_lists_stay_lists() -> None:
    markdown = _markdown(REPO_ROOT / "agreements" / NAME)
    assert "\n- trygghet i och kring resecentrum på kvällstid,\n" in markdown
    assert "\n1. kartlägga bostadsinbrotten i fritidshusområdena,\n" in markdown
    assert "\n2. starta grannsamverkan där den saknas,\n" in markdown


def test_goals_print_measure_target_deadline_and_measures() -> None:
    markdown = _markdown(REPO_ROOT / "agreements" / NAME)
    assert (
        "- Fler invånare känner sig trygga i centrum på kvällstid (mäts som andel som känner "
        "sig trygga i kommunens trygghetsmätning, målvärde minst 75 procent, senast "
        "2028-06-30)" in markdown
    )
    assert "  - Åtgärd: Bättre belysning vid resecentrum" in markdown


def test_the_copies_sentence_opens_the_signature_block() -> None:
    markdown = _markdown(REPO_ROOT / "agreements" / NAME)
    copies = markdown.index("upprättats i två (2) likalydande exemplar")
    assert copies > markdown.index("## 8. Tid")
    assert copies < markdown.index("<!-- samverkan:underskrifter -->")


def test_without_avsnitt_the_order_is_the_stockholm_malls() -> None:
    loaded = load_agreement(REPO_ROOT / "agreements" / "järva")
    assert loaded.agreement is not None
    names = [view.name for view in section_views(loaded.agreement)]
    assert names == [name for name in STOCKHOLM_ORDER if name in names]
    assert names[:2] == ["bakgrund", "omfattning"] and names[-1] == "underskrifter"
    assert all(view.number is None for view in section_views(loaded.agreement))


def test_every_block_has_its_partial() -> None:
    templates = REPO_ROOT / "templates"
    for block in BLOCKS.values():
        assert (templates / block.template_path).is_file(), block
    assert set(STOCKHOLM_ORDER) == set(BLOCKS)


def test_heading_numbers_are_written_the_swedish_way() -> None:
    assert heading_number((3,)) == "3."
    assert heading_number((3, 1)) == "3.1"
    assert heading_number((3, 1, 2)) == "3.1.2"


def test_forums_without_an_organisation_heading_are_numbered_beside_it(
    example: AgreementCopy,
) -> None:
    example.edit("organisation:\n  rubrik: Organisation\n", "organisation:\n")
    headings = _headings(_markdown(example.folder))
    assert headings[8:11] == ["## 6. Styrgrupp", "## 7. Samverkansgrupp", "## 8. Uppföljning"]


def test_numbers_are_off_unless_asked_for(example: AgreementCopy) -> None:
    example.edit("numrerade_rubriker: true\n", "")
    headings = _headings(_markdown(example.folder))
    assert headings[:2] == ["## Inledning", "## Syfte"]
    assert "### Gemensam lägesbild" in headings


def test_docx_headings_are_numbered_with_their_levels(tmp_path: Path) -> None:
    result = build_agreement(REPO_ROOT / "agreements" / NAME, tmp_path, REPO_ROOT, SETTINGS)
    [path] = [p for p in result.written if p.name.endswith(".docx") and ".en." not in p.name]
    document = docx.Document(io.BytesIO(path.read_bytes()))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert ("Heading 2", "1. Inledning") in headings
    assert ("Heading 3", "5.1 Gemensam lägesbild") in headings
    assert ("Heading 3", "6.2 Samverkansgrupp") in headings
    assert ("Heading 2", "8. Tid") in headings


def test_the_example_builds_without_problems() -> None:
    from samverkan_cli.check.folder import check_folder

    _, problems = check_folder(REPO_ROOT / "agreements" / NAME, SETTINGS)
    assert [str(p) for p in problems if p.severity is not Severity.INFO] == []


# --- refusals ---------------------------------------------------------------------------------


@covers_rule("SV170")
def test_sv170_unknown_block_name_with_the_nearest(example: AgreementCopy) -> None:
    text = example.edit("  - organisation\n", "  - organisaton\n")
    problem = only(example.check(SETTINGS), "SV170")
    at = position(text, "organisaton")
    assert_problem(problem, Severity.ERROR, example.folder / "overenskommelse.yaml", at, "")
    assert "menade du 'organisation'?" in problem.message
    assert "kända: bakgrund, syfte, mål" in problem.message


@covers_rule("SV171")
def test_sv171_block_without_data_and_block_named_twice(example: AgreementCopy) -> None:
    text = example.edit("  - underskrifter\n", "  - samordning\n  - tid\n  - underskrifter\n")
    problems = [p for p in example.check(SETTINGS) if p.rule == "SV171"]
    assert len(problems) == 2, problems
    missing, twice = problems
    assert missing.location.line == position(text, "  - samordning")[0]
    assert "ingen 'samordning:'" in missing.message
    last_tid = text.rindex("  - tid\n")
    assert twice.location.line == text[:last_tid].count("\n") + 1
    assert "står två gånger" in twice.message


@covers_rule("SV172")
def test_sv172_a_section_with_data_not_in_the_list(example: AgreementCopy) -> None:
    text = example.edit("  - dokumentation\n", "")
    problem = only(example.check(SETTINGS), "SV172")
    at = position(text, "dokumentation:\n")
    assert_problem(problem, Severity.ERROR, example.folder / "overenskommelse.yaml", at, "")
    assert "'- dokumentation'" in problem.message


def test_sv172_the_signatures_must_be_named_too(example: AgreementCopy) -> None:
    text = example.edit("  - underskrifter\n", "")
    problem = only(example.check(SETTINGS), "SV172")
    assert problem.location.line == position(text, "underskrifter:\n")[0]
    example.cut("underskrifter:\n", "exemplar:")
    problem = only(example.check(SETTINGS), "SV172")
    assert "avsnittet 'underskrifter' skrivs alltid ut" in problem.message
    assert problem.location.line == position(example.text(), "avsnitt:\n  - rubrik: Inl")[0]


def test_a_nested_unknown_name_is_found_in_its_section(example: AgreementCopy) -> None:
    text = example.edit("      - lägesbild\n", "      - lägesbil\n")
    problem = only(example.check(SETTINGS), "SV170")
    assert problem.location.line == position(text, "lägesbil\n")[0]


def test_an_unknown_key_in_a_prose_section_is_a_schema_error(example: AgreementCopy) -> None:
    text = example.edit("        id: norra\n", "        id: norra\n        rubrk: Norr\n")
    problem = only(example.check(SETTINGS), "SV010")
    assert problem.location.line == position(text, "rubrk")[0]


def test_sv163_goal_of_the_agreement_outside_the_term(example: AgreementCopy) -> None:
    text = example.edit("senast: 2028-06-30", "senast: 2029-06-30")
    problem = only(example.check(SETTINGS), "SV163")
    assert problem.location.line == position(text, "senast: 2029-06-30")[0]


# --- diff and init ----------------------------------------------------------------------------


def _agreement(text: str) -> Agreement:
    return Agreement.model_validate(yaml.safe_load(text))


def test_diff_reports_a_changed_order_as_a_move() -> None:
    text = (REPO_ROOT / "agreements" / NAME / "overenskommelse.yaml").read_text(encoding="utf-8")
    moved = text.replace("  - syfte\n  - mål\n", "  - mål\n  - syfte\n")
    report = diff_agreements(_agreement(text), _agreement(moved), "före", "efter")
    assert "Flyttat avsnitt: mål (från plats 3 till plats 2)" in report
    nested = text.replace(
        "      - rubrik: Norra kommundelen\n        id: norra\n",
        "      - rubrik: Norra delen\n        id: norra\n",
    )
    renamed = diff_agreements(_agreement(text), _agreement(nested), "före", "efter")
    assert "Norra kommundelen → Norra delen" in renamed


def test_diff_pairs_a_moved_and_renamed_prose_section_by_its_id() -> None:
    text = (REPO_ROOT / "agreements" / NAME / "overenskommelse.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    inriktning = data["avsnitt"][4]["avsnitt"]
    inriktning[1], inriktning[2] = inriktning[2], inriktning[1]
    inriktning[2]["rubrik"] = "Norra delen"
    report = diff_agreements(_agreement(text), Agreement.model_validate(data), "före", "efter")
    assert "Flyttat avsnitt: Norra delen (från plats 2 till plats 3)" in report
    assert "rubrik: Norra kommundelen → Norra delen" in report
    assert "Borttaget" not in report and "Nytt avsnitt" not in report


def test_init_from_the_example_keeps_block_names_and_marks_prose(scratch_repo: Path) -> None:
    lines: list[str] = []
    today = dt.date(2026, 11, 23)
    assert init(scratch_repo, "ny", NAME, echo=lines.append, today=today) == 0
    data = yaml.safe_load(
        (scratch_repo / "agreements" / "ny" / "overenskommelse.yaml").read_text(encoding="utf-8")
    )
    assert data["avsnitt"][1:4] == ["syfte", "mål", "omfattning"]
    assert data["avsnitt"][4]["avsnitt"][0] == "lägesbild"
    assert data["avsnitt"][4]["avsnitt"][1]["id"] == "norra"
    assert data["avsnitt"][0]["text"].startswith("«Exempel: ")
    assert data["syfte"]["text"].startswith("«Exempel: ")
    assert data["mål"]["lista"][0]["åtgärder"][0].startswith("«Exempel: ")
    assert data["numrerade_rubriker"] is True


def test_every_part_of_a_numbered_medborgarlofte_has_its_own_number(tmp_path: Path) -> None:
    """The focus areas, each promise group and the follow-ups under Löften are numbered one
    after the other, never all with the same number."""
    copy = AgreementCopy.of_example("exempel-medborgarlofte", tmp_path)
    copy.edit(
        "dokumenttyp: medborgarlöfte\n", "dokumenttyp: medborgarlöfte\nnumrerade_rubriker: true\n"
    )
    headings = _headings(_markdown(copy.folder))
    numbers = [h.split()[1] for h in headings]
    assert len(numbers) == len(set(numbers)), headings
    below = [n for n in numbers if n.count(".") == 1 and not n.endswith(".")]
    assert below, headings
    tops = {n.split(".")[0] for n in below}
    for top in tops:
        subs = sorted(int(n.split(".")[1]) for n in below if n.split(".")[0] == top)
        assert subs == list(range(1, len(subs) + 1)), headings


def test_top_level_numbers_have_no_gaps(tmp_path: Path) -> None:
    """A block without a heading of its own (the framing after the parties clause) takes
    no number."""
    copy = AgreementCopy.of_example("exempel-medborgarlofte", tmp_path)
    copy.edit(
        "dokumenttyp: medborgarlöfte\n", "dokumenttyp: medborgarlöfte\nnumrerade_rubriker: true\n"
    )
    tops = [h.split()[1] for h in _headings(_markdown(copy.folder)) if h.startswith("## ")]
    assert tops == [f"{n}." for n in range(1, len(tops) + 1)]
