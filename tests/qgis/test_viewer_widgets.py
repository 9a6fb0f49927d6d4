"""The viewer's picture widgets driven offscreen with synthetic events, checked on pixels."""

from __future__ import annotations

import numpy as np
import pytest
from qgis.PyQt.QtCore import QEvent, QPoint, QPointF, Qt
from qgis.PyQt.QtGui import QColor, QImage, QKeyEvent, QMouseEvent, QNativeGestureEvent, QWheelEvent
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication, QGestureEvent, QPinchGesture

from panoramax_plugin.viewer.flat_view import BACKGROUND, FlatView
from panoramax_plugin.viewer.pano_view import PanoView
from panoramax_plugin.viewer.qimage_numpy import array_to_qimage, qimage_to_array
from panoramax_plugin.viewer.render360 import Camera, pack_rgb
from tests.conftest import ROOT
from tests.fixtures.pictures import (
    DEFAULT_START_TIME,
    PANO_BAND_WIDTH_FRACTION,
    PANO_BANDS,
    PANO_FRONT_COLOR,
    PANO_GREY_LEVEL,
    PANO_GROUND_COLOR,
    PANO_LEFT_COLOR,
    PANO_RIGHT_COLOR,
    PANO_SKY_COLOR,
    PANO_SKY_LATITUDE_DEG,
    Shot,
    make_flat_jpeg,
    pano_row_for_pitch,
)

SCREENSHOTS = ROOT / "build" / "screenshots"
WIDTH, HEIGHT = 640, 400
NO_MODIFIER = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton
NO_BUTTON = Qt.MouseButton.NoButton

QUADRANTS = ((230, 30, 30), (30, 200, 30), (30, 60, 230), (240, 220, 20))
"""Colours of the flat test pattern: top-left, top-right, bottom-left, bottom-right."""


# --- helpers ------------------------------------------------------------------------------


def send_mouse(widget, kind, pos, button=LEFT, buttons=LEFT) -> None:
    event = QMouseEvent(kind, QPointF(*pos), button, buttons, NO_MODIFIER)
    QApplication.sendEvent(widget, event)


def drag(widget, start, end, steps: int = 5) -> None:
    send_mouse(widget, QEvent.Type.MouseButtonPress, start)
    for i in range(1, steps + 1):
        pos = (
            start[0] + (end[0] - start[0]) * i / steps,
            start[1] + (end[1] - start[1]) * i / steps,
        )
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


def press_key(widget, key, times: int = 1) -> None:
    for _ in range(times):
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, key, NO_MODIFIER))
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, key, NO_MODIFIER))


def pixel(image: QImage, x: int, y: int) -> tuple[int, int, int]:
    color = QColor(image.pixel(x, y))
    return color.red(), color.green(), color.blue()


def close_to(actual, expected, tolerance: int = 40) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected))


def wait_until(predicate, timeout_ms: int = 2000) -> bool:
    waited = 0
    while not predicate() and waited < timeout_ms:
        QTest.qWait(20)
        waited += 20
    return predicate()


def quadrant_image(width: int, height: int) -> QImage:
    """Four coloured quadrants, a white 1-px frame and a black grid every 50 px."""
    rgb = np.empty((height, width, 3), dtype=np.uint8)
    half_w, half_h = width // 2, height // 2
    rgb[:half_h, :half_w] = QUADRANTS[0]
    rgb[:half_h, half_w:] = QUADRANTS[1]
    rgb[half_h:, :half_w] = QUADRANTS[2]
    rgb[half_h:, half_w:] = QUADRANTS[3]
    rgb[:: max(1, width // 16), :] = 0
    rgb[:, :: max(1, width // 16)] = 0
    rgb[[0, -1], :] = 255
    rgb[:, [0, -1]] = 255
    return array_to_qimage(np.ascontiguousarray(pack_rgb(rgb))).copy()


def pano_source(width: int = 1024, height: int = 512) -> np.ndarray:
    """The layout of ``make_pano_jpeg`` (no noise), as packed RGB32."""
    rgb = np.full((height, width, 3), PANO_GREY_LEVEL, dtype=np.uint8)
    half = max(1, round(width * PANO_BAND_WIDTH_FRACTION / 2))
    for yaw, color in PANO_BANDS:
        centre = round(width / 2 + yaw / 360.0 * width)
        columns = np.arange(centre - half, centre + half) % width
        rgb[:, columns] = color
    rgb[: pano_row_for_pitch(height, PANO_SKY_LATITUDE_DEG)] = PANO_SKY_COLOR
    rgb[pano_row_for_pitch(height, -PANO_SKY_LATITUDE_DEG) :] = PANO_GROUND_COLOR
    return np.ascontiguousarray(pack_rgb(rgb))


def shown(view_class):
    """A view of the test size, shown; closed and deleted afterwards."""
    view = view_class()
    view.resize(WIDTH, HEIGHT)
    view.show()
    yield view
    view.close()
    view.deleteLater()


@pytest.fixture()
def flat(qgis_app):
    yield from shown(FlatView)


@pytest.fixture()
def pano(qgis_app):
    yield from shown(PanoView)


# --- qimage_numpy -------------------------------------------------------------------------


def test_qimage_to_array_is_a_view_and_respects_the_stride(qgis_app):
    padded = np.zeros((3, 8), dtype=np.uint32)  # 5 pixels wide, 3 pixels of padding per row
    padded[:, :5] = np.arange(15, dtype=np.uint32).reshape(3, 5) | np.uint32(0xFF000000)
    image = QImage(padded.data, 5, 3, 8 * 4, QImage.Format.Format_RGB32)
    array, kept = qimage_to_array(image)
    assert array.shape == (3, 5)
    assert array.ctypes.data == int(kept.constBits())  # no copy
    assert np.array_equal(array, padded[:, :5])


def test_qimage_to_array_converts_other_formats(qgis_app):
    image = QImage(4, 2, QImage.Format.Format_RGB888)
    image.fill(QColor(10, 20, 30))
    array, kept = qimage_to_array(image)
    assert kept.format() == QImage.Format.Format_RGB32
    assert array.shape == (2, 4)
    assert np.all(array == np.uint32(0xFF0A141E))
    empty, _ = qimage_to_array(QImage())
    assert empty.shape == (0, 0)


def test_array_to_qimage_shares_memory(qgis_app):
    array = np.full((3, 4), 0xFF00FF00, dtype=np.uint32)
    image = array_to_qimage(array)
    assert (image.width(), image.height()) == (4, 3)
    assert int(image.constBits()) == array.ctypes.data
    array[1, 2] = 0xFFFF0000
    assert pixel(image, 2, 1) == (255, 0, 0)
    with pytest.raises(ValueError):
        array_to_qimage(np.zeros((3, 4), dtype=np.uint32)[:, ::2])


# --- flat view ----------------------------------------------------------------------------


def test_flat_view_fits_the_whole_picture(flat):
    zooms = []
    flat.zoom_changed.connect(zooms.append)
    flat.set_image(quadrant_image(800, 400))  # 2:1 in a 640x400 widget: margins above/below
    assert flat.zoom == pytest.approx(0.8)
    assert zooms == [pytest.approx(0.8)]
    top_left = flat.image_point_at(QPointF(0, 40))
    bottom_right = flat.image_point_at(QPointF(WIDTH, HEIGHT - 40))
    assert (top_left.x(), top_left.y()) == pytest.approx((0.0, 0.0))
    assert (bottom_right.x(), bottom_right.y()) == pytest.approx((800.0, 400.0))
    shot = flat.grab().toImage()
    for (x, y), color in zip(((8, 48), (631, 48), (8, 351), (631, 351)), QUADRANTS):
        assert close_to(pixel(shot, x, y), color), (x, y)
    margin = (BACKGROUND.red(), BACKGROUND.green(), BACKGROUND.blue())
    assert pixel(shot, 320, 10) == margin
    assert pixel(shot, 320, HEIGHT - 10) == margin
    assert close_to(pixel(shot, 320, 40), (255, 255, 255), 60)  # the picture's top frame


def test_flat_view_wheel_zoom_keeps_the_point_under_the_cursor(flat):
    flat.set_image(quadrant_image(800, 400))
    fit = flat.zoom
    zooms = []
    flat.zoom_changed.connect(zooms.append)
    for pos in ((200, 150), (500, 80), (37, 333)):
        before = flat.image_point_at(QPointF(*pos))
        zoom = flat.zoom
        send_wheel(flat, pos, 1)
        after = flat.image_point_at(QPointF(*pos))
        assert flat.zoom == pytest.approx(zoom * FlatView.ZOOM_STEP)
        assert abs(after.x() - before.x()) < 0.5 and abs(after.y() - before.y()) < 0.5
    assert flat.zoom > fit and len(zooms) == 3
    assert not flat.is_fitted
    # zooming out never goes below the fitted view, which is centred again
    send_wheel(flat, (100, 100), -10)
    assert flat.zoom == pytest.approx(fit)
    assert flat.offset.y() == pytest.approx(40.0) and flat.offset.x() == pytest.approx(0.0)


def test_flat_view_drag_pans_and_double_click_fits(flat):
    flat.set_image(quadrant_image(800, 400))
    fit = flat.zoom
    send_wheel(flat, (320, 200), 2)
    zoom = flat.zoom
    fixed = QPointF(320, 200)
    before = flat.image_point_at(fixed)
    drag(flat, (300, 200), (350, 200))
    after = flat.image_point_at(fixed)
    assert after.x() == pytest.approx(before.x() - 50 / zoom, abs=0.01)
    assert after.y() == pytest.approx(before.y(), abs=0.01)
    assert flat.zoom == zoom
    # a pan never opens an empty margin: the left edge stops at the widget's left side
    drag(flat, (100, 200), (1100, 200))
    assert flat.offset.x() == pytest.approx(0.0)
    send_mouse(flat, QEvent.Type.MouseButtonDblClick, (320, 200))
    send_mouse(flat, QEvent.Type.MouseButtonRelease, (320, 200), LEFT, NO_BUTTON)
    assert flat.zoom == pytest.approx(fit)
    assert flat.is_fitted


def test_flat_view_smooth_once_idle(flat):
    flat.set_image(quadrant_image(800, 400))
    send_wheel(flat, (320, 200), 3)
    drag(flat, (300, 200), (340, 220))
    flat.grab()
    assert not flat.last_frame_smooth  # fast transform while moving
    QTest.qWait(FlatView.IDLE_MS + 100)
    flat.grab()
    assert flat.last_frame_smooth


def test_flat_view_draws_a_large_picture_from_halved_copies(flat):
    flat.set_image(quadrant_image(4000, 2000))
    assert flat.zoom == pytest.approx(0.16)
    shot = flat.grab().toImage()
    assert sorted(flat._levels) == [1, 2]  # 1/4 scale is the coarsest copy finer than 0.16
    assert flat._levels[2].width() == 1000
    for (x, y), color in zip(((8, 48), (631, 48), (8, 351), (631, 351)), QUADRANTS):
        assert close_to(pixel(shot, x, y), color), (x, y)


def test_flat_view_keeps_the_view_for_a_sharper_copy(flat):
    flat.set_image(quadrant_image(400, 200))
    send_wheel(flat, (200, 120), 2)
    zoom = flat.zoom
    fixed = QPointF(250, 180)
    before = flat.image_point_at(fixed)
    flat.set_image(quadrant_image(800, 400), same_picture=True)
    after = flat.image_point_at(fixed)
    assert flat.zoom == pytest.approx(zoom / 2)
    assert (after.x(), after.y()) == pytest.approx((2 * before.x(), 2 * before.y()))
    # another picture is fitted
    flat.set_image(quadrant_image(400, 400))
    assert flat.zoom == pytest.approx(1.0) and flat.is_fitted


def test_flat_view_follows_resizes_while_fitted(flat):
    flat.set_image(quadrant_image(800, 400))
    flat.resize(400, 400)
    assert flat.zoom == pytest.approx(0.5)
    flat.resize(WIDTH, HEIGHT)
    assert flat.zoom == pytest.approx(0.8)


def test_flat_view_message_without_picture(flat):
    flat.set_message("Nothing to see here")
    shot = flat.grab().toImage()
    background = (BACKGROUND.red(), BACKGROUND.green(), BACKGROUND.blue())
    assert pixel(shot, 5, 5) == background
    row = [pixel(shot, x, HEIGHT // 2) for x in range(WIDTH)]
    assert any(value != background for value in row)  # the text
    # events without a picture are harmless
    send_wheel(flat, (100, 100), 1)
    drag(flat, (10, 10), (50, 50))
    send_mouse(flat, QEvent.Type.MouseButtonDblClick, (20, 20))
    assert flat.zoom == 1.0
    # a message set over a picture is drawn in a band at the bottom
    flat.set_image(quadrant_image(640, 400))
    clean = pixel(flat.grab().toImage(), 100, HEIGHT - 5)
    flat.set_message("Loading…")
    banded = pixel(flat.grab().toImage(), 100, HEIGHT - 5)
    assert sum(banded) < sum(clean)
    flat.set_image(quadrant_image(640, 400))
    assert pixel(flat.grab().toImage(), 100, HEIGHT - 5) == clean


def test_flat_view_screenshot(flat, tmp_path):
    shot = Shot(lat=45.76, lon=4.83, captured_at=DEFAULT_START_TIME, heading=90.0)
    path = make_flat_jpeg(tmp_path / "flat.jpg", shot, width=1024, height=768, seed=7)
    image = QImage(str(path))
    assert not image.isNull()
    flat.set_image(image)  # fitted: 4:3 in 16:10, neutral margins left and right
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert flat.grab().save(str(SCREENSHOTS / "viewer_flat_widget.png"))
    assert flat.last_frame_smooth


# --- pano view ----------------------------------------------------------------------------


def centre_pixel(view) -> tuple[int, int, int]:
    return pixel(view.grab().toImage(), WIDTH // 2, HEIGHT // 2)


def test_pano_view_looks_at_the_heading_first(pano):
    assert pano.set_source(pano_source())
    assert pano.camera == Camera()
    assert close_to(centre_pixel(pano), PANO_FRONT_COLOR)
    assert pano.last_frame_smooth  # nothing moved: the first frame is the smooth one
    shot = pano.grab().toImage()
    # 90° wide: the yellow (-90) and green (+90) bands are just outside the view
    for x in (2, WIDTH - 3):
        color = pixel(shot, x, HEIGHT // 2)
        assert not close_to(color, PANO_LEFT_COLOR) and not close_to(color, PANO_RIGHT_COLOR)


def test_pano_view_keyboard_turn(pano):
    pano.set_source(pano_source())
    cameras = []
    pano.camera_changed.connect(cameras.append)
    pano.setFocus()
    press_key(pano, Qt.Key.Key_Right, 18)
    assert len(cameras) == 18
    assert cameras[-1].yaw == pytest.approx(90.0)
    assert pano.camera.yaw == pytest.approx(90.0)
    assert close_to(centre_pixel(pano), PANO_RIGHT_COLOR)
    assert not pano.last_frame_smooth  # the half-resolution preview while moving
    renders = pano.render_count
    assert wait_until(lambda: not pano.is_moving)
    assert close_to(centre_pixel(pano), PANO_RIGHT_COLOR)
    assert pano.last_frame_smooth and pano.render_count == renders + 1
    pano.grab()
    assert pano.render_count == renders + 1  # cached: nothing changed
    # looking up 30° brings the sky to the top of the view
    press_key(pano, Qt.Key.Key_Up, 6)
    assert pano.camera.pitch == pytest.approx(30.0)
    assert close_to(pixel(pano.grab().toImage(), WIDTH // 2, 3), PANO_SKY_COLOR)
    press_key(pano, Qt.Key.Key_Minus)
    assert pano.camera.hfov == pytest.approx(90.0 * PanoView.ZOOM_STEP)
    press_key(pano, Qt.Key.Key_Plus)
    assert pano.camera.hfov == pytest.approx(90.0)


def test_pano_view_drag_grabs_the_picture(pano):
    pano.set_source(pano_source())
    cameras = []
    pano.camera_changed.connect(cameras.append)
    # dragging right by a tenth of the width turns the view left by a tenth of hfov
    drag(pano, (300, 200), (364, 200))
    assert pano.camera.yaw == pytest.approx(-9.0)
    assert pano.camera.pitch == pytest.approx(0.0)
    assert cameras and cameras[-1] == pano.camera
    # dragging down looks up
    drag(pano, (300, 200), (300, 232))
    assert pano.camera.pitch == pytest.approx(4.5)
    # a drag to the right turns left: the yellow band (yaw -90) reaches the centre
    drag(pano, (0, 200), (576, 200), steps=12)
    assert pano.camera.yaw == pytest.approx(-90.0)
    assert close_to(centre_pixel(pano), PANO_LEFT_COLOR)


def test_pano_view_wheel_zooms(pano):
    pano.set_source(pano_source())
    send_wheel(pano, (320, 200), 1)
    assert pano.camera.hfov == pytest.approx(90.0 / PanoView.ZOOM_STEP)
    send_wheel(pano, (320, 200), 50)
    assert pano.camera.hfov == pytest.approx(30.0)
    send_wheel(pano, (320, 200), -50)
    assert pano.camera.hfov == pytest.approx(110.0)


def test_pano_view_preview_then_smooth_frame(pano):
    pano.set_source(pano_source())
    pano.grab()
    drag(pano, (300, 200), (340, 210))
    pano.grab()
    assert not pano.last_frame_smooth
    assert pano._frame.width() == WIDTH // 2 and pano._frame.height() == HEIGHT // 2
    assert wait_until(lambda: not pano.is_moving)
    pano.grab()
    assert pano.last_frame_smooth
    assert (pano._frame.width(), pano._frame.height()) == (WIDTH, HEIGHT)


def test_pano_view_source_changes(pano):
    pano.set_source(pano_source())
    pano.set_camera(Camera(yaw=90.0, pitch=10.0, hfov=70.0))
    cameras = []
    pano.camera_changed.connect(cameras.append)
    # a sharper copy of the same picture keeps the camera
    assert pano.set_source(pano_source(2048, 1024), keep_camera=True)
    assert cameras == []
    assert close_to(centre_pixel(pano), PANO_RIGHT_COLOR)
    # another picture looks at its heading again, with the same field of view
    pano.set_source(pano_source())
    assert pano.camera == Camera(hfov=70.0)
    assert cameras == [Camera(hfov=70.0)]
    # a bad array is refused with a message, not an exception
    assert not pano.set_source(np.zeros((10, 10), dtype=np.uint8))
    assert not pano.has_source
    assert pano.message
    pano.grab()


def test_pano_view_without_source_or_size(pano):
    pano.set_message("No picture here")
    shot = pano.grab().toImage()
    assert pixel(shot, 3, 3) == (BACKGROUND.red(), BACKGROUND.green(), BACKGROUND.blue())
    drag(pano, (10, 10), (60, 30))
    send_wheel(pano, (10, 10), 1)
    press_key(pano, Qt.Key.Key_Left)
    assert pano.camera == Camera()
    hidden = PanoView()
    hidden.resize(0, 0)
    assert hidden.set_source(pano_source())
    assert not hidden._ensure_frame()
    hidden.grab()
    press_key(hidden, Qt.Key.Key_Right)
    send_wheel(hidden, (0, 0), 1)
    drag(hidden, (0, 0), (5, 5))
    hidden.deleteLater()


def test_pano_view_screenshot(pano):
    pano.set_source(pano_source(2048, 1024))
    pano.set_camera(Camera(yaw=45.0, pitch=10.0, hfov=100.0))
    shot = pano.grab().toImage()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert shot.save(str(SCREENSHOTS / "viewer_pano_widget.png"))
    assert pano.last_frame_smooth
    # red (yaw 0) on the left half, green (yaw 90) on the right half
    row = [pixel(shot, x, HEIGHT // 2 + 40) for x in range(WIDTH)]
    assert any(close_to(color, PANO_FRONT_COLOR) for color in row[: WIDTH // 2])
    assert any(close_to(color, PANO_RIGHT_COLOR) for color in row[WIDTH // 2 :])


# --- pinch zoom (touch screens, trackpads) ------------------------------------------------


def send_pinch(widget, factor: float, centre=None) -> None:
    """A ``QGestureEvent`` carrying one pinch step of scale ``factor`` around ``centre``."""
    gesture = QPinchGesture()
    gesture.setScaleFactor(factor)
    gesture.setTotalScaleFactor(factor)
    if centre is not None:
        gesture.setCenterPoint(QPointF(widget.mapToGlobal(QPointF(*centre).toPoint())))
    QApplication.sendEvent(widget, QGestureEvent([gesture]))


def send_native_gesture(widget, kind, value: float, pos=(320, 200)) -> None:
    """A trackpad gesture as macOS sends it (Qt 5 and Qt 6 constructors differ)."""
    local = QPointF(*pos)
    screen = QPointF(widget.mapToGlobal(local.toPoint()))
    try:  # Qt 5: type, local, window, screen, value, sequence id, int argument
        event = QNativeGestureEvent(kind, local, local, screen, value, 0, 0)
    except TypeError:  # Qt 6: type, device, fingers, local, scene, global, value, delta
        from qgis.PyQt.QtGui import QPointingDevice

        device = QPointingDevice.primaryPointingDevice()
        event = QNativeGestureEvent(kind, device, 2, local, local, screen, value, QPointF())
    QApplication.sendEvent(widget, event)


def test_views_grab_the_pinch_gesture(flat, pano):
    for view in (flat, pano):
        assert view.testAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)


def test_pano_view_pinch_zooms_within_the_field_of_view_range(pano):
    send_pinch(pano, 1.5)  # no picture: nothing to zoom
    assert pano.camera.hfov == pytest.approx(90.0)
    pano.set_source(pano_source())
    changes = []
    pano.camera_changed.connect(changes.append)
    send_pinch(pano, 1.2)  # fingers apart: zoom in, the field of view narrows
    assert pano.camera.hfov == pytest.approx(90.0 / 1.2)
    assert changes and changes[-1].hfov == pytest.approx(90.0 / 1.2) and pano.is_moving
    send_pinch(pano, 0.8)
    assert pano.camera.hfov == pytest.approx(90.0 / 1.2 / 0.8)
    for _ in range(10):
        send_pinch(pano, 1.5)
    assert pano.camera.hfov == pytest.approx(30.0)
    for _ in range(10):
        send_pinch(pano, 0.5)
    assert pano.camera.hfov == pytest.approx(110.0)
    # a glitch (a huge or absurd factor) moves one bounded step at most, never breaks
    pano.set_camera(Camera(hfov=90.0))
    send_pinch(pano, 50.0)
    assert pano.camera.hfov == pytest.approx(45.0)
    for bad in (0.0, -2.0, float("nan"), float("inf")):
        assert not pano.pinch(bad)
    assert pano.camera.hfov == pytest.approx(45.0)
    # zoomed in by a pinch, the frame shows a narrower part of the picture
    assert wait_until(lambda: not pano.is_moving)
    front = pano.grab().toImage()
    assert close_to(pixel(front, WIDTH // 2, HEIGHT // 2), PANO_FRONT_COLOR)


def test_pano_view_trackpad_zoom_gesture(pano):
    pano.set_source(pano_source())
    send_native_gesture(pano, Qt.NativeGestureType.ZoomNativeGesture, 0.25)
    assert pano.camera.hfov == pytest.approx(90.0 / 1.25)
    send_native_gesture(pano, Qt.NativeGestureType.ZoomNativeGesture, -0.2)
    assert pano.camera.hfov == pytest.approx(90.0 / 1.25 / 0.8)
    before = pano.camera
    send_native_gesture(pano, Qt.NativeGestureType.RotateNativeGesture, 15.0)
    assert pano.camera == before


def test_flat_view_pinch_keeps_the_point_between_the_fingers(flat):
    flat.set_image(quadrant_image(800, 400))
    fit = flat.zoom
    for pos, factor in (((200, 150), 1.5), ((500, 80), 1.25), ((37, 333), 0.9)):
        before = flat.image_point_at(QPointF(*pos))
        zoom = flat.zoom
        send_pinch(flat, factor, pos)
        after = flat.image_point_at(QPointF(*pos))
        assert flat.zoom == pytest.approx(zoom * factor)
        assert abs(after.x() - before.x()) < 0.5 and abs(after.y() - before.y()) < 0.5
    send_native_gesture(flat, Qt.NativeGestureType.ZoomNativeGesture, 0.5, (100, 100))
    assert flat.zoom == pytest.approx(fit * 1.5 * 1.25 * 0.9 * 1.5)
    # pinching out stops at the fitted view, like the wheel
    for _ in range(20):
        send_pinch(flat, 0.5, (100, 100))
    assert flat.zoom == pytest.approx(fit)
