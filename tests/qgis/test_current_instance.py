"""One current instance: its state, its one signal, and every feature following it."""

from __future__ import annotations

from qgis.core import QgsProject

from panoramax_plugin.current_instance import CurrentInstance
from tests.http_server import Canned, CannedServer, landing
from tests.qgis.conftest import import_plugin_package
from tests.qt_wait import run_until


class _Instance:
    def __init__(self, api_url, read_only=False):
        self.api_url, self.read_only = api_url, read_only


def test_state_moves_as_the_user_picks_connects_and_signs_in(qgis_app):
    current, seen = CurrentInstance(), []
    current.changed.connect(seen.append)

    current.choose("http://a/api")
    current.choose("http://a/api")  # nothing new: no signal
    assert [s.api_url for s in seen] == ["http://a/api"]

    found = _Instance("http://a/api")
    current.discovered(found, {"auth": {"enabled": True}})
    current.signed_in("http://a/api", "alice")
    current.signed_in("http://b/api", "bob")  # another instance's account: ignored
    assert current.instance is found and current.state.account == "alice"
    assert current.state.configuration == {"auth": {"enabled": True}}
    assert len(seen) == 3

    current.choose("http://a/api/")  # the same instance, spelt with a slash
    assert current.instance is found and current.state.account == "alice"

    current.choose("http://b/api", read_only=True)  # another one: nothing of a is kept
    assert seen[-1].api_url == "http://b/api" and seen[-1].read_only
    assert seen[-1].instance is None and seen[-1].account == "" and not seen[-1].configuration


def test_discovering_another_instance_forgets_the_account(qgis_app):
    current = CurrentInstance()
    current.choose("http://a/api")
    current.signed_in("http://a/api", "alice")
    other = _Instance("http://b/api", read_only=True)
    current.discovered(other, {})
    assert current.api_url == "http://b/api" and current.read_only
    assert current.instance is other and current.state.account == ""


def test_connect_in_the_panel_reaches_browse_viewer_and_upload(desktop, qgis_app):
    """The plugin's features follow the one current instance, not the picker each."""
    from panoramax_plugin.panel.instance_picker import CUSTOM_KEY

    routes = {"/api": Canned(body=landing()), "/api/": Canned(body=landing())}
    with CannedServer(routes) as server:
        plugin = import_plugin_package().classFactory(desktop)
        plugin.initGui()
        try:
            panel = plugin.ensure_panel()
            assert panel.current is plugin.current
            panel.picker.set_selection(CUSTOM_KEY, server.base_url)
            viewer = plugin.ensure_viewer()
            assert viewer.api_url == server.base_url + "/api"

            panel.connect_instance()
            run_until(qgis_app, lambda: plugin.current.instance is not None, 20)
            instance = plugin.current.instance
            assert instance.api_url == server.base_url + "/api"
            assert panel.controller.instance is instance and viewer.instance is instance

            dialog = plugin.open_upload()
            assert dialog is not None and dialog.api_url == server.base_url + "/api"
            dialog.account_changed.emit(dialog.api_url, "alice")  # as the account box does
            assert plugin.current.state.account == "alice"
        finally:
            plugin.unload()
            QgsProject.instance().removeAllMapLayers()


def test_a_read_only_catalog_opens_no_upload_dialog(desktop, qgis_app):
    plugin = import_plugin_package().classFactory(desktop)
    plugin.initGui()
    try:
        panel = plugin.ensure_panel()
        panel.picker.set_selection("federated", "")
        assert plugin.open_upload() is None and plugin.upload_dialog is None
        assert plugin.current.read_only
        assert any("only gathers other instances" in item.text() for item in desktop.bar.items())
    finally:
        plugin.unload()


def test_the_viewer_button_is_checked_when_a_picture_opens_the_viewer(desktop, qgis_app):
    """Opening a picture shows the viewer: its toolbar button says so from the first time."""
    desktop.window.show()  # docks added to a shown window are visible at once
    plugin = import_plugin_package().classFactory(desktop)
    plugin.initGui()
    try:
        plugin.open_picture("no-such-picture", None, "http://127.0.0.1:9/api")
        qgis_app.processEvents()
        assert plugin.viewer_dock.isVisible()
        assert plugin.viewer_action.isChecked()
        assert plugin.panel_action.isChecked() == plugin.panel.isVisible()
    finally:
        plugin.unload()
        desktop.window.hide()
