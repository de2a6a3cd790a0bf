# The two commands that do everything on a fresh machine: `make html` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SPHINXOPTS ?=
BUILDDIR   := _build

.PHONY: html epub live test lint clean

# The venv is rebuilt whenever pyproject.toml changes.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet ".[test,live]"
	touch $(STAMP)

html: $(STAMP)
	$(BIN)/sphinx-build -b html . $(BUILDDIR)/html $(SPHINXOPTS)

epub: $(STAMP)
	$(BIN)/sphinx-build -b epub . $(BUILDDIR)/epub $(SPHINXOPTS)

live: $(STAMP)
	$(BIN)/sphinx-autobuild . $(BUILDDIR)/html --watch _ext $(SPHINXOPTS)

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP) lint
	$(BIN)/pytest $(PYTESTOPTS)

clean:
	rm -rf $(BUILDDIR) archive
