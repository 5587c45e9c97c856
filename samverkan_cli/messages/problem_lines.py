"""How problems are shown as text: one line each (file:line:column: REGEL nivå: meddelande)
and a summary per agreement, in the current language. Reporters only read `Problem` values.

Every line made here is safe to print (`safe_output.safe_line`): a file name or message from
a hostile repository can neither start a new line nor become a CI workflow command."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from samverkan_cli.core.errors import ProblemsFound, SamverkanError, TemplateProblem
from samverkan_cli.core.exit_codes import EXIT_PROBLEMS, EXIT_USAGE
from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.core.safe_output import safe_line, visible
from samverkan_cli.messages.language import english, message, rule_title, severity_word, text


def format_problem(problem: Problem) -> str:
    """One line: file:line:col: SV101 fel: message (in English with --lang en, where the
    message has no English pattern, the rule's English title follows it)."""
    location = problem.location
    where = f"{visible(location.file)}:{location.line}:{location.column}"
    if not english():
        return safe_line(f"{where}: {problem.rule} {problem.severity.value}: {problem.message}")
    shown = message(problem.message)
    title = ""
    if shown == problem.message:
        from samverkan_cli.messages.rule_catalogue import rule_info  # English only: not at start

        info = rule_info(problem.rule)
        title = f" [{rule_title(problem.rule, info.title)}]" if info else ""
    level = severity_word(problem.severity.value)
    return safe_line(f"{where}: {problem.rule} {level}: {shown}{title}")


def summary(name: str, problems: Iterable[Problem]) -> str:
    counts = Counter(p.severity for p in problems)
    errors = counts[Severity.ERROR]
    warnings = counts[Severity.WARNING]
    return safe_line(
        text(
            "summary",
            name=name,
            verdict=text("passed") if errors == 0 else text("failed"),
            errors=errors,
            error_word=text("error_one" if errors == 1 else "error_many"),
            warnings=warnings,
            warning_word=text("warning_one" if warnings == 1 else "warning_many"),
            notes=counts[Severity.INFO],
        )
    )


def run_summary(agreements: int, problems: Iterable[Problem]) -> str:
    """One line for a whole run: "3 överenskommelser kontrollerade: 2 fel, 1 varning" (and
    the info count, when there is any)."""
    counts = Counter(p.severity for p in problems)
    errors, warnings, notes = (counts[s] for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    one = agreements == 1
    line = text(
        "run_summary",
        agreements=agreements,
        agreement_word=text("agreement_checked_one" if one else "agreement_checked_many"),
        errors=errors,
        error_word=text("error_one" if errors == 1 else "error_many"),
        warnings=warnings,
        warning_word=text("warning_one" if warnings == 1 else "warning_many"),
    )
    return safe_line(line + (text("run_summary_notes", notes=notes) if notes else ""))


def report_failure(failure: SamverkanError, echo: Callable[..., None]) -> int:
    """Show an error the tool raised on purpose on stderr; the exit code it stands for (1 for
    problems found, a template that failed included, so nothing was written; 2 for wrong
    use or output that failed)."""
    if isinstance(failure, ProblemsFound):
        for problem in failure.problems:
            echo(format_problem(problem), err=True)
        errors = sum(p.severity is Severity.ERROR for p in failure.problems)
        word = text("error_one" if errors == 1 else "error_many")
        echo(text("nothing_written", errors=errors, error_word=word), err=True)
        return EXIT_PROBLEMS
    echo(f"samverkan: {visible(message(str(failure)))}", err=True)
    if isinstance(failure, TemplateProblem):  # the repository's template: a problem found
        echo(text("nothing_written", errors=1, error_word=text("error_one")), err=True)
        return EXIT_PROBLEMS
    return EXIT_USAGE
