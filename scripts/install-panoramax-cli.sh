#!/usr/bin/env bash
# install-panoramax-cli.sh - the official Panoramax upload CLI (PyPI `panoramax_cli`) in its
# own venv, apart from the project's .venv (used by the upload benchmark as the reference).
#
# Usage: scripts/install-panoramax-cli.sh [VENV]     (default: build/cli-venv)
# Prints the path of the `panoramax_cli` executable. Idempotent: does nothing when it is
# already installed.
# Tunables: PANORAMAX_CLI_VERSION (default: latest), PANORAMAX_CLI_PYTHON (/usr/bin/python3).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${1:-$ROOT/build/cli-venv}"
PYTHON="${PANORAMAX_CLI_PYTHON:-/usr/bin/python3}"
SPEC="panoramax_cli${PANORAMAX_CLI_VERSION:+==$PANORAMAX_CLI_VERSION}"
EXE="$VENV/bin/panoramax_cli"

if [ -x "$EXE" ] && "$VENV/bin/python" -c "import panoramax_cli" 2>/dev/null; then
    echo "$EXE"
    exit 0
fi
mkdir -p "$(dirname "$VENV")"
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV" >&2
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >&2
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$SPEC" >&2
if [ ! -x "$EXE" ]; then
    echo "install-panoramax-cli: no $EXE after pip install $SPEC" >&2
    exit 1
fi
echo "$EXE"
