"""Wires the overlay together: the chosen layers' features near the picture shown, the
target marker, clicks on markers (select the feature, double-click: its form).

Main thread only (see :mod:`.overlay_features` for why reading the features there is fine).
Every slot here is guarded: an exception escaping a Qt slot aborts QGIS.
"""

from __future__ import annotations

import math

from qgis.core import QgsProject, QgsSettings, QgsVectorLayer
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QObject, Qt, QTimer

from ..settings import PREFIX
from .overlay import OverlayMarker, OverlayScene
from .overlay_features import FeatureCollector, read_choices, write_choices
from .overlay_painter import SceneOverlay


def _edit_signals(layer) -> tuple:
    """Signals of a layer whose features may have moved or been renamed: the edits as they
    are made, and any change redrawn on the map (commit, rollback, undo, reload);
    ``dataChanged`` misses edits in QGIS 3.22."""
    return (
        layer.geometryChanged,
        layer.attributeValueChanged,
        layer.featureAdded,
        layer.featureDeleted,
        layer.repaintRequested,
    )


class OverlayController(QObject):
    """Keeps the dock's views' overlay up to date with the picture, the user's choices and
    edits of the chosen layers (checking an inventory is also fixing it)."""

    EDIT_DELAY_MS = 250
    """Edits of a chosen layer are read again this long after the last one."""

    def __init__(self, dock, settings, logger, project=None, geometry=None, parent=None):
        super().__init__(parent)
        self.dock = dock
        self.settings = settings
        self.logger = logger
        self.project = project or QgsProject.instance()
        self.scene = OverlayScene(geometry, getattr(settings, "camera_height_m", 2.0))
        self.overlay = SceneOverlay(self.scene)
        self.collector = FeatureCollector(self.project)
        self.choices = read_choices(self.project)
        self.problems: list[str] = []
        self.form_opener = None
        """``callable(layer, feature)`` opening a feature's form; default: QGIS's."""
        self._forms = []  # attribute dialogs opened without iface, kept alive
        self._watched: dict = {}  # layer id -> layer whose edits refresh the overlay
        self._edit_timer = QTimer(self)
        self._edit_timer.setSingleShot(True)
        self._edit_timer.setInterval(self.EDIT_DELAY_MS)
        self._edit_timer.timeout.connect(self._on_layers_edited)
        self._views = (dock.pano_view, dock.flat_view)
        for view in self._views:
            view.set_overlay(self.overlay)
            view.marker_clicked.connect(self._on_marker_clicked)
            view.marker_activated.connect(self._on_marker_activated)
        self.chooser = getattr(getattr(dock, "overlay_button", None), "chooser", None)
        if self.chooser is not None:
            self.chooser.project = self.project
            self.chooser.set_state(self.choices, self.distance_m)
            self.chooser.changed.connect(self._on_chooser_changed)
        self.project.readProject.connect(self._on_project_read)
        self.project.cleared.connect(self._on_project_read)
        self.project.layersRemoved.connect(self._on_layers_removed)
        self._watch()

    @property
    def distance_m(self) -> float:
        value = float(getattr(self.settings, "overlay_distance_m", 50.0) or 50.0)
        return value if math.isfinite(value) and value > 0 else 50.0

    # --- what the viewer and the lead call ------------------------------------------------

    def show_picture(self, picture) -> None:
        """The viewer shows ``picture``: its markers are collected again (a failure is
        logged: the picture shows all the same)."""

        def show():
            self.scene.set_picture(picture)
            self.refresh()

        self._guarded("showing a picture", show)

    def set_choices(self, choices, distance_m: float | None = None) -> None:
        """Overlay these layers (:class:`~.overlay_features.LayerChoice`), saved in the project;
        ``distance_m``, when given, saved in the settings."""
        self._apply(choices, distance_m)
        if self.chooser is not None:
            self.chooser.set_state(self.choices, self.distance_m)

    def _apply(self, choices, distance_m) -> None:
        self.choices = list(choices)
        write_choices(self.project, self.choices)
        self._watch()
        if distance_m is not None and math.isfinite(distance_m) and distance_m > 0:
            self.settings.overlay_distance_m = float(distance_m)
            QgsSettings().setValue(PREFIX + "overlay_distance_m", float(distance_m))
        self.refresh()

    def refresh(self) -> None:
        """Read the chosen layers' features near the picture shown and redraw."""
        picture = self.scene.picture
        markers = []
        self.problems = []
        if picture is not None and self.choices:
            markers = self.collector.collect(
                self.choices, picture.lon, picture.lat, self.distance_m
            )
            self.problems = list(self.collector.problems)
            for problem in self.problems:
                self.logger.info(self.tr("Overlay: {problem}").format(problem=problem))
        self.overlay.painter.far_m = self.distance_m
        self.scene.set_markers(markers)
        self._repaint()

    def set_target(self, lon: float, lat: float, height_m: float = 0.0, label: str = "") -> bool:
        """Draw the target marker there (False, and none drawn, for unusable numbers)."""
        try:
            values = (float(lon), float(lat), float(height_m))
        except (TypeError, ValueError):
            values = (math.nan,)
        if not all(math.isfinite(v) for v in values):
            self.clear_target()
            return False
        self.scene.set_target(
            OverlayMarker(values[0], values[1], values[2], str(label or ""), target=True)
        )
        self._repaint()
        return True

    def set_measure_markers(self, markers) -> None:
        """Draw the measure tool's markers (rays of other pictures, the point found)."""
        self.scene.set_extra(markers)
        self._repaint()

    def clear_target(self) -> None:
        self.scene.set_target(None)
        self._repaint()

    def _watch(self) -> None:
        """Refresh after edits of the chosen layers (and of those only)."""
        for layer in self._watched.values():
            if not sip.isdeleted(layer):
                for signal in _edit_signals(layer):
                    try:
                        signal.disconnect(self._on_layer_changed)
                    except (TypeError, RuntimeError):
                        pass
        self._watched = {}
        for choice in self.choices:
            layer = self.project.mapLayer(choice.layer_id)
            if isinstance(layer, QgsVectorLayer):
                for signal in _edit_signals(layer):
                    signal.connect(self._on_layer_changed)
                self._watched[layer.id()] = layer

    def unload(self) -> None:
        self._edit_timer.stop()
        self.choices = []
        self._watch()
        for signal, slot in (
            (self.project.readProject, self._on_project_read),
            (self.project.cleared, self._on_project_read),
            (self.project.layersRemoved, self._on_layers_removed),
        ):
            try:
                signal.disconnect(slot)
            except (TypeError, RuntimeError):
                pass
        for view in self._views:
            view.set_overlay(None)
        self._forms = []

    # --- slots ------------------------------------------------------------------------

    def _repaint(self) -> None:
        for view in self._views:
            view.update()

    def _guarded(self, what: str, call, *args) -> None:
        try:
            call(*args)
        except Exception as exc:  # a Qt slot: an exception escaping it aborts QGIS
            self.logger.warning(f"Overlay: {what} failed: {exc!r}", push=False)

    def _on_layer_changed(self, *args) -> None:
        self._edit_timer.start()  # several changes in a row: read once, after the last

    def _on_layers_edited(self) -> None:
        self._guarded("reading edited layers", self.refresh)

    def _on_chooser_changed(self) -> None:
        self._guarded(
            "choosing layers",
            # not set_choices: rebuilding the chooser would delete the widget being clicked
            lambda: self._apply(self.chooser.choices(), self.chooser.distance.value()),
        )

    def _on_project_read(self, *args) -> None:
        def reload():
            self.choices = read_choices(self.project)
            self._watch()
            if self.chooser is not None:
                self.chooser.set_state(self.choices, self.distance_m)
            self.refresh()

        self._guarded("reading the project", reload)

    def _on_layers_removed(self, layer_ids) -> None:
        def drop():
            gone = set(layer_ids)
            if any(choice.layer_id in gone for choice in self.choices):
                self.choices = [c for c in self.choices if c.layer_id not in gone]
                self._watch()
                self.refresh()

        self._guarded("removing layers", drop)

    def _layer(self, marker):
        layer = self.project.mapLayer(marker.layer_id)
        return layer if isinstance(layer, QgsVectorLayer) else None

    def _on_marker_clicked(self, marker) -> None:
        self._guarded("selecting a feature", self.select, marker)

    def _on_marker_activated(self, marker) -> None:
        self._guarded("opening a feature form", self.open_form, marker)

    def select(self, marker) -> bool:
        """Select the marker's feature in its layer (the selection replaces the previous)."""
        layer = self._layer(marker)
        if layer is None:
            return False
        layer.selectByIds([marker.feature_id])
        return True

    def open_form(self, marker):
        """Open the marker's feature form: QGIS's (``iface.openFeatureForm``) in QGIS, an
        attribute dialog elsewhere."""
        layer = self._layer(marker)
        if layer is None:
            return None
        feature = layer.getFeature(marker.feature_id)
        if not feature.isValid():
            return None
        if self.form_opener is not None:
            return self.form_opener(layer, feature)
        try:
            from qgis.utils import iface
        except ImportError:
            iface = None
        if iface is not None and hasattr(iface, "openFeatureForm"):
            return iface.openFeatureForm(layer, feature, False, False)
        from qgis.gui import QgsAttributeDialog

        dialog = QgsAttributeDialog(layer, feature, False, self.dock)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._forms = [form for form in self._forms if not sip.isdeleted(form)]
        self._forms.append(dialog)  # non-modal: kept referenced until closed
        dialog.show()
        return dialog
