"""Questions run on one thread; overlapping searches restore the limit only when the last leaves;
a question's model passes run side by side."""

from __future__ import annotations

import threading

import numpy as np  # noqa: F401 -- loads the BLAS the limit applies to
import pytest
from threadpoolctl import threadpool_info

from rapporteur.index.threads import one_thread, register, side_by_side


def _blas_threads() -> set[int]:
    """NumPy's BLAS threads (libraries loaded after the first search are not watched)."""
    return {
        i["num_threads"]
        for i in threadpool_info()
        if i["user_api"] == "blas" and "numpy" in i["filepath"]
    }


class Backend:
    threads = 2


def test_one_thread_limits_blas_and_registered_backends_and_restores_them():
    backend = Backend()
    register(backend)
    before = _blas_threads()
    with one_thread():
        assert _blas_threads() == {1} and backend.threads == 1
    assert _blas_threads() == before and backend.threads == 2


def test_overlapping_blocks_restore_only_when_the_last_leaves():
    backend = Backend()
    register(backend)
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        with one_thread():
            inside.set()
            leave.wait(5)

    worker = threading.Thread(target=other)
    with one_thread():
        worker.start()
        inside.wait(5)
    assert backend.threads == 1  # the other block is still inside
    leave.set()
    worker.join(5)
    assert backend.threads == 2


def test_side_by_side_runs_jobs_at_once_and_returns_results_in_order():
    both = threading.Barrier(2, timeout=5)  # broken unless the two jobs overlap

    def job(value):
        return lambda: (both.wait(), value)[1]

    assert side_by_side([job("e5"), job("minilm")]) == ["e5", "minilm"]
    assert side_by_side([lambda: 1]) == [1] and side_by_side([]) == []


def test_side_by_side_raises_what_a_job_raised():
    def fails():
        raise ValueError("model file unreadable")

    with pytest.raises(ValueError, match="unreadable"):
        side_by_side([lambda: 1, fails])


def test_a_job_runs_here_when_no_side_thread_is_free():
    release, running = threading.Event(), threading.Event()

    def hold():
        running.set()
        release.wait(5)
        return "held"

    outer = threading.Thread(target=lambda: side_by_side([lambda: running.wait(5), hold]))
    outer.start()
    running.wait(5)  # the side thread is busy with `hold`
    where = side_by_side([lambda: None, lambda: threading.current_thread().name])
    release.set()
    outer.join(5)
    assert where == [None, threading.current_thread().name]


def test_side_by_side_runs_everything_here_once_the_pool_is_shut_down(monkeypatch):
    """At interpreter exit the pool refuses work ("cannot schedule new futures after
    shutdown"); a server thread still answering runs its jobs itself instead of failing."""
    from concurrent.futures import ThreadPoolExecutor

    import rapporteur.index.threads as threads

    closed = ThreadPoolExecutor(1)
    closed.shutdown()
    monkeypatch.setattr(threads, "_side", closed)
    here = threading.current_thread().name
    assert side_by_side([lambda: 1, lambda: threading.current_thread().name]) == [1, here]
    free = [threads._free.acquire(blocking=False) for _ in range(threads.SIDE_WORKERS)]
    assert all(free)  # the side thread reserved for the job was given back
    for _ in free:
        threads._free.release()
