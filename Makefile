# Two commands on a fresh machine:  `make run` (set up + dashboard)  and  `make test` (set up + every test).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-12)
PORT ?= 8501

.PHONY: run test setup system-deps build bench lint

setup: $(STAMP) system-deps

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $@

# Debian's chromium: figure export (kaleido) and browser tests. Never a browser download.
system-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	  else echo "note: Debian's chromium is missing; figure export is off. Install it with: sudo apt-get install chromium"; fi; }

run: setup
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

test: setup
	$(PY) -m pytest

build: $(STAMP)
	$(PY) -m loaders build

bench: setup
	$(PY) benchmarks/run.py
	$(PY) benchmarks/exports.py
	$(PY) benchmarks/europe.py
	$(PY) benchmarks/index.py

lint: $(STAMP)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .
