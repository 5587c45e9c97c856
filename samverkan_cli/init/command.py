"""`samverkan init NAMN` without click: the new folder written (`new_folder`), then what was
written and what is left to fill in. The click command, and the question which mall to
use, are `cli.init`; the library is imported only when the command runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from samverkan_cli.core.exit_codes import EXIT_OK
from samverkan_cli.core.safe_output import visible

if TYPE_CHECKING:
    from samverkan_cli.source.repository import Repository

Echo = Callable[..., None]


def init(
    cwd: Path,
    name: str,
    source: str | None,
    *,
    echo: Echo,
    today: dt.date | None = None,
    mall: str = "stadsdel",
) -> int:
    """Write the new agreement folder, then say what was written and what is left to do."""
    from samverkan_cli.check.folder import CheckSettings, check_folder
    from samverkan_cli.check.settings import load_config
    from samverkan_cli.core.problems import Severity
    from samverkan_cli.init.new_folder import initialise, repository_for_init
    from samverkan_cli.messages.problem_lines import summary
    from samverkan_cli.rules.placeholders import RULE_PLACEHOLDER
    from samverkan_cli.source.loading import display_path

    repository = repository_for_init(cwd)
    result = initialise(repository, name, source, today=today, mall=mall)
    for path in result.written:
        echo(f"skrev {visible(display_path(path))}")
    update_repository_schemas(repository, echo=echo)
    if result.example is not None:
        echo(
            f"{visible(str(source))} är ett exempel: kopian är gjord som mallen "
            f"{result.example}, med exemplets texter, datum och antal som platshållare "
            f"(samma som --mall {result.example})."
        )
    config = load_config(repository.root)
    settings = CheckSettings(config, today) if today else CheckSettings(config)
    problems = check_folder(result.folder, settings)[1]
    shown = display_path(result.folder)
    echo(summary(shown, problems))
    left = sum(p.rule == RULE_PLACEHOLDER and p.severity is not Severity.INFO for p in problems)
    if left:
        echo(
            f"{left} platshållare att fylla i ({RULE_PLACEHOLDER}); "
            f"'samverkan validate {Path(shown).as_posix()}' visar var."
        )
    return EXIT_OK


def update_repository_schemas(repository: Repository, *, echo: Echo) -> None:
    """Export the schemas the new files' first line points at into the repository's
    `schemas/` (those missing or differing from this version's, atomically), and say so.
    `init` and `import` both write files headed by that line."""
    from samverkan_cli.check.json_schemas import export_schemas
    from samverkan_cli.init.file_preparation import SCHEMAS_DIR
    from samverkan_cli.source.loading import display_path

    exported = export_schemas(repository.output_folder(SCHEMAS_DIR))
    for path in exported:
        echo(f"skrev {visible(display_path(path))}")
    if exported:
        echo(
            f"{SCHEMAS_DIR}/ har scheman från den här versionen av samverkan; filernas första "
            "rad pekar på dem, så att redigeraren kan komplettera och kontrollera."
        )


__all__ = ["init", "update_repository_schemas"]
