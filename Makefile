# Rapporteur: `make run` and `make test` are all a fresh machine needs.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install run index test test-fast test-milvus eval lint clean bench bench-milvus browser-deps reader ranker

install: $(VENV)/.installed

# torch first, pinned to the CPU wheel this machine keeps on disk: a bare `torch`
# requirement would make pip pull a multi-GB CUDA build.
$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check torch==2.13.0
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev]'
	touch $@

index: install
	$(BIN)/rapporteur ingest data/

# UI + API on http://127.0.0.1:7860 (RAPPORTEUR_HOST / RAPPORTEUR_PORT to change;
# RAPPORTEUR_API_KEY to allow uploads and deletes).
run: index
	$(BIN)/rapporteur serve

# The browser tests drive Debian's chromium through playwright (never a downloaded browser).
browser-deps:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -q && apt-get install -y -q chromium; } \
		|| echo "chromium missing and not root: the browser tests will skip (sudo apt-get install chromium)"

# The architecture (import-linter layers, pyproject [tool.importlinter]), lint, then every test
# on up to TEST_WORKERS processes (pytest-xdist; a test file stays on one worker, so its
# fixtures are built once).
TEST_WORKERS ?= 2
test: install browser-deps
	$(BIN)/lint-imports
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile -m "not milvus_server"

# The Milvus backend against a real Milvus server (tests/index/test_milvus_server.py): installs the
# extra milvus-server (the PyPI package `milvus`, a 58 MB wheel with the Milvus 2.3.5 standalone
# server) and runs those tests alone; .ci/run calls it after `make test`. The fake embedder makes
# the vectors (no model): 2.2 to 3.1 min on 2 cores shared by six jobs (load 1-4), most of it
# the server's searches and restart (docs/performance.md, "On a Milvus server").
test-milvus: install
	$(PY) -m pip install -q --disable-pip-version-check -e '.[milvus-server]'
	$(BIN)/pytest -m milvus_server tests/index/test_milvus_server.py

test-fast: install
	$(BIN)/pytest -m "not model and not browser and not corpus"

# Scores the current index (make run first) on ../shared/eval; writes artifacts/eval/.
eval: install
	$(BIN)/rapporteur eval --out artifacts/eval

# Ingest/build/search timings, synthetic 100k/1M scales and the LangChain baseline, search over
# HTTP on a 100-PDF library, the library fuzz (2,000 generated questions over pdf-2025) and a load
# run (20 clients, 60 s) (benchmarks/bench.py; benchmarks/README.md indexes every tool;
# docs/performance.md, with each stage's duration). Stores and indexes persist in
# artifacts/bench-home. Add ~20 min the first time each library is indexed; BENCH_ARGS=--quick
# skips 1M, BENCH_ARGS="--stages fuzz,load" runs only those, BENCH_ARGS="--library DIR" takes the
# first 100 PDFs of DIR for the library and load stages (default ../shared/corpus/pdf-2025).
bench: install
	$(PY) -m pip install -q --disable-pip-version-check -e '.[bench]'
	$(PY) -m benchmarks.bench --out artifacts/bench.json $(BENCH_ARGS)
	@if [ -n "$(BENCH_LIBRARY)" ]; then $(MAKE) bench-milvus; \
	else echo "bench-milvus skipped: set BENCH_LIBRARY to a home holding the ingested library"; fi

# A Milvus server beside FAISS (benchmarks/bench_milvus.py): BENCH_LIBRARY (a home with the library
# ingested by the default models; copied, never written) and 250k synthetic units made from it:
# build, memory, recall@10 against exact search, p50/p95 over HTTP. About 25 min on 2 shared cores;
# BENCH_MILVUS_ARGS="--units 1000000 --skip-library" for 1M: ~1.5-2 h there (two 1M stores, two
# builds of BM25 and the graph, the server's HNSW; docs/performance.md, "Milvus server").
bench-milvus: install
	@test -f "$(BENCH_LIBRARY)/store.sqlite" || { echo "make bench-milvus: set BENCH_LIBRARY to a Rapporteur home holding the ingested library"; exit 2; }
	$(PY) -m pip install -q --disable-pip-version-check -e '.[milvus-server]'
	nice -n 10 $(PY) -m benchmarks.bench_milvus --library "$(BENCH_LIBRARY)" \
		--out artifacts/bench_milvus.json $(BENCH_MILVUS_ARGS)

# Rebuild the reader (src/rapporteur/index/models/reader) from the committed questions
# (training/reader/README.md): parse the 2025 library, check every quote, mine hard negatives,
# fine-tune MiniLM with seed 13, then train the verdict over it (train_verdict.py); prints their
# held-out figures. About 20 + 30 min on 2 cores without bf16. READER_LIBRARY is the library's
# PDFs (data/2025-core/raw of littlehifive/ai-un-report).
# Never part of `make test`.
READER_WORK ?= artifacts/reader
reader: install
	@test -d "$(READER_LIBRARY)" || { echo "make reader: set READER_LIBRARY to the folder of the 2025 library's PDFs (data/2025-core/raw of littlehifive/ai-un-report)"; exit 2; }
	$(PY) -m training.reader.dump_units --raw "$(READER_LIBRARY)" --out $(READER_WORK)/library
	$(PY) -m training.reader.check --units $(READER_WORK)/library/units
	$(PY) -m training.reader.mine --units $(READER_WORK)/library/units --out $(READER_WORK)/mined.jsonl
	$(PY) -m training.reader.train_dense --units $(READER_WORK)/library/units \
		--mined $(READER_WORK)/mined.jsonl --out src/rapporteur/index/models/reader
	$(PY) -m training.reader.train_verdict --units $(READER_WORK)/library/units \
		--mined $(READER_WORK)/mined.jsonl --out src/rapporteur/index/models/verdict
	$(PY) -m training.reader.train_e5 --units $(READER_WORK)/library/units \
		--mined $(READER_WORK)/mined.jsonl --out src/rapporteur/index/models/e5-reader

# The learned ranker (index/ranker.py): refits its weights from the committed dumps of the shipped
# search's candidates (training/ranker/data, seconds) and prints its figures. To dump anew after
# the stages change: python -m training.ranker.dump --home H --out F (H: the 651-document library).
ranker: install
	$(PY) -m training.ranker.fit

lint: install
	$(BIN)/ruff check .

clean:
	rm -rf .rapporteur .pytest_cache
