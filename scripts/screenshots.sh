#!/usr/bin/env bash
# The user guide's screenshots (docs/img/en, docs/img/fr), from the real QGIS desktop.
#   scripts/screenshots.sh dist/panoramax_workbench-<version>.zip     (make screenshots)
# Puts real pictures on the local instance (scripts/guide_data.py), runs QGIS once per
# language (scripts/guide_screens.py, under Xvfb when there is no DISPLAY) and deletes
# every sequence it made, also when something fails. Needs ../shared/data beside the
# checkout and the local instance (make instance).
# GUIDE_UPLOAD=0   skip the upload report step (nothing sent from QGIS)
# GUIDE_LANGS="en fr"   the languages to shoot
set -euo pipefail
cd "$(dirname "$0")/.."
zip="${1:?usage: screenshots.sh dist/panoramax_workbench-<version>.zip}"
py=.venv/bin/python
eval "$(bash scripts/panoramax-instance.sh env)"
export PANORAMAX_API PANORAMAX_TOKEN
curl -sf -o /dev/null --max-time 10 "$PANORAMAX_API" \
  || { echo "the local instance does not answer at $PANORAMAX_API: make instance"; exit 1; }
command -v xvfb-run >/dev/null || [ -n "${DISPLAY:-}" ] \
  || { echo "xvfb-run is missing: apt-get install xvfb"; exit 1; }

work="$(mktemp -d /tmp/panoramax-guide.XXXX)"
# the instance is left as it was found, whatever happens below
trap '$py scripts/guide_data.py cleanup "$work" || true; rm -rf "$work"' EXIT
started=$SECONDS
$py scripts/guide_data.py seed "$work"

failed=0
mkdir -p build  # QGIS's output and the result of each session, to read when a step failed
for lang in ${GUIDE_LANGS:-en fr}; do
  out="docs/img/$lang"
  mkdir -p "$out"
  rm -f "$out"/*.png  # a step that no longer exists must not leave an old picture
  echo "QGIS in '$lang'…"
  # timeout: QGIS quits by itself (guide_screens.py), this only catches a hang at start-up
  PANORAMAX_DEMO=1 PANORAMAX_LOCALE="$lang" PANORAMAX_SCREEN=1600x1000 \
    PANORAMAX_CODE=scripts/guide_screens.py PANORAMAX_PROFILES="$work/profile-$lang" \
    PANORAMAX_GUIDE_SEED="$work/seed.json" PANORAMAX_GUIDE_OUT="$PWD/$out" \
    PANORAMAX_GUIDE_RESULT="$work/uploaded-$lang.json" \
    PANORAMAX_GUIDE_UPLOAD="${GUIDE_UPLOAD:-1}" \
    timeout -k 10 540 bash scripts/run-qgis.sh "$zip" >"build/screenshots-qgis-$lang.log" 2>&1 || true
  # the French session must not see the English upload on its map
  $py scripts/guide_data.py uploads "$work"
  if [ ! -s "$work/uploaded-$lang.json" ]; then
    echo "QGIS ended without a result ($lang); its output:"; tail -n 40 "build/screenshots-qgis-$lang.log"
    failed=1
    continue
  fi
  cp "$work/uploaded-$lang.json" "build/screenshots-$lang.json"
  $py - "$work/uploaded-$lang.json" <<'PY' || failed=1
import json, sys
result = json.load(open(sys.argv[1]))
for shot in result["shots"]:
    print(f"  {shot['file']:24} {shot['size'][0]}x{shot['size'][1]}  {shot['what']}")
for note in result.get("notes", []):
    print(f"  note: {note}")
for failure in result["failures"]:
    print(f"  FAILED: {failure}")
sys.exit(1 if result["failures"] else 0)
PY
done

# smaller files in git; optional (apt-get install optipng)
if command -v optipng >/dev/null; then
  optipng -quiet -o2 docs/img/*/*.png
fi
echo "screenshots in docs/img/ ($((SECONDS - started)) s)"
exit "$failed"
