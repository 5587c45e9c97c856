"""SV156: a value the document can never print is refused at the value, not dropped."""

from __future__ import annotations

from samverkan_cli.core.problems import Severity
from tests.agreement_copy import AgreementCopy
from tests.test_rules import assert_problem, covers_rule, only, value_position

AGREEMENT = "overenskommelse.yaml"
OWN_PLACES = (
    "      titel: Stadsdelsdirektör, Järva stadsdelsförvaltning\n",
    "      titel: Stadsdelsdirektör, Järva stadsdelsförvaltning\n"
    "      ort: Rinkeby\n      datum: 2024-06-03\n",
    "      titel: Lokalpolisområdeschef, LPO Järva\n",
    "      titel: Lokalpolisområdeschef, LPO Järva\n      ort: Kista\n      datum: 2024-06-04\n",
)


def _own_places(jarva: AgreementCopy, both: bool = True) -> str:
    text = jarva.edit(OWN_PLACES[0], OWN_PLACES[1])
    if both:
        text = jarva.edit(OWN_PLACES[2], OWN_PLACES[3])
    return text


@covers_rule("SV156")
def test_sv156_shared_place_and_date_when_every_signatory_has_their_own(
    jarva: AgreementCopy,
) -> None:
    text = _own_places(jarva)
    found = [p for p in jarva.check() if p.rule == "SV156"]
    assert [p.severity for p in found] == [Severity.ERROR, Severity.ERROR]
    place, date = found
    assert_problem(
        place,
        Severity.ERROR,
        jarva.folder / AGREEMENT,
        value_position(text, "  ort: Spånga\n  datum: 2024-06-01"),
        "ort 'Spånga' skrivs aldrig ut: varje undertecknare har en egen ort; ta bort "
        "underskrifter.ort, eller ta bort 'ort' hos de undertecknare som skriver under på den "
        "gemensamma orten",
    )
    line, _ = value_position(text, "  ort: Spånga\n  datum: 2024-06-01")
    assert (date.location.line, date.location.column) == (line + 1, len("  datum: ") + 1)


def test_sv156_not_when_one_signatory_uses_the_shared_place(jarva: AgreementCopy) -> None:
    _own_places(jarva, both=False)
    assert [p for p in jarva.check() if p.rule == "SV156"] == []


def test_sv156_a_registration_label_without_a_number(jarva: AgreementCopy) -> None:
    text = jarva.edit(
        "    undertecknare:\n      titel: Lokalpolisområdeschef",
        "    dnr_etikett: Polisen\n    undertecknare:\n      titel: Lokalpolisområdeschef",
    )
    problem = only(jarva.check(), "SV156")
    assert_problem(
        problem,
        Severity.ERROR,
        jarva.folder / AGREEMENT,
        value_position(text, "dnr_etikett: Polisen"),
        "dnr_etikett 'Polisen' skrivs bara ut före partens diarienummer, som saknas; lägg till "
        "det, t.ex. diarienummer: 'KS 2025/123', eller ta bort dnr_etikett",
    )


def test_the_examples_have_no_value_that_is_never_printed(jarva: AgreementCopy) -> None:
    assert [p for p in jarva.check() if p.rule == "SV156"] == []
