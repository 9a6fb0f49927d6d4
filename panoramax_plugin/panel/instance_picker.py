"""A combo of known instances plus a validated custom URL field."""

from __future__ import annotations

from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import QComboBox, QLineEdit, QVBoxLayout, QWidget

from ..core.instances import KNOWN_INSTANCES, known_instance, normalize_api_url

CUSTOM_KEY = "custom"


class InstancePicker(QWidget):
    """Lets the user pick IGN, OpenStreetMap France, the federated catalog or a URL."""

    changed = pyqtSignal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.combo = QComboBox(self)
        for instance in KNOWN_INSTANCES:
            self.combo.addItem(instance.display_name, instance.key)
        self.combo.addItem(self.tr("Custom URL…"), CUSTOM_KEY)
        self.url_edit = QLineEdit(self)
        self.url_edit.setPlaceholderText(self.tr("https://panoramax.example.org"))
        self.url_edit.setToolTip(
            self.tr("Address of any Panoramax instance (its web site or its /api URL)")
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.url_edit)
        self.combo.currentIndexChanged.connect(self._on_combo)
        self.url_edit.editingFinished.connect(self.changed.emit)
        self._on_combo()

    def _on_combo(self) -> None:
        self.url_edit.setVisible(self.key() == CUSTOM_KEY)
        self.changed.emit()

    def key(self) -> str:
        return self.combo.currentData()

    def set_selection(self, key: str, custom_url: str = "") -> None:
        index = self.combo.findData(key)
        self.combo.setCurrentIndex(index if index >= 0 else 0)
        self.url_edit.setText(custom_url)

    def custom_url(self) -> str:
        return self.url_edit.text().strip()

    def api_url(self) -> str:
        """The selected instance's API root; raises ``InvalidInstanceUrl`` for a bad URL."""
        instance = known_instance(self.key())
        if instance is not None:
            return instance.api_url
        return normalize_api_url(self.custom_url())

    def read_only(self) -> bool:
        instance = known_instance(self.key())
        return bool(instance and instance.read_only)
