"""A scratch copy of an example agreement that a test may edit, and checks it."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from samverkan_cli.check.folder import CheckSettings, check_folder
from samverkan_cli.core.problems import Problem

AGREEMENT = "overenskommelse.yaml"


@dataclass(frozen=True, slots=True)
class AgreementCopy:
    """A scratch copy of agreements/järva that tests may edit."""

    folder: Path

    @classmethod
    def of_example(cls, name: str, tmp_path: Path) -> AgreementCopy:
        """A copy of the shipped example `name` in `tmp_path/agreements/`."""
        folder = tmp_path / "agreements" / name
        shutil.copytree(Path(__file__).resolve().parent.parent / "agreements" / name, folder)
        return cls(folder)

    def text(self, file: str = AGREEMENT) -> str:
        return (self.folder / file).read_text(encoding="utf-8")

    def edit(self, old: str, new: str, file: str = AGREEMENT) -> str:
        """Replace the only occurrence of `old`; returns the edited text."""
        text = self.text(file)
        assert text.count(old) == 1, f"{old!r} must occur exactly once in {file}"
        edited = text.replace(old, new)
        (self.folder / file).write_text(edited, encoding="utf-8")
        return edited

    def cut(self, start: str, stop: str, file: str = AGREEMENT) -> str:
        """Remove the text from `start` up to (not including) `stop`."""
        text = self.text(file)
        begin = text.index(start)
        return self.edit(text[begin : text.index(stop, begin)], "", file)

    def check(self, settings: CheckSettings | None = None) -> list[Problem]:
        return check_folder(self.folder, settings)[1]
