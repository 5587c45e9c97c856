"""The words the organisation chart writes itself, besides the data: the meeting line, the
count of functions not shown, and the sentences of its description (alt text), in Swedish
and in the languages a translation's chart can be drawn in.

A translation (`model.translation`) gives each forum's heading, functions and meeting line
in its own words; the chart needs only these fixed words besides. They are kept apart from
the layout (`orgchart.chart`) so that the same layout code draws the Swedish chart and a
translated one, and a language is added here as data; they are in `model`, like
`chart_bounds`, so that the rules (SV197: a language without them) can ask too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ChartWords:
    """The chart's own words in one language (format strings with `{n}`, `{below}`,
    `{above}`), and each forum's meeting line in it when translated (forum id → line)."""

    title: str
    """The picture's title (the SVG's `<title>`): "Samverkansorganisation"."""
    functions: str
    """Before a box's functions in the description: "Funktioner: a; b"."""
    more_one: str
    more_many: str
    """The line for functions left out of a full box: "och 2 funktioner till"."""
    summary_one: str
    summary_many: str
    """The description's first sentence: "Organisationsschema med 3 forum."."""
    linked_one: str
    linked_many: str
    """How boxes are tied: "{below} är kopplad till {above}."."""
    conjunction: str
    """The last "och" of a list of names: "A, B och C"."""
    meetings: Mapping[str, str] = field(default_factory=dict)
    """Forum id → its meeting line in the translation; empty for Swedish, where the line is
    worded from the frequency ("Möten: minst två (2) tillfällen per år")."""

    def join(self, names: list[str]) -> str:
        """ "A, B och C" in this language."""
        if len(names) < 2:
            return "".join(names)
        return f"{', '.join(names[:-1])} {self.conjunction} {names[-1]}"

    def more(self, count: int) -> str:
        return (self.more_one if count == 1 else self.more_many).format(n=count)

    def summary(self, count: int) -> str:
        return (self.summary_one if count == 1 else self.summary_many).format(n=count)

    def linked(self, below: list[str], above: list[str]) -> str:
        pattern = self.linked_one if len(below) == 1 else self.linked_many
        return pattern.format(below=self.join(below), above=self.join(above))


SWEDISH = ChartWords(
    title="Samverkansorganisation",  # orgchart.layout_model.CHART_TITLE
    functions="Funktioner",
    more_one="och {n} funktion till",
    more_many="och {n} funktioner till",
    summary_one="Organisationsschema med {n} forum.",
    summary_many="Organisationsschema med {n} forum.",
    linked_one="{below} är kopplad till {above}.",
    linked_many="{below} är kopplade till {above}.",
    conjunction="och",
)

CHART_WORDS: dict[str, ChartWords] = {
    "en": ChartWords(
        title="Collaboration organisation",
        functions="Functions",
        more_one="and {n} more function",
        more_many="and {n} more functions",
        summary_one="Organisation chart with {n} forum.",
        summary_many="Organisation chart with {n} forums.",
        linked_one="{below} is linked to {above}.",
        linked_many="{below} are linked to {above}.",
        conjunction="and",
    ),
}
"""A translation's language code → the chart's words in it (the title is replaced by the
translation's caption, `bildtext`). A translation in a language
not here cannot have a chart of its own yet (SV197 says so); its document has none."""
