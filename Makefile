# Panoramax QGIS plugin: every command a contributor needs (see README.md).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
INSTANCE := scripts/panoramax-instance.sh
VERSION := $(shell sed -n 's/^version=//p' metadata.txt)
PACKAGE := dist/panoramax_workbench-$(VERSION).zip
PYTEST_ARGS ?=
export QT_QPA_PLATFORM ?= offscreen
export XDG_RUNTIME_DIR ?= /tmp/runtime-$(shell id -u)

.PHONY: help venv test test-unit test-fast instance instance-stop run package lint format \
        bench i18n screenshots clean

help:
	@echo "make test           install what is missing, start the local instance, run all tests"
	@echo "make test-unit      core tests only (no QGIS, no instance)"
	@echo "make instance       start the local Panoramax (GeoVisio) on 127.0.0.1:5000"
	@echo "make instance-stop  stop it (data kept)"
	@echo "make run            QGIS desktop with the plugin in an isolated profile"
	@echo "make package        dist/panoramax_workbench-<version>.zip"
	@echo "make screenshots    the user guide's pictures (docs/img) from QGIS under Xvfb"
	@echo "make lint | format | bench | i18n | clean"

venv:
	@bash scripts/bootstrap.sh

instance:
	@bash $(INSTANCE) up >/dev/null

instance-stop:
	@bash $(INSTANCE) stop

# All tests: unit, QGIS (offscreen) and integration against the real local instance.
test: venv instance i18n
	@set -a; eval "$$(bash $(INSTANCE) env)"; PANORAMAX_REQUIRE_INSTANCE=1; set +a; \
	  $(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS)

test-unit: venv
	$(PY) -m pytest -p no:qgis -p no:cacheprovider tests/unit $(PYTEST_ARGS)

bench: venv instance
	@set -a; eval "$$(bash $(INSTANCE) env)"; set +a; \
	  failed=""; for f in tests/benchmarks/bench_*.py; do $(PY) $$f || failed="$$failed $$f"; done; \
	  if [ -n "$$failed" ]; then echo "benchmarks that failed:$$failed"; exit 1; fi

lint: venv
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: venv
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

i18n: venv
	@bash scripts/i18n.sh

package: i18n
	@bash scripts/package.sh $(PACKAGE)

run: venv instance package
	@bash scripts/run-qgis.sh $(PACKAGE)

# The user guide's screenshots, from the real QGIS desktop (Xvfb without DISPLAY); the
# instance must be up (make instance): what it puts there is deleted at the end.
screenshots: venv package
	@bash scripts/screenshots.sh $(PACKAGE)

clean:
	rm -rf build dist i18n/*.qm .pytest_cache .ruff_cache
