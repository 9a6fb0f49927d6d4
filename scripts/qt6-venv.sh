#!/usr/bin/env bash
# Makes build/qt6-venv: PyQt6 from the package index, the QGIS PyQt5 -> PyQt6 migration
# checker (qgis-pyqt5to6) and numpy, pinned in requirements-qt6.txt.
# WITHOUT system site packages: the checker learns Qt6's enums by importing PyQt6, and
# also imports qgis when it can, which here would be QGIS 3.22 loading PyQt5 beside
# PyQt6 (wrong answers at best); the smoke test (tests/qt6) must run on PyQt6 only.
# Idempotent: a stamp holds the hash of the requirements; a second run only checks it.
# Exit code 75 (EX_TEMPFAIL) when the package index cannot be reached, so callers can
# tell "offline" from "broken".
set -euo pipefail
cd "$(dirname "$0")/.."

VENV="${QT6_VENV:-build/qt6-venv}"
# the Python QGIS runs on here; the smoke test then checks the plugin on that version
PYTHON="${QT6_PYTHON:-/usr/bin/python3}"
REQUIREMENTS=requirements-qt6.txt

log() { printf '[qt6-venv] %s\n' "$*" >&2; }

mkdir -p "$(dirname "$VENV")"
# make lint and make test may both want the venv at once: one builder at a time
exec 9>"$VENV.lock"
flock 9

want="$( (cat "$REQUIREMENTS"; "$PYTHON" -c 'import sys; print(sys.version)') | sha1sum | cut -d' ' -f1)"
stamp="$VENV/.requirements.sha"
if [ -x "$VENV/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

# a changed pin or Python: start clean rather than upgrade in place (no stale packages)
log "creating $VENV with $PYTHON (no system site packages)"
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
pip_log="$(mktemp)"; trap 'rm -f "$pip_log"' EXIT
log "installing $REQUIREMENTS (PyQt6, the migration checker, numpy)"
if ! "$VENV/bin/pip" install -q --disable-pip-version-check --retries 2 --timeout 30 \
    --ignore-requires-python -r "$REQUIREMENTS" >"$pip_log" 2>&1; then
  grep -v "^WARNING: Location" "$pip_log" | tail -20 >&2
  rm -rf "$VENV"  # no half-made venv that a later run could take for a ready one
  if grep -qiE "NewConnectionError|Failed to establish a new connection|Temporary failure in name resolution|Name or service not known|Network is unreachable|ConnectTimeout|ReadTimeout|Could not fetch URL" "$pip_log"; then
    log "the package index is unreachable"
    exit 75
  fi
  exit 1
fi
# the point of this venv: PyQt6 and the checker import, PyQt5 and qgis do not
"$VENV/bin/python" - >/dev/null <<'PY'
import importlib.util
import sys

import numpy  # noqa: F401
import PyQt6.Qsci  # noqa: F401
import PyQt6.QtWidgets  # noqa: F401
import pyqt5to6.pyqt5to6  # noqa: F401

leaks = [name for name in ("PyQt5", "qgis") if importlib.util.find_spec(name) is not None]
if leaks:
    sys.exit(f"importable in the Qt6 venv, should not be: {leaks}")
PY
echo "$want" > "$stamp"
log "ready: $("$VENV/bin/python" -c 'from PyQt6.QtCore import PYQT_VERSION_STR, qVersion; print(f"PyQt {PYQT_VERSION_STR}, Qt {qVersion()}")')"
