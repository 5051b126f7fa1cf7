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
import logging
import re
from pathlib import Path

import numpy as np

from rapporteur.core.errors import ConfigError, EngineUnavailable, IndexMismatch
from rapporteur.core.filters import Filters, body_docs
from rapporteur.core.tokens import model_budget, pieces_of
from rapporteur.core.words import STOPWORDS, tokenize
from rapporteur.index.dense import DEPTH, EF_CONSTRUCTION, EF_SEARCH, EXACT_LIMIT, HNSW_M

LOCAL = "milvus.db"  # the milvus-lite folder inside a build folder
BATCH = 1000
# Seconds one call to a Milvus server may take before the search fails with a one-line error
# (a killed server is refused at once, 0.14 s in tests/index/test_milvus_server.py; a hung one must
# not hang the API). Whole searches of the 36,655-piece library over HTTP took at most 4.4 s on a
# 2-core machine at load average 14 (docs/performance.md, "On a Milvus server").
TIMEOUT = 10.0
# The most results one Milvus search returns (its topK limit). An exact (FLAT) collection is searched
# this deep, so up to this many pieces every unit gets its own score, as from FAISS's exact search:
# the lists' min-max normalisation, and so the fused ranking, then match FAISS (at depth 100 the top
# 10 of the shared corpus's text part agreed with FAISS's only 0.64 on average over 276 questions:
# the floor of each list was the 100th score, not the lowest).
MAX_TOPK = 16384
# Loading a collection into the query nodes reads every segment: minutes for millions of vectors.
LOAD_TIMEOUT = 600.0
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


def split_layout(version: str | None) -> bool:
    """Whether a server needs the split layout: one collection per dense model, the bm25 list
    from the build's bm25s files. Milvus before 2.5 has no BM25 function and before 2.4 one
    vector field per collection ("v2.3.5-lite" -> True; "v2.5.4", milvus-lite -> False)."""
    found = re.match(r"v?(\d+)\.(\d+)", version or "")
    return bool(found) and (int(found[1]), int(found[2])) < (2, 5)


def _details(exc: Exception) -> str:
    details = getattr(exc, "details", None)
    return details() if callable(details) else ""


def server_errors() -> tuple[type[Exception], ...]:
    """What a failed call to a server raises: pymilvus' error, or gRPC's own when pymilvus lets it
    through (a deadline exceeded while a restarted server recovers)."""
    import grpc
    from pymilvus.exceptions import MilvusException

    return (MilvusException, grpc.RpcError)


def unavailable(uri: str, exc: Exception) -> EngineUnavailable:
    """A server failure as one line naming the setting (pymilvus' messages hold no newline we keep)."""
    reason = " ".join(str(getattr(exc, "message", "") or _details(exc) or exc).split())
    return EngineUnavailable(
        f"Milvus server {uri} (RAPPORTEUR_MILVUS_URI) not available: {reason}; "
        "start the server or fix the setting"
    )


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

    # pymilvus logs every failed call with its traceback; our error says it in one line.
    logging.getLogger("pymilvus").setLevel(logging.CRITICAL)
    if "://" not in uri:
        return MilvusClient(uri=uri)
    try:
        return MilvusClient(uri=uri, timeout=TIMEOUT)
    except server_errors() as exc:
        raise unavailable(uri, exc) from None


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
    """Create and fill the build's collection(s) from cached vectors; returns its manifest entry."""
    need_milvus()
    uri, name = location(folder, uri)
    budget = min(model_budget(e.max_tokens) for e in embedders)  # one piece fits every model
    texts, owner = pieces_of(units, budget)
    vectors = [cache.embed(e.model_id, texts, e.embed_passages, e.dim)[0] for e in embedders]
    client = _client(uri)
    exact = len(texts) <= EXACT_LIMIT
    try:
        split = "://" in uri and split_layout(client.get_server_version())
        _drop_old(client, folder)
        if split:
            collections = _fill_split(client, name, units, embedders, vectors, owner, exact)
        else:
            collections = _fill_one(client, uri, name, units, embedders, vectors, texts, owner)
        rows = {
            c: int(client.get_collection_stats(c)["row_count"]) for c in set(collections.values())
        }
    except server_errors() as exc:
        raise unavailable(uri, exc) from None
    finally:
        client.close()
    _release(uri)
    return {
        "collection": name,
        "server": uri != str(folder / LOCAL),
        "layout": "split" if split else "one",
        "collections": collections,
        "rows": min(rows.values()),
        "piece_tokens": budget,
        "fields": {e.name: vector_field(e.name) for e in embedders},
        "index": "FLAT" if exact else f"HNSW M={HNSW_M}",
        "metric": "IP",
        "bm25": (
            {"search": "the build's bm25s files (Milvus before 2.5 has no BM25 function)"}
            if split
            else {
                "search": "terms_sparse: core.words.tokenize, then Milvus BM25",
                "langchain": "sparse: Milvus analyzer standard+stop+stemmer(english)",
            }
        ),
    }


def _drop_old(client, folder: Path) -> None:
    """On a server, drop this index folder's collections except the serving build's (a search
    still running on it must not fail) and any left by an interrupted build of this name."""
    current = folder.parent / "CURRENT"
    serving = (
        collection_name(folder.parent / current.read_text().strip()) if current.exists() else ""
    )
    mine = collection_name(folder)
    for old in client.list_collections():
        ours = old.startswith(collection_prefix(folder.parent))
        kept = serving and (old == serving or old.startswith(serving + "_v_"))
        if old == mine or old.startswith(mine + "_v_") or (ours and not kept):
            client.drop_collection(old)


def _metas(units: list, owner, texts: list[str] | None) -> list[dict]:
    """The scalar fields of each piece (``terms`` only where the engine runs BM25)."""
    return [
        {
            "row": int(r),
            "year": units[r].year or -1,
            "doc": units[r].doc,
            "kind": units[r].kind,
            "symbol": units[r].symbol or "",
            "symbol_key": (units[r].symbol or "").lower(),
            "unit": units[r].label,
        }
        | ({"terms": terms_of(texts[i])} if texts is not None else {})
        for i, r in enumerate(owner)
    ]


def _fill_one(client, uri, name, units, embedders, vectors, texts, owner) -> dict[str, str]:
    """Every list in one collection (Milvus 2.5+, milvus-lite), written through LangChain."""
    schema, index = _schema(client, embedders, exact=len(texts) <= EXACT_LIMIT)
    client.create_collection(name, schema=schema, consistency_level="Strong")
    client.create_index(name, index, sync=False)  # sync polls each index with 0.5 s sleeps
    store = _store(uri, name, embedders)
    metas = _metas(units, owner, texts)
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
    return {"bm25": name} | {e.name: name for e in embedders}


def _fill_split(client, name, units, embedders, vectors, owner, exact) -> dict[str, str]:
    """One collection per dense model with the same scalar fields (Milvus 2.3/2.4)."""
    from pymilvus import DataType

    metas = _metas(units, owner, None)
    out = {}
    for e, vecs in zip(embedders, vectors, strict=True):
        field = vector_field(e.name)
        out[e.name] = f"{name}_{field}"
        schema = client.create_schema(auto_id=False)
        schema.add_field("pk", DataType.VARCHAR, is_primary=True, max_length=32)
        schema.add_field("row", DataType.INT64)
        schema.add_field("year", DataType.INT64)
        for scalar in ("doc", "kind", "symbol", "symbol_key", "unit"):
            schema.add_field(scalar, DataType.VARCHAR, max_length=1024)
        schema.add_field(field, DataType.FLOAT_VECTOR, dim=e.dim)
        index = client.prepare_index_params()
        params = {} if exact else {"M": HNSW_M, "efConstruction": EF_CONSTRUCTION}
        index.add_index(
            field, index_type="FLAT" if exact else "HNSW", metric_type="IP", params=params
        )
        client.create_collection(out[e.name], schema=schema, consistency_level="Strong")
        for lo in range(0, len(metas), BATCH):
            hi = min(lo + BATCH, len(metas))
            rows = [{"pk": str(i), field: vecs[i].tolist()} | metas[i] for i in range(lo, hi)]
            client.insert(out[e.name], rows, timeout=TIMEOUT * 6)
        client.flush(out[e.name])
        client.create_index(
            out[e.name], index
        )  # after the rows: one index build, not one a segment
    return out


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
    """The ranked lists of one build, answered by Milvus (what `Searcher.score_lists` delegates to).

    ``collections`` maps each list it serves ("bm25", embedder names) to its collection; a list
    it does not serve (bm25 in the split layout) is left to the Searcher's own files."""

    def __init__(
        self,
        client,
        uri: str,
        collections: dict[str, str],
        n_units: int,
        fields: dict[str, str],
        bodies: dict[str, str] | None = None,
        embedders: list | None = None,
    ) -> None:
        self.client, self.uri, self.collections, self.n_units = client, uri, collections, n_units
        self.fields, self.bodies, self.embedders = fields, bodies or {}, embedders or []
        self.name = next(iter(collections.values()))
        self.hnsw = False
        self.depth = DEPTH  # pieces a search returns: DEPTH for HNSW, as from FAISS's graph

    @classmethod
    def open(
        cls,
        folder: Path,
        manifest: dict,
        bodies: dict[str, str] | None = None,
        embedders: list | None = None,
        uri: str | None = None,
    ) -> MilvusLists:
        """Connect to a build's collections; refuse one whose row count is not the manifest's."""
        need_milvus()
        entry = manifest["milvus"]
        if entry["server"] and not uri:
            raise IndexMismatch(
                f"{folder}: index built on a Milvus server; set RAPPORTEUR_MILVUS_URI"
            )
        uri, name = location(folder, uri if entry["server"] else None)
        collections = entry.get("collections") or {"bm25": name} | dict.fromkeys(
            entry["fields"], name
        )
        client = _client(uri)
        try:
            for c in sorted(set(collections.values())):
                if (
                    not client.has_collection(c)
                    or int(client.get_collection_stats(c)["row_count"]) != entry["rows"]
                ):
                    raise IndexMismatch(
                        f"{uri}: collection {c} missing or not the one built; "
                        "run `rapporteur index` to rebuild it"
                    )
                client.load_collection(c, timeout=LOAD_TIMEOUT)
        except server_errors() as exc:
            raise unavailable(uri, exc) from None
        lists = cls(client, uri, collections, manifest["units"], entry["fields"], bodies, embedders)
        lists.hnsw = entry["index"].startswith("HNSW")
        lists.depth = DEPTH if lists.hnsw else min(entry["rows"], MAX_TOPK)
        return lists

    def score_lists(
        self,
        query: str,
        names,
        allowed: Filters | np.ndarray | None,
        vectors: dict[str, np.ndarray],
    ) -> dict[str, np.ndarray]:
        """Per-unit scores of each named list it serves (the shape `Searcher.score_lists` returns),
        searched inside the engine within the filters (a Filters, or a boolean mask over unit rows)."""
        expr = (
            mask_expr(allowed)
            if isinstance(allowed, np.ndarray)
            else filter_expr(allowed, self.bodies)
        )
        out = {}
        for name in names:
            if name not in self.collections:
                continue
            if name == "bm25":
                terms = terms_of(query)
                out[name] = (
                    self._search(name, [terms], "terms_sparse", expr, {"metric_type": "BM25"})
                    if terms
                    else np.zeros(self.n_units, dtype=np.float32)
                )
            elif name in self.fields and name in vectors:
                params = {"metric_type": "IP"} | (
                    {"params": {"ef": EF_SEARCH}} if self.hnsw else {}
                )
                out[name] = self._search(
                    name,
                    [np.asarray(vectors[name], np.float32).tolist()],
                    self.fields[name],
                    expr,
                    params,
                )
        return out

    def _search(
        self, name: str, data: list, field: str, expr: str | None, params: dict
    ) -> np.ndarray:
        from pymilvus.exceptions import MilvusException

        collection = self.collections[name]
        call = dict(
            data=data,
            anns_field=field,
            limit=self.depth,
            filter=expr or "",
            search_params=params,
            output_fields=["row"],
            timeout=TIMEOUT,
        )
        try:
            try:
                found = self.client.search(collection, **call)[0]
            except MilvusException as exc:
                if "not loaded" not in str(exc):
                    raise
                # A restarted server has the collection but not in memory: load it, once.
                self.client.load_collection(collection, timeout=LOAD_TIMEOUT)
                found = self.client.search(collection, **call)[0]
        except server_errors() as exc:
            raise unavailable(self.uri, exc) from None
        rows = [h["entity"]["row"] for h in found]
        # BM25 scores are >= 0; milvus-lite 3.2.2 returns them negated ("smaller is closer").
        bm25 = name == "bm25"
        scores = [abs(h["distance"]) if bm25 else h["distance"] for h in found]
        return pool(rows, scores, self.n_units, self.depth, 0.0 if bm25 else -1.0)

    def as_vectorstore(self):
        """This collection as a LangChain Milvus store (dense fields + BM25; hybrid search):
        ``store.similarity_search(q, k=5, expr='kind == "recommendation"', ranker_type="rrf")``."""
        if "bm25" not in self.collections:
            raise ConfigError(
                f"{self.uri}: LangChain's Milvus store needs a Milvus 2.5+ server (BM25 functions); "
                "this index has one collection per model"
            )
        return _store(self.uri, self.name, self.embedders)

    def close(self) -> None:
        self.client.close()
        _release(self.uri)
