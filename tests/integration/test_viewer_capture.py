"""Capture of the view against the real local instance: an uploaded picture opened in the
viewer, its hd file fetched through QGIS networking, the file written with its caption."""

from __future__ import annotations

import io

import pytest
import requests
from PIL import Image
from qgis.core import Qgis
from qgis.PyQt.QtGui import QImage

from tests.qt_wait import run_until
from tests.viewer_harness import open_viewer

from .test_viewer import open_and_wait

pytestmark = pytest.mark.integration


@pytest.fixture()
def viewer(desktop, local_instance, qgis_app):
    with open_viewer(desktop, local_instance.api) as controller:
        yield controller


def capture(viewer, qgis_app, path):
    before = len(viewer.said)
    assert viewer.capture_view("file", str(path)) is not None
    run_until(qgis_app, lambda: len(viewer.said) > before, 60)
    level, message = viewer.said[-1]
    assert level == Qgis.MessageLevel.Success, message
    return QImage(str(path))


def test_capture_of_an_uploaded_360_picture(viewer, seeded_place, qgis_app, tmp_path):
    picture = open_and_wait(viewer, qgis_app, seeded_place.pano_ids[0], seeded_place.pano_sequence)
    viewer.dock.pano_view.resize(640, 360)
    assert viewer.loader.cached(picture.id, "hd") is None  # the hd file comes from the instance
    saved = capture(viewer, qgis_app, tmp_path / "pano.jpg")
    assert (saved.width(), saved.height()) == (1920, 1080)
    caption = saved.text("Description")
    assert "qgis-tester" in caption and "CC-BY-SA-4.0" in caption and picture.id in caption
    assert seeded_place.pano_start.strftime("%Y-%m-%d") in caption  # the capture date


def test_capture_of_an_uploaded_flat_picture(viewer, seeded_place, qgis_app, tmp_path):
    picture = open_and_wait(viewer, qgis_app, seeded_place.flat_ids[0], seeded_place.flat_sequence)
    saved = capture(viewer, qgis_app, tmp_path / "flat.png")
    # fitted: the whole picture, at the hd file's own size (whatever the sd file's is)
    with Image.open(io.BytesIO(requests.get(picture.asset_url("hd"), timeout=30).content)) as hd:
        assert (saved.width(), saved.height()) == hd.size
    caption = saved.text("Description")
    assert picture.id in caption and "qgis-tester" in caption
