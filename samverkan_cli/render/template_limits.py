"""Bounds on one template's run: time and memory.

A repository's own templates come from whoever wrote the pull request. Jinja's sandbox keeps
them away from Python's internals, but not from cost: nested loops that print nothing run
for hours, and `{{ 'x' * 10**10 }}` or `{{ 'x'|center(10**10) }}` asks for gigabytes in one
step. So a render runs under a timer signal and with the process's data limit lowered to
what it uses plus `MEMORY_BYTES`; the limits are put back when the render ends. Both need
POSIX (and the timer the main thread); elsewhere the output limit in `render.templates` remains.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from samverkan_cli.core.errors import TemplateProblem, TemplateTimedOut

RENDER_SECONDS = 20
"""A template that runs longer is stopped."""

MEMORY_BYTES = 1024 * 1024 * 1024
"""A template may make the process grow by at most this much (1 GiB)."""


class _RenderTimeout(Exception):
    """Raised by the timer's signal inside a template that runs too long."""


@contextmanager
def bounded_render(name: str) -> Iterator[None]:
    """Run a render of the template `name` under both limits; exceeding one is a
    `TemplateProblem` that names the template."""
    with _time_limit(RENDER_SECONDS, name), _memory_limit(name):
        yield


@contextmanager
def _time_limit(seconds: int, name: str) -> Iterator[None]:
    main = threading.current_thread() is threading.main_thread()
    if not (hasattr(signal, "setitimer") and main) or signal.getitimer(signal.ITIMER_REAL)[0]:
        yield  # no timer here, or one already running (a render inside a render)
        return

    def expire(signum: int, frame: object) -> None:
        raise _RenderTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _RenderTimeout:
        message = f"mallen {name} tog längre tid än {seconds} sekunder och stoppades"
        raise TemplateTimedOut(message) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _memory_limit(name: str) -> Iterator[None]:
    try:
        import resource
    except ImportError:  # Windows
        yield
        return
    used = _data_bytes()
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    wanted = used + MEMORY_BYTES if used else resource.RLIM_INFINITY
    lowered = wanted != resource.RLIM_INFINITY and (soft == resource.RLIM_INFINITY or wanted < soft)
    if lowered:
        resource.setrlimit(resource.RLIMIT_DATA, (wanted, hard))
    try:
        yield
    except MemoryError:
        limit = MEMORY_BYTES // (1024 * 1024)
        message = f"mallen {name} behövde mer än {limit} MB minne och stoppades"
        raise TemplateProblem(message) from None
    finally:
        if lowered:
            resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))


def _data_bytes() -> int:
    """The process's data segment now (Linux: VmData); 0 where it cannot be read."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0
