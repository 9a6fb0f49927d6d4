#!/usr/bin/env bash
# Extracts translatable strings to i18n/panoramax_<lang>.ts and compiles the .qm files.
#   scripts/i18n.sh            update the .ts files (translations kept) and build .qm
#   scripts/i18n.sh --release  build .qm only (packaging; sources untouched)
set -euo pipefail
cd "$(dirname "$0")/.."
LANGUAGES=(fr)
PYTHON="${PYTHON:-/usr/bin/python3}"
mapfile -t SOURCES < <(git ls-files -co --exclude-standard -- '*.py' \
  | grep -E '^(panoramax_plugin/|__init__.py$)' | sort)

for lang in "${LANGUAGES[@]}"; do
  ts="i18n/panoramax_${lang}.ts"
  if [ "${1:-}" != "--release" ]; then
    "$PYTHON" scripts/i18n_extract.py "$ts" "${SOURCES[@]}"
  fi
  lrelease -silent "$ts" -qm "i18n/panoramax_${lang}.qm"
done
