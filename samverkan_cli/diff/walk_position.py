"""Where the walk of `samverkan diff`'s readable comparisons is.

An `At` holds the YAML keys that label a place, the same place in the old and the new data,
and the `Coverage` to mark there, so that `diff.leaves` can report whatever the walk did not.
"""

from __future__ import annotations

from dataclasses import dataclass

from samverkan_cli.diff.leaves import Coverage, DataPath, Pairs
from samverkan_cli.diff.values import label_of


@dataclass(frozen=True, slots=True)
class At:
    """Where the walk is: the YAML keys that label it (from `start`), the same place in the
    old and the new data (None on a side that lacks it), and the coverage to mark."""

    path: tuple[str, ...]
    start: int
    old: DataPath | None
    new: DataPath | None
    seen: Coverage

    @classmethod
    def root(cls, key: str, seen: Coverage, *, labelled: bool) -> At:
        return cls((key,), 0 if labelled else 1, (key,), (key,), seen)

    def child(self, key: str) -> At:
        old = None if self.old is None else (*self.old, key)
        new = None if self.new is None else (*self.new, key)
        return At((*self.path, key), self.start, old, new, self.seen)

    def item(self, old_index: int | None, new_index: int | None, *, labelled: bool = False) -> At:
        """An item of the list here; labels inside it start afresh, unless `labelled` (a
        value without fields keeps the list's label)."""
        old = None if self.old is None or old_index is None else (*self.old, old_index)
        new = None if self.new is None or new_index is None else (*self.new, new_index)
        return At(self.path, self.start if labelled else len(self.path), old, new, self.seen)

    def mark(self) -> None:
        self.seen.mark(self.old, self.new)

    def paired(self, pairs: Pairs) -> Pairs:
        """Remember how the items of the list here were paired (see `Coverage`)."""
        if self.old is not None and self.new is not None:
            self.seen.pairings[(self.old, self.new)] = pairs
        return pairs

    @property
    def label(self) -> str:
        return label_of(self.path[self.start :])

    @property
    def key(self) -> str:
        return self.path[-1] if self.path else ""
