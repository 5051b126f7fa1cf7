"""Reading commands: search, ask, dupes."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rapporteur.cli.common import facade_of, searcher_of


def cmd_search(args: argparse.Namespace) -> int:
    rapporteur = facade_of(args)
    searcher_of(rapporteur)
    filters = {"docs": args.doc, "kinds": args.kind, "years": args.year}
    hits = rapporteur.search(args.query, args.k, filters)
    if args.json:
        print(
            json.dumps(
                {"query": args.query, "hits": [h.to_dict() for h in hits]}, ensure_ascii=False
            )
        )
        return 0
    if not hits:
        print("no hits")
    for h in hits:
        text = " ".join(h.unit.text.split())
        where = h.unit.symbol or h.unit.doc
        print(
            f"[{h.unit.label}] {where} · {h.unit.section}\n    {text[:200]}{'…' if len(text) > 200 else ''}"
            f"  ({h.score:.3f})"
        )
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    rapporteur = facade_of(args)
    searcher_of(rapporteur)
    filters = {"docs": args.doc, "kinds": args.kind}
    result = rapporteur.ask(args.question, filters=filters, extractive=args.extractive)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
        return 0
    if result.notice:
        print(f"note: {result.notice}", file=sys.stderr)
    if result.standalone and result.standalone != result.question:
        print(f"({result.standalone})\n")
    print(result.text)
    for series in result.series:
        print(f"\n{series.note()}")
    if result.support is not None:
        from rapporteur.assistant.abstain import SUPPORT_AT

        print(
            f"\nSupport {result.support:.2f} (the best single passage; refused below {SUPPORT_AT:.2f})"
        )
    sources = result.closest if result.abstained else result.citations
    if sources:
        print("\nClosest passages" if result.abstained else "\nSources")
    for item in sources:
        unit = getattr(item, "unit", item)
        text = " ".join(unit.text.split())
        where = f"{unit.symbol} · " if unit.symbol else ""
        print(
            f"  [{unit.label}] {where}{unit.section} — {text[:160]}{'…' if len(text) > 160 else ''}"
        )
    return 0


def cmd_dupes(args: argparse.Namespace) -> int:
    from rapporteur.assistant.dupes import VERDICTS
    from rapporteur.core.errors import ConfigError

    if args.doc and (args.text or args.file):
        raise ConfigError("dupes: give drafts (TEXT or --file) or --doc KEY, not both")
    if args.earlier_only and not args.doc:
        raise ConfigError("dupes: --earlier-only goes with --doc KEY")
    drafts = [] if args.doc else _draft_list(args)
    rapporteur = facade_of(args)
    searcher_of(rapporteur)
    if args.doc:
        results = rapporteur.compare_document(args.doc, args.earlier_only)
    else:
        results = rapporteur.dupes(drafts)
    counts = {v: sum(r.verdict == v for r in results) for v in VERDICTS}
    if args.json:
        out = {"results": [r.to_dict() for r in results]}
        print(json.dumps(out | ({"counts": counts} if args.doc else {}), ensure_ascii=False))
        return 0
    for i, r in enumerate(results, 1):
        _print_dupe(i, r)
    if args.doc:
        print(", ".join(f"{n} {v}" for v, n in counts.items()))
    return 0


def _draft_list(args: argparse.Namespace) -> list[str]:
    """The drafts named on the command line: TEXT, then those in --file (``-`` reads stdin)."""
    from rapporteur.assistant.drafts import read_drafts
    from rapporteur.core.errors import ConfigError

    drafts = [" ".join(args.text.split())] if args.text else []
    if args.file == "-":
        drafts += read_drafts(sys.stdin.buffer.read(), "<stdin>")
    elif args.file:
        path = Path(args.file)
        if not path.is_file():
            raise ConfigError(f"{path}: no such file")
        drafts += read_drafts(path.read_bytes(), path.name)
    if not drafts:
        raise ConfigError(
            "dupes: give a draft as TEXT, a list with --file F, or a document with --doc KEY"
        )
    return drafts


def _print_dupe(n: int, result) -> None:
    """One result as text: verdict and draft, then its closest units; the top one's diff if close."""
    where = f"[{result.unit.label}] " if result.unit else ""
    draft = " ".join(result.draft.split())
    print(
        f"{n:3}. {result.verdict.upper():9} {where}{draft[:150]}{'…' if len(draft) > 150 else ''}"
    )
    if result.within:
        print(f"     same as draft(s) {', '.join(str(i + 1) for i in result.within)} of this list")
    for m in result.matches:
        text = " ".join(m.unit.text.split())
        print(
            f"     {m.similarity:.2f}  {m.unit.label} of {m.unit.symbol or m.unit.doc}: {text[:100]}"
            f"{'…' if len(text) > 100 else ''}"
        )
    if result.matches and result.verdict != "new":
        marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
        diff = " ".join(marks[op].format(text) for op, text in result.matches[0].diff)
        print(f"     diff: {diff[:400]}{'…' if len(diff) > 400 else ''}")
