"""Each YAML file of a new agreement folder, edited and headed by its schema comment.

A mall's files get their example values made placeholders, a copy's files what belonged to
the old agreement cleared; either way the first line names the file's schema, relative to
the repository's `schemas/` folder, and a comment says where the folder came from.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from samverkan_cli.core.errors import UsageError
from samverkan_cli.init.copy_edits import (
    AGREEMENT_SCHEMA,
    BILAGA_SCHEMA,
    REPORT_SCHEMA,
    YAML_SUFFIXES,
    Plan,
    copy_edits,
)
from samverkan_cli.init.mall_values import AGREEMENT, file_months, mall_edits
from samverkan_cli.init.yaml_editing import Edit, Editor, Entry, KeyPath, index, scalar
from samverkan_cli.model.translation import translation_code
from samverkan_cli.source.repository import AGREEMENT_FILE, REPORT_FILE

SCHEMAS_DIR = "schemas"
SCHEMA_COMMENT = "# yaml-language-server: $schema="
TRANSLATION_SCHEMA = "oversattning.schema.json"


def schema_comment(file: Path, root: Path, schema: str) -> str:
    """The first line of a YAML file: its schema, relative from the file to `schemas/`."""
    relative = Path(os.path.relpath(root / SCHEMAS_DIR / schema, file.parent)).as_posix()
    return f"{SCHEMA_COMMENT}{relative}"


def schema_for(relative: Path) -> str:
    """The schema of a YAML file in an agreement folder, by its place in the folder."""
    if relative == Path(AGREEMENT_FILE):
        return AGREEMENT_SCHEMA
    if relative == Path(REPORT_FILE):
        return REPORT_SCHEMA
    if relative.parent == Path() and translation_code(relative.name) is not None:
        return TRANSLATION_SCHEMA
    return BILAGA_SCHEMA


def prepare(relative: Path, content: bytes, plan: Plan, target: Path, root: Path) -> bytes:
    if relative.suffix not in YAML_SUFFIXES:
        return content
    try:
        text = content.decode("utf-8").removeprefix("\ufeff")
        document = yaml.compose(text, Loader=yaml.SafeLoader)
    except (UnicodeDecodeError, yaml.YAMLError):
        raise UsageError(
            f"{relative.as_posix()} kan inte läsas som YAML; rätta källan först "
            "(samverkan validate visar var)"
        ) from None
    schema = schema_for(relative)
    if document is not None:
        entries = dict(index(document))
        text = Editor(text, entries).apply(_edits(schema, entries, plan))
    comment = schema_comment(target / relative, root, schema)
    if plan.mall is not None:
        comment += (
            f"\n# Skapad från mallen {plan.mall} (samverkan init): exemplets texter står inom "
            "«Exempel: …» och ska ersättas;\n# datum, antal och organisationsnummer är "
            "markerade med FYLL I. Kommentarerna nedan gäller exemplet."
        )
    elif plan.copied_from is not None:
        comment += (
            f"\n# Kopia av {plan.copied_from} (samverkan init): avtalstid, datum, personer och "
            "diarienummer är rensade; andra datum och årtal\n# är flyttade med avtalstiden och "
            "markerade med FYLL I. Kommentarerna nedan kan gälla originalet."
        )
    return _with_schema_comment(text, comment).encode("utf-8")


def _edits(schema: str, entries: dict[KeyPath, Entry], plan: Plan) -> list[Edit]:
    """A mall's edits turn every value of the example into a placeholder; a copy's clear
    what belonged to the old agreement."""
    if plan.mall is None:
        return copy_edits(schema, entries, plan)
    kind = AGREEMENT if schema == AGREEMENT_SCHEMA else scalar(entries, ("typ",)) or schema
    months = file_months(kind, entries, plan.start, plan.term_months, plan.plan_shift)
    return mall_edits(kind, entries, months, plan.output_name)


def _with_schema_comment(text: str, comment: str) -> str:
    """`text` with `comment` as its first line(s), in the file's own line breaks."""
    newline = "\r\n" if "\r\n" in text else "\n"
    comment = comment.replace("\n", newline)
    first, _, rest = text.partition("\n")
    if first.startswith(SCHEMA_COMMENT):
        return f"{comment}{newline}{rest}"
    return f"{comment}{newline}{text}"


__all__ = ["SCHEMAS_DIR", "SCHEMA_COMMENT", "prepare", "schema_comment", "schema_for"]
