"""Progress of long work as one line: count, rate and time left (pure, shared by every stage)."""

from __future__ import annotations

import time
from collections.abc import Callable


def rate_reporter(
    say: Callable[[str], None], what: str, unit: str, clock: Callable[[], float] = time.perf_counter
) -> Callable[[int, int, float], None]:
    """A ``progress(done, total, share=None)`` that says the count, the rate and the time left."""
    started = clock()

    def report(done: int, total: int, share: float | None = None) -> None:
        say(rate_line(what, unit, done, total, clock() - started, share))

    return report


def rate_line(
    what: str, unit: str, done: int, total: int, seconds: float, share: float | None = None
) -> str:
    """``"e5-small: embedded 512/6744 pieces, 14.2/s, 7m19s left"`` (pure).

    ``share``: the fraction of the work done when items differ in cost (texts embedded shortest
    first: the first half of the pieces is far less than half the work); the time left is then
    read from it, not from the count.
    """
    rate = done / seconds if seconds > 0 else 0.0
    if share is not None and 0 < share <= 1:
        left = seconds * (1 - share) / share
    else:
        left = (total - done) / rate if rate > 0 else 0.0
    return f"{what} {done}/{total} {unit}, {rate:.1f}/s, {_duration(left)} left"


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return (
        f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"
    )
