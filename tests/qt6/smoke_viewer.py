"""The viewer's pure-Qt parts on PyQt6 (QGIS 4's Qt), driven with real events.

Not a pytest module: ``tests/qt6/test_qt6_smoke.py`` runs it in a subprocess with
``build/qt6-venv/bin/python`` (PyQt6 and numpy, no PyQt5, no QGIS), ``QT_QPA_PLATFORM=offscreen``
and ``PYTHONPATH`` = ``tests/qt6/shim`` (a thin ``qgis`` package: ``qgis.PyQt`` re-exports
PyQt6, ``qgis.core`` fakes ``Qgis.MessageLevel`` and ``QgsMessageLog``) + the repository root,
so the real ``panoramax_plugin.viewer`` modules are imported unchanged.

Each ``check_*`` function is one check (run in the order defined, on one dock); the result
of each, ``"ok"`` or the traceback, is written as JSON to the file named by the first
argument. Screenshots of the dock go to ``build/screenshots/qt6_dock*.png``.

The checks are a subset of ``tests/qgis/test_viewer_widgets.py`` (which runs on PyQt5),
chosen for what changes with Qt6: scoped enums, mouse / wheel / key / gesture event classes
and their constructors, ``QImage`` bits through sip, timers.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from pathlib import Path

import numpy as np
from PyQt6.QtTest import QTest
from qgis.core import QgsMessageLog
from qgis.PyQt.QtCore import QEvent, QPoint, QPointF, Qt
from qgis.PyQt.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QNativeGestureEvent,
    QPointingDevice,
    QWheelEvent,
)
from qgis.PyQt.QtWidgets import QApplication, QGestureEvent, QPinchGesture

from panoramax_plugin.viewer.dock import ViewerDock
from panoramax_plugin.viewer.flat_view import FlatView
from panoramax_plugin.viewer.pano_view import PanoView
from panoramax_plugin.viewer.qimage_numpy import array_to_qimage, qimage_to_array
from panoramax_plugin.viewer.render360 import Camera, pack_rgb

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "build" / "screenshots"
DOCK_SIZE = (720, 640)
LEFT = Qt.MouseButton.LeftButton
NO_BUTTON = Qt.MouseButton.NoButton
NO_MODIFIER = Qt.KeyboardModifier.NoModifier

# the layout of tests/fixtures/pictures.make_pano_jpeg (that module needs Pillow and piexif)
FRONT, RIGHT, BACK, LEFT_BAND = (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0)
SKY, GROUND, GREY = (150, 200, 255), (110, 70, 30), (128, 128, 128)
QUADRANTS = ((230, 30, 30), (30, 200, 30), (30, 60, 230), (240, 220, 20))

app = QApplication.instance() or QApplication(sys.argv[:1])
dock = ViewerDock()
dock.resize(*DOCK_SIZE)
dock.show()
app.processEvents()


# --- pictures and events -------------------------------------------------------------------


def pano_source(width: int = 1024, height: int = 512) -> np.ndarray:
    """Equirectangular RGB32: 14.4°-wide bands red (yaw 0), green (+90), blue (180), yellow
    (-90) on grey; sky above latitude +45°, ground below -45°."""
    rgb = np.full((height, width, 3), GREY, dtype=np.uint8)
    half = round(width * 0.02)
    for yaw, color in ((0, FRONT), (90, RIGHT), (180, BACK), (-90, LEFT_BAND)):
        centre = round(width / 2 + yaw / 360 * width)
        rgb[:, np.arange(centre - half, centre + half) % width] = color
    rgb[: height // 4] = SKY
    rgb[height - height // 4 :] = GROUND
    return np.ascontiguousarray(pack_rgb(rgb))


def quadrant_image(width: int, height: int) -> QImage:
    """Four coloured quadrants (top-left, top-right, bottom-left, bottom-right)."""
    rgb = np.empty((height, width, 3), dtype=np.uint8)
    rgb[: height // 2, : width // 2] = QUADRANTS[0]
    rgb[: height // 2, width // 2 :] = QUADRANTS[1]
    rgb[height // 2 :, : width // 2] = QUADRANTS[2]
    rgb[height // 2 :, width // 2 :] = QUADRANTS[3]
    return array_to_qimage(np.ascontiguousarray(pack_rgb(rgb))).copy()


def send_mouse(widget, kind, pos, button=LEFT, buttons=LEFT) -> None:
    QApplication.sendEvent(widget, QMouseEvent(kind, QPointF(*pos), button, buttons, NO_MODIFIER))


def drag(widget, start, end, steps: int = 5) -> None:
    send_mouse(widget, QEvent.Type.MouseButtonPress, start)
    for i in range(1, steps + 1):
        pos = tuple(a + (b - a) * i / steps for a, b in zip(start, end))
        send_mouse(widget, QEvent.Type.MouseMove, pos, NO_BUTTON, LEFT)
    send_mouse(widget, QEvent.Type.MouseButtonRelease, end, LEFT, NO_BUTTON)


def send_wheel(widget, pos, notches: float) -> None:
    local = QPointF(*pos)
    event = QWheelEvent(
        local,
        QPointF(widget.mapToGlobal(local.toPoint())),
        QPoint(0, 0),
        QPoint(0, round(120 * notches)),
        NO_BUTTON,
        NO_MODIFIER,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def send_native_gesture(widget, kind, value: float, pos) -> None:
    """A trackpad gesture as macOS delivers it (the Qt 6 constructor)."""
    local = QPointF(*pos)
    screen = QPointF(widget.mapToGlobal(local.toPoint()))
    device = QPointingDevice.primaryPointingDevice()
    event = QNativeGestureEvent(kind, device, 2, local, local, screen, value, QPointF())
    QApplication.sendEvent(widget, event)


def send_pinch(widget, factor: float) -> None:
    gesture = QPinchGesture()
    gesture.setScaleFactor(factor)
    gesture.setTotalScaleFactor(factor)
    QApplication.sendEvent(widget, QGestureEvent([gesture]))


def press(widget, key, times: int = 1) -> None:
    for _ in range(times):
        QTest.keyClick(widget, key)


def pixel(image: QImage, x: float, y: float) -> tuple[int, int, int]:
    color = QColor(image.pixel(round(x), round(y)))
    return color.red(), color.green(), color.blue()


def close_to(actual, expected, tolerance: int = 40) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected))


def approx(actual: float, expected: float, tolerance: float = 1e-6) -> bool:
    return abs(actual - expected) <= tolerance * max(1.0, abs(expected))


def wait_until(predicate, timeout_ms: int = 2000) -> bool:
    deadline = time.monotonic() + timeout_ms / 1000
    while not predicate() and time.monotonic() < deadline:
        QTest.qWait(20)
    return predicate()


def pano() -> PanoView:
    """The dock's 360° view with a fresh panorama, looking at its heading."""
    view = dock.show_pano()
    view.set_camera(Camera())
    assert view.set_source(pano_source())
    app.processEvents()
    return view


def flat() -> FlatView:
    view = dock.show_flat()
    view.set_image(quadrant_image(800, 400))
    app.processEvents()
    return view


# --- checks --------------------------------------------------------------------------------


def check_runs_on_pyqt6_with_the_shim() -> None:
    import qgis.core
    from qgis.PyQt.QtCore import PYQT_VERSION_STR, qVersion

    assert PYQT_VERSION_STR.startswith("6.") and qVersion().startswith("6."), qVersion()
    assert "PyQt5" not in sys.modules
    assert Path(qgis.core.__file__).parent.parent.name == "shim", qgis.core.__file__
    # Qt 6 enums are scoped only: the Qt 5 spelling is gone
    assert not hasattr(Qt, "AlignCenter") and hasattr(Qt.AlignmentFlag, "AlignCenter")


def check_qimage_numpy_shares_memory() -> None:
    array = np.full((3, 4), 0xFF00FF00, dtype=np.uint32)
    image = array_to_qimage(array)
    assert (image.width(), image.height()) == (4, 3)
    assert int(image.constBits()) == array.ctypes.data
    array[1, 2] = 0xFFFF0000
    assert pixel(image, 2, 1) == (255, 0, 0)
    padded = np.zeros((3, 8), dtype=np.uint32)  # 5 pixels wide, rows 8 pixels apart
    padded[:, :5] = np.arange(15, dtype=np.uint32).reshape(3, 5) | np.uint32(0xFF000000)
    view, kept = qimage_to_array(QImage(padded.data, 5, 3, 32, QImage.Format.Format_RGB32))
    assert view.shape == (3, 5) and np.array_equal(view, padded[:, :5])
    assert view.ctypes.data == int(kept.constBits())
    other = QImage(4, 2, QImage.Format.Format_RGB888)
    other.fill(QColor(10, 20, 30))
    converted, kept = qimage_to_array(other)
    assert kept.format() == QImage.Format.Format_RGB32
    assert np.all(converted == np.uint32(0xFF0A141E))


def check_dock_builds_and_emits() -> None:
    assert dock.isVisible() and dock.windowTitle() == "Panoramax picture"
    assert all(not button.icon().isNull() for button in dock.buttons.values())
    asked = []
    dock.navigate.connect(asked.append)
    dock.set_navigation(prev=False, next=True, sequence=True)
    assert not dock.buttons["prev"].isEnabled() and dock.play_button.isEnabled()
    QTest.mouseClick(dock.buttons["next"], LEFT)
    QTest.mouseClick(dock.buttons["prev"], LEFT)  # disabled: nothing
    QTest.mouseClick(dock.buttons["last"], LEFT)
    assert asked == ["next", "last"], asked
    opened = []
    dock.open_requested.connect(opened.append)
    QTest.keyClicks(dock.id_edit, "abc-123")
    QTest.keyClick(dock.id_edit, Qt.Key.Key_Return)
    assert opened == ["abc-123"], opened
    chosen = []
    dock.related_chosen.connect(chosen.append)
    dock.set_related([("2023-05-01", "old"), ("2024-06-02", "new")])
    QTest.keyClick(dock.related, Qt.Key.Key_Down)  # a keyboard choice activates the entry
    assert chosen == ["new"], chosen
    dock.set_related([])
    assert not dock.related.isEnabled() and dock.related.count() == 1
    dock.set_navigation(prev=False, next=False, sequence=False)


def check_flat_view_fits_zooms_and_pans() -> None:
    view = flat()
    assert dock.stack.currentWidget() is view
    width, height = view.width(), view.height()
    fit = min(width / 800, height / 400)
    assert approx(view.zoom, fit) and view.is_fitted, (view.zoom, fit)
    shot = view.grab().toImage()
    for (x, y), color in zip(((200, 100), (600, 100), (200, 300), (600, 300)), QUADRANTS):
        point = view.widget_point_at(QPointF(x, y))
        assert close_to(pixel(shot, point.x(), point.y()), color), (x, y)
    # the wheel zooms in around the cursor: the picture point under it stays there
    cursor = (width * 0.3, height * 0.4)
    before = view.image_point_at(QPointF(*cursor))
    send_wheel(view, cursor, 1)
    after = view.image_point_at(QPointF(*cursor))
    assert approx(view.zoom, fit * FlatView.ZOOM_STEP)
    assert abs(after.x() - before.x()) < 0.5 and abs(after.y() - before.y()) < 0.5
    # a drag pans by the distance moved
    zoom = view.zoom
    fixed = QPointF(width / 2, height / 2)
    before = view.image_point_at(fixed)
    drag(view, (width / 2, height / 2), (width / 2 + 40, height / 2))
    after = view.image_point_at(fixed)
    assert abs(after.x() - (before.x() - 40 / zoom)) < 0.01, (before.x(), after.x())
    assert not view.is_fitted
    # a double-click fits again
    send_mouse(view, QEvent.Type.MouseButtonDblClick, (20, 20))
    send_mouse(view, QEvent.Type.MouseButtonRelease, (20, 20), LEFT, NO_BUTTON)
    assert approx(view.zoom, fit) and view.is_fitted


def check_flat_view_trackpad_zoom_gesture() -> None:
    view = flat()
    fit = view.zoom
    pos = (view.width() * 0.25, view.height() * 0.3)
    before = view.image_point_at(QPointF(*pos))
    send_native_gesture(view, Qt.NativeGestureType.ZoomNativeGesture, 0.5, pos)
    after = view.image_point_at(QPointF(*pos))
    assert approx(view.zoom, fit * 1.5), (view.zoom, fit)
    assert abs(after.x() - before.x()) < 0.5 and abs(after.y() - before.y()) < 0.5


def check_pano_view_first_frame_faces_the_heading() -> None:
    view = pano()
    assert dock.stack.currentWidget() is view and view.camera == Camera()
    shot = view.grab().toImage()
    assert view.last_frame_smooth and view.render_count >= 1
    assert close_to(pixel(shot, view.width() / 2, view.height() / 2), FRONT)
    # 90° wide: the yellow (-90°) and green (+90°) bands are just outside the view
    for x in (2, view.width() - 3):
        color = pixel(shot, x, view.height() / 2)
        assert not close_to(color, LEFT_BAND) and not close_to(color, RIGHT), color


def check_pano_view_sky_is_up() -> None:
    view = pano()
    press(view, Qt.Key.Key_Up, 6)  # arrow up: look 30° up
    assert approx(view.camera.pitch, 30.0), view.camera
    shot = view.grab().toImage()
    centre_x = view.width() / 2
    assert close_to(pixel(shot, centre_x, 3), SKY), pixel(shot, centre_x, 3)
    assert not close_to(pixel(shot, centre_x, view.height() - 4), SKY)
    press(view, Qt.Key.Key_Down, 12)  # 30° down: the ground at the bottom
    assert approx(view.camera.pitch, -30.0), view.camera
    shot = view.grab().toImage()
    assert close_to(pixel(shot, centre_x, view.height() - 4), GROUND)
    assert not close_to(pixel(shot, centre_x, 3), GROUND)


def check_pano_view_keys_turn_and_zoom() -> None:
    view = pano()
    cameras = []
    view.camera_changed.connect(cameras.append)
    press(view, Qt.Key.Key_Right, 18)
    assert len(cameras) == 18 and approx(view.camera.yaw, 90.0), view.camera
    assert close_to(pixel(view.grab().toImage(), view.width() / 2, view.height() / 2), RIGHT)
    press(view, Qt.Key.Key_Minus)
    assert approx(view.camera.hfov, 90.0 * PanoView.ZOOM_STEP)
    press(view, Qt.Key.Key_Plus)
    assert approx(view.camera.hfov, 90.0)
    view.camera_changed.disconnect(cameras.append)


def check_pano_view_drag_turns_the_camera() -> None:
    view = pano()
    width, height = view.width(), view.height()
    # dragging right by a tenth of the width turns the view left by a tenth of hfov
    drag(view, (width * 0.4, height / 2), (width * 0.5, height / 2))
    assert approx(view.camera.yaw, -9.0) and approx(view.camera.pitch, 0.0), view.camera
    # dragging down looks up
    drag(view, (width / 2, height * 0.4), (width / 2, height * 0.4 + width / 20))
    assert approx(view.camera.pitch, 4.5), view.camera
    # a long drag to the right brings the yellow band (yaw -90) to the centre
    view.set_camera(Camera())
    drag(view, (0, height / 2), (width * 0.9, height / 2), steps=12)
    assert approx(view.camera.yaw, -81.0), view.camera
    drag(view, (0, height / 2), (width * 0.1, height / 2))
    assert approx(view.camera.yaw, -90.0), view.camera
    assert close_to(pixel(view.grab().toImage(), width / 2, height / 2), LEFT_BAND)
    assert not view.is_dragging


def check_pano_view_wheel_zooms() -> None:
    view = pano()
    centre = (view.width() / 2, view.height() / 2)
    send_wheel(view, centre, 1)
    assert approx(view.camera.hfov, 90.0 / PanoView.ZOOM_STEP), view.camera
    send_wheel(view, centre, 50)
    assert approx(view.camera.hfov, 30.0)
    send_wheel(view, centre, -50)
    assert approx(view.camera.hfov, 110.0)


def check_pano_view_zoom_gestures() -> None:
    view = pano()
    centre = (view.width() / 2, view.height() / 2)
    send_native_gesture(view, Qt.NativeGestureType.ZoomNativeGesture, 0.25, centre)
    assert approx(view.camera.hfov, 90.0 / 1.25), view.camera
    send_native_gesture(view, Qt.NativeGestureType.ZoomNativeGesture, -0.2, centre)
    assert approx(view.camera.hfov, 90.0 / 1.25 / 0.8), view.camera
    before = view.camera
    send_native_gesture(view, Qt.NativeGestureType.RotateNativeGesture, 15.0, centre)
    assert view.camera == before
    # a touch-screen pinch (QGestureEvent carrying a QPinchGesture)
    view.set_camera(Camera())
    send_pinch(view, 1.2)
    assert approx(view.camera.hfov, 90.0 / 1.2), view.camera
    assert view.testAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)


def check_pano_view_preview_then_smooth_frame() -> None:
    view = pano()
    view.grab()
    drag(view, (300, 150), (340, 160))
    view.grab()
    assert view.is_moving and not view.last_frame_smooth
    half = (-(-view.width() // 2), -(-view.height() // 2))  # rounded up
    assert (view._frame.width(), view._frame.height()) == half, (view._frame.size(), half)
    renders = view.render_count
    assert wait_until(lambda: not view.is_moving)  # the idle QTimer fired
    view.grab()
    assert view.last_frame_smooth and view.render_count == renders + 1
    assert (view._frame.width(), view._frame.height()) == (view.width(), view.height())
    view.grab()
    assert view.render_count == renders + 1  # cached: nothing changed


def check_pano_view_draws_annotations() -> None:
    """Annotations on PyQt6: the numpy-to-QPointF stroking and the label sprites draw an
    outline around the annotated region, and nothing once hidden."""
    from panoramax_plugin.core.semantics import Annotation, Tag
    from panoramax_plugin.viewer.annotation_layer import AnnotationLayer

    view = pano()
    width, height = 1024, 512
    box = (width / 2 - 40, height / 2 - 30, width / 2 + 40, height / 2 + 30)  # ahead
    ring = ((box[0], box[1]), (box[2], box[1]), (box[2], box[3]), (box[0], box[3]), box[:2])
    people = Annotation("a1", box, (Tag("osm|traffic_sign", "FR:B14"),), "p", ring)
    layer = AnnotationLayer()
    layer.set_annotations((people,), (width, height), True)
    view.set_annotation_layer(layer)
    view.update()
    app.processEvents()

    def amber_pixels(image):
        array, _kept = qimage_to_array(image)
        r, g, b = (array >> 16) & 255, (array >> 8) & 255, array & 255
        return (r > 225) & (np.abs(g.astype(int) - 196) < 30) & (b < 60)

    mask = amber_pixels(view.grab().toImage())
    ys, xs = np.nonzero(mask)
    cx, cy = view.width() / 2, view.height() / 2
    assert xs.size > 200, xs.size  # the outline and the label's dot
    assert xs.min() < cx < xs.max() and ys.min() < cy < ys.max()  # around the centre
    assert not mask[int(cy), int(cx)]  # an outline, not a fill
    layer.visible = False
    view.update()
    app.processEvents()
    assert not amber_pixels(view.grab().toImage()).any()
    layer.visible = True


def check_dock_screenshots() -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    dock.set_navigation(prev=True, next=True, sequence=True)
    dock.set_details("2024-06-02 12:00 · synthetic panorama (PyQt6 smoke test)")
    dock.id_edit.clear()
    dock.set_related([("2023-05-01", "old"), ("2024-06-02", "new")])
    flat()
    assert dock.grab().save(str(SCREENSHOTS / "qt6_dock_flat.png"))
    view = pano()
    view.set_source(pano_source(2048, 1024))
    view.set_camera(Camera(yaw=45.0, pitch=20.0, hfov=110.0))
    # the longer details text resized the view: preview frames until it settles
    assert wait_until(lambda: not view.is_moving)
    shot = dock.grab().toImage()
    assert shot.save(str(SCREENSHOTS / "qt6_dock.png"))
    assert view.last_frame_smooth
    origin = view.mapTo(dock, QPoint(0, 0))
    x0, y0, width, height = origin.x(), origin.y(), view.width(), view.height()
    colors = {pixel(shot, x0 + x, y0 + y) for x in range(0, width, 7) for y in range(0, height, 7)}
    assert len(colors) >= 5, colors  # not blank: sky, grey, bands
    assert close_to(pixel(shot, x0 + width / 2, y0 + 3), SKY)  # looking 20° up: sky on top
    assert not close_to(pixel(shot, x0 + width / 2, y0 + height - 4), SKY)
    row = [pixel(shot, x0 + x, y0 + height * 0.6) for x in range(width)]
    # yaw 45: red (0°) in the left half, green (90°) in the right half
    assert any(close_to(color, FRONT) for color in row[: width // 2])
    assert any(close_to(color, RIGHT) for color in row[width // 2 :])


def check_nothing_was_logged() -> None:
    assert QgsMessageLog.messages == [], QgsMessageLog.messages


def main() -> int:
    out = Path(sys.argv[1])
    results = {}
    for name, check in list(globals().items()):
        if name.startswith("check_") and callable(check):
            # written before each check too: if Qt aborts the process (PyQt 6 does when an
            # exception escapes a virtual method), the check that was running is known
            results[name] = "running"
            out.write_text(json.dumps(results, indent=1), encoding="utf-8")
            started = time.perf_counter()
            try:
                check()
                results[name] = "ok"
            except Exception:
                results[name] = traceback.format_exc()
            print(f"{name}: {results[name][:200]} ({time.perf_counter() - started:.2f} s)")
    out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    dock.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
