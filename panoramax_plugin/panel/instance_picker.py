"""A combo of known instances (built-in, then the federation's) plus a custom URL field."""

from __future__ import annotations

from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import QComboBox, QLineEdit, QVBoxLayout, QWidget

from ..core.errors import InvalidInstanceUrl
from ..core.instances import KNOWN_INSTANCES, KnownInstance, known_instance, normalize_api_url
from ..instance_directory import directory

CUSTOM_KEY = "custom"


class InstancePicker(QWidget):
    """Lets the user pick IGN, OpenStreetMap France, the federated catalog or a URL."""

    changed = pyqtSignal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.extra: dict = {}  # key (its API URL) -> KnownInstance from the federation
        for instance in KNOWN_INSTANCES:
            self.combo.addItem(instance.display_name, instance.key)
        self.combo.addItem(self.tr("Custom URL…"), CUSTOM_KEY)
        self.set_instances(directory().instances())
        directory().changed.connect(self.set_instances)
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

    def set_instances(self, instances) -> None:
        """Offer ``instances`` (built-in first, as ``InstanceDirectory`` gives them) before
        "Custom URL…", the current choice kept."""
        key = self.key()
        self.combo.blockSignals(True)
        for old in self.extra:
            index = self.combo.findData(old)
            if index >= 0:
                self.combo.removeItem(index)
        builtin = {instance.key for instance in KNOWN_INSTANCES}
        self.extra = {i.key: i for i in instances if i.key not in builtin and i.key != CUSTOM_KEY}
        for instance in self.extra.values():
            self.combo.insertItem(self.combo.count() - 1, instance.display_name, instance.key)
        if self.combo.findData(key) < 0:  # a saved choice the list no longer has
            self._add_saved(key)
        self.combo.setCurrentIndex(max(0, self.combo.findData(key)))
        self.combo.blockSignals(False)

    def _add_saved(self, key) -> None:
        if not isinstance(key, str) or not key.startswith(("https://", "http://")):
            return
        try:
            api_url = normalize_api_url(key)
        except InvalidInstanceUrl:
            return

        instance = KnownInstance(api_url, api_url, api_url)
        self.extra[key] = instance
        self.combo.insertItem(self.combo.count() - 1, api_url, key)

    def _on_combo(self) -> None:
        self.url_edit.setVisible(self.key() == CUSTOM_KEY)
        self.changed.emit()

    def key(self) -> str:
        return self.combo.currentData()

    def set_selection(self, key: str, custom_url: str = "") -> None:
        if self.combo.findData(key) < 0:
            self._add_saved(key)  # a federation instance not in the list (yet, or any more)
        index = self.combo.findData(key)
        self.combo.setCurrentIndex(index if index >= 0 else 0)
        self.url_edit.setText(custom_url)

    def custom_url(self) -> str:
        return self.url_edit.text().strip()

    def api_url(self) -> str:
        """The selected instance's API root; raises ``InvalidInstanceUrl`` for a bad URL."""
        instance = known_instance(self.key()) or self.extra.get(self.key())
        if instance is not None:
            return instance.api_url
        return normalize_api_url(self.custom_url())

    def read_only(self) -> bool:
        instance = known_instance(self.key())
        return bool(instance and instance.read_only)
