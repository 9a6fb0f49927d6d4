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
        bench i18n screenshots clean test-qgis340 test-qgis344

help:
	@echo "make test           install what is missing, start the local instance, run all tests"
	@echo "make test-unit      core tests only (no QGIS, no instance)"
	@echo "make test-qgis340   all tests on QGIS 3.40 LTR, in a Debian 13 (trixie) chroot (root)"
	@echo "make test-qgis344   all tests on QGIS 3.44, in a Debian unstable (sid) chroot (root)"
	@echo "make instance       start the local Panoramax (GeoVisio) on 127.0.0.1:5000"
	@echo "make instance-stop  stop it (data kept)"
	@echo "make run            QGIS desktop with the plugin in an isolated profile"
	@echo "make package        dist/panoramax_workbench-<version>.zip"
	@echo "make screenshots    the user guide's pictures (docs/img) from QGIS under Xvfb"
	@echo "make lint           ruff, then the QGIS PyQt5 -> PyQt6 migration checker (build/qt6-venv)"
	@echo "make format | bench | i18n | clean"

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

# The same suite on a newer QGIS: a cached Debian chroot of that release, the same bootstrap
# inside, the local instance on the host (scripts/chroot-test.sh).
test-qgis340:
	@bash scripts/chroot-test.sh trixie $(PYTEST_ARGS)

test-qgis344:
	@bash scripts/chroot-test.sh sid $(PYTEST_ARGS)

bench: venv instance
	@set -a; eval "$$(bash $(INSTANCE) env)"; set +a; \
	  failed=""; for f in tests/benchmarks/bench_*.py; do $(PY) $$f || failed="$$failed $$f"; done; \
	  if [ -n "$$failed" ]; then echo "benchmarks that failed:$$failed"; exit 1; fi

lint: venv
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	@bash scripts/qt6-check.sh

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
