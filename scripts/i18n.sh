#!/usr/bin/env bash
# Extracts translatable strings to i18n/panoramax_<lang>.ts and compiles the .qm files.
#   scripts/i18n.sh            update the .ts files (translations kept) and build .qm
#   scripts/i18n.sh --release  build .qm only (packaging; sources untouched)
#   scripts/i18n.sh --allow-drop  update, accepting that strings removed from the code
#                                 lose their translations (refused otherwise)
set -euo pipefail
cd "$(dirname "$0")/.."
LANGUAGES=(fr)
PYTHON="${PYTHON:-/usr/bin/python3}"
# the plugin's sources: git's list in a checkout, else (a source tarball, a container
# without git) the files on disk; bundled dependencies are never ours to translate
if command -v git >/dev/null 2>&1 && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t SOURCES < <(git ls-files -co --exclude-standard -- '*.py' \
    | grep -E '^(panoramax_plugin/|__init__.py$)' | grep -v '/_vendor/' | sort)
else
  mapfile -t SOURCES < <({ find panoramax_plugin -name '*.py' -not -path '*/_vendor/*'; \
    echo __init__.py; } | sort)
fi

for lang in "${LANGUAGES[@]}"; do
  ts="i18n/panoramax_${lang}.ts"
  if [ "${1:-}" != "--release" ]; then
    "$PYTHON" scripts/i18n_extract.py ${1:+"$1"} "$ts" "${SOURCES[@]}"
  fi
  lrelease -silent "$ts" -qm "i18n/panoramax_${lang}.qm"
done
