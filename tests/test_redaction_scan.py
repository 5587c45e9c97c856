"""After redaction, a scan of the public version reports what still looks personal (SV166):
a warning located in the public Markdown, shown by `build --publik`; under `--strikt` a
finding stops the build and nothing is written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.check.folder import CheckSettings
from samverkan_cli.check.settings import load_config
from samverkan_cli.cli.main import cli
from samverkan_cli.core.errors import ProblemsFound
from samverkan_cli.core.problems import Severity
from samverkan_cli.document.tree import Document, IncludedDocument, Paragraph, Span
from samverkan_cli.messages.language import catalogue
from samverkan_cli.messages.rule_catalogue import rule_info
from samverkan_cli.publish.redaction import RedactionPolicy, redact_document
from samverkan_cli.publish.scan import RULE_PUBLIC_SCAN, Finding, scan
from tests.agreement_copy import AgreementCopy

PUBLIC_MD = "lokal-samverkansoverenskommelse-jarva-publik.md"


def findings(*texts: str, policy: RedactionPolicy | None = None) -> list[Finding]:
    policy = policy or RedactionPolicy()
    document = Document(tuple(Paragraph((Span(text),)) for text in texts))
    public, _ = redact_document(document, policy)
    return scan(document, public, policy)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Samtal fördes med Tiina Kolehmainen om läget.", Finding("namn", "Tiina Kolehmainen")),
        ("Rapporten från Warsame Hassan kom i maj.", Finding("namn", "Warsame Hassan")),
        ("Ring 070-12 34 5 vid frågor.", Finding("telefon", "070-12 34 5")),
        ("Skriv till anna@exempelby.se.", Finding("epost", "anna@exempelby.se")),
        ("Den boendes id 8501.01.1236 noterades.", Finding("personnummer", "8501.01.1236")),
    ],
)
def test_what_still_looks_personal_is_found(text: str, expected: Finding) -> None:
    assert findings(text) == [expected]


def test_a_part_left_where_it_could_be_a_word_is_reported() -> None:
    policy = RedactionPolicy(removed_names=("Per Lund",))
    assert findings("Lund har ansvar för uppföljningen.", policy=policy) == [
        Finding("namn", "Lund")
    ]


def test_an_included_file_is_reported() -> None:
    document = Document((IncludedDocument("bilagor/karta.pdf", "pdf"),))
    assert scan(document, document, RedactionPolicy()) == [Finding("fil", "bilagor/karta.pdf")]


@pytest.mark.parametrize(
    "text",
    [
        "Polisen i Lokalpolisområde Rinkeby och Stadsdelsförvaltningen Järva samverkar.",
        "Lugna Gatan och Fryshuset deltar i Trygghetsvandringen.",
        "Kommunens växel 08-508 000 00, registrator@exempelby.se, 114 14 och 112.",
        "Org.nr 212000-0142, KS 2024/123, 2024-05-12, 163 74 Spånga, 1 250 000 kr.",
        "I mars och april genomförs Medborgardialoger i Husby, Akalla och Kista.",
        "Brottsförebyggande rådet (BRÅ) och Sveriges Kommuner och Regioner (SKR).",
    ],
)
def test_public_prose_gives_no_finding(text: str) -> None:
    assert findings(text) == []


def test_the_rule_is_in_the_catalogue_in_both_languages() -> None:
    info = rule_info(RULE_PUBLIC_SCAN)
    assert info is not None and info.severity is Severity.WARNING
    assert catalogue()["regler"][RULE_PUBLIC_SCAN]["titel"]


# --- in a build ---------------------------------------------------------------------------

SEEDED = "Samtal om läget har förts med Tiina Kolehmainen på fältgruppen."


def seed(jarva: AgreementCopy) -> str:
    text = jarva.text()
    marker = "  inledning: >-\n    Nedan angivna handlingar"
    assert text.count(marker) == 1
    return jarva.edit(marker, f"  inledning: >-\n    {SEEDED} Nedan angivna handlingar")


def test_a_finding_is_a_warning_located_in_the_public_markdown(
    jarva: AgreementCopy, tmp_path: Path
) -> None:
    seed(jarva)
    root = jarva.folder.parent.parent
    out = tmp_path / "out"
    result = build_agreement(jarva.folder, out, root, CheckSettings(load_config(root)), public=True)
    (problem,) = [p for p in result.problems if p.rule == RULE_PUBLIC_SCAN]
    assert problem.severity is Severity.WARNING
    assert "'Tiina Kolehmainen'" in problem.message
    assert "ta_bort_namn: [Tiina Kolehmainen]" in problem.message  # how to fix it
    assert Path(problem.location.file).name == PUBLIC_MD
    lines = (out / PUBLIC_MD).read_text(encoding="utf-8").splitlines()
    line = lines[problem.location.line - 1]
    assert line[problem.location.column - 1 :].startswith("Tiina Kolehmainen")


def test_strict_stops_the_build_on_a_finding(jarva: AgreementCopy, tmp_path: Path) -> None:
    seed(jarva)
    root = jarva.folder.parent.parent
    out = tmp_path / "out"
    settings = CheckSettings(load_config(root))
    with pytest.raises(ProblemsFound) as refused:
        build_agreement(jarva.folder, out, root, settings, public=True, strict=True)
    (problem,) = [p for p in refused.value.problems if p.rule == RULE_PUBLIC_SCAN]
    assert problem.severity is Severity.ERROR
    assert not out.exists() or not list(out.iterdir())
    # Without the name the same strict build writes everything.
    jarva.edit(SEEDED + " ", "")
    written = build_agreement(jarva.folder, out, root, settings, public=True, strict=True)
    assert (out / PUBLIC_MD).is_file() and written.written


def test_the_command_shows_the_finding_and_strict_fails(jarva: AgreementCopy) -> None:
    seed(jarva)
    old = Path.cwd()
    os.chdir(jarva.folder.parent.parent)
    try:
        shown = CliRunner().invoke(cli, ["build", "järva", "--publik"])
        assert shown.exit_code == 0, shown.output
        assert "SV166 varning" in shown.output and "Tiina Kolehmainen" in shown.output
        strict = CliRunner().invoke(cli, ["build", "järva", "--publik", "--strikt", "--out", "s"])
        assert strict.exit_code == 1, strict.output
        assert "SV166 fel" in strict.output and "ingenting skrevs" in strict.output
        assert not Path("s").exists() or not list(Path("s").iterdir())
    finally:
        os.chdir(old)


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("namn", "Tiina Kolehmainen"),
        ("telefon", "070-12 34 5"),
        ("epost", "anna@exempelby.se"),
        ("personnummer", "8501.01.1236"),
        ("fil", "bilagor/karta.pdf"),
    ],
)
def test_every_finding_says_how_to_fix_it_in_both_languages(kind: str, text: str) -> None:
    from samverkan_cli.messages.language import message, set_language, translated
    from samverkan_cli.publish.scan import findings_as_problems

    (problem,) = findings_as_problems([Finding(kind, text)], f"# Rubrik\n\nx {text}\n", "a.md")
    assert (problem.location.line, problem.location.column) == (3, 3)
    assert "till exempel" in problem.message or "publicering:" in problem.message
    assert translated(problem.message)
    set_language("en")
    try:
        assert text in message(problem.message)
    finally:
        set_language("sv")
