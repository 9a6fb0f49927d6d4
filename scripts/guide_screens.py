"""Drives the QGIS desktop through the user guide's steps and saves a PNG per step.

Run by ``scripts/screenshots.sh`` as ``qgis --code`` (through ``scripts/run-qgis.sh``),
never imported. It reads its inputs from the environment:

    PANORAMAX_GUIDE_SEED    seed.json written by ``scripts/guide_data.py seed``
    PANORAMAX_GUIDE_OUT     folder of the PNGs (docs/img/<lang>)
    PANORAMAX_GUIDE_RESULT  JSON written at the end: shots, failures, uploaded sequences
    PANORAMAX_GUIDE_UPLOAD  1: also send the upload folder and shoot the report
    PANORAMAX_TOKEN         the local instance's test account

Each step waits for what it shows (a connection, loaded layers, a picture file, the
check) with a bound; a wait that runs out is recorded as a failure and the run goes on.
QGIS always quits by itself, at the latest after ``TIME_LIMIT_S``.
"""

import json
import os
import time
import traceback
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProject,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QPointF, QRect, Qt, QTimer
from qgis.PyQt.QtWidgets import QDockWidget
from qgis.utils import iface, plugins

SEED = json.loads(Path(os.environ["PANORAMAX_GUIDE_SEED"]).read_text())
OUT = Path(os.environ["PANORAMAX_GUIDE_OUT"])
RESULT = Path(os.environ["PANORAMAX_GUIDE_RESULT"])
UPLOAD = os.environ.get("PANORAMAX_GUIDE_UPLOAD") == "1"
TOKEN = os.environ.get("PANORAMAX_TOKEN", "")
LANG = OUT.name
WINDOW = (1400, 900)
TIME_LIMIT_S = 420
SD = 1  # viewer level index: thumb, sd, hd

report = {"shots": [], "failures": [], "notes": [], "sequence_ids": []}


class Wait:
    """What a step waits for: ``until()`` true, or ``seconds`` (a pause when no until)."""

    def __init__(self, seconds, until=None, what=""):
        self.seconds, self.until, self.what = seconds, until, what


def save(pixmap, name: str, what: str) -> None:
    path = OUT / name
    if pixmap.isNull() or not pixmap.save(str(path)):
        report["failures"].append(f"{name}: could not save the grab")
        return
    report["shots"].append({"file": name, "what": what, "size": [pixmap.width(), pixmap.height()]})


def grab_top(widget, bottom_widget, margin: int = 10):
    """``widget`` down to the bottom of ``bottom_widget`` (drops a dock's empty space)."""
    bottom = bottom_widget.mapTo(widget, bottom_widget.rect().bottomLeft()).y() + margin
    return widget.grab(QRect(0, 0, widget.width(), min(widget.height(), bottom)))


def attempts(action, done, seconds, what, failed=lambda: False, tries=3):
    """``action()`` until ``done()``, at most ``tries`` times: the instance may be
    restarted by someone else for a moment (a refused connection)."""
    for attempt in range(tries):
        if attempt:
            report["notes"].append(f"{what}: attempt {attempt + 1}")
            yield Wait(5)
        action()
        yield Wait(seconds, lambda: done() or failed())
        yield Wait(0.2)  # a result that came with the failure signal
        if done():
            return
    report["failures"].append(f"gave up on {what} after {tries} attempts")


def canvas_idle(canvas):
    return lambda: not canvas.isDrawing()


def show_bbox(canvas, bbox) -> None:
    crs = QgsCoordinateReferenceSystem("EPSG:3857")
    canvas.setDestinationCrs(crs)
    to_map = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), crs, QgsProject.instance()
    )
    canvas.setExtent(to_map.transformBoundingBox(QgsRectangle(*bbox)))
    canvas.refresh()


def steps():
    plugin = plugins["panoramax_workbench"]
    window = iface.mainWindow()
    canvas = iface.mapCanvas()
    window.showNormal()
    window.move(0, 0)
    window.resize(*WINDOW)
    for dock in window.findChildren(QDockWidget):  # only the Layers panel on the left
        if dock.objectName() != "Layers" and dock.isVisible():
            dock.hide()
        elif dock.objectName() == "Layers":
            window.resizeDocks([dock], [330], Qt.Orientation.Horizontal)

    # (a) the panel, connected to the instance
    plugin.panel_action.setChecked(True)
    panel = plugin.panel
    window.resizeDocks([panel], [420], Qt.Orientation.Horizontal)
    yield from attempts(
        panel.connect_instance,
        lambda: panel.instance is not None,
        30,
        "the connection to the instance",
        failed=lambda: panel.connect_button.isEnabled(),
    )
    yield Wait(0.5)
    save(grab_top(panel, panel.browse_box), "01-connect.png", "the panel, connected")

    # (b) pictures and sequences of the map extent, with the Layers panel; the extent is
    # set now: QGIS zooms to the first layer of a project (the coverage, worldwide)
    show_bbox(canvas, SEED["bbox"])
    yield Wait(1)
    controller = panel.controller
    seeded = len(SEED["flat_ids"]) + len(SEED["pano_ids"])

    def holding(count):
        def check():
            layers = controller.current_layers()
            return (
                layers is not None
                and not controller.is_loading()
                and layers.pictures.layer.featureCount() >= count
            )

        return check

    yield from attempts(
        panel.load_in_view,
        holding(seeded),
        60,
        "the pictures of the map extent",
        failed=lambda: not controller.is_loading(),
    )
    yield Wait(1)
    yield Wait(20, canvas_idle(canvas), "the map rendering")
    yield Wait(0.5)
    save(window.grab(), "02-browse.png", "pictures and sequences layers on the map")

    # (c) the viewer with a flat picture; the panel makes room for it
    plugin.panel_action.setChecked(False)
    flat_id = SEED["flat_ids"][3]
    plugin.ensure_viewer()
    viewer = plugin.viewer
    window.resizeDocks([plugin.viewer_dock], [620], Qt.Orientation.Horizontal)

    def showing(picture_id):
        return lambda: (
            viewer.current is not None
            and viewer.current.id == picture_id
            and viewer.shown_level >= SD
        )

    yield from attempts(
        lambda: plugin.open_picture(flat_id), showing(flat_id), 30, "the flat picture"
    )
    yield Wait(1.5)  # the cone, the selection and the details
    yield Wait(20, canvas_idle(canvas), "the map rendering")
    save(window.grab(), "03-viewer-flat.png", "the viewer with a flat picture")

    # (d) the viewer with a 360° panorama
    pano_id = SEED["pano_ids"][0]
    yield from attempts(
        lambda: plugin.open_picture(pano_id), showing(pano_id), 45, "the 360° picture"
    )
    viewer.dock.pano_view.look(-25.0, -4.0)  # as a drag would: the path and the trees
    yield Wait(1.5)  # the sharp (bilinear) frame once the view is still
    yield Wait(20, canvas_idle(canvas), "the map rendering")
    save(window.grab(), "04-viewer-360.png", "the viewer with a 360° panorama")

    # (e) the upload dialog after the check of a folder (nothing sent)
    manager = QgsApplication.authManager()
    if not manager.setMasterPassword("panoramax-guide", True):  # a throw-away profile
        report["failures"].append("the QGIS authentication database has no master password")
    dialog = plugin.open_upload()
    dialog.resize(1040, 740)  # every row of the check in view
    for attempt in range(3):  # a check of the token that gets no answer is asked again
        if not dialog.token:
            if attempt:
                report["notes"].append(f"token check without answer, attempt {attempt + 1}")
            dialog.use_token(TOKEN)
            yield Wait(15, lambda: bool(dialog.token))
    if not dialog.token:
        report["failures"].append("the test token was not accepted: nothing uploaded")
    dialog.add_folder(SEED["upload_folders"][LANG])
    yield Wait(60, lambda: dialog.preflight is not None, "the pre-flight check")
    yield Wait(1)
    save(dialog.grab(), "05-upload-check.png", "the upload dialog after the check")

    if UPLOAD and dialog.token:  # never an anonymous upload
        yield from upload_steps(plugin, dialog, holding, seeded)
    dialog.hide()
    yield from my_pictures_step(plugin, dialog)
    yield from tags_step(plugin)


def upload_steps(plugin, dialog, holding, seeded):
    window = iface.mainWindow()
    canvas = iface.mapCanvas()
    panel = plugin.panel
    controller = panel.controller
    # (f) the report after sending the ready pictures to the local instance
    dialog.start_upload()
    yield Wait(240, lambda: dialog.task is None and bool(dialog.results), "the upload")
    report["sequence_ids"] = sorted(
        {state.sequence_id for state in dialog.results.values() if state.sequence_id}
    )
    yield Wait(2)
    save(dialog.grab(), "06-upload-report.png", "the upload report")

    # (g) the map zoomed to the new sequence, loaded, beside the report's layers
    plugin.viewer_dock.hide()  # its toolbar button may not be checked: hide the dock itself
    plugin.panel_action.setChecked(True)
    window.resize(*WINDOW)
    sent = sum(1 for state in dialog.results.values() if state.picture_id)

    # the dialog asked for them already; once more if that load failed
    yield Wait(60, holding(seeded + sent))
    if not holding(seeded + sent)():
        yield from attempts(
            panel.load_in_view,
            holding(seeded + sent),
            60,
            "the uploaded pictures on the map",
            failed=lambda: not controller.is_loading(),
        )
    yield Wait(1)
    yield Wait(20, canvas_idle(canvas), "the map rendering")
    save(window.grab(), "07-upload-map.png", "the uploaded sequence on the map")


def my_pictures_step(plugin, dialog):
    """(h) "My pictures": the signed-in account's sequences of the guide, with their
    pictures, on the map; the browse layers hidden so that only mine show."""
    window = iface.mainWindow()
    canvas = iface.mapCanvas()
    plugin.viewer_dock.hide()
    if plugin.viewer is not None:
        plugin.viewer.map_sync.clear()  # the last picture's cone: not one of this step
    plugin.panel_action.setChecked(True)
    panel = plugin.panel
    box = panel.mine_box
    yield Wait(15, lambda: box.loader.account is not None)
    if box.loader.account is None:
        # the upload dialog announces the account before it stores the token, so the
        # box found no token when it looked: it looks again, as a new state would make it
        report["notes"].append(
            f"My pictures not enabled by the sign-in (state account: "
            f"{panel.current.state.account!r}): box.follow called again"
        )
        box.follow(panel.current.state)
    if box.loader.account is None:
        report["failures"].append("My pictures: nobody signed in")
        return
    ours = list(SEED["sequence_ids"]) + list(report["sequence_ids"])
    yield from attempts(
        box.loader.load,
        lambda: all(s in box.loader.sequences for s in ours),
        60,
        "my sequences",
        failed=lambda: box.loader.task is None or not box.cancel_button.isEnabled(),
    )
    box.loader.sequences.select(ours)
    pictures = box.loader.pictures
    yield from attempts(
        lambda: box.loader.load_pictures(ours),
        lambda: len({f["sequence_id"] for f in pictures.layer.getFeatures()}) >= len(ours),
        60,
        "the pictures of my sequences",
    )
    box.loader.sequences.select([SEED["sequence_ids"][0]])  # the street, as a user would
    root = QgsProject.instance().layerTreeRoot()
    mine = {box.loader.sequences.layer.id(), pictures.layer.id()}
    for node in root.findLayers():
        if node.layerId() not in mine:
            node.setItemVisibilityChecked(False)
    show_bbox(canvas, SEED["bbox"])
    yield Wait(1)
    yield Wait(20, canvas_idle(canvas), "the map rendering")
    yield Wait(0.5)
    save(window.grab(), "08-my-pictures.png", "My pictures: my sequences and pictures on the map")
    for node in root.findLayers():
        node.setItemVisibilityChecked(True)


def tags_step(plugin):
    """(i) the viewer on a tagged street picture: its annotations drawn (a person's and a
    detection) and the "Tags and reports" section unfolded."""
    window = iface.mainWindow()
    canvas = iface.mapCanvas()
    plugin.panel_action.setChecked(False)
    plugin.ensure_viewer()
    viewer = plugin.viewer
    plugin.viewer_dock.show()
    window.resizeDocks([plugin.viewer_dock], [620], Qt.Orientation.Horizontal)
    picture_id = SEED["tagged_id"]
    section = viewer.dock.tags_section

    def ready():
        return (
            viewer.current is not None
            and viewer.current.id == picture_id
            and viewer.shown_level >= SD
            and len(viewer.annotations.layer.annotations) >= 2
            and section.table.rowCount() >= 3
        )

    yield from attempts(lambda: plugin.open_picture(picture_id), ready, 45, "the tagged picture")
    section.set_expanded(True)
    yield Wait(1)
    view = viewer.dock.flat_view  # closer to the two plates, on the left of the street
    view.zoom_by(1.7, view.widget_point_at(QPointF(150, 400)))
    yield Wait(3)  # the sharper file once zoomed
    yield Wait(20, canvas_idle(canvas), "the map rendering")
    save(window.grab(), "09-tags-annotations.png", "the viewer's annotations and tags section")


def finish() -> None:
    """Write what happened, then quit QGIS without any question."""
    RESULT.write_text(json.dumps(report, indent=1))
    QgsProject.instance().setDirty(False)
    QTimer.singleShot(2000, lambda: os._exit(0))  # even if a task or a dialog holds on
    iface.mainWindow().close()


class Runner:
    """Steps the generator from a timer, so that QGIS keeps running between waits."""

    def __init__(self, generator):
        self.generator = generator
        self.wait = None
        self.deadline = 0.0
        self.done = False
        self.timer = QTimer()
        self.timer.timeout.connect(self.tick)
        self.timer.start(200)
        QTimer.singleShot(TIME_LIMIT_S * 1000, self.out_of_time)

    def tick(self) -> None:
        if self.done:
            return
        try:
            if self.wait is not None:
                until = self.wait.until
                ready = until is not None and until()
                if not ready and time.monotonic() < self.deadline:
                    return
                if not ready and until is not None and self.wait.what:  # else optional
                    report["failures"].append(f"timed out waiting for {self.wait.what}")
            self.wait = next(self.generator)
            self.deadline = time.monotonic() + self.wait.seconds
        except StopIteration:
            self.stop()
        except Exception:  # recorded and the run ends: the script reports it
            report["failures"].append(traceback.format_exc())
            self.stop()

    def out_of_time(self) -> None:
        if not self.done:
            report["failures"].append(f"time limit of {TIME_LIMIT_S} s reached")
            self.stop()

    def stop(self) -> None:
        self.done = True
        self.timer.stop()
        finish()


OUT.mkdir(parents=True, exist_ok=True)
QTimer.singleShot(3000, lambda: globals().__setitem__("guide_runner", Runner(steps())))
