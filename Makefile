# Every target installs what it needs into .venv first, so a fresh machine needs only
# Python 3.11 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test test-lowest test-latest lint install install-libreoffice install-chromium reference docs-images docs bench clean

build: $(STAMP)
	$(BIN)/samverkan build järva

test: $(STAMP)
	$(BIN)/python -m pytest

# The suite at the lowest versions pyproject.toml allows for each direct dependency, and at
# the newest releases: the floors and caps there are what these find. Each builds a venv of
# its own from scratch with uv (a dev extra in .venv), with the same Python as .venv; the
# browser test finds axe-core where `make install-chromium` put it (else it is skipped).
UV := $(BIN)/uv
AXE_IN_VENV := SAMVERKAN_AXE=$(CURDIR)/$(VENV)/axe-core/node_modules/axe-core/axe.min.js

test-lowest: $(STAMP)
	rm -rf .venv-lowest
	$(UV) venv --quiet --python $(BIN)/python .venv-lowest
	$(UV) pip install --quiet --python .venv-lowest/bin/python --resolution lowest-direct -e '.[dev]'
	$(AXE_IN_VENV) .venv-lowest/bin/python -m pytest

test-latest: $(STAMP)
	rm -rf .venv-latest
	$(UV) venv --quiet --python $(BIN)/python .venv-latest
	$(UV) pip install --quiet --python .venv-latest/bin/python --upgrade -e '.[dev]'
	$(AXE_IN_VENV) .venv-latest/bin/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check samverkan_cli tests scripts bench
	$(BIN)/ruff format --check samverkan_cli tests scripts bench
	$(BIN)/mypy
	$(BIN)/lint-imports  # the layers of samverkan_cli/ (pyproject.toml, docs/utveckling/code-map.md)

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# LibreOffice for `samverkan build NAME --pdf` (PDF/A), Debian/Ubuntu: Writer without the GUI
# converts DOCX to PDF; Liberation has the metrics of Arial (the reference document's font),
# Carlito and Caladea those of Calibri and Cambria (Word's defaults in a municipality's own
# reference document), so pages break as in Word; poppler-utils (pdftotext, pdftoppm) lets the
# tests and `make docs-images` read PDFs; python3-uno lets LibreOffice's own Python lay the DOCX out
# through UNO, for the page numbers in a table of contents (writers/uno_worker.py).
LIBREOFFICE_PACKAGES := libreoffice-writer-nogui fonts-liberation2 fonts-crosextra-carlito \
	fonts-crosextra-caladea poppler-utils python3-uno
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

install-libreoffice:
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -q
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q \
		--no-install-recommends $(LIBREOFFICE_PACKAGES)

# Headless Chromium and axe-core for the HTML pages' accessibility test
# (tests/test_html_browser.py, `build --html`): Debian's chromium, driven by Playwright from
# the dev extras with the system's browser (Playwright downloads no browser of its own), and
# axe-core at a pinned version from npm into the venv (ignored by git), where the test looks.
AXE_CORE_VERSION := 4.14.1

install-chromium: $(STAMP)
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -q
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q \
		--no-install-recommends chromium fonts-liberation2 $$(command -v npm >/dev/null || echo npm)
	npm install --prefix $(VENV)/axe-core --no-save --no-package-lock --no-audit --no-fund \
		--ignore-scripts axe-core@$(AXE_CORE_VERSION)

# Regenerate templates/reference.docx from samverkan_cli/writers/reference_document.py (a test checks
# that the committed file is up to date).
reference: $(STAMP)
	$(BIN)/python -m samverkan_cli.writers.reference_document templates/reference.docx

# The user guide (mkdocs.yml, docs/): the `docs` extra into .venv, the reference pages under
# docs/referens/ regenerated from schemas/, the rule catalogue and the profiles, then a strict
# build (a broken link or a page outside the nav fails) into out/site/.
DOCS_STAMP := $(VENV)/.docs-installed

$(DOCS_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,docs]'
	touch $(DOCS_STAMP)

docs: $(DOCS_STAMP)
	$(BIN)/python scripts/docs_reference.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir out/site

# The benchmark (bench/benchmark.py): the table of issue 20 against pandoc and check-jsonschema,
# which the `bench` extra installs into .venv (pandoc inside the pypandoc-binary wheel), then the
# shares of a one-shot build and the other figures. About 5 minutes; a quick look:
# make bench BENCH_ARGS='--pairs 3 --batch-pairs 1 --sizes ""'
BENCH_STAMP := $(VENV)/.bench-installed
BENCH_ARGS ?=

$(BENCH_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python bench/benchmark.py $(BENCH_ARGS)

# The page images in docs/bilder/ that the guide's start page shows (needs LibreOffice and poppler-utils:
# make install-libreoffice). Pages: Järva 1 and 3, Rinkeby-Kista's first åtgärdsplan.
docs-images: $(STAMP)
	rm -rf out/docs-images
	$(BIN)/samverkan build järva --pdf --out out/docs-images
	$(BIN)/samverkan build rinkeby-kista-2017 --pdf --out out/docs-images
	pdftoppm -r 70 -png -f 1 -l 1 -singlefile out/docs-images/lokal-samverkansoverenskommelse-jarva.pdf docs/bilder/jarva-sida-1
	pdftoppm -r 70 -png -f 3 -l 3 -singlefile out/docs-images/lokal-samverkansoverenskommelse-jarva.pdf docs/bilder/jarva-sida-3
	pdftoppm -r 70 -png -f 21 -l 21 -singlefile out/docs-images/samverkansoverenskommelse-rinkeby-kista-2017.pdf docs/bilder/rinkeby-kista-atgardsplan

clean:
	rm -rf $(VENV) .venv-lowest .venv-latest out .pytest_cache .mypy_cache .ruff_cache
