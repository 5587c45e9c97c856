"""Finding changes by polling: snapshots, what counts as a change, and the loop's timing
(settling after a save, a file that never settles, pauses that grow with the scan's cost)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from samverkan_cli.build.polling import (
    POLL_SECONDS,
    SCAN_SHARE,
    SETTLE_LIMIT_SECONDS,
    Snapshot,
    WatchedSources,
    changed_paths,
    describe_paths,
    ignored_name,
    take_snapshot,
    watch,
)


class Script:
    """A fake `sleep` that runs one scripted step per call (None: nothing happens) and
    interrupts the loop, as Ctrl+C does, when the steps run out."""

    def __init__(self, *steps: Callable[[], object] | None) -> None:
        self.steps = list(steps)
        self.pauses: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.pauses.append(seconds)
        if not self.steps:
            raise KeyboardInterrupt
        step = self.steps.pop(0)
        if step is not None:
            step()


def write(path: Path, content: str) -> Callable[[], None]:
    return lambda: path.write_text(content, encoding="utf-8")


def sources_of(folder: Path) -> Callable[[], Snapshot]:
    return lambda: take_snapshot(WatchedSources((folder,)))


def test_snapshot_walks_folders_and_skips_hidden_backup_and_excluded(tmp_path: Path) -> None:
    (tmp_path / "bilagor").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("a.yaml", "bilagor/b.yaml", "out/c.md", ".git/HEAD", ".a.yaml.swp", "a.yaml~"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "#a.yaml#").write_text("x", encoding="utf-8")
    single = tmp_path.parent / f"{tmp_path.name}-referens.docx"
    single.write_bytes(b"docx")
    snapshot = take_snapshot(
        WatchedSources(
            (tmp_path,), (single, tmp_path / "saknas.yaml"), excluded=(tmp_path / "out",)
        )
    )
    found = {path.relative_to(tmp_path.parent).as_posix() for path in snapshot}
    assert found == {
        f"{tmp_path.name}/a.yaml",
        f"{tmp_path.name}/bilagor/b.yaml",
        f"{tmp_path.name}-referens.docx",
    }


def test_snapshot_of_a_missing_folder_is_empty(tmp_path: Path) -> None:
    assert take_snapshot(WatchedSources((tmp_path / "saknas",))) == {}


@pytest.mark.parametrize(
    ("name", "ignored"),
    [("overenskommelse.yaml", False), (".git", True), ("#x#", True), ("x~", True)],
)
def test_which_names_are_not_sources(name: str, ignored: bool) -> None:
    assert ignored_name(name) is ignored


def test_changed_paths_are_added_removed_and_modified() -> None:
    before = {Path("/a"): (1, 1), Path("/b"): (1, 1), Path("/c"): (1, 1)}
    after = {Path("/a"): (1, 1), Path("/b"): (2, 1), Path("/d"): (1, 1)}
    assert changed_paths(before, after) == {Path("/b"), Path("/c"), Path("/d")}
    assert changed_paths(before, dict(before)) == set()


def test_a_save_is_acted_on_once_it_has_settled(tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    source.write_text("titel: A\n", encoding="utf-8")
    seen: list[set[Path]] = []
    script = Script(None, write(source, "titel: Ny titel\n"), None, None)
    with pytest.raises(KeyboardInterrupt):
        watch(sources_of(tmp_path), seen.append, sleep=script)
    assert seen == [{source.absolute()}]


def test_changes_during_the_settling_pause_give_one_call(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("a\n", encoding="utf-8")
    script = Script(write(first, "aa\n"), write(second, "b\n"), None, None)
    seen: list[set[Path]] = []
    with pytest.raises(KeyboardInterrupt):
        watch(sources_of(tmp_path), seen.append, sleep=script)
    assert seen == [{first.absolute(), second.absolute()}]


def test_a_removed_file_is_a_change(tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    source.write_text("a\n", encoding="utf-8")
    seen: list[set[Path]] = []
    with pytest.raises(KeyboardInterrupt):
        watch(sources_of(tmp_path), seen.append, sleep=Script(source.unlink, None))
    assert seen == [{source.absolute()}]


def test_no_change_no_call(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("a\n", encoding="utf-8")
    seen: list[set[Path]] = []
    with pytest.raises(KeyboardInterrupt):
        watch(sources_of(tmp_path), seen.append, sleep=Script(None, None, None))
    assert seen == []


def test_a_file_that_never_settles_is_acted_on_after_the_limit(tmp_path: Path) -> None:
    source = tmp_path / "logg.txt"
    now = [0.0]

    def grow() -> None:
        now[0] += POLL_SECONDS
        with source.open("a", encoding="utf-8") as log:
            log.write("rad\n")

    steps = int(SETTLE_LIMIT_SECONDS / POLL_SECONDS) + 3
    seen: list[set[Path]] = []
    with pytest.raises(KeyboardInterrupt):
        watch(
            sources_of(tmp_path), seen.append, sleep=Script(*[grow] * steps), clock=lambda: now[0]
        )
    assert seen and seen[0] == {source.absolute()}


def test_the_pause_grows_with_the_cost_of_a_scan() -> None:
    now = [0.0]

    def slow_scan() -> Snapshot:
        now[0] += 0.02  # a large repository: 20 ms a scan
        return {}

    script = Script(None)
    with pytest.raises(KeyboardInterrupt):
        watch(slow_scan, lambda changed: None, sleep=script, clock=lambda: now[0])
    assert script.pauses[0] == pytest.approx(0.02 / SCAN_SHARE)
    assert script.pauses[0] > POLL_SECONDS


def test_an_error_in_the_action_ends_the_loop(tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    source.write_text("a\n", encoding="utf-8")

    def fail(changed: set[Path]) -> None:
        raise RuntimeError("fel i bygget")

    with pytest.raises(RuntimeError, match="fel i bygget"):
        watch(sources_of(tmp_path), fail, sleep=Script(write(source, "ab\n"), None))


def test_changed_files_are_described_relative_and_counted(tmp_path: Path) -> None:
    paths = [tmp_path / "agreements" / "järva" / f"{name}.yaml" for name in "abcde"]
    assert describe_paths(paths[:1], tmp_path) == "agreements/järva/a.yaml"
    assert describe_paths(paths, tmp_path) == (
        "agreements/järva/a.yaml, agreements/järva/b.yaml, agreements/järva/c.yaml (+2)"
    )
    outside = Path(os.path.abspath(os.sep)) / "annan" / "referens.docx"
    assert describe_paths([outside], tmp_path) == str(outside)
