"""The public API against the real local instance, as a script in the Python console
would use it: search an area, open a picture turned toward a point, follow the signal."""

from __future__ import annotations

import importlib

import pytest
import qgis.utils

from panoramax_plugin.core.view_geometry import sight, yaw_toward
from tests.qgis.conftest import PLUGIN_MODULE, import_plugin_package
from tests.qt_wait import run_until

pytestmark = pytest.mark.integration


@pytest.fixture()
def pano(desktop, qgis_app):
    plugin = import_plugin_package().classFactory(desktop)
    plugin.initGui()
    qgis.utils.plugins[PLUGIN_MODULE] = plugin
    yield qgis.utils.plugins[PLUGIN_MODULE].api
    qgis.utils.plugins.pop(PLUGIN_MODULE, None)
    plugin.unload()


def test_search_open_toward_and_follow(pano, local_instance, seeded_place, qgis_app):
    api_module = importlib.import_module(f"{PLUGIN_MODULE}.panoramax_plugin.api")
    found = pano.search_pictures(seeded_place.bbox, instance=local_instance.api)
    ids = {p.id for p in found}
    assert set(seeded_place.flat_ids) | set(seeded_place.pano_ids) <= ids
    first = next(p for p in found if p.id == seeded_place.pano_ids[0])
    assert isinstance(first, api_module.PictureInfo) and first.is_360
    assert first.sequence_id == seeded_place.pano_sequence
    assert first.instance_url.rstrip("/") == local_instance.api.rstrip("/")
    assert first.captured_at is not None and first.captured_at.tzinfo is not None

    heard = []
    pano.picture_changed.connect(heard.append)
    target = (first.lon + 0.0002, first.lat)  # about 15 m east
    pano.open_picture(first.id, instance=local_instance.api, toward=target)
    run_until(qgis_app, lambda: heard, 60)
    assert heard[0].id == first.id
    assert pano.current_picture() == heard[0]
    camera = pano.current_camera()
    assert isinstance(camera, api_module.CameraInfo)
    seen = sight(first.lon, first.lat, 2.0, target[0], target[1], 0.0)
    expected = yaw_toward(first.heading, seen.azimuth)
    assert abs(((camera.yaw - expected) + 180) % 360 - 180) < 1.0
    assert abs(((camera.map_bearing - seen.azimuth) + 180) % 360 - 180) < 1.0

    flat = seeded_place.flat_ids[0]
    pano.open_picture(flat, instance=local_instance.api)
    run_until(qgis_app, lambda: len(heard) >= 2, 60)
    assert heard[-1].id == flat and not heard[-1].is_360
    assert pano.current_camera().yaw == 0.0


def test_search_with_dates_and_a_cap(pano, local_instance, seeded_place):
    from datetime import timedelta

    day = seeded_place.flat_start
    found = pano.search_pictures(
        seeded_place.bbox,
        instance=local_instance.api,
        start=day - timedelta(hours=1),
        end=day + timedelta(days=1),
    )
    assert {p.id for p in found} >= set(seeded_place.flat_ids)
    assert not {p.id for p in found} & set(seeded_place.pano_ids)
    assert (
        len(pano.search_pictures(seeded_place.bbox, instance=local_instance.api, max_pictures=3))
        <= 3
    )
