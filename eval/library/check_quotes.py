#!/usr/bin/env python3
"""Verify the gold quotes of library_questions.jsonl against the corpus.

For every question: every doc listed in "docs", "primary" and "relevant" must
exist in the corpus, and every quote must be an exact substring of its
document's text after (1) rejoining words hyphenated at line ends and
(2) collapsing all whitespace to single spaces.

PDFs are re-extracted with `pdftotext -layout` (poppler-utils) into a
temporary directory; resolutions are read from their .txt files.
Standard library only.

usage: python3 check_quotes.py [questions.jsonl] [--corpus DIR]
prints:  "N quotes ok, M bad"  followed by one line per bad quote / missing doc.
exit status 0 if nothing is bad, 1 otherwise.
"""
from pathlib import Path
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PDF_DIRS = ("pdf-2025", "pdf")
TXT_DIRS = ("resolutions", "reports")


def normalize(text):
    """Rejoin line-end hyphenation (lower-case letter on both sides), collapse whitespace."""
    text = text.replace("\u00ad", "")  # soft hyphens
    text = re.sub(r"(?<=[a-z])-[ \t]*\n\s*(?=[a-z])", "", text)
    return re.sub(r"\s+", " ", text).strip()


def locate_docs(corpus):
    """Map doc stem -> ('pdf'|'txt', path)."""
    found = {}
    for sub in PDF_DIRS:
        d = os.path.join(corpus, sub)
        if os.path.isdir(d):
            for f in sorted(os.listdir(d)):
                if f.lower().endswith(".pdf"):
                    found.setdefault(f[:-4], ("pdf", os.path.join(d, f)))
    for sub in TXT_DIRS:
        d = os.path.join(corpus, sub)
        if os.path.isdir(d):
            for f in sorted(os.listdir(d)):
                if f.endswith(".txt"):
                    found.setdefault(f[:-4], ("txt", os.path.join(d, f)))
    return found


def load_text(kind, path, tmpdir):
    if kind == "txt":
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    out = os.path.join(tmpdir, os.path.basename(path)[:-4] + ".txt")
    subprocess.run(["pdftotext", "-layout", path, out], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(out, encoding="utf-8", errors="replace") as fh:
        return fh.read()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("questions", nargs="?", default=os.path.join(HERE, "library_questions.jsonl"))
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[3] / "shared" / "corpus"))
    args = ap.parse_args()

    docs = locate_docs(args.corpus)
    questions = []
    with open(args.questions, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                questions.append(json.loads(line))

    needed = set()
    for q in questions:
        needed.update(q.get("docs") or [])
        for role in ("primary", "relevant"):
            needed.update(e["doc"] for e in q.get(role) or [])

    ok = 0
    bad = []
    cache = {}
    with tempfile.TemporaryDirectory() as tmpdir:
        for stem in sorted(needed):
            if stem in docs:
                kind, path = docs[stem]
                cache[stem] = normalize(load_text(kind, path, tmpdir))
        for q in questions:
            qid = q.get("id", "?")
            for stem in q.get("docs") or []:
                if stem not in cache:
                    bad.append("%s: doc %s listed in 'docs' not found in corpus" % (qid, stem))
            for role in ("primary", "relevant"):
                for e in q.get(role) or []:
                    stem, quote = e.get("doc"), e.get("quote", "")
                    if stem not in cache:
                        bad.append("%s %s: doc %s not found in corpus" % (qid, role, stem))
                        continue
                    if normalize(quote) and normalize(quote) in cache[stem]:
                        ok += 1
                    else:
                        bad.append("%s %s %s %s: quote not found: %r" % (qid, role, stem, e.get("unit"), quote))
    print("%d quotes ok, %d bad" % (ok, len(bad)))
    for b in bad:
        print("  BAD " + b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
