#!/usr/bin/env bash
# Builds the installable plugin zip: dist/panoramax_workbench-<version>.zip with a top folder
# named `panoramax_workbench` (the module name QGIS imports; not `panoramax`, which could
# collide with the official Panoramax plugin's folder). Content: the committed plugin
# files (git archive, minus export-ignore), the compiled translations and the bundled
# runtime dependencies (requirements-runtime.txt, in panoramax_plugin/_vendor).
# Uncommitted changes are included too (git stash create), so what you test is what you ship.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: package.sh dist/panoramax_workbench-<version>.zip}"
mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
name=panoramax_workbench
bash scripts/i18n.sh --release
tree="$(git -c user.name=package -c user.email=package@localhost stash create 2>/dev/null || true)"
tree="${tree:-HEAD}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
git archive --format=tar --prefix="$name/" "$tree" | tar -x -C "$work"
# untracked new plugin files would be missing from the archive: refuse rather than ship less
untracked="$(git ls-files -o --exclude-standard -- panoramax_plugin resources __init__.py metadata.txt)"
if [ -n "$untracked" ]; then echo "untracked plugin files (git add them first):"; echo "$untracked"; exit 1; fi
# pure-Python dependencies stock QGIS lacks, under the plugin's own namespace
# any Python with pip will do: the project's venv, the one named by $VENV (a chroot's),
# else the system's (a venv made on another system may not run here)
python=python3
for candidate in "${VENV:-.venv}/bin/python" .venv/bin/python; do
  if "$candidate" -c "import pip" >/dev/null 2>&1; then python="$candidate"; break; fi
done
"$python" scripts/vendor_deps.py requirements-runtime.txt "$work/$name/panoramax_plugin/_vendor" \
  build/vendor-wheels
mkdir -p "$work/$name/i18n"
cp i18n/*.qm "$work/$name/i18n/"
find "$work" -name '__pycache__' -prune -exec rm -rf {} +
rm -f "$out"
(cd "$work" && zip -qr -X "$out" "$name")
echo "$out ($(du -h "$out" | cut -f1))"
