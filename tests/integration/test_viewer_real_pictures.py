"""The real GoPro Max and Ricoh Theta V panoramas in the viewer dock and on the map.

The pictures (``../shared/data/pictures/pano``, MIT, (c) 2020 Trek View,
github.com/trek-view/360-camera-metadata) are uploaded to the local instance, opened
in the dock, and checked on pixels against the equirectangular file the dock shows:
the sky is up, the view is not mirrored, yaw 0 looks at the picture's centre (its
heading) and the cone on the map points along heading + yaw, true north included.
Screenshots of the dock and of the map go to ``build/screenshots/``.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import warnings

import numpy as np
import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor

from panoramax_plugin.viewer.map_sync import map_direction
from panoramax_plugin.viewer.qimage_numpy import qimage_to_array
from panoramax_plugin.viewer.render360 import Camera, unpack_rgb
from tests.qt_wait import run_until

from . import test_real_pictures, test_viewer
from .test_viewer import SHOTS, open_and_wait

# fixtures shared with those modules: the uploaded real pictures, a dock with its controller
real_pictures = test_real_pictures.real_pictures
viewer = test_viewer.viewer

pytestmark = pytest.mark.integration

CAMERAS = {
    # file, screenshot name, UTM zone of the place (its central meridian, degrees)
    "gopro_max": ("GSAG2002_gopro_max.JPG", 32632, 9.0),
    "ricoh_theta": ("R0014760_ricoh_theta_v.JPG", 32630, -3.0),
}
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


def rgb(image) -> np.ndarray:
    """(H, W, 3) uint8 of a QImage."""
    array, _ = qimage_to_array(image)
    return unpack_rgb(array).astype(np.float64)


def best_meridian(source: np.ndarray, frame: np.ndarray, x: int, hfov: float) -> tuple:
    """The source longitude (degrees from its centre) that column ``x`` of ``frame`` shows.

    At pitch 0 each frame column is a meridian: the ray of pixel (x, y) is
    ``(x + 0.5 - w/2, h/2 - y - 0.5, f)`` (``f`` the focal length in pixels), so its
    longitude ``atan2(dx, f)`` is the same on the whole column, and row ``y`` is at
    latitude ``atan2(dy, hypot(dx, f))``. Every half degree of longitude is tried;
    Returns the one whose source column matches the frame's best, and the column's
    angle from the view's centre.
    """
    height, width, _ = source.shape
    frame_h, frame_w, _ = frame.shape
    focal = (frame_w / 2.0) / math.tan(math.radians(hfov) / 2.0)
    dx = x + 0.5 - frame_w / 2.0
    dy = frame_h / 2.0 - np.arange(frame_h) - 0.5
    latitude = np.degrees(np.arctan2(dy, math.hypot(dx, focal)))
    rows = np.clip(((90.0 - latitude) / 180.0 * height).astype(int), 0, height - 1)
    candidates = np.arange(-180.0, 180.0, 0.5)
    columns = np.floor(width / 2.0 + candidates / 360.0 * width).astype(int) % width
    expected = source[rows[:, None], columns[None, :]]  # (frame_h, candidates, 3)
    errors = np.abs(expected - frame[:, x, None, :]).mean(axis=(0, 2))
    return float(candidates[int(np.argmin(errors))]), math.degrees(math.atan2(dx, focal))


def angle_difference(a: float, b: float) -> float:
    return (a - b + 180.0) % 360.0 - 180.0


def truth_layer(lon: float, lat: float) -> QgsVectorLayer:
    """The meridian and the parallel through the picture: true north on the map."""
    layer = QgsVectorLayer("LineString?crs=EPSG:4326", "true north", "memory")
    features = []
    for line in (
        [QgsPointXY(lon, lat - 0.002), QgsPointXY(lon, lat + 0.002)],
        [QgsPointXY(lon - 0.003, lat), QgsPointXY(lon + 0.003, lat)],
    ):
        feature = QgsFeature()
        feature.setGeometry(QgsGeometry.fromPolylineXY(line))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.renderer().symbol().setColor(QColor(25, 113, 194))  # blue: never taken for the cone
    return layer


def render_canvas(canvas, qgis_app):
    """The canvas, drawn. A render that never ends is retried once, with a report.

    CI once saw this canvas (one memory layer) still drawing after 20 s, never seen
    here in hundreds of runs. The second attempt keeps the test about the cone; the
    report (Qt's pool, QGIS's tasks, every thread's stack when gdb exists) is kept as
    a warning so the cause can be found.
    """
    for attempt in (1, 2):
        canvas.refresh()
        qgis_app.processEvents()
        try:
            run_until(qgis_app, lambda: not canvas.isDrawing(), 20)
            return canvas.grab().toImage()
        except AssertionError:
            report = stuck_render_report()
            if attempt == 2:
                raise AssertionError(f"the canvas never finished drawing\n{report}") from None
            warnings.warn(f"canvas render stuck, retried\n{report}", stacklevel=1)
            canvas.stopRendering()
            qgis_app.processEvents()


def stuck_render_report() -> str:
    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QThreadPool

    pool = QThreadPool.globalInstance()
    tasks = [(t.description(), int(t.status())) for t in QgsApplication.taskManager().tasks()]
    lines = [f"pool {pool.activeThreadCount()}/{pool.maxThreadCount()} tasks {tasks}"]
    if shutil.which("gdb"):
        stacks = subprocess.run(
            ["gdb", "-p", str(os.getpid()), "-batch", "-ex", "thread apply all bt 12"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        lines.append(stacks.stdout[-20000:])
    return "\n".join(lines)


@pytest.mark.parametrize("name", sorted(CAMERAS))
def test_real_360_picture_in_the_dock_and_on_the_map(
    name,
    viewer,
    desktop,
    real_pictures,
    qgis_app,
):
    file_name, utm, central_meridian = CAMERAS[name]
    picture_id = real_pictures[file_name]
    canvas = desktop.canvas
    crs = QgsCoordinateReferenceSystem(f"EPSG:{utm}")
    canvas.setMinimumSize(600, 400)
    desktop.window.resize(1280, 760)
    desktop.window.show()
    canvas.setDestinationCrs(crs)

    picture = open_and_wait(viewer, qgis_app, picture_id)
    assert picture.is_360 and viewer.dock.stack.currentWidget() is viewer.dock.pano_view
    assert picture.heading == pytest.approx(0.0)  # GeoVisio: no compass in these files
    view = viewer.dock.pano_view
    source = rgb(viewer.loader.cached(picture_id, "sd"))

    # --- the dock, looking at the heading
    camera = Camera(yaw=0.0, pitch=0.0, hfov=90.0)
    view.set_camera(camera)
    SHOTS.mkdir(parents=True, exist_ok=True)
    viewer.dock.grab().save(str(SHOTS / f"viewer_{name}.png"))
    frame = rgb(view.grab().toImage())
    height, width, _ = frame.shape
    assert frame.std() > 20  # a picture, not a flat colour
    band = max(1, height // 6)
    top, bottom = frame[:band].reshape(-1, 3).mean(0), frame[-band:].reshape(-1, 3).mean(0)
    # sky up: the top of the view is bluer (blue minus red) than its bottom (grass, road)
    assert top[2] - top[0] > bottom[2] - bottom[0] + 20, (top, bottom)
    # looking up shows the sky (blue or white), looking down the ground (green, grey, brown)
    view.set_camera(Camera(yaw=0.0, pitch=60.0, hfov=90.0))
    up = rgb(view.grab().toImage()).reshape(-1, 3).mean(0)
    view.set_camera(Camera(yaw=0.0, pitch=-60.0, hfov=90.0))
    down = rgb(view.grab().toImage()).reshape(-1, 3).mean(0)
    print(name, "top", top, "bottom", bottom, "up", up, "down", down)
    assert up[2] - up[0] > down[2] - down[0] + 40, (up, down)

    # --- not mirrored, yaw where it should be: each column of the view shows the source
    # meridian at yaw + its angle from the centre (to the right of the centre: clockwise)
    for yaw in (0.0, 60.0, -120.0):
        view.set_camera(Camera(yaw=yaw, pitch=0.0, hfov=90.0))
        frame = rgb(view.grab().toImage())
        for x in (width // 5, width // 2, width * 4 // 5):
            found, offset = best_meridian(source, frame, x, 90.0)
            assert angle_difference(found, yaw + offset) == pytest.approx(0, abs=1.5), (yaw, x)

    # --- the map: cone along heading + yaw, grid north corrected to true north
    transform = QgsCoordinateTransform(WGS84, crs, QgsProject.instance())
    apex = transform.transform(QgsPointXY(picture.lon, picture.lat))
    canvas.setExtent(QgsRectangle(apex.x() - 90, apex.y() - 60, apex.x() + 90, apex.y() + 60))
    layer = truth_layer(picture.lon, picture.lat)
    canvas.setLayers([layer])
    # utm convergence: grid north is turned by atan(tan(dlon) sin(lat)) from true north
    convergence = math.degrees(
        math.atan(
            math.tan(math.radians(picture.lon - central_meridian))
            * math.sin(math.radians(picture.lat))
        )
    )
    for yaw, hfov in ((0.0, 90.0), (90.0, 60.0), (-150.0, 110.0)):
        view.set_camera(Camera(yaw=yaw, pitch=0.0, hfov=hfov))
        qgis_app.processEvents()
        ring = viewer.map_sync.cone_geometry().asPolygon()[0]
        assert ring[0].x() == pytest.approx(apex.x()) and ring[0].y() == pytest.approx(apex.y())
        arc = ring[1:-1]
        angles = [math.degrees(math.atan2(p.x() - apex.x(), p.y() - apex.y())) for p in arc]
        middle = angles[len(angles) // 2]
        expected = map_direction(transform, picture.lon, picture.lat, picture.heading + yaw)
        assert (middle - expected + 180) % 360 - 180 == pytest.approx(0, abs=0.01)
        assert (middle - (yaw - convergence) + 180) % 360 - 180 == pytest.approx(0, abs=0.02)
        assert (angles[-1] - angles[0]) % 360 == pytest.approx(hfov, abs=0.01)

    # the rendered map: the cone is drawn where the camera looks (north at yaw 0)
    view.set_camera(Camera(yaw=0.0, pitch=0.0, hfov=90.0))
    image = render_canvas(canvas, qgis_app)
    image.save(str(SHOTS / f"map_cone_{name}.png"))
    pixels = rgb(image)
    centre = canvas.mapSettings().mapToPixel().transform(apex)
    cx, cy = round(centre.x()), round(centre.y())

    def orange_at(bearing_deg: float, distance_px: float = 40.0) -> bool:
        x = cx + distance_px * math.sin(math.radians(bearing_deg - convergence))
        y = cy - distance_px * math.cos(math.radians(bearing_deg - convergence))
        r, g, b = pixels[round(y), round(x)]
        return r > g + 25 and r > b + 40  # the cone's translucent orange over white

    # inside the 90° cone (±45° from north), and outside it (the meridian itself is
    # drawn in blue at 0° and 180°, so those bearings are avoided)
    assert all(orange_at(bearing) for bearing in (-35, -10, 10, 35))
    assert not any(orange_at(bearing) for bearing in (-60, -100, 60, 120, 170))
