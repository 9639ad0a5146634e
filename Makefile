# Funnbanken. Quick start: `make site` builds site/, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SEEDS ?= ../shared/seeds

.PHONY: site test check serve verify-quotes schema clean chromium lock bench

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

site: $(VENV)/.runtime  ## build site/ from content/
	$(PY) build.py build

check: $(VENV)/.runtime  ## validate content/ and report every problem
	$(PY) build.py check

serve: $(VENV)/.runtime  ## live preview on http://127.0.0.1:8000/
	$(PY) build.py serve

verify-quotes: $(VENV)/.runtime  ## every quote verbatim in its source text
	$(PY) build.py verify-quotes --sources $(SEEDS)

schema: $(VENV)/.runtime  ## regenerate schema/*.schema.json from the model
	$(PY) build.py schema

test: $(VENV)/.dev chromium  ## the whole suite
	$(PY) -m pytest

# Zensical goes into a venv of its own (its pins differ from MkDocs'); without it the benchmark says so.
bench: $(VENV)/.dev chromium  ## benchmark N = 10, 100, 1000, 10000 → table + targets + bench/results.json (N = 10000 takes long)
	test -x .venv-zensical/bin/zensical || ($(PYTHON) -m venv .venv-zensical && \
		.venv-zensical/bin/pip install -q --disable-pip-version-check zensical==0.0.73) || echo "Zensical did not install"
	$(PY) bench/run.py --sizes 10 100 1000 10000 --out bench/results.json

# Browser tests use Debian's Chromium. As root it is installed when missing; otherwise the
# browser tests skip with a message (with CI=true a missing browser fails them).
chromium:
	@if ! command -v chromium >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

lock:  ## re-pin requirements*.txt from a fresh environment
	@echo "Create a fresh venv, pip install the ranges in pyproject.toml, and paste pip freeze into requirements.txt."

clean:
	rm -rf site build .funnbank-tmp-*
