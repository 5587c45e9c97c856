"""Nothing silently merged, every refusal says how to fix it (issue 15, part F2).

Each defect of the new-user trial is tested as a class: every list item of Järva indented
too little, every quoted value left open, every key moved one level away from its home,
every personnummer-shaped number; the listed instance is one case among them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from samverkan_cli.cli.main import cli
from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.document.parsing import prose_refusals
from samverkan_cli.document.refusals import TOKEN_NAMES, construct_refusal
from samverkan_cli.model.orgnr import OrgNumberRefused, luhn_check_digit, normalised_org_number
from samverkan_cli.model.party import Party, PostalAddress
from samverkan_cli.source.repository import Repository
from samverkan_cli.source.yaml_document import YamlRefused
from samverkan_cli.source.yaml_source import read_yaml
from tests.agreement_copy import AgreementCopy
from tests.conftest import JARVA
from tests.test_rules import covers_rule, position

AGREEMENT = "overenskommelse.yaml"
JARVA_TEXT = (JARVA / AGREEMENT).read_text(encoding="utf-8")


@pytest.fixture(params=["libyaml", "pure"])
def yaml_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways of reading YAML must refuse the same text at the same place."""
    if request.param == "pure":
        monkeypatch.setenv("SAMVERKAN_PURE_YAML", "1")
    return str(request.param)


def refused(tmp_path: Path, text: str) -> Problem:
    path = tmp_path / "fil.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(YamlRefused) as caught:
        read_yaml(path)
    return caught.value.problem


def only(problems: list[Problem], rule: str) -> Problem:
    found = [p for p in problems if p.rule == rule]
    assert len(found) == 1, [str(p) for p in problems]
    return found[0]


# --- 1. a plain text that swallowed the lines under it (SV021) -----------------------------


def _item_lines(text: str) -> set[int]:
    """The 0-based lines where a plain text item of a YAML list starts."""
    found: set[int] = set()
    pending = [yaml.compose(text, Loader=yaml.SafeLoader)]
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.SequenceNode):
            for item in node.value:
                if isinstance(item, yaml.ScalarNode) and not item.style:
                    found.add(item.start_mark.line)
            pending.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            pending.extend(value for _, value in node.value)
    return found


def _list_items(text: str) -> list[tuple[int, str]]:
    """(index, line) of every plain '- item' followed by a sibling item in `text`."""
    lines = text.splitlines()
    items = _item_lines(text)
    found = []
    for index, line in enumerate(lines[:-1]):
        if index not in items:
            continue
        following = lines[index + 1]
        indent = len(line) - len(line.lstrip(" "))
        content = line.strip()
        if (
            content.startswith("- ")
            and following.startswith(" " * indent + "- ")
            and content[2:3] not in {"|", ">", '"', "'", "{", "[", "&", "*", "!"}
            and ": " not in content
            and not content.endswith(":")
            and indent >= 2
        ):
            found.append((index, line))
    return found


EXAMPLE_FILES = sorted(JARVA.parent.glob("*/**/*.yaml"))
ITEMS = [(f, i, line) for f in EXAMPLE_FILES for i, line in _list_items(f.read_text("utf-8"))]
FIRST_ITEMS = [
    (f, i, line)
    for f, i, line in ITEMS
    if not f.read_text("utf-8").splitlines()[i - 1].lstrip().startswith("-")
]
SAMPLED = ITEMS[:: max(1, len(ITEMS) // 12)] + FIRST_ITEMS[:: max(1, len(FIRST_ITEMS) // 8)]


def test_the_examples_have_lists_to_break() -> None:
    assert len(ITEMS) >= 16


@pytest.mark.parametrize(
    ("file", "index", "line"), SAMPLED, ids=[f"{f.parent.name}-{i}" for f, i, _ in SAMPLED]
)
def test_every_under_indented_list_item_is_refused_not_merged(
    tmp_path: Path, yaml_path: str, file: Path, index: int, line: str
) -> None:
    """The first item of a list, two spaces out, is still valid YAML: its text swallows the
    items under it (SV021, at the first of them); any other item so written breaks the
    list and is a syntax error at its own line. Both name the column to move to."""
    lines = file.read_text(encoding="utf-8").splitlines()
    indent = len(line) - len(line.lstrip(" "))
    first = not lines[index - 1].startswith(" " * indent + "-")
    lines[index] = line[2:]  # two spaces too little
    problem = refused(tmp_path, "\n".join(lines) + "\n")
    sibling_column = indent + 1
    if first:
        assert problem.rule == "SV021", problem
        assert (problem.location.line, problem.location.column) == (index + 2, sibling_column)
        assert "indraget stämmer inte" in problem.message
        assert "t.ex." in problem.message
    else:
        assert problem.rule == "SV001", problem
        assert problem.location.line == index + 1, problem
        assert "fel indrag" in problem.message
    assert f"till kolumn {sibling_column}" in problem.message


def test_the_trial_case_is_refused_in_the_agreement(jarva: AgreementCopy, yaml_path: str) -> None:
    jarva.edit("          - Stadsdelsdirektör", "        - Stadsdelsdirektör")
    problem = only(jarva.check(), "SV021")
    text = jarva.text()
    assert (problem.location.line, problem.location.column) == position(
        text, "- Lokalpolisområdets chef"
    )
    assert "flytta '-' på rad 112 till kolumn 11" in problem.message


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("lista: Första\n  - andra\n", 2, 3, "ett eget listelement"),
        ("text: Första raden\n  ? fråga\n", 2, 3, "en nyckel"),
        ("text: Rubrik\n  >-\n  Mer text\n", 2, 3, "textblock"),
        ("a:\n  - Ett\n    - Två\n", 3, 5, "ett eget listelement"),
        ("a:\n- Ett\n  - Två\n  - Tre\n", 3, 3, "flytta '-' på rad 2 till kolumn 3"),
    ],
)
def test_structure_inside_a_plain_text_is_refused(
    tmp_path: Path, yaml_path: str, text: str, line: int, column: int, words: str
) -> None:
    problem = refused(tmp_path, text)
    assert problem.rule == "SV021"
    assert (problem.location.line, problem.location.column) == (line, column)
    assert words in problem.message


@pytest.mark.parametrize(
    "text",
    [
        "text: En lång text som\n  fortsätter på nästa rad\n",
        'text: "En text\n  - med streck"\n',
        "text: |\n  - en punkt\n  - en till\n",
        "text: >-\n  Rad\n  - streck\n",
        "text: En text\n  -10 grader\n",
    ],
)
def test_texts_whose_lines_the_author_chose_are_accepted(
    tmp_path: Path, yaml_path: str, text: str
) -> None:
    path = tmp_path / "fil.yaml"
    path.write_text(text, encoding="utf-8")
    assert read_yaml(path).data["text"]


# --- 2. a known key at the wrong level ------------------------------------------------------


@pytest.mark.parametrize(
    ("anchor", "insert", "home", "example"),
    [
        ("    kortnamn: kommunen\n", "    postnummer: 163 64\n", "'postadress'", "postnummer:"),
        ("    kortnamn: kommunen\n", "    gatuadress: Väg 1\n", "'postadress'", "gatuadress:"),
        ("  ort: Spånga\n  datum", "  villkor: x\n", "'tid'", "villkor:"),
        ("    kortnamn: Polisen\n", "    titel: Chef\n", "'undertecknare'", "titel:"),
    ],
)
def test_a_key_at_the_wrong_level_is_told_where_it_belongs(
    jarva: AgreementCopy, anchor: str, insert: str, home: str, example: str
) -> None:
    jarva.edit(anchor, anchor + insert if anchor.endswith("\n") else insert + anchor)
    problem = only(jarva.check(), "SV010")
    key = insert.split(":")[0].strip()
    assert f"fältet '{key}' hör inte hemma här utan under {home}" in problem.message
    assert f"menade du '{key}'" not in problem.message
    assert example in problem.message.split("t.ex.")[1]


def test_no_unknown_key_is_suggested_as_itself(jarva: AgreementCopy) -> None:
    """Every key of the models, written where it is not a field: each gets one message,
    and none suggests the key itself ("okänt fält 'villkor'; menade du 'villkor'?")."""
    from samverkan_cli.model import Agreement
    from samverkan_cli.source.schema_errors import _aliases

    keys = sorted(
        k for k in _aliases(Agreement) if k not in {"ort", "datum", "undertecknare", "egen_sida"}
    )
    inserted = "".join(f"  {k}: x\n" for k in keys)
    jarva.edit("underskrifter:\n", "underskrifter:\n" + inserted)
    told = [p.message for p in jarva.check() if p.rule == "SV010"]
    named = re.compile(r"^(?:okänt fält|fältet) '([^']+)'")
    seen = set()
    for message in told:
        match = named.match(message)
        assert match is not None, message
        seen.add(match.group(1))
        assert f"menade du '{match.group(1)}'" not in message, message
        assert "t.ex." in message, message
    assert seen >= set(keys) - {"titel", "namn"}


# --- 3. an unclosed quote, a duplicate key ---------------------------------------------------


def _quoted_values(text: str) -> list[tuple[int, int]]:
    """(0-based line, 0-based column of the opening quote) of every one-line "…" value."""
    found = []
    for index, line in enumerate(text.splitlines()):
        match = re.match(r'^\s*(?:- )?[^\s#"\'][^:#"]*: (")[^"\\]*"\s*$', line)
        if match:
            found.append((index, match.start(1)))
    return found


QUOTED = _quoted_values(JARVA_TEXT)


def test_jarva_has_quoted_values() -> None:
    assert len(QUOTED) >= 2


@pytest.mark.parametrize(("index", "column"), QUOTED)
def test_every_unclosed_quote_is_located_at_its_opening(
    tmp_path: Path, yaml_path: str, index: int, column: int
) -> None:
    lines = JARVA_TEXT.splitlines()
    lines[index] = lines[index].rstrip()[:-1]  # the closing quote forgotten
    problem = refused(tmp_path, "\n".join(lines) + "\n")
    assert problem.rule == "SV001", problem
    assert (problem.location.line, problem.location.column) == (index + 1, column + 1), problem
    assert "citattecknet" in problem.message and "t.ex." in problem.message
    key = lines[index].split(":")[0].strip().removeprefix("- ")
    assert f'{key}: "{lines[index][column + 1 :].rstrip()}"' in problem.message


@pytest.mark.parametrize(
    ("text", "example"),
    [
        ("titel: A\ntitel: B\n", "'titel: B'"),
        ("tid:\n  från: 2024-01-01\ntid:\n  till: 2025-01-01\n", "samla fälten under en enda"),
        ("lista:\n  - a\nlista:\n  - b\n", "samla elementen under en enda"),
    ],
)
def test_a_duplicate_key_is_told_how_to_fix_it(
    tmp_path: Path, yaml_path: str, text: str, example: str
) -> None:
    problem = refused(tmp_path, text)
    assert problem.rule == "SV002"
    assert example in problem.message


# --- 4. organisationsnummer -------------------------------------------------------------------


def _with_check_digit(nine: str) -> str:
    return f"{nine[:6]}-{nine[6:]}{luhn_check_digit(nine)}"


@pytest.mark.parametrize("nine", ["800101123", "190312456", "011231987", "551105003"])
def test_a_personnummer_shaped_org_number_is_refused(nine: str) -> None:
    number = _with_check_digit(nine)
    digits = number.replace("-", "")
    for written in (number, digits, *([int(digits)] if digits[0] != "0" else [])):
        with pytest.raises(OrgNumberRefused) as caught:
            normalised_org_number(written)
        assert "ser ut som ett personnummer" in str(caught.value)
        assert "2 eller högre som tredje siffra" in str(caught.value)


def test_the_placeholder_and_real_org_numbers_are_accepted() -> None:
    for number in ("000000-0000", "212000-0142", "202100-0076", "556000-0004"):
        assert normalised_org_number(number) == number


@pytest.mark.parametrize("nine", ["212000014", "202100007", "556677889"])
def test_a_wrong_check_digit_says_to_look_it_up_not_what_to_type(
    jarva: AgreementCopy, nine: str
) -> None:
    right = luhn_check_digit(nine)
    wrong = f"{nine[:6]}-{nine[6:]}{(right + 1) % 10}"
    jarva.edit("organisationsnummer: 212000-0142", f"organisationsnummer: {wrong}")
    problem = only(jarva.check(), "SV109")
    assert "kontrollera siffrorna mot Bolagsverket eller SCB" in problem.message
    assert f"{nine[:6]}-{nine[6:]}{right}" not in problem.message.replace("212000-0142", "")


@covers_rule("SV164")
@pytest.mark.parametrize(
    "kind", ["lokalpolisområde", "polisområde", "polisregion", "polismyndighet"]
)
def test_sv164_a_police_party_with_another_org_number(jarva: AgreementCopy, kind: str) -> None:
    jarva.edit("typ: lokalpolisområde", f"typ: {kind}")
    text = jarva.edit("organisationsnummer: 202100-0076", "organisationsnummer: 212000-0142")
    problem = only(jarva.check(), "SV164")
    assert problem.severity is Severity.WARNING
    line, column = position(text, "212000-0142", after="id: polisen")
    assert (problem.location.line, problem.location.column) == (line, column)
    assert "en enda juridisk person" in problem.message
    assert "organisationsnummer: 202100-0076" in problem.message


def test_sv164_is_silent_for_the_police_authoritys_number(jarva: AgreementCopy) -> None:
    assert not [p for p in jarva.check() if p.rule == "SV164"]


# --- 5. postnummer ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "given", [16364, "16364", "163 64", " 163 64 ", "163  64".replace("  ", " ")]
)
def test_a_postcode_of_five_digits_is_written_nnn_nn(given: Any) -> None:
    address = PostalAddress.model_validate({"gatuadress": "Väg 1", "postnummer": given, "ort": "X"})
    assert address.postcode == "163 64"


@pytest.mark.parametrize("given", [1636, "163-64", "1636 4", "SE-163 64", True, None, 163640])
def test_any_other_postcode_is_refused_with_the_form(jarva: AgreementCopy, given: Any) -> None:
    written = "" if given is None else ("true" if given is True else str(given))
    jarva.edit("postnummer: 163 64", f"postnummer: {written}")
    problem = only(jarva.check(), "SV010")
    assert "t.ex. postnummer: 163 64" in problem.message


def test_an_unquoted_postcode_number_reaches_the_document_formatted(tmp_path: Path) -> None:
    party = Party.model_validate(
        {
            "id": "a",
            "namn": "A",
            "typ": "kommun",
            "organisationsnummer": "212000-0142",
            "postadress": {"gatuadress": "Väg 1", "postnummer": 16364, "ort": "Spånga"},
            "kortnamn": "a",
            "undertecknare": {"titel": "Chef"},
        }
    )
    assert party.address is not None and party.address.swedish() == "Väg 1 163 64 Spånga"


# --- 6. bilaga files (SV106, SV107) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("bilagor/lagesbid.yaml", ["finns inte", "menade du 'bilagor/lagesbild.yaml'?", "finns:"]),
        ("bilagor/kp.docx", ["finns inte", "i 'bilagor/' finns: bilagor/lagesbild.yaml"]),
        ("bilaga/lagesbild.yaml", ["mappen 'bilaga/' finns inte", "menade du mappen 'bilagor/'"]),
        ("bilagor", ["är en mapp, inte en fil", "t.ex. fil: bilagor/lagesbild.yaml"]),
        ("bilagor/", ["är en mapp, inte en fil"]),
        ("../järva-2023/overenskommelse.yaml", ["utanför", "t.ex. fil: bilagor/lagesbild.yaml"]),
        ("bilagor\\\\kp.docx", ["skriv '/'", "t.ex. fil: bilagor/kp.docx"]),
    ],
)
def test_sv106_says_what_is_there_and_how_to_write_it(
    jarva: AgreementCopy, written: str, words: list[str]
) -> None:
    jarva.edit("fil: bilagor/lagesbild.yaml", f'fil: "{written}"')
    problems = [p for p in jarva.check() if p.severity is Severity.ERROR]
    problem = only(problems, "SV106")
    assert len(problems) == 1, [str(p) for p in problems]  # one error, not two
    for word in words:
        assert word in problem.message, problem.message


def test_sv106_lists_at_most_ten_files(jarva: AgreementCopy) -> None:
    for number in range(15):
        (jarva.folder / "bilagor" / f"extra-{number:02}.md").write_text("x\n", encoding="utf-8")
    jarva.edit("fil: bilagor/lagesbild.yaml", "fil: bilagor/saknas.yaml")
    problem = only(jarva.check(), "SV106")
    assert problem.message.count("bilagor/") <= 12
    assert "…" in problem.message


def test_sv107_says_which_side_to_change(jarva: AgreementCopy) -> None:
    text = jarva.text()
    list_line = text[: text.index("fil: bilagor/lagesbild.yaml")].count("\n")
    jarva.edit("typ: lägesbild\n", "typ: åtgärdsplan\n")
    problem = only(jarva.check(), "SV107")
    assert f"ändra bilagelistan på rad {list_line}" in problem.message
    assert "'typ: lägesbild'" in problem.message


# --- 7. Markdown token names -------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind",
    [k for k in TOKEN_NAMES if k != "text"]
    + [f"{k}_open" for k in TOKEN_NAMES if k != "text"]
    + ["dl_open"],
)
def test_no_markdown_it_token_name_reaches_a_message(kind: str) -> None:
    message = construct_refusal(kind, 0).message
    assert f"({kind})" not in message and f"({kind.removesuffix('_open')})" not in message
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", message), message


@pytest.mark.parametrize("markdown", ["    indragen kod", "```\nkod\n```", "> citat", "a\n\n***\n"])
def test_refused_blocks_are_named_in_swedish(markdown: str) -> None:
    [refusal] = prose_refusals(markdown)
    assert "(" not in refusal.message.split(":")[0] or "_" not in refusal.message, refusal
    assert not re.search(r"\b(code_block|fence|blockquote|hr)\b", refusal.message)


# --- 8. a misspelt agreement name ----------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "meant"),
    [("jarvaa", "järva"), ("Jarva-2032", "järva-2023"), ("exempel-komun", "exempel-kommun")],
)
def test_a_misspelt_name_gets_the_nearest(given: str, meant: str) -> None:
    from samverkan_cli.core.errors import UsageError

    with pytest.raises(UsageError) as caught:
        Repository(JARVA.parent.parent).resolve(given)
    assert f"Menade du '{meant}'?" in str(caught.value)


@pytest.mark.parametrize(
    "arguments",
    [
        ["build", "jarvaa"],
        ["validate", "jarvaa"],
        ["kalender", "jarvaa"],
        ["diff", "jarva", "jarvaa"],
    ],
)
def test_every_command_taking_a_name_suggests_it(
    arguments: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(JARVA.parent.parent)
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code != 0
    assert "Menade du 'järva'?" in result.output, result.output
