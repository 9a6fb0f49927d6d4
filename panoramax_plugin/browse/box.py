"""The browse controls of the panel: load, auto-refresh, coverage and filters."""

from __future__ import annotations

from datetime import datetime, timezone

from qgis.PyQt.QtCore import QDate, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from ..core.area_search import SearchFilters


class BrowseBox(QGroupBox):
    """Emits what the user asks for; knows nothing of layers or HTTP."""

    load_requested = pyqtSignal()
    cancel_requested = pyqtSignal()
    auto_refresh_toggled = pyqtSignal(bool)
    coverage_toggled = pyqtSignal(bool)
    filters_changed = pyqtSignal(object)  # SearchFilters
    ceiling_changed = pyqtSignal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Browse"))
        layout = QVBoxLayout(self)

        buttons = QHBoxLayout()
        self.load_button = QPushButton(self.tr("Load pictures in view"), self)
        self.load_button.setToolTip(
            self.tr("Load the pictures and sequences of the map extent as layers")
        )
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setEnabled(False)
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)

        self.auto_refresh = QCheckBox(self.tr("Refresh when the map stops moving"), self)
        self.coverage = QCheckBox(self.tr("Show coverage (all zoom levels)"), self)
        layout.addWidget(self.auto_refresh)
        layout.addWidget(self.coverage)

        form = QFormLayout()
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("Flat and 360°"), None)
        self.kind.addItem(self.tr("Flat only"), "flat")
        self.kind.addItem(self.tr("360° only"), "360")
        form.addRow(self.tr("Type"), self.kind)
        self.use_start, self.start = self._date_row(form, self.tr("From"), QDate(2015, 1, 1))
        self.use_end, self.end = self._date_row(form, self.tr("To"), QDate.currentDate())
        self.producers = QLineEdit(self)
        self.producers.setPlaceholderText(self.tr("any (names separated by commas)"))
        form.addRow(self.tr("Producer"), self.producers)
        self.ceiling = QSpinBox(self)
        self.ceiling.setRange(1_000, 500_000)
        self.ceiling.setSingleStep(10_000)
        self.ceiling.setToolTip(
            self.tr(
                "A search stops here and asks you to zoom in or filter: "
                "more points would make QGIS slow"
            )
        )
        form.addRow(self.tr("Pictures per search at most"), self.ceiling)
        layout.addLayout(form)

        self.status = QLabel("", self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.load_button.clicked.connect(self.load_requested.emit)
        self.cancel_button.clicked.connect(self.cancel_requested.emit)
        self.auto_refresh.toggled.connect(self.auto_refresh_toggled.emit)
        self.coverage.toggled.connect(self.coverage_toggled.emit)
        self.kind.currentIndexChanged.connect(self._emit_filters)
        for widget in (self.use_start, self.use_end):
            widget.toggled.connect(self._emit_filters)
        for widget in (self.start, self.end):
            widget.dateChanged.connect(self._emit_filters)
        self.producers.editingFinished.connect(self._emit_filters)
        self.ceiling.valueChanged.connect(self.ceiling_changed.emit)

    def _date_row(self, form: QFormLayout, label: str, initial: QDate):
        row = QHBoxLayout()
        use = QCheckBox(self)
        edit = QDateEdit(initial, self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(False)
        use.toggled.connect(edit.setEnabled)
        row.addWidget(use)
        row.addWidget(edit, 1)
        form.addRow(label, row)
        return use, edit

    def set_loading(self, loading: bool) -> None:
        self.cancel_button.setEnabled(loading)
        self.load_button.setEnabled(not loading)
        if loading:
            self.status.setText(self.tr("Loading…"))

    def filters(self) -> SearchFilters:
        """Dates are whole days in UTC, from the first to the last second."""
        start = end = None
        if self.use_start.isChecked():
            day = self.start.date()
            start = datetime(day.year(), day.month(), day.day(), tzinfo=timezone.utc)
        if self.use_end.isChecked():
            day = self.end.date()
            end = datetime(day.year(), day.month(), day.day(), 23, 59, 59, tzinfo=timezone.utc)
        producers = tuple(p.strip() for p in self.producers.text().split(",") if p.strip())
        return SearchFilters(
            start=start, end=end, kind=self.kind.currentData(), producers=producers
        )

    def _emit_filters(self, *args) -> None:
        self.filters_changed.emit(self.filters())
