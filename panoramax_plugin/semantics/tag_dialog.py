"""Typing tags (``key=value``): one dialog for pictures, sequences and annotations.

Reusable on purpose: ``ask_tags`` is what any caller (the viewer's tags section, the
annotation drawing) opens to get checked tags. Any key the server accepts is allowed; the
common ones are offered with completion.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from ..core.semantics import COMMON_KEYS, Tag, tag_problems
from ..plain_text import as_text


class TagDialog(QDialog):
    """A key (editable list of the common keys), a value, the tags gathered so far and,
    live, why the typed tag cannot be sent."""

    def __init__(self, parent=None, title: str = "", initial=(), typed=None):
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Tags"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.key = QComboBox(self)
        self.key.setEditable(True)
        self.key.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.key.addItems(list(COMMON_KEYS))
        self.key.setCurrentIndex(-1)
        self.key.lineEdit().setPlaceholderText(self.tr("e.g. osm|traffic_sign"))
        completer = QCompleter(list(COMMON_KEYS), self.key)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.key.setCompleter(completer)
        self.value = QLineEdit(self)
        self.value.setPlaceholderText(self.tr("e.g. FR:B14[50]"))
        form.addRow(self.tr("Key"), self.key)
        form.addRow(self.tr("Value"), self.value)
        layout.addLayout(form)

        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add to the list"), self)
        self.remove_button = QPushButton(self.tr("Remove from the list"), self)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.list = QListWidget(self)
        layout.addWidget(self.list, 1)
        self.reason = QLabel("", self)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason.setWordWrap(True)
        layout.addWidget(self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        for tag in initial:
            self._append(tag)
        if typed is not None:  # a tag to edit: in the fields, ready to be changed
            self.key.setEditText(typed.key)
            self.value.setText(typed.value)
        self.key.editTextChanged.connect(self._refresh)
        self.value.textChanged.connect(self._refresh)
        self.value.returnPressed.connect(self._add_typed)
        self.add_button.clicked.connect(self._add_typed)
        self.remove_button.clicked.connect(self._remove_selected)
        self.list.itemSelectionChanged.connect(self._refresh)
        self._refresh()

    # --- state ------------------------------------------------------------------------------
    def typed(self) -> Tag:
        return Tag(self.key.currentText().strip(), self.value.text().strip())

    def typed_problems(self) -> list:
        tag = self.typed()
        if not tag.key and not tag.value:
            return []
        return tag_problems(tag.key, tag.value)

    def listed(self) -> list:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def tags(self) -> list:
        """The listed tags, plus the typed one when it is complete and valid."""
        tags = self.listed()
        typed = self.typed()
        if (typed.key or typed.value) and not self.typed_problems() and typed not in tags:
            tags.append(typed)
        return tags

    # --- slots ------------------------------------------------------------------------------
    def _append(self, tag: Tag) -> None:
        item = QListWidgetItem(tag.text)  # plain text: a value is never markup
        item.setData(Qt.ItemDataRole.UserRole, tag)
        item.setToolTip(as_text(tag.text))
        self.list.addItem(item)

    def _add_typed(self) -> None:
        tag = self.typed()
        if self.typed_problems() or not tag.key:
            self._refresh()
            return
        if tag not in self.listed():
            self._append(tag)
        self.value.clear()
        self._refresh()

    def _remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self._refresh()

    def _refresh(self, *_args) -> None:
        problems = self.typed_problems()
        self.reason.setText(" ".join(problems))
        typed = self.typed()
        self.add_button.setEnabled(bool(typed.key or typed.value) and not problems)
        self.remove_button.setEnabled(bool(self.list.selectedItems()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            not problems and bool(self.tags())
        )


def ask_tags(parent, title: str, initial=(), typed=None) -> list | None:
    """Tags typed by the user (at least one, each valid), or None when canceled;
    ``typed``: a tag to edit, put in the key and value fields."""
    dialog = TagDialog(parent, title, initial, typed)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.tags() or None
    finally:
        dialog.deleteLater()
