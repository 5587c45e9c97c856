"""`samverkan regler`: the click command over `messages.rule_list`."""

from __future__ import annotations

import click

from samverkan_cli.core.safe_output import echo

HELP_RULES = """Lista alla regler med id, allvarlighetsgrad, titel och förklaring.

\b
Exempel:
  samverkan regler
  samverkan --lang en regler
"""


@click.command("regler", help=HELP_RULES)
def rules_command() -> None:
    from samverkan_cli.messages.rule_list import list_rules

    for line in list_rules():
        echo(line)
