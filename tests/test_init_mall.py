"""`samverkan init --mall`: a valid start for each shape, with only placeholders to fill in."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from samverkan_cli.check.folder import CheckSettings, check_folder
from samverkan_cli.cli.main import cli
from samverkan_cli.core.problems import Severity
from samverkan_cli.init.command import init
from samverkan_cli.init.mall_catalogue import MALL_DESCRIPTIONS, MALLAR
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.status.standing import agreement_status
from tests.conftest import REPO_ROOT


@pytest.mark.parametrize(
    "mall",
    [
        *("stadsdel", "kommun", "flera-kommuner", "medborgarlöfte"),
        *("huvudavtal", "underavtal", "egna-avsnitt", "region"),
    ],
)
def test_each_mall_gives_a_valid_start(in_repo: Path, mall: str) -> None:
    result = CliRunner().invoke(cli, ["init", "ny", "--mall", mall])
    assert result.exit_code == 0, result.output
    _, problems = check_folder(in_repo / "agreements" / "ny")
    assert not [p for p in problems if p.severity is Severity.ERROR]
    warnings = {p.rule for p in problems if p.severity is Severity.WARNING}
    assert warnings == {"SV135"}


def test_the_kommun_mall_has_the_national_shape(in_repo: Path) -> None:
    CliRunner().invoke(cli, ["init", "ny", "--mall", "flera-kommuner"])
    text = (in_repo / "agreements" / "ny" / "overenskommelse.yaml").read_text(encoding="utf-8")
    assert "bra-samverkan" in text
    assert (in_repo / "agreements" / "ny" / "bilagor" / "aktivitetsmatris.yaml").is_file()


def test_mall_and_fran_together_or_unknown_mall_are_refused(in_repo: Path) -> None:
    both = CliRunner().invoke(cli, ["init", "ny", "--mall", "kommun", "--från", "järva"])
    assert both.exit_code == 2
    unknown = CliRunner().invoke(cli, ["init", "ny", "--mall", "landsting"])
    assert unknown.exit_code == 2
    assert not (in_repo / "agreements" / "ny").exists()


def _init(repo: Path, mall: str, today: dt.date = dt.date(2026, 11, 23)) -> Path:
    """`samverkan init ny --mall MALL` as of `today`; the new folder."""
    lines: list[str] = []
    assert init(repo, "ny", None, echo=lines.append, today=today, mall=mall) == 0
    return repo / "agreements" / "ny"


def test_the_medborgarlofte_mall_is_its_own_document(in_repo: Path) -> None:
    folder = _init(in_repo, "medborgarlöfte")
    # A standalone medborgarlöfte: its promises are the document's own (`löften`).
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.yaml")) == [
        "overenskommelse.yaml",
    ]
    loaded = load_agreement(folder)
    agreement = loaded.agreement
    assert agreement is not None, loaded.problems
    assert agreement.document_kind.value == "medborgarlöfte"
    assert agreement.profiles == ["bra-samverkan"]
    assert agreement.output_name == "medborgarlofte-ny"
    assert [p.kind.value for p in agreement.parties] == [
        "kommun",
        "lokalpolisområde",
        "bostadsbolag",
    ]
    assert agreement.bilagor is None
    # Six months, from the first day of next month.
    assert agreement.term is not None
    assert (agreement.term.first_day, agreement.term.last_day) == (
        dt.date(2026, 12, 1),
        dt.date(2027, 5, 31),
    )
    assert agreement.promises is not None
    assert [g.heading for g in agreement.promises] == [
        "«Exempel: Polisen lovar att»",
        "«Exempel: Kommunen lovar att»",
        "«Exempel: Bostadsbolaget lovar att»",
        "«Exempel: Tillsammans lovar vi att»",
        "«Exempel: Nattvandrarna lovar att»",
    ]
    assert any(p.amount is not None for g in agreement.promises for p in g.promises)
    assert all(p.priority_area for g in agreement.promises[:3] for p in g.promises)


def test_the_promises_move_with_the_term_and_are_marked(in_repo: Path) -> None:
    folder = _init(in_repo, "medborgarlöfte")
    text = (folder / "overenskommelse.yaml").read_text(encoding="utf-8")
    assert "  från: 2026-12-01  # FYLL I: första dagen överenskommelsen gäller\n" in text
    assert "  till: 2027-05-31  # FYLL I: sista dagen överenskommelsen gäller\n" in text
    assert "  - 2027-02-16  # FYLL I: dag då löftena följs upp\n" in text
    problems = check_folder(folder, CheckSettings(today=dt.date(2026, 11, 23)))[1]
    assert {p.rule for p in problems} == {"SV135"}
    marked = [p.message for p in problems if "löftena följs upp" in p.message]
    assert marked == ["fyll i: dag då löftena följs upp"] * 3


def test_a_new_medborgarlofte_is_not_overdue_in_the_status(in_repo: Path) -> None:
    folder = _init(in_repo, "medborgarlöfte")
    status = agreement_status(folder, CheckSettings(today=dt.date(2026, 11, 23)))
    assert status.overdue == ()
    (promises,) = status.promises
    assert (promises.start, promises.end, promises.next_follow_up) == (
        dt.date(2026, 12, 1),
        dt.date(2027, 5, 31),
        dt.date(2027, 2, 16),
    )


@pytest.mark.parametrize("mall", ["kommun", "flera-kommuner"])
def test_the_other_mallar_move_their_promises_too(in_repo: Path, mall: str) -> None:
    folder = _init(in_repo, mall)
    loaded = load_agreement(folder)
    assert loaded.agreement is not None and loaded.agreement.term is not None
    assert loaded.agreement.output_name == "lokal-samverkansoverenskommelse-ny"
    assert (folder / "bilagor" / "atgardsplan.yaml").is_file()
    (promises,) = [b.model for b in loaded.bilagor.values() if b.model.kind == "medborgarlöften"]
    assert promises.period.first_day == loaded.agreement.term.first_day == dt.date(2026, 12, 1)
    period = promises.period
    assert all(period.first_day <= day <= period.last_day for day in promises.follow_up_dates)


def test_the_own_sections_mall_keeps_its_order_but_not_its_translation(in_repo: Path) -> None:
    folder = _init(in_repo, "egna-avsnitt")
    assert (
        REPO_ROOT / "agreements" / "exempel-numrerade-avsnitt" / "oversattning.en.yaml"
    ).is_file()
    assert sorted(p.name for p in folder.iterdir()) == ["bilagor", "overenskommelse.yaml"]
    data = yaml.safe_load((folder / "overenskommelse.yaml").read_text(encoding="utf-8"))
    assert data["numrerade_rubriker"] is True
    assert data["avsnitt"][1:4] == ["syfte", "mål", "omfattning"]
    assert data["avsnitt"][0]["rubrik"] == "«Exempel: Inledning»"
    assert data["avsnitt"][4]["avsnitt"][0] == "lägesbild"
    assert data["syfte"]["text"].startswith("«Exempel: ")


def test_the_region_mall_signs_within_polismyndigheten(in_repo: Path) -> None:
    folder = _init(in_repo, "region")
    loaded = load_agreement(folder)
    assert loaded.agreement is not None, loaded.problems
    assert loaded.agreement.output_name == "regional-samverkansoverenskommelse-ny"
    data = yaml.safe_load((folder / "overenskommelse.yaml").read_text(encoding="utf-8"))
    region, agency, police = data["parter"]
    assert [region["typ"], agency["typ"], police["typ"]] == [
        "region",
        "statlig myndighet",
        "polisregion",
    ]
    assert region["organisationsnummer"] == agency["organisationsnummer"] == "000000-0000"
    assert police["juridisk_part"] == {
        "namn": "Polismyndigheten",
        "organisationsnummer": "202100-0076",
    }
    assert [s["namn"] for s in region["undertecknare"]] == ["«Namn på den som undertecknar»"] * 2


def test_every_mall_names_a_shipped_example() -> None:
    # pyproject.toml ships agreements/exempel-* in the wheel as samverkan_cli/mallar/…
    shipped = (REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for mall, example in MALLAR.items():
        if example is None:
            continue
        assert (REPO_ROOT / "agreements" / example / "overenskommelse.yaml").is_file(), mall
        assert f'"agreements/{example}" = "samverkan_cli/mallar/{example}"' in shipped, mall
    assert len({e for e in MALLAR.values() if e is not None}) == 7


# --- which mall: --part, a question on a terminal, or the default said aloud ----------------


def test_part_kommun_picks_the_kommun_mall(in_repo: Path) -> None:
    result = CliRunner().invoke(cli, ["init", "ny", "--part", "kommun"])
    assert result.exit_code == 0, result.output
    text = (in_repo / "agreements" / "ny" / "overenskommelse.yaml").read_text(encoding="utf-8")
    assert "profil: [bra-samverkan, lag-2023-196]" in text
    assert "mallen stadsdel användes" not in result.output


@pytest.mark.parametrize(
    "given", [["--part", "kommun", "--mall", "kommun"], ["--part", "kommun", "--från", "järva"]]
)
def test_part_with_mall_or_fran_is_refused(in_repo: Path, given: list[str]) -> None:
    result = CliRunner().invoke(cli, ["init", "ny", *given])
    assert result.exit_code == 2
    assert not (in_repo / "agreements" / "ny").exists()


def test_without_a_terminal_the_default_mall_is_said(in_repo: Path) -> None:
    result = CliRunner().invoke(cli, ["init", "ny"])
    assert result.exit_code == 0, result.output
    assert "mallen stadsdel användes" in result.output
    assert "--mall kommun" in result.output


@pytest.mark.parametrize(
    ("answer", "profile"),
    [
        ("2\n", "bra-samverkan"),
        ("kommun\n", "bra-samverkan"),
        ("\n", "stockholm-lokal-2023"),
        ("landsting\n4\n", "profil: [bra-samverkan]"),
    ],
)
def test_on_a_terminal_init_asks_which_mall(
    in_repo: Path, monkeypatch: pytest.MonkeyPatch, answer: str, profile: str
) -> None:
    monkeypatch.setattr("samverkan_cli.cli.init._on_terminal", lambda: True)
    result = CliRunner().invoke(cli, ["init", "ny"], input=answer)
    assert result.exit_code == 0, result.output
    for mall, description in MALL_DESCRIPTIONS.items():
        assert f"{mall}: {description}" in result.output
    text = (in_repo / "agreements" / "ny" / "overenskommelse.yaml").read_text(encoding="utf-8")
    assert profile in text


def test_a_kommun_in_the_stadsdel_mall_is_told_which_mall_fits(in_repo: Path) -> None:
    assert CliRunner().invoke(cli, ["init", "ny"]).exit_code == 0
    agreement = in_repo / "agreements" / "ny" / "overenskommelse.yaml"
    text = agreement.read_text(encoding="utf-8")
    text = re.sub(r"typ: stadsdelsförvaltning.*", "typ: kommun", text)
    text = text.replace("- Stadsdelsdirektör", "- Kommundirektör")
    agreement.write_text(text, "utf-8")
    problems = check_folder(in_repo / "agreements" / "ny")[1]
    (missing,) = [p for p in problems if p.rule == "SV118"]
    assert "'Stadsdelsdirektör'" in missing.message
    assert "samverkan init NAMN --mall kommun" in missing.message
    assert "bra-samverkan" in missing.message
    # A stadsdelsförvaltning under the same profile is not sent elsewhere.
    agreement.write_text(text.replace("typ: kommun\n", "typ: stadsdelsförvaltning\n"), "utf-8")
    problems = check_folder(in_repo / "agreements" / "ny")[1]
    (missing,) = [p for p in problems if p.rule == "SV118"]
    assert "--mall" not in missing.message
