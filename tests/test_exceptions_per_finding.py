"""An `undantag` per finding: `plats` (and `fil`) narrow an undantag to the findings inside
one node, several undantag for one rule at different places, SV176 for a place that names
nothing, SV177 for a placed undantag that covers nothing, the reason printed once in every
output format of `validate`, and `status` going by the same matching."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from samverkan_cli.check.folder import CheckSettings
from samverkan_cli.cli.main import cli
from samverkan_cli.core.problems import Location, Problem, Severity
from samverkan_cli.messages.job_summary import markdown_text
from samverkan_cli.messages.reporters import FORMATS
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.source.yaml_document import KeyPath, YamlDocument
from samverkan_cli.source.yaml_places import Unresolved, node_span, resolve_place, show_place
from tests.agreement_copy import AgreementCopy
from tests.conftest import REPO_ROOT
from tests.test_reporters import output_validator, sarif_validator
from tests.test_rules import assert_problem, covers_rule, only, position, value_position

REASON = "Bilagorna förvaras hos samordnarna utan diarienummer."
# järva's four bilagor without diarienummer or date (SV108, info)
SV108_LINES = (69, 77, 81, 85)


def with_exceptions(jarva: AgreementCopy, *entries: str) -> str:
    block = "undantag:\n" + "".join(entries)
    return jarva.edit("exemplar: 2\n", "exemplar: 2\n" + block)


def entry(rule: str, place: str | None = None, reason: str = REASON, file: str = "") -> str:
    text = f"  - regel: {rule}\n    motivering: {reason}\n"
    text += f"    plats: {place}\n" if place else ""
    return text + (f"    fil: {file}\n" if file else "")


def sv108(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.rule == "SV108"]


def test_a_place_resolves_by_key_id_and_number(jarva: AgreementCopy) -> None:
    loaded = load_agreement(jarva.folder)
    assert loaded.source is not None
    source = loaded.source
    assert resolve_place(source, "bilagor.lista.kontaktuppgifter") == ("bilagor", "lista", 4)
    assert resolve_place(source, "bilagor.lista[5]") == ("bilagor", "lista", 4)
    assert resolve_place(source, "parter[1].namn") == ("parter", 0, "namn")
    assert show_place(source, ("parter", 0, "namn")) == "parter.sdf.namn"
    missing = resolve_place(source, "bilagor.lista.kontakter")
    assert isinstance(missing, Unresolved) and missing.nearest == "bilagor.lista"
    zero = resolve_place(source, "parter[0]")
    assert isinstance(zero, Unresolved) and "räknas från 1" in zero.reason


def test_an_undantag_without_place_covers_every_finding_of_its_rule(jarva: AgreementCopy) -> None:
    with_exceptions(jarva, entry("SV108"))
    found = sv108(jarva.check())
    assert [p.location.line for p in found] == list(SV108_LINES)
    assert all("(undantag" in p.message for p in found)


def test_an_undantag_with_place_covers_only_the_findings_inside_it(jarva: AgreementCopy) -> None:
    with_exceptions(jarva, entry("SV108", "bilagor.lista.kontaktuppgifter"))
    found = sv108(jarva.check())
    covered = [p for p in found if "(undantag" in p.message]
    assert [p.location.line for p in covered] == [SV108_LINES[-1]]
    assert len(found) == len(SV108_LINES)


def test_several_undantag_for_one_rule_at_different_places(jarva: AgreementCopy) -> None:
    other = "Kommunikationsplanen förvaras hos samordnarna utan datum."
    with_exceptions(
        jarva,
        entry("SV108", "bilagor.lista.kontaktuppgifter"),
        entry("SV108", "bilagor.lista[4]", other),
    )
    problems = jarva.check()
    assert not [p for p in problems if p.rule in {"SV165", "SV176", "SV177"}], problems
    by_line = {p.location.line: p.message for p in sv108(problems)}
    assert by_line[SV108_LINES[3]].endswith(f"(undantag: {REASON})")
    assert by_line[SV108_LINES[2]].endswith(f"(undantag: {other})")
    assert "(undantag" not in by_line[SV108_LINES[0]]


def test_the_narrowest_undantag_wins(jarva: AgreementCopy) -> None:
    narrow = "Kontaktuppgifterna är personuppgifter och förvaras därför separat."
    with_exceptions(jarva, entry("SV108"), entry("SV108", "bilagor.lista.kontaktuppgifter", narrow))
    by_line = {p.location.line: p.message for p in sv108(jarva.check())}
    assert by_line[SV108_LINES[3]].endswith(f"(undantag: {narrow})")
    assert by_line[SV108_LINES[0]].endswith(f"(undantag: {REASON})")


def test_the_reason_is_printed_once(jarva: AgreementCopy) -> None:
    with_exceptions(jarva, entry("SV108"))
    found = sv108(jarva.check())
    assert sum(REASON in p.message for p in found) == 1
    first = found[0]
    assert first.message.endswith(f"(undantag: {REASON})")
    for later in found[1:]:
        assert later.message.endswith(f"(undantag, samma motivering som vid {first.location})")


@covers_rule("SV176")
def test_sv176_a_place_that_names_nothing(jarva: AgreementCopy) -> None:
    text = with_exceptions(jarva, entry("SV108", "bilagor.lista.kontakter"))
    problem = only(jarva.check(), "SV176")
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / "overenskommelse.yaml",
        value_position(text, "plats: bilagor.lista.kontakter"),
        "platsen 'bilagor.lista.kontakter' finns inte i ",
    )
    assert "närmaste plats som finns: 'bilagor.lista'" in problem.message


def test_sv176_a_file_that_is_no_bilaga(jarva: AgreementCopy) -> None:
    text = with_exceptions(jarva, entry("SV123", file="bilagor/lagesbld.yaml"))
    problem = only(jarva.check(), "SV176")
    assert (problem.location.line, problem.location.column) == value_position(
        text, "fil: bilagor/lagesbld.yaml"
    )
    assert "bilagor/lagesbild.yaml" in problem.message


def test_a_file_and_place_in_a_bilaga(jarva: AgreementCopy) -> None:
    with_exceptions(jarva, entry("SV108", "prioriterade_områden", file="bilagor/lagesbild.yaml"))
    problems = jarva.check()
    assert not [p for p in problems if p.rule == "SV176"], problems
    assert only(problems, "SV177").severity is Severity.INFO  # SV108 is not in the bilaga


def test_sv177_a_placed_undantag_that_covers_nothing(jarva: AgreementCopy) -> None:
    text = with_exceptions(jarva, entry("SV108", "parter[1]"))
    problem = only(jarva.check(), "SV177")
    assert_problem(
        problem,
        Severity.INFO,
        jarva.folder / "overenskommelse.yaml",
        value_position(text, "plats: parter[1]"),
        "undantaget för regel SV108 på plats 'parter[1]' gäller inget fynd",
    )


def test_an_undantag_without_place_that_covers_nothing_stays_quiet(jarva: AgreementCopy) -> None:
    """As before: many rules find something only on some days (a deadline)."""
    with_exceptions(jarva, entry("SV124"))
    assert not [p for p in jarva.check() if p.rule == "SV177"]


@pytest.mark.parametrize("output_format", FORMATS)
def test_the_reason_once_in_every_format(
    in_repo: Path, output_format: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    jarva = AgreementCopy(in_repo / "agreements" / "järva")
    with_exceptions(jarva, entry("SV108"))
    result = CliRunner().invoke(cli, ["validate", "agreements/järva", "--format", output_format])
    assert result.exit_code == 0, result.output
    # the Markdown summary escapes punctuation; its reader sees the text as written
    reason = markdown_text(REASON) if output_format == "markdown" else REASON
    assert result.stdout.count(reason) == 1, result.stdout
    assert result.stdout.count("samma motivering som vid") == len(SV108_LINES) - 1
    if output_format == "json":
        assert not list(output_validator().iter_errors(json.loads(result.stdout)))
    if output_format == "sarif":
        assert not list(sarif_validator().iter_errors(json.loads(result.stdout)))


def test_status_goes_by_the_same_matching(jarva: AgreementCopy) -> None:
    """A deadline's undantag with a place applies once the check reports the finding it
    covers; one whose place covers no finding of the rule does not."""
    from samverkan_cli.status.standing import agreement_status

    tre = AgreementCopy.of_example("exempel-tre-kommuner", jarva.folder.parent.parent / "tre")
    settings = CheckSettings(today=dt.date(2026, 12, 4))
    placed = tre.edit("  - regel: SV124\n", "  - regel: SV124\n    plats: tid\n")
    assert "plats: tid" in placed
    status = agreement_status(tre.folder, settings)
    [samrad] = [d for d in status.deadlines if d.rule == "SV124"]
    assert samrad.exception is not None and samrad.waived
    tre.edit("    plats: tid\n", "    plats: parter[1]\n")
    status = agreement_status(tre.folder, settings)
    [samrad] = [d for d in status.deadlines if d.rule == "SV124"]
    assert samrad.exception is None and samrad.overdue
    assert position(tre.text(), "plats: parter[1]")


def _covered_as_before(document: YamlDocument, path: KeyPath, line: int, column: int) -> bool:
    """Whether a finding at (line, column) lies in the node at `path`, worked out as the
    matching did for every finding before the node's span was kept (`node_span`)."""
    start = document.key_marks.get(path) or document.value_marks.get(path)
    assert start is not None
    size = len(path)
    marks = [*document.value_marks.items(), *document.key_marks.items()]
    inside = [(m.line, m.column) for p, m in document.value_marks.items() if p[:size] == path]
    last = max(inside, default=(start.line, start.column))
    after = [(m.line, m.column) for p, m in marks if p[:size] != path and (m.line, m.column) > last]
    return (start.line, start.column) <= (line, column) and (
        not after or (line, column) < min(after)
    )


def test_a_node_span_covers_what_each_finding_was_matched_against() -> None:
    """The span kept for an undantag's place covers exactly the findings the matching used
    to accept one by one, for every node of two examples, at every mark and beside it."""
    for name in ("järva", "rinkeby-kista-2017"):
        loaded = load_agreement(REPO_ROOT / "agreements" / name)
        assert loaded.source is not None
        for document in (loaded.source, *(b.document for b in loaded.bilagor.values())):
            places = [(m.line, m.column) for m in document.value_marks.values()]
            probes = {(line, column + step) for line, column in places for step in (-1, 0, 1)}
            for path in list(document.value_marks)[1:]:
                span = node_span(document, path)
                assert span is not None
                for line, column in probes:
                    found = span.holds(Location(document.display_path, line, column))
                    assert found == _covered_as_before(document, path, line, column), path
