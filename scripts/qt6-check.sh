#!/usr/bin/env bash
# QGIS 4 / Qt6 readiness, run by `make lint`: the QGIS project's PyQt5 -> PyQt6 migration
# script (PyPI: qgis-pyqt5to6) over the plugin sources, failing on any finding.
# That script only knows how to rewrite files in place, so scripts/qt6_check.py runs it on a
# temporary copy and reports what it changed (as a diff) and what it warned about.
# Usage: scripts/qt6-check.sh [PATH...]   (default: panoramax_plugin/ and __init__.py)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/qt6-venv.sh  # the checker lives in its own venv: PyQt6 only, no PyQt5
exec build/qt6-venv/bin/python scripts/qt6_check.py "$@"
