"""The strict YAML loader: every refusal is a located Swedish problem, and values stay text.

Each refusal test asserts the rule id, the exact 1-based line and column, and the part of the
Swedish message that tells the user what to do.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from pathlib import Path

import pytest

from samverkan_cli.core.problems import Location, Problem, Severity
from samverkan_cli.source.yaml_document import YamlDocument, YamlRefused
from samverkan_cli.source.yaml_source import read_yaml

SHOWN = "test.yaml"


def write(tmp_path: Path, content: bytes | str) -> Path:
    """A YAML file with exactly these bytes (text is written as UTF-8, newlines untouched)."""
    path = tmp_path / SHOWN
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def load(tmp_path: Path, content: bytes | str) -> YamlDocument:
    return read_yaml(write(tmp_path, content), SHOWN)


def refusal(tmp_path: Path, content: bytes | str) -> Problem:
    """The problem the loader refuses this content with."""
    with pytest.raises(YamlRefused) as raised:
        load(tmp_path, content)
    return raised.value.problem


def assert_refused(problem: Problem, rule: str, line: int, column: int, fragment: str) -> None:
    assert (problem.rule, problem.location) == (rule, Location(SHOWN, line, column)), problem
    assert problem.severity is Severity.ERROR
    assert fragment in problem.message


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the only occurrence of `needle` in `text`."""
    assert text.count(needle) == 1, f"{needle!r} must occur exactly once"
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


# --- refusals -----------------------------------------------------------------------------


def test_duplicate_key_is_located_at_the_second_key(tmp_path: Path) -> None:
    problem = refusal(tmp_path, "titel: A\nprofil: x\ntitel: B\n")
    assert_refused(problem, "SV002", 3, 1, "nyckeln 'titel' förekommer två gånger")
    assert "första gången på rad 1" in problem.message


def test_duplicate_key_deep_in_the_tree(tmp_path: Path) -> None:
    text = (
        "organisation:\n"
        "  forum:\n"
        "    - id: styrgrupp\n"
        "      möten:\n"
        "        frekvens: vid behov\n"
        "        text: A\n"
        "        frekvens: {minst: 2, per: år}\n"
    )
    problem = refusal(tmp_path, text)
    assert_refused(problem, "SV002", 7, 9, "nyckeln 'frekvens' förekommer två gånger")
    assert "första gången på rad 5" in problem.message


def test_syntax_error_colon_in_plain_value(tmp_path: Path) -> None:
    problem = refusal(tmp_path, "titel: ok\ntext: Möte: kl 18\n")
    assert_refused(problem, "SV001", 2, 11, "YAML-syntaxfel: ett kolon på fel plats")


def test_syntax_error_tab_indentation(tmp_path: Path) -> None:
    problem = refusal(tmp_path, "tid:\n\tfrån: 2024-06-01\n")
    assert_refused(problem, "SV001", 2, 1, "tabbtecken får inte användas för indrag")


def test_invalid_utf8_byte(tmp_path: Path) -> None:
    problem = refusal(tmp_path, b"titel: \xff\n")
    assert_refused(problem, "SV004", 1, 8, "filen är inte UTF-8 (ogiltig byte 0xff)")


def test_invalid_utf8_byte_column_counts_characters_not_bytes(tmp_path: Path) -> None:
    # "å" is two bytes but one column; Latin-1 "ä" (0xe4) is the typical wrong encoding.
    problem = refusal(tmp_path, "titel: ok\nort: Spånga \n".encode() + b"l\xe4n\n")
    assert_refused(problem, "SV004", 3, 2, "ogiltig byte 0xe4")


def test_control_character_is_refused_as_bad_character(tmp_path: Path) -> None:
    problem = refusal(tmp_path, "titel: ok\nort: Sp\x07nga\n")
    assert_refused(problem, "SV004", 2, 8, "otillåtet tecken U+0007")


@pytest.mark.parametrize(
    "content",
    [b"", b"\n\n", b"# bara en kommentar\n\n# och en till\n", b"---\n", b"~\n"],
    ids=["empty", "blank-lines", "comments-only", "document-marker-only", "null-only"],
)
def test_file_without_data(tmp_path: Path, content: bytes) -> None:
    problem = refusal(tmp_path, content)
    assert_refused(problem, "SV005", 1, 1, "filen är tom")


def test_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    names = "abcdefghi"
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    text = "\n".join(lines) + "\n"
    problem = refusal(tmp_path, text)
    # An alias is the anchored node itself, so the mark is where the repeated node was written:
    # the last "lol" of the first list is the node whose repetition crosses the limit.
    last_lol = lines[0].rindex('"lol"') + 1
    assert_refused(problem, "SV003", 1, last_lol, "alias expanderas till fler än 1000 noder")


def test_a_few_aliases_are_allowed(tmp_path: Path) -> None:
    document = load(tmp_path, "ort: &ort Spånga\nunderskrifter:\n  ort: *ort\n")
    assert document.data == {"ort": "Spånga", "underskrifter": {"ort": "Spånga"}}


def test_python_object_tag_is_refused(tmp_path: Path) -> None:
    text = "titel: ok\nparter: !!python/object/apply:os.system [echo hej]\n"
    problem = refusal(tmp_path, text)
    assert_refused(problem, "SV006", *position(text, "!!python"), "stöds inte")
    assert "python/object/apply:os.system" in problem.message


def test_tag_on_a_scalar_is_refused(tmp_path: Path) -> None:
    text = "titel: ok\nexemplar: !!int 2\n"
    problem = refusal(tmp_path, text)
    assert_refused(problem, "SV006", 2, 11, "stöds inte; skriv värdet utan tagg")


def test_merge_key_is_refused(tmp_path: Path) -> None:
    text = "bas: &bas {ort: Spånga}\nunderskrifter:\n  <<: *bas\n  datum: 2024-06-01\n"
    problem = refusal(tmp_path, text)
    assert_refused(problem, "SV006", 3, 3, "sammanslagningsnyckeln '<<' stöds inte")


def test_quoted_merge_key_is_ordinary_text(tmp_path: Path) -> None:
    assert load(tmp_path, "'<<': x\n").data == {"<<": "x"}


# --- values stay what the user wrote ------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("18:30", "18:30"),  # YAML 1.1 sexagesimal would make this 1110
        ("no", "no"),
        ("yes", "yes"),
        ("off", "off"),
        ("2024-06-01", "2024-06-01"),  # the schema, not the loader, parses dates
        ("0123", "0123"),  # a leading zero is a code, not octal 83
        ("163 64", "163 64"),
        ("12", 12),
        ("-3", -3),
        ("1.5", 1.5),
        ("true", True),
        ("false", False),
        ("~", None),
        ("'12'", "12"),
    ],
)
def test_scalar_values(tmp_path: Path, written: str, expected: object) -> None:
    value = load(tmp_path, f"v: {written}\n").data["v"]
    assert value == expected
    assert type(value) is type(expected)


def test_utf8_bom_is_accepted_and_does_not_shift_columns(tmp_path: Path) -> None:
    document = load(tmp_path, b"\xef\xbb\xbftitel: \xc3\x85r\nexemplar: 2\n")
    assert document.data == {"titel": "År", "exemplar": 2}
    assert document.location(("titel",)) == Location(SHOWN, 1, 8)
    assert document.location(("titel",), key=True) == Location(SHOWN, 1, 1)


def test_crlf_line_endings_are_accepted(tmp_path: Path) -> None:
    document = load(tmp_path, b"titel: A\r\ntid:\r\n  till: tillsvidare\r\n")
    assert document.data == {"titel": "A", "tid": {"till": "tillsvidare"}}
    assert document.location(("tid", "till")) == Location(SHOWN, 3, 9)


def test_crlf_syntax_error_lines_are_counted_once(tmp_path: Path) -> None:
    problem = refusal(tmp_path, "titel: A\r\n\r\ntext: Möte: kl 18\r\n")
    assert_refused(problem, "SV001", 3, 11, "ett kolon på fel plats")


@pytest.mark.parametrize(
    "content",
    [b"titel: A\r\nort: Sp\xc3\xa5nga\r\n", b"\xef\xbb\xbftitel: A\n", b"titel: \xff\n"],
    ids=["crlf", "bom", "refused"],
)
def test_reading_never_modifies_the_file(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path, content)
    past = 1_600_000_000_000_000_000
    os.utime(path, ns=(past, past))
    with contextlib.suppress(YamlRefused):
        read_yaml(path, SHOWN)
    assert path.read_bytes() == content
    assert path.stat().st_mtime_ns == past


# --- locations ----------------------------------------------------------------------------

NESTED = """\
organisation:
  forum:
    - id: styrgrupp
    - id: beredningsgrupp
      möten:
        frekvens: {minst: 4, per: år}
"""


def test_location_of_a_nested_value_and_its_key(tmp_path: Path) -> None:
    document = load(tmp_path, NESTED)
    path = ("organisation", "forum", 1, "möten", "frekvens")
    assert document.location(path) == Location(SHOWN, 6, 19)
    assert document.location(path, key=True) == Location(SHOWN, 6, 9)
    assert document.location(("organisation", "forum", 0, "id")) == Location(SHOWN, 3, 11)


def test_location_of_a_missing_path_falls_back_to_the_nearest_parent(tmp_path: Path) -> None:
    document = load(tmp_path, NESTED)
    # forum[0] has no "möten": the location is forum[0] itself (its first key).
    assert document.location(("organisation", "forum", 0, "möten", "text")) == Location(SHOWN, 3, 7)
    # With key=True a missing path falls back to the key of the nearest existing parent.
    assert document.location(("organisation", "forum", 7), key=True) == Location(SHOWN, 2, 3)
    assert document.location(("finns_inte",)) == Location(SHOWN, 1, 1)


def test_location_skips_path_elements_the_document_does_not_have(tmp_path: Path) -> None:
    # pydantic adds union tags such as "count" to error paths; they are not in the YAML.
    document = load(tmp_path, NESTED)
    path = ("organisation", "forum", 1, "möten", "frekvens", "count", "minst")
    assert document.location(path) == Location(SHOWN, 6, 27)
    assert document.has_path(("organisation", "forum", 1, "möten"))
    assert not document.has_path(("organisation", "forum", 0, "möten"))


def test_invalid_utf8_byte_after_a_bom(tmp_path: Path) -> None:
    problem = refusal(tmp_path, b"\xef\xbb\xbftitel: \xff\n")
    assert_refused(problem, "SV004", 1, 8, "ogiltig byte 0xff")


def test_two_documents_in_one_file_are_refused_in_swedish(tmp_path: Path) -> None:
    problem = refusal(tmp_path, "titel: a\n---\ntitel: b\n")
    assert_refused(problem, "SV001", 2, 1, "bara innehålla ett YAML-dokument")


def test_the_texts_of_a_document_follow_its_data(tmp_path: Path) -> None:
    """`texts()` is walked once and kept: the same answer while the data is the same, a new
    one when the data is replaced, and always what walking the data gives."""
    document = load(tmp_path, "a: x\nb:\n  - y\n  - 2\n  - {c: z}\nundantag: [w]\n")
    texts = document.texts()
    assert texts == (
        (("a",), "x"),
        (("b", 0), "y"),
        (("b", 2, "c"), "z"),
        (("undantag", 0), "w"),
    )
    assert document.texts() is texts
    document.data = {"ny": ["text", {"djup": "mer"}]}
    assert document.texts() == ((("ny", 0), "text"), (("ny", 1, "djup"), "mer"))
    document.data = "bara text"
    assert document.texts() == (((), "bara text"),)
