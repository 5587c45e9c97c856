"""Every frequency form in every sentence the templates put one in, as correct Swedish.

The table holds whole sentences, written out, so that a reader sees the Swedish that is
printed: "Arbetet följs upp vid två (2) tillfällen per år." and never "… upp två (2)
tillfällen per år." The revision sentence of the Tid block goes through the `frekvens`
filter; the others through the templates' default sentences (`schemalagt`).
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter

from samverkan_cli.model.agreement import Scheduled
from samverkan_cli.model.frequency import Frequency
from samverkan_cli.model.frequency_sentence import adverbial
from samverkan_cli.render.templates import make_environment, scheduled_sentence

ADAPTER: TypeAdapter[Any] = TypeAdapter(Frequency)

FORUM = "Styrgruppen sammanträder {frekvens}."
FOLLOW_UP = "Arbetet följs upp {frekvens}."
SITUATION = "Den lokala lägesbilden ska revideras {frekvens}."

# (form, the frequency as it stands inside each sentence: forum, follow-up, situation picture)
SENTENCES: list[tuple[Any, str, str, str]] = [
    (
        {"minst": 2, "per": "år"},
        "Styrgruppen sammanträder vid minst två (2) tillfällen per år.",
        "Arbetet följs upp vid minst två (2) tillfällen per år.",
        "Den lokala lägesbilden ska revideras vid minst två (2) tillfällen per år.",
    ),
    (
        {"antal": 2, "per": "år"},
        "Styrgruppen sammanträder vid två (2) tillfällen per år.",
        "Arbetet följs upp vid två (2) tillfällen per år.",
        "Den lokala lägesbilden ska revideras vid två (2) tillfällen per år.",
    ),
    (
        {"cirka": 3, "per": "termin"},
        "Styrgruppen sammanträder vid cirka tre (3) tillfällen per termin.",
        "Arbetet följs upp vid cirka tre (3) tillfällen per termin.",
        "Den lokala lägesbilden ska revideras vid cirka tre (3) tillfällen per termin.",
    ),
    (
        {"antal": 2, "per": "år", "siffror": False},
        "Styrgruppen sammanträder vid två tillfällen per år.",
        "Arbetet följs upp vid två tillfällen per år.",
        "Den lokala lägesbilden ska revideras vid två tillfällen per år.",
    ),
    (
        {"antal": 1, "per": "år", "ord": "tillfällen"},
        "Styrgruppen sammanträder vid ett (1) tillfälle varje år.",
        "Arbetet följs upp vid ett (1) tillfälle varje år.",
        "Den lokala lägesbilden ska revideras vid ett (1) tillfälle varje år.",
    ),
    (
        {"antal": 4, "per": "år", "eller_vid_behov": True},
        "Styrgruppen sammanträder vid fyra (4) tillfällen per år eller vid behov.",
        "Arbetet följs upp vid fyra (4) tillfällen per år eller vid behov.",
        "Den lokala lägesbilden ska revideras vid fyra (4) tillfällen per år eller vid behov.",
    ),
    (
        {"antal": 3, "per": "år", "ord": "gånger"},
        "Styrgruppen sammanträder tre (3) gånger per år.",
        "Arbetet följs upp tre (3) gånger per år.",
        "Den lokala lägesbilden ska revideras tre (3) gånger per år.",
    ),
    (
        {"minst": 1, "per": "halvår"},
        "Styrgruppen sammanträder minst en (1) gång varje halvår.",
        "Arbetet följs upp minst en (1) gång varje halvår.",
        "Den lokala lägesbilden ska revideras minst en (1) gång varje halvår.",
    ),
    (
        {"antal": 1, "per": "år", "siffror": False, "uttryck": "per"},
        "Styrgruppen sammanträder en gång per år.",
        "Arbetet följs upp en gång per år.",
        "Den lokala lägesbilden ska revideras en gång per år.",
    ),
    (
        {"varje": "år"},
        "Styrgruppen sammanträder varje år.",
        "Arbetet följs upp varje år.",
        "Den lokala lägesbilden ska revideras varje år.",
    ),
    (
        {"varje": "månad", "eller_vid_behov": True},
        "Styrgruppen sammanträder varje månad eller vid behov.",
        "Arbetet följs upp varje månad eller vid behov.",
        "Den lokala lägesbilden ska revideras varje månad eller vid behov.",
    ),
    (
        {"varannan": "vecka"},
        "Styrgruppen sammanträder varannan vecka.",
        "Arbetet följs upp varannan vecka.",
        "Den lokala lägesbilden ska revideras varannan vecka.",
    ),
    (
        {"varannan": "år"},
        "Styrgruppen sammanträder vartannat år.",
        "Arbetet följs upp vartannat år.",
        "Den lokala lägesbilden ska revideras vartannat år.",
    ),
    (
        {"vart": 3, "per": "år"},
        "Styrgruppen sammanträder vart tredje år.",
        "Arbetet följs upp vart tredje år.",
        "Den lokala lägesbilden ska revideras vart tredje år.",
    ),
    (
        {"var": 4, "per": "vecka"},
        "Styrgruppen sammanträder var fjärde vecka.",
        "Arbetet följs upp var fjärde vecka.",
        "Den lokala lägesbilden ska revideras var fjärde vecka.",
    ),
    (
        {"veckodagar": ["torsdag"]},
        "Styrgruppen sammanträder varje torsdag.",
        "Arbetet följs upp varje torsdag.",
        "Den lokala lägesbilden ska revideras varje torsdag.",
    ),
    (
        {"veckodagar": ["fredag", "lördag"]},
        "Styrgruppen sammanträder på fredagar och lördagar.",
        "Arbetet följs upp på fredagar och lördagar.",
        "Den lokala lägesbilden ska revideras på fredagar och lördagar.",
    ),
    (
        "vid behov",
        "Styrgruppen sammanträder vid behov.",
        "Arbetet följs upp vid behov.",
        "Den lokala lägesbilden ska revideras vid behov.",
    ),
    (
        "enligt överenskommelse",
        "Styrgruppen sammanträder enligt överenskommelse.",
        "Arbetet följs upp enligt överenskommelse.",
        "Den lokala lägesbilden ska revideras enligt överenskommelse.",
    ),
    (
        "ej aktuellt",
        "Styrgruppen sammanträder utan fast frekvens.",
        "Arbetet följs upp utan fast frekvens.",
        "Den lokala lägesbilden ska revideras utan fast frekvens.",
    ),
    (
        "löpande",
        "Styrgruppen sammanträder löpande.",
        "Arbetet följs upp löpande.",
        "Den lokala lägesbilden ska revideras löpande.",
    ),
    (
        "fortlöpande",
        "Styrgruppen sammanträder fortlöpande.",
        "Arbetet följs upp fortlöpande.",
        "Den lokala lägesbilden ska revideras fortlöpande.",
    ),
    (
        "kontinuerligt",
        "Styrgruppen sammanträder kontinuerligt.",
        "Arbetet följs upp kontinuerligt.",
        "Den lokala lägesbilden ska revideras kontinuerligt.",
    ),
]


def test_the_table_has_every_form() -> None:
    """Every kind of frequency, every named text, and the options that change the words."""
    from typing import get_args

    from samverkan_cli.model.frequency import NamedFrequencyText

    kinds = {ADAPTER.validate_python(row[0]).kind for row in SENTENCES}
    assert kinds == {"named", "count", "every", "interval", "weekdays"}
    named = {row[0] for row in SENTENCES if isinstance(row[0], str)}
    assert named == set(get_args(NamedFrequencyText))
    options = {key for row in SENTENCES if isinstance(row[0], dict) for key in row[0]}
    expected = {"minst", "antal", "cirka", "siffror", "ord", "uttryck", "eller_vid_behov"}
    assert expected | {"per", "varje", "varannan", "vart", "var", "veckodagar"} == options


@pytest.mark.parametrize(("form", "forum", "follow_up", "situation"), SENTENCES)
def test_every_form_in_every_default_sentence(
    form: Any, forum: str, follow_up: str, situation: str
) -> None:
    scheduled = Scheduled.model_validate({"frekvens": form})
    assert scheduled_sentence(scheduled, FORUM) == forum
    assert scheduled_sentence(scheduled, FOLLOW_UP) == follow_up
    assert scheduled_sentence(scheduled, SITUATION) == situation


@pytest.mark.parametrize(("form", "forum", "follow_up", "situation"), SENTENCES)
def test_every_form_in_the_revision_sentence(
    form: Any, forum: str, follow_up: str, situation: str
) -> None:
    """The Tid block writes "… ska revideras {{ term.revision|frekvens }}": the filter gives
    the same words as the default sentences."""
    env = make_environment(None)
    template = env.from_string("Överenskommelsen ska revideras {{ f|frekvens }}.")
    printed = template.render(f=ADAPTER.validate_python(form)).replace("\\", "")  # Markdown
    phrase = situation.removeprefix("Den lokala lägesbilden ska revideras ").removesuffix(".")
    assert printed == f"Överenskommelsen ska revideras {phrase}."


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("{frekvens}", "Två (2) tillfällen per år"),
        ("Mötesfrekvens: {frekvens}", "Mötesfrekvens: två (2) tillfällen per år"),
        ("{frekvens} hålls möten.", "Vid två (2) tillfällen per år hålls möten."),
    ],
)
def test_a_table_cell_or_a_colon_takes_the_noun_phrase(text: str, printed: str) -> None:
    scheduled = Scheduled.model_validate({"frekvens": {"antal": 2, "per": "år"}})
    assert scheduled_sentence(scheduled, text) == printed


def test_the_users_own_sentence_is_kept_as_written() -> None:
    """Users write "vid {frekvens}" themselves; their sentence gets the noun phrase."""
    own = Scheduled.model_validate(
        {"frekvens": {"antal": 2, "per": "år"}, "text": "Gruppen möts vid {frekvens}."}
    )
    assert scheduled_sentence(own, FORUM) == "Gruppen möts vid två (2) tillfällen per år."
    assert adverbial(ADAPTER.validate_python({"antal": 2, "per": "år"})) == (
        "vid två (2) tillfällen per år"
    )
