# The two commands of the README: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test typecheck lint docs dist clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "realpolitik needs Python 3.11 or newer; found $$($(PYTHON) --version 2>&1). Set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[test,docs]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/realpolitik forecast south-caucasus-2020

test: typecheck
	$(BIN)/python -m pytest

# pyright (basic mode, configured in pyproject.toml) over src/; PYRIGHT_PYTHON_IGNORE_WARNINGS skips its online
# version check
typecheck: $(VENV)/.installed-test
	PYRIGHT_PYTHON_IGNORE_WARNINGS=1 $(BIN)/pyright --pythonpath $(BIN)/python

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks

# the documentation site in site/ (the tutorial's code runs during the build; --strict: any warning fails)
docs: $(VENV)/.installed-test
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# sdist and wheel in dist/ (built offline: the backend comes with the test extra), checked with twine
dist: $(VENV)/.installed-test
	rm -rf dist
	$(BIN)/python -m build --no-isolation --outdir dist .
	$(BIN)/twine check --strict dist/*

clean:
	rm -rf $(VENV) build dist site *.egg-info src/*.egg-info
