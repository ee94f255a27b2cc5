# Two commands set everything up on a fresh clone: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: the build date (sitemap) is the last commit's, not today's.
GIT_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(GIT_EPOCH),)
export SOURCE_DATE_EPOCH ?= $(GIT_EPOCH)
endif

.PHONY: site site-zensical test serve serve-zensical validate lint bench golden translations constraints clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24,<27"

# The build needs the package and its pinned dependencies; the tests need the test extras too.
$(VENV)/.site-deps: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.test-deps: pyproject.toml constraints.txt $(VENV)/.site-deps
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

# From npm, exactly as package-lock.json pins them: the offline copy's worker shim
# (iframe-worker) and the checkers the tests run (axe-core, the Nu Html Checker). No install
# scripts: vnu-jar's would download a Java runtime; the tests use the system's.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
	touch $@

site: $(VENV)/.site-deps node_modules/.installed  ## Build the whole site into site/
	$(BIN)/mkdocs build --strict

# The same site built by Zensical (Material's successor, which runs no MkDocs plugin) from the
# project `python -m generator generate` writes: .cache/zensical/ holds it between builds.
site-zensical: $(VENV)/.site-deps node_modules/.installed  ## Build the whole site with Zensical into site-zensical/
	$(BIN)/python -m generator build --engine zensical --site-dir site-zensical

validate: $(VENV)/.site-deps  ## Check the curriculum: every problem as file:line:col
	$(BIN)/python -m generator validate

serve: $(VENV)/.site-deps  ## Preview with live reload on http://127.0.0.1:8000/
	$(BIN)/mkdocs serve --livereload

serve-zensical: $(VENV)/.site-deps  ## Preview with Zensical; pages follow the YAML as you save
	$(BIN)/python -m generator serve --engine zensical

test: $(VENV)/.test-deps node_modules/.installed  ## Lint, type-check and run the tests
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy generator
	$(BIN)/pytest -n auto --dist loadfile  # a worker per core, a test file's tests together

lint: $(VENV)/.test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy generator

bench: $(VENV)/.test-deps  ## Every speed figure (generator, planners, plugin, serve, engines) with its target
	$(BIN)/python -m tests.bench

# The words the generator adds (templates, Python, the browser script) in gettext catalogs: the
# template messages.pot, and one messages.po per language for translators (compiled at build).
# The functions the generator's words are marked by (the pages' Markdown, the planners' HTML).
MESSAGE_KEYWORDS := -k t -k nt:1,2 -k _t -k _nt:1,2 -k N_ -k gettext -k ngettext:1,2
translations: $(VENV)/.site-deps  ## Re-extract the generator's words and update every catalog
	$(BIN)/pybabel extract -F babel.cfg $(MESSAGE_KEYWORDS) \
	  --no-location --sort-output --omit-header -o generator/locale/messages.pot .
	$(BIN)/pybabel update -i generator/locale/messages.pot -d generator/locale -D messages \
	  --no-fuzzy-matching --ignore-pot-creation-date

golden: $(VENV)/.site-deps  ## Refresh the golden Markdown after an intended change
	$(BIN)/python -m tests.update_golden

constraints: $(VENV)/.test-deps  ## Re-pin every dependency to what is installed now
	{ echo "# Exact versions for reproducible builds (regenerate with: make constraints)."; \
	  $(BIN)/python -m pip freeze --exclude-editable; } > constraints.txt

clean:
	rm -rf site site-zensical $(VENV) node_modules .cache .pytest_cache .mypy_cache .ruff_cache *.egg-info
