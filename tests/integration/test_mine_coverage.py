"""My coverage (issue #15 item 1): the user's own vector tiles ``/api/users/me/map/…`` as a
layer of the "My pictures" box, hidden sequences included, with the token out of the
layer's source and of the project file."""

from __future__ import annotations

import math

import pytest
import requests

from .seeding import delete_sequences
from .test_mine import fresh_sequence, mine
from .test_mine_view import Logger

pytestmark = pytest.mark.integration

ZOOM = 15


def tile_of(lat: float, lon: float, zoom: int):
    n = 2**zoom
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def orange_pixels(layer, shot) -> int:
    """Pixels of the plugin's orange in a 256 px render of 120 m around ``shot``."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsMapRendererSequentialJob,
        QgsMapSettings,
        QgsPointXY,
        QgsProject,
        QgsRectangle,
    )
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor

    from panoramax_plugin.layers.coverage import FLAT_COLOR

    mercator = QgsCoordinateReferenceSystem("EPSG:3857")
    to_mercator = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), mercator, QgsProject.instance()
    )
    center = to_mercator.transform(QgsPointXY(shot.lon, shot.lat))
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(mercator)
    settings.setOutputSize(QSize(256, 256))
    settings.setExtent(
        QgsRectangle(center.x() - 60, center.y() - 60, center.x() + 60, center.y() + 60)
    )
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image, orange = job.renderedImage(), QColor(FLAT_COLOR)
    found = 0
    for px in range(0, image.width(), 2):
        for py in range(0, image.height(), 2):
            color = image.pixelColor(px, py)
            if (
                abs(color.red() - orange.red()) < 30
                and abs(color.green() - orange.green()) < 30
                and color.blue() < 60
            ):
                found += 1
    return found


def test_my_coverage_shows_my_hidden_sequence_without_the_token_in_the_project(
    local_instance, qgis_app, tmp_path
):
    from qgis.core import QgsApplication, QgsProject

    from panoramax_plugin.current_instance import CurrentInstance
    from panoramax_plugin.mine import coverage
    from panoramax_plugin.mine.box import MineBox
    from panoramax_plugin.upload.token_store import TokenStore

    manager = QgsApplication.authManager()
    assert not manager.isDisabled(), manager.disabledMessage()
    assert manager.setMasterPassword("panoramax-tests", True)
    seeded, _ids, shots = fresh_sequence(local_instance, tmp_path, count=2, title="coverage")
    sequence_id = seeded.sequence_ids[0]
    store = TokenStore()
    current = CurrentInstance()
    box = MineBox(Logger(), current)
    project = QgsProject.instance()
    try:
        me = mine(local_instance.api, local_instance.token)
        assert me.patch_sequence(sequence_id, visibility="owner-only").visibility == "owner-only"
        x, y = tile_of(shots[0].lat, shots[0].lon, ZOOM)
        anonymous = requests.get(f"{local_instance.api}/map/{ZOOM}/{x}/{y}.mvt", timeout=30)
        assert sequence_id.encode() not in anonymous.content  # hidden from everyone else

        current.choose(local_instance.api)
        assert not box.coverage_button.isEnabled()
        store.save(local_instance.api, local_instance.token, "test")
        current.signed_in(local_instance.api, "test")
        assert box.coverage_button.isEnabled()
        layer = box.add_coverage()
        assert layer is not None and layer.isValid()
        assert project.mapLayer(layer.id()) is layer
        assert box.add_coverage() is layer  # once per instance
        source = layer.source()
        assert "/users/me/map/" in source and local_instance.token not in source
        assert ("authcfg=" in source) == coverage.has_header_method()

        assert orange_pixels(layer, shots[0]) >= 5  # the owner's hidden sequence is drawn

        saved = tmp_path / "project.qgs"
        assert project.write(str(saved))
        text = saved.read_text(encoding="utf-8")
        assert "/users/me/map/" in text and local_instance.token not in text

        # another instance chosen, then this one again: the layer (and the saved project)
        # keep their token, signed in as before, with the same auth configuration
        authcfg = layer.source().split("authcfg=")[-1].split("&")[0] if "authcfg=" in source else ""
        current.choose("http://127.0.0.1:9/api")
        assert not box.coverage_button.isEnabled()
        if authcfg:
            assert authcfg == coverage.stable_id(local_instance.api)
            assert authcfg in manager.configIds()
        else:
            assert coverage.PREPROCESSOR._tokens  # QGIS 3.22: kept in memory
        current.choose(local_instance.api)
        current.signed_in(local_instance.api, "test")
        if authcfg:
            assert authcfg in manager.configIds()
        assert orange_pixels(layer, shots[0]) >= 5

        current.signed_in(local_instance.api, "")  # signed out: the header goes away
        if authcfg:
            assert authcfg not in manager.configIds()
        assert not coverage.PREPROCESSOR._tokens
        assert not box.coverage_button.isEnabled()
    finally:
        project.clear()
        coverage.sign_out(local_instance.api)
        store.remove(local_instance.api)
        box.unload()
        delete_sequences(local_instance.api, local_instance.token, [sequence_id])
