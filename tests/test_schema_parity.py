"""The JSON Schemas are the tool: they judge the YAML as `samverkan validate` does.

1. Every example, shipped profile, init skeleton and valid fixture validates against its
   schema with a JSON Schema validator (Draft 2020-12, formats checked), and every file in
   tests/bad_inputs/ that the YAML reader accepts is refused by both the model and the schema.
2. The edits in tests/schema_edits/ get the same verdict from the model and the schema, and
   the verdict written there; an edit that only the tool can refuse names its reason in
   `ONLY_THE_TOOL` (rules across values or files, or checks no JSON Schema keyword expresses).
3. Generated single values (party ids, organisationsnummer, postnummer, dates) get the same
   verdict from both (hypothesis).
4. YAML is validated by its Swedish keys alone wherever it is read, so that an English field
   name (`title:`) is an unknown key there, as in the schemas.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import TypeAdapter, ValidationError

from samverkan_cli.check.json_schemas import schema_texts
from samverkan_cli.check.settings import RepositorySettings
from samverkan_cli.model import Agreement, BilagaContent
from samverkan_cli.model.committee_report import Report
from samverkan_cli.model.orgnr import OrgNumberRefused, normalised_org_number
from samverkan_cli.model.translation import Translation, translation_code
from samverkan_cli.profiles import SECTION_KEYS, Profile
from samverkan_cli.source.yaml_document import YamlRefused
from samverkan_cli.source.yaml_source import read_yaml
from tests.conftest import REPO_ROOT

EDITS = Path(__file__).parent / "schema_edits"

ONLY_THE_TOOL = {
    "unika-id": (
        "ids unique within a list (parter, forum, bilagor, planer …): JSON Schema's "
        "uniqueItems compares whole items, not one key of each"
    ),
    "ordning": (
        "a period ends after it starts: JSON Schema cannot compare two values of a document"
    ),
    "kontrollsiffra": (
        "the check digit (Luhn) of an organisationsnummer written without its dash: no JSON "
        "Schema keyword computes one (with the dash it is rule SV109's, a warning); of one "
        "written as a number (unquoted) also its third digit (2 or higher), since a pattern "
        "applies to texts only"
    ),
    "platshållare": (
        "a party's som_skrivet may name only {placeholders} the party has a value for: the "
        "allowed words depend on which other keys the party sets"
    ),
    "telefonnummer": (
        "behåll_nummer: a Swedish phone number in any notation is recognised by "
        "libphonenumber, not by a pattern"
    ),
}
"""Why the tool refuses an edit that the schema accepts; each is used by an edit below.
Not edits but kinds of value, equally the tool's alone: prose the writers cannot render
(MarkdownText is parsed), a bilaga path's length in UTF-8 bytes (JSON Schema counts
characters), a whole number written with a decimal point (JSON Schema counts 2.0 as an
integer), a profile's id that differs from its file name, and samverkan.yaml's folders and
files, checked against the repository when it is read."""

KINDS: dict[str, tuple[str, Callable[[Any], object]]] = {}


def _adapter(shape: Any) -> Callable[[Any], object]:
    adapter: TypeAdapter[Any] = TypeAdapter(shape)
    return lambda data: adapter.validate_python(data, by_alias=True, by_name=False)


def _profile(data: Any) -> object:
    """A profile as the profile library reads it: the model, then its known sections."""
    profile = Profile.model_validate(data, by_alias=True, by_name=False)
    if any(section not in SECTION_KEYS for section in profile.sections):
        raise ValueError("okänt avsnitt")
    return profile


KINDS.update(
    {
        "overenskommelse": ("overenskommelse.schema.json", _adapter(Agreement)),
        "bilaga": ("bilaga.schema.json", _adapter(BilagaContent)),
        "tjansteutlatande": ("tjansteutlatande.schema.json", _adapter(Report)),
        "oversattning": ("oversattning.schema.json", _adapter(Translation)),
        "samverkan": ("samverkan.schema.json", _adapter(RepositorySettings)),
        "profil": ("profil.schema.json", _profile),
    }
)

_VALIDATORS: dict[str, Draft202012Validator] = {}


def _validator(schema_file: str) -> Draft202012Validator:
    if schema_file not in _VALIDATORS:
        schema = json.loads(schema_texts()[schema_file])
        Draft202012Validator.check_schema(schema)
        _VALIDATORS[schema_file] = Draft202012Validator(
            schema, format_checker=Draft202012Validator.FORMAT_CHECKER
        )
    return _VALIDATORS[schema_file]


def _as_json(data: Any) -> Any:
    """The data as a JSON document (a date YAML read as one is its ISO text)."""
    return json.loads(json.dumps(data, default=str, ensure_ascii=False))


def model_accepts(kind: str, data: Any) -> bool:
    try:
        KINDS[kind][1](copy.deepcopy(data))
    except (ValidationError, ValueError):
        return False
    return True


def schema_errors(kind: str, data: Any) -> list[str]:
    found = _validator(KINDS[kind][0]).iter_errors(_as_json(data))
    return [f"{'.'.join(map(str, e.absolute_path)) or '/'}: {e.message[:200]}" for e in found]


# --- 1. examples and fixtures ---------------------------------------------------------------


def kind_of(path: Path) -> str | None:
    """The kind of a YAML file by its name and place, as the tool reads it."""
    if path.name == "overenskommelse.yaml":
        return "overenskommelse"
    if path.name == "tjansteutlatande.yaml":
        return "tjansteutlatande"
    if translation_code(path.name) is not None:
        return "oversattning"
    if path.name == "samverkan.yaml":
        return "samverkan"
    if path.parent.name == "bilagor":
        return "bilaga"
    if path.parent == REPO_ROOT / "samverkan_cli" / "profiles":
        return "profil"
    return None


def _valid_files() -> list[Path]:
    roots = [
        REPO_ROOT / "agreements",
        REPO_ROOT / "samverkan_cli" / "profiles",
        REPO_ROOT / "samverkan_cli" / "init" / "skeleton",
        REPO_ROOT / "tests" / "fixtures",
    ]
    found = [p for root in roots for p in sorted(root.rglob("*.yaml")) if kind_of(p)]
    return [p for p in found if "schema_edits" not in p.parts]


VALID_FILES = _valid_files()


def test_there_are_files_of_every_kind() -> None:
    kinds = {kind_of(p) for p in VALID_FILES}
    assert kinds >= {"overenskommelse", "bilaga", "tjansteutlatande", "oversattning", "profil"}
    assert len(VALID_FILES) > 40


@pytest.mark.parametrize("path", VALID_FILES, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_every_file_the_tool_accepts_the_schema_accepts(path: Path) -> None:
    kind = kind_of(path)
    assert kind is not None
    data = read_yaml(path).data
    shipped = "tests" not in path.relative_to(REPO_ROOT).parts
    if not model_accepts(kind, data):
        assert not shipped, f"{path} is shipped but the model refuses it"
        assert schema_errors(kind, data), f"{path}: the model refuses it, the schema does not"
        return
    assert schema_errors(kind, data) == []


BAD_INPUTS = sorted((REPO_ROOT / "tests" / "bad_inputs").glob("*.yaml"))


@pytest.mark.parametrize("path", BAD_INPUTS, ids=lambda p: p.name)
def test_every_bad_input_is_refused_by_both(path: Path) -> None:
    if path.name == "cases.yaml":
        pytest.skip("the list of expected findings, not an input")
    try:
        data = read_yaml(path).data
    except YamlRefused:
        return  # refused before any schema: a YAML error
    assert not model_accepts("overenskommelse", data)
    assert schema_errors("overenskommelse", data), f"{path.name}: the schema accepts it"


# --- 2. the corpus of edits -----------------------------------------------------------------


def _step(key: str) -> str | int:
    return int(key) if key.isdigit() else key


def _apply(data: Any, edit: dict[str, Any]) -> Any:
    data = copy.deepcopy(data)
    for dotted, value in (edit.get("set") or {}).items():
        *parents, last = [_step(k) for k in dotted.split(".")]
        node = data
        for key in parents:
            node = node[key]
        if isinstance(last, int) and last == len(node):
            node.append(value)
        else:
            node[last] = value
    for dotted in edit.get("delete") or []:
        *parents, last = [_step(k) for k in dotted.split(".")]
        node = data
        for key in parents:
            node = node[key]
        del node[last]
    return data


def _corpus() -> list[Any]:
    cases = []
    for file in sorted(EDITS.glob("*.yaml")):
        corpus = yaml.safe_load(file.read_text(encoding="utf-8"))
        if "base" in corpus:
            base = read_yaml(REPO_ROOT / corpus["base"]).data
        else:
            base = corpus["base_data"]
        for edit in corpus["edits"]:
            cases.append(
                pytest.param(corpus["kind"], base, edit, id=f"{file.stem}: {edit['name']}")
            )
    return cases


CORPUS = _corpus()


def test_the_corpus_is_large_and_goes_both_ways() -> None:
    verdicts = [case.values[2]["verdict"] for case in CORPUS]
    assert len(CORPUS) >= 40
    assert verdicts.count("accepted") >= 15 and verdicts.count("refused") >= 25
    used = {case.values[2].get("only_tool") for case in CORPUS} - {None}
    assert used == set(ONLY_THE_TOOL), "every documented exception is shown by an edit"


@pytest.mark.parametrize(("kind", "base", "edit"), CORPUS)
def test_the_model_and_the_schema_give_the_same_verdict(
    kind: str, base: Any, edit: dict[str, Any]
) -> None:
    assert model_accepts(kind, base) and not schema_errors(kind, base), "the base must be valid"
    data = _apply(base, edit)
    expected = edit["verdict"] == "accepted"
    model = model_accepts(kind, data)
    errors = schema_errors(kind, data)
    assert model is expected, f"the model {'refuses' if expected else 'accepts'} it"
    reason = edit.get("only_tool")
    if reason is not None:
        assert reason in ONLY_THE_TOOL
        assert not model and not errors, "documented as the tool's alone, but the schema refuses"
        return
    assert (not errors) is expected, f"the schema disagrees: {errors or 'no error'}"


# --- 3. single values, generated -------------------------------------------------------------

_PARTY_BASE = read_yaml(REPO_ROOT / "agreements" / "exempel-kommun" / "overenskommelse.yaml").data


def _verdicts(path: str, value: Any) -> tuple[bool, list[str]]:
    data = _apply(_PARTY_BASE, {"set": {path: value}})
    return model_accepts("overenskommelse", data), schema_errors("overenskommelse", data)


_SHORT = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SHORT
@given(st.text(alphabet="abcz09-_ AZå\t", min_size=0, max_size=8))
def test_party_ids(value: str) -> None:
    model, errors = _verdicts("parter.0.id", value)
    assert model is (not errors), (value, errors)


@_SHORT
@given(
    st.one_of(
        st.text(alphabet="0123456789- ", min_size=8, max_size=14),
        st.from_regex(r"\A[0-9]{6}-[0-9]{4}\Z"),
        st.integers(min_value=10**8, max_value=2 * 10**11),
    )
)
def test_organisation_numbers(value: str | int) -> None:
    model, errors = _verdicts("parter.1.organisationsnummer", value)
    if not model and not errors:  # "kontrollsiffra" in ONLY_THE_TOOL
        written_as_number = isinstance(value, int)
        with pytest.raises(
            OrgNumberRefused,
            match="personnummer|fel kontrollsiffra" if written_as_number else "fel kontrollsiffra",
        ):
            normalised_org_number(value)
        return
    assert model is (not errors), (value, errors)


@_SHORT
@given(
    st.one_of(
        st.text(alphabet="0123456789 -", min_size=0, max_size=7),
        st.integers(min_value=-10, max_value=200000),
    )
)
def test_postcodes(value: str | int) -> None:
    model, errors = _verdicts("parter.0.postadress.postnummer", value)
    assert model is (not errors), (value, errors)


@_SHORT
@given(
    st.one_of(
        st.from_regex(r"\A[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\Z"),
        st.integers(min_value=1000, max_value=4000),
    )
)
def test_partial_dates(value: str | int) -> None:
    model, errors = _verdicts("tid.från", value)
    assert model is (not errors), (value, errors)


@_SHORT
@given(st.one_of(st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"), st.integers(0, 3000)))
def test_whole_dates(value: str | int) -> None:
    model, errors = _verdicts("parter.0.undertecknare.datum", value)
    assert model is (not errors), (value, errors)


# --- 4. YAML is validated by its Swedish keys alone ------------------------------------------

_VALIDATION_CALL = re.compile(r"\.(model_validate|validate_python)\((?P<args>[^\n]*)")
_BUILT_IN_PYTHON = {
    "samverkan_cli/publish/redaction.py",  # the settings' own names, from Python values
    "samverkan_cli/calendar/periods.py",  # a bilaga model built from another's values
}


def test_every_validation_of_yaml_is_by_the_swedish_keys_alone() -> None:
    package = REPO_ROOT / "samverkan_cli"
    found = []
    for path in sorted(package.rglob("*.py")):
        shown = path.relative_to(REPO_ROOT).as_posix()
        for match in _VALIDATION_CALL.finditer(path.read_text(encoding="utf-8")):
            if shown not in _BUILT_IN_PYTHON and "by_name=False" not in match["args"]:
                found.append(f"{shown}: {match.group(0)}")
    assert found == [], "validate YAML with by_alias=True, by_name=False"


def test_an_english_field_name_is_an_unknown_key_with_the_swedish_one_suggested(
    scratch_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from samverkan_cli.cli.main import cli

    path = scratch_repo / "agreements" / "exempel-kommun" / "overenskommelse.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ntitel:", "\ntitle:", 1), encoding="utf-8")
    line = text[: text.index("\ntitel:")].count("\n") + 2
    monkeypatch.chdir(scratch_repo)
    result = CliRunner().invoke(cli, ["validate", "exempel-kommun"])
    assert result.exit_code == 1, result.output
    assert (
        f"overenskommelse.yaml:{line}:1: SV010 fel: okänt fält 'title': fälten har svenska "
        "namn; menade du 'titel'?"
    ) in result.output
