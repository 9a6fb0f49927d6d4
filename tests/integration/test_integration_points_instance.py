"""The locator and the feature actions open real pictures of the local instance in the
viewer, and the map comes to them."""

from __future__ import annotations

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeedback,
    QgsGeometry,
    QgsLocatorContext,
    QgsPointXY,
    QgsRectangle,
    QgsVectorLayer,
)

from panoramax_plugin.core.instances import site_url
from panoramax_plugin.integration.layer_actions import PictureLayerActions
from panoramax_plugin.integration.locator import PanoramaxLocatorFilter
from panoramax_plugin.integration.opener import PictureOpener
from tests.qt_wait import run_until
from tests.viewer_harness import open_viewer

pytestmark = pytest.mark.integration


@pytest.fixture()
def viewer(desktop, local_instance, qgis_app):
    # the viewer follows another instance: links must bring it to the local one
    with open_viewer(desktop, "http://127.0.0.1:9/api", dock_size=(640, 720)) as controller:
        yield controller


@pytest.fixture()
def canvas_far_away(desktop):
    canvas = desktop.canvas
    canvas.resize(600, 400)
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    canvas.setExtent(QgsRectangle(-60.0, -10.0, -59.0, -9.0))  # nowhere near France
    return canvas


def _shown(viewer, qgis_app, picture_id):
    run_until(
        qgis_app,
        lambda: (
            any(p.id == picture_id for p in viewer.shown)
            or bool(viewer.dock.status.text() and viewer.item_task is None)
        ),
    )
    shown = [p for p in viewer.shown if p.id == picture_id]
    assert shown, viewer.dock.status.text()
    return shown[-1]


def _centred_on(canvas, picture) -> bool:
    centre = canvas.center()
    return abs(centre.x() - picture.lon) < 1e-6 and abs(centre.y() - picture.lat) < 1e-6


def _trigger(locator_filter, text, index=0):
    results = []
    locator_filter.resultFetched.connect(results.append)
    locator_filter.fetchResults(text, QgsLocatorContext(), QgsFeedback())
    assert len(results) > index, text
    locator_filter.triggerResult(results[index])
    return results[index]


def test_locator_opens_a_pasted_link_and_centres_the_map(
    desktop, viewer, canvas_far_away, local_instance, seeded_place, qgis_app
):
    opener = PictureOpener(lambda: viewer, canvas_far_away)
    locator_filter = PanoramaxLocatorFilter(opener)
    picture_id = seeded_place.flat_ids[2]
    link = f"{site_url(local_instance.api)}#focus=pic&pic={picture_id}&map=17/0/0"
    _trigger(locator_filter, link)
    picture = _shown(viewer, qgis_app, picture_id)
    assert viewer.api_url == local_instance.api
    assert picture.sequence_id == seeded_place.flat_sequence
    assert not viewer.dock.isHidden()
    run_until(qgis_app, lambda: _centred_on(canvas_far_away, picture), timeout_s=5)
    assert _centred_on(canvas_far_away, picture)
    locator_filter.deleteLater()


def test_locator_opens_the_first_picture_of_a_sequence(
    desktop, viewer, canvas_far_away, local_instance, seeded_place, qgis_app
):
    opener = PictureOpener(lambda: viewer, canvas_far_away)
    locator_filter = PanoramaxLocatorFilter(opener)
    viewer.set_instance(local_instance.api)
    # a bare id: the second result is "Open sequence"
    result = _trigger(locator_filter, seeded_place.pano_sequence, index=1)
    assert result.displayString.startswith("Open sequence")
    picture = _shown(viewer, qgis_app, seeded_place.pano_ids[0])
    assert picture.is_360 and picture.sequence_id == seeded_place.pano_sequence
    run_until(qgis_app, lambda: _centred_on(canvas_far_away, picture), timeout_s=5)
    assert _centred_on(canvas_far_away, picture)
    locator_filter.deleteLater()


def test_layer_action_opens_the_feature_picture(
    desktop, viewer, canvas_far_away, local_instance, seeded_place, qgis_app
):
    opener = PictureOpener(lambda: viewer, canvas_far_away)
    actions = PictureLayerActions(opener, desktop.bar)
    actions.install()
    try:
        layer = QgsVectorLayer(
            "Point?crs=EPSG:4326&field=name:string&field=panoramax:string&field=pnx_inst:string",
            "signs",
            "memory",
        )
        feature = QgsFeature(layer.fields())
        picture_id = seeded_place.flat_ids[4]
        feature["name"] = "a sign"
        feature["panoramax"] = picture_id
        feature["pnx_inst"] = local_instance.api
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(0, 0)))
        actions.open_action.triggerForFeature(layer, feature)
        picture = _shown(viewer, qgis_app, picture_id)
        assert viewer.api_url == local_instance.api
        # the picture was outside the map: it is brought in
        run_until(qgis_app, lambda: _centred_on(canvas_far_away, picture), timeout_s=5)
        assert _centred_on(canvas_far_away, picture)
    finally:
        actions.remove()
