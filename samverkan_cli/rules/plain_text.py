"""SV168: Markdown written in a field that prints its text as it stands.

Paragraphs (`text:`, `uppdrag:`, the organisation's `inledning:`) and the Markdown texts of
bilagor and the report render links and formatting. Every other text (names, titles,
headings, list points) is printed character for character; a link or **fet** written there
reaches the document as its source characters, so the author is told at the line.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from samverkan_cli.core.problems import Severity
from samverkan_cli.document.literal import markdown_syntax
from samverkan_cli.document.refusals import Refusal, shown
from samverkan_cli.model.paragraph_text import ParagraphText
from samverkan_cli.model.unprinted import is_unprinted
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.rules.prose import locate, walked_files

RULE_LITERAL_MARKDOWN = "SV168"

MARKDOWN_FIELDS = (
    "styckena under text:, uppdrag: och organisationens inledning:, och i bilagornas text: "
    "och inledning:"
)


@rule(
    RULE_LITERAL_MARKDOWN,
    title="Markdown i ett fält som skrivs som det står",
    severity=Severity.WARNING,
    explanation=(
        "Namn, titlar, rubriker och punkter i listor skrivs ut tecken för tecken. En länk "
        "[text](https://…), `kod`, **fet**, en bild, HTML, en fotnot, en rubrik (#) eller en "
        f"tabell där syns i dokumentet som just de tecknen. Länkar och formatering går att "
        f"skriva i {MARKDOWN_FIELDS}; i andra fält skrivs adressen som vanlig text, till "
        "exempel 'Polisens lägesbild 2024, https://example.se/lagesbild'."
    ),
)
def literal_markdown(ctx: RuleContext) -> Iterator[Finding]:
    for walked in walked_files(ctx):
        document, kind, markdown = walked.document, walked.kind, walked.markdown
        for path, text in walked.leaves:
            if isinstance(text, ParagraphText) or path in markdown:
                continue
            found = markdown_syntax(text)  # the cheaper test first: most texts are plain
            if found is None or _unprinted(kind, path):
                continue
            field = next((str(p) for p in reversed(path) if isinstance(p, str)), "text")
            where = locate(document, path, Refusal(RULE_LITERAL_MARKDOWN, "", found.line))
            yield Finding(
                where,
                f"'{field}': Markdown fungerar inte i det här fältet ({found.what} i "
                f"{shown(text)}); texten skrivs som den står. Länkar och formatering går att "
                f"skriva i {MARKDOWN_FIELDS}; skriv här vanlig text, till exempel "
                f"'Polisens lägesbild 2024, https://example.se/lagesbild'",
            )


_unprinted = functools.lru_cache(maxsize=1 << 16)(is_unprinted)
"""`is_unprinted` remembered per file kind and path: the same paths come back in every
agreement of a repository, and matching them against every pattern was a tenth of a
`validate`."""
