"""Requirements with a source and a date: a profile's requirement applies to a document whose
term starts on or after its `gäller_från` (SV022 says what was left out), and an unverified
requirement (`verifierad: false`) only informs."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest

from samverkan_cli.check.folder import UNVERIFIED_NOTE, CheckSettings, check_folder
from samverkan_cli.check.settings import load_config
from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.profiles import ProfileLibrary
from samverkan_cli.profiles.in_force import REQUIREMENT_FIELDS, applies_from, in_force
from samverkan_cli.profiles.requirements import Profile, Requirement

STRICT_FORUM = "forum:\n  - roll: styrgrupp\n    krävs: true\n    minst_per_år: 12\n{extra}"


def _check(repo: Path, profile: str) -> list[Problem]:
    """järva (its term starts 2024-06-01) under its own profile and the repository's `egen`."""
    folder = repo / "profiler"
    folder.mkdir(exist_ok=True)
    (folder / "egen.yaml").write_text(
        "id: egen\ntitel: Egen profil\nkälla: Kommunens riktlinje\n" + profile, encoding="utf-8"
    )
    (repo / "samverkan.yaml").write_text("profilmappar: [profiler]\n", encoding="utf-8")
    agreement = repo / "agreements" / "järva" / "overenskommelse.yaml"
    text = agreement.read_text(encoding="utf-8")
    assert "profil: stockholm-lokal-2023\n" in text
    text = text.replace("profil: stockholm-lokal-2023\n", "profil: [stockholm-lokal-2023, egen]\n")
    agreement.write_text(text, encoding="utf-8")
    settings = CheckSettings(load_config(repo))
    return check_folder(agreement.parent, settings)[1]


def _strict_forum(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.rule == "SV101" and "tolv (12)" in p.message]


def test_a_profile_in_force_is_checked(scratch_repo: Path) -> None:
    problems = _check(scratch_repo, "gäller_från: 2024-06-01\n" + STRICT_FORUM.format(extra=""))
    (found,) = _strict_forum(problems)
    assert found.severity is not Severity.INFO
    assert "SV022" not in {p.rule for p in problems}


def test_a_profile_not_yet_in_force_is_not_checked_and_says_so(scratch_repo: Path) -> None:
    problems = _check(scratch_repo, "gäller_från: 2024-06-02\n" + STRICT_FORUM.format(extra=""))
    assert not _strict_forum(problems)
    (note,) = [p for p in problems if p.rule == "SV022"]
    assert note.severity is Severity.INFO
    assert note.message == (
        "regelprofilen 'egen' gäller från 2024-06-02 och avtalstiden börjar 2024-06-01: "
        "profilens krav kontrolleras inte"
    )
    assert note.location.file.endswith("overenskommelse.yaml") and note.location.line > 1


def test_a_requirement_with_a_later_date_of_its_own_is_left_out(scratch_repo: Path) -> None:
    later = STRICT_FORUM.format(extra="    gäller_från: 2025-01-01\n")
    problems = _check(scratch_repo, "gäller_från: 2020-01-01\n" + later)
    assert not _strict_forum(problems)
    (note,) = [p for p in problems if p.rule == "SV022"]
    assert note.message.endswith("de kontrolleras inte: forum (från 2025-01-01)")


@pytest.mark.parametrize(
    ("where", "extra"),
    [("requirement", "    verifierad: false\n"), ("profile", "")],
)
def test_an_unverified_requirement_only_informs(scratch_repo: Path, where: str, extra: str) -> None:
    profile = ("verifierad: false\n" if where == "profile" else "") + STRICT_FORUM.format(
        extra=extra
    )
    problems = _check(scratch_repo, profile)
    (found,) = _strict_forum(problems)
    assert found.severity is Severity.INFO
    assert found.message.endswith(UNVERIFIED_NOTE)


def test_a_verified_requirement_in_an_unverified_profile_still_fails(scratch_repo: Path) -> None:
    profile = "verifierad: false\n" + STRICT_FORUM.format(extra="    verifierad: true\n")
    (found,) = _strict_forum(_check(scratch_repo, profile))
    assert found.severity is not Severity.INFO
    assert not found.message.endswith(UNVERIFIED_NOTE)


def test_every_requirement_kind_is_dated() -> None:
    """A new kind of requirement in a profile cannot escape the date and the verification."""
    holding = set()
    for name, info in Profile.model_fields.items():
        kinds = [info.annotation, *typing.get_args(info.annotation)]
        kinds += [inner for kind in kinds for inner in typing.get_args(kind)]
        if any(isinstance(k, type) and issubclass(k, Requirement) for k in kinds):
            holding.add(name)
    assert holding == set(REQUIREMENT_FIELDS)


def _bundled() -> list[Profile]:
    library = ProfileLibrary()
    loaded = [library.load(name) for name in library.names()]
    assert all(isinstance(p, Profile) for p in loaded), loaded
    return typing.cast(list[Profile], loaded)


def test_every_bundled_requirement_cites_its_source() -> None:
    for profile in _bundled():
        for name in REQUIREMENT_FIELDS:
            value = getattr(profile, name)
            for requirement in value if isinstance(value, list) else [value]:
                if requirement is not None:
                    assert requirement.source, (profile.id, name)


def test_bundled_profiles_from_a_law_or_an_agreement_have_its_date() -> None:
    dated = {p.id: p.applies_from for p in _bundled()}
    assert dated["lag-2023-196"] is not None and dated["lag-2023-196"].isoformat() == "2023-07-01"
    assert dated["stockholm-2015"] is not None
    assert dated["stockholm-lokal-2023"] is not None
    assert dated["bra-samverkan"] is None  # the handbook gives no date: every document


def test_in_force_keeps_everything_for_a_document_without_a_start() -> None:
    (profile,) = [p for p in _bundled() if p.id == "lag-2023-196"]
    current, deferred = in_force(profile, None)
    assert current == profile and deferred == []
    assert profile.situation is not None
    assert applies_from(profile.situation, profile) == profile.applies_from
