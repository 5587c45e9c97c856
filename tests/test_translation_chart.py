"""A translation's organisation chart: drawn as the Swedish one, in the translation's words
(`organisationsschema:` by forum id, and the chart's own words per language), named after
the translated document; what is missing is refused (SV196), what the Swedish does not have
too (SV197)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.check.folder import CheckSettings
from samverkan_cli.model.chart_words import CHART_WORDS, SWEDISH
from samverkan_cli.orgchart.chart import chart_layout
from samverkan_cli.orgchart.layout_model import CHART_TITLE
from samverkan_cli.render.agreement_document import agreement_document
from samverkan_cli.render.translation_chart import translated_organisation
from samverkan_cli.render.translation_document import translated_document
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.writers import write_markdown
from tests.agreement_copy import AgreementCopy
from tests.conftest import REPO_ROOT
from tests.test_rules import only, position

NAME = "exempel-numrerade-avsnitt"
STEM = "samverkansoverenskommelse-exempelsund"
FILE = "oversattning.en.yaml"
SETTINGS = CheckSettings(today=dt.date(2026, 6, 1))
SWEDISH_WORDS = ("Möten", "Funktioner", "kopplad", "Organisationsschema", "Styrgrupp")


@pytest.fixture
def example(tmp_path: Path) -> AgreementCopy:
    return AgreementCopy.of_example(NAME, tmp_path)


def test_the_translated_chart_is_drawn_in_english() -> None:
    loaded = load_agreement(REPO_ROOT / "agreements" / NAME)
    document = translated_document(loaded, "en")
    names = [name for name, _ in document.assets]
    assert names == [f"{STEM}.en-organisation.png", f"{STEM}.en-organisation.svg"]
    svg = dict(document.assets)[f"{STEM}.en-organisation.svg"].decode("utf-8")
    assert "<title>The collaboration organisation</title>" in svg
    assert "Organisation chart with 2 forums." in svg
    assert "Functions: Chair of the Municipal Executive Board;" in svg
    assert "Meetings: at least twice a year" in svg
    assert "Collaboration group is linked to Steering group." in svg
    assert not any(word in svg for word in SWEDISH_WORDS), svg
    markdown = write_markdown(document)
    line = (
        "![The collaboration organisation: Steering group and Collaboration group]"
        f'({STEM}.en-organisation.png "The collaboration organisation")'
    )
    assert line in markdown
    assert markdown.index(line) < markdown.index("## 7. Follow-up")  # in the organisation


def test_the_swedish_chart_keeps_its_words() -> None:
    loaded = load_agreement(REPO_ROOT / "agreements" / NAME)
    assert loaded.agreement is not None and loaded.agreement.organisation is not None
    layout = chart_layout(loaded.agreement.organisation)
    assert layout.title == CHART_TITLE == SWEDISH.title
    assert layout.description.startswith("Organisationsschema med 2 forum. Styrgrupp.")
    assert "Samverkansgrupp är kopplad till Styrgrupp." in layout.description
    svg = dict(agreement_document(loaded, REPO_ROOT).assets)[f"{STEM}-organisation.svg"]
    assert "Möten: minst två (2) tillfällen per år" in svg.decode("utf-8")


def test_the_chart_words_say_singular_and_plural() -> None:
    english = CHART_WORDS["en"]
    assert english.more(1) == "and 1 more function"
    assert english.more(3) == "and 3 more functions"
    assert english.summary(1) == "Organisation chart with 1 forum."
    assert english.linked(["A", "B"], ["C"]) == "A and B are linked to C."
    assert SWEDISH.join(["A", "B", "C"]) == "A, B och C"


def test_build_writes_the_translated_chart_beside_the_swedish(
    example: AgreementCopy, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = build_agreement(example.folder, out, settings=SETTINGS, public=True, draft=True)
    names = {p.name for p in result.written}
    assert f"{STEM}-organisation-utkast.png" in names
    assert f"{STEM}.en-organisation-utkast.png" in names
    assert f"{STEM}.en-organisation-utkast.svg" in names
    english = (out / f"{STEM}-utkast.en.md").read_text(encoding="utf-8")
    assert f"({STEM}.en-organisation-utkast.png " in english


def test_the_public_translation_redraws_its_own_chart_in_its_words(
    example: AgreementCopy, tmp_path: Path
) -> None:
    example.edit(
        "      - Community police officer\n",
        "      - Community police officer Erik Låtsasson\n",
        FILE,
    )
    out = tmp_path / "out"
    build_agreement(example.folder, out, settings=SETTINGS, public=True)
    public = (out / f"{STEM}-publik.en.md").read_text(encoding="utf-8")
    assert f"({STEM}.en-organisation-publik.png " in public
    svg = (out / f"{STEM}.en-organisation-publik.svg").read_text(encoding="utf-8")
    assert "Låtsasson" not in svg and "Meetings: every month" in svg
    assert not any(word in svg for word in SWEDISH_WORDS), svg
    assert "Låtsasson" in (out / f"{STEM}.en-organisation.svg").read_text(encoding="utf-8")


def test_without_organisationsschema_the_translation_has_no_chart(
    example: AgreementCopy,
) -> None:
    text = example.text(FILE)
    start = text.index("organisationsschema:")
    example.edit(text[start : text.index("# Undertecknarnas")], "", FILE)
    assert [p for p in example.check(SETTINGS) if p.rule in ("SV196", "SV197")] == []
    loaded = load_agreement(example.folder)
    assert translated_document(loaded, "en").assets == ()


# --- refusals ------------------------------------------------------------------------------------


def test_sv196_a_forum_missing_from_the_chart(example: AgreementCopy) -> None:
    text = example.text(FILE)
    start = text.index("    samverkansgrupp:\n      rubrik: Collaboration group")
    text = example.edit(text[start : text.index("\n# Undertecknarnas")], "", FILE)
    problem = only(example.check(SETTINGS), "SV196")
    assert (problem.location.line, problem.location.column) == position(
        text, "forum:", after="organisationsschema:"
    )
    assert "organisationsschemat saknar forumet 'samverkansgrupp'" in problem.message
    loaded = load_agreement(example.folder)
    assert loaded.agreement is not None
    assert translated_organisation(loaded.agreement, loaded.translations["en"].model, "en") is None


def test_sv196_too_few_functions_and_no_meetings(example: AgreementCopy) -> None:
    example.edit("        - Municipal Director\n", "", FILE)
    example.edit('      möten: "Meetings: every month"\n', "", FILE)
    messages = [p.message for p in example.check(SETTINGS) if p.rule == "SV196"]
    assert any("'styrgrupp' har 3 funktioner i den svenska texten men 2" in m for m in messages)
    assert any("'samverkansgrupp' har möten i den svenska texten" in m for m in messages)


def test_sv197_an_unknown_forum_and_too_many_functions(example: AgreementCopy) -> None:
    text = example.edit(
        "    samverkansgrupp:\n      rubrik: Coll", "    samverkansgrup:\n      rubrik: Coll", FILE
    )
    problems = example.check(SETTINGS)
    problem = only(problems, "SV197")
    assert (problem.location.line, problem.location.column) == position(text, "samverkansgrup:")
    assert "organisationen har inget forum 'samverkansgrup' (menade du 'samverkansgrupp'?)" in (
        problem.message
    )
    assert "saknar forumet 'samverkansgrupp'" in only(problems, "SV196").message
    example.edit("    samverkansgrup:\n", "    samverkansgrupp:\n", FILE)
    example.edit(
        "        - Municipal Director\n", "        - Municipal Director\n        - X\n", FILE
    )
    assert (
        "'styrgrupp' har 3 funktioner i den svenska texten men 4"
        in only(example.check(SETTINGS), "SV197").message
    )


def test_sv197_a_language_without_chart_words(example: AgreementCopy) -> None:
    (example.folder / FILE).rename(example.folder / "oversattning.fi.yaml")
    example.edit("språk: en", "språk: fi", "oversattning.fi.yaml")
    problem = only(example.check(SETTINGS), "SV197")
    assert "organisationsschemat kan ännu inte ritas på finska" in problem.message
    loaded = load_agreement(example.folder)
    assert translated_document(loaded, "fi").assets == ()


def test_every_value_of_the_translated_chart_reaches_the_svg(example: AgreementCopy) -> None:
    """The leaf invariant for what only the chart shows (`model.unprinted`): each forum's
    heading, functions and meeting line, replaced by a marker, is in the SVG."""
    markers = {
        "Steering group": "XQ1Z",
        "Chair of the Municipal Executive Board\n": "XQ2Z\n",
        "        - Municipal Director": "        - XQ3Z",
        "Head of the Local Police Area\n": "XQ4Z\n",
        "Meetings: at least twice a year": "XQ5Z",
        "rubrik: Collaboration group": "rubrik: XQ6Z",
        "Crime prevention coordinator of the Municipality": "XQ7Z",
        "        - Community police officer": "        - XQ8Z",
        "Meetings: every month": "XQ9Z",
    }
    for old, new in markers.items():
        text = example.text(FILE)
        start = text.index("organisationsschema:")
        assert text[start:].count(old) == 1, old
        (example.folder / FILE).write_text(
            text[:start] + text[start:].replace(old, new), encoding="utf-8"
        )
    loaded = load_agreement(example.folder)
    svg = dict(translated_document(loaded, "en").assets)[f"{STEM}.en-organisation.svg"]
    shown = svg.decode("utf-8")
    assert [m for m in range(1, 10) if f"XQ{m}Z" not in shown] == []
