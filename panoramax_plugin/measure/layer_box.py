"""“Add to layer”: the measure panel's box that puts the current measure into a layer.

A layer chooser (point and line layers that are not read-only) and a button. The panel
gives the box the current :class:`~panoramax_plugin.core.observation.Observation` with
:meth:`LayerBox.set_observation`; the button is enabled only when the chosen layer can
take it (its tooltip says why not). On click: the plugin's known fields the layer lacks
are offered (once per layer and session when declined), then QGIS's own feature form
adds the feature to the layer's edit buffer. What happened is reported through
:attr:`LayerBox.message` ``(text, Qgis.MessageLevel)``.
"""

from __future__ import annotations

from typing import Callable, Optional

from qgis.core import Qgis
from qgis.gui import QgsMapLayerComboBox
from qgis.PyQt.QtCore import QCoreApplication, pyqtSignal
from qgis.PyQt.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QWidget

from ..compat import layer_filters, provider_can
from .layer_writer import (
    ADDED,
    CANCELED,
    REFUSED,
    AddResult,
    add_known_fields,
    add_observation,
    layer_problem,
    missing_known_fields,
)

AskFields = Callable[[QWidget, object, list], bool]
"""Whether to add the known fields ``missing`` to ``layer``: ``(parent, layer, missing)``."""


def ask_fields_with_message_box(parent: QWidget, layer, missing: list) -> bool:
    """Asks the user, listing each field with what it holds; Yes adds them."""
    lines = "\n".join(
        f"• {known.name}: {QCoreApplication.translate('PanoramaxCore', known.description)}"
        for known in missing
    )
    text = QCoreApplication.translate(
        "LayerBox",
        "“{name}” has no field for some of what the measure knows:\n\n{fields}\n\n"
        "Add these fields to the layer? They are added to its edit buffer: they reach "
        "the data source only when you save the layer's edits.",
    ).format(name=layer.name(), fields=lines)
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("LayerBox", "Add Panoramax fields"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


class LayerBox(QWidget):
    """Layer chooser + “Add to layer” button. ``ask_fields``, ``form`` and ``tools`` are
    injectable (tests, headless): see :func:`ask_fields_with_message_box` and
    :func:`~panoramax_plugin.measure.layer_writer.add_observation`."""

    message = pyqtSignal(str, object)
    """(text for the user, ``Qgis.MessageLevel``)"""
    added = pyqtSignal(str, object)
    """(layer id, feature id in the edit buffer) after a feature was added"""

    def __init__(
        self,
        parent: Optional[QWidget] = None,
        ask_fields: Optional[AskFields] = None,
        form=None,
        tools=None,
    ):
        super().__init__(parent)
        self._ask_fields = ask_fields or ask_fields_with_message_box
        self._form = form
        self._tools = tools
        self._observation = None
        self._declined = set()  # layer ids whose user said no to the fields, this session
        self.layer_combo = QgsMapLayerComboBox(self)
        self.layer_combo.setFilters(layer_filters("point", "line", "writable"))
        self.layer_combo.setToolTip(self.tr("The layer the measure is added to"))
        self.add_button = QPushButton(self.tr("Add to layer"), self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.layer_combo, 1)
        layout.addWidget(self.add_button)
        self.layer_combo.layerChanged.connect(self._refresh)
        self.add_button.clicked.connect(self._on_add)
        self._refresh()

    # ------------------------------------------------------------------ state
    def observation(self):
        return self._observation

    def set_observation(self, observation) -> None:
        """The measure the button adds (None: no measure yet: the button is disabled)."""
        self._observation = observation
        self._refresh()

    def layer(self):
        return self.layer_combo.currentLayer()

    def set_layer(self, layer) -> None:
        self.layer_combo.setLayer(layer)
        self._refresh()

    def _refresh(self, *args) -> None:
        try:
            if self._observation is None:
                reason = self.tr("Measure something in the viewer first.")
            else:
                reason = layer_problem(self.layer(), self._observation)
            self.add_button.setEnabled(reason is None)
            self.add_button.setToolTip(
                reason
                or self.tr("Add the measure to “{name}” through its feature form.").format(
                    name=self.layer().name()
                )
            )
        except Exception as error:  # a slot: nothing may leave it
            self.add_button.setEnabled(False)
            self.add_button.setToolTip(str(error))

    # ------------------------------------------------------------------ action
    def _on_add(self, *args) -> None:
        try:
            result = self.add_current()
        except Exception as error:  # a slot: nothing may leave it
            result = AddResult(
                "failed", self.tr("Adding the measure failed: {error}").format(error=error)
            )
        self._report(result)

    def add_current(self) -> AddResult:
        """What the button does (also callable from the panel): fields offered, then the
        feature added through the form."""
        layer, observation = self.layer(), self._observation
        if observation is None:
            return AddResult(REFUSED, self.tr("Measure something in the viewer first."))
        problem = layer_problem(layer, observation)
        if problem:
            return AddResult(REFUSED, problem)
        was_editing = layer.isEditable()
        missing = missing_known_fields(layer)
        if missing:
            if not provider_can(layer, "AddAttributes"):
                self.message.emit(add_known_fields(layer, missing), Qgis.MessageLevel.Info)
            elif layer.id() not in self._declined:
                if self._ask_fields(self, layer, missing):
                    note = add_known_fields(layer, missing)
                    if note:
                        self.message.emit(note, Qgis.MessageLevel.Warning)
                else:
                    self._declined.add(layer.id())
        result = add_observation(
            layer, observation, form=self._form, tools=self._tools, parent=self
        )
        if result.status != ADDED and not was_editing and layer.isEditable():
            layer.rollBack()  # the session was started here, for the fields: all ours
        if result.added:
            self.added.emit(layer.id(), result.feature_id)
        return result

    def _report(self, result: AddResult) -> None:
        level = {
            ADDED: Qgis.MessageLevel.Success,
            CANCELED: Qgis.MessageLevel.Info,
            REFUSED: Qgis.MessageLevel.Warning,
        }.get(result.status, Qgis.MessageLevel.Critical)
        self.message.emit(result.message, level)
