"""The synthetic repositories the benchmark measures on: N copies of Rinkeby-Kista 2017 (the
largest example, with all seven bilagor), and the costly inputs of issue 14."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "agreements" / "rinkeby-kista-2017"
NAME = SOURCE.name
MARKDOWN = f"samverkansoverenskommelse-{NAME}.md"
"""The name of the Markdown file a build of a copy writes (the agreement's own title)."""


def make_repository(size: int, folder: Path) -> Path:
    """A repository of `size` copies, named rinkeby-kista-0000 and on."""
    agreements = folder / "agreements"
    agreements.mkdir(parents=True)
    for index in range(size):
        shutil.copytree(SOURCE, agreements / f"rinkeby-kista-{index:04d}")
    return folder


def agreement_names(repository: Path) -> list[str]:
    return sorted(p.name for p in (repository / "agreements").iterdir())


def make_hostile(folder: Path) -> Path:
    """A repository with the costly inputs of issue 14: `stor` (a lägesbild of prose just under
    5 MB), `bomb` (a 64 kB text used 999 times) and `gammal`/`ny` (20,000 paragraphs, the
    same one on one side, alternating with another on the other)."""
    agreements = folder / "agreements"
    shutil.copytree(SOURCE, agreements / "stor")
    lagesbild = agreements / "stor" / "bilagor" / "lagesbild.yaml"
    head = lagesbild.read_text(encoding="utf-8").split("text: |")[0] + "text: |\n"
    line = "  " + ("Samverkan mellan polisen och kommunen ger trygghet i området. " * 2)[:78]
    paragraph = (line + "\n") * 6 + "\n"
    count = (5 * 1024 * 1024 - len(head.encode()) - 1000) // len(paragraph.encode())
    lagesbild.write_text(head + paragraph * count, encoding="utf-8")
    text = (SOURCE / "overenskommelse.yaml").read_text(encoding="utf-8")
    (agreements / "bomb").mkdir()
    bomb = "\nx-bomb: &bomb " + "x" * 65_536 + "\nx-used: [" + ", ".join(["*bomb"] * 999) + "]\n"
    (agreements / "bomb" / "overenskommelse.yaml").write_text(text + bomb, encoding="utf-8")
    for name, other in (("gammal", "Samma stycke."), ("ny", "Ett annat stycke.")):
        (agreements / name).mkdir()
        paragraphs = "".join(
            f"    - {other if name == 'ny' and i % 2 else 'Samma stycke.'}\n" for i in range(20_000)
        )
        start = "  rubrik: Bakgrund\n  text:\n"
        edited = text.replace(start, start + paragraphs, 1)
        assert edited != text
        (agreements / name / "overenskommelse.yaml").write_text(edited, encoding="utf-8")
    return folder
