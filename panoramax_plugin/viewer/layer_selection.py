"""Keep the pictures layers' selection and the viewer in step, both ways.

Selecting one picture in a pictures layer (attribute table, identify, select tool)
asks for it to be opened; the picture the viewer shows is selected in the current
instance's layer. Selections this module makes itself are not taken for the user's.
"""

from __future__ import annotations

from qgis.PyQt import sip
from qgis.PyQt.QtCore import QObject, pyqtSignal


class LayerSelectionSync(QObject):
    """``picture_selected(picture id, sequence id, api_url)`` when the user selects one."""

    picture_selected = pyqtSignal(str, object, str)

    def __init__(self, current_layers, parent=None):
        super().__init__(parent)
        self.current_layers = current_layers  # () -> InstanceLayers | None
        self._selecting = False

    def watch(self, layers) -> None:
        """Follow the selection of ``layers.pictures`` (an ``InstanceLayers``)."""
        layer = layers.pictures.layer

        def on_selection(selected, deselected, clear_and_select):
            if sip.isdeleted(self):
                # deleted with the viewer (plugin unloaded) while the layer stays in the
                # project: emitting would raise in this slot, so the link goes instead
                layer.selectionChanged.disconnect(on_selection)
                return
            if self._selecting or len(selected) != 1 or layer.selectedFeatureCount() != 1:
                return
            feature = layer.getFeature(selected[0])
            if feature.isValid():
                self.picture_selected.emit(feature["id"], feature["sequence_id"], layers.api_url)

        layer.selectionChanged.connect(on_selection)

    def highlight(self, picture) -> None:
        """Select ``picture`` (shown by the viewer) alone in the current pictures layer."""
        layers = self.current_layers()
        if layers is None:
            return
        fid = layers.pictures.feature_id(picture.id)
        self._selecting = True
        try:
            layers.pictures.layer.selectByIds([fid] if fid is not None else [])
        finally:
            self._selecting = False
