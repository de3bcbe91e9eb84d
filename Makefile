# Every target installs what it needs. Three kinds of venv, never mixed:
#   .venv         the client, its tests and linters (pyproject.toml [dev])
#   .venv-build   openapi-python-client + ruff, pinned exactly (generator/requirements.txt)
#   .venv-server-<version>  the real BEMServer API the tests and the demo run, one per
#                 tools/server/requirements/<version>.txt (BEMSERVER_API_VERSION=x.y.z picks one;
#                 default: the newest); `make test` installs and tests them all
PYTHON ?= python3
VENV := .venv
BUILD_VENV := .venv-build
SERVER_VERSIONS := $(shell ls tools/server/requirements | sed -n 's/\.txt$$//p' | sort -V)
API_VERSION := $(or $(BEMSERVER_API_VERSION),$(lastword $(SERVER_VERSIONS)))
TEST_VERSIONS := $(or $(BEMSERVER_API_VERSION),$(SERVER_VERSIONS))
# The pinned venvs of these versions; none with BEMSERVER_SERVER_VENV (that venv replaces them).
server_venvs = $(if $(BEMSERVER_SERVER_VENV),,$(foreach v,$(1),.venv-server-$(v)/.installed))
# Tools, the bench and generator/upstream.py run as modules from here, the root (`python -m`
# puts it on the import path: `tools`, `bench` and `generator` import from it).
HARNESS := $(PYTHON) -m tools.server.harness
PIP_QUIET := --quiet --disable-pip-version-check

BENCH_VENV := .venv-bench
UPSTREAM_VENV := .venv-bench-upstream

.PHONY: help demo test lint spec generate check-generated server server-stop clean venv build-venv server-venv server-venvs bench upgrade check-upstream test-pythons docs

help:
	@echo "make demo             start a local BEMServer, load sample data, run examples/quickstart.py and async_download.py"
	@echo "make test             check-generated + lint + every test (real servers, one per version)"
	@echo "make test-pythons     the unit tests on Python 3.11, 3.12 and 3.13 (nox; all three must be installed)"
	@echo "make spec             fetch the OpenAPI document (BEMSERVER_URL=... or a local server)"
	@echo "make generate         regenerate the generator-owned folders (generated/, _generated/, docs/reference/entry-points/)"
	@echo "make docs             build the documentation site into site/ (mkdocs --strict)"
	@echo "make server / server-stop   a local server for interactive use"
	@echo "make upgrade [VERSION=x.y.z]  add a bemserver-api release (default: PyPI's newest), test it"
	@echo "make check-upstream   does PyPI's newest bemserver-api change the API? (writes nothing)"
	@echo "make bench            ours vs upstream vs raw httpx, in rounds (writes bench/RESULTS.md)"
	@echo "make bench QUICK=1    the same, fewer rounds, no heavy timeseries (< 2 min, writes nothing)"

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install $(PIP_QUIET) --editable ".[dev]"
	touch $@

$(BUILD_VENV)/.installed: generator/requirements.txt
	$(PYTHON) -m venv $(BUILD_VENV)
	$(BUILD_VENV)/bin/pip install $(PIP_QUIET) --requirement generator/requirements.txt
	touch $@

.venv-server-%/.installed: tools/server/requirements/%.txt
	$(PYTHON) -m venv .venv-server-$*
	.venv-server-$*/bin/pip install $(PIP_QUIET) --requirement $<
	touch $@

tools/server/requirements/%.txt:
	@echo "no $@ (versions: $(SERVER_VERSIONS)): \`make upgrade VERSION=$*\` adds it" >&2; exit 1

# Benchmarks: this project installed as a user gets it (not editable), and the upstream client.
$(BENCH_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install $(PIP_QUIET) .
	touch $@

$(UPSTREAM_VENV)/.installed:
	$(PYTHON) -m venv $(UPSTREAM_VENV)
	$(UPSTREAM_VENV)/bin/pip install $(PIP_QUIET) "bemserver-api-client==0.22.0" "packaging==26.4"
	touch $@

# The official web UI on this client (tests/compat/test_bemserver_ui.py): a venv of its own, as the
# UI pins Flask; the client editable (the UI runs the working tree); the stand-in distribution
# gives it the name and version the UI requires. Reinstalled when a version or dependency changes.
UI_VENV := .venv-ui
$(UI_VENV)/.installed: pyproject.toml compat/bemserver-api-client/pyproject.toml overlay/bemserver_api_client/__init__.py
	$(PYTHON) -m venv $(UI_VENV)
	$(UI_VENV)/bin/pip install $(PIP_QUIET) --editable . ./compat/bemserver-api-client "bemserver-ui==0.10.0"
	$(UI_VENV)/bin/pip check
	touch $@

venv: $(VENV)/.installed
build-venv: $(BUILD_VENV)/.installed
server-venv: $(call server_venvs,$(API_VERSION))
server-venvs: $(call server_venvs,$(TEST_VERSIONS))

demo: venv server-venv
	$(HARNESS) run -- sh -c '$(VENV)/bin/python examples/sample_data.py && $(VENV)/bin/python examples/quickstart.py && $(VENV)/bin/python examples/async_download.py'

test: check-generated lint docs venv server-venvs $(UI_VENV)/.installed test-pythons
	$(VENV)/bin/python -m pytest

# The tests that need no server on every supported Python (noxfile.py), each in a venv of its own
# under .nox/; an interpreter that cannot be found fails the run, naming it. NOX_PYTHONS=3.12 (or
# "3.12 3.13") runs those only.
test-pythons: venv
	$(VENV)/bin/nox $(if $(NOX_PYTHONS),--python $(NOX_PYTHONS))

spec:
ifdef BEMSERVER_URL
	$(PYTHON) generator/fetch_spec.py "$(BEMSERVER_URL)"
else
	$(MAKE) server-venv
	$(HARNESS) run -- sh -c '$(PYTHON) generator/fetch_spec.py "$$BEMSERVER_URL"'
endif

generate: build-venv
	$(BUILD_VENV)/bin/python generator/generate.py

check-generated: build-venv
	$(BUILD_VENV)/bin/python generator/generate.py --check

# The site (mkdocs.yml, docs/): strict, a warning fails it. site/ is gitignored.
docs: venv
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --quiet

lint: venv
	$(VENV)/bin/ruff check overlay tests tools generator examples bench noxfile.py
	$(VENV)/bin/ruff format --check overlay tests tools generator examples bench noxfile.py
	$(VENV)/bin/mypy

# QUICK=1: fewer rounds, no 100k-point or end-to-end timeseries, no DataFrames or Dask, nothing
# written (development).
bench: server-venv $(BENCH_VENV)/.installed $(UPSTREAM_VENV)/.installed
	$(BENCH_VENV)/bin/pip install $(PIP_QUIET) --no-deps --force-reinstall .  # the current code
	$(BENCH_VENV)/bin/pip install $(PIP_QUIET) "pandas==3.1.1"  # DataFrame rows: both clients
	$(UPSTREAM_VENV)/bin/pip install $(PIP_QUIET) "pandas==3.1.1"
	$(BENCH_VENV)/bin/pip install $(PIP_QUIET) "dask[dataframe]==2026.8.0" "distributed==2026.8.0"  # the dask extra, pinned as in [dev]
	$(PYTHON) -m bench.run $(if $(QUICK),--quick)
	$(if $(QUICK),@echo "bench/dataframes.py: not with QUICK",$(PYTHON) -m bench.dataframes)  # DataFrames 10 x 100k on the real server, its section of RESULTS.md
	$(if $(QUICK),@echo "bench/dask_cluster.py: not with QUICK",$(PYTHON) -m bench.dask_cluster)  # Dask 10 x 1M on the real server (~15 min), its section of RESULTS.md

server: venv server-venv
	$(HARNESS) start

server-stop:
	$(HARNESS) stop

# A new release: its server venv and requirements file resolved from scratch, its document in
# spec/, generated/ remade, what changed since the newest older document, then every test.
upgrade:
	@version="$$($(PYTHON) -m generator.upstream resolve $(VERSION))" && \
	BEMSERVER_API_VERSION="$$version" $(HARNESS) run -- sh -c '$(PYTHON) generator/fetch_spec.py "$$BEMSERVER_URL"' && \
	$(MAKE) generate && \
	$(PYTHON) generator/upgrade.py report-spec "$$version" && \
	$(MAKE) test

check-upstream:
	@$(PYTHON) -m generator.upstream check

clean:
	rm -rf $(VENV) $(BUILD_VENV) .venv-server-* $(BENCH_VENV) $(UPSTREAM_VENV) $(UI_VENV) .nox .server site build dist *.egg-info
