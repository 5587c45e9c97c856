"""Document kinds (`dokumenttyp`): a medborgarlöfte is never checked as an agreement, profiles
and their requirements apply to the kinds they list, a standalone medborgarlöfte's promises
and follow-ups (an återrapport after the period), a bilaga's promises that outlive the
agreement (SV179), and the profiles chosen when none is named (SV182)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from samverkan_cli.check.folder import CheckSettings
from samverkan_cli.core.problems import Severity
from samverkan_cli.model.document_kinds import PARENT_KINDS, WORDING, DocumentKind
from samverkan_cli.profiles.choice import choose_profiles
from samverkan_cli.render.agreement_document import agreement_document
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.status.standing import agreement_status
from samverkan_cli.writers import write_markdown
from tests.agreement_copy import AgreementCopy
from tests.conftest import REPO_ROOT
from tests.test_rules import covers_rule

SPRING = CheckSettings(today=dt.date(2026, 5, 1))


def _promise(tmp_path: Path) -> AgreementCopy:
    return AgreementCopy.of_example("exempel-medborgarlofte", tmp_path)


def test_a_medborgarlofte_is_not_checked_as_an_agreement(tmp_path: Path) -> None:
    promise = _promise(tmp_path)
    # Signed by a kommundirektör, with no organisation, resources or documentation: fine
    # for a medborgarlöfte, which bra-samverkan holds only to a period and a follow-up.
    assert "Kommundirektör" in promise.text()
    assert promise.check(SPRING) == []


def test_the_same_text_as_an_agreement_is_checked_as_one(tmp_path: Path) -> None:
    promise = _promise(tmp_path)
    promise.edit("dokumenttyp: medborgarlöfte\n", "")
    problems = promise.check(SPRING)
    (refused,) = [p for p in problems if p.rule == "SV010"]
    assert "hör till ett medborgarlöfte" in refused.message


def test_a_requirement_applies_only_to_its_kinds(tmp_path: Path) -> None:
    promise = _promise(tmp_path)
    promise.cut("uppföljning:\n", "tid:\n")
    problems = promise.check(SPRING)
    # bra-samverkan's follow-up of medborgarlöften applies to a medborgarlöfte (SV142) …
    assert [p.rule for p in problems] == ["SV142"]
    # … while its dokumentation requirement (samverkansöverenskommelse etc.) does not.
    assert "SV147" not in {p.rule for p in problems}


def test_a_report_after_the_period_is_no_late_follow_up(tmp_path: Path) -> None:
    promise = _promise(tmp_path)
    promise.edit("    typ: återrapport\n", "")
    (late,) = [p for p in promise.check(SPRING) if p.rule == "SV142"]
    assert "2026-10-20 ligger utanför löftenas period 2026-04-01 – 2026-09-30" in late.message
    assert "typ: återrapport" in late.message


def test_status_shows_the_report_after_the_period_not_overdue(tmp_path: Path) -> None:
    promise = _promise(tmp_path)
    status = agreement_status(promise.folder, CheckSettings(today=dt.date(2026, 10, 1)))
    # Only the term itself has ended; no follow-up of the promises is late.
    assert [d.kind.value for d in status.overdue] == ["avtalstid"]
    labels = [(d.kind.value, d.date, d.label) for d in status.deadlines]
    assert (
        "medborgarlöfte-återrapport",
        dt.date(2026, 10, 20),
        "Medborgarlöfte för Västerby och centrum 2026: återrapport",
    ) in labels
    (promises,) = status.promises
    assert (promises.start, promises.end) == (dt.date(2026, 4, 1), dt.date(2026, 9, 30))


def test_an_unknown_party_or_focus_area_in_a_standalone_promise(tmp_path: Path) -> None:
    promise = _promise(tmp_path)
    promise.edit("  - parter: [bostader]\n", "  - parter: [bostadsbolaget]\n")
    promise.edit(
        "        fokusområde: trafik\n  - parter: [kommunen]",
        "        fokusområde: fart\n  - parter: [kommunen]",
    )
    rules = {p.rule for p in promise.check(SPRING)}
    assert {"SV157", "SV143"} <= rules


@covers_rule("SV179")
def test_sv179_promises_in_a_bilaga_outlive_the_agreement(tmp_path: Path) -> None:
    kommun = AgreementCopy.of_example("exempel-kommun", tmp_path)
    kommun.edit("  till: tills vidare\n", "  till: 2026-10-31\n")
    (found,) = [p for p in kommun.check(SPRING) if p.rule == "SV179"]
    assert found.severity is Severity.WARNING
    assert found.location.file.endswith("medborgarloften.yaml")
    assert (
        found.message == "löftenas period slutar 2026-12-31, efter överenskommelsens avtalstid, "
        "som slutar 2026-10-31"
    )


def test_sv182_the_profile_is_chosen_from_kind_parties_and_date(tmp_path: Path) -> None:
    kommun = AgreementCopy.of_example("exempel-kommun", tmp_path)
    kommun.edit("profil: [bra-samverkan, lag-2023-196]\n", "")
    problems = kommun.check(CheckSettings(today=dt.date(2026, 5, 1)))
    (chosen,) = [p for p in problems if p.rule == "SV182"]
    assert chosen.severity is Severity.INFO
    assert "lag-2023-196, bra-samverkan" in chosen.message
    assert "Lag (2023:196)" in chosen.message
    # The same result as when the profiles are named.
    named = AgreementCopy.of_example("exempel-kommun", tmp_path / "named").check(
        CheckSettings(today=dt.date(2026, 5, 1))
    )
    assert [p for p in problems if p.rule != "SV182"] == named


def test_the_choice_table() -> None:
    police, kommun = "lokalpolisområde", "kommun"
    before = choose_profiles(DocumentKind.AGREEMENT, [kommun, police], dt.date(2020, 1, 1))
    after = choose_profiles(DocumentKind.AGREEMENT, [kommun, police], dt.date(2023, 7, 1))
    promise = choose_profiles(DocumentKind.CITIZEN_PROMISE, [kommun, police], dt.date(2026, 4, 1))
    region = choose_profiles(DocumentKind.AGREEMENT, ["region", "polisregion"], None)
    assert before is not None and before.profiles == ("bra-samverkan",)
    assert after is not None and after.profiles == ("lag-2023-196", "bra-samverkan")
    assert promise is not None and promise.profiles == ("bra-samverkan",)
    assert region is not None and region.profiles == ("bra-samverkan",)
    # A stadsdel gets the Stockholm profile only where the repository names it.
    district = choose_profiles(DocumentKind.AGREEMENT, ["stadsdelsnämnd", police], None)
    assert district is not None and "stockholm-lokal-2023" not in district.profiles


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_parties_clause_speaks_of_its_own_kind(kind: DocumentKind, tmp_path: Path) -> None:
    """Without `omfattning`, the parties clause uses its document kind's words: a
    medborgarlöfte is given ("lämnar härmed"), never concluded like an agreement."""
    copy = AgreementCopy.of_example("exempel-medborgarlofte", tmp_path)
    path = copy.folder / "overenskommelse.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["omfattning"]
    data["dokumenttyp"] = kind.value
    if kind is not DocumentKind.CITIZEN_PROMISE:
        for key in ("löften", "uppföljning", "område", "beslut", "fokusområden"):
            data.pop(key, None)
    if kind in PARENT_KINDS:
        data["huvudavtal"] = {"överenskommelse": "x", "titel": "Ramavtalet"}
    data["exemplar"] = 3
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    loaded = load_agreement(copy.folder)
    assert loaded.agreement is not None, loaded.problems
    text = write_markdown(agreement_document(loaded, REPO_ROOT))
    wording = WORDING[kind]
    assert f"## {wording.scope_heading}\n" in text
    assert f"{wording.verb_phrase} {wording.concluded}, ”{wording.document_name}”." in text
    assert f"{wording.definite} har upprättats i tre (3) likalydande exemplar" in text
    if kind is DocumentKind.CITIZEN_PROMISE:
        assert "ingått" not in text and "Överenskommelsen" not in text
