"""Report and server commands: compendium, eval, serve."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rapporteur.cli.common import facade_of, say, searcher_of, settings_of
from rapporteur.core.errors import RapporteurError

# The dev sets beside a checkout: <repo>/../shared/eval (src/rapporteur/cli/reports.py -> <repo>)
DEV_SETS = Path(__file__).resolve().parents[3].parent / "shared" / "eval"
# The compendium's labelled library sample in this checkout (eval/compendium)
LABELS = Path(__file__).resolve().parents[3] / "eval" / "compendium"
# The halves of a library question set (eval/library); the compendium's splits are its files
LIBRARY_SPLITS = ("tune", "check")


def cmd_compendium(args: argparse.Namespace) -> int:
    from rapporteur.assistant.compendium.build import check_grouping
    from rapporteur.assistant.compendium.export import write
    from rapporteur.assistant.compendium.query import groups

    by = check_grouping(args.by)
    rapporteur = facade_of(args)
    searcher_of(rapporteur)
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

    if args.split and not args.compendium and args.split not in LIBRARY_SPLITS:
        raise RapporteurError(f"eval: --split {args.split!r}: use tune or check")
    rapporteur = facade_of(args)
    if args.compendium:
        return _eval_compendium(rapporteur, args)
    shared = DEV_SETS
    questions = args.questions or (shared / "dev_questions.jsonl")
    drafts = args.drafts or (shared / "dev_drafts.jsonl")
    qs = load_questions(Path(questions)) if Path(questions).exists() or args.questions else None
    unresolved = None
    if qs and is_library_set(qs):
        qs, unresolved = resolve(select(qs, args.split), searcher_of(rapporteur).units)
    ds = load_drafts(Path(drafts)) if Path(drafts).exists() or args.drafts else None
    if not qs and not ds:
        raise RapporteurError(
            "eval: no question or draft set; pass --questions F and/or --drafts F"
        )
    searcher = searcher_of(rapporteur)
    rapporteur.prepare()  # the second stage as a server runs it (sentence vectors in memory)
    report = run_eval(searcher, rapporteur.config, qs, ds, args.config, answers=not args.no_answers)
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
    """The compendium's figures on the live index: the labelled library sample's half when
    ``--split`` or ``--labels`` is given (evaluation/compendium_library.py), else the seed's."""
    from rapporteur.evaluation import compendium, compendium_library

    searcher_of(rapporteur)
    built = rapporteur.compendium()
    if args.split or args.labels:
        split = args.split or "tune"
        rows = compendium_library.load_labels(Path(args.labels or LABELS), split)
        figures = compendium_library.report(built.records, built.themes, rows)
        text = compendium_library.markdown(figures, split)
    else:
        figures = compendium.report(list(built.records))
        text = compendium.markdown(figures)
    print(json.dumps(figures, ensure_ascii=False) if args.json else text)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the UI and the API until interrupted; print the URL once /health would answer."""
    import threading
    import time

    import uvicorn

    from rapporteur.app.facade import Rapporteur
    from rapporteur.ui.app import create_server

    settings = settings_of(args)
    host, port = args.host or settings.host, args.port or settings.port
    started = time.perf_counter()
    print(f"loading models and the index from {settings.home} …", file=sys.stderr)
    # Loaded here, not in the app's lifespan, so a bad store or setting is one line and exit 1.
    rapporteur = Rapporteur.open(settings, progress=say).start()
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
