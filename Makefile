# Fahras: `make run` serves the bundled sample archive, `make test` runs every check.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
INDEX  ?= var/index
SAMPLE := data/sample/articles.jsonl
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: install run index test lint bench eval browser-deps clean

install: $(STAMP)

# Re-install only when the project metadata changes; never uses globally installed packages.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Index the sample archive when the index is missing or older than the sample/analyzers.
$(INDEX)/.built: $(SAMPLE) $(wildcard analyzers/*.py analyzers/data/*) indexer/schema.py | $(STAMP)
	rm -rf $(INDEX)
	mkdir -p $(dir $(INDEX)) var
	$(BIN)/fahras index $(SAMPLE) --index $(INDEX) --rejects var/rejects.jsonl
	touch $@

index: $(STAMP) $(INDEX)/.built

run: index
	@echo "Fahras: serving the sample archive on http://$(HOST):$(PORT)"
	$(BIN)/fahras serve --index $(INDEX) --host $(HOST) --port $(PORT)

# Debian's chromium for the browser tests (tests/browser); installed only when missing.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
		if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "chromium missing and apt-get unavailable: browser tests will skip"; fi; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP) browser-deps lint
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/analysis.py
	$(BIN)/python bench/index.py

eval: $(STAMP)
	$(BIN)/python bench/relevance.py --out docs/relevance.md

clean:
	rm -rf $(VENV) var build *.egg-info .pytest_cache .ruff_cache .hypothesis tests/browser/artifacts
