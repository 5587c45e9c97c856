"""One piece of work over many items on every core, the results in the items' order.

`build --alla` and `validate` do pure-Python work per agreement, so threads would share one
core: the items go to worker processes instead. Both commands then print exactly what a
serial run prints, in the same order, because the results come back in the items' order and
only this process prints. The first item is done here, before the pool starts: that warms
this process (pydantic builds the models' validators on first use, Jinja its environment
and templates, the writers their reference document and fonts), and workers forked from it
inherit all of that instead of each building it again. Where fork is not safe (Windows,
macOS) the workers are spawned and warm up themselves.

Each item's exception comes back as a `Failed` value, so one item's failure never loses the
others' results. An exception of the kind given as `stop_on` skips every item not yet
started (`Skipped`), on every worker, as a serial loop would stop there. Ctrl+C reaches the
workers too (the terminal signals the whole process group): the item a worker is doing
stops as it would in a serial run (atomic writes put earlier files back), the items it has
not started are skipped, and this process waits for the workers before it passes the
interrupt on, so no worker outlives the command.

`SAMVERKAN_WORKERS=1` (or any number) sets how many processes work; tests compare a run
of one with a run of many.
"""

from __future__ import annotations

import math
import os
import pickle
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from multiprocessing.synchronize import Event

WORKERS_VARIABLE = "SAMVERKAN_WORKERS"
"""How many processes work (1: all in this process); unset: one per core."""

MAX_WORKERS = 16
"""At most this many processes, however many cores: each holds its own copy of the models."""

CHUNKS_PER_WORKER = 4
"""Items go out in this many contiguous chunks per worker: few enough that sending them
costs little, enough that a worker finishing early takes another."""

Shared = TypeVar("Shared")
Item = TypeVar("Item")
Result = TypeVar("Result")


@dataclass(frozen=True, slots=True)
class Failed:
    """An item whose work raised `error`."""

    error: Exception


@dataclass(frozen=True, slots=True)
class Skipped:
    """An item not started because an earlier one (earlier in the items' order too) raised
    the `stop_on` kind of error."""


def worker_count(items: int) -> int:
    """How many processes should work on `items` items: SAMVERKAN_WORKERS when set, else
    one per core this process may use, never more than there are items."""
    wanted = os.environ.get(WORKERS_VARIABLE, "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        count = int(wanted)
    elif hasattr(os, "sched_getaffinity"):  # the cores this process may use (containers, CI)
        count = len(os.sched_getaffinity(0))
    else:
        count = os.cpu_count() or 1
    return max(1, min(count, MAX_WORKERS, items))


def ordered_map(
    work: Callable[[Shared, Item], Result],
    shared: Shared,
    items: Sequence[Item],
    *,
    parallel_from: int,
    stop_on: type[Exception] | None = None,
) -> Iterator[Result | Failed | Skipped]:
    """`work(shared, item)` for each item, yielded in the items' order as each is ready. From
    `parallel_from` items on (and with more than one core), in worker processes. `work`
    must be a module-level function; `shared` is sent to each worker once."""
    workers = worker_count(len(items) - 1)  # the first item is done here
    if len(items) < parallel_from or workers < 2:
        yield from _serial(work, shared, items, stop_on)
        return
    first = _attempt(work, shared, items[0])
    yield first
    if _stops(first, stop_on):
        yield from (Skipped() for _ in items[1:])
        return
    yield from _pooled(work, shared, items[1:], workers, stop_on)


def _serial(
    work: Callable[[Shared, Item], Result],
    shared: Shared,
    items: Sequence[Item],
    stop_on: type[Exception] | None,
) -> Iterator[Result | Failed | Skipped]:
    stopped = False
    for item in items:
        if stopped:
            yield Skipped()
            continue
        outcome = _attempt(work, shared, item)
        stopped = _stops(outcome, stop_on)
        yield outcome


def _stops(outcome: object, stop_on: type[Exception] | None) -> bool:
    return (
        stop_on is not None and isinstance(outcome, Failed) and isinstance(outcome.error, stop_on)
    )


def _attempt(work: Callable[[Shared, Item], Result], shared: Shared, item: Item) -> Result | Failed:
    try:
        return work(shared, item)
    except Exception as exc:  # one item's failure never loses the others
        return Failed(exc)


def _pooled(
    work: Callable[[Shared, Item], Result],
    shared: Shared,
    items: Sequence[Item],
    workers: int,
    stop_on: type[Exception] | None,
) -> Iterator[Result | Failed | Skipped]:
    import multiprocessing  # only a run of many pays for the pool's imports
    from concurrent.futures import ProcessPoolExecutor

    fork = "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
    context = multiprocessing.get_context("fork" if fork else "spawn")
    stop = context.Event()
    size = max(1, math.ceil(len(items) / (workers * CHUNKS_PER_WORKER)))
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    pool = ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(work, shared, stop, stop_on),
    )
    try:
        futures = [pool.submit(_work_chunk, list(chunk)) for chunk in chunks]
        stopped = False
        for chunk, future in zip(chunks, futures, strict=True):
            try:
                outcomes = future.result()
            except KeyboardInterrupt:
                raise
            except Exception as exc:  # the worker itself died (killed, out of memory)
                outcomes = [Failed(exc) for _ in chunk]
            for outcome in outcomes:
                if isinstance(outcome, Skipped) and not stopped:  # a worker saw Ctrl+C first
                    raise KeyboardInterrupt
                stopped = stopped or _stops(outcome, stop_on)
                yield outcome
    finally:  # also on Ctrl+C, or when the caller stops early: no worker is left running
        stop.set()
        pool.shutdown(wait=True, cancel_futures=True)


# The worker's side. Set once per worker process by `_start_worker`.
_work: Callable[[Any, Any], Any] | None = None
_shared: Any = None
_stop: Event | None = None
_stop_on: type[Exception] | None = None
_busy = False


def _start_worker(
    work: Callable[[Any, Any], Any],
    shared: Any,
    stop: Event,
    stop_on: type[Exception] | None,
) -> None:
    global _work, _shared, _stop, _stop_on
    _work, _shared, _stop, _stop_on = work, shared, stop, stop_on
    signal.signal(signal.SIGINT, _interrupted)


def _interrupted(signum: int, frame: object) -> None:
    """Ctrl+C in a worker: no further item starts anywhere, and the one being done stops
    (a worker waiting for work keeps waiting, to be ended by the pool)."""
    if _stop is not None:
        _stop.set()
    if _busy:
        raise KeyboardInterrupt


def _work_chunk(chunk: list[Any]) -> list[Any]:
    global _busy
    assert _work is not None and _stop is not None
    outcomes: list[Any] = []
    for item in chunk:
        if _stop.is_set():
            outcomes.append(Skipped())
            continue
        _busy = True
        try:
            outcome = _attempt(_work, _shared, item)
        finally:
            _busy = False
        if isinstance(outcome, Failed):
            if _stops(outcome, _stop_on):
                _stop.set()
            outcome = Failed(_sendable(outcome.error))
        outcomes.append(outcome)
    return outcomes


def _sendable(error: Exception) -> Exception:
    """`error` as it can be sent back to the parent: itself when it pickles, else an
    exception of the same name and text (an internal error is reported by those)."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return _rebuilt(type(error).__name__, str(error))
    return error


class _SentError(Exception):
    """Stands for an exception that could not be sent from a worker."""

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuilt, (type(self).__name__, str(self))


def _rebuilt(name: str, message: str) -> Exception:
    kind: type[Exception] = type(name, (_SentError,), {})
    return kind(message)
