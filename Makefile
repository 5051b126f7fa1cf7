# Rapporteur: `make run` and `make test` are all a fresh machine needs.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install run index test test-fast eval lint clean

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

# The server (UI + API on http://127.0.0.1:7860) is the next piece of work; until it lands,
# `make run` stops after indexing data/ and points at the CLI.
run: index
	@echo "indexed data/ into .rapporteur/; try: $(BIN)/rapporteur search 'What was recommended on cryptocurrencies?'"

test: install
	$(BIN)/pytest

test-fast: install
	$(BIN)/pytest -m "not model and not browser and not corpus"

# Scores the current index (make run first) on ../shared/eval; writes artifacts/eval/.
eval: install
	$(BIN)/rapporteur eval --out artifacts/eval

lint: install
	$(BIN)/ruff check .

clean:
	rm -rf .rapporteur .pytest_cache
