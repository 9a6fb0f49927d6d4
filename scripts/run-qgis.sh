#!/usr/bin/env bash
# Starts the QGIS desktop with the packaged plugin enabled, in a throw-away profile.
#   scripts/run-qgis.sh dist/panoramax_workbench-<version>.zip
# PANORAMAX_DEMO=1      preselect the local instance (http://127.0.0.1:5000) in the panel
# PANORAMAX_SCREENSHOT=file.png   open the panel, connect, save a screenshot and quit
# PANORAMAX_DEMO_UPLOAD=folder     with DEMO: also open the upload dialog on that folder
#                                   (checked, not sent); the screenshot is then the screen
#                                 (runs under xvfb-run when there is no DISPLAY)
# PANORAMAX_CODE=script.py        run that PyQGIS file once QGIS is up, instead of the
#                                 screenshot above (also under xvfb-run without DISPLAY);
#                                 the script must quit QGIS itself (scripts/screenshots.sh)
# PANORAMAX_LOCALE=fr             QGIS (and the plugin) in that language
# PANORAMAX_SCREEN=1600x1000      size of the Xvfb screen
# PANORAMAX_PROFILES=dir          an empty folder for the profile (default: a new /tmp one)
set -euo pipefail
# the Makefile exports QT_QPA_PLATFORM=offscreen for the tests; the desktop needs a real
# display (or Xvfb): offscreen QGIS crashes at start-up in its clipboard
unset QT_QPA_PLATFORM
cd "$(dirname "$0")/.."
zip="${1:?usage: run-qgis.sh dist/panoramax_workbench-<version>.zip}"
if ! command -v qgis >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "install the QGIS desktop: apt-get install qgis"; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends qgis >/dev/null
fi
profiles="${PANORAMAX_PROFILES:-$(mktemp -d /tmp/panoramax-qgis-profiles.XXXX)}"
profile="$profiles/profiles/default"
mkdir -p "$profile/python/plugins" "$profile/QGIS"
unzip -q "$zip" -d "$profile/python/plugins"
{
  echo "[PythonPlugins]"; echo "panoramax_workbench=true"
  if [ "${PANORAMAX_DEMO:-0}" = 1 ]; then
    echo "[panoramax]"; echo "instance_key=custom"; echo "custom_url=http://127.0.0.1:5000"
  fi
  if [ -n "${PANORAMAX_LOCALE:-}" ]; then
    echo "[locale]"; echo "userLocale=$PANORAMAX_LOCALE"; echo "overrideFlag=true"
  fi
  echo "[qgis]"; echo "checkVersion=false"; echo "showTips=false"
  echo "[core]"; echo "first_run=false"
} > "$profile/QGIS/QGIS3.ini"

args=(--nologo --noversioncheck --profiles-path "$profiles" --profile default)
xvfb=(xvfb-run -a -s "-screen 0 ${PANORAMAX_SCREEN:-1600x1000}x24")
if [ -n "${PANORAMAX_CODE:-}" ]; then
  args+=(--code "$(realpath "$PANORAMAX_CODE")")
  if [ -z "${DISPLAY:-}" ]; then
    exec "${xvfb[@]}" qgis "${args[@]}"
  fi
elif [ -n "${PANORAMAX_SCREENSHOT:-}" ]; then
  shot="$(cd "$(dirname "$PANORAMAX_SCREENSHOT")" && pwd)/$(basename "$PANORAMAX_SCREENSHOT")"
  cat > "$profiles/shot.py" <<PY
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject, QgsRectangle
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface, plugins
DEMO = "${PANORAMAX_DEMO:-0}" == "1"  # only ever connect to the local instance unattended
BBOX = [float(v) for v in "${PANORAMAX_DEMO_BBOX:-}".split(",") if v]
UPLOAD = "${PANORAMAX_DEMO_UPLOAD:-}"
def open_panel():
    plugin = plugins["panoramax_workbench"]
    plugin.panel_action.setChecked(True)
    if DEMO:
        plugin.panel.connect_instance()
def load():
    if DEMO and BBOX:
        canvas = iface.mapCanvas()
        canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
        to_map = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                                        canvas.mapSettings().destinationCrs(), QgsProject.instance())
        canvas.setExtent(to_map.transformBoundingBox(QgsRectangle(*BBOX)))
        plugins["panoramax_workbench"].panel.load_in_view()
    if DEMO and UPLOAD:
        dialog = plugins["panoramax_workbench"].open_upload()
        dialog.move(500, 200)
        dialog.add_folder(UPLOAD)
def grab():
    if DEMO and UPLOAD:
        from qgis.PyQt.QtGui import QGuiApplication
        QGuiApplication.primaryScreen().grabWindow(0).save("$shot")
    else:
        iface.mainWindow().grab().save("$shot")
    QgsProject.instance().setDirty(False)  # no "save the project?" question on the way out
    import os
    QTimer.singleShot(1000, lambda: os._exit(0))  # a screenshot run must end by itself,
    iface.mainWindow().close()  # even if QGIS asks about tasks still running
def safely(function):
    def run():
        try:
            function()
        except Exception:  # shown in the terminal, and the screenshot still happens
            import traceback
            traceback.print_exc()
    return run
QTimer.singleShot(2000, safely(open_panel))
QTimer.singleShot(5000, safely(load))
QTimer.singleShot(${PANORAMAX_SHOT_DELAY_MS:-14000}, safely(grab))
PY
  args+=(--code "$profiles/shot.py")
  if [ -z "${DISPLAY:-}" ]; then
    exec "${xvfb[@]}" qgis "${args[@]}"
  fi
fi
exec qgis "${args[@]}"
