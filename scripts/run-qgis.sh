#!/usr/bin/env bash
# Starts the QGIS desktop with the packaged plugin enabled, in a throw-away profile.
#   scripts/run-qgis.sh dist/panoramax-<version>.zip
# PANORAMAX_DEMO=1      preselect the local instance (http://127.0.0.1:5000) in the panel
# PANORAMAX_SCREENSHOT=file.png   open the panel, connect, save a screenshot and quit
#                                 (runs under xvfb-run when there is no DISPLAY)
set -euo pipefail
cd "$(dirname "$0")/.."
zip="${1:?usage: run-qgis.sh dist/panoramax-<version>.zip}"
if ! command -v qgis >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "install the QGIS desktop: apt-get install qgis"; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends qgis >/dev/null
fi
profiles="$(mktemp -d /tmp/panoramax-qgis-profiles.XXXX)"
profile="$profiles/profiles/default"
mkdir -p "$profile/python/plugins" "$profile/QGIS"
unzip -q "$zip" -d "$profile/python/plugins"
{
  echo "[PythonPlugins]"; echo "panoramax=true"
  if [ "${PANORAMAX_DEMO:-0}" = 1 ]; then
    echo "[panoramax]"; echo "instance_key=custom"; echo "custom_url=http://127.0.0.1:5000"
  fi
  echo "[qgis]"; echo "checkVersion=false"; echo "showTips=false"
  echo "[core]"; echo "first_run=false"
} > "$profile/QGIS/QGIS3.ini"

args=(--nologo --noversioncheck --profiles-path "$profiles" --profile default)
if [ -n "${PANORAMAX_SCREENSHOT:-}" ]; then
  shot="$(cd "$(dirname "$PANORAMAX_SCREENSHOT")" && pwd)/$(basename "$PANORAMAX_SCREENSHOT")"
  cat > "$profiles/shot.py" <<PY
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface, plugins
def open_panel():
    plugin = plugins["panoramax"]
    plugin.panel_action.setChecked(True)
    if ${PANORAMAX_DEMO:-0} == 1:  # only ever connect to the local instance unattended
        plugin.panel.connect_instance()
def grab():
    iface.mainWindow().grab().save("$shot")
    iface.mainWindow().close()
QTimer.singleShot(2000, open_panel)
QTimer.singleShot(6000, grab)
PY
  args+=(--code "$profiles/shot.py")
  if [ -z "${DISPLAY:-}" ]; then
    exec xvfb-run -a -s "-screen 0 1600x1000x24" qgis "${args[@]}"
  fi
fi
exec qgis "${args[@]}"
