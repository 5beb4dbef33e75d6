# The two commands: `make serve` and `make test`. Both set everything up on first use.
# PYTHON is the interpreter (3.10 or newer) and VENV the folder it gets, so that one checkout can
# keep one venv per Python: `make test PYTHON=python3.13 VENV=.venv-3.13`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

# Ruff passes over a venv named .venv and no other: keep it off the ones made for other Pythons.
RUFF_SKIP := --extend-exclude '.venv*,$(VENV)'

# The Pythons we support and lock for: 3.10 to 3.14.
MINORS := 10 11 12 13 14

# "3.12" for the Python $(1), or nothing if it does not run.
version_of = $(shell $(1) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
PYTHON_VERSION := $(call version_of,$(PYTHON))
VENV_VERSION   := $(if $(wildcard $(BIN)/python),$(call version_of,$(BIN)/python))
PY_VERSION     := $(or $(VENV_VERSION),$(PYTHON_VERSION))

# Each Python installs the exact versions locked with it (constraints/py3.X.txt, made by
# `make lock`): no one set of versions has builds for every Python from 3.10 to 3.14. A newer
# Python with no lock yet takes the newest lock there is.
LOCKS       := $(sort $(wildcard constraints/py3.*.txt))
CONSTRAINTS := $(or $(wildcard constraints/py$(PY_VERSION).txt),$(lastword $(LOCKS)))

# What to pass as PYTHON, for the messages that ask for another one.
PYTHON_HINT = one of: $(or $(strip $(shell $(MAKE) -s --no-print-directory pythons)),none found (no python3.10 to python3.14 on PATH or in pyenv))

# A PYTHON given by name must run and be the one its venv was made with: stop rather than test another.
ifneq ($(origin PYTHON),file)
ifneq ($(filter-out clean lock pythons,$(or $(MAKECMDGOALS),serve)),)
ifeq ($(PYTHON_VERSION),)
$(error PYTHON=$(PYTHON) does not run here: run make with PYTHON set to $(PYTHON_HINT))
endif
ifneq ($(VENV_VERSION),)
ifneq ($(VENV_VERSION),$(PYTHON_VERSION))
$(error $(VENV) runs Python $(VENV_VERSION), not PYTHON=$(PYTHON) ($(PYTHON_VERSION)): run $(if $(filter file,$(origin VENV)),make clean,make clean VENV=$(VENV)) first, or pass VENV=.venv-$(PYTHON_VERSION) to keep both)
endif
endif
endif
endif

.PHONY: serve test test-fast build lint lock pythons install clean soak bench scale check-pages

# The demo restarts when its code changes (--reload), as the site reloads when a page does.
serve: $(STAMP)
	$(BIN)/python scripts/serve_all.py --reload $(DEMO_ARGS)

# The demo scaled out: N processes (3 unless N= says) sharing one PostgreSQL, nginx in front;
# SCALE_ARGS go to scripts/scale.py, e.g. SCALE_ARGS="--port 9000 --db postgresql://...".
scale: $(STAMP)
	$(BIN)/python scripts/scale.py $(if $(N),--processes $(N)) $(SCALE_ARGS)

# Every `$ curl` of every page's console blocks, run against fresh demos: every drift, with
# file:line and a diff (make test runs it too, as tests/test_check_pages.py).
check-pages: $(STAMP)
	$(BIN)/python scripts/check_pages.py

# The suite spreads its test files over TEST_WORKERS processes (pytest-xdist): a file's tests stay
# together, so each file's servers and site builds are made once. Most of the time is waiting on
# servers, browsers and builds, so three workers beat two on 2 cores (5.5 minutes against 8.8
# serially, measured). TEST_WORKERS=0 runs it in this one process.
TEST_WORKERS ?= 3
test: $(STAMP)
	$(BIN)/ruff check $(RUFF_SKIP) .
	$(BIN)/python -m pytest $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadfile) $(PYTEST_ARGS)

# The edit loop's subset: no browser, no real process (server, site build, installer); a test
# that starts one unmarked fails here, naming itself (tests/conftest.py). `make test` runs all.
test-fast: $(STAMP)
	$(BIN)/ruff check $(RUFF_SKIP) .
	BACKEND_BASICS_FAST_TESTS=1 $(BIN)/python -m pytest -q -m "not browser and not processes and not node" $(PYTEST_ARGS)

build: $(STAMP)
	$(BIN)/python scripts/build.py

# The demo against Express and nginx (wrk), charts into docs/assets/benchmarks/; the four
# databases through the demo. BENCH_ARGS go to bench/run.py: BENCH_ARGS="--only databases".
bench: $(STAMP)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# The reliability tests at full length (30 s of load by default), with a summary table.
soak: $(STAMP)
	$(BIN)/python scripts/soak.py

lint: $(STAMP)
	$(BIN)/ruff check $(RUFF_SKIP) .
	$(BIN)/ruff format --check $(RUFF_SKIP) .

install: $(STAMP)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null || \
	  { echo "Backend Basics needs Python 3.10 or newer and PYTHON=$(PYTHON) is $(or $(PYTHON_VERSION),not one that runs here): run make with PYTHON set to $(PYTHON_HINT)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs exactly the versions locked for this Python; `make lock` refreshes them.
$(STAMP): $(BIN)/python pyproject.toml $(CONSTRAINTS)
	@test -e constraints/py$(PY_VERSION).txt || \
	  echo "No constraints/py$(PY_VERSION).txt yet: installing with $(CONSTRAINTS) (make lock makes one)"
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[docs,dev]'
	@touch $@

# Every Python 3.10 or newer here, lowest first, one path a line: pythonX.Y on PATH if it runs,
# else pyenv's newest 3.X.* build (pyenv's shims refuse the versions `pyenv global` leaves out).
pythons:
	@for minor in $(MINORS); do \
	  found=$$(command -v python3.$$minor 2>/dev/null) && "$$found" -c '' 2>/dev/null || found=; \
	  if [ -z "$$found" ] && command -v pyenv >/dev/null 2>&1; then \
	    found=$$(ls -d "$$(pyenv root)"/versions/3.$$minor.*/bin/python3.$$minor 2>/dev/null | \
	      grep -E "/versions/3\.$$minor\.[0-9]+/bin/" | sort -V | tail -n 1); \
	    [ -n "$$found" ] && "$$found" -c '' 2>/dev/null || found=; \
	  fi; \
	  [ -z "$$found" ] || echo "$$found"; \
	done

# Refreshes constraints/py3.X.txt from the ranges in pyproject.toml, with each Python found here.
lock:
	@pythons=$$($(MAKE) -s --no-print-directory pythons); \
	[ -n "$$pythons" ] || { echo "make lock: no Python 3.10 or newer found (python3.10 to python3.14, or pyenv)"; exit 1; }; \
	mkdir -p constraints; \
	for python in $$pythons; do \
	  version=$$("$$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])'); \
	  echo "Locking for Python $$version ($$python)"; \
	  rm -rf .lock-venv && \
	  "$$python" -m venv .lock-venv && \
	  .lock-venv/bin/python -m pip install --quiet --upgrade pip && \
	  .lock-venv/bin/python -m pip install --quiet -e '.[docs,dev]' && \
	  { echo "# Python $$version: the exact versions \`make install\` takes, made by \`make lock\`."; \
	    .lock-venv/bin/python -m pip freeze --exclude-editable --exclude backend-basics; \
	  } > constraints/py$$version.txt.new && \
	  mv constraints/py$$version.txt.new constraints/py$$version.txt || \
	  { rm -rf .lock-venv constraints/py$$version.txt.new; exit 1; }; \
	done; \
	rm -rf .lock-venv
	@echo "constraints/ refreshed for each Python above: run make test with each, then commit them."

clean:
	rm -rf $(VENV) site .pytest_cache .ruff_cache
