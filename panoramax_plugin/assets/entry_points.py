"""Where users ask for the pictures of their features: a feature action (attribute
table, identify results, feature forms), the layers panel's context menu (the selected
features of that layer), and a map tool that picks a feature on the map.

The QGIS API moved between 3.22 and 3.30 (action targets and layer types became
``Qgis`` enums): both spellings are handled here, once.
"""

from __future__ import annotations

from qgis.core import Qgis, QgsMapLayerType, QgsVectorLayer
from qgis.gui import QgsGui, QgsMapLayerAction, QgsMapToolIdentify
from qgis.PyQt.QtCore import QObject, pyqtSignal
from qgis.PyQt.QtWidgets import QAction

from ..core.i18n import translate


def _action_targets():
    """Single and multiple features, in the enum this QGIS knows."""
    targets = getattr(Qgis, "MapLayerActionTarget", None)
    if targets is not None:  # QGIS >= 3.30: OR-ing two members gives a bare int there
        return Qgis.MapLayerActionTargets(targets.SingleFeature | targets.MultipleFeatures)
    return QgsMapLayerAction.Target.SingleFeature | QgsMapLayerAction.Target.MultipleFeatures


def _vector_layer_type():
    layer_type = getattr(Qgis, "LayerType", None)
    return layer_type.Vector if layer_type is not None else QgsMapLayerType.VectorLayer


def is_panoramax_layer(layer) -> bool:
    """The plugin's own layers: asking for pictures of a picture makes no sense."""
    return layer.providerType() == "memory" and layer.name().startswith("Panoramax")


class FeaturePickTool(QgsMapToolIdentify):
    """A click on the map: the topmost feature of a vector layer there (``picked``)."""

    picked = pyqtSignal(object, object)  # layer, feature
    missed = pyqtSignal()

    def canvasReleaseEvent(self, event):
        try:
            results = self.identify(
                event.x(),
                event.y(),
                QgsMapToolIdentify.IdentifyMode.TopDownAll,
                QgsMapToolIdentify.Type.VectorLayer,
            )
            for result in results:
                layer = result.mLayer
                if isinstance(layer, QgsVectorLayer) and not is_panoramax_layer(layer):
                    self.picked.emit(layer, result.mFeature)
                    return
            self.missed.emit()
        except Exception:  # a Qt override: an escaping exception aborts QGIS
            self.missed.emit()


class FeatureEntryPoints(QObject):
    """Installs and removes the entry points; each one calls ``search(layer, features)``."""

    def __init__(self, iface, search, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.search = search  # (layer, features) -> None
        self.map_layer_action: QgsMapLayerAction | None = None
        self.layer_menu_action: QAction | None = None

    def install(self, menu_name: str) -> None:
        text = translate("FeatureEntryPoints", "Panoramax pictures of this feature")
        action = QgsMapLayerAction(text, self, _action_targets())
        action.triggeredForFeatures.connect(self._for_features)
        action.triggeredForFeature.connect(
            lambda layer, feature: self._for_features(layer, [feature])
        )
        QgsGui.mapLayerActionRegistry().addMapLayerAction(action)
        self.map_layer_action = action
        self.layer_menu_action = QAction(
            translate("FeatureEntryPoints", "Panoramax pictures of the selected features"), self
        )
        self.layer_menu_action.triggered.connect(self._for_active_layer_selection)
        self.iface.addCustomActionForLayerType(
            self.layer_menu_action, menu_name, _vector_layer_type(), True
        )

    def remove(self) -> None:
        if self.map_layer_action is not None:
            QgsGui.mapLayerActionRegistry().removeMapLayerAction(self.map_layer_action)
            self.map_layer_action = None
        if self.layer_menu_action is not None:
            self.iface.removeCustomActionForLayerType(self.layer_menu_action)
            self.layer_menu_action = None

    def for_active_layer_selection(self) -> None:
        """The selected features of the active layer (the viewer's and menu's button)."""
        self._for_active_layer_selection()

    def _for_features(self, layer, features) -> None:
        try:
            self.search(layer, list(features))
        except Exception as error:  # a slot: an escaping exception aborts QGIS
            self.iface.messageBar().pushWarning("Panoramax", repr(error))

    def _for_active_layer_selection(self, *_args) -> None:
        layer = self.iface.activeLayer()
        if not isinstance(layer, QgsVectorLayer):
            self.iface.messageBar().pushWarning(
                "Panoramax",
                translate(
                    "FeatureEntryPoints",
                    "Select a vector layer in the Layers panel, then the features to look for.",
                ),
            )
            return
        self._for_features(layer, layer.selectedFeatures())


class FeatureTools(QObject):
    """The feature search and its entry points, as the plugin installs and removes them."""

    def __init__(self, iface, viewer_provider, logger, parent=None):
        super().__init__(parent)
        from .feature_search import FeaturePictures

        self.iface = iface
        self.pictures = FeaturePictures(viewer_provider, logger, self)
        self.entry_points = FeatureEntryPoints(iface, self.pictures.search, self)
        self.pick_tool: FeaturePickTool | None = None
        self.pick_action: QAction | None = None

    def install(self, menu_name: str, pick_action: QAction) -> None:
        self.entry_points.install(menu_name)
        self.pick_action = pick_action

    def toggle_pick_tool(self, enabled: bool) -> None:
        canvas = self.iface.mapCanvas()
        if enabled:
            if self.pick_tool is None:
                self.pick_tool = FeaturePickTool(canvas)
                self.pick_tool.picked.connect(
                    lambda layer, feature: self.entry_points._for_features(layer, [feature])
                )
                self.pick_tool.missed.connect(
                    lambda: self.iface.messageBar().pushInfo(
                        "Panoramax",
                        translate(
                            "FeatureEntryPoints",
                            "No feature of a vector layer there: click on one of your features.",
                        ),
                    )
                )
                if self.pick_action is not None:
                    self.pick_tool.setAction(self.pick_action)
            canvas.setMapTool(self.pick_tool)
        elif self.pick_tool is not None and canvas.mapTool() is self.pick_tool:
            canvas.unsetMapTool(self.pick_tool)

    def unload(self) -> None:
        self.pictures.cancel()
        self.entry_points.remove()
        if self.pick_tool is not None:
            canvas = self.iface.mapCanvas()
            if canvas.mapTool() is self.pick_tool:
                canvas.unsetMapTool(self.pick_tool)
            self.pick_tool.deleteLater()
            self.pick_tool = None
