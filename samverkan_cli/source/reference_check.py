"""SV020: whether a reference document can be used, as problems `validate` and `build`
report before anything is written. Standard library only (no python-docx, no lxml), so
that `validate` stays light."""

from __future__ import annotations

from pathlib import Path

from samverkan_cli.core.problems import Location, Problem, Severity
from samverkan_cli.source.docx_active_content import dangers
from samverkan_cli.source.docx_parts import read_package
from samverkan_cli.source.docx_zip import ReferenceRefused, members_of, read_file
from samverkan_cli.source.reference_verdicts import (
    ACTIVE_CONTENT,
    ACTIVE_CONTENT_CODE,
    found_clean,
    record_clean,
)

RULE = "SV020"
MAX_LISTED = 5
"""At most this many findings are listed one by one; the rest are counted."""


def reference_problems(path: Path, shown: str) -> list[Problem]:
    """The reasons the reference document at `path` (`shown` in messages) cannot be used:
    not a .docx, too large or a zip bomb, no main document or styles, or active content
    (fields that fetch or include, external resources, macros, embedded objects)."""
    try:
        data = read_file(path)
        if found_clean(ACTIVE_CONTENT, data, ACTIVE_CONTENT_CODE):
            return []  # the shipped reference, found clean by an earlier run
        found = dangers(read_package(members_of(data)))
        if not found:
            record_clean(ACTIVE_CONTENT, data, ACTIVE_CONTENT_CODE)
    except ReferenceRefused as refused:
        found = refused.found
    except RecursionError:  # a part nested too deeply for the XML parser
        found = ["XML-innehållet är för djupt nästlat"]
    return refusal_problems(shown, found)


def refusal_problems(shown: str, found: list[str]) -> list[Problem]:
    """The SV020 problems of the findings, as the DOCX writer reports them."""
    return [_problem(shown, text) for text in _listed(found)]


def _listed(found: list[str]) -> list[str]:
    if len(found) <= MAX_LISTED:
        return found
    more = len(found) - MAX_LISTED
    return [*found[:MAX_LISTED], f"och {more} fynd till"]


def _problem(shown: str, text: str) -> Problem:
    return Problem(Location.start_of(shown), RULE, Severity.ERROR, _message(shown, text))


def _message(shown: str, text: str) -> str:
    return f"referensdokumentet {shown} kan inte användas: {text}"
