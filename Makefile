# Every target installs what it needs. Three venvs, never mixed:
#   .venv         the client, its tests and linters (pyproject.toml [dev])
#   .venv-build   openapi-python-client + ruff, pinned exactly (generator/requirements.txt)
#   .venv-server  the real BEMServer API the tests and the demo run (tests/server/requirements.txt)
PYTHON ?= python3
VENV := .venv
BUILD_VENV := .venv-build
SERVER_VENV := .venv-server
HARNESS := $(PYTHON) tests/server/harness.py
PIP_QUIET := --quiet --disable-pip-version-check

BENCH_VENV := .venv-bench
UPSTREAM_VENV := .venv-bench-upstream

.PHONY: help demo test unit lint spec generate check-generated server server-stop clean venv build-venv server-venv bench

help:
	@echo "make demo             start a local BEMServer, load sample data, run examples/quickstart.py"
	@echo "make test             check-generated + lint + every test (starts a real server)"
	@echo "make spec             fetch the OpenAPI document (BEMSERVER_URL=... or a local server)"
	@echo "make generate         regenerate generated/ from spec/"
	@echo "make server / server-stop   a local server for interactive use"
	@echo "make bench            ours vs upstream vs raw httpx (writes bench/RESULTS.md)"

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install $(PIP_QUIET) --editable ".[dev]"
	touch $@

$(BUILD_VENV)/.installed: generator/requirements.txt
	$(PYTHON) -m venv $(BUILD_VENV)
	$(BUILD_VENV)/bin/pip install $(PIP_QUIET) --requirement generator/requirements.txt
	touch $@

$(SERVER_VENV)/.installed: tests/server/requirements.txt
	$(PYTHON) -m venv $(SERVER_VENV)
	$(SERVER_VENV)/bin/pip install $(PIP_QUIET) --requirement tests/server/requirements.txt
	touch $@

# Benchmarks: this project installed as a user gets it (not editable), and the upstream client.
$(BENCH_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install $(PIP_QUIET) .
	touch $@

$(UPSTREAM_VENV)/.installed:
	$(PYTHON) -m venv $(UPSTREAM_VENV)
	$(UPSTREAM_VENV)/bin/pip install $(PIP_QUIET) "bemserver-api-client==0.22.0" "packaging==26.4"
	touch $@

venv: $(VENV)/.installed
build-venv: $(BUILD_VENV)/.installed
server-venv: $(SERVER_VENV)/.installed

demo: venv server-venv
	$(HARNESS) run -- sh -c '$(VENV)/bin/python examples/sample_data.py && $(VENV)/bin/python examples/quickstart.py'

test: check-generated lint venv server-venv
	$(VENV)/bin/python -m pytest

spec:
ifdef BEMSERVER_URL
	$(PYTHON) generator/fetch_spec.py "$(BEMSERVER_URL)"
else
	$(MAKE) server-venv
	$(HARNESS) run -- sh -c '$(PYTHON) generator/fetch_spec.py "$$BEMSERVER_URL"'
endif

generate: build-venv
	$(BUILD_VENV)/bin/python generator/generate.py --out generated

check-generated: build-venv
	$(BUILD_VENV)/bin/python generator/generate.py --check generated

lint: venv
	$(VENV)/bin/ruff check overlay tests generator examples bench
	$(VENV)/bin/ruff format --check overlay tests generator examples bench
	$(VENV)/bin/mypy

bench: server-venv $(BENCH_VENV)/.installed $(UPSTREAM_VENV)/.installed
	$(BENCH_VENV)/bin/pip install $(PIP_QUIET) --no-deps --force-reinstall .  # the current code
	$(PYTHON) bench/run.py

server: venv server-venv
	$(HARNESS) start

server-stop:
	$(HARNESS) stop

clean:
	rm -rf $(VENV) $(BUILD_VENV) $(SERVER_VENV) $(BENCH_VENV) $(UPSTREAM_VENV) .server build dist *.egg-info
