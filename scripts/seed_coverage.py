"""How much of each signed original (the seed documents) the built Markdown reproduces.

Why: the agreements re-encoded from the seeds (Rinkeby-Kista 2017, Järva, Järva 2023) must
say what the parties signed. This script builds each of them
and reports, word by word (case-folded, in order, difflib), the share of the seed's words
found in ours and of ours found in the seed; with --diff it lists every run of words that
differs, so that each remaining difference can be reviewed (an extraction artefact such as
a repeated page header or the table of contents with page numbers, or a real difference).

Usage (from the repository root, after `make install`):

    .venv/bin/python scripts/seed_coverage.py [--seeds ../shared/seeds] [--diff]

Exit code 0; 2 when the seeds are not found.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from samverkan_cli.build.pipeline import build_agreement  # noqa: E402

# (agreement folder, built Markdown's suffix after the stem, seed file)
DOCUMENTS = (
    ("rinkeby-kista-2017", "", "003_059cde29b0ae9c94.txt"),
    ("järva", "", "001_9ed0645a5e23fa2e.txt"),
    ("järva-2023", "", "004_355e2e5508c5539d.txt"),
)


def words(text: str) -> list[str]:
    """The words of a text, case-folded; a hyphen or full stop inside a word keeps it whole."""
    return re.findall(r"[^\W_]+(?:[-.][^\W_]+)*", text.casefold())


def markdown_words(markdown: str) -> list[str]:
    """The words a reader sees: no link targets, image files or HTML comments."""
    text = re.sub(r"<!--.*?-->", " ", markdown, flags=re.DOTALL)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return words(text)


def compare(seed: list[str], ours: list[str]) -> tuple[float, float, list[tuple[str, str]]]:
    matcher = difflib.SequenceMatcher(None, seed, ours, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    runs = [
        (" ".join(seed[a1:a2]), " ".join(ours[b1:b2]))
        for tag, a1, a2, b1, b2 in matcher.get_opcodes()
        if tag != "equal"
    ]
    return matched / len(seed), matched / len(ours), runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--diff", action="store_true", help="list every differing run")
    options = parser.parse_args()
    if not options.seeds.is_dir():
        print(f"no seeds in {options.seeds}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="seed-coverage-") as scratch:
        built: dict[str, list[Path]] = {}
        for folder, suffix, seed_name in DOCUMENTS:
            if folder not in built:
                out = Path(scratch) / folder
                built[folder] = build_agreement(ROOT / "agreements" / folder, out, ROOT).written
            [markdown] = [
                p
                for p in built[folder]
                if p.suffix == ".md"
                and p.stem.endswith(suffix or "")
                and (suffix or "-tjansteutlatande" not in p.stem)
                and "." not in p.stem
            ]
            seed = words((options.seeds / seed_name).read_text(encoding="utf-8"))
            ours = markdown_words(markdown.read_text(encoding="utf-8"))
            seed_share, our_share, runs = compare(seed, ours)
            print(
                f"{folder}{suffix} ({seed_name}): {seed_share:.1%} of the seed's {len(seed)} "
                f"words in ours, {our_share:.1%} of our {len(ours)} words in the seed"
            )
            if options.diff:
                for theirs, mine in runs:
                    print(f"  seed: {theirs!r}\n  ours: {mine!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
