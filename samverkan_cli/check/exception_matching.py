"""Which `undantag` a finding falls under, by rule and by place.

An undantag without `plats` and `fil` covers every finding of its rule (as it always has);
one with `fil` only the findings in that bilaga file; one with `plats` only the findings
located inside that node of the agreement's file (or of `fil`). Where several cover a
finding, the one with the narrowest place wins. The covered findings keep their text and get
the undantag's severity; the reason is printed once, with the first of them in report
order, and the others point to it. A placed undantag that covers nothing is reported
(SV177, info): its place has probably moved. `validate` and `status` both go by this.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.model.rule_exceptions import RuleException
from samverkan_cli.source.loading import LoadedAgreement
from samverkan_cli.source.yaml_document import KeyPath, YamlDocument
from samverkan_cli.source.yaml_places import Span, bilaga_document, node_span, resolve_place

RULE_UNUSED_EXCEPTION = "SV177"


@dataclass(frozen=True, slots=True)
class PlacedException:
    """An undantag with the file and node it covers (None: any file, the whole file), and
    where that node lies (`span`, worked out once: every finding of its rule asks)."""

    index: int
    exception: RuleException
    document: YamlDocument | None
    path: KeyPath | None
    span: Span | None = None

    @property
    def placed(self) -> bool:
        return self.document is not None

    def narrowness(self) -> tuple[int, int]:
        return (self.document is not None, len(self.path) if self.path is not None else -1)

    def covers(self, problem: Problem) -> bool:
        if problem.rule != self.exception.rule:
            return False
        if self.document is None:
            return True
        if problem.location.file != self.document.display_path:
            return False
        return not self.path or (self.span is not None and self.span.holds(problem.location))


def placed_exceptions(loaded: LoadedAgreement) -> list[PlacedException]:
    """Every undantag that resolves, with what it covers; one whose file or place does not
    resolve covers nothing (SV176 refuses it at its line)."""
    if loaded.agreement is None or loaded.source is None:
        return []
    found: list[PlacedException] = []
    spans: dict[tuple[int, KeyPath], Span | None] = {}  # several undantag often share a place
    for index, exception in enumerate(loaded.agreement.exceptions):
        document: YamlDocument | None = None
        if exception.file is not None:
            document = bilaga_document(loaded, exception.file)
            if document is None:
                continue
        elif exception.place is not None:
            document = loaded.source
        path: KeyPath | None = None
        if exception.place is not None and document is not None:
            resolved = resolve_place(document, exception.place)
            if not isinstance(resolved, tuple):
                continue
            path = resolved
        span = None
        if document is not None and path:
            if (id(document), path) not in spans:
                spans[id(document), path] = node_span(document, path)
            span = spans[id(document), path]
        found.append(PlacedException(index, exception, document, path, span))
    return found


def covering(exceptions: Sequence[PlacedException], problem: Problem) -> PlacedException | None:
    """The narrowest undantag that covers `problem`, if any."""
    matching = [e for e in exceptions if e.covers(problem)]
    return max(matching, key=PlacedException.narrowness, default=None)


def apply_exceptions(loaded: LoadedAgreement, findings: Iterable[Problem]) -> list[Problem]:
    """Findings with their undantag applied, and SV177 for each placed undantag that covers
    none of them."""
    exceptions = placed_exceptions(loaded)
    kept: list[Problem] = []
    covered: dict[int, list[Problem]] = {}
    for problem in findings:
        exception = covering(exceptions, problem)
        if exception is None:
            kept.append(problem)
        else:
            covered.setdefault(exception.index, []).append(problem)
    for placed in exceptions:
        group = sorted(covered.get(placed.index, []))
        if not group:
            if placed.placed and loaded.source is not None:
                kept.append(_unused(loaded, placed))
            continue
        severity = Severity(placed.exception.severity)
        reason = f" (undantag: {placed.exception.reason})"
        first = group[0]
        kept.append(replace(first, severity=severity, message=first.message + reason))
        pointer = f" (undantag, samma motivering som vid {first.location})"
        kept.extend(replace(p, severity=severity, message=p.message + pointer) for p in group[1:])
    return kept


def _unused(loaded: LoadedAgreement, placed: PlacedException) -> Problem:
    assert loaded.source is not None
    exception = placed.exception
    where = "plats" if exception.place is not None else "fil"
    written = exception.place if exception.place is not None else exception.file
    message = (
        f"undantaget för regel {exception.rule} på {where} '{written}' gäller inget fynd; "
        f"regeln hittar inget där (har det flyttats?). Ta bort undantaget eller rätta {where}"
    )
    location = loaded.source.location(("undantag", placed.index, where))
    return Problem(location, RULE_UNUSED_EXCEPTION, Severity.INFO, message)


def exceptions_in_force(
    loaded: LoadedAgreement, reported: Iterable[Problem]
) -> dict[str, RuleException]:
    """By rule, the undantag `status` applies to that rule's deadlines: one without a place,
    or a placed one that covers a finding the check reports today."""
    exceptions = placed_exceptions(loaded)
    found = {e.exception.rule: e.exception for e in exceptions if not e.placed}
    for problem in reported:
        exception = covering(exceptions, problem)
        if exception is not None and exception.placed:
            found.setdefault(problem.rule, exception.exception)
    return found
