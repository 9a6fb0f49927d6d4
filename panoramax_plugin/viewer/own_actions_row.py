"""The open picture's own actions (issue #15, item 6): hide, delete, fix heading.

Widgets only (bare PyQt6 must build the dock); ``own_actions.OwnActions`` does the work.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from ..plain_text import as_text


class OwnActionsRow(QWidget):
    """Hide, delete, and a heading to apply; disabled with the reason when not allowed."""

    hide_requested = pyqtSignal()
    delete_requested = pyqtSignal()
    heading_requested = pyqtSignal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.hide_button = QPushButton(self.tr("Hide"), self)
        self.hide_button.setToolTip(self.tr("Only you will see this picture"))
        self.delete_button = QPushButton(self.tr("Delete…"), self)
        self.heading = QSpinBox(self)
        self.heading.setRange(0, 359)
        self.heading.setWrapping(True)
        self.heading.setSuffix("°")
        self.heading_button = QPushButton(self.tr("Fix heading"), self)
        self.heading_button.setToolTip(
            self.tr("Send this heading (degrees from north, clockwise) to the instance")
        )
        self.reason = QLabel("", self)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason.setWordWrap(True)
        for widget in (self.hide_button, self.delete_button, self.heading, self.heading_button):
            layout.addWidget(widget)
        layout.addWidget(self.reason, 1)
        self.hide_button.clicked.connect(self.hide_requested.emit)
        self.delete_button.clicked.connect(self.delete_requested.emit)
        self.heading_button.clicked.connect(
            lambda checked=False: self.heading_requested.emit(self.heading.value())
        )
        self._tips = {w: w.toolTip() for w in self._widgets()}
        self.set_allowed(False, "")

    def _widgets(self) -> tuple:
        return (self.hide_button, self.delete_button, self.heading, self.heading_button)

    def set_allowed(self, allowed: bool, reason: str, busy: bool = False) -> None:
        """Enabled for the user's own picture; otherwise ``reason`` says why not."""
        for widget in self._widgets():
            widget.setEnabled(allowed and not busy)
            widget.setToolTip(self._tips[widget] if allowed else as_text(reason))  # an owner
        self.reason.setText("" if allowed else reason)

    def set_heading(self, heading) -> None:
        if heading is not None:
            self.heading.setValue(int(round(float(heading))) % 360)
