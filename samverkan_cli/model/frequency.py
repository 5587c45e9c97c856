"""Meeting and revision frequencies as data, not prose.

Every frequency knows how many times a year it means, exactly (a `Fraction`: "vart tredje
år" is 1/3), or that it has no count, as with "vid behov"; and how the seeds write it in
Swedish ("minst två (2) tillfällen per år"). The YAML forms are:

    vid behov | enligt överenskommelse | ej aktuellt | löpande | fortlöpande | kontinuerligt
    {minst: 2, per: år}     {antal: 4, per: år}     {cirka: 3, per: termin}
    {varje: år}             {varannan: vecka}
    {vart: 3, per: år}      {var: 4, per: vecka}
    {veckodagar: [torsdag]} {veckodagar: [fredag, lördag]}

`{vart|var: N, per: P}` is once every N periods (N ≥ 2). Either key is accepted for any
period, since users copy what they read; the Swedish follows the noun's gender: "vart tredje
år", "vartannat kvartal", "var fjärde vecka", "varannan månad" (and so does `{varannan: år}`,
written "vartannat år").

Counted forms take `eller_vid_behov: true` ("… eller vid behov"); `{minst|antal|cirka}` forms
take `siffror: false` to write "två tillfällen" instead of "två (2) tillfällen", and
`uttryck: per|varje` to choose "en gång per år" or "en gång varje år" (default: "varje" for
one, "per" for more).
"""

from __future__ import annotations

from enum import StrEnum
from fractions import Fraction
from typing import Annotated, Any, ClassVar, Literal, get_args

from pydantic import (
    ConfigDict,
    Discriminator,
    Field,
    RootModel,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from samverkan_cli.core.swedish import counted, every_nth, join_and, number_word
from samverkan_cli.model.base import (
    Boolean,
    Integer,
    SourceModel,
    exactly_one_of,
    refuses_null,
    swedish_error,
)


class Period(StrEnum):
    """A calendar period a count refers to."""

    YEAR = "år"
    HALF_YEAR = "halvår"
    TERM = "termin"
    TERTIAL = "tertial"
    QUARTER = "kvartal"
    MONTH = "månad"
    WEEK = "vecka"

    @property
    def per_year(self) -> int:
        return _PERIODS_PER_YEAR[self]

    @property
    def neuter(self) -> bool:
        """True for the ett-words (ett år, ett kvartal): "vart", "vartannat" before them."""
        return self in _NEUTER_PERIODS


_PERIODS_PER_YEAR = {
    Period.YEAR: 1,
    Period.HALF_YEAR: 2,
    Period.TERM: 2,
    Period.TERTIAL: 3,
    Period.QUARTER: 4,
    Period.MONTH: 12,
    Period.WEEK: 52,
}
_NEUTER_PERIODS = frozenset({Period.YEAR, Period.HALF_YEAR, Period.TERTIAL, Period.QUARTER})


class Weekday(StrEnum):
    MONDAY = "måndag"
    TUESDAY = "tisdag"
    WEDNESDAY = "onsdag"
    THURSDAY = "torsdag"
    FRIDAY = "fredag"
    SATURDAY = "lördag"
    SUNDAY = "söndag"

    @property
    def plural(self) -> str:
        return self.value + "ar"


NamedFrequencyText = Literal[
    "vid behov", "enligt överenskommelse", "ej aktuellt", "löpande", "fortlöpande", "kontinuerligt"
]
CONTINUOUS: frozenset[str] = frozenset({"löpande", "fortlöpande", "kontinuerligt"})
"""Named frequencies that mean continuous work: a follow-up done all the time, not counted."""


FORMS = (
    "'vid behov', 'enligt överenskommelse', 'ej aktuellt', 'löpande', 'fortlöpande' eller "
    "'kontinuerligt' (text), eller som "
    "mappning: "
    "{minst: 2, per: år}, {antal: 4, per: år}, {cirka: 3, per: termin}, {varje: år}, "
    "{varannan: vecka}, {vart: 3, per: år} eller {veckodagar: [torsdag]}"
)
"""Every form a frequency takes, each as an example (shown whenever one is refused)."""


class NamedFrequency(RootModel[NamedFrequencyText]):
    """A frequency without a count."""

    model_config = ConfigDict(frozen=True)

    kind: ClassVar[str] = "named"

    @model_validator(mode="before")
    @classmethod
    def _known_text(cls, value: Any) -> Any:
        """A text that is none of the named ones: what it probably means as a mapping, and every
        form there is."""
        if isinstance(value, str) and value not in get_args(NamedFrequencyText):
            from samverkan_cli.model.frequency_prose import frequency_suggestion

            meant = frequency_suggestion(value)
            hint = f"menade du {meant}? " if meant else ""
            raise swedish_error(
                f"ogiltigt värde '{value}', ingen frekvens; {hint}en frekvens skrivs till exempel "
                + FORMS
            )
        return value

    def per_year(self) -> Fraction | None:
        return None

    def is_minimum(self) -> bool:
        return False

    def swedish(self) -> str:
        return self.root


class _Counted(SourceModel):
    or_when_needed: Boolean = Field(False, alias="eller_vid_behov")

    def _suffix(self) -> str:
        return " eller vid behov" if self.or_when_needed else ""


class CountFrequency(_Counted):
    """N times per period; exactly one of minst, antal or cirka."""

    model_config = ConfigDict(
        json_schema_extra=exactly_one_of(("minst", "antal", "cirka"), "integer")
    )

    kind: ClassVar[str] = "count"
    at_least: Integer | None = Field(None, alias="minst", ge=1)
    exactly: Integer | None = Field(None, alias="antal", ge=1)
    about: Integer | None = Field(None, alias="cirka", ge=1)
    period: Period = Field(alias="per")
    word: Literal["tillfällen", "gånger"] | None = Field(None, alias="ord")
    """The noun counted; unset: "tillfällen", but "en gång" for one (as the seeds write)."""
    with_digits: Boolean = Field(True, alias="siffror")
    phrasing: Literal["varje", "per"] | None = Field(None, alias="uttryck")

    @model_validator(mode="after")
    def _one_count(self) -> CountFrequency:
        given = [v for v in (self.at_least, self.exactly, self.about) if v is not None]
        if len(given) != 1:
            raise swedish_error(
                "ange exakt ett av 'minst', 'antal' och 'cirka', t.ex. {minst: 2, per: år}"
            )
        return self

    @property
    def count(self) -> int:
        return next(v for v in (self.at_least, self.exactly, self.about) if v is not None)

    def per_year(self) -> Fraction | None:
        return Fraction(self.count * self.period.per_year)

    def is_minimum(self) -> bool:
        return self.at_least is not None

    def swedish(self) -> str:
        prefix = "minst " if self.at_least else "cirka " if self.about else ""
        n = self.count
        neuter = n == 1 and self.word == "tillfällen"  # "ett tillfälle", "en gång"
        amount = counted(n, neuter=neuter) if self.with_digits else number_word(n, neuter=neuter)
        phrasing = self.phrasing or ("varje" if n == 1 else "per")
        noun = _SINGULAR[self.word or "gånger"] if n == 1 else self.word or "tillfällen"
        return f"{prefix}{amount} {noun} {phrasing} {self.period.value}{self._suffix()}"


_SINGULAR = {"tillfällen": "tillfälle", "gånger": "gång"}


class EveryFrequency(_Counted):
    """Once every period ("varje år") or every second period ("varannan vecka")."""

    model_config = ConfigDict(json_schema_extra=exactly_one_of(("varje", "varannan"), "string"))

    kind: ClassVar[str] = "every"
    every: Period | None = Field(None, alias="varje")
    every_other: Period | None = Field(None, alias="varannan")

    @model_validator(mode="after")
    def _one_period(self) -> EveryFrequency:
        if (self.every is None) == (self.every_other is None):
            raise swedish_error(
                "ange antingen 'varje' eller 'varannan', t.ex. {varje: år} eller {varannan: vecka}"
            )
        return self

    def per_year(self) -> Fraction | None:
        if self.every is not None:
            return Fraction(self.every.per_year)
        assert self.every_other is not None
        return Fraction(self.every_other.per_year, 2)

    def is_minimum(self) -> bool:
        return False

    def swedish(self) -> str:
        if self.every is not None:
            return f"varje {self.every.value}{self._suffix()}"
        assert self.every_other is not None
        # {varannan: år} is read as "every other": written with the noun's gender, "vartannat år".
        every_other = every_nth(2, neuter=self.every_other.neuter)
        return f"{every_other} {self.every_other.value}{self._suffix()}"


_INTERVAL_MINIMUM = 2


def _interval_schema(schema: dict[str, Any]) -> None:
    """N ≥ 2, and a key written with no value is refused (`_at_least_two`)."""
    refuses_null(schema)
    schema["minimum"] = _INTERVAL_MINIMUM


class IntervalFrequency(_Counted):
    """Once every N periods, N ≥ 2: {vart: 3, per: år} is "vart tredje år". `vart` and `var`
    mean the same; the Swedish takes the one the period's gender wants."""

    model_config = ConfigDict(json_schema_extra=exactly_one_of(("vart", "var"), "integer"))

    kind: ClassVar[str] = "interval"
    neuter_interval: Integer | None = Field(None, alias="vart", json_schema_extra=_interval_schema)
    common_interval: Integer | None = Field(None, alias="var", json_schema_extra=_interval_schema)
    period: Period = Field(alias="per")

    # Field validators, not a model validator, so that each error is located at its value
    # and names its key. They run only for keys that were given, in the order above.
    @field_validator("neuter_interval", "common_interval")
    @classmethod
    def _at_least_two(cls, value: int | None, info: ValidationInfo) -> int | None:
        if value is None:
            raise swedish_error(
                "ange antalet perioder mellan tillfällena, ett heltal från 2, "
                "t.ex. {vart: 3, per: år}"
            )
        if value < _INTERVAL_MINIMUM:
            # One period is {varje: …}, and zero or fewer means nothing: say what to write.
            raise swedish_error(
                "antalet perioder ska vara minst 2, inte {given} (vart 2 år är vartannat år); "
                "en gång varje period skrivs {varje: år}",
                given=value,
            )
        if info.field_name == "common_interval" and info.data.get("neuter_interval") is not None:
            raise swedish_error(
                "ange antingen 'vart' eller 'var', inte båda, t.ex. {vart: 3, per: år}"
            )
        return value

    @model_validator(mode="after")
    def _one_interval(self) -> IntervalFrequency:
        # Only reachable from Python: the discriminator sends no mapping without either key.
        if self.neuter_interval is None and self.common_interval is None:
            raise swedish_error(
                "ange antalet perioder mellan tillfällena i 'vart' eller 'var', "
                "t.ex. {vart: 3, per: år}"
            )
        return self

    @property
    def periods(self) -> int:
        """N: the periods from one occasion to the next."""
        value = self.neuter_interval if self.neuter_interval is not None else self.common_interval
        assert value is not None
        return value

    def per_year(self) -> Fraction | None:
        return Fraction(self.period.per_year, self.periods)

    def is_minimum(self) -> bool:
        return False

    def swedish(self) -> str:
        every = every_nth(self.periods, neuter=self.period.neuter)
        return f"{every} {self.period.value}{self._suffix()}"


class WeekdayFrequency(_Counted):
    """Fixed weekdays every week ("varje torsdag", "fredagar och lördagar")."""

    kind: ClassVar[str] = "weekdays"
    weekdays: list[Weekday] = Field(
        alias="veckodagar", min_length=1, json_schema_extra={"uniqueItems": True}
    )

    @model_validator(mode="after")
    def _unique(self) -> WeekdayFrequency:
        if len(set(self.weekdays)) != len(self.weekdays):
            raise swedish_error(
                "samma veckodag står flera gånger; skriv varje dag en gång, "
                "t.ex. {veckodagar: [tisdag, torsdag]}"
            )
        return self

    def per_year(self) -> Fraction | None:
        return Fraction(52 * len(self.weekdays))

    def is_minimum(self) -> bool:
        return False

    def swedish(self) -> str:
        if len(self.weekdays) == 1:
            return f"varje {self.weekdays[0].value}{self._suffix()}"
        return join_and([d.plural for d in self.weekdays]) + self._suffix()


def _frequency_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "named"
    if isinstance(value, dict):
        if "veckodagar" in value:
            return "weekdays"
        if "varje" in value or "varannan" in value:
            return "every"
        if "vart" in value or "var" in value:
            return "interval"
        if {"minst", "antal", "cirka"} & value.keys():
            return "count"
        return None
    return getattr(value, "kind", None)


Frequency = Annotated[
    Annotated[NamedFrequency, Tag("named")]
    | Annotated[CountFrequency, Tag("count")]
    | Annotated[EveryFrequency, Tag("every")]
    | Annotated[IntervalFrequency, Tag("interval")]
    | Annotated[WeekdayFrequency, Tag("weekdays")],
    Discriminator(
        _frequency_kind,
        custom_error_type="frequency_form",
        custom_error_message="okänd frekvens; skriv till exempel " + FORMS,
    ),
]
"""Any frequency form; see the module docstring."""
