"""The viewer dock's "Overlay layers…" button: which of the project's vector layers are drawn
in the picture, how far from it, labelled with which field or expression.

A tool button with a menu holding one small form (:class:`OverlayChooser`), rebuilt from the
project's layers each time the menu opens (layers come and go). Widgets only: the overlay
controller reads and saves the choices.
"""

from __future__ import annotations

from qgis.core import Qgis
from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from ..log import PluginLogger


class OverlayChooser(QWidget):
    """A distance and, per vector layer of the project, a checkbox and a label chooser."""

    changed = pyqtSignal()
    """The choices or the distance changed (by the user)."""

    def __init__(self, project=None, parent=None) -> None:
        super().__init__(parent)
        # QGIS's classes are imported where used: the dock (and this button) also build
        # on a bare PyQt6 (tests/qt6); the chooser's content is only made inside QGIS
        self._project = project
        self._rows: dict = {}  # layer id -> (QCheckBox, QgsFieldExpressionWidget)
        self._choices: list = []  # LayerChoice
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(8, 6, 8, 6)
        self._layout.addWidget(QLabel(self.tr("Distance from the picture"), self), 0, 0)
        self.distance = QDoubleSpinBox(self)
        self.distance.setRange(1.0, 1000.0)
        self.distance.setDecimals(0)
        self.distance.setSingleStep(10.0)
        self.distance.setValue(50.0)
        self.distance.setSuffix(self.tr(" m"))
        self.distance.setToolTip(self.tr("Features this close to the picture are drawn in it"))
        self.distance.valueChanged.connect(lambda value: self._emit())
        self._layout.addWidget(self.distance, 0, 1)
        self._empty = QLabel(self.tr("The project has no vector layer."), self)
        self._building = False

    # --- state ------------------------------------------------------------------------

    @property
    def project(self):
        if self._project is None:
            from qgis.core import QgsProject

            self._project = QgsProject.instance()
        return self._project

    @project.setter
    def project(self, project) -> None:
        self._project = project

    def set_state(self, choices, distance_m: float) -> None:
        """Show these choices and this distance (no :attr:`changed`)."""
        self._choices = list(choices)
        self._building = True
        try:
            self.distance.setValue(float(distance_m))
        finally:
            self._building = False
        self.rebuild(self._choices)

    def choices(self) -> list:
        """The checked layers with their label expression: those chosen before first, in
        their order (a layer keeps its colour), then the newly checked ones."""
        from .overlay_features import LayerChoice

        if not self._rows:
            return list(self._choices)
        chosen = [
            LayerChoice(layer_id, expression.expression())
            for layer_id, (check, expression) in self._rows.items()
            if check.isChecked()
        ]
        before = {choice.layer_id: index for index, choice in enumerate(self._choices)}
        return sorted(chosen, key=lambda choice: before.get(choice.layer_id, len(before)))

    def rebuild(self, choices=None) -> None:
        """One row per vector layer of the project, checked as ``choices`` say (default:
        as the rows say now)."""
        from qgis.core import QgsVectorLayer
        from qgis.gui import QgsFieldExpressionWidget

        self._building = True
        try:
            current = self.choices() if choices is None else choices
            known = {choice.layer_id: choice for choice in current}
            for check, expression in self._rows.values():
                for widget in (check, expression):
                    self._layout.removeWidget(widget)
                    widget.hide()  # until deleted it would still show, at the top left
                    widget.deleteLater()
            self._rows = {}
            layers = [
                layer
                for layer in self.project.mapLayers().values()
                if isinstance(layer, QgsVectorLayer) and layer.isSpatial()
            ]
            layers.sort(key=lambda layer: layer.name().lower())
            self._layout.removeWidget(self._empty)
            self._empty.setVisible(not layers)
            if not layers:
                self._layout.addWidget(self._empty, 1, 0, 1, 2)
            for row, layer in enumerate(layers, start=1):
                choice = known.get(layer.id())
                check = QCheckBox(layer.name(), self)
                check.setChecked(choice is not None)
                check.setToolTip(self.tr("Draw this layer's features in the picture"))
                expression = QgsFieldExpressionWidget(self)
                expression.setLayer(layer)
                expression.setToolTip(self.tr("Label: a field or an expression"))
                if choice is not None and choice.label_expression:
                    expression.setExpression(choice.label_expression)
                check.toggled.connect(lambda checked: self._emit())
                expression.fieldChanged.connect(lambda text: self._emit())
                self._layout.addWidget(check, row, 0)
                self._layout.addWidget(expression, row, 1)
                self._rows[layer.id()] = (check, expression)
            self._choices = self.choices()
        finally:
            self._building = False

    def row(self, layer_id: str):
        """(checkbox, expression widget) of a layer (for tests), or None."""
        return self._rows.get(layer_id)

    def _emit(self) -> None:
        if self._building:
            return
        self._choices = self.choices()
        self.changed.emit()


class OverlayButton(QToolButton):
    """ "Overlay layers…": opens the chooser as a menu."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setText(self.tr("Overlay layers…"))
        self.setToolTip(self.tr("Draw features of your layers in the picture"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.chooser = OverlayChooser(parent=self)
        menu = QMenu(self)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.chooser)
        menu.addAction(action)
        menu.aboutToShow.connect(self._about_to_show)
        self.setMenu(menu)

    def _about_to_show(self) -> None:
        try:
            self.chooser.rebuild()
        except Exception as exc:  # a Qt slot: nothing may escape (the menu shows what it had)
            PluginLogger().log(f"Overlay layers menu failed: {exc!r}", Qgis.MessageLevel.Warning)
