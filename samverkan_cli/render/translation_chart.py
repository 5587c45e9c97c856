"""The organisation chart of a translation: the Swedish chart's layout, drawn from the
agreement's organisation with each forum's heading, functions and meeting line as the
translation gives them (`organisationsschema:` by forum id) and the chart's own words in the
translation's language (`orgchart.chart_words`).

The chart is part of a translation only when the translation gives it; then the rules
(SV196, SV197) have made sure that it translates every forum the Swedish chart draws, and
that the language has the chart's words. Its files are named after the translated document
(`<filnamn>.<språkkod>-organisation.png` and `.svg`), beside the Swedish chart's.
"""

from __future__ import annotations

from dataclasses import replace

from samverkan_cli.model import Agreement
from samverkan_cli.model.agreement import Organisation
from samverkan_cli.model.chart_bounds import chart_is_drawn
from samverkan_cli.model.chart_words import CHART_WORDS, ChartWords
from samverkan_cli.model.translation import Translation
from samverkan_cli.render.templates import markdown_escape


def translated_organisation(
    agreement: Agreement, translation: Translation, code: str
) -> tuple[Organisation, ChartWords] | None:
    """The organisation as the translated chart shows it, and the chart's words with the
    translated meeting lines; None when the translation has no chart, the Swedish draws
    none, or something the chart needs is not translated (the rules refuse that)."""
    organisation, chart = agreement.organisation, translation.chart
    words = CHART_WORDS.get(code)
    if chart is None or words is None or not chart_is_drawn(organisation):
        return None
    assert organisation is not None
    if any(forum.id not in chart.forums for forum in organisation.forums):
        return None
    forums = []
    for forum in organisation.forums:
        given = chart.forums[forum.id]
        members = forum.members
        if members is not None:
            members = members.model_copy(update={"functions": list(given.functions)})
        forums.append(forum.model_copy(update={"heading": given.heading, "members": members}))
    meetings = {
        forum_id: given.meetings
        for forum_id, given in chart.forums.items()
        if given.meetings is not None
    }
    translated = organisation.model_copy(update={"forums": forums})
    return translated, replace(words, title=chart.caption, meetings=meetings)


def translated_chart(
    agreement: Agreement, translation: Translation, code: str, stem: str
) -> tuple[str, tuple[tuple[str, bytes], ...]]:
    """The figure's Markdown line for the end of the organisation section and the chart's
    files (PNG, placed in the document, and SVG beside it); ("", ()) without a chart."""
    found = translated_organisation(agreement, translation, code)
    if found is None or translation.chart is None:
        return "", ()
    organisation, words = found
    from samverkan_cli.orgchart.chart import organisation_chart  # Pillow only when drawing

    svg, png = organisation_chart(organisation, words)
    name = f"{stem}-organisation"
    caption = translation.chart.caption
    alt = f"{caption}: {words.join([forum.heading for forum in organisation.forums])}"
    line = f'![{markdown_escape(alt)}]({name}.png "{markdown_escape(caption)}")'
    return line, ((f"{name}.png", png), (f"{name}.svg", svg.encode("utf-8")))
