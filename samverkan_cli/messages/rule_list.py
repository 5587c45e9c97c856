"""`samverkan regler`: every rule the tool can report, in the user's language."""

from __future__ import annotations

from samverkan_cli.messages.language import rule_explanation, rule_title, severity_word
from samverkan_cli.messages.rule_catalogue import all_rules


def list_rules() -> list[str]:
    """Every rule id with its default severity, title and explanation."""
    lines = []
    for rule in all_rules():
        title = rule_title(rule.id, rule.title)
        lines.append(f"{rule.id} [{severity_word(rule.severity.value)}] {title}")
        lines.append(f"    {rule_explanation(rule.id, rule.explanation)}")
    return lines
