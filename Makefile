# slant — every task a person or CI runs. `make help` lists them.
# The virtual environment lives in .venv and is installed from requirements.lock.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CELL_TIMEOUT ?= 600

.PHONY: help env run verify analyze test lint typecheck pytest lab lock clean browser

help: ## show this list of targets
	@echo "slant — make targets (run them from the repository's root):"
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.lock pyproject.toml
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	@if git rev-parse --git-dir >/dev/null 2>&1; then $(BIN)/nbstripout --install; fi
	@touch $(STAMP)

env: $(STAMP) ## create .venv and install the exact versions in requirements.lock

run: env ## execute the notebooks in order; regenerate figures/ and results/
	$(BIN)/python -m slant.runner --timeout $(CELL_TIMEOUT)

verify: env ## regenerate figures/ and results/ into a temporary folder; fail on any difference
	$(BIN)/python -m slant.runner --verify --timeout $(CELL_TIMEOUT)

analyze: env ## run notebook 07 on ARTICLE=path-or-url; outputs go to out/analyses/<article>/
	@test -n "$(ARTICLE)" || { echo "usage: make analyze ARTICLE=path/to/article.txt (or a URL)"; exit 2; }
	$(BIN)/python -m slant.runner --analyze "$(ARTICLE)" --timeout $(CELL_TIMEOUT)

lint: env ## ruff, codespell, and a check that notebooks are stored without outputs
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/codespell src tests docs README.md corpus/README.md

typecheck: env ## mypy --strict on the package
	$(BIN)/mypy

# Debian's Chromium, driven by Playwright in tests/test_browser.py (never a downloaded browser).
CHROMIUM ?= $(or $(SLANT_CHROMIUM),/usr/bin/chromium)

browser: ## Chromium for the browser tests: apt-get installs it when run as root, else says how
	@if [ -x "$(CHROMIUM)" ]; then \
	  echo "browser: using $(CHROMIUM)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "browser: installing Debian's chromium with apt-get"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } \
	    || echo "browser: apt-get could not install chromium; the browser tests will be SKIPPED"; \
	else \
	  echo "browser: no Chromium at $(CHROMIUM); the browser tests will be SKIPPED."; \
	  echo "browser: to run them, install it with:  sudo apt-get install chromium"; \
	fi

pytest: env browser ## the test suite, notebooks and browser included
	$(BIN)/python -m pytest

test: lint typecheck pytest ## install, then lint, type check and run the whole test suite

lab: env ## open JupyterLab on the notebooks
	$(BIN)/jupyter lab --notebook-dir=notebooks $$([ "$$(id -u)" = 0 ] && echo --allow-root)

lock: ## regenerate requirements.lock from pyproject.toml in a clean environment
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet ".[dev]"
	{ echo "# Exact versions installed by 'make env'. Regenerate with 'make lock'."; \
	  .lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^slant[= @]' ; } > requirements.lock
	rm -rf .lock-venv

clean: ## remove the virtual environment and caches (not figures/ or results/)
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis out

BENCH_SIZES ?= 1000 10000

.PHONY: bench
bench: env ## speed and memory benchmarks (minutes; BENCH_SIZES="1000 10000 100000" for more)
	$(BIN)/python benchmarks/bench_profile_vs_bare.py
	$(BIN)/python benchmarks/bench_scale.py --sizes $(BENCH_SIZES)
	$(BIN)/python benchmarks/bench_scale.py --sizes 3000 --workers 1 2 --engines local dask
	$(BIN)/python benchmarks/bench_big_text.py
