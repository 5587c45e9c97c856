"""SV185–SV187: a term as the text gives it – a year or a month, an ended one, or none.

- SV185: a term dated by a year or a month ("2017–2022", "från september 2020"). Every
  check that needs a day reads "från och med" as the first day of the year or month and
  "till och med" as its last, as the words say; the errors (SV111, SV112, SV116) are raised
  only when every day the text can mean is wrong. The info names the day taken and the
  checks that took it, so that nothing is assumed silently.
- SV186: a historic document, whose term ended longer ago than the profile's reminder
  time (`påminnelse_månader`, three months without one) before today or `--idag`. Its
  deadlines have passed by design: the samråd (SV124) and the lägesbild's revision (SV123)
  are not warned about, and `status` shows none of them as overdue.
- SV187: a document without a term (an undated draft), or with only its start. It is
  accepted; a profile that requires a term says so itself (SV140, citing its source).
"""

from __future__ import annotations

from collections.abc import Iterator

from samverkan_cli.core.date_arithmetic import add_months
from samverkan_cli.core.problems import Severity
from samverkan_cli.core.swedish import counted, join_and
from samverkan_cli.model import BilagaKind, PartialDate, Term
from samverkan_cli.rules.dates import signature_dates
from samverkan_cli.rules.deadlines import goal_deadlines
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.rules.lookup import bilagor_of_kind

RULE_ASSUMED_DAY = "SV185"
RULE_HISTORIC = "SV186"
RULE_NO_TERM = "SV187"
DEFAULT_REMINDER_MONTHS = 3
"""SV124's reminder when no profile gives one; also how long after its end a term is recent."""


def reminder_months(ctx: RuleContext) -> int:
    """The profiles' longest reminder time (`avtalstid.påminnelse_månader`), else three."""
    return max([r.reminder_months for r in ctx.profiles.terms] or [DEFAULT_REMINDER_MONTHS])


def is_historic(ctx: RuleContext) -> bool:
    """The term ended more than the reminder time before today (`--idag`); a term that
    goes on until it is replaced (`gäller_till_dess`) never does."""
    term = ctx.agreement.term
    if term is None or term.last_day is None or term.until_replaced is not None:
        return False
    return add_months(term.last_day, reminder_months(ctx)) < ctx.today


@rule(
    RULE_ASSUMED_DAY,
    title="Avtalstiden anges med år eller månad",
    severity=Severity.INFO,
    explanation=(
        "Avtalstiden får anges som texten gör: ett år ('från: 2017'), en månad "
        "('från: 2020-09') eller en dag. Kontroller som behöver en dag räknar 'från och med' "
        "från årets eller månadens första dag och 'till och med' till dess sista dag "
        "(2017–2022 blir 2017-01-01 – 2022-12-31); fel ges bara när varje dag texten kan "
        "mena är fel. Informationen säger vilken dag som antogs och av vilka kontroller."
    ),
)
def assumed_days(ctx: RuleContext) -> Iterator[Finding]:
    term = ctx.agreement.term
    if term is None:
        return
    if not term.start.is_day:
        users = _start_users(ctx, term)
        yield _assumed(ctx, "från", term.start, first=True, users=users)
    if term.end_date is not None and not term.end_date.is_day:
        users = _end_users(ctx, term)
        yield _assumed(ctx, "till", term.end_date, first=False, users=users)


def _assumed(
    ctx: RuleContext, key: str, written: PartialDate, *, first: bool, users: list[str]
) -> Finding:
    what = "året" if written.month is None else "månaden"
    day = written.first_day if first else written.last_day
    which = "första" if first else "sista"
    return Finding(
        ctx.at("tid", key),
        f"'{written.iso()}' anger bara {what}; {join_and(users)} räknar med "
        f"{day.isoformat()} som avtalstidens {which} dag",
    )


def _start_users(ctx: RuleContext, term: Term) -> list[str]:
    """What takes the term's first day, for the SV185 info."""
    users = ["profilernas krav med datum"]
    if term.end_date is not None:
        users.append("SV111 (ordningen)")
    users.extend(_shared_users(ctx))
    if any(True for _ in signature_dates(ctx)):
        users.append("SV113 (underskrift efter start)")
    users.extend(["status", "kalendern"])
    return users


def _end_users(ctx: RuleContext, term: Term) -> list[str]:
    """What takes the term's last day, for the SV185 info."""
    users = ["SV111 (ordningen)"]
    users.extend(_shared_users(ctx))
    if any(True for _ in signature_dates(ctx)):
        users.append("SV112 (underskrift efter slut)")
    extension = term.extension
    if extension is not None and extension.consultation_months_before is not None:
        users.append("SV124 (samrådet)")
    users.extend(["status", "kalendern"])
    return users


def _shared_users(ctx: RuleContext) -> list[str]:
    users = []
    if any(r.years is not None for r in ctx.profiles.terms):
        users.append("SV116 (längden)")
    if any(True for _ in bilagor_of_kind(ctx, BilagaKind.OPERATIVE_PLAN)):
        users.append("SV144 (handlingsplanerna)")
    if any(True for _ in goal_deadlines(ctx)):
        users.append("SV163 (målens 'senast')")
    return users


@rule(
    RULE_HISTORIC,
    title="Historisk överenskommelse",
    severity=Severity.INFO,
    explanation=(
        "En överenskommelse vars avtalstid slutade längre sedan än profilens påminnelsetid "
        "(tre månader utan profil) före i dag eller --idag är historisk. Dess frister har "
        "passerat: samrådet (SV124) och lägesbildens revidering (SV123) varnas inte för, och "
        "status visar dem inte som försenade. En överenskommelse som gäller till dess att en "
        "ny finns ('gäller_till_dess') blir aldrig historisk."
    ),
)
def historic_document(ctx: RuleContext) -> Iterator[Finding]:
    term = ctx.agreement.term
    if term is None or term.end_date is None or not is_historic(ctx):
        return
    yield Finding(
        ctx.at("tid", "till"),
        f"avtalstiden slutade {term.end_date.iso()}, mer än "
        f"{counted(reminder_months(ctx))} månader före {ctx.today.isoformat()}; "
        "överenskommelsen läses som historisk och dess passerade frister varnas inte för",
    )


@rule(
    RULE_NO_TERM,
    title="Avtalstiden saknas eller har inget slut",
    severity=Severity.INFO,
    explanation=(
        "Ett utkast utan datum (utan 'tid') eller en text som bara säger när den börjar "
        "godtas. Frister som räknas från avtalstiden (samråd, avtalstidens slut, "
        "revidering) visas då inte i status och kalender. En profil som kräver en "
        "avtalstid säger det själv (SV140, med sin källa)."
    ),
)
def no_term(ctx: RuleContext) -> Iterator[Finding]:
    if any(r.required for r in ctx.profiles.terms):
        return  # SV140 speaks, citing its source
    term = ctx.agreement.term
    if term is None:
        yield Finding(
            ctx.file_start(),
            "dokumentet anger ingen avtalstid ('tid'); status och kalender har inga datum "
            "att räkna från",
        )
    elif term.end is None and term.until_replaced is None:
        yield Finding(
            ctx.at("tid", "från"),
            f"avtalstiden anger bara när den börjar ({term.start.iso()}); frister som räknas "
            "från dess slut visas inte",
        )
