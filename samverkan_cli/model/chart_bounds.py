"""How much the organisation chart may show, and how large its picture may grow.

Kept apart from `orgchart` so that the rule (SV019) and the rendering can ask without
loading Pillow. A chart of more than `MAX_CHART_FORUMS` forums is not drawn at all (the
document is built without it, and SV019 warns): 300 forums side by side made a PNG 204,704
pixels wide. A chart within the limit is drawn at a lower resolution when its picture
would otherwise need more than `MAX_CANVAS_PIXELS` pixels, so memory stays bounded.
The chart never cuts a text: a heading or member function longer than `MAX_CHART_TEXT`
characters would make a box of many lines, so such a chart is not drawn either (SV206).
"""

from __future__ import annotations

from samverkan_cli.model.agreement import Organisation

MAX_CHART_FORUMS = 40
"""The most forums one chart shows; the real agreements have three to twelve."""

MAX_CANVAS_PIXELS = 32_000_000
"""The largest picture drawn (before it is reduced), about 96 MB in memory; the examples'
largest is 5.8 million. With at most 40 forums the chart always fits it at one pixel per
unit."""


MAX_CHART_TEXT = 300
"""The longest forum heading or member function the chart shows (in full, wrapped): about
ten lines of a box. The real agreements' longest is 166."""


def chart_is_drawn(organisation: Organisation | None) -> bool:
    """Whether the organisation gets a chart: it has one, with at least one forum (processes
    alone are no chart), at most `MAX_CHART_FORUMS`, and no text too long to show."""
    return (
        organisation is not None
        and 0 < len(organisation.forums) <= MAX_CHART_FORUMS
        and not too_long_chart_texts(organisation)
    )


def too_long_chart_texts(organisation: Organisation) -> list[tuple[tuple[str | int, ...], int]]:
    """Each text the chart would show that is longer than `MAX_CHART_TEXT`: its path in the
    agreement's YAML and its length."""
    found: list[tuple[tuple[str | int, ...], int]] = []
    for index, forum in enumerate(organisation.forums):
        if len(forum.heading) > MAX_CHART_TEXT:
            found.append((("organisation", "forum", index, "rubrik"), len(forum.heading)))
        functions = forum.members.functions if forum.members is not None else []
        for number, function in enumerate(functions):
            if len(function) > MAX_CHART_TEXT:
                path = ("organisation", "forum", index, "funktioner", "lista", number)
                found.append((path, len(function)))
    return found
