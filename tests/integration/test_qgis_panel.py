"""The panel connects to the real local instance through QGIS networking, in a task."""

from __future__ import annotations

import pytest

from tests.qgis.test_qgis_transport import wait_for

pytestmark = pytest.mark.integration


def test_panel_connects_to_local_instance(local_instance, desktop, qgis_app, seen_requests):
    from panoramax_plugin.log import PluginLogger
    from panoramax_plugin.panel.dock import PanoramaxPanel
    from panoramax_plugin.panel.instance_picker import CUSTOM_KEY

    seen = seen_requests
    panel = PanoramaxPanel(PluginLogger(desktop), desktop.window)
    connected = []
    panel.connected.connect(lambda instance, configuration: connected.append(instance))
    panel.picker.set_selection(CUSTOM_KEY, local_instance.api.replace("/api", ""))
    task = panel.connect_instance()
    assert wait_for(task, qgis_app), (panel.status_label.text(), task.error_trace)
    assert connected and connected[0].version == "2.15.1"
    text = panel.status_label.text()
    assert "GeoVisio version 2.15.1" in text and "no browser sign-in on this instance" in text
    assert local_instance.api in seen and local_instance.api + "/configuration" in seen
    panel.deleteLater()


def test_panel_reports_a_non_panoramax_url(local_instance, desktop, qgis_app):
    from panoramax_plugin.log import PluginLogger
    from panoramax_plugin.panel.dock import PanoramaxPanel
    from panoramax_plugin.panel.instance_picker import CUSTOM_KEY

    panel = PanoramaxPanel(PluginLogger(desktop), desktop.window)
    panel.picker.set_selection(CUSTOM_KEY, local_instance.api.replace("/api", "/not-api"))
    task = panel.connect_instance()
    assert wait_for(task, qgis_app) is False
    assert "not a Panoramax API" in panel.status_label.text()
    assert any("not a Panoramax API" in item.text() for item in desktop.bar.items())
    panel.picker.set_selection(CUSTOM_KEY, "ftp://nowhere")
    assert panel.connect_instance() is None
    assert "is not a web address" in panel.status_label.text()
    panel.deleteLater()
