"""Milvus backend for the ranked lists: the same `score_lists` contract as FAISS + bm25s, in an engine.

One collection per build, one row per unit piece: ``pk``, owning unit ``row``, ``doc``, ``kind``,
``symbol`` (``symbol_key`` lowercased for filters), ``year`` (-1: unknown), ``unit`` label, ``text``,
``terms`` (our BM25 tokens, index/lexical.py) and one FLAT/HNSW inner-product vector field per
embedder. Two Milvus BM25 functions: ``terms`` -> ``terms_sparse`` is our "bm25" list (the same
stems and whole UN symbols as bm25s, on milvus-lite too, whose analyzer does not stem), ``text`` ->
``sparse`` (Milvus' analyzer) serves LangChain users, who send raw text. Filters become a Milvus
expression: the engine filters before ranking. Non-candidates score like dense.Dense._graph.

Where: ``milvus_uri`` unset, a milvus-lite folder ``milvus.db`` in the build folder (CURRENT's
switch covers it); set, a collection named after the build folder on that server, so a rebuild
never touches the collection being served.

LangChain (``langchain_milvus.Milvus``) writes the rows (``add_embeddings`` takes our cached
vectors, one per dense field: nothing is re-embedded) and is what ``as_vectorstore()`` hands to
LangChain users (dense + BM25 hybrid search, filters). The schema and our searches use pymilvus:
LangChain infers field types and metrics from the first row (we want INT64s, scalar indexes, IP,
two BM25 fields), and its searches fuse lists in the engine, while index/fusion.py needs each
list's raw scores.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np

from rapporteur.core.errors import ConfigError, IndexMismatch
from rapporteur.index.dense import DEPTH, EF_CONSTRUCTION, EF_SEARCH, EXACT_LIMIT, HNSW_M
from rapporteur.index.filters import Filters, body_docs
from rapporteur.index.lexical import STOPWORDS, tokenize
from rapporteur.index.tokens import model_budget, pieces_of

LOCAL = "milvus.db"  # the milvus-lite folder inside a build folder
BATCH = 1000
# Milvus' own analyzer (a cluster stems; milvus-lite 3.2.2 ignores the stemmer filter).
ANALYZER = {
    "tokenizer": "standard",
    "filter": [
        "lowercase",
        {"type": "stop", "stop_words": sorted(STOPWORDS)},
        {"type": "stemmer", "language": "english"},
    ],
}
NEEDS = "backend=milvus needs pymilvus and milvus-lite: pip install 'rapporteur[milvus]'"


def need_milvus() -> None:
    """A one-line ConfigError when the Milvus packages are missing."""
    try:
        import langchain_milvus  # noqa: F401
        import pymilvus  # noqa: F401
    except ImportError:
        raise ConfigError(NEEDS) from None


# ---- pure helpers ---------------------------------------------------------------------------


def vector_field(name: str) -> str:
    """The collection field holding an embedder's vectors: "e5-small" -> "v_e5_small"."""
    return "v_" + re.sub(r"\W", "_", name)


def collection_prefix(root: Path) -> str:
    """Collection names of one index folder's builds start with this (several homes share a server)."""
    return f"rapporteur_{hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:8]}_"


def collection_name(folder: Path) -> str:
    """A valid Milvus collection name carrying the build folder's name."""
    return collection_prefix(folder.parent) + re.sub(r"\W", "_", folder.name)


def terms_of(text: str) -> str:
    """Our BM25 tokens (index/lexical.py: stems, symbols whole) as words Milvus' standard analyzer
    keeps whole: "CTOC/COP/WG.6/2021" -> "ctoc_cop_wg_6_2021", "laundering" -> "launder"."""
    return " ".join(re.sub(r"\W", "_", t) for t in tokenize(text))


def quote(value: str) -> str:
    """A Milvus string literal: double quotes, backslash escapes (no other control characters)."""
    value = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", str(value))
    for raw, esc in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t")):
        value = value.replace(raw, esc)
    return f'"{value}"'


def _in(field: str, values) -> str:
    return f"{field} in [{', '.join(values)}]"


def filter_expr(filters: Filters | None, bodies: dict[str, str] | None = None) -> str | None:
    """The Milvus expression for the filters (None: everything); bodies resolve to documents."""
    if not filters:
        return None
    parts = []
    if filters.docs:
        parts.append(_in("doc", map(quote, filters.docs)))
    if filters.symbols:
        parts.append(_in("symbol_key", (quote(s.lower()) for s in filters.symbols)))
    if filters.kinds:
        parts.append(_in("kind", map(quote, filters.kinds)))
    if filters.years:
        parts.append(_in("year", (str(int(y)) for y in filters.years)))
    if filters.bodies:
        docs = body_docs(bodies or {}, filters.bodies)
        parts.append(_in("doc", map(quote, docs)) if docs else "row < 0")  # no document: nothing
    return " and ".join(parts)


def mask_expr(mask: np.ndarray | None) -> str | None:
    """The expression allowing the unit rows of a boolean mask (None: every row)."""
    if mask is None or mask.all():
        return None
    rows = np.flatnonzero(mask)
    return _in("row", map(str, rows.tolist())) if len(rows) else "row < 0"


def pool(
    rows: list[int], scores: list[float], n_units: int, limit: int, floor: float
) -> np.ndarray:
    """Piece scores max-pooled to units; units not returned get the weakest returned score when
    the search hit its limit (as dense.Dense._graph does), else ``floor`` (BM25 0, cosine -1)."""
    fill = min(scores) if scores and len(scores) >= limit else floor
    out = np.full(n_units, fill, dtype=np.float32)
    if rows:
        np.maximum.at(out, np.asarray(rows, dtype=np.int64), np.asarray(scores, dtype=np.float32))
    return out


# ---- I/O ------------------------------------------------------------------------------------


def location(folder: Path, uri: str | None) -> tuple[str, str]:
    """(uri, collection) of a build: a milvus-lite folder in the build folder, or the server's."""
    return (uri, collection_name(folder)) if uri else (str(folder / LOCAL), "units")


def _client(uri: str):
    from pymilvus import MilvusClient

    return MilvusClient(uri=uri)


def _release(uri: str) -> None:
    """Stop milvus-lite's in-process server for a local folder, so its files stop changing."""
    if "://" not in uri:
        from milvus_lite.server_manager import server_manager_instance

        server_manager_instance.release_server(uri)


def _schema(client, embedders: list, exact: bool):
    from pymilvus import DataType, Function, FunctionType

    schema = client.create_schema(auto_id=False)
    index = client.prepare_index_params()
    schema.add_field("pk", DataType.VARCHAR, is_primary=True, max_length=32)
    schema.add_field("row", DataType.INT64)
    schema.add_field("year", DataType.INT64)
    for name in ("doc", "kind", "symbol", "symbol_key", "unit"):
        schema.add_field(name, DataType.VARCHAR, max_length=1024)
    schema.add_field(
        "text", DataType.VARCHAR, max_length=65535, enable_analyzer=True, analyzer_params=ANALYZER
    )
    schema.add_field(
        "terms",
        DataType.VARCHAR,
        max_length=65535,
        enable_analyzer=True,
        analyzer_params={"tokenizer": "standard"},
    )
    for source, sparse in (("text", "sparse"), ("terms", "terms_sparse")):
        schema.add_field(sparse, DataType.SPARSE_FLOAT_VECTOR)
        schema.add_function(
            Function(
                name=f"bm25_{source}",
                function_type=FunctionType.BM25,
                input_field_names=[source],
                output_field_names=[sparse],
            )
        )
        index.add_index(sparse, index_type="SPARSE_INVERTED_INDEX", metric_type="BM25")
    for e in embedders:
        schema.add_field(vector_field(e.name), DataType.FLOAT_VECTOR, dim=e.dim)
        params = {} if exact else {"M": HNSW_M, "efConstruction": EF_CONSTRUCTION}
        index.add_index(
            vector_field(e.name),
            index_type="FLAT" if exact else "HNSW",
            metric_type="IP",
            params=params,
        )
    for name in ("row", "year", "doc", "kind", "symbol_key"):
        index.add_index(name, index_type="INVERTED")
    return schema, index


def build_collection(
    units: list, embedders: list, cache, folder: Path, uri: str | None = None
) -> dict:
    """Create and fill the build's collection from cached vectors; returns its manifest entry."""
    need_milvus()
    uri, name = location(folder, uri)
    budget = min(model_budget(e.max_tokens) for e in embedders)  # one piece fits every model
    texts, owner = pieces_of(units, budget)
    vectors = [cache.embed(e.model_id, texts, e.embed_passages, e.dim)[0] for e in embedders]
    client = _client(uri)
    current = folder.parent / "CURRENT"
    serving = (
        collection_name(folder.parent / current.read_text().strip()) if current.exists() else ""
    )
    for old in client.list_collections():  # on a server: keep only the serving build's collection
        if old == name or (old.startswith(collection_prefix(folder.parent)) and old != serving):
            client.drop_collection(old)
    schema, index = _schema(client, embedders, exact=len(texts) <= EXACT_LIMIT)
    client.create_collection(name, schema=schema, consistency_level="Strong")
    client.create_index(name, index, sync=False)  # sync polls each index with 0.5 s sleeps
    store = _store(uri, name, embedders)
    metas = [
        {
            "row": int(r),
            "year": units[r].year or -1,
            "doc": units[r].doc,
            "kind": units[r].kind,
            "symbol": units[r].symbol or "",
            "symbol_key": (units[r].symbol or "").lower(),
            "unit": units[r].label,
            "terms": terms_of(texts[i]),
        }
        for i, r in enumerate(owner)
    ]
    for lo in range(0, len(texts), BATCH):
        hi = min(lo + BATCH, len(texts))
        rows = [
            [v[i].tolist() for v in vectors] for i in range(lo, hi)
        ]  # one vector per dense field
        store.add_embeddings(
            texts[lo:hi],
            rows if len(vectors) > 1 else [r[0] for r in rows],
            metas[lo:hi],
            ids=[str(i) for i in range(lo, hi)],
        )
    client.flush(name)
    rows = int(client.get_collection_stats(name)["row_count"])
    client.close()
    _release(uri)
    return {
        "collection": name,
        "server": uri != str(folder / LOCAL),
        "rows": rows,
        "piece_tokens": budget,
        "fields": {e.name: vector_field(e.name) for e in embedders},
        "index": "FLAT" if len(texts) <= EXACT_LIMIT else f"HNSW M={HNSW_M}",
        "metric": "IP",
        "bm25": {
            "search": "terms_sparse: index.lexical.tokenize, then Milvus BM25",
            "langchain": "sparse: Milvus analyzer standard+stop+stemmer(english)",
        },
    }


def _embeddings(embedder):
    """One of our embedders as LangChain Embeddings (for the LangChain store's own searches)."""
    from langchain_core.embeddings import Embeddings

    class _Wrapped(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return embedder.embed_passages(texts).tolist()

        def embed_query(self, text: str) -> list[float]:
            return embedder.embed_query(text).tolist()

    return _Wrapped()


def _store(uri: str, name: str, embedders: list):
    """The collection as a LangChain Milvus store: dense fields + the built-in BM25 function."""
    from langchain_milvus import BM25BuiltInFunction, Milvus

    return Milvus(
        embedding_function=[_embeddings(e) for e in embedders],
        builtin_function=BM25BuiltInFunction(
            input_field_names="text", output_field_names="sparse", analyzer_params=ANALYZER
        ),
        vector_field=[vector_field(e.name) for e in embedders] + ["sparse"],
        search_params=[{"metric_type": "IP", "params": {}} for _ in embedders]
        + [{"metric_type": "BM25", "params": {}}],  # not its sparse default: drop ratio 0.2
        collection_name=name,
        connection_args={"uri": uri},
        consistency_level="Strong",
        primary_field="pk",
        text_field="text",
    )


class MilvusLists:
    """The ranked lists of one build, answered by Milvus (what `Searcher.score_lists` delegates to)."""

    def __init__(
        self,
        client,
        uri: str,
        name: str,
        n_units: int,
        fields: dict[str, str],
        bodies: dict[str, str] | None = None,
        embedders: list | None = None,
    ) -> None:
        self.client, self.uri, self.name, self.n_units = client, uri, name, n_units
        self.fields, self.bodies, self.embedders = fields, bodies or {}, embedders or []
        self.hnsw = False

    @classmethod
    def open(
        cls,
        folder: Path,
        manifest: dict,
        bodies: dict[str, str] | None = None,
        embedders: list | None = None,
        uri: str | None = None,
    ) -> MilvusLists:
        """Connect to a build's collection; refuse one whose row count is not the manifest's."""
        need_milvus()
        entry = manifest["milvus"]
        if entry["server"] and not uri:
            raise IndexMismatch(
                f"{folder}: index built on a Milvus server; set RAPPORTEUR_MILVUS_URI"
            )
        uri, name = location(folder, uri if entry["server"] else None)
        client = _client(uri)
        if (
            not client.has_collection(name)
            or int(client.get_collection_stats(name)["row_count"]) != entry["rows"]
        ):
            raise IndexMismatch(
                f"{uri}: collection {name} missing or not the one built; "
                "run `rapporteur index` to rebuild it"
            )
        client.load_collection(name)
        lists = cls(client, uri, name, manifest["units"], entry["fields"], bodies, embedders)
        lists.hnsw = entry["index"].startswith("HNSW")
        return lists

    def score_lists(
        self,
        query: str,
        names,
        allowed: Filters | np.ndarray | None,
        vectors: dict[str, np.ndarray],
    ) -> dict[str, np.ndarray]:
        """Per-unit scores of each named list (the shape `Searcher.score_lists` returns), searched
        inside the engine within the filters (a Filters, or a boolean mask over unit rows)."""
        expr = (
            mask_expr(allowed)
            if isinstance(allowed, np.ndarray)
            else filter_expr(allowed, self.bodies)
        )
        out = {}
        for name in names:
            if name == "bm25":
                terms = terms_of(query)
                out[name] = (
                    self._search([terms], "terms_sparse", expr, {"metric_type": "BM25"}, True)
                    if terms
                    else np.zeros(self.n_units, dtype=np.float32)
                )
            elif name in self.fields and name in vectors:
                params = {"metric_type": "IP"} | (
                    {"params": {"ef": EF_SEARCH}} if self.hnsw else {}
                )
                out[name] = self._search(
                    [np.asarray(vectors[name], np.float32).tolist()],
                    self.fields[name],
                    expr,
                    params,
                    False,
                )
        return out

    def _search(
        self, data: list, field: str, expr: str | None, params: dict, bm25: bool
    ) -> np.ndarray:
        found = self.client.search(
            self.name,
            data=data,
            anns_field=field,
            limit=DEPTH,
            filter=expr or "",
            search_params=params,
            output_fields=["row"],
        )[0]
        rows = [h["entity"]["row"] for h in found]
        # BM25 scores are >= 0; milvus-lite 3.2.2 returns them negated ("smaller is closer").
        scores = [abs(h["distance"]) if bm25 else h["distance"] for h in found]
        return pool(rows, scores, self.n_units, DEPTH, 0.0 if bm25 else -1.0)

    def as_vectorstore(self):
        """This collection as a LangChain Milvus store (dense fields + BM25; hybrid search):
        ``store.similarity_search(q, k=5, expr='kind == "recommendation"', ranker_type="rrf")``."""
        return _store(self.uri, self.name, self.embedders)

    def close(self) -> None:
        self.client.close()
        _release(self.uri)
