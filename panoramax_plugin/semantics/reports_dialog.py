"""The signed-in user's reports with their status ("My reports")."""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..plain_text import as_text
from .labels import issue_label, status_label


class MyReportsDialog(QDialog):
    """A read-only table filled by ``set_reports``; ``set_message`` while loading or on
    failure. Every cell is plain text."""

    def __init__(self, parent=None, instance_name: str = ""):
        super().__init__(parent)
        self.setWindowTitle(self.tr("My reports"))
        self.resize(900, 360)
        layout = QVBoxLayout(self)
        self.message = QLabel(
            self.tr("Loading the reports of {instance}…").format(instance=instance_name), self
        )
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Opened"),
                self.tr("Problem"),
                self.tr("Status"),
                self.tr("About"),
                self.tr("Comments"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def set_message(self, text: str) -> None:
        self.message.setText(text)

    def set_reports(self, reports) -> None:
        self.table.setRowCount(0)
        for report in reports:
            row = self.table.rowCount()
            self.table.insertRow(row)
            about_id = report.picture_id or report.sequence_id or ""
            about = (
                self.tr("picture {id}") if report.picture_id else self.tr("sequence {id}")
            ).format(id=about_id[:8])
            comments = " / ".join(c for c in (report.comments, report.resolver_comments) if c)
            cells = (
                (report.opened or "")[:16].replace("T", " "),
                issue_label(report.issue),
                status_label(report.status),
                about,
                comments,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(as_text(about_id if column == 3 else text))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.set_message(
            self.tr("{count} reports (yours, and those about your pictures).").format(
                count=len(reports)
            )
            if reports
            else self.tr("No report: none made by you, none about your pictures.")
        )
