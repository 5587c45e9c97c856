"""Pydantic models of everything read from YAML.
May import document (Markdown is checked as it is read) and core.
"""

from samverkan_cli.model.agreement import Agreement, Forum, ForumRole, Scheduled
from samverkan_cli.model.agreement_term import Term
from samverkan_cli.model.bilaga_entries import BilagaEntry, BilagaKind
from samverkan_cli.model.bilaga_kinds import BilagaContent
from samverkan_cli.model.frequency import Frequency
from samverkan_cli.model.partial_date import PartialDate
from samverkan_cli.model.party import Party, PartyKind

__all__ = [
    "Agreement",
    "BilagaContent",
    "BilagaEntry",
    "BilagaKind",
    "Forum",
    "ForumRole",
    "Frequency",
    "PartialDate",
    "Party",
    "PartyKind",
    "Scheduled",
    "Term",
]
