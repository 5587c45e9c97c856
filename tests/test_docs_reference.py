"""The user guide's generated reference pages (docs/referens/) are up to date with the JSON
Schemas, the rule catalogue and the bundled profiles, and every page of docs/ is in the
site's navigation (mkdocs.yml), so `make docs --strict` and a reader of the repository see
the same guide."""

from __future__ import annotations

import re

from scripts.docs_reference import REFERENCE_DIR, reference_pages, stale_pages
from tests.conftest import REPO_ROOT


def test_reference_pages_are_up_to_date() -> None:
    stale = stale_pages()
    assert not stale, f"stale pages in docs/referens/: {stale}; run scripts/docs_reference.py"


def test_every_schema_and_rule_has_its_page() -> None:
    pages = reference_pages()
    schemas = {p.name.removesuffix(".schema.json") for p in (REPO_ROOT / "schemas").glob("*.json")}
    assert {f"{name}.md" for name in schemas} | {"regler.md", "profiler.md"} == set(pages)
    from samverkan_cli.messages.rule_catalogue import all_rules

    for rule in all_rules():
        assert f"## {rule.id} " in pages["regler.md"], rule.id


def test_every_page_is_in_the_navigation() -> None:
    nav = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = set(re.findall(r":\s*([\w/.-]+\.md)\s*$", nav, re.MULTILINE))
    pages = {
        p.relative_to(REPO_ROOT / "docs").as_posix() for p in (REPO_ROOT / "docs").rglob("*.md")
    }
    assert pages - listed == set(), "add these pages to the nav in mkdocs.yml"
    assert listed - pages == set(), "the nav names pages that do not exist"
    assert {f"referens/{name}" for name in reference_pages()} <= listed
    assert REFERENCE_DIR.is_dir()


def test_a_required_key_and_its_example_reach_the_field_reference() -> None:
    page = reference_pages()["overenskommelse.md"]
    assert re.search(r"^\| `titel` \| ja \|", page, re.MULTILINE)
    assert "212000-0142" in reference_pages()["overenskommelse.md"]
