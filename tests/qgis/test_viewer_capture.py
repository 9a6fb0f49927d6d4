"""Full-resolution capture of the viewer, in-process (no network): the 360° view recomputed
from the hd picture through the viewer's camera, a flat picture cropped as shown at the hd
file's scale, the caption band, files and clipboard, and the messages when it cannot be."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qgis.core import Qgis
from qgis.PyQt.QtCore import QPointF
from qgis.PyQt.QtGui import QColor, QImage
from qgis.PyQt.QtWidgets import QApplication

from panoramax_plugin.core.caption import caption_lines
from panoramax_plugin.core.look_at import LookTarget, camera_toward_target
from panoramax_plugin.core.models import Picture
from panoramax_plugin.viewer.capture import (
    CaptureSpec,
    FlatFrame,
    burn_caption,
    capture_size,
    compose_capture,
    flat_crop,
    render_pano,
)
from panoramax_plugin.viewer.image_loader import decode_image, image_bytes
from panoramax_plugin.viewer.qimage_numpy import qimage_to_array
from tests.fixtures.pictures import DEFAULT_START_TIME, Shot, make_flat_jpeg
from tests.fixtures.street_scene import SceneObject, find_colour_centre, make_street
from tests.qt_wait import run_until
from tests.viewer_harness import open_viewer

START = (4.8358, 45.764)
RED = (230, 20, 20)
SHOTS = "/tmp"


@pytest.fixture()
def viewer(desktop, qgis_app):
    with open_viewer(desktop, timeout_s=10.0) as controller:
        yield controller
    qgis_app.processEvents()


@pytest.fixture(scope="module")
def street(tmp_path_factory):
    """One 2048×1024 street picture with a red pole 12 m ahead-right of the camera."""
    from panoramax_plugin.core.view_geometry import destination

    lon, lat = destination(*START, 60.0, 12.0)
    pole = SceneObject("pole", lon, lat, 3.0, 0.4, RED)
    (scene,) = make_street(
        tmp_path_factory.mktemp("street"), start=START, count=1, objects=[pole], seed=5
    )
    return scene, pole


def street_picture(scene) -> Picture:
    return Picture(
        "pic-360",
        "seq-1",
        scene.lon,
        scene.lat,
        captured_at=scene.captured_at,
        heading=scene.heading,
        is_360=True,
        producer="Jane Doe",
        license="CC-BY-SA-4.0",
        assets={"hd": "http://127.0.0.1:9/never-asked/hd.jpg"},
        instance_url="https://panoramax.example.org/api",
    )


def show_hd(viewer, picture, image: QImage) -> None:
    """The viewer showing ``picture`` with ``image`` as its decoded hd file (no network)."""
    viewer.current = picture
    viewer.loader.cache.put((picture.id, "hd"), image, image_bytes(image))
    viewer.shown_level = 2
    if picture.is_360:
        viewer.dock.show_pano()
        array, _ = qimage_to_array(image)
        viewer.dock.pano_view.set_source(array, keep_camera=True)
    else:
        viewer.dock.show_flat()


def finish(qgis_app, viewer, task, count_before: int) -> None:
    """Wait until the task's result was handed over: a message said (the task object may
    be deleted by then)."""
    assert task is not None
    run_until(qgis_app, lambda: len(viewer.said) > count_before, 30)


def rgb(image: QImage, x: int, y: int) -> tuple:
    colour = QColor(image.pixel(x, y))
    return colour.red(), colour.green(), colour.blue()


def as_array(image: QImage) -> np.ndarray:
    array, image = qimage_to_array(image)
    return array.copy()


# --- pure parts ---------------------------------------------------------------------------


def test_capture_size_keeps_the_view_shape():
    assert capture_size(640, 360) == (1920, 1080)
    assert capture_size(300, 600) == (960, 1920)
    assert capture_size(0, 0) == (1920, 1080)  # a hidden dock: 16:9


def test_flat_crop_scales_the_visible_part_to_the_hd_file():
    # shown image 800×600 at zoom 2 in a 400×300 view, its corner 300 px up-left of the view
    frame = FlatFrame(400, 300, 2.0, -300.0, -200.0, 800, 600)
    rect = flat_crop(frame, 1600, 1200)  # hd: twice the shown image
    assert (rect.x(), rect.y(), rect.width(), rect.height()) == (300, 200, 400, 300)
    # fitted with margins (picture narrower than the view): the whole picture, no margin
    fitted = FlatFrame(400, 300, 0.5, 0.0, 0.0, 800, 600)
    rect = flat_crop(fitted, 1600, 1200)
    assert (rect.x(), rect.y(), rect.width(), rect.height()) == (0, 0, 1600, 1200)


# --- 360° ---------------------------------------------------------------------------------


def test_360_capture_centres_the_object_the_camera_looks_at(viewer, street, qgis_app, tmp_path):
    scene, pole = street
    picture = street_picture(scene)
    image = decode_image(scene.path.read_bytes())
    show_hd(viewer, picture, image)
    painted = scene.objects["pole"]
    mid_height = pole.height_m / 2.0  # the painted band's centre, near enough at 12 m
    camera = camera_toward_target(picture, LookTarget(pole.lon, pole.lat, mid_height), 60.0)
    viewer.dock.pano_view.set_camera(camera)
    viewer.dock.pano_view.resize(640, 360)  # a 16:9 view
    assert abs(camera.yaw - painted.yaw) < 0.5

    path = tmp_path / "view.png"
    before = len(viewer.said)
    task = viewer.capture_view("file", str(path))
    finish(qgis_app, viewer, task, before)
    assert viewer.said[-1][0] == Qgis.MessageLevel.Success, viewer.said[-1]
    saved = QImage(str(path))
    assert (saved.width(), saved.height()) == (1920, 1080)
    # the pole's red at the centre, and its centroid there too (above the caption band)
    assert rgb(saved, 960, 540) == pytest.approx(RED, abs=48)
    pixels = as_array(saved)[:900]
    col, row = find_colour_centre(pixels, RED)
    assert math.hypot(col - 960, row - 540) < 20, (col, row)

    # the caption band: the bottom differs from the bare render, the top does not
    bare = as_array(render_pano(camera, (1920, 1080), image))
    assert np.array_equal(as_array(saved)[:800], bare[:800])
    band = as_array(saved)[-40:] != bare[-40:]
    assert band.mean() > 0.95
    lines = caption_lines(picture, None, picture.instance_url)
    assert saved.text("Description") == "\n".join(lines)
    assert "Jane Doe" in lines[0] and "CC-BY-SA-4.0" in lines[0] and picture.id in lines[1]
    saved.save("/tmp/capture-shot.png")


def test_jpeg_file_and_clipboard(viewer, street, qgis_app, tmp_path):
    scene, _ = street
    picture = street_picture(scene)
    show_hd(viewer, picture, decode_image(scene.path.read_bytes()))
    viewer.dock.pano_view.resize(400, 300)  # 4:3
    path = tmp_path / "view.jpg"
    before = len(viewer.said)
    finish(qgis_app, viewer, viewer.capture_view("file", str(path)), before)
    saved = QImage(str(path))
    assert path.read_bytes()[:2] == b"\xff\xd8"
    assert (saved.width(), saved.height()) == (1920, 1440)

    QApplication.clipboard().clear()
    before = len(viewer.said)
    finish(qgis_app, viewer, viewer.capture_view("clipboard"), before)
    assert viewer.said[-1] == (Qgis.MessageLevel.Success, "View copied to the clipboard")
    copied = QApplication.clipboard().image()
    assert (copied.width(), copied.height()) == (1920, 1440)


# --- flat ---------------------------------------------------------------------------------


def test_flat_capture_is_the_visible_crop_at_hd_scale(viewer, qgis_app, tmp_path):
    shot = Shot(START[1], START[0], DEFAULT_START_TIME, heading=90.0)
    hd_path = make_flat_jpeg(tmp_path / "flat.jpg", shot, width=1600, height=1200, seed=3)
    hd = decode_image(hd_path.read_bytes())
    picture = Picture(
        "pic-flat",
        "seq-1",
        START[0],
        START[1],
        captured_at=DEFAULT_START_TIME,
        producer=None,  # no author given: said so, the rest still there
        license=None,
        assets={"hd": "http://127.0.0.1:9/never-asked/hd.jpg"},
        instance_url="https://panoramax.example.org/api",
    )
    show_hd(viewer, picture, hd)
    view = viewer.dock.flat_view
    view.resize(400, 300)
    sd = hd.scaled(800, 600)  # the viewer shows the sd file: half the hd size
    view.set_image(sd)
    view.zoom_by(3.0, QPointF(150.0, 100.0))
    top_left, bottom_right = (
        view.image_point_at(QPointF(0, 0)),
        view.image_point_at(QPointF(400, 300)),
    )
    expected_w = (bottom_right.x() - top_left.x()) * 2
    expected_h = (bottom_right.y() - top_left.y()) * 2

    path = tmp_path / "flat-view.png"
    before = len(viewer.said)
    finish(qgis_app, viewer, viewer.capture_view("file", str(path)), before)
    saved = QImage(str(path))
    assert abs(saved.width() - expected_w) <= 1 and abs(saved.height() - expected_h) <= 1
    # pixel for pixel the hd file at that place (above the caption band)
    x0, y0 = round(top_left.x() * 2), round(top_left.y() * 2)
    for x, y in ((0, 0), (saved.width() // 2, saved.height() // 3), (saved.width() - 1, 5)):
        assert rgb(saved, x, y) == rgb(hd, x0 + x, y0 + y)
    text = saved.text("Description")
    assert "author unknown" in text and "Licence: not stated" in text and "pic-flat" in text


def test_caption_band_is_readable_white_on_dark(qgis_app):
    image = QImage(1920, 1080, QImage.Format.Format_RGB32)
    image.fill(QColor(120, 160, 200))
    burnt = burn_caption(image.copy(), ["Photo: Jane Doe  ·  Licence: CC-BY-4.0", "Picture x"])
    pixels = as_array(burnt)
    assert np.all(pixels[:900] == pixels[0, 0])  # the picture above untouched
    band = pixels[-60:]
    red, green, blue = (band >> 16) & 0xFF, (band >> 8) & 0xFF, band & 0xFF
    assert ((red > 230) & (green > 230) & (blue > 230)).any()  # white text
    assert (blue < 120).mean() > 0.5  # mostly the dark band


# --- what cannot be captured ------------------------------------------------------------


def test_no_picture_no_hd_and_unwritable_file_are_said(viewer, street, qgis_app, tmp_path):
    assert viewer.capture_view("file", str(tmp_path / "x.png")) is None
    assert "No picture is shown" in viewer.said[-1][1]

    scene, _ = street
    picture = street_picture(scene)
    picture.assets = {}
    viewer.current = picture
    assert viewer.capture_view("clipboard") is None
    assert "no HD file" in viewer.said[-1][1]

    show_hd(viewer, street_picture(scene), decode_image(scene.path.read_bytes()))
    assert viewer.capture_view("file", str(tmp_path / "x.tif")) is None
    assert ".jpg or .png" in viewer.said[-1][1]
    before = len(viewer.said)
    missing = tmp_path / "no" / "such" / "folder" / "view.png"
    finish(qgis_app, viewer, viewer.capture_view("file", str(missing)), before)
    level, message = viewer.said[-1]
    assert level == Qgis.MessageLevel.Critical and "could not be written" in message


def test_compose_refuses_an_empty_hd_file(qgis_app):
    spec = CaptureSpec("p", ("a",), flat=FlatFrame(10, 10, 1.0, 0.0, 0.0, 10, 10))
    with pytest.raises(Exception, match="empty"):
        compose_capture(spec, None, b"")
