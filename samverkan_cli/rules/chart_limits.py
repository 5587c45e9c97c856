"""The organisation chart shows at most `MAX_CHART_FORUMS` forums (SV019).

A larger organisation is built without its chart, with this warning at the first forum the
chart would not show; see `model.chart_bounds` for why there is a limit.
"""

from __future__ import annotations

from collections.abc import Iterator

from samverkan_cli.core.problems import Severity
from samverkan_cli.model.chart_bounds import MAX_CHART_FORUMS, chart_is_drawn
from samverkan_cli.rules.engine import Finding, RuleContext, rule

RULE_CHART_TOO_LARGE = "SV019"


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
    if organisation is None or chart_is_drawn(organisation):
        return
    count = len(organisation.forums)
    yield Finding(
        ctx.at("organisation", "forum", MAX_CHART_FORUMS),
        f"organisationen har {count} forum; organisationsschemat visar högst "
        f"{MAX_CHART_FORUMS} och ritas inte",
    )
