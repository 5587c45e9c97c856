"""When Python's cyclic garbage collector runs.

Starting up (importing pydantic, python-docx and the rest, and building the models'
validators) allocates hundreds of thousands of objects and frees almost none. With the
default threshold the collector walks them again and again, about a tenth of a one-shot
build. So the command line starts with a high threshold, and a build returns to the
default once its first agreement is done: building many agreements (`build --alla`,
`build --bevaka`) makes cyclic garbage (lxml's and Jinja's) that must be collected as usual.
Checking does not: `validate` and `status` keep the high threshold, with the same peak
memory over a thousand agreements.
"""

from __future__ import annotations

import gc

START_UP_THRESHOLD = 300_000
"""Net allocations between two collections of the youngest generation (Python's default is
700). It is only a threshold, not a switch: memory stays bounded."""

_DEFAULT_THRESHOLDS = gc.get_threshold()


def defer_collection() -> None:
    """Collect the youngest generation only every START_UP_THRESHOLD net allocations."""
    _, middle, oldest = _DEFAULT_THRESHOLDS
    gc.set_threshold(START_UP_THRESHOLD, middle, oldest)


def collect_normally() -> None:
    """Back to the thresholds the process started with. What start-up allocated is frozen
    first (`gc.freeze`): the next collection of the youngest generation would otherwise walk
    every object allocated since `defer_collection`, about 27 ms of a one-shot build, to find
    the few cycles among the modules, validators and the first agreement. Those few stay
    (one agreement's worth); what later agreements make is collected as usual."""
    if gc.get_threshold()[0] == START_UP_THRESHOLD:
        gc.freeze()
    gc.set_threshold(*_DEFAULT_THRESHOLDS)
