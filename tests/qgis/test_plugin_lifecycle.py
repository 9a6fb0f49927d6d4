"""The plugin loads through classFactory, adds its GUI, and unload removes all of it."""

from __future__ import annotations

from qgis.core import QgsVectorLayer
from qgis.PyQt.QtWidgets import QDockWidget, QToolBar

from tests.qgis.conftest import import_plugin_package


def _plugin_toolbars(desktop):
    return [
        t for t in desktop.window.findChildren(QToolBar) if t.objectName() == "PanoramaxToolbar"
    ]


def test_load_adds_toolbar_menu_and_unload_removes_everything(desktop, qgis_app):
    package = import_plugin_package()
    plugin = package.classFactory(desktop)
    before_docks = len(desktop.window.findChildren(QDockWidget))
    plugin.initGui()

    toolbars = _plugin_toolbars(desktop)
    assert len(toolbars) == 1
    assert [a.text() for a in toolbars[0].actions()] == [
        "Panoramax panel",
        "Picture viewer",
        "Open the picture clicked on the map",
        "Panoramax pictures of a feature",
        "Upload pictures…",
    ]
    assert desktop.plugin_menu_titles() == ["&Panoramax"]
    menu = desktop._submenu("&Panoramax")
    assert [a.text() for a in menu.actions()] == [
        "Panoramax panel",
        "Picture viewer",
        "Open the picture clicked on the map",
        "Panoramax pictures of a feature",
        "Panoramax pictures of the selected features",
        "Upload pictures…",
        "About Panoramax…",
    ]
    # the feature entry points: the layers panel's menu and the feature actions
    assert [a.text() for a, *_ in desktop.layer_actions] == [
        "Panoramax pictures of the selected features"
    ]
    from qgis.gui import QgsGui

    registry = QgsGui.mapLayerActionRegistry()
    assert plugin.feature_tools.entry_points.map_layer_action in registry.mapLayerActions(
        QgsVectorLayer("Point?crs=EPSG:4326", "any", "memory")
    )

    plugin.panel_action.setChecked(True)  # opens the dock
    plugin.viewer_action.setChecked(True)  # and the viewer
    plugin.pick_action.setChecked(True)  # the map tool
    assert desktop.canvas.mapTool() is plugin.pick_tool
    from panoramax_plugin.panel.instance_picker import CUSTOM_KEY

    plugin.panel.picker.set_selection(CUSTOM_KEY, "http://127.0.0.1:9")  # nothing is sent
    plugin.upload_action.trigger()  # the upload dialog, for the panel's instance
    assert plugin.upload_dialog is not None and plugin.upload_dialog.isVisible()
    docks = desktop.window.findChildren(QDockWidget)
    assert len(docks) == before_docks + 2
    assert not plugin.panel.isHidden() and not plugin.viewer_dock.isHidden()

    plugin.unload()
    qgis_app.processEvents()
    from qgis.PyQt.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert _plugin_toolbars(desktop) == []
    assert desktop.plugin_menu_titles() == []
    assert len(desktop.window.findChildren(QDockWidget)) == before_docks
    assert plugin.actions == [] and plugin.panel is None and plugin.viewer is None
    assert plugin.upload_dialog is None
    assert desktop.canvas.mapTool() is None
    assert desktop.layer_actions == []
    assert not [
        action
        for action in registry.mapLayerActions(QgsVectorLayer("Point?crs=EPSG:4326", "x", "memory"))
        if action.text() == "Panoramax pictures of this feature"
    ]


def test_load_unload_twice_is_clean(desktop, qgis_app):
    from qgis.PyQt.QtCore import QCoreApplication, QEvent

    package = import_plugin_package()
    for _ in range(2):
        plugin = package.classFactory(desktop)
        plugin.initGui()
        plugin.unload()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert _plugin_toolbars(desktop) == []
    assert desktop.plugin_menu_titles() == []


def test_missing_dependency_is_reported_without_traceback(desktop, qgis_app, monkeypatch):
    package = import_plugin_package()
    plugin_module = __import__(package.__name__ + ".panoramax_plugin.plugin", fromlist=["x"])
    monkeypatch.setattr(plugin_module, "missing_packages", lambda: ["pystac-client", "shapely"])
    plugin = package.classFactory(desktop)
    plugin.initGui()
    try:
        items = desktop.bar.items()
        texts = [item.text() for item in items]
        assert any("pystac-client, shapely" in t and "pip install" in t for t in texts), texts
    finally:
        plugin.unload()
