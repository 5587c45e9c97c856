"""What `samverkan init --mall` does to each value of a shipped example, so that nothing of
the example can reach a real agreement unnoticed.

A mall is a shipped example (agreements/exempel-*): its texts, names, numbers and dates are
invented. The examples stay real, buildable examples; `init` transforms a copy, leaf by
leaf, with one rule for every value that is not in `KEPT`:

- a text becomes «Exempel: <the example's text>», so the user sees what kind of text
  belongs there and SV135 flags it at its line until it is replaced;
- a date moves with the new term (every date of a file by the same number of months) and
  gets a `# FYLL I` comment: it must stay a valid date until someone fills it in;
- a number keeps its value and gets a `# FYLL I` comment;
- a value in `CHECKED` (how often a forum meets, when the term is revised, the notice
  period) is kept in the form the profile needs but gets a `# FYLL I: kontrollera` comment:
  the parties decide it, so the example's value must not pass unread;
- a follow-up or decision day moved onto a weekend or helgdag moves on to the nearest
  working day (`init.moved_dates.working_day`);
- an organisationsnummer is never kept: the police's is the Polismyndighet's own (the same
  for every lokalpolisområde, also under a police party's `juridisk_part`, whose name
  `Polismyndigheten` is kept too), any other
  becomes 000000-0000, which SV135 flags as long as
  it stands there;
- dates that belong to an act not yet done (signatures, an extern document's date and
  period) are removed, and so is the year the example's parties began to work together;
- a contact person's name becomes «Namn på kontaktpersonen», their phone and e-mail go.

`KEPT` lists the fields kept as they are, each with why: structure (ids, kinds, profile
names, a frequency's phrasing, file names), the headings and standard wording of the form,
and flags. `CHECKED` comes first: a kept field's value that the parties decide is marked.
Everything else is a placeholder, so a field added to the examples later is a placeholder
by default and cannot leak.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from yaml.nodes import ScalarNode

from samverkan_cli.init.moved_dates import months_between, parse_date, shift_date, working_day
from samverkan_cli.init.yaml_editing import Edit, Entry, KeyPath, scalar

EXAMPLE_START = "«Exempel: "
EXAMPLE_END = "»"
POLICE_ORGNR = "202100-0076"
"""Polismyndighetens organisationsnummer, the same for every lokalpolisområde."""
POLICE_LEGAL_NAME = "Polismyndigheten"
"""The legal party a police party signs within (`juridisk_part.namn`), the same for all."""
UNKNOWN_ORGNR = "000000-0000"
UNKNOWN_POSTCODE = "000 00"
POLICE_KINDS = frozenset({"lokalpolisområde", "polisområde", "polisregion", "polismyndighet"})
AGREEMENT = "överenskommelse"
"""The kind of the agreement file in the patterns below (a bilaga's kind is its `typ`)."""

_FREQUENCY_KEYS = (
    *("antal", "minst", "cirka", "per", "ord", "siffror", "uttryck"),
    *("varje", "varannan", "vart", "var", "eller_vid_behov"),
)


@dataclass(frozen=True, slots=True)
class Kept:
    """Fields matched by `pattern` keep their value; `why` says what makes them structure."""

    pattern: str
    why: str


KEPT: tuple[Kept, ...] = (
    Kept("*:typ", "the file's kind decides its schema and its rules"),
    Kept("*:**.id", "ids are never printed; the files refer to each other by them"),
    Kept("överenskommelse:profil", "the profile's name is never printed"),
    Kept("överenskommelse:profil.*", "the profiles' names are never printed"),
    Kept("överenskommelse:filnamn", "replaced by a name made from the new agreement's name"),
    Kept("överenskommelse:parter.*.typ", "the party's kind decides which rules apply"),
    Kept("överenskommelse:bilagor.lista.*.typ", "the bilaga's kind decides its rules"),
    Kept("överenskommelse:bilagor.lista.*.fil", "the bilaga file copied with the mall"),
    Kept("överenskommelse:bilagor.numrerade", "layout: whether the bilagor are numbered"),
    Kept("överenskommelse:organisation.forum.*.roll", "the forum's kind decides its rules"),
    Kept("överenskommelse:resurser.parter.*.part", "a party's id"),
    Kept("överenskommelse:uppdateringar.beslutas_av", "a forum's id"),
    Kept("överenskommelse:undantag.*.regel", "a rule's id"),
    Kept("överenskommelse:*.rubrik", "a section's heading, the same in every agreement"),
    Kept("överenskommelse:avsnitt.*", "a block's name in the order of the sections"),
    Kept("överenskommelse:avsnitt.**.avsnitt.*", "a block's name in a section's own sections"),
    Kept("överenskommelse:omfattning.gemensamt_kortnamn", "standard wording: 'Parterna'"),
    Kept("överenskommelse:omfattning.dokumentets_kortnamn", "standard wording of the form"),
    Kept("överenskommelse:omfattning.ingås", "standard wording of the form"),
    Kept("överenskommelse:tid.till", "'tills vidare' (a date moves with the term instead)"),
    Kept("överenskommelse:tid.benämning", "standard wording of the form"),
    Kept("överenskommelse:tid.revidering", "the term's structure"),
    Kept("överenskommelse:tid.revidering.*", "the term's structure"),
    Kept("överenskommelse:tid.förlängning.*", "the term's structure"),
    Kept("överenskommelse:tid.uppsägning.*", "the term's structure"),
    Kept("överenskommelse:exemplar", "one copy for each party"),
    Kept("*:**.frekvens", "a frequency is structure ('vid behov', 'löpande')"),
    *(
        Kept(f"*:**.frekvens.{key}", "a frequency's structure, not its prose")
        for key in _FREQUENCY_KEYS
    ),
    Kept("*:**.frekvens.veckodagar.*", "a frequency's structure"),
    Kept("medborgarlöften:löften.*.parter.*", "a party's id"),
    Kept("överenskommelse:dokumenttyp", "the document's kind decides its rules and wording"),
    Kept("överenskommelse:löften.*.parter", "'alla': the promise is all parties' together"),
    Kept("överenskommelse:löften.*.parter.*", "a party's id"),
    Kept("överenskommelse:löften.*.lovar.*.fokusområde", "a fokusområde's id"),
    Kept("*:**.antal.per", "how a counted target is written, not what was decided"),
    Kept("överenskommelse:uppföljning.*.typ", "the follow-up's kind (återrapport)"),
    Kept("överenskommelse:huvudavtal.överenskommelse", "the folder of another agreement"),
    Kept("medborgarlöften:löften.*.lovar.*.fokusområde", "a prioriterat område's id"),
    Kept("åtgärdsplan:planer.*.parter.*.part", "a party's id"),
    Kept("åtgärdsplan:planer.*.prioriterat_område", "a prioriterat område's id"),
    Kept("handlingsplan:benämning", "standard wording of the form"),
    Kept("handlingsplan:fastställd.av", "a forum's id"),
    Kept("handlingsplan:fokusområden.*.fokusområde", "a prioriterat område's id"),
    Kept("handlingsplan:fokusområden.*.aktiviteter.*.ansvarig", "a party's id"),
    Kept("handlingsplan:fokusområden.*.aktiviteter.*.ansvarig.*", "a party's id"),
    Kept("aktivitetsmatris:rader.*.fokusområde", "a prioriterat område's id"),
    Kept("överenskommelse:kontaktuppgifter.personer.*.part", "a party's id"),
    Kept("kontaktuppgifter:personer.*.part", "a party's id"),
)

CHECKED: tuple[Kept, ...] = (
    *(
        Kept(f"*:**.frekvens.{key}", "how often a forum meets is the parties' decision")
        for key in ("antal", "minst", "cirka", "vart", "var", "varje", "varannan")
    ),
    *(
        Kept(f"överenskommelse:tid.revidering.{key}", "when the term is revised is decided")
        for key in ("antal", "minst", "cirka", "vart", "var", "varje", "varannan")
    ),
    Kept("överenskommelse:tid.uppsägning.*", "the notice period is the parties' decision"),
    Kept("överenskommelse:tid.förlängning.*", "the renewal's length and notice are decided"),
    Kept("överenskommelse:huvudavtal.överenskommelse", "the example's folder, not the user's"),
)
"""Values of kept fields that are the example's content: kept, so that the form stays
valid, and marked `# FYLL I: kontrollera`, so that SV135 shows each until someone has
looked at it and removed the comment. A frequency's `per`, `ord`, `siffror` and `uttryck`
are how it is written, not what was decided, and stay unmarked (one comment on the line
covers a frequency written as `{antal: 6, per: år}`)."""

FILL_IN_CHECK = "FYLL I: kontrollera värdet (exemplets; parterna bestämmer det)"
EVENT_DAYS: tuple[str, ...] = (
    "handlingsplan:uppföljning.tillfällen.*",
    "medborgarlöften:uppföljning.*",
    "överenskommelse:uppföljning.*",
    "överenskommelse:uppföljning.*.datum",
    "*:beslut.datum",
    "*:fastställd.datum",
)
"""Days something is done (a follow-up, a decision): moved to the nearest working day."""

DROPPED: tuple[str, ...] = (
    "överenskommelse:underskrifter.datum",
    "överenskommelse:parter.*.undertecknare.datum",
    "överenskommelse:parter.*.undertecknare.*.datum",
    "överenskommelse:fastställd_av.datum",
    "överenskommelse:förord.undertecknare.*.datum",
    "överenskommelse:bilagor.lista.*.extern.datum",
    "överenskommelse:bilagor.lista.*.extern.period",
    "överenskommelse:samverkan_sedan",
    *(f"överenskommelse:kontaktuppgifter.personer.*.{key}" for key in ("telefon", "epost")),
    *(f"kontaktuppgifter:personer.*.{key}" for key in ("telefon", "epost")),
)
"""Dates of acts not yet done: signing (one signatory or a list of them), the decision
that adopts the document (`fastställd_av`), and the example's extern documents; and the
year the example's parties began to work together (`samverkan_sedan`), a fact of their
history that no date of the new term can stand for. And the example's contact persons'
telephone numbers and e-mail addresses, as a copy of one's own agreement drops them
(`init.copy_edits`): the new contacts are someone else's."""

FILL_IN_DATE = "FYLL I: datum (exemplets datum, flyttat med avtalstiden)"
FILL_IN_NUMBER = "FYLL I: antal (exemplets värde)"
FILL_IN_ORGNR = "FYLL I: partens organisationsnummer (NNNNNN-NNNN)"
FILL_IN_POSTCODE = "FYLL I: postnummer (NNN NN)"
DATE_NOTES: dict[str, str] = {
    "överenskommelse:tid.från": "FYLL I: första dagen överenskommelsen gäller",
    "överenskommelse:tid.till": "FYLL I: sista dagen överenskommelsen gäller",
    "*:beslut.datum": "FYLL I: dagen då beslutet fattades",
    "*:fastställd.datum": "FYLL I: dagen då beslutet fattades",
    "handlingsplan:period.från": "FYLL I: första dagen handlingsplanen gäller",
    "handlingsplan:period.till": "FYLL I: sista dagen handlingsplanen gäller",
    "handlingsplan:uppföljning.tillfällen.*": "FYLL I: dag då handlingsplanen följs upp",
    "medborgarlöften:period.från": "FYLL I: första dagen löftena gäller",
    "medborgarlöften:period.till": "FYLL I: sista dagen löftena gäller",
    "medborgarlöften:uppföljning.*": "FYLL I: dag då löftena följs upp",
    "överenskommelse:uppföljning.*": "FYLL I: dag då löftena följs upp",
    "överenskommelse:uppföljning.*.datum": "FYLL I: dag då löftena följs upp",
    "överenskommelse:fokusområden.*.mål.*.senast": "FYLL I: dag då målet ska vara nått",
    "överenskommelse:mål.lista.*.senast": "FYLL I: dag då målet ska vara nått",
    "överenskommelse:lägesbild.prioriterade_områden.*.mål.*.senast": (
        "FYLL I: dag då målet ska vara nått"
    ),
}
SIGNATORY = "«Namn på den som undertecknar»"
CONTACT_PERSON = "«Namn på kontaktpersonen»"
REPLACED: dict[str, str] = {
    "överenskommelse:parter.*.undertecknare.namn": SIGNATORY,
    "överenskommelse:parter.*.undertecknare.*.namn": SIGNATORY,
    "överenskommelse:förord.undertecknare.*.namn": SIGNATORY,
    "överenskommelse:kontaktuppgifter.personer.*.namn": CONTACT_PERSON,
    "kontaktuppgifter:personer.*.namn": CONTACT_PERSON,
}
"""Texts with a placeholder of their own instead of the example's: a person's name is not
an example of anything."""


def party_kind_path(org_number_path: KeyPath) -> KeyPath:
    """Where the kind of the party an organisationsnummer belongs to is written: beside it,
    or two levels up for the legal party's (`parter.N.juridisk_part.organisationsnummer`):
    the police's legal party is Polismyndigheten, whose real number is kept."""
    if org_number_path[-2:-1] == ("juridisk_part",):
        return (*org_number_path[:-2], "typ")
    return (*org_number_path[:-1], "typ")


def matches(pattern: str, kind: str, path: KeyPath) -> bool:
    """Whether `kind:path` is matched by `pattern`: `*` one segment (or any kind), `**` any
    number of segments."""
    wanted_kind, _, wanted_path = pattern.partition(":")
    if wanted_kind not in ("*", kind):
        return False
    return _match(wanted_path.split("."), [str(part) for part in path])


def _match(pattern: list[str], path: list[str]) -> bool:
    if not pattern:
        return not path
    head, rest = pattern[0], pattern[1:]
    if head == "**":
        return any(_match(rest, path[skip:]) for skip in range(len(path) + 1))
    return bool(path) and head in ("*", path[0]) and _match(rest, path[1:])


def is_kept(kind: str, path: KeyPath) -> bool:
    return any(matches(kept.pattern, kind, path) for kept in KEPT)


def _first(table: dict[str, str], kind: str, path: KeyPath) -> str | None:
    return next((value for key, value in table.items() if matches(key, kind, path)), None)


def file_months(
    kind: str, entries: dict[KeyPath, Entry], start: dt.date, term_months: int, plan_months: int
) -> int:
    """How many months a file's dates move: a handlingsplan with the other plans (the
    earliest starts with the new term), medborgarlöften so that their period starts with the
    new term, everything else with the term."""
    if kind == "handlingsplan":
        return plan_months
    if kind == "medborgarlöften":
        first = parse_date(scalar(entries, ("period", "från")))
        if first is not None:
            return months_between(first, start)
    return term_months


def mall_edits(
    kind: str, entries: dict[KeyPath, Entry], months: int, output_name: str | None
) -> list[Edit]:
    """The edit of every value of one file of a mall (see the module's text)."""
    edits: list[Edit] = []
    for path, entry in entries.items():
        if any(matches(pattern, kind, path) for pattern in DROPPED):
            if entry.parent is not None and entry.value.tag != "tag:yaml.org,2002:null":
                edits.append(Edit(path, "drop"))
            continue
        if not isinstance(entry.value, ScalarNode) or _inside_dropped(kind, path):
            continue
        edit = _leaf_edit(kind, path, entry.value, entries, months, output_name)
        if edit is not None:
            edits.append(edit)
    return edits


def _period(entries: dict[KeyPath, Entry], months: int) -> tuple[dt.date, dt.date] | None:
    """The file's own period, moved: a follow-up day stays inside it."""
    first = parse_date(scalar(entries, ("period", "från")))
    last = parse_date(scalar(entries, ("period", "till")))
    if first is None or last is None:
        return None
    return shift_date(first, months), shift_date(last, months)


def _written(node: ScalarNode) -> str:
    """A scalar as written, for a value kept with a comment added."""
    if node.style in ("'", '"'):
        return json.dumps(str(node.value), ensure_ascii=False)  # YAML reads it the same
    return str(node.value)


def _inside_dropped(kind: str, path: KeyPath) -> bool:
    return any(
        matches(pattern, kind, path[:length])
        for pattern in DROPPED
        for length in range(1, len(path))
    )


def _leaf_edit(
    kind: str,
    path: KeyPath,
    node: ScalarNode,
    entries: dict[KeyPath, Entry],
    months: int,
    output_name: str | None,
) -> Edit | None:
    value = str(node.value)
    tag = node.tag.rsplit(":", 1)[-1]
    day = parse_date(value) if tag in ("timestamp", "str") else None
    if day is not None:
        note = _first(DATE_NOTES, kind, path) or FILL_IN_DATE
        moved = shift_date(day, months)
        if any(matches(pattern, kind, path) for pattern in EVENT_DAYS):
            follow_up = path[:1] == ("uppföljning",)  # stays inside the file's period
            moved = working_day(moved, _period(entries, months) if follow_up else None)
        return Edit(path, "replace-marked", moved.isoformat(), note)
    if path == ("filnamn",) and kind == AGREEMENT and output_name is not None:
        return Edit(path, "replace", output_name)
    if tag != "null" and any(matches(checked.pattern, kind, path) for checked in CHECKED):
        return Edit(path, "replace-marked", _written(node), FILL_IN_CHECK)
    if tag in ("bool", "null") or is_kept(kind, path):
        return None
    police = scalar(entries, party_kind_path(path)) in POLICE_KINDS
    if path[-2:] == ("juridisk_part", "namn") and value == POLICE_LEGAL_NAME and police:
        return None  # the legal party every police party signs within
    if path[-1:] == ("organisationsnummer",):
        if police:
            return Edit(path, "replace", POLICE_ORGNR)
        return Edit(path, "replace-marked", UNKNOWN_ORGNR, FILL_IN_ORGNR)
    if path[-1:] == ("postnummer",):
        return Edit(path, "replace-marked", UNKNOWN_POSTCODE, FILL_IN_POSTCODE)
    if tag in ("int", "float"):
        return Edit(path, "replace-marked", value, FILL_IN_NUMBER)
    replaced = _first(REPLACED, kind, path)
    if replaced is not None:
        return Edit(path, "replace", replaced)
    if not value.strip():
        return None
    return Edit(path, "wrap", EXAMPLE_START, EXAMPLE_END)


__all__ = [
    "AGREEMENT",
    "CHECKED",
    "DROPPED",
    "EXAMPLE_START",
    "KEPT",
    "POLICE_LEGAL_NAME",
    "POLICE_ORGNR",
    "UNKNOWN_ORGNR",
    "file_months",
    "is_kept",
    "mall_edits",
    "matches",
]
