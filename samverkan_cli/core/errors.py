"""Exceptions that end a command with a message, never with a traceback.

The CLI maps them to exit codes in one place: a `UsageError` is the user's call being wrong
(exit 2), a `ProblemsFound` carries located problems (exit 1).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from samverkan_cli.core.problems import Problem

DEBUG_VARIABLE = "SAMVERKAN_DEBUG"
"""Set by `--debug`: an unexpected error is raised with its traceback, not turned into a
problem of one agreement or a message of the watch."""


def debug_requested() -> bool:
    return bool(os.environ.get(DEBUG_VARIABLE))


class SamverkanError(Exception):
    """Root of every error the tool raises on purpose; its text is Swedish."""


class UsageError(SamverkanError):
    """The command was called wrongly or the repository is not where it should be."""


class OutputError(SamverkanError):
    """Output could not be written; earlier output is left as it was."""


class TemplateProblem(SamverkanError):
    """A template failed to render; names the template and line."""


class TemplateTimedOut(TemplateProblem):
    """A template ran past its time limit; `build --alla` does not run it again."""


class ProblemsFound(SamverkanError):
    """Loading or checking found errors, so nothing was written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(f"{len(problems)} problem")
        self.problems = list(problems)
