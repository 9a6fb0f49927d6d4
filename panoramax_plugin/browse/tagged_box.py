"""The "Tagged pictures" box of the panel: what to search for (any tag, a key, a key with
values), pictures or annotations, and a button to load them for the map extent."""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from ..core.semantics import COMMON_KEYS
from ..core.tagged import TagQuery


class TaggedBox(QGroupBox):
    """Emits ``load_requested(TagQuery, annotations: bool)``; a query the plugin cannot
    send is refused here, with the reason in ``status``."""

    load_requested = pyqtSignal(object, bool)
    refused = pyqtSignal(str)  # why the query typed cannot be sent
    cancel_requested = pyqtSignal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Tagged pictures"))
        self.setToolTip(
            self.tr(
                "Pictures whose tags (or whose annotations' tags) match, as a point layer: "
                "a first, unverified layer of where things were seen"
            )
        )
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.mode = QComboBox(self)
        self.mode.addItem(self.tr("Any tag"), "any")
        self.mode.addItem(self.tr("Has the key"), "key")
        self.mode.addItem(self.tr("Key equals"), "value")
        form.addRow(self.tr("Search"), self.mode)
        self.key = QLineEdit(self)
        self.key.setPlaceholderText("osm|traffic_sign")
        completer = QCompleter(list(COMMON_KEYS), self.key)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.key.setCompleter(completer)
        form.addRow(self.tr("Key"), self.key)
        self.values = QLineEdit(self)
        self.values.setPlaceholderText(self.tr("FR:B14 | FR:AB4 (values separated by |)"))
        form.addRow(self.tr("Values"), self.values)
        self.variant = QComboBox(self)
        self.variant.addItem(self.tr("One point per picture"), False)
        self.variant.addItem(self.tr("One point per annotation"), True)
        form.addRow(self.tr("Layer"), self.variant)
        layout.addLayout(form)

        buttons = QHBoxLayout()
        self.load_button = QPushButton(self.tr("Load tagged pictures in view"), self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setEnabled(False)
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.status = QLabel("", self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # server text is never HTML
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.load_button.clicked.connect(self._load)
        self.cancel_button.clicked.connect(self.cancel_requested.emit)
        self._mode_changed()

    def _mode_changed(self, *args) -> None:
        mode = self.mode.currentData()
        self.key.setEnabled(mode != "any")
        self.values.setEnabled(mode == "value")

    def query(self) -> TagQuery:
        """The query typed; ``ValueError`` with the reason when it cannot be sent."""
        query = TagQuery.from_text(self.mode.currentData(), self.key.text(), self.values.text())
        query.cql()  # refuses what the server cannot take (quotes...), saying why
        return query

    def _load(self) -> None:
        try:
            query = self.query()
        except ValueError as exc:
            self.status.setText(str(exc))
            self.refused.emit(str(exc))
            return
        self.load_requested.emit(query, bool(self.variant.currentData()))

    def set_loading(self, loading: bool) -> None:
        self.cancel_button.setEnabled(loading)
        self.load_button.setEnabled(not loading)
        if loading:
            self.status.setText(self.tr("Loading…"))
