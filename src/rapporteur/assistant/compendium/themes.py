"""Themes: recommendations clustered across documents and years, named from the corpus (pure).

Grouping is spherical k-means (k-means++ seeding, best of RESTARTS fixed-seed runs) over each
record's vector from the index (the dense model's; TF-IDF rows when there is none). Chosen with
`python -m eval.compendium_tune` on the seed report's own sections A-D (adjusted Rand index of the
library-wide top-level themes on its 47 recommendations: 0.39 for dense vectors alone, best of 10
runs, ~25 records a theme; mixing in TF-IDF, average linkage or other sizes did no better and
single k-means runs range 0.1-0.45; COMPENDIUM_REPORT.md). Names come from the corpus: the section
heading most members share ("Recommendations on reducing illicit financial and arms flows ..."),
else the title most share ("Trafficking in women and girls"), else the cluster's most distinctive
words by class-based TF-IDF (as BERTopic names topics). Two levels make the tree.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from rapporteur.assistant.compendium.records import Recommendation, Theme

SEED = 20250611  # k-means++ seeding: the same records give the same themes
ITERATIONS = 50
RESTARTS = 10
TEXT_WEIGHT = 0.0  # share of the TF-IDF block in the joined vector (0: dense only, 1: words only)
PER_THEME = 25  # records per top-level theme, roughly: k = ceil(n / PER_THEME)
PER_SUBTHEME = 8  # a theme of more than 2 * PER_SUBTHEME records splits into sub-themes
SHARED = 0.5  # a heading or title names a theme when at least this share of it shares one
_WORD = re.compile(r"[a-z][a-z-]{2,}")
_STOP_WORDS = (
    "the and for with that this their its are were been from into upon also such other all any "
    "should states state parties party member members including relevant united nations "
    "encourages requests urges invites calls decides recommends continue ensure efforts measures "
    "appropriate within well as to of in on by or be an at is it which those these them they "
    "through regard order view particular further take office drugs crime against transnational "
    "report secretary-general assembly general resolution present session above described purposes"
)
STOP = frozenset(_STOP_WORDS.split())


def words(text: str) -> list[str]:
    """Lowercased words of 3+ letters, stopwords and drafting verbs out (for naming and TF-IDF)."""
    return [w for w in _WORD.findall(text.lower()) if w not in STOP]


def tfidf(texts: Sequence[str]) -> np.ndarray:
    """Unit-length TF-IDF rows (smoothed idf, sublinear tf) over the texts' own vocabulary."""
    counts = [Counter(words(t)) for t in texts]
    vocab = {w: i for i, w in enumerate(sorted({w for c in counts for w in c}))}
    matrix = np.zeros((len(texts), len(vocab)), dtype=np.float32)
    for row, c in enumerate(counts):
        for w, n in c.items():
            matrix[row, vocab[w]] = 1.0 + np.log(n)
    df = (matrix > 0).sum(axis=0)
    matrix *= np.log((1 + len(texts)) / (1 + df)) + 1.0
    return _unit(matrix)


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


def joined(
    dense: np.ndarray | None, texts: Sequence[str], text_weight: float = TEXT_WEIGHT
) -> np.ndarray:
    """The clustering vectors: dense and TF-IDF blocks weighted so cosines blend as the weights say."""
    sparse = tfidf(texts)
    if dense is None or text_weight >= 1.0:
        return sparse
    blocks = [np.sqrt(1 - text_weight) * _unit(dense)] + (
        [np.sqrt(text_weight) * sparse] if text_weight else []
    )
    return np.hstack(blocks)


def kmeans(vectors: np.ndarray, k: int, seed: int = SEED, restarts: int = 1) -> np.ndarray:
    """Spherical k-means labels (cosine), seeded by k-means++; of ``restarts`` runs (seeds
    seed, seed+1, ...), the one whose records sit closest to their centres."""
    runs = [_kmeans_once(vectors, k, seed + r) for r in range(max(1, restarts))]
    return max(runs, key=lambda run: run[1])[0]


def _kmeans_once(vectors: np.ndarray, k: int, seed: int) -> tuple[np.ndarray, float]:
    """One k-means run: labels and the summed cosine of each record to its centre."""
    n = len(vectors)
    k = max(1, min(k, n))
    rng = np.random.default_rng(seed)
    centres = [vectors[rng.integers(n)]]
    for _ in range(1, k):
        distance = np.clip(1.0 - np.max(vectors @ np.array(centres).T, axis=1), 0.0, None)
        total = distance.sum()
        centres.append(vectors[rng.choice(n, p=distance / total) if total > 0 else rng.integers(n)])
    centres = np.array(centres)
    labels = np.full(n, -1)
    for _ in range(ITERATIONS):
        new = np.argmax(vectors @ centres.T, axis=1)
        if np.array_equal(new, labels):
            break
        labels = new
        for c in range(k):
            if (labels == c).any():
                centres[c] = _unit(vectors[labels == c].sum(axis=0, keepdims=True))[0]
    return labels, float(np.sum(vectors * centres[labels]))


def agglomerative(vectors: np.ndarray, k: int) -> np.ndarray:
    """Average-linkage clustering on cosine similarity, cut at k clusters (deterministic).

    Lance-Williams update: merging a and b, the similarity to c becomes the size-weighted mean
    (n_a * s_ac + n_b * s_bc) / (n_a + n_b). One n x n matrix; ~1 s for 800 records.
    """
    n = len(vectors)
    sims = (vectors @ vectors.T).astype(np.float64)
    np.fill_diagonal(sims, -np.inf)
    size, labels, alive = np.ones(n), np.arange(n), np.ones(n, dtype=bool)
    for _ in range(n - max(1, min(k, n))):
        a, b = divmod(int(np.argmax(sims)), n)
        merged = (size[a] * sims[a] + size[b] * sims[b]) / (size[a] + size[b])
        sims[a, :], sims[:, a] = merged, merged
        sims[a, a] = -np.inf
        sims[b, :], sims[:, b] = -np.inf, -np.inf
        size[a] += size[b]
        alive[b] = False
        labels[labels == b] = a
    return np.searchsorted(np.flatnonzero(alive), labels)


def adjusted_rand(a: Sequence, b: Sequence) -> float:
    """Adjusted Rand index of two labelings of the same items (1 same, ~0 chance)."""
    pairs = Counter(zip(a, b))

    def comb(n):
        return n * (n - 1) / 2

    index = sum(comb(n) for n in pairs.values())
    rows = sum(comb(n) for n in Counter(a).values())
    cols = sum(comb(n) for n in Counter(b).values())
    expected = rows * cols / comb(len(a)) if len(a) > 1 else 0.0
    top = (rows + cols) / 2 - expected
    return 1.0 if top == 0 else (index - expected) / top


def ctfidf_terms(groups: Sequence[Sequence[str]], n: int = 3) -> list[tuple[str, ...]]:
    """The n most distinctive words of each group of texts (class-based TF-IDF, BERTopic's c-TF-IDF)."""
    counts = [Counter(w for t in g for w in words(t)) for g in groups]
    total = Counter()
    for c in counts:
        total.update(c)
    mean = sum(total.values()) / max(1, len(groups))
    out = []
    for c in counts:
        size = sum(c.values()) or 1
        score = {w: (m / size) * np.log(1 + mean / total[w]) for w, m in c.items()}
        out.append(tuple(sorted(score, key=lambda w: (-score[w], w))[:n]))
    return out


def heading(section: str) -> str:
    """The last heading of a section path without its letter and "Recommendations on": the theme name."""
    last = section.split(" > ")[-1]
    last = re.sub(r"^(?:[A-Z]|[IVX]+|\d+)\.\s+", "", last)
    last = re.sub(
        r"^(?:General\s+)?recommendations?(?:\s+(?:on|based on|for|concerning|regarding|relating to))?\s*",
        "",
        last,
        flags=re.IGNORECASE,
    )
    return last[:1].upper() + last[1:] if last else ""


def name_of(members: Sequence[Recommendation], terms: tuple[str, ...], parent: str = "") -> str:
    """A section heading most members share, else a resolution title most share, else the
    distinctive terms; never the parent theme's own name."""
    headings = [heading(r.section) for r in members]
    titles = [
        r.title or "" if r.kind == "operative" else "" for r in members
    ]  # a report's title names no topic
    for values in (headings, titles):
        value, count = Counter(values).most_common(1)[0]
        if value and len(value) > 3 and count >= SHARED * len(members) and value != parent:
            return value
    return ", ".join(terms).capitalize()


def group(
    records: Sequence[Recommendation], vectors: np.ndarray, k: int, parent: Theme | None = None
) -> list[Theme]:
    """Cluster the records into k themes, named; ``parent`` is the theme they subdivide."""
    prefix = f"{parent.path} > " if parent else ""
    labels = kmeans(vectors, k, restarts=RESTARTS)
    clusters = [np.flatnonzero(labels == c) for c in sorted(set(labels.tolist()))]
    members = [[records[i] for i in rows] for rows in clusters]
    terms = ctfidf_terms([[r.text for r in m] for m in members])
    themes = []
    for _rows, m, t in zip(clusters, members, terms):
        name = name_of(m, t, parent.name if parent else "")
        themes.append(Theme(f"{prefix}{name}", name, t, tuple(r.key for r in m)))
    return _unique(themes)


def _unique(themes: list[Theme]) -> list[Theme]:
    """Sibling themes with the same name get their distinctive terms added."""
    seen = Counter(t.name for t in themes)
    return [
        t
        if seen[t.name] == 1
        else Theme(
            f"{t.path} ({', '.join(t.terms)})", f"{t.name} ({', '.join(t.terms)})", t.terms, t.keys
        )
        for t in themes
    ]


def theme_tree(records: Sequence[Recommendation], vectors: np.ndarray) -> list[Theme]:
    """Top-level themes, each followed by its sub-themes (paths "Theme > Sub-theme")."""
    if not records:
        return []
    k = -(-len(records) // PER_THEME)
    out = []
    rows = {r.key: i for i, r in enumerate(records)}
    for top in group(records, vectors, k):
        out.append(top)
        if len(top.keys) > 2 * PER_SUBTHEME:
            idx = [rows[key] for key in top.keys]
            sub = -(-len(idx) // PER_SUBTHEME)
            out += group([records[i] for i in idx], vectors[idx], min(sub, 6), top)
    return out


def assign(records: Sequence[Recommendation], themes: Sequence[Theme]) -> list[Recommendation]:
    """Each record with the paths of the themes that hold it, broadest first."""
    paths: dict[str, list[str]] = {}
    for theme in themes:
        for key in theme.keys:
            paths.setdefault(key, []).append(theme.path)
    return [r.with_links(themes=tuple(paths.get(r.key, ()))) for r in records]
