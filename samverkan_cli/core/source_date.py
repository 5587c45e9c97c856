"""SOURCE_DATE_EPOCH, read once for the DOCX and the calendar alike.

The reproducible-builds specification makes the variable a whole number of seconds since
1970-01-01 UTC, written in ASCII digits as `date +%s` prints it, and asks a tool to stop
with an error on a malformed value rather than guess. A value outside the calendar's years
1–9999 cannot be a date either. Either is wrong use (exit 2) with a Swedish message that
quotes the value, never an internal error; an unset or empty variable means "not set".
"""

from __future__ import annotations

import datetime as dt
import os
import re

from samverkan_cli.core.errors import UsageError

VARIABLE = "SOURCE_DATE_EPOCH"
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_FIRST = dt.datetime(1, 1, 1, tzinfo=dt.UTC)
_LAST = dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.UTC)
FIRST_SECOND = int((_FIRST - _EPOCH).total_seconds())
LAST_SECOND = int((_LAST - _EPOCH).total_seconds())
_INTEGER = re.compile(r"-?[0-9]+", re.ASCII)
_MOST_DIGITS = 20
"""More digits can only be out of range, and are never handed to int() (whose limit for
text is 4,300 digits)."""
_SHOWN = 40
"""How much of a long value the message quotes."""


def source_date_epoch() -> dt.datetime | None:
    """The moment SOURCE_DATE_EPOCH names, in UTC; None when it is unset or empty.

    Raises `UsageError` when it is not a whole number of seconds (`1700000000`) or falls
    outside 0001-01-01 … 9999-12-31."""
    raw = os.environ.get(VARIABLE, "")
    value = raw.strip()
    if not value:
        return None
    shown = value if len(value) <= _SHOWN else value[:_SHOWN] + "…"
    if not _INTEGER.fullmatch(value):
        raise UsageError(
            f"{VARIABLE}={shown!r} är inget heltal; ange sekunder sedan 1970-01-01 UTC, "
            "som 'date +%s' skriver dem (till exempel 1700000000), eller ta bort variabeln"
        )
    seconds = int(value) if len(value.lstrip("-")) <= _MOST_DIGITS else None
    if seconds is None or not FIRST_SECOND <= seconds <= LAST_SECOND:
        raise UsageError(
            f"{VARIABLE}={shown} ligger utanför åren 1–9999 (högst {LAST_SECOND}); "
            "ange sekunder sedan 1970-01-01 UTC, till exempel 1700000000"
        )
    return _EPOCH + dt.timedelta(seconds=seconds)
