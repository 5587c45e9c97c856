"""How much the organisation chart may show, and how large its picture may grow.

Kept apart from `orgchart` so that the rule (SV019) and the rendering can ask without
loading Pillow. A chart of more than `MAX_CHART_FORUMS` forums is not drawn at all (the
document is built without it, and SV019 warns): 300 forums side by side made a PNG 204,704
pixels wide. A chart within the limit is drawn at a lower resolution when its picture
would otherwise need more than `MAX_CANVAS_PIXELS` pixels, so memory stays bounded.
"""

from __future__ import annotations

from samverkan_cli.model.agreement import Organisation

MAX_CHART_FORUMS = 40
"""The most forums one chart shows; the real agreements have three to twelve."""

MAX_CANVAS_PIXELS = 32_000_000
"""The largest picture drawn (before it is reduced), about 96 MB in memory; the examples'
largest is 5.8 million. With at most 40 forums the chart always fits it at one pixel per
unit."""


def chart_is_drawn(organisation: Organisation | None) -> bool:
    """Whether the organisation gets a chart: it has one, with at least one forum (processes
    alone are no chart) and at most `MAX_CHART_FORUMS`."""
    return organisation is not None and 0 < len(organisation.forums) <= MAX_CHART_FORUMS
