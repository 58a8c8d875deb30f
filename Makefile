# The two commands in the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# e.g. PYTEST_ARGS="-n auto" runs the tests in parallel (pytest-xdist), one worker per core.
PYTEST_ARGS ?=

.PHONY: demo test install chromium poppler r-gnm lint bench-measure screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP)

install: $(STAMP)

## make demo: install, migrate the SQLite database in var/, seed the demo organisation, serve it
demo: $(STAMP)
	$(BIN)/upward demo

## make test: install with test extras, make sure Chromium and R's gnm are there, run every test
test: $(TEST_STAMP) chromium poppler r-gnm
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Browser tests drive Debian's Chromium. Install it when we can (root); otherwise
# the browser tests skip and say why.
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium is missing and cannot be installed here: browser tests will be skipped."; \
	  fi; \
	fi

# The impact report's PDF tests turn pages into images with poppler's pdftoppm (and read
# their text with pdftotext). Install Debian's poppler-utils when we can (root); otherwise
# those tests skip and say why.
poppler:
	@if ! command -v pdftoppm >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's poppler-utils for the PDF tests…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; \
	  else \
	    echo "pdftoppm is missing and cannot be installed here: PDF image tests will be skipped."; \
	  fi; \
	fi

# The statistics tests compare fits with R's gnm (Debian's r-base-core and
# r-cran-gnm). Install them when we can (root); otherwise, or if the install
# fails, those tests skip and say why.
r-gnm:
	@if ! Rscript -e 'suppressMessages(library(gnm))' >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's r-base-core and r-cran-gnm for the R cross-checks…"; \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq r-base-core r-cran-gnm >/dev/null; } \
	      || echo "Could not install R's gnm: the R cross-checks will be skipped."; \
	  else \
	    echo "R's gnm is missing and cannot be installed here: the R cross-checks will be skipped."; \
	  fi; \
	fi

## make screenshots: retake the screenshots in docs/screenshots with the browser tests that take them
screenshots: $(TEST_STAMP) chromium poppler
	UPWARD_SCREENSHOTS=docs $(BIN)/python -m pytest tests/browser/test_screenshots.py \
	  tests/browser/test_mentoring_programmes.py tests/browser/test_mentoring_journey.py \
	  tests/browser/test_screenshots_outreach.py tests/browser/test_outreach_opportunities.py \
	  tests/browser/test_screenshots_awards.py tests/browser/test_screenshots_impact.py -q

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src/upward/measure src/upward/classify

bench-measure: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/measure_vs_peers.py

clean:
	rm -rf $(VENV) var .pytest_cache
