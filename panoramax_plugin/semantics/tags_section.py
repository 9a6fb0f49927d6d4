"""The viewer's tags section: the picture's and its sequence's tags, and the buttons that
change them or report the picture.

Widgets only (``viewer_actions.SemanticsActions`` does the work). Every key and value is a
table item's plain text: markup in a value shows as typed, never interpreted.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..plain_text import as_text

PICTURE, SEQUENCE = "picture", "sequence"


class TagsSection(QWidget):
    """Tags as (key, value, on) rows; add to the picture or the sequence, remove or replace
    the chosen row; report; my reports. Folded to one line by default, so that the picture
    keeps the dock's height."""

    add_requested = pyqtSignal(str)  # PICTURE or SEQUENCE
    remove_requested = pyqtSignal(str, object)  # scope, Tag
    replace_requested = pyqtSignal(str, object)  # scope, Tag
    report_requested = pyqtSignal()
    my_reports_requested = pyqtSignal()

    def __init__(self, parent=None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.toggle = QToolButton(self)
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.setText(self.tr("Tags and reports"))
        self.toggle.toggled.connect(self.set_expanded)
        outer.addWidget(self.toggle)
        self.body = QGroupBox(self)
        outer.addWidget(self.body)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.table = QTableWidget(0, 3, self.body)
        self.table.setHorizontalHeaderLabels([self.tr("Key"), self.tr("Value"), self.tr("On")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(120)
        self.table.setMaximumHeight(160)
        layout.addWidget(self.table)
        self.message = QLabel("", self.body)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        row = QHBoxLayout()
        self.add_picture_button = QPushButton(self.tr("Tag picture…"), self.body)
        self.add_sequence_button = QPushButton(self.tr("Tag sequence…"), self.body)
        self.replace_button = QPushButton(self.tr("Replace…"), self.body)
        self.remove_button = QPushButton(self.tr("Remove"), self.body)
        self.add_picture_button.setToolTip(self.tr("Add tags to this picture"))
        self.add_sequence_button.setToolTip(
            self.tr("Add tags to the whole sequence of this picture")
        )
        self.replace_button.setToolTip(self.tr("Change the chosen tag (removed, then added)"))
        self.remove_button.setToolTip(self.tr("Remove the chosen tag"))
        for button in self._edit_buttons():
            row.addWidget(button)
        row.addStretch(1)
        self.report_button = QPushButton(self.tr("Report…"), self.body)
        self.report_button.setToolTip(self.tr("Report a problem with this picture"))
        self.my_reports_button = QPushButton(self.tr("My reports…"), self.body)
        row.addWidget(self.report_button)
        row.addWidget(self.my_reports_button)
        layout.addLayout(row)
        self.reason = QLabel("", self.body)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason.setWordWrap(True)
        layout.addWidget(self.reason)

        self.add_picture_button.clicked.connect(lambda _=False: self.add_requested.emit(PICTURE))
        self.add_sequence_button.clicked.connect(lambda _=False: self.add_requested.emit(SEQUENCE))
        self.remove_button.clicked.connect(lambda _=False: self._emit_chosen(self.remove_requested))
        self.replace_button.clicked.connect(
            lambda _=False: self._emit_chosen(self.replace_requested)
        )
        self.report_button.clicked.connect(self.report_requested.emit)
        self.my_reports_button.clicked.connect(self.my_reports_requested.emit)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self._tips = {button: button.toolTip() for button in self._edit_buttons()}
        self._count = 0
        self.set_expanded(False)
        self._allowed = False
        self._busy = False
        self.set_allowed(False, "")
        self.set_report_allowed(False, False, "")

    def _edit_buttons(self) -> tuple:
        return (
            self.add_picture_button,
            self.add_sequence_button,
            self.replace_button,
            self.remove_button,
        )

    # --- what is shown ----------------------------------------------------------------------
    def set_expanded(self, expanded: bool) -> None:
        """Unfold (table and buttons) or fold to the one-line title."""
        if self.toggle.isChecked() != expanded:
            self.toggle.setChecked(expanded)  # comes back here through ``toggled``
            return
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.body.setVisible(expanded)

    def _title(self) -> None:
        self.toggle.setText(
            self.tr("Tags and reports ({count} tags)").format(count=self._count)
            if self._count
            else self.tr("Tags and reports")
        )

    def set_tags(self, picture_tags=(), sequence_tags=()) -> None:
        """The tags, the picture's first; each cell plain text."""
        self.table.setRowCount(0)
        rows = [(PICTURE, tag) for tag in picture_tags]
        rows += [(SEQUENCE, tag) for tag in sequence_tags]
        on = {PICTURE: self.tr("picture"), SEQUENCE: self.tr("sequence")}
        for scope, tag in rows:
            row = self.table.rowCount()
            self.table.insertRow(row)
            for column, text in enumerate((tag.key, tag.value, on[scope])):
                item = QTableWidgetItem(text)
                item.setToolTip(as_text(text))
                item.setData(Qt.ItemDataRole.UserRole, (scope, tag))
                self.table.setItem(row, column, item)
        self._count = len(rows)
        self._title()
        self.set_message("" if rows else self.tr("No tag on this picture or its sequence."))
        self._selection_changed()

    def set_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def chosen(self):
        """(scope, Tag) of the selected row, or None."""
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def set_allowed(self, allowed: bool, reason: str, busy: bool = False) -> None:
        """Tag buttons enabled when signed in on the picture's instance; else ``reason``."""
        self._allowed, self._busy = allowed, busy
        for button in self._edit_buttons():
            button.setToolTip(self._tips[button] if allowed else as_text(reason))  # a host
        self.reason.setText("" if allowed else reason)
        self.reason.setVisible(bool(self.reason.text()))
        self._selection_changed()

    def set_report_allowed(self, report: bool, my_reports: bool, my_reports_reason: str) -> None:
        self.report_button.setEnabled(report)
        self.my_reports_button.setEnabled(my_reports)
        self.my_reports_button.setToolTip(
            self.tr("Your reports and those about your pictures, with their status")
            if my_reports
            else my_reports_reason
        )

    # --- slots ------------------------------------------------------------------------------
    def _selection_changed(self) -> None:
        can = self._allowed and not self._busy
        self.add_picture_button.setEnabled(can)
        self.add_sequence_button.setEnabled(can)
        chosen = self.chosen() is not None
        self.replace_button.setEnabled(can and chosen)
        self.remove_button.setEnabled(can and chosen)

    def _emit_chosen(self, signal) -> None:
        chosen = self.chosen()
        if chosen is not None:
            signal.emit(*chosen)
