"""`validate --format markdown`: every finding as a Markdown page, written by the Action to
the job summary ($GITHUB_STEP_SUMMARY), where nothing is hidden.

GitHub shows at most ten annotations of each kind (error, warning, notice) per step; the
summary says how many findings that hides and lists them all: a line for the whole run, a
table of the agreements, and a table of the findings of each agreement that has any.

Every value from the repository (folder and file names, messages quoting YAML) is shown as
text and never as Markdown or HTML: `markdown_text` makes its control characters visible
(`core.safe_output.visible`) and puts a backslash before every ASCII punctuation character
that Markdown gives a meaning to, which CommonMark and GitHub read as that character
itself. So `|` cannot end a table cell, `<script>` is text, `[x](y)` is no link, `**` no
emphasis, and `https://…` or `www.…` is no automatic link (the escapes split the text
GitHub scans for them).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.core.safe_output import visible
from samverkan_cli.messages.language import message, severity_word, text
from samverkan_cli.messages.problem_lines import run_summary

if TYPE_CHECKING:  # reporters imports this module: only the type is needed here
    from samverkan_cli.messages.reporters import CheckedAgreement

ANNOTATION_CAP = 10
"""GitHub shows this many annotations of each kind per step; the rest only in the log."""

_MARKUP = re.compile(r"([!#$&()*+\-./:<>@\[\\\]^_`{|}~])")
"""The ASCII punctuation Markdown or GitHub gives a meaning to (`$` is math on GitHub, `:`
`/` `.` `@` start automatic links, `~` strikes through); `,` `;` `'` `"` `?` `%` `=` have
none inside a line and stay readable."""


def markdown_text(value: object) -> str:
    """`value` as Markdown that shows exactly its text (see the module)."""
    return _MARKUP.sub(r"\\\1", visible(value))


def hidden_annotations(problems: Sequence[Problem]) -> int:
    """How many of these findings GitHub shows only in the log, not as annotations."""
    counts = Counter(problem.severity for problem in problems)
    return sum(max(0, count - ANNOTATION_CAP) for count in counts.values())


class MarkdownReporter:
    """The job summary: a heading, the run's line, the cap note, the tables."""

    def render(self, checked: Sequence[CheckedAgreement]) -> str:
        every = [problem for agreement in checked for problem in agreement.problems]
        agreements = sum(not agreement.repository_wide for agreement in checked)
        lines = [
            "## samverkan validate",
            "",
            f"**{markdown_text(run_summary(agreements, every))}**",
        ]
        hidden = hidden_annotations(every)
        if hidden:
            lines += ["", f"> {markdown_text(text('summary_capped', hidden=hidden))}"]
        if checked:
            lines += ["", text("summary_agreements_header"), "|---|---|---:|---:|---:|"]
            lines += [_agreement_row(agreement) for agreement in checked]
        else:
            lines += ["", markdown_text(text("no_agreements"))]
        for agreement in checked:
            if agreement.problems:
                lines += ["", f"### {markdown_text(agreement.shown_path)}", ""]
                lines += [text("summary_problems_header"), "|---|---|---|---|"]
                lines += [_problem_row(problem) for problem in agreement.problems]
        if checked and not every:
            lines += ["", markdown_text(text("summary_no_findings"))]
        return "".join(f"{line}\n" for line in lines)


def _agreement_row(agreement: CheckedAgreement) -> str:
    counts = Counter(problem.severity for problem in agreement.problems)
    verdict = text("passed") if counts[Severity.ERROR] == 0 else text("failed")
    cells = [
        markdown_text(agreement.shown_path),
        markdown_text(verdict),
        *(str(counts[s]) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)),
    ]
    return _row(cells)


def _problem_row(problem: Problem) -> str:
    where = problem.location
    cells = [
        markdown_text(severity_word(problem.severity.value)),
        markdown_text(problem.rule),
        markdown_text(f"{where.file}:{where.line}:{where.column}"),
        markdown_text(message(problem.message)),
    ]
    return _row(cells)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
