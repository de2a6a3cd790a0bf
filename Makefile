# The two commands that do everything on a fresh machine: `make html` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SPHINXOPTS ?=
BUILDDIR   := _build

.PHONY: html epub live test lint bench bench-search import clean

# The venv is rebuilt whenever pyproject.toml changes.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet ".[test,live]"
	touch $(STAMP)

html: $(STAMP)
	$(BIN)/sphinx-build -b html . $(BUILDDIR)/html -d $(BUILDDIR)/doctrees $(SPHINXOPTS)

epub: $(STAMP)
	$(BIN)/sphinx-build -b epub . $(BUILDDIR)/epub -d $(BUILDDIR)/doctrees-epub $(SPHINXOPTS)

# The folders the build generates, as the extension declares them (page_kinds.py).
GENERATED = $(shell PYTHONPATH=_ext $(BIN)/python -c "from podcast.before_reading.page_kinds \
	import KINDS; print(' '.join(kind.folder for kind in KINDS))")

live: $(STAMP)
	$(BIN)/sphinx-autobuild . $(BUILDDIR)/html -d $(BUILDDIR)/doctrees --watch _ext \
		$(foreach folder,$(GENERATED),--ignore "*/$(folder)/*") $(SPHINXOPTS)

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP) lint
	$(BIN)/pytest $(PYTESTOPTS)

# The benchmark: make bench N=1000 [REPEAT=3] (results in _build/bench/results-N.json);
# REPEAT runs each clean build that many times and keeps the fastest.
N ?= 1000
REPEAT ?= 1
bench: $(STAMP)
	$(BIN)/python bench/run.py $(N) --repeat $(REPEAT)

# What the search costs a listener, before (Sphinx's) and after (Pagefind), with and without
# transcripts (results in _build/bench-search/search-N.json).
bench-search: $(STAMP)
	$(BIN)/python bench/search.py $(N)

# New posts, and every episode's audio and transcript, from the show's feeds (YOUTUBE_CHANNEL_ID, PODCAST_RSS_URL, SUBSTACK_RSS_URL,
# or their settings in conf.py); DRY_RUN=1 shows what would be written.
import: $(STAMP)
	PYTHONPATH=_ext $(BIN)/python -m podcast.importer .

# What builds wrote: _build/, and in each generated folder the files its .gitignore lists
# as the build's (a file of the host's there is kept, and so is the folder then).
MARK := \# Made by the build from the posts
clean:
	rm -rf $(BUILDDIR) *.egg-info
	@for list in */.gitignore; do \
	  case "$$(head -n 1 "$$list")" in "$(MARK)"*) ;; *) continue ;; esac; \
	  folder=$${list%/.gitignore}; \
	  sed -n 's|^/||p' "$$list" | while IFS= read -r name; do rm -f -- "$$folder/$$name"; done; \
	  rmdir "$$folder" 2>/dev/null || true; \
	done
