"""Settings → Options → Panoramax: saved through PluginSettings, read back, ranges kept,
and the running plugin follows without a restart."""

from __future__ import annotations

from qgis.PyQt.QtWidgets import QCheckBox, QDoubleSpinBox, QLineEdit, QSpinBox

from panoramax_plugin.options_page import (
    OPTION_FIELDS,
    PanoramaxOptionsFactory,
    PanoramaxOptionsPage,
)
from panoramax_plugin.settings import PluginSettings
from tests.qgis.conftest import import_plugin_package


def test_the_factory_makes_the_page_with_the_plugin_icon(qgis_app):
    factory = PanoramaxOptionsFactory()
    assert factory.title() == "Panoramax"
    assert not factory.icon().isNull()
    page = factory.createWidget(None)
    assert isinstance(page, PanoramaxOptionsPage)
    assert set(page.widgets) == set(OPTION_FIELDS)
    for name, widget in page.widgets.items():
        assert widget.toolTip(), name  # every setting says what it does
        if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
            assert widget.minimum() > 0 and widget.maximum() > widget.minimum(), name
    page.deleteLater()


def test_values_saved_and_read_back(qgis_app, tmp_path):
    before = PluginSettings.load()
    page = PanoramaxOptionsPage()
    try:
        page.widgets["timeout_s"].setValue(45)
        page.widgets["viewer_cache_mb"].setValue(512)
        page.widgets["viewer_always_hd"].setChecked(True)
        page.widgets["camera_height_m"].setValue(2.35)
        page.widgets["overlay_distance_m"].setValue(80)
        page.widgets["feature_search_distance_m"].setValue(45)
        page.widgets["search_ceiling"].setValue(20_000)
        page.widgets["auto_refresh_delay_ms"].setValue(900)
        page.widgets["upload_parallel"].setValue(5)
        page.widgets["upload_state_folder"].setFilePath(str(tmp_path))
        page.widgets["federation_url"].setText("http://127.0.0.1:9/api/instances")
        page.apply()
        saved = PluginSettings.load()
        assert saved.timeout_s == 45.0 and isinstance(saved.timeout_s, float)
        assert saved.viewer_cache_mb == 512
        assert saved.viewer_always_hd is True
        assert abs(saved.camera_height_m - 2.35) < 1e-9
        assert saved.overlay_distance_m == 80.0
        assert saved.feature_search_distance_m == 45.0
        assert saved.search_ceiling == 20_000
        assert saved.auto_refresh_delay_ms == 900
        assert saved.upload_parallel == 5
        assert saved.upload_state_folder == str(tmp_path)
        assert saved.federation_url == "http://127.0.0.1:9/api/instances"
        # the panel's own settings are left alone
        assert (saved.instance_key, saved.custom_url) == (before.instance_key, before.custom_url)
        # a new page shows what was saved
        again = PanoramaxOptionsPage()
        assert again.values() == page.values()
        again.deleteLater()
        # empty folder: the default again
        page.widgets["upload_state_folder"].setFilePath("")
        page.apply()
        assert PluginSettings.load().upload_state_folder == ""
    finally:
        page.deleteLater()
        for name in OPTION_FIELDS:
            PluginSettings.load().set_and_save(name, getattr(before, name))


def test_bad_values_cannot_be_saved(qgis_app):
    before = PluginSettings.load()
    page = PanoramaxOptionsPage()
    try:
        for name, widget in page.widgets.items():
            if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
                huge = 1e12 if isinstance(widget, QDoubleSpinBox) else 2**31 - 1
                widget.setValue(-huge)
                assert widget.value() == widget.minimum(), name
                widget.setValue(huge)
                assert widget.value() == widget.maximum(), name
        page.widgets["upload_parallel"].setValue(99)
        page.widgets["federation_url"].setText("javascript:alert(1)")  # not a web address
        page.apply()
        saved = PluginSettings.load()
        assert saved.upload_parallel == 8
        assert saved.timeout_s == 600.0
        assert saved.federation_url == before.federation_url  # the saved one stays
        # values out of range in the settings file are shown within range
        PluginSettings.load().set_and_save("viewer_cache_mb", 10**9)
        shown = PanoramaxOptionsPage()
        assert shown.widgets["viewer_cache_mb"].value() == 8000
        shown.deleteLater()
    finally:
        page.deleteLater()
        for name in OPTION_FIELDS:
            PluginSettings.load().set_and_save(name, getattr(before, name))


def test_the_running_plugin_follows_without_restart(desktop, qgis_app):
    before = PluginSettings.load()
    plugin = import_plugin_package().classFactory(desktop)
    plugin.initGui()
    try:
        assert desktop.options_factories == [plugin.options_factory]
        viewer = plugin.ensure_viewer()
        page = desktop.options_factories[0].createWidget(None)
        page.widgets["timeout_s"].setValue(12)
        page.widgets["viewer_cache_mb"].setValue(64)
        page.widgets["camera_height_m"].setValue(3.1)
        page.widgets["auto_refresh_delay_ms"].setValue(1500)
        page.widgets["search_ceiling"].setValue(7_000)
        page.widgets["viewer_always_hd"].setChecked(True)
        page.apply()
        assert viewer.settings.timeout_s == 12.0  # each new request of the viewer
        assert viewer.loader.timeout_s == 12.0
        assert viewer.loader.cache.max_bytes == 64 * 1024 * 1024
        assert abs(viewer.overlay.scene.camera_height_m - 3.1) < 1e-9
        assert abs(viewer.measure.session.camera_height_m - 3.1) < 1e-9
        assert viewer.settings.viewer_always_hd is True
        assert plugin.panel.settings.timeout_s == 12.0
        assert plugin.panel.controller.debounce.interval() == 1500
        assert plugin.panel.browse_box.ceiling.value() == 7_000
        page.deleteLater()
    finally:
        plugin.unload()
        for name in OPTION_FIELDS:
            PluginSettings.load().set_and_save(name, getattr(before, name))
    assert desktop.options_factories == []


def test_widget_kinds_match_the_settings_types(qgis_app):
    defaults = PluginSettings()
    page = PanoramaxOptionsPage()
    for name, widget in page.widgets.items():
        value = getattr(defaults, name)
        if isinstance(value, bool):
            assert isinstance(widget, QCheckBox), name
        elif isinstance(value, str):
            assert hasattr(widget, "filePath") or isinstance(widget, QLineEdit), name
    page.deleteLater()
