"""Unloading the plugin while the viewer still has work under way: nothing left behind
calls into the deleted viewer.

On unload the plugin deletes the viewer's controller (and with it its children, the
layer selection link among them) and its dock; the pictures layers stay in the project,
and the viewer's background jobs end their requests later. What must not happen then:

* selecting one picture in a layer makes the deleted link emit: a ``RuntimeError`` in a
  slot (QGIS shows a Python error; without QGIS's exception hook PyQt aborts);
* a map-click search ending after the unload shows its picture in the deleted dock (the
  callback failed with a ``RuntimeError``, logged as "callback failed");
* fetches under way at unload hand anything to the deleted objects.
"""

from __future__ import annotations

import gc
import sys

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QEvent, Qt

from panoramax_plugin.log import PluginLogger
from panoramax_plugin.settings import PluginSettings
from tests.http_server import Canned
from tests.qgis import test_viewer_bad_input as bad
from tests.qt_wait import run_until

pictures, fake = bad.pictures, bad.fake


@pytest.fixture()
def problems(monkeypatch, qgis_app):
    """Exceptions raised in slots (QGIS's hook shows them; recorded here instead of
    PyQt's abort) and Panoramax warnings in the QGIS log."""
    found = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, trace: found.append(repr(value)))

    def record(message, tag, level):
        if tag == "Panoramax" and "failed" in message:
            found.append(message)

    QgsApplication.messageLog().messageReceived.connect(record)
    yield found
    QgsApplication.messageLog().messageReceived.disconnect(record)


@pytest.fixture()
def plugin_viewer(desktop, fake, qgis_app):
    """The viewer as the plugin makes it: dock in the main window, link to the layers
    as the controller's child. ``unload()`` does what the plugin's unload does."""
    from panoramax_plugin.viewer.controller import ViewerController
    from panoramax_plugin.viewer.dock import ViewerDock
    from panoramax_plugin.viewer.layer_selection import LayerSelectionSync

    dock = ViewerDock(desktop.window)
    desktop.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    desktop.window.show()
    settings = PluginSettings(timeout_s=bad.TIMEOUT_S, viewer_cache_mb=32)
    viewer = ViewerController(dock, desktop.canvas, PluginLogger(desktop), settings)
    viewer.set_instance(fake.api)
    viewer.sync = LayerSelectionSync(lambda: None, viewer)

    def unload():
        viewer.unload()
        viewer.deleteLater()
        desktop.removeDockWidget(dock)
        dock.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    viewer.unload_as_plugin = unload
    yield viewer


def settle(qgis_app, seconds: float = 10) -> None:
    """Every viewer job handed over, then garbage collected."""
    from panoramax_plugin.background import job_pool as background

    run_until(qgis_app, lambda: not background._jobs, seconds)
    gc.collect()
    qgis_app.processEvents()


def test_selecting_a_picture_after_unload_is_ignored(plugin_viewer, problems, qgis_app):
    from tests.qgis.test_layer_selection import make_layers

    layers = make_layers()
    plugin_viewer.sync.watch(layers)
    plugin_viewer.unload_as_plugin()
    layer = layers.pictures.layer  # still in the project
    layer.selectByIds([layers.pictures.feature_id("p1")])
    layer.selectByIds([layers.pictures.feature_id("p2")])
    assert problems == []


def test_a_search_ending_after_unload_does_nothing(plugin_viewer, fake, problems, qgis_app):
    found = fake.picture()
    search = bad.search_route(fake.server)

    def slow_search(query):
        answer = search({"ids": found})
        answer.delay = 0.6
        return answer

    fake.server.routes["/api/search"] = slow_search
    job = plugin_viewer.open_nearest(bad.LON, bad.LAT, 0.001)
    run_until(qgis_app, lambda: fake.hits("/api/search") == 1, 5)
    plugin_viewer.unload_as_plugin()
    settle(qgis_app)
    assert job.isCanceled()
    assert problems == []


def test_fetches_under_way_at_unload_end_quietly(plugin_viewer, fake, problems, qgis_app):
    second = bad.new_id()
    first = fake.picture(next=second, is_360=True)
    fake.picture(second, prev=first, is_360=True)
    slow = Canned(200, fake.pano, "image/jpeg", delay=0.5)
    fake.add_files(first, slow)
    fake.add_files(second, slow)
    plugin_viewer.open_id(first, bad.SEQUENCE)
    run_until(qgis_app, lambda: fake.hits(f"/pics/{first}/") >= 2, 5)
    plugin_viewer.unload_as_plugin()
    settle(qgis_app)
    assert problems == []
