"""`undantag`: a rule that does not apply to one agreement, with the reason written down.

Its own module (imported by `model.agreement`, which keeps the name) so that the agreement
model stays within the size the architecture test allows.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from samverkan_cli.model.base import SourceModel


class RuleException(SourceModel):
    """A rule that does not apply to this agreement, with the reason written down."""

    rule: str = Field(alias="regel", pattern=r"^SV\d{3}$")
    reason: str = Field(alias="motivering", min_length=10)
    severity: Literal["varning", "info"] = Field("info", alias="allvarlighet")
    """A known gap stays visible as a warning; an accepted departure becomes info."""
    place: str | None = Field(None, alias="plats", min_length=1)
    """Where the finding is, as keys from the file's top ("parter.kommunen.undertecknare",
    list items by id or by number from 1); None: every finding of the rule in the file."""
    file: str | None = Field(None, alias="fil", min_length=1)
    """The bilaga file the finding is in (`bilagor/plan.yaml`); None: the agreement's own
    file when `plats` is given, else every file."""
