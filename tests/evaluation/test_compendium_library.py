"""The compendium on the labelled library sample's development halves, the part CI has
(../shared/corpus).

The documents of eval/compendium/check.jsonl and check2.jsonl that the shared corpus holds are
parsed, their entries extracted with SDG links and themes (no index: extraction, addressees,
actions and theme names need no vectors; the SDG links load the similarity model,
all-MiniLM-L6-v2), and scored by ``evaluation.compendium_library``. The gates sit a little under
the figures measured when they were set (docs/compendium.md).
"""

from __future__ import annotations

import pytest

from rapporteur.assistant.compendium.build import assemble, sdg_cosines
from rapporteur.assistant.compendium.extract import extract
from rapporteur.assistant.compendium.sdg import SIMILARITY_MODEL
from rapporteur.evaluation.compendium_library import doc_name, load_labels, report
from rapporteur.index.embedders import load_embedder
from rapporteur.ingest.parse import parse
from tests.conftest import ROOT, need_corpus

pytestmark = pytest.mark.corpus

LABELS = ROOT / "eval" / "compendium"
# Measured on the shared-corpus documents of each half (branch comprules2, SDG model refitted on
# the three halves): check, 6 documents, 34 labelled entries: record F1 1.000, addressee F1 0.833,
# action 1.000, SDG P 1.000 R 0.241 (before: 0.276 with the two-half model); check2, 5 documents,
# 19 entries: record F1 0.974 (A/80/11 para 111, the Committee encouraging a Member State, is not
# labelled), addressee F1 0.976, action 1.000 (before this round: 0.417, 0.645, 1.000 of 5).
# check2's two SDG links are too few to gate. The gates sit a little under.
GATES = {
    "check": {
        "record": 0.97,
        "addressee": 0.80,
        "action": 0.97,
        "sdg_precision": 0.90,
        "sdg_recall": 0.22,
    },
    "check2": {"record": 0.95, "addressee": 0.94, "action": 0.97},
}


@pytest.fixture(scope="module", params=sorted(GATES))
def figures(request):
    corpus = need_corpus()
    split = request.param
    if not (LABELS / f"{split}.jsonl").is_file():
        pytest.skip(f"{LABELS}/{split}.jsonl not in this checkout (the labelled library sample)")
    files = {p.stem: p for p in corpus.rglob("*.pdf")}
    rows = [r for r in load_labels(LABELS, split) if doc_name(r["doc"]) in files]
    units, documents = [], {}
    for doc in sorted({r["doc"] for r in rows}):
        parsed = parse(files[doc])
        units += parsed.units
        documents[parsed.document.doc] = parsed.document
    records = extract(units, documents)
    model = load_embedder(SIMILARITY_MODEL)  # the shipped SDG links: similarity and terms
    cosines = sdg_cosines(records, model.embed_passages)
    records, themes = assemble(units, documents, None, False, records=records, sdg_cosines=cosines)
    return split, report(records, themes, rows)


def test_development_halves_shared_corpus_documents_meet_the_gates(figures):
    split, figures = figures
    gates = GATES[split]
    assert figures["documents"] >= 4, figures["documents"]
    assert figures["record"]["f1"] >= gates["record"], figures["record"]
    assert figures["addressee"]["f1"] >= gates["addressee"], figures["addressee"]
    assert figures["action"]["accuracy"] >= gates["action"], figures["action"]
    if "sdg_precision" in gates:
        assert figures["sdg"]["precision"] >= gates["sdg_precision"], figures["sdg"]
        assert figures["sdg"]["recall"] >= gates["sdg_recall"], figures["sdg"]


def test_every_theme_name_is_a_vocabulary_term(figures):
    assert figures[1]["themes"]["bad"] == [], figures[1]["themes"]
