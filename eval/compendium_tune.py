"""Choose the compendium's theme and SDG settings by numbers: `python -m eval.compendium_tune HOME`.

HOME is an indexed home (e5-small) holding the seed report and the resolutions. Prints the
adjusted Rand index of theme methods against the seed's sections A-D (mean and range over five
k-means seeds), and SDG link P/R/F1 on the labelled sample for a grid of settings.
"""

from __future__ import annotations

import sys
from dataclasses import replace

import numpy as np

from rapporteur.assistant.compendium import sdg, themes
from rapporteur.assistant.compendium.build import unit_vectors
from rapporteur.assistant.compendium.extract import extract
from rapporteur.core.settings import Settings
from rapporteur.core.units import Document
from rapporteur.evaluation.compendium import labels, sdg_scores, section_letter
from rapporteur.index import open_searcher
from rapporteur.index.cache import EmbeddingCache

SEEDS = (1, 2, 3, 4, 5)


def load(home: str):
    searcher = open_searcher(Settings(home=home, embedders=("e5-small",)))
    units = list(searcher.units)
    docs = {
        u.doc: Document(u.doc, u.symbol, u.title, u.date, searcher.bodies.get(u.doc)) for u in units
    }
    records = extract(units, docs)
    emb, cache = searcher.embedders["e5-small"], EmbeddingCache(searcher.cache_path)
    rows = {u.key: i for i, u in enumerate(units)}
    vectors = unit_vectors(units, emb, cache)[[rows[r.key] for r in records]]
    targets = cache.embed(
        emb.model_id, [t.text for t in sdg.targets()], emb.embed_passages, emb.dim
    )[0]
    return records, vectors, targets


def ari_range(truth, labelings) -> str:
    scores = [themes.adjusted_rand(truth, lab) for lab in labelings]
    return f"{np.mean(scores):.3f} ({min(scores):.3f}-{max(scores):.3f})"


def theme_table(records, vectors) -> None:
    seed = [i for i, r in enumerate(records) if r.doc == "wg6-2021"]
    truth = [section_letter(records[i].section) for i in seed]
    texts = [r.text for r in records]
    print(
        "| method | seed alone, k=4 | library-wide top level (seed's share), by records per theme |\n|---|---|---|"
    )
    for weight in (0.0, 0.25, 0.5, 0.75, 1.0):
        own = themes.joined(vectors[seed], [texts[i] for i in seed], weight)
        alone = [themes.kmeans(own, 4, s) for s in SEEDS]
        every = themes.joined(vectors, texts, weight)
        wide = []
        for per in (15, 25, 40, 60):
            k = -(-len(records) // per)
            wide.append(
                f"{per}: " + ari_range(truth, [themes.kmeans(every, k, s)[seed] for s in SEEDS])
            )
        print(
            f"| k-means, TF-IDF weight {weight} | {ari_range(truth, alone)} | {'; '.join(wide)} |"
        )
        best = [
            f"{per}: "
            f"{themes.adjusted_rand(truth, themes.kmeans(every, -(-len(records) // per), restarts=10)[seed]):.3f}"
            for per in (15, 25, 40)
        ]
        alone10 = themes.adjusted_rand(truth, themes.kmeans(own, 4, restarts=10))
        print(
            f"| k-means, best of 10 runs, TF-IDF weight {weight} | {alone10:.3f} | {'; '.join(best)} |"
        )
        agg_alone = themes.adjusted_rand(truth, themes.agglomerative(own, 4))
        agg_wide = [
            f"{per}: {themes.adjusted_rand(truth, themes.agglomerative(every, -(-len(records) // per))[seed]):.3f}"
            for per in (15, 25, 40, 60)
        ]
        print(
            f"| average linkage, TF-IDF weight {weight} | {agg_alone:.3f} | {'; '.join(agg_wide)} |"
        )


def sdg_table(records, vectors, targets) -> None:
    rows = labels()
    wanted = {r["key"] for r in rows if "sdg" in r}
    ids = [t.id for t in sdg.targets()]
    mentions = [{s.target for s in sdg.explicit_links(r.text, r.section)} for r in records]
    cosines = vectors @ vectors.T
    print(
        "\n| semantic weight | exemplars | top | link at | P | R | F1 |\n|---|---|---|---|---|---|---|"
    )
    for weight in (0.0, 0.5, 1.0):
        for ex in (0.0, 1.0):
            for top in (1, 2):
                for at in (0.3, 0.4, 0.5, 0.6, 0.7):
                    sdg.SEMANTIC_WEIGHT, sdg.TOP, sdg.LINK_AT, sdg.EXEMPLAR_WEIGHT = (
                        weight,
                        top,
                        at,
                        ex,
                    )
                    linked = [
                        replace(
                            r,
                            sdg_targets=sdg.link(
                                r.text,
                                r.section,
                                vectors[i] @ targets.T,
                                sdg.exemplar_scores(cosines[i], mentions, ids, i),
                            ),
                        )
                        for i, r in enumerate(records)
                        if r.key in wanted
                    ]
                    s = sdg_scores(linked, rows)["all"]
                    print(
                        f"| {weight} | {ex} | {top} | {at} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |"
                    )


if __name__ == "__main__":
    records, vectors, targets = load(sys.argv[1])
    theme_table(records, vectors)
    if "--themes-only" not in sys.argv:
        sdg_table(records, vectors, targets)
