"""Writes the generated reference pages of the user guide (docs/referens/*.md).

Why: the guide's field reference must say what the tool accepts, and the rule and profile
pages what it checks. Written by hand they would drift from the JSON Schemas in schemas/
(generated from the models by `samverkan schema`), from the rule catalogue and from the
bundled profiles; generated, they cannot. The pages are committed, so that they can be read
in the repository without building the site and a change to a schema shows in review as a
change to the guide; tests/test_docs_reference.py fails when one is stale.

The schema pages are written from any JSON Schema (type, required, pattern, enum, const,
description, examples, default, nested objects and `$defs`, anyOf/oneOf/allOf), so a
schema that grows needs no change here.

Usage (from the repository root; `make docs` runs it before MkDocs):

    .venv/bin/python scripts/docs_reference.py          # write docs/referens/
    .venv/bin/python scripts/docs_reference.py --check  # exit 1 if a page is stale
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.docs_rules import profiles_page, rules_page  # noqa: E402
from scripts.docs_schema import schema_pages  # noqa: E402

REFERENCE_DIR = ROOT / "docs" / "referens"


def reference_pages() -> dict[str, str]:
    """File name under docs/referens/ → the page's Markdown."""
    pages = schema_pages(ROOT / "schemas")
    pages["regler.md"] = rules_page()
    pages["profiler.md"] = profiles_page()
    return pages


def stale_pages(folder: Path = REFERENCE_DIR) -> list[str]:
    """The pages that differ from what would be written now, or are missing or left over."""
    pages = reference_pages()
    on_disk = {p.name for p in folder.glob("*.md")} if folder.is_dir() else set()
    stale = [
        name
        for name, text in pages.items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]
    return sorted(stale + [name for name in on_disk - set(pages)])


def write_pages(folder: Path = REFERENCE_DIR) -> list[Path]:
    """Write every page (only those that changed) and remove pages no schema makes any more."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = reference_pages()
    written = []
    for name, text in pages.items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            temporary = path.with_name(f".{name}.tmp")
            temporary.write_text(text, encoding="utf-8")
            temporary.replace(path)
            written.append(path)
    for leftover in sorted(folder.glob("*.md")):
        if leftover.name not in pages:
            leftover.unlink()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale pages")
    arguments = parser.parse_args()
    if arguments.check:
        stale = stale_pages()
        for name in stale:
            print(f"docs/referens/{name} is stale: run scripts/docs_reference.py")
        return 1 if stale else 0
    for path in write_pages():
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
