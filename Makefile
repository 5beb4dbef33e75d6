# The two commands: `make serve` and `make test`. Both set everything up on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build lint lock install clean soak bench

serve: $(STAMP)
	$(BIN)/python scripts/serve_all.py $(DEMO_ARGS)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

build: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

# The demo against Express and nginx (wrk), charts into docs/assets/benchmarks/.
bench: $(STAMP)
	$(BIN)/python -m bench.run

# The reliability tests at full length (30 s of load by default), with a summary table.
soak: $(STAMP)
	$(BIN)/python scripts/soak.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

install: $(STAMP)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || \
	  { echo "Backend Basics needs Python 3.10 or newer: run make with PYTHON=python3.12 (or similar)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs exactly the versions the suite passed with (constraints.txt); `make lock` refreshes them.
$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[docs,dev]'
	@touch $@

lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet -e '.[docs,dev]'
	.lock-venv/bin/python -m pip freeze --exclude-editable --exclude backend-basics > constraints.txt
	rm -rf .lock-venv
	@echo "constraints.txt refreshed: run make test, then commit it."

clean:
	rm -rf $(VENV) site .pytest_cache .ruff_cache
