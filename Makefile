# Two commands on a fresh machine:  `make run` (set up + dashboard)  and  `make test` (set up + every test).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-12)
ASSETS := .assets/.built-$(shell cat requirements.txt | sha256sum | cut -c1-12)
PORT ?= 8501
HOST ?= 127.0.0.1

.PHONY: run test test-fast setup system-deps build bench lint

setup: $(STAMP) system-deps

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $@

# Debian's chromium (figure export, browser tests), nginx (the replica test, `nginx -t` in lint) and poppler-utils
# (tests look at exported PDF pages). Never a browser download.
SYSTEM_PACKAGES := chromium fonts-dejavu-core nginx poppler-utils
system-deps:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	[ -z "$$missing" ] || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	  else echo "note: missing$$missing; figure export or the replica test is off. Install with: sudo apt-get install $(SYSTEM_PACKAGES)"; fi; }

# Streamlit's bundles compressed once (brotli 11, gzip) for server.py; about a minute, redone when requirements change.
$(ASSETS): $(STAMP)
	$(PY) -m serving.assets precompress .assets
	touch $@

run: setup $(ASSETS)
	$(PY) -m uvicorn server:app --host $(HOST) --port $(PORT)

test: setup
	$(PY) -m pytest

# Everything but the browser tests (tests/e2e): the loop while editing code; `make test` before a commit.
test-fast: $(STAMP)
	$(PY) -m pytest -m "not e2e" -n auto

build: $(STAMP)
	$(PY) -m loaders build

bench: setup $(ASSETS)
	$(PY) benchmarks/run.py
	$(PY) benchmarks/exports.py
	$(PY) benchmarks/europe.py
	$(PY) benchmarks/index.py
	$(PY) benchmarks/first_map.py

lint: setup
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .
	$(VENV)/bin/hadolint --config deploy/hadolint.yaml deploy/Dockerfile
	$(PY) -m serving.nginx check
