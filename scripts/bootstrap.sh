#!/usr/bin/env bash
# Installs what the tests need on Debian 12, only what is missing:
#   - Debian packages: QGIS 3.22 Python bindings, Xvfb, Qt i18n tools, python3-venv
#   - .venv (system site packages, for qgis) with numpy pinned to the system version
# Idempotent: a second run does nothing but check (about a second).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV="${VENV:-.venv}"
SYSTEM_PYTHON="${SYSTEM_PYTHON:-/usr/bin/python3}"
APT_PACKAGES=(python3-qgis qgis-providers qgis python3-venv python3-pip xvfb xauth
              pyqt5-dev-tools qttools5-dev-tools python3-pil zip unzip curl)

log() { printf '[bootstrap] %s\n' "$*" >&2; }

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { log "missing Debian packages: ${missing[*]} (run as root or install them)"; exit 1; }
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends "${missing[@]}" >/tmp/panoramax-apt.log 2>&1; then
    apt-get update >/tmp/panoramax-apt-update.log 2>&1
    apt-get install -y --no-install-recommends "${missing[@]}" >/tmp/panoramax-apt.log 2>&1 \
      || { tail -20 /tmp/panoramax-apt.log; exit 1; }
  fi
fi

"$SYSTEM_PYTHON" -c "import qgis.core" 2>/dev/null || { log "qgis does not import with $SYSTEM_PYTHON"; exit 1; }

stamp="$VENV/.requirements.sha"
want="$(cat requirements-dev.txt | sha1sum | cut -d' ' -f1)"
if [ -x "$VENV/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
if [ ! -x "$VENV/bin/python" ]; then
  log "creating $VENV with $SYSTEM_PYTHON (system site packages)"
  "$SYSTEM_PYTHON" -m venv --system-site-packages "$VENV"
fi
numpy_version="$("$SYSTEM_PYTHON" -c 'import numpy; print(numpy.__version__)')"
echo "numpy==$numpy_version" > "$VENV/constraints.txt"
log "installing test dependencies (numpy pinned to $numpy_version)"
"$VENV/bin/pip" install -q --disable-pip-version-check -c "$VENV/constraints.txt" \
  -r requirements-dev.txt 2>&1 | grep -v "^WARNING: Location" || true
"$VENV/bin/python" -c "import pytest, pytest_qgis, pystac_client, shapely, piexif, qgis.core"
echo "$want" > "$stamp"
log "venv ready"
