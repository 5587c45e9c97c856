"""Every exit code of `samverkan`, in one place: the commands return them, `cli.main` ends
the process with them, and the GitHub Action (`action.yml`) reads any code above
`EXIT_PROBLEMS` as the tool failing rather than the agreements."""

from __future__ import annotations

EXIT_OK = 0
"""Nothing to report, or only what does not fail the command (warnings, without --strikt)."""

EXIT_PROBLEMS = 1
"""Problems found: error-level problems (warnings too with --strikt), a repository template
that failed, something overdue (`status --strikt`), an agreement folder that cannot be read;
nothing was written."""

EXIT_USAGE = 2
"""Wrong use, no repository, output that could not be written, or an internal error."""

EXIT_BROKEN_PIPE = 141
"""128 + SIGPIPE, what a program killed by a closed pipe ends with (`samverkan regler | head`)."""
