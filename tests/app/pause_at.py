"""`rapporteur` that stops at a named point of an ingest, for the kill tests (not a test file).

    python -m tests.app.pause_at POINT MARKER -- ARGS...

Runs the real CLI with ARGS; on reaching POINT the process writes its pid to MARKER and waits
there to be killed (``kill -9`` from the test), so every kill lands at the same point of the
run. The points wrap the functions the ingest calls, in their order:

* ``parsing``: before the third file is parsed (two documents stored, the rest not);
* ``embedding``: before the second chunk of pieces is embedded (one chunk in the cache);
* ``index-write``: after the first dense index file is written (a build folder, no manifest);
* ``before-switch``: the build complete and its manifest written, ``CURRENT`` not yet moved;
* ``mid-switch``: ``CURRENT`` names the new build, the previous build not yet removed;
* ``after-switch``: the switch and its clean-up done, the command not yet returned.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

# Far longer than any test waits for the marker: a pause nobody kills ends the run with 99.
PAUSE_S = 120


def _pause(marker: str) -> None:
    Path(marker).write_text(str(os.getpid()))
    time.sleep(PAUSE_S)
    os._exit(99)


def _on_call(owner, name: str, nth: int, stop, after: bool = False) -> None:
    """Replace ``owner.name`` by a wrapper that calls ``stop`` on its ``nth`` call (before the
    original runs, or after it when ``after``)."""
    original = getattr(owner, name)
    calls = [0]

    def wrapper(*args, **kwargs):
        calls[0] += 1
        if calls[0] == nth and not after:
            stop()
        result = original(*args, **kwargs)
        if calls[0] == nth and after:
            stop()
        return result

    setattr(owner, name, wrapper)


def _on_embedding(stop) -> None:
    """Stop when the cache asks the model for its second chunk of missing pieces."""
    from rapporteur.index.cache import EmbeddingCache

    original = EmbeddingCache.embed

    def embed(self, model_id, texts, compute, *args, **kwargs):
        calls = [0]

        def counted(batch):
            calls[0] += 1
            if calls[0] == 2:
                stop()
            return compute(batch)

        return original(self, model_id, texts, counted, *args, **kwargs)

    EmbeddingCache.embed = embed


def install(point: str, stop) -> None:
    import rapporteur.index.build as build
    import rapporteur.ingest.batch as batch

    if point == "parsing":
        _on_call(batch, "parse", 3, stop)
    elif point == "embedding":
        _on_embedding(stop)
    elif point == "index-write":
        _on_call(build.Dense, "save", 1, stop, after=True)
    elif point == "before-switch":
        _on_call(build, "_switch", 1, stop)
    elif point == "mid-switch":
        _on_call(build.shutil, "rmtree", 1, stop)
    elif point == "after-switch":
        _on_call(build, "_switch", 1, stop, after=True)
    else:
        raise SystemExit(f"unknown point {point!r}")


def main() -> int:
    point, marker, sep, *args = sys.argv[1:]
    assert sep == "--", __doc__
    install(point, lambda: _pause(marker))
    from rapporteur.cli import main as cli

    return cli(args)


if __name__ == "__main__":
    sys.exit(main())
