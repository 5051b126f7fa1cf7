"""Time each stage of a command from its progress lines, and its peak memory.

    python -m benchmarks.stage_times --out F.json -- rapporteur --home H ingest FOLDER

Runs the command, timestamps every line it writes to stderr (the CLI's progress goes there),
and sums wall time per stage: the time from a stage's first line to the next stage's first
line. A stage is the text before the first ":" of a progress line ("ingest", "e5-small",
"use-m3", "second stage (sentences:minilm)"); lines without one belong to the stage before.
Prints a table and writes JSON with the stages, the whole wall time, the peak resident memory of
the command (its largest child) and the load average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

STAGE = re.compile(r"^\s*(.{1,60}?)(?:: | \d+/\d+)")


def stage_of(line: str) -> str | None:
    """The stage a progress line belongs to, or None (pure)."""
    if line.strip().startswith("lexical index"):
        return "lexical index"
    m = STAGE.match(line)
    if not m:
        return None
    name = m.group(1).strip()
    if name.startswith(("indexed ", "added ", "replaced ", "unchanged ", "skipped ")):
        return None  # a summary line, not a stage
    if name.startswith(("lexical index", "cross-lingual lexicon")):
        return name.split(" over")[0].split(" (")[0]
    return name


def main() -> None:
    ap = argparse.ArgumentParser(
        prog="python -m benchmarks.stage_times", description=__doc__.splitlines()[0]
    )
    ap.add_argument("--out")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    load_before = os.getloadavg()
    started = time.perf_counter()
    marks: list[tuple[float, str]] = []
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, bufsize=1)
    last = None
    for line in proc.stderr:
        sys.stderr.write(line)
        name = stage_of(line)
        if name and name != last:
            marks.append((time.perf_counter() - started, name))
            last = name
    code = proc.wait()
    wall = time.perf_counter() - started
    stages: dict[str, float] = {}
    for (t0, name), (t1, _) in zip(marks, marks[1:] + [(wall, "")]):
        stages[name] = stages.get(name, 0.0) + t1 - t0
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    report = {
        "command": command,
        "exit": code,
        "wall_s": round(wall, 1),
        "stages_s": {k: round(v, 1) for k, v in stages.items()},
        "peak_rss_mb": round(peak_mb),
        "load_before": load_before,
        "load_after": os.getloadavg(),
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    for name, secs in report["stages_s"].items():
        print(f"{name:40} {secs:9.1f} s")
    print(f"{'all':40} {wall:9.1f} s, peak {peak_mb:.0f} MB, exit {code}")
    if args.out:
        Path(args.out).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
