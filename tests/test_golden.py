"""The rendered Markdown of Järva is compared with a reviewed golden file.

Regenerate after an intended change with: UPDATE_GOLDEN=1 make test
"""

from __future__ import annotations

import os
from pathlib import Path

from samverkan_cli.render.agreement_document import agreement_document
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.writers import write_markdown
from tests.conftest import JARVA, REPO_ROOT

GOLDEN = Path(__file__).parent / "golden" / "järva.md"


def test_jarva_markdown_matches_golden() -> None:
    loaded = load_agreement(JARVA)
    assert loaded.agreement is not None, loaded.problems
    rendered = write_markdown(agreement_document(loaded, REPO_ROOT))
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(rendered, encoding="utf-8")
    assert rendered == GOLDEN.read_text(encoding="utf-8")
