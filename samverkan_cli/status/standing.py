"""Where each agreement stands on a given day: its term, its next deadlines, what is overdue,
and the verdict of the check (`samverkan status`).

The dates come from the same functions the rules use (`add_months`, `consultation_due`,
`revision_interval_months`, `interval_months`), so the status and `validate` can never
disagree about when a samråd or a lägesbild is due. What the status adds:

- the term's end as a deadline, overdue once it has passed;
- the next revision of the agreement itself (`tid.revidering`, "vart tredje år"), counted
  from the term's start with `term_revision_dates`, as the calendar counts it; like a
  follow-up, never overdue;
- a lägesbild is due its revision interval after its date, or a year after it when neither
  the agreement nor its profiles state an interval (SV123 then stays silent);
- the next follow-up of each counted row of an uppföljningsplan, counted from the term's
  start in steps of its interval, while the term runs. A follow-up is never reported as
  overdue: whether it took place is not in the data;
- for each handlingsplan, while the agreement runs: its next follow-up, its last day while
  it runs, and the day the next plan should be decided (`plan_dates`, as the calendar has
  it), overdue once passed without a decided plan after it (SV146 watches the gap);
- for each medborgarlöften bilaga, while the agreement runs: its next follow-up date and the
  last day of its period, from the same `promise_dates` as the calendar. A follow-up date
  that has passed is not overdue either (whether it was held is not in the data), but a
  period that ended without any follow-up date in it is (SV142's condition); and a period
  that has ended while the agreement runs is overdue, since new promises are due, unless a
  later period of the agreement's medborgarlöften follows it.

The check's verdict counts what `validate` reports for the agreement, the linked-agreement
findings too (SV180, SV181: checked across the repository from the agreements just loaded).

The agreement's `undantag` apply as in `validate` (`exceptions_in_force`; one with a `plats`
applies once the check reports the finding it covers): a deadline that a rule
watches (the samråd SV124, the lägesbild SV123, a period without follow-up SV142) is
excepted once its rule is excepted and the deadline has passed or the check reports the rule
that day. An exception that is info waives the deadline: it is neither overdue nor next, and
is shown with its reason. One that is a warning (a known gap) leaves it overdue, with the
reason beside it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from samverkan_cli.calendar.events import PromiseDates, plan_dates, promise_dates
from samverkan_cli.check.exception_matching import exceptions_in_force
from samverkan_cli.check.folder import (
    CheckSettings,
    check_folder,
    resolve_profiles,
)
from samverkan_cli.check.linked_agreements import LinkFacts, linked_problems
from samverkan_cli.core.errors import ProblemsFound
from samverkan_cli.core.problems import Problem, Severity
from samverkan_cli.model.agreement_term import Term
from samverkan_cli.model.promises import Promise
from samverkan_cli.rules import RuleContext
from samverkan_cli.rules.term_bounds import is_historic
from samverkan_cli.source.loading import LoadedAgreement
from samverkan_cli.source.repository import Repository
from samverkan_cli.status.linked_documents import ParentStatus, with_links
from samverkan_cli.status.upcoming_deadlines import (
    Deadline,
    DeadlineKind,
    follow_up_deadlines,
    plan_deadlines,
    promise_deadlines,
    revision_deadlines,
    situation_deadlines,
    term_deadlines,
    with_exception,
)

PASSED = "godkänd"
FAILED = "underkänd"
UNTIL_FURTHER_NOTICE = "tills vidare"


@dataclass(frozen=True, slots=True)
class CountedPromise:
    """A promise with a number in it: "genomföra minst femtiotvå (52) hastighetskontroller"."""

    heading: str
    """The group's heading, "Polisen lovar att"."""
    text: str
    """The promise with its number written out, as the document prints it."""
    target: int
    at_least: bool
    priority_area: str | None

    def swedish(self) -> str:
        return f"{self.heading} {self.text}"


@dataclass(frozen=True, slots=True)
class PromisesStatus:
    """One medborgarlöften bilaga as of the day: its period, follow-ups and counted promises."""

    bilaga: str
    title: str
    start: dt.date
    end: dt.date
    follow_ups: tuple[dt.date, ...]
    """Inside the agreement's term, as in the calendar."""
    next_follow_up: dt.date | None
    ended: bool
    counted: tuple[CountedPromise, ...]

    def swedish(self) -> str:
        return f"{self.title}, {self.start.isoformat()} – {self.end.isoformat()}"


@dataclass(frozen=True, slots=True)
class TermSummary:
    start: dt.date
    """The first day ("2017" → 2017-01-01)."""
    end: dt.date | None
    """The last day ("2022" → 2022-12-31); None: the agreement runs tills vidare."""
    written: str | None = None
    """The term as the text gives it, when that is not two days ("2017 – 2022")."""
    historic: bool = False
    """Ended longer ago than the reminder time (SV186): nothing of it is overdue."""

    @classmethod
    def of(cls, term: Term, *, historic: bool = False) -> TermSummary:
        whole_days = term.start.is_day and (term.end_date is None or term.end_date.is_day)
        written = None if whole_days and term.until_replaced is None else term.span()
        return cls(term.first_day, term.last_day, written, historic)

    def swedish(self) -> str:
        if self.written is not None:
            shown = self.written
        else:
            end = self.end.isoformat() if self.end is not None else UNTIL_FURTHER_NOTICE
            shown = f"{self.start.isoformat()} – {end}"
        return f"{shown} (historisk)" if self.historic else shown


@dataclass(frozen=True, slots=True)
class CheckSummary:
    """The verdict of `validate` for one agreement, as of the same day."""

    errors: int
    warnings: int
    infos: int

    @classmethod
    def of(cls, problems: list[Problem]) -> CheckSummary:
        counts = Counter(problem.severity for problem in problems)
        return cls(counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO])

    @property
    def passed(self) -> bool:
        return self.errors == 0

    @property
    def verdict(self) -> str:
        return PASSED if self.passed else FAILED

    def plus(self, problems: list[Problem]) -> CheckSummary:
        """With more findings counted (the linked-agreement checks SV180, SV181)."""
        more = CheckSummary.of(problems)
        return CheckSummary(
            self.errors + more.errors, self.warnings + more.warnings, self.infos + more.infos
        )

    def swedish(self) -> str:
        warnings = "varning" if self.warnings == 1 else "varningar"
        return f"{self.verdict} ({self.errors} fel, {self.warnings} {warnings}, {self.infos} info)"

    def short(self) -> str:
        """The verdict with only the counts that are not zero, for a narrow table."""
        warnings = "varning" if self.warnings == 1 else "varningar"
        counts = [
            f"{count} {word}"
            for count, word in (
                (self.errors, "fel"),
                (self.warnings, warnings),
                (self.infos, "info"),
            )
            if count
        ]
        return f"{self.verdict} ({', '.join(counts)})" if counts else self.verdict


@dataclass(frozen=True, slots=True)
class AgreementStatus:
    folder: Path
    name: str
    """The folder name, NFC."""
    title: str | None
    """None when the agreement could not be read."""
    term: TermSummary | None
    deadlines: tuple[Deadline, ...]
    """Sorted by date; overdue, upcoming and waived ones alike."""
    check: CheckSummary
    promises: tuple[PromisesStatus, ...] = ()
    """The medborgarlöften, while the agreement runs."""
    kind: str | None = None
    """The document kind (`dokumenttyp`); None when the agreement could not be read."""
    parent: ParentStatus | None = None
    """The document this one lies under (an underavtal's huvudavtal), by folder."""
    children: tuple[str, ...] = ()
    """The folders of the documents that name this one as theirs (`status.linked_documents`)."""

    @property
    def overdue(self) -> tuple[Deadline, ...]:
        return tuple(d for d in self.deadlines if d.overdue)

    @property
    def upcoming(self) -> tuple[Deadline, ...]:
        return tuple(d for d in self.deadlines if not d.overdue and not d.waived)

    @property
    def waived(self) -> tuple[Deadline, ...]:
        return tuple(d for d in self.deadlines if d.waived)

    @property
    def next_deadlines(self) -> tuple[Deadline, ...]:
        """The upcoming deadlines that fall on the earliest upcoming date."""
        upcoming = self.upcoming
        return tuple(d for d in upcoming if d.date == upcoming[0].date) if upcoming else ()


@dataclass(frozen=True, slots=True)
class StatusReport:
    today: dt.date
    agreements: tuple[AgreementStatus, ...]
    config_problems: tuple[Problem, ...] = ()
    """Problems of samverkan.yaml (the defaults were used instead)."""
    refused: tuple[Problem, ...] = ()
    """Why `agreements/` could not be read at all (the report then has no agreements)."""

    @property
    def any_overdue(self) -> bool:
        return any(agreement.overdue for agreement in self.agreements)


def repository_status(repository: Repository, settings: CheckSettings) -> StatusReport:
    """The status of every agreement folder under agreements/, as of `settings.today`."""
    try:
        folders = repository.agreement_folders()
    except ProblemsFound as refused:  # `agreements/` a link out: reported, nothing read
        return StatusReport(settings.today, (), settings.config.problems, tuple(refused.problems))
    found = [_status_and_links(folder, settings) for folder in folders]
    # SV180/SV181 are checked across the repository, as `validate` does after each
    # agreement's own check, from the agreements just loaded
    linked = linked_problems(repository.root, {s.folder: links for s, links in found})
    statuses = tuple(
        dataclasses.replace(s, check=s.check.plus(linked[s.folder])) if s.folder in linked else s
        for s, _ in found
    )
    return StatusReport(settings.today, with_links(statuses), settings.config.problems)


def agreement_status(folder: Path, settings: CheckSettings) -> AgreementStatus:
    """One agreement's term, deadlines and check verdict as of `settings.today` (without
    the linked-agreement checks, which need the repository: `repository_status`)."""
    return _status_and_links(folder, settings)[0]


def _status_and_links(
    folder: Path, settings: CheckSettings
) -> tuple[AgreementStatus, LinkFacts | None]:
    loaded, problems = check_folder(folder, settings)
    return _status_of(loaded, problems, settings), LinkFacts.of(loaded)


def _status_of(
    loaded: LoadedAgreement, problems: list[Problem], settings: CheckSettings
) -> AgreementStatus:
    folder = loaded.folder
    name = unicodedata.normalize("NFC", folder.name)
    check = CheckSummary.of(problems)
    agreement = loaded.agreement
    if agreement is None or loaded.source is None:
        return AgreementStatus(folder, name, None, None, (), check)
    context = RuleContext(
        loaded,
        agreement,
        loaded.source,
        resolve_profiles(loaded, settings.config),
        settings.today,
    )
    term = agreement.term
    running = term is None or term.last_day is None or settings.today <= term.last_day
    running = running or (term is not None and term.until_replaced is not None)
    historic = is_historic(context)
    schedules = [  # after the term, while an återrapport of its promises is still to come
        s for s in promise_dates(loaded) if running or any(d >= settings.today for d in s.reports)
    ]
    deadlines = [
        *term_deadlines(term, settings.today),
        *revision_deadlines(term, settings.today),
        *situation_deadlines(context),
        *follow_up_deadlines(context),
        *promise_deadlines(schedules, settings.today),
        *(plan_deadlines(list(plan_dates(loaded)), settings.today) if running else []),
    ]
    exceptions = exceptions_in_force(loaded, problems)
    reported = {problem.rule for problem in problems}
    deadlines = [with_exception(d, exceptions, reported, settings.today) for d in deadlines]
    if historic:  # SV186: its deadlines passed long ago, by design; none is overdue
        deadlines = [d for d in deadlines if d.date >= settings.today]
    deadlines.sort(key=lambda d: (d.date, list(DeadlineKind).index(d.kind)))
    summary = TermSummary.of(term, historic=historic) if term is not None else None
    promises = tuple(_promises_status(s, settings.today) for s in schedules)
    return AgreementStatus(
        folder,
        name,
        agreement.title,
        summary,
        tuple(deadlines),
        check,
        promises,
        agreement.document_kind.value,
        ParentStatus.of(agreement.parent),
    )


def _promises_status(schedule: PromiseDates, today: dt.date) -> PromisesStatus:
    content = schedule.promises
    counted = tuple(
        found
        for group in content.groups
        for promise in group.promises
        if (found := _counted(group.heading, promise)) is not None
    )
    return PromisesStatus(
        bilaga=schedule.bilaga_id,
        title=content.title,
        start=content.period.first_day,
        end=content.period.last_day,
        follow_ups=schedule.follow_ups,
        next_follow_up=next((day for day in schedule.follow_ups if day >= today), None),
        ended=today > content.period.last_day,
        counted=counted,
    )


def _counted(heading: str, promise: Promise) -> CountedPromise | None:
    amount = promise.amount
    if amount is None:
        return None
    target = amount.at_least if amount.at_least is not None else amount.exactly
    assert target is not None  # Amount requires one of the two
    return CountedPromise(
        heading, promise.swedish(), target, amount.at_least is not None, promise.priority_area
    )
