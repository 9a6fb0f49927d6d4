"""Pictures of the user's features, from the layer to the viewer, against the real local
instance: a Lambert-93 layer of "assets" placed at known bearings from the seeded
pictures; the search lists the pictures that see them and opens the best one turned
toward its feature (360°: camera yaw and map cone; flat: zoomed toward it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QPointF

from panoramax_plugin.core.client import PanoramaxClient
from panoramax_plugin.core.look_at import LookTarget, flat_point_toward
from panoramax_plugin.core.view_geometry import destination, sight, yaw_toward
from panoramax_plugin.log import PluginLogger
from tests.http_server import Canned, CannedServer, landing
from tests.qt_wait import run_until
from tests.viewer_harness import open_viewer

pytestmark = pytest.mark.integration

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture()
def viewer(desktop, local_instance, qgis_app):
    with open_viewer(
        desktop, local_instance.api, timeout_s=10.0, dock_size=(640, 720), show=True
    ) as controller:
        yield controller


@pytest.fixture()
def feature_pictures(viewer, desktop):
    from panoramax_plugin.assets.feature_search import FeaturePictures

    return FeaturePictures(lambda: viewer, PluginLogger(desktop))


def asset_layer(points, authid="EPSG:2154"):
    """A point layer in ``authid`` with one feature per (name, lon, lat)."""
    layer = QgsVectorLayer(f"Point?crs={authid}&field=name:string", "signs", "memory")
    transform = QgsCoordinateTransform(
        WGS84, QgsCoordinateReferenceSystem(authid), QgsProject.instance()
    )
    features = []
    for name, lon, lat in points:
        feature = QgsFeature(layer.fields())
        feature.setAttribute("name", name)
        feature.setGeometry(QgsGeometry.fromPointXY(transform.transform(QgsPointXY(lon, lat))))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.setDisplayExpression('"name"')
    return layer


def api_picture(local_instance, picture_id, sequence_id):
    return PanoramaxClient(local_instance.api).get_picture(picture_id, sequence_id)


def search_and_wait(feature_pictures, viewer, layer, qgis_app):
    task = feature_pictures.search(layer, list(layer.getFeatures()))
    assert task is not None
    candidates = viewer.dock.candidates
    run_until(qgis_app, lambda: feature_pictures.task is None, 30)
    return candidates


def test_a_360_picture_opens_turned_toward_the_feature(
    viewer, feature_pictures, local_instance, seeded_place, qgis_app
):
    pano = api_picture(local_instance, seeded_place.pano_ids[1], seeded_place.pano_sequence)
    lon, lat = destination(pano.lon, pano.lat, 20.0, 4.0)  # 4 m away, a bit east of north
    layer = asset_layer([("bus stop 7", lon, lat)])
    candidates = search_and_wait(feature_pictures, viewer, layer, qgis_app)
    found = candidates.candidates()
    assert found, candidates.title.text()
    assert candidates.title.text().startswith("Pictures of bus stop 7")
    assert pano.id in [c.picture.id for c in found]
    best = found[0]  # opened at once: a 360° of the seeded sequence
    assert best.picture.is_360 and best.picture.sequence_id == seeded_place.pano_sequence
    pano = api_picture(local_instance, best.picture.id, seeded_place.pano_sequence)
    run_until(qgis_app, lambda: (pano.id, "sd") in viewer.images, 30)
    expected = sight(pano.lon, pano.lat, 2.0, lon, lat, 1.0)
    camera = viewer.dock.pano_view.camera
    assert camera.yaw == pytest.approx(yaw_toward(pano.heading, expected.azimuth), abs=0.5)
    assert camera.pitch == pytest.approx(expected.elevation, abs=0.5)
    _, _, bearing, _ = viewer.map_sync.last  # the map cone points at the feature
    assert bearing == pytest.approx(expected.azimuth, abs=0.5)
    # stepping along the sequence keeps turning toward the feature
    viewer.go("next")
    following = api_picture(local_instance, pano.next.id, seeded_place.pano_sequence)
    run_until(
        qgis_app, lambda: viewer.current is not None and viewer.current.id == following.id, 30
    )
    seen = sight(following.lon, following.lat, 2.0, lon, lat, 1.0)
    assert viewer.dock.pano_view.camera.yaw == pytest.approx(
        yaw_toward(following.heading, seen.azimuth), abs=0.5
    )
    # the feature's marker is drawn at the view centre (where the camera looks)
    view = viewer.dock.pano_view
    _, target = viewer.overlay.scene.place(view.overlay_pose())
    assert target is not None
    assert target.x == pytest.approx(view.width() / 2, abs=2)
    assert target.y == pytest.approx(view.height() / 2, abs=2)
    SHOTS.mkdir(parents=True, exist_ok=True)
    viewer.dock.grab().save(str(SHOTS / "viewer_dock_pictures_of_a_feature.png"))
    # closing the list: pictures look ahead again, the marker goes
    candidates.close_button.click()
    assert viewer.target is None


def test_a_flat_picture_opens_zoomed_toward_the_feature(
    viewer, feature_pictures, local_instance, seeded_place, qgis_app
):
    flat = api_picture(local_instance, seeded_place.flat_ids[3], seeded_place.flat_sequence)
    # 3 m ahead and a little to the right of the camera's axis
    lon, lat = destination(flat.lon, flat.lat, (flat.heading or 0) + 12.0, 3.0)
    layer = asset_layer([("sign B14", lon, lat)])
    candidates = search_and_wait(feature_pictures, viewer, layer, qgis_app)
    found = candidates.candidates()
    assert flat.id in [c.picture.id for c in found]
    assert all(c.visible for c in found)  # flat pictures that do not see it are left out
    best = api_picture(local_instance, found[0].picture.id, seeded_place.flat_sequence)
    assert not best.is_360
    # zoomed in at once, the HD file is asked for too and may come before the sd one
    run_until(qgis_app, lambda: {(best.id, "sd"), (best.id, "hd")} & set(viewer.images), 30)
    view = viewer.dock.flat_view
    assert view.zoom > view.fit_zoom() * 1.5  # zoomed in toward it
    point = flat_point_toward(
        best, LookTarget(lon, lat, 1.0), view.image.width(), view.image.height()
    )
    assert point is not None
    shown = view.widget_point_at(QPointF(*point))
    assert view.rect().contains(shown.toPoint()), (shown, view.rect())


def test_several_features_are_listed_one_by_one_and_a_bad_one_is_said(
    viewer, feature_pictures, local_instance, seeded_place, qgis_app, desktop
):
    flat = api_picture(local_instance, seeded_place.flat_ids[2], seeded_place.flat_sequence)
    ahead = destination(flat.lon, flat.lat, flat.heading or 0, 4.0)
    far = destination(flat.lon, flat.lat, 0.0, 5000.0)  # nothing within 30 m there
    layer = asset_layer([("near", *ahead), ("far away", *far)])
    empty = QgsFeature(layer.fields())
    empty.setAttribute("name", "no geometry")
    layer.dataProvider().addFeatures([empty])
    candidates = search_and_wait(feature_pictures, viewer, layer, qgis_app)
    bar = [item.text() for item in desktop.messageBar().items()]
    assert any("no geometry" in text for text in bar), bar  # said, the others searched
    assert candidates.feature_combo.count() == 2
    assert candidates.feature_combo.itemText(0).startswith("near (")
    candidates.feature_combo.setCurrentIndex(1)
    assert "No picture of far away was found within 30 m" in candidates.title.text()
    assert candidates.candidates() == []


def test_a_failing_place_search_is_said_in_the_list(viewer, feature_pictures, qgis_app):
    with CannedServer() as server:
        server.routes["/api"] = server.routes["/api/"] = Canned(200, landing(server.base_url))
        server.routes["/api/search"] = Canned(503, {"message": "maintenance"})
        viewer.set_instance(server.url("/api"))
        layer = asset_layer([("bench", 2.35, 48.85)])
        candidates = search_and_wait(feature_pictures, viewer, layer, qgis_app)
    assert "HTTP 503" in candidates.title.text() or "503" in candidates.title.text()
    assert viewer.current is None  # nothing opened, nothing else disturbed


def test_widening_the_distance_searches_again(
    viewer, feature_pictures, local_instance, seeded_place, qgis_app
):
    pano = api_picture(local_instance, seeded_place.pano_ids[0], seeded_place.pano_sequence)
    # 45 m north of the 360° sequence's first picture; the flat sequence is further south
    lon, lat = destination(pano.lon, pano.lat, 0.0, 45.0)
    layer = asset_layer([("tree 3", lon, lat)])
    candidates = search_and_wait(feature_pictures, viewer, layer, qgis_app)
    assert candidates.candidates() == []
    candidates.distance.setValue(60)
    candidates.distance.editingFinished.emit()
    assert feature_pictures.task is not None  # searched again at once
    run_until(qgis_app, lambda: feature_pictures.task is None, 30)
    assert pano.id in [c.picture.id for c in candidates.candidates()]
    assert viewer.settings.feature_search_distance_m == 60.0
    assert QgsSettings().value("panoramax/feature_search_distance_m", type=float) == 60.0
    QgsSettings().remove("panoramax/feature_search_distance_m")  # as the test found it
