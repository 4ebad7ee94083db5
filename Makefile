# Fahras: `make run` serves the bundled sample archive, `make test` runs every check.
PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
RUNTIME := $(VENV)/.runtime
INDEX   ?= var/index
SAMPLE  := data/sample/articles.jsonl
# Display names of facet values (docs/design.md "Facet labels"); the sample's values are names
# already, the real corpus's sources are slugs: both are served with the one file.
LABELS  ?= data/labels/saudinewsnet.json
HOST    ?= 127.0.0.1
PORT    ?= 8000
PACKAGES := fahras analyzers indexer search web
SOURCES := pyproject.toml $(shell find $(PACKAGES) -type f -not -path '*/__pycache__/*' 2>/dev/null)
FAST    := not corpus and not browser and not slow and not cluster
# pytest-xdist workers: one per core, at most 4 (`make test WORKERS=0` runs in this one process).
WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); [ $$n -gt 4 ] && n=4; echo $$n)
PYTEST  := $(BIN)/python -m pytest -q -n $(WORKERS) --dist loadfile

.PHONY: install run index test test-fast lint bench bench-index bench-100k bench-1m bench-1m-stacked eval browser-deps sphinx-deps clean

# Never uses globally installed packages.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# For development, tests and evaluation: editable, with the test, eval and sphinx extras.
# Re-installed only when the project metadata changes.
install: $(STAMP)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,eval,sphinx]'
	touch $(STAMP)

# For `make run`: the runtime dependencies only, as a regular install (refreshed when the code
# changes), unless the editable development install is there already.
$(RUNTIME): $(SOURCES) | $(BIN)/python
	@if [ -f $(STAMP) ] && [ $(STAMP) -nt pyproject.toml ]; then :; else \
		echo "$(BIN)/pip install --quiet ."; $(BIN)/pip install --quiet . ; fi
	touch $(RUNTIME)

# Index the sample archive when the index is missing or older than the sample/analyzers.
$(INDEX)/.built: $(SAMPLE) $(wildcard analyzers/*.py analyzers/data/*) indexer/schema.py indexer/documents.py | $(RUNTIME)
	rm -rf $(INDEX)
	mkdir -p $(dir $(INDEX)) var
	$(BIN)/fahras index $(SAMPLE) --index $(INDEX) --rejects var/rejects.jsonl
	touch $@

index: $(RUNTIME) $(INDEX)/.built

run: index
	@echo "Fahras: serving the sample archive on http://$(HOST):$(PORT)"
	FAHRAS_LABELS=$(LABELS) $(BIN)/fahras serve --index $(INDEX) --host $(HOST) --port $(PORT)

# Debian's chromium for the browser tests (tests/browser); installed only when missing.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
		if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "chromium missing and apt-get unavailable: browser tests will skip"; fi; \
	fi

# Debian's Sphinx 2.2.11 (searchd, indexer, indextool) for the sphinx backend's tests; only when
# missing. Debian's package does not start a system-wide searchd (START=no in /etc/default).
sphinx-deps:
	@if ! command -v searchd >/dev/null 2>&1; then \
		if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sphinxsearch >/dev/null; \
		else echo "sphinxsearch missing and apt-get unavailable: sphinx backend tests will skip"; fi; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP) browser-deps sphinx-deps lint
	$(PYTEST) --durations=15

# The quick loop: no corpus, no browser, no slow tests, no searchd clusters; `make test` runs them all.
test-fast: $(STAMP) lint
	$(PYTEST) -m "$(FAST)"

# Analysis cost, then indexing, latency, peers and serving on the 31k corpus (~20 min on 2 idle cores).
bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/analysis.py
	$(BIN)/python bench/run_all.py

# Indexing the whole 31k corpus: Fahras against plain Whoosh, 1 and 2 processes (issue 4).
bench-index: $(STAMP)
	$(BIN)/python bench/index.py --json-out var/bench/index-31k.json

# ~45 min on 2 idle cores (the Fahras 100k build is ~28 min of it).
bench-100k: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/run_all.py --docs 100000 --ratio-docs 0

# ~5 h on 2 idle cores (extrapolated); ~3 GB of replicated JSONL under var/bench/.
bench-1m: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/run_all.py --docs 1000000 --ratio-docs 0

# 1M for timing and memory in ~30 min: the 100k index (make bench-100k first) merged into one
# segment and listed ten times (bench/scale.py; ids repeat, so not for relevance).
bench-1m-stacked: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/scale.py merge --index var/bench/100k/fahras-2 --out var/bench/100k/fahras-merged
	$(BIN)/python bench/scale.py stack --index var/bench/100k/fahras-merged --out var/bench/1m-stacked --times 10
	$(BIN)/python bench/latency.py --index var/bench/1m-stacked --engines "" --json-out var/bench/1m-stacked-latency.json
	$(BIN)/python bench/latency.py --index var/bench/1m-stacked --engines "" --postings-cache-mb 0 --json-out var/bench/1m-stacked-latency-nocache.json
	$(BIN)/python bench/serve_memory.py --index var/bench/1m-stacked --seconds 20 --after 1000 --json-out var/bench/1m-stacked-serve.json

eval: $(STAMP)
	$(BIN)/python bench/relevance.py --out docs/relevance.md

clean:
	rm -rf $(VENV) var build *.egg-info .pytest_cache .ruff_cache .hypothesis tests/browser/artifacts
