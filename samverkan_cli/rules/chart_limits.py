"""The organisation chart shows at most `MAX_CHART_FORUMS` forums (SV019), and no text
longer than `MAX_CHART_TEXT` characters (SV206).

A larger organisation is built without its chart, with this warning at the first forum the
chart would not show; one with a heading or member function too long to show in full is
built without it too, with a warning at each such text. See `model.chart_bounds` for why
there are limits.
"""

from __future__ import annotations

from collections.abc import Iterator

from samverkan_cli.core.problems import Severity
from samverkan_cli.model.chart_bounds import (
    MAX_CHART_FORUMS,
    MAX_CHART_TEXT,
    chart_is_drawn,
    too_long_chart_texts,
)
from samverkan_cli.rules.engine import Finding, RuleContext, rule

RULE_CHART_TOO_LARGE = "SV019"
RULE_CHART_TEXT_TOO_LONG = "SV206"


@rule(
    RULE_CHART_TOO_LARGE,
    title="För många forum för organisationsschemat",
    severity=Severity.WARNING,
    explanation=(
        f"Organisationsschemat visar högst {MAX_CHART_FORUMS} forum. En organisation med fler "
        "byggs utan schema; texten beskriver ändå varje forum. Slå ihop forum som hör ihop, "
        "till exempel områdesgrupper, så ritas schemat."
    ),
)
def chart_forum_limit(ctx: RuleContext) -> Iterator[Finding]:
    organisation = ctx.agreement.organisation
    if organisation is None or len(organisation.forums) <= MAX_CHART_FORUMS:
        return
    count = len(organisation.forums)
    yield Finding(
        ctx.at("organisation", "forum", MAX_CHART_FORUMS),
        f"organisationen har {count} forum; organisationsschemat visar högst "
        f"{MAX_CHART_FORUMS} och ritas inte",
    )


@rule(
    RULE_CHART_TEXT_TOO_LONG,
    title="För lång text för organisationsschemat",
    severity=Severity.WARNING,
    explanation=(
        "Organisationsschemat visar varje forums rubrik och funktioner i sin helhet, radbrutna "
        f"i rutan, aldrig avkortade. En rubrik eller funktion på mer än {MAX_CHART_TEXT} tecken "
        "får inte plats, och då byggs dokumentet utan schema; texten beskriver ändå varje "
        "forum. Korta texten, eller flytta det som förklarar den till forumets uppdrag, så "
        "ritas schemat."
    ),
)
def chart_text_limit(ctx: RuleContext) -> Iterator[Finding]:
    organisation = ctx.agreement.organisation
    if organisation is None or chart_is_drawn(organisation):
        return
    for path, length in too_long_chart_texts(organisation):
        what = "rubriken" if path[-1] == "rubrik" else "funktionen"
        yield Finding(
            ctx.at(*path),
            f"{what} har {length} tecken; organisationsschemat visar texter på högst "
            f"{MAX_CHART_TEXT} tecken i sin helhet och ritas inte",
        )
