"""The compendium on the labelled library sample's check half, the part CI has (../shared/corpus).

The documents of eval/compendium/check.jsonl that the shared corpus holds are parsed, their
entries extracted with SDG links and themes (no index: extraction, addressees, actions and theme
names need no vectors; the SDG links load the similarity model, all-MiniLM-L6-v2), and scored by
``evaluation.compendium_library``. The gates sit a little under the figures measured when they
were set (docs/compendium.md).
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
# Measured on the 6 shared-corpus documents of the check half (34 labelled entries; labels at
# complabels 3ac054c), SDG links by similarity and terms: record F1 1.000, addressee F1 0.833,
# action 1.000, SDG P 1.000 R 0.276 (docs/compendium.md); the gates sit a little under. (Before
# this round: 0.847, 0.564, 0.640, SDG P 0.600 R 0.310 by terms alone.)
GATES = {
    "record": 0.97,
    "addressee": 0.80,
    "action": 0.97,
    "sdg_precision": 0.90,
    "sdg_recall": 0.25,
}


@pytest.fixture(scope="module")
def figures():
    corpus = need_corpus()
    if not (LABELS / "check.jsonl").is_file():
        pytest.skip(f"{LABELS}/check.jsonl not in this checkout (the labelled library sample)")
    files = {p.stem: p for p in corpus.rglob("*.pdf")}
    rows = [r for r in load_labels(LABELS, "check") if doc_name(r["doc"]) in files]
    units, documents = [], {}
    for doc in sorted({r["doc"] for r in rows}):
        parsed = parse(files[doc])
        units += parsed.units
        documents[parsed.document.doc] = parsed.document
    records = extract(units, documents)
    model = load_embedder(SIMILARITY_MODEL)  # the shipped SDG links: similarity and terms
    cosines = sdg_cosines(records, model.embed_passages)
    records, themes = assemble(units, documents, None, False, records=records, sdg_cosines=cosines)
    return report(records, themes, rows)


def test_check_half_shared_corpus_documents_meet_the_gates(figures):
    assert figures["documents"] >= 4, figures["documents"]
    assert figures["record"]["f1"] >= GATES["record"], figures["record"]
    assert figures["addressee"]["f1"] >= GATES["addressee"], figures["addressee"]
    assert figures["action"]["accuracy"] >= GATES["action"], figures["action"]
    assert figures["sdg"]["precision"] >= GATES["sdg_precision"], figures["sdg"]
    assert figures["sdg"]["recall"] >= GATES["sdg_recall"], figures["sdg"]


def test_every_theme_name_is_a_vocabulary_term(figures):
    assert figures["themes"]["bad"] == [], figures["themes"]
