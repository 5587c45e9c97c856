"""samverkan.yaml: the repository's default profile, its own profiles and severities, and
--idag; a broken file is a located SV014 problem, never a traceback."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from samverkan_cli.check.folder import CheckSettings, check_folder
from samverkan_cli.check.settings import load_config
from samverkan_cli.cli.main import cli


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _jarva(root: Path) -> Path:
    return root / "agreements" / "järva"


def test_defaults_without_a_file(scratch_repo: Path) -> None:
    config = load_config(scratch_repo)
    # No standardprofil: a document without `profil` gets profiles chosen from its kind,
    # its parties and its start (SV182, tests/test_document_kinds.py).
    assert config.settings.default_profile is None
    assert config.problems == ()


def test_a_repository_default_profile_is_used_without_a_choice(scratch_repo: Path) -> None:
    (scratch_repo / "samverkan.yaml").write_text("standardprofil: stockholm-lokal-2023\n", "utf-8")
    agreement = _jarva(scratch_repo) / "overenskommelse.yaml"
    text = agreement.read_text(encoding="utf-8").replace("profil: stockholm-lokal-2023\n", "")
    agreement.write_text(text, encoding="utf-8")
    _, problems = check_folder(_jarva(scratch_repo), CheckSettings(load_config(scratch_repo)))
    assert "SV182" not in {p.rule for p in problems}
    assert "SV101" not in {p.rule for p in problems}  # the Stockholm minima are met


def test_repository_severity_overrides_the_rule_and_the_profile(scratch_repo: Path) -> None:
    (scratch_repo / "samverkan.yaml").write_text("allvarlighet:\n  SV108: varning\n", "utf-8")
    settings = CheckSettings(load_config(scratch_repo))
    _, problems = check_folder(_jarva(scratch_repo), settings)
    assert {p.severity.value for p in problems if p.rule == "SV108"} == {"varning"}


def test_default_profile_and_own_profile_folder(scratch_repo: Path) -> None:
    folder = scratch_repo / "profiler"
    folder.mkdir()
    (folder / "strikt-lokal.yaml").write_text(
        "id: strikt-lokal\ntitel: Strängare lokal profil\nkälla: Kommunens riktlinje\n"
        "forum:\n  - roll: styrgrupp\n    krävs: true\n    minst_per_år: 4\n",
        encoding="utf-8",
    )
    (scratch_repo / "samverkan.yaml").write_text(
        "standardprofil: strikt-lokal\nprofilmappar: [profiler]\n", encoding="utf-8"
    )
    agreement = _jarva(scratch_repo) / "overenskommelse.yaml"
    text = agreement.read_text(encoding="utf-8").replace("profil: stockholm-lokal-2023\n", "")
    agreement.write_text(text, encoding="utf-8")
    _, problems = check_folder(_jarva(scratch_repo), CheckSettings(load_config(scratch_repo)))
    messages = [p.message for p in problems if p.rule == "SV101"]
    assert messages == [
        "Lokal styrgrupp möts två (2) gånger per år, men profilen kräver minst fyra (4) gånger"
    ]


def test_a_repository_profile_overrides_a_built_in_one(scratch_repo: Path) -> None:
    folder = scratch_repo / "profiler"
    folder.mkdir()
    (folder / "stockholm-lokal-2023.yaml").write_text(
        "id: stockholm-lokal-2023\ntitel: Egen\nkälla: Egen\n", encoding="utf-8"
    )
    (scratch_repo / "samverkan.yaml").write_text("profilmappar: [profiler]\n", "utf-8")
    agreement = _jarva(scratch_repo) / "overenskommelse.yaml"
    text = agreement.read_text(encoding="utf-8")
    agreement.write_text(text.replace("{minst: 4, per: år}", "{minst: 1, per: år}"), "utf-8")
    _, problems = check_folder(_jarva(scratch_repo), CheckSettings(load_config(scratch_repo)))
    assert "SV101" not in {p.rule for p in problems}


def test_broken_settings_are_located_problems(scratch_repo: Path, in_repo: Path) -> None:
    (scratch_repo / "samverkan.yaml").write_text(
        "standardprofil: stockholm-lokal-2023\nprofilmapar: [x]\nallvarlighet: {SV101: kanske}\n",
        encoding="utf-8",
    )
    result = run("validate")
    assert result.exit_code == 1
    assert "samverkan.yaml:2:1: SV014 fel: okänt fält 'profilmapar'; menade du 'profilmappar'?" in (
        result.output
    )
    assert "samverkan.yaml:3:23: SV014 fel: 'SV101': ogiltigt värde 'kanske'" in result.output
    assert "Traceback" not in result.output


def test_missing_profile_folder(scratch_repo: Path) -> None:
    (scratch_repo / "samverkan.yaml").write_text("profilmappar: [finns-inte]\n", "utf-8")
    [problem] = load_config(scratch_repo).problems
    assert (problem.rule, problem.location.line, problem.location.column) == ("SV014", 1, 16)
    assert problem.message == "profilmappen 'finns-inte' finns inte"


def test_build_refuses_with_broken_settings(scratch_repo: Path, in_repo: Path) -> None:
    (scratch_repo / "samverkan.yaml").write_text("allvarlighet: [fel]\n", "utf-8")
    result = run("build", "järva")
    assert result.exit_code == 1
    assert "SV014" in result.output
    assert not (scratch_repo / "out").exists()


def test_idag_checks_as_of_another_day(in_repo: Path) -> None:
    early = run("validate", "--idag", "2017-03-01", "agreements/rinkeby-kista-2017")
    late = run("validate", "--idag", "2018-05-01", "agreements/rinkeby-kista-2017")
    assert "SV124" not in early.output
    assert "samrådet om förlängning ska ske senast 2018-06-30, om 60 dagar" in late.output
    assert run("validate", "--idag", "1 maj").exit_code == 2
