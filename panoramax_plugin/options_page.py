"""Settings → Options → Panoramax: the preferences that have no place in the panel.

Saved through ``PluginSettings`` (one save path); ``on_applied(settings)`` then hands
the new values to the running plugin (``push_to_running``), so most take effect at once.
"""

from __future__ import annotations

from qgis.gui import QgsFileWidget, QgsOptionsPageWidget, QgsOptionsWidgetFactory
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from .__about__ import PLUGIN_ROOT
from .settings import PluginSettings

ICON = PLUGIN_ROOT / "resources" / "icons" / "panoramax.svg"
MB = 1024 * 1024

OPTION_FIELDS = (
    "timeout_s",
    "viewer_cache_mb",
    "viewer_always_hd",
    "camera_height_m",
    "overlay_distance_m",
    "feature_search_distance_m",
    "search_ceiling",
    "auto_refresh_delay_ms",
    "upload_parallel",
    "upload_state_folder",
    "federation_url",
)
"""The ``PluginSettings`` fields this page edits (the panel owns the others)."""


class PanoramaxOptionsPage(QgsOptionsPageWidget):
    """One widget per setting, each with its range and unit: a bad value cannot be typed."""

    def __init__(self, parent=None, on_applied=None):
        super().__init__(parent)
        self.setObjectName("PanoramaxOptionsPage")
        self.on_applied = on_applied
        self.widgets: dict = {}
        layout = QVBoxLayout(self)

        network = self._group(layout, self.tr("Network"))
        self._int(
            network,
            "timeout_s",
            self.tr("Request timeout"),
            5,
            600,
            self.tr(" s"),
            self.tr(
                "How long to wait for an instance's answer before giving up (uploads wait "
                "four times longer, at least a minute)"
            ),
        )
        url = QLineEdit(self)
        url.setPlaceholderText(self.tr("Empty: only the instances built into the plugin"))
        url.setToolTip(
            self.tr(
                "Where the list of Panoramax instances is read (once a day, in the "
                "background); they are offered in the panel after the built-in ones"
            )
        )
        self.widgets["federation_url"] = url
        network.addRow(self.tr("Instance list"), url)

        viewer = self._group(layout, self.tr("Picture viewer"))
        self._int(
            viewer,
            "viewer_cache_mb",
            self.tr("Picture cache"),
            50,
            8000,
            self.tr(" MB"),
            self.tr("Memory kept for decoded pictures, so stepping back shows them at once"),
        )
        always_hd = QCheckBox(self.tr("Always load the full-resolution (HD) file"), self)
        always_hd.setToolTip(
            self.tr(
                "Otherwise the HD file is loaded only when you zoom in: faster on slow "
                "connections (applies from the next picture)"
            )
        )
        self.widgets["viewer_always_hd"] = always_hd
        viewer.addRow(always_hd)
        self._double(
            viewer,
            "camera_height_m",
            self.tr("Camera height"),
            0.2,
            10.0,
            self.tr(" m"),
            self.tr(
                "Height of street-view cameras above the ground (a car roof is about 2 m): "
                "used by measures and to turn pictures toward features"
            ),
            decimals=2,
        )
        self._double(
            viewer,
            "overlay_distance_m",
            self.tr("Overlay distance"),
            1.0,
            1000.0,
            self.tr(" m"),
            self.tr(
                "Features of your layers this close to a picture are drawn in it "
                "(applies from the next picture)"
            ),
        )
        self._double(
            viewer,
            "feature_search_distance_m",
            self.tr("Pictures of a feature within"),
            5.0,
            200.0,
            self.tr(" m"),
            self.tr("How far from a feature its pictures are looked for"),
            decimals=0,
        )

        browse = self._group(layout, self.tr("Loading pictures"))
        self._int(
            browse,
            "search_ceiling",
            self.tr("Pictures loaded at most"),
            1_000,
            500_000,
            self.tr(" pictures"),
            self.tr("A larger area asks you to zoom in; more pictures need more memory"),
            step=1_000,
        )
        self._int(
            browse,
            "auto_refresh_delay_ms",
            self.tr("Auto-refresh delay"),
            100,
            10_000,
            self.tr(" ms"),
            self.tr("With auto-refresh on, the map must rest this long before pictures load"),
            step=100,
        )

        upload = self._group(layout, self.tr("Upload"))
        self._int(
            upload,
            "upload_parallel",
            self.tr("Parallel uploads"),
            1,
            8,
            "",
            self.tr("Files sent at once: a home connection is full at 2 to 4"),
        )
        folder = QgsFileWidget(self)
        folder.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        folder.setToolTip(
            self.tr(
                "Where the state of each upload is kept, so an interrupted upload resumes. "
                "Empty: the panoramax/uploads folder of your QGIS profile"
            )
        )
        folder.lineEdit().setPlaceholderText(self.tr("Default: in your QGIS profile"))
        self.widgets["upload_state_folder"] = folder
        upload.addRow(self.tr("Upload state folder"), folder)

        note = QLabel(
            self.tr(
                "Changes apply at once, except where a tooltip says otherwise; an upload "
                "already running keeps its own settings."
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch(1)
        self.load(PluginSettings.load())

    # ------------------------------------------------------------------ building
    def _group(self, layout, title: str) -> QFormLayout:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        layout.addWidget(box)
        return form

    def _int(self, form, name, label, low, high, suffix, tip, step=1) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(low, high)
        spin.setSingleStep(step)
        spin.setSuffix(suffix)
        spin.setToolTip(tip)
        self.widgets[name] = spin
        form.addRow(label, spin)
        return spin

    def _double(self, form, name, label, low, high, suffix, tip, decimals=1) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setRange(low, high)
        spin.setDecimals(decimals)
        spin.setSingleStep(0.1 if decimals > 1 else 1.0)
        spin.setSuffix(suffix)
        spin.setToolTip(tip)
        self.widgets[name] = spin
        form.addRow(label, spin)
        return spin

    # ------------------------------------------------------------------ values
    def load(self, settings: PluginSettings) -> None:
        """Show ``settings`` (values out of range are brought within it by the widgets)."""
        for name in OPTION_FIELDS:
            widget, value = self.widgets[name], getattr(settings, name)
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(round(float(value))))
            elif isinstance(widget, QDoubleSpinBox):
                widget.setValue(float(value))
            elif isinstance(widget, QgsFileWidget):
                widget.setFilePath(str(value or ""))
            else:
                widget.setText(str(value or ""))

    def values(self) -> dict:
        """What the widgets say, as ``PluginSettings`` field values."""
        out = {}
        for name in OPTION_FIELDS:
            widget = self.widgets[name]
            if isinstance(widget, QCheckBox):
                out[name] = widget.isChecked()
            elif isinstance(widget, QSpinBox):
                out[name] = widget.value()
            elif isinstance(widget, QDoubleSpinBox):
                out[name] = float(widget.value())
            elif isinstance(widget, QgsFileWidget):
                out[name] = widget.filePath().strip()
            else:
                out[name] = widget.text().strip()
        out["timeout_s"] = float(out["timeout_s"])
        url = out["federation_url"]
        if url and not url.lower().startswith(("https://", "http://")):
            out.pop("federation_url")  # not a web address: the saved one stays
        return out

    def apply(self) -> None:
        """Save (QGIS calls this when the Options dialog is accepted), then tell the plugin."""
        settings = PluginSettings.load()
        for name, value in self.values().items():
            settings.set_and_save(name, value)
        if self.on_applied is not None:
            try:
                self.on_applied(settings)
            except Exception as error:  # never out of QGIS's dialog
                from qgis.core import Qgis, QgsMessageLog

                QgsMessageLog.logMessage(repr(error), "Panoramax", Qgis.MessageLevel.Warning)


class PanoramaxOptionsFactory(QgsOptionsWidgetFactory):
    """Adds the Panoramax page to Settings → Options."""

    def __init__(self, on_applied=None):
        super().__init__()
        self.on_applied = on_applied
        self.setTitle(self.tr("Panoramax"))

    def icon(self) -> QIcon:
        return QIcon(str(ICON))

    def createWidget(self, parent=None) -> PanoramaxOptionsPage:
        return PanoramaxOptionsPage(parent, self.on_applied)


def push_to_running(plugin, settings: PluginSettings) -> None:
    """Hand the options' new values to what the plugin already made (viewer, panel,
    upload dialog); what is not made yet reads them when it is."""
    values = {name: getattr(settings, name) for name in OPTION_FIELDS}
    viewer = getattr(plugin, "viewer", None)
    if viewer is not None:
        for name, value in values.items():
            setattr(viewer.settings, name, value)
        viewer.loader.timeout_s = float(settings.timeout_s)
        viewer.loader.cache.resize(int(settings.viewer_cache_mb) * MB)
        viewer.overlay.scene.set_camera_height(float(settings.camera_height_m))
        viewer.measure.panel.camera_height.setValue(float(settings.camera_height_m))
    panel = getattr(plugin, "panel", None)
    if panel is not None:
        for name, value in values.items():
            setattr(panel.settings, name, value)
        panel.controller.debounce.setInterval(int(settings.auto_refresh_delay_ms))
        panel.browse_box.ceiling.setValue(int(settings.search_ceiling))
    dialog = getattr(plugin, "upload_dialog", None)
    if dialog is not None:
        for name, value in values.items():
            setattr(dialog.settings, name, value)
        if dialog.task is None:
            dialog.parallel.setValue(int(settings.upload_parallel))
