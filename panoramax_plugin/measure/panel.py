"""The measure panel in the viewer dock: mode, camera height, terrain, the result in words.

Widgets only (``MeasureTool`` decides); the result is plain text with each figure's
uncertainty, so the user sees how far to trust it.
"""

from __future__ import annotations

from qgis.gui import QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..compat import layer_filters
from ..core.measure_session import DISTANCE, HEIGHT, TRIANGULATE
from .result_text import state_text


class MeasurePanel(QWidget):
    """Emits what the user changes; shows the state it is given."""

    mode_changed = pyqtSignal(str)
    clear_requested = pyqtSignal()
    camera_height_changed = pyqtSignal(float)
    terrain_changed = pyqtSignal(object)  # a raster layer or None (flat ground)

    def __init__(self, camera_height_m: float = 2.0, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.mode = QComboBox(self)
        for key, text in (
            (TRIANGULATE, self.tr("Position from two pictures or more")),
            (DISTANCE, self.tr("Ground distance from one picture")),
            (HEIGHT, self.tr("Height from one picture (foot, then top)")),
        ):
            self.mode.addItem(text, key)
        self.mode.currentIndexChanged.connect(
            lambda index: self.mode_changed.emit(self.mode.itemData(index))
        )
        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.clear_button.setToolTip(self.tr("Forget the clicks of this measure"))
        self.clear_button.clicked.connect(self.clear_requested.emit)
        top.addWidget(self.mode, 1)
        top.addWidget(self.clear_button)
        layout.addLayout(top)

        form = QFormLayout()
        self.camera_height = QDoubleSpinBox(self)
        self.camera_height.setRange(0.2, 10.0)
        self.camera_height.setSingleStep(0.1)
        self.camera_height.setDecimals(2)
        self.camera_height.setSuffix(self.tr(" m"))
        self.camera_height.setValue(camera_height_m)
        self.camera_height.setToolTip(
            self.tr("Height of the camera above the ground (a car roof: about 2 m)")
        )
        self.camera_height.valueChanged.connect(self.camera_height_changed.emit)
        form.addRow(self.tr("Camera height"), self.camera_height)
        self.terrain = QgsMapLayerComboBox(self)
        self.terrain.setFilters(layer_filters("raster"))
        self.terrain.setAllowEmptyLayer(True)
        self.terrain.setLayer(None)
        self.terrain.setToolTip(
            self.tr("A terrain model (DEM raster) for ground measures; none: flat ground")
        )
        self.terrain.layerChanged.connect(self.terrain_changed.emit)
        form.addRow(self.tr("Terrain (empty: flat)"), self.terrain)
        layout.addLayout(form)

        self.result = QLabel("", self)
        self.result.setTextFormat(Qt.TextFormat.PlainText)  # short lines: no wrap, exact height
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result)
        self.message = QLabel("", self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c92a2a")
        layout.addWidget(self.message)
        self.layer_area = QVBoxLayout()
        layout.addLayout(self.layer_area)

    def current_mode(self) -> str:
        return self.mode.currentData()

    def show_state(self, state) -> None:
        self.result.setText(state_text(state))
        lines = [text for text in (state.notice, state.message) if text]
        result = state.triangulation
        if result is not None:
            lines.extend(result.warnings)
        self.message.setText("\n".join(lines))
