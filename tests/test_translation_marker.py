"""The public version of a translation says "removed" in its own language (issue 17): the
redaction writes the translation's marker ("[information removed]" in English) where the
Swedish writes "[uppgift borttagen]"; the translation file may give its own
(`borttagen_uppgift`), and a language without a verified default is asked for one (SV195).
"""

from __future__ import annotations

from pathlib import Path

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.core.problems import Severity
from samverkan_cli.model.translation import (
    LANGUAGES,
    REMOVED_MARKERS,
    SWEDISH_REMOVED_MARKER,
    Translation,
    removed_marker,
)
from tests.agreement_copy import AgreementCopy
from tests.test_rules import assert_problem, covers_rule, only, position
from tests.test_translation import FILE, SETTINGS, STEM, example

__all__ = ["example"]


def _shown(path: Path) -> str:
    """The Markdown's text with its escapes undone."""
    return path.read_text(encoding="utf-8").replace("\\", "")


def test_the_public_translation_uses_the_english_marker(
    example: AgreementCopy,
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    build_agreement(example.folder, out, settings=SETTINGS, public=True)
    english = _shown(out / f"{STEM}-publik.en.md")
    swedish = _shown(out / f"{STEM}-publik.md")
    assert "Annika Provström" not in english
    assert "[information removed]" in english and SWEDISH_REMOVED_MARKER not in english
    assert SWEDISH_REMOVED_MARKER in swedish and "[information removed]" not in swedish


def test_the_translation_file_may_give_its_own_marker(
    example: AgreementCopy,
    tmp_path: Path,
) -> None:
    example.edit(
        "sidfot: [Page, of]\n", "sidfot: [Page, of]\nborttagen_uppgift: '[redacted]'\n", FILE
    )
    out = tmp_path / "out"
    build_agreement(example.folder, out, settings=SETTINGS, public=True)
    english = _shown(out / f"{STEM}-publik.en.md")
    assert "[redacted]" in english and "[information removed]" not in english


def test_every_language_has_a_marker_or_is_asked_for_one() -> None:
    base = {"språk": "x", "titel": "T", "avsnitt": {}}
    plain = Translation.model_validate(base)
    for code in LANGUAGES:
        expected = REMOVED_MARKERS.get(code, SWEDISH_REMOVED_MARKER)
        assert removed_marker(plain, code) == expected
    given = Translation.model_validate({**base, "borttagen_uppgift": "[x]"})
    assert removed_marker(given, "sma") == "[x]"
    assert REMOVED_MARKERS["en"] == "[information removed]"


def _value_at(text: str, line: str) -> tuple[int, int]:
    row, column = position(text, line)
    return row, column + line.index(":") + 2


@covers_rule("SV195")
def test_sv195_a_language_without_a_default_marker_must_give_one(
    example: AgreementCopy,
) -> None:
    source = example.folder / FILE
    text = source.read_text(encoding="utf-8").replace("språk: en", "språk: sma")
    source.unlink()
    (example.folder / "oversattning.sma.yaml").write_text(text, encoding="utf-8")
    problem = only(example.check(SETTINGS), "SV195")
    assert_problem(
        problem,
        Severity.WARNING,
        example.folder / "oversattning.sma.yaml",
        _value_at(text, "språk: sma"),
        "ange 'borttagen_uppgift' på sydsamiska (det som står där den publika versionen "
        "tagit bort en personuppgift); annars skrivs den svenska '[uppgift borttagen]'",
    )
    fixed = text.replace("sidfot: [Page, of]\n", "sidfot: [Page, of]\nborttagen_uppgift: '[x]'\n")
    (example.folder / "oversattning.sma.yaml").write_text(fixed, encoding="utf-8")
    assert [p for p in example.check(SETTINGS) if p.rule == "SV195"] == []
