"""Library commands: parse, ingest, index, docs."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rapporteur.cli.common import facade_of


def cmd_parse(args: argparse.Namespace) -> int:
    from rapporteur.ingest.parse import parse

    parsed = parse(args.file)
    if args.json:
        for unit in parsed.units:
            print(json.dumps(unit.to_dict(), ensure_ascii=False))
        return 0
    d = parsed.document
    print(f"{d.doc}  {d.symbol or '(no symbol)'}  {d.date or '(no date)'}  {d.doc_type}")
    print(f"  {d.title or '(no title)'}")
    if parsed.gaps:
        print(f"  paragraph numbers missing: {_gap_text(parsed.gaps)}")
    if d.garbled:
        print("  warning: the text looks like OCR noise (few dictionary words)")
    section = None
    for unit in parsed.units:
        if unit.section != section:
            section = unit.section
            print(f"\n{section or '(no section)'}")
        page = f" p.{unit.page}" if unit.page else ""
        text = " ".join(unit.text.split())
        print(f"  [{unit.label}]{page} {text[:100]}{'…' if len(text) > 100 else ''}")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from rapporteur.ingest.batch import collect

    rapporteur = facade_of(args)
    step = _progress(len(collect(args.paths)[0]), args.json)
    outcomes = rapporteur.ingest(args.paths, progress=step, index=not args.no_index)
    step(None)
    if rapporteur.last_build is not None:
        _print_build(rapporteur.last_build)
    status = ingest_status(outcomes)
    if args.json:
        print(
            json.dumps(
                {"status": status, "outcomes": [asdict(o) for o in outcomes]}, ensure_ascii=False
            )
        )
    else:
        _print_outcomes(outcomes)
    return EXIT[status]


# What `rapporteur ingest` exits with (README, "Ingesting a library"): a script can tell "97
# stored, 3 skipped for a named reason" from "nothing stored".
EXIT = {"stored": 0, "failed": 1, "partial": 3}


def ingest_status(outcomes) -> str:
    """ "stored" (every file), "partial" (some skipped with their reason, the rest stored) or
    "failed" (none stored)."""
    skipped = sum(o.status == "failed" for o in outcomes)
    if not skipped:
        return "stored"
    return "partial" if skipped < len(outcomes) else "failed"


def _print_outcomes(outcomes) -> None:
    """One line per file, skipped ones with their reason on stderr, then the counts."""
    for o in outcomes:
        if o.status == "failed":
            print(f"skipped: {o.error}", file=sys.stderr)
        else:
            print(f"{o.status:9} {o.doc}  ({o.units} units)")
    counts = {s: sum(o.status == s for o in outcomes) for s in ("added", "replaced", "unchanged")}
    counts["skipped"] = sum(o.status == "failed" for o in outcomes)
    print(", ".join(f"{n} {s}" for s, n in counts.items()))


def _progress(total: int, quiet: bool, every: float = 10.0):
    """Progress on stderr for more than a few files: files/s, units/s, time left.

    A bar on a terminal; otherwise (a log, CI) a line at most every ``every`` seconds.
    Call with an ``Outcome`` after each file and with None at the end.
    """
    import time

    from rapporteur.core.progress import rate_line

    if quiet or total < 5:
        return lambda outcome: None
    started, last, done, units = time.perf_counter(), [0.0], [0], [0]
    bar = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=total, unit="file", file=sys.stderr)

    def step(outcome) -> None:
        if outcome is None:
            if bar is not None:
                bar.close()
            return
        done[0] += 1
        units[0] += outcome.units
        seconds = time.perf_counter() - started
        if bar is not None:
            bar.set_postfix_str(f"{units[0] / seconds:.0f} units/s {Path(outcome.path).name[:24]}")
            bar.update(1)
        elif seconds - last[0] >= every or done[0] == total:
            last[0] = seconds
            line = rate_line("ingest:", "files", done[0], total, seconds)
            print(f"  {line}, {units[0] / seconds:.0f} units/s", file=sys.stderr)

    return step


def cmd_index(args: argparse.Namespace) -> int:
    _print_build(facade_of(args).reindex())
    return 0


def _print_build(report) -> None:
    computed = ", ".join(f"{k}: {v} embedded" for k, v in report.embedded.items())
    print(
        f"indexed {report.units} units in {report.seconds:.1f}s ({computed or 'no dense model'})",
        file=sys.stderr,
    )


def cmd_docs(args: argparse.Namespace) -> int:
    rapporteur = facade_of(args)
    rows, gaps = rapporteur.documents(), rapporteur.gaps()
    if args.json:
        docs = [d.to_dict() | {"units": n, "gaps": gaps.get(d.doc, {})} for d, n in rows]
        print(json.dumps({"documents": docs}, ensure_ascii=False))
        return 0
    if not rows:
        print("no documents; add some with `rapporteur ingest PATH`")
    for d, n in rows:
        flag = "  [OCR noise?]" if d.garbled else ""
        print(
            f"{d.doc:24} {d.symbol or '-':20} {d.date or '-':10} {n:5} units  {(d.title or '')[:60]}{flag}"
        )
        if gaps.get(d.doc):
            print(f"{'':24} paragraph numbers missing: {_gap_text(gaps[d.doc])}")
    return 0


def _gap_text(gaps: dict[str, list[int]], most: int = 12) -> str:
    """``"8, 25, 30 (body); 4 (annex)"``: the missing paragraph numbers per part, shortened."""
    parts = []
    for part, numbers in gaps.items():
        shown = ", ".join(map(str, numbers[:most])) + (
            f" … (+{len(numbers) - most})" if len(numbers) > most else ""
        )
        parts.append(f"{shown} ({part or 'body'})")
    return "; ".join(parts)
