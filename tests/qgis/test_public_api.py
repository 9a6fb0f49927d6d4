"""The public API, used as another plugin or the Python console would: through
``qgis.utils.plugins[...]`` and by importing the installed package. Its names are a
promise: renaming one breaks this test on purpose."""

from __future__ import annotations

import importlib
import inspect

import pytest
import qgis.utils
from qgis.core import QgsGeometry, QgsPointXY, QgsRectangle

from tests.qgis.conftest import PLUGIN_MODULE, import_plugin_package

PROMISED_METHODS = {
    "open_picture": ["picture_id", "instance", "toward"],
    "current_picture": [],
    "current_camera": [],
    "search_pictures": ["extent_wgs84", "instance"],
}
PICTURE_FIELDS = [
    "id",
    "sequence_id",
    "lon",
    "lat",
    "heading",
    "captured_at",
    "instance_url",
    "is_360",
    "thumb_url",
]
CAMERA_FIELDS = ["yaw", "pitch", "hfov", "map_bearing"]


@pytest.fixture()
def running_plugin(desktop, qgis_app):
    plugin = import_plugin_package().classFactory(desktop)
    plugin.initGui()
    qgis.utils.plugins[PLUGIN_MODULE] = plugin  # what QGIS's startPlugin does
    yield plugin
    qgis.utils.plugins.pop(PLUGIN_MODULE, None)
    plugin.unload()


def test_names_are_kept(running_plugin):
    from dataclasses import fields

    module = importlib.import_module(f"{PLUGIN_MODULE}.panoramax_plugin.api")
    api = qgis.utils.plugins[PLUGIN_MODULE].api
    assert module.running() is api
    assert isinstance(api, module.PanoramaxApi)
    for name, params in PROMISED_METHODS.items():
        signature = inspect.signature(getattr(api, name))
        assert list(signature.parameters)[: len(params)] == params, name
    assert [f.name for f in fields(module.PictureInfo)] == PICTURE_FIELDS
    assert [f.name for f in fields(module.CameraInfo)] == CAMERA_FIELDS
    heard = []
    api.picture_changed.connect(heard.append)  # a real Qt signal
    api.picture_changed.disconnect(heard.append)
    assert set(module.__all__) >= {"PanoramaxApi", "PictureInfo", "CameraInfo", "running"}


def test_before_the_viewer_exists(running_plugin):
    api = running_plugin.api
    assert running_plugin.viewer is None
    assert api.current_picture() is None
    assert api.current_camera() is None
    assert running_plugin.viewer is None  # asking does not open the viewer


def test_bad_arguments_fail_before_anything_happens(running_plugin):
    api = running_plugin.api
    for bad_id in ("", "  ", None, 42):
        with pytest.raises(ValueError):
            api.open_picture(bad_id)
    for toward in ((200.0, 10.0), (1.0, 95.0), QgsGeometry()):
        with pytest.raises(ValueError):
            api.open_picture("some-id", toward=toward)
    with pytest.raises(TypeError):
        api.open_picture("some-id", toward="north")
    for extent in ((0, 0, 0, 0), (1, 2, 3), (10, 10, 5, 5), (-200, 0, 0, 1)):
        with pytest.raises(ValueError):
            api.search_pictures(extent)
    assert running_plugin.viewer is None


def test_open_picture_makes_the_viewer_and_turns_toward(running_plugin, qgis_app):
    from tests.http_server import CannedServer

    api = running_plugin.api
    with CannedServer() as server:  # answers 404: nothing leaves 127.0.0.1
        api.open_picture("abc", instance=server.url("/api"), toward=QgsPointXY(2.35, 48.85))
        viewer = running_plugin.viewer
        assert viewer is not None and running_plugin.viewer_action.isChecked()
        assert viewer.api_url == server.url("/api")
        assert (viewer.target.lon, viewer.target.lat) == (2.35, 48.85)
        api.open_picture("abc", instance=server.url("/api"), toward=(2.0, 48.0))
        assert (viewer.target.lon, viewer.target.lat) == (2.0, 48.0)
        square = QgsGeometry.fromRect(QgsRectangle(0, 0, 2, 2))
        api.open_picture("abc", instance=server.url("/api"), toward=square)
        assert (viewer.target.lon, viewer.target.lat) == (1.0, 1.0)
        api.open_picture("abc", instance=server.url("/api"))
        assert viewer.target is None  # opens looking ahead
        viewer._cancel_item()


def test_unload_ends_the_api(desktop, qgis_app):
    plugin = import_plugin_package().classFactory(desktop)
    plugin.initGui()
    module = importlib.import_module(f"{PLUGIN_MODULE}.panoramax_plugin.api")
    api = module.running()
    plugin.unload()
    with pytest.raises(RuntimeError):
        module.running()
    with pytest.raises(RuntimeError):
        api.open_picture("abc")
    assert api.current_picture() is None
