"""`samverkan schema`: the click command over `check.json_schemas`."""

from __future__ import annotations

from pathlib import Path

import click

from samverkan_cli.core.safe_output import echo
from samverkan_cli.messages.language import text

HELP_SCHEMA = """Skriv JSON Schema för varje filtyp till schemas/ (för redigerarens komplettering).

\b
Exempel:
  samverkan schema
"""


@click.command("schema", help=HELP_SCHEMA)
def schema_command() -> None:
    from samverkan_cli.check.json_schemas import write_schemas
    from samverkan_cli.source.loading import display_path
    from samverkan_cli.source.repository import find_repository

    for path in write_schemas(find_repository(Path.cwd()).output_folder("schemas")):
        echo(text("wrote", path=display_path(path)))
