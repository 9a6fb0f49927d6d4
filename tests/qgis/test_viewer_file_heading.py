"""The API gives headings in whole degrees; the viewer takes the decimals from the
picture file's EXIF once it arrives (map cone, overlays, a view turned toward a target)."""

from __future__ import annotations

import pytest
from qgis.PyQt.QtCore import Qt

from panoramax_plugin.core.look_at import LookTarget
from panoramax_plugin.core.view_geometry import destination, sight, yaw_toward
from panoramax_plugin.log import PluginLogger
from panoramax_plugin.settings import PluginSettings
from tests.fixtures.pictures import Shot, make_pano_jpeg
from tests.http_server import Canned, CannedServer, landing
from tests.qgis.test_viewer_bad_input import LAT, LON, SEQUENCE, WHEN, item, new_id
from tests.qt_wait import run_until

FILE_HEADING = 36.6  # what the camera wrote; the instance says 37


@pytest.fixture()
def instance(tmp_path):
    shot = Shot(LAT, LON, WHEN, heading=FILE_HEADING)
    pano = make_pano_jpeg(tmp_path / "pano.jpg", shot, width=512, height=256, seed=7)
    picture_id = new_id()
    answer = item(picture_id, is_360=True)
    answer["properties"]["view:azimuth"] = 37
    with CannedServer() as server:
        server.routes["/api"] = server.routes["/api/"] = Canned(200, landing())
        server.routes[f"/api/collections/{SEQUENCE}/items/{picture_id}"] = Canned(200, answer)
        for level in ("thumb", "sd", "hd"):
            server.routes[f"/pics/{picture_id}/{level}.jpg"] = Canned(
                200, pano.read_bytes(), "image/jpeg"
            )
        yield server, picture_id


@pytest.fixture()
def viewer(desktop, instance, qgis_app):
    from panoramax_plugin.viewer.controller import ViewerController
    from panoramax_plugin.viewer.dock import ViewerDock

    server, _ = instance
    dock = ViewerDock(desktop.window)
    desktop.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    settings = PluginSettings(timeout_s=10.0)
    controller = ViewerController(dock, desktop.canvas, PluginLogger(desktop), settings)
    controller.set_instance(server.url("/api"))
    images = []
    controller.image_shown.connect(lambda pid, level: images.append(level))
    controller.images = images
    yield controller
    controller.unload()
    dock.deleteLater()
    qgis_app.processEvents()


def test_the_file_heading_refines_the_api_one_and_keeps_the_view_on_its_target(
    viewer, instance, qgis_app
):
    _, picture_id = instance
    lon, lat = destination(LON, LAT, 120.0, 6.0)
    viewer.look_at(LookTarget(lon, lat, 1.0, "bin"))
    viewer.open_id(picture_id, SEQUENCE)
    run_until(qgis_app, lambda: "sd" in viewer.images, 20)
    assert viewer.current.heading == pytest.approx(FILE_HEADING, abs=0.01)
    seen = sight(LON, LAT, 2.0, lon, lat, 1.0)
    # turned with the file's heading: the target at the view centre
    camera = viewer.dock.pano_view.camera
    assert camera.yaw == pytest.approx(yaw_toward(FILE_HEADING, seen.azimuth), abs=0.05)
    _, _, bearing, _ = viewer.map_sync.last  # and the map cone points at it
    assert bearing == pytest.approx(seen.azimuth, abs=0.05)
