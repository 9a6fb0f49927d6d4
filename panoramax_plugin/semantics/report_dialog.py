"""Reporting a picture to its instance's moderators: what is wrong, a comment, an e-mail.

Says before sending whether the report goes anonymously or with the signed-in account.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from ..core.semantics import REPORT_ISSUES
from ..core.semantics_api import report_problems
from .labels import issue_labels


class ReportDialog(QDialog):
    """``values()`` once accepted: (issue, comment, e-mail, whole sequence)."""

    def __init__(self, parent, picture_id: str, sequence_id: str | None, account: str = ""):
        super().__init__(parent)
        self.picture_id, self.sequence_id = picture_id, sequence_id
        self.setWindowTitle(self.tr("Report a problem with this picture"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("The instance's moderators will look at it. Picture {id}.").format(
                id=picture_id
            ),
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.issue = QComboBox(self)
        labels = issue_labels()
        for issue in REPORT_ISSUES:
            self.issue.addItem(labels[issue], issue)
        self.whole_sequence = QCheckBox(self.tr("The whole sequence, not only this picture"), self)
        self.whole_sequence.setEnabled(bool(sequence_id))
        self.comment = QPlainTextEdit(self)
        self.comment.setPlaceholderText(self.tr("Optional: what is wrong, where in the picture"))
        self.comment.setTabChangesFocus(True)
        self.comment.setMaximumHeight(100)
        self.email = QLineEdit(self)
        self.email.setPlaceholderText(self.tr("Optional: to be told when it is handled"))
        form.addRow(self.tr("Problem"), self.issue)
        form.addRow("", self.whole_sequence)
        form.addRow(self.tr("Comment"), self.comment)
        form.addRow(self.tr("E-mail"), self.email)
        layout.addLayout(form)
        self.sender_note = QLabel(
            self.tr("Sent as {account}.").format(account=account)
            if account
            else self.tr("Sent anonymously (you are not signed in on this instance)."),
            self,
        )
        self.sender_note.setTextFormat(Qt.TextFormat.PlainText)
        self.sender_note.setWordWrap(True)
        layout.addWidget(self.sender_note)
        self.reason = QLabel("", self)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason.setWordWrap(True)
        layout.addWidget(self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Send report"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.email.textChanged.connect(self._refresh)
        self._refresh()

    def values(self) -> tuple:
        whole = self.whole_sequence.isChecked() and bool(self.sequence_id)
        return (
            self.issue.currentData(),
            self.comment.toPlainText().strip(),
            self.email.text().strip(),
            whole,
        )

    def _refresh(self, *_args) -> None:
        issue, _comment, email, _whole = self.values()
        problems = report_problems(issue, self.picture_id, self.sequence_id, email)
        self.reason.setText(" ".join(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
