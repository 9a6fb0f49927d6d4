"""The pictures found for the user's features, in the viewer dock: pick, re-sort, step.

Widgets only: ``FeaturePictures`` fills it, the viewer opens what it emits. Several
features searched at once show as a choice of feature above the list.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import QSize, Qt, pyqtSignal
from qgis.PyQt.QtGui import QIcon, QPixmap
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.feature_pictures import rank_candidates

THUMB_SIZE = QSize(96, 64)
SORTS = ("best", "distance", "date", "quality")
MIN_DISTANCE_M, MAX_DISTANCE_M = 5, 200


class CandidateList(QWidget):
    """Emits ``chosen(candidate)`` when the user picks a picture (or steps to one)."""

    chosen = pyqtSignal(object)  # Candidate
    closed = pyqtSignal()
    cancel_requested = pyqtSignal()
    distance_changed = pyqtSignal(int)  # metres: search again within this distance

    def __init__(self, parent=None):
        super().__init__(parent)
        self._groups: list = []  # (label, [Candidate] | error message)
        self._thumbs: dict = {}  # picture id -> QPixmap
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.title = QLabel("", self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        top.addWidget(self.title, 1)
        style = self.style()
        self.prev_button = QToolButton(self)
        self.prev_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp))
        self.prev_button.setToolTip(self.tr("Previous picture of this feature"))
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QToolButton(self)
        self.next_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self.next_button.setToolTip(self.tr("Next picture of this feature"))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.close_button = QToolButton(self)
        self.close_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        self.close_button.setToolTip(self.tr("Close the list (a search under way stops)"))
        self.close_button.clicked.connect(self._close)
        for button in (self.prev_button, self.next_button, self.close_button):
            top.addWidget(button)
        layout.addLayout(top)

        choices = QHBoxLayout()
        self.feature_combo = QComboBox(self)
        self.feature_combo.setToolTip(self.tr("Feature whose pictures are listed"))
        self.feature_combo.currentIndexChanged.connect(self._fill_list)
        self.sort_combo = QComboBox(self)
        self.sort_combo.setToolTip(self.tr("Order of the pictures"))
        for key, text in zip(
            SORTS,
            (
                self.tr("Best view first"),
                self.tr("Nearest first"),
                self.tr("Most recent first"),
                self.tr("Best quality first"),
            ),
        ):
            self.sort_combo.addItem(text, key)
        self.sort_combo.currentIndexChanged.connect(self._fill_list)
        self.distance = QSpinBox(self)
        self.distance.setRange(MIN_DISTANCE_M, MAX_DISTANCE_M)
        self.distance.setSingleStep(5)
        self.distance.setSuffix(self.tr(" m"))
        self.distance.setToolTip(self.tr("Pictures taken within this distance of the feature"))
        self.distance.editingFinished.connect(self._distance_edited)
        self._searched_distance = None
        choices.addWidget(self.feature_combo, 1)
        choices.addWidget(self.distance)
        choices.addWidget(self.sort_combo)
        layout.addLayout(choices)

        self.list = QListWidget(self)
        self.list.setIconSize(THUMB_SIZE)
        self.list.setMaximumHeight(170)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        layout.addWidget(self.list)
        self.setVisible(False)

    # ------------------------------------------------------------------ filling
    def set_distance(self, metres: float) -> None:
        """The distance the search uses (shown; editing it searches again)."""
        value = int(round(min(max(metres, MIN_DISTANCE_M), MAX_DISTANCE_M)))
        self._searched_distance = value
        self.distance.blockSignals(True)
        self.distance.setValue(value)
        self.distance.blockSignals(False)

    def _distance_edited(self) -> None:
        value = self.distance.value()
        if value != self._searched_distance:
            self._searched_distance = value
            self.distance_changed.emit(value)

    def show_searching(self, text: str) -> None:
        """A search is under way: say so (the close button cancels it)."""
        self._groups = []
        self.feature_combo.clear()
        self.feature_combo.setEnabled(False)
        self.list.clear()
        self.title.setText(text)
        self.setVisible(True)
        self._update_buttons()

    def show_results(self, groups) -> None:
        """``groups``: (feature label, list of Candidate, or an error message) per feature."""
        self._groups = list(groups)
        self.feature_combo.blockSignals(True)
        self.feature_combo.clear()
        for label, found in self._groups:
            count = len(found) if isinstance(found, list) else 0
            self.feature_combo.addItem(
                self.tr("{label} ({count} pictures)").format(label=label, count=count)
            )
        self.feature_combo.blockSignals(False)
        self.feature_combo.setEnabled(len(self._groups) > 1)  # shown: which feature, how many
        first = next(
            (i for i, (_, found) in enumerate(self._groups) if isinstance(found, list) and found),
            0,
        )
        self.feature_combo.setCurrentIndex(first)
        self.setVisible(True)
        self._fill_list()

    def candidates(self) -> list:
        """The current feature's candidates in the order shown."""
        return [
            self.list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.list.count())
        ]

    def current_label(self) -> str:
        """The label of the feature whose pictures are listed ("" when none)."""
        index = self.feature_combo.currentIndex()
        return self._groups[index][0] if 0 <= index < len(self._groups) else ""

    def set_thumbnail(self, picture_id: str, image) -> None:
        """A thumbnail arrived: shown on its row(s)."""
        pixmap = QPixmap.fromImage(image).scaled(
            THUMB_SIZE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self._thumbs[picture_id] = pixmap
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole).picture.id == picture_id:
                item.setIcon(QIcon(pixmap))

    def _fill_list(self, *_args) -> None:
        self.list.clear()
        index = self.feature_combo.currentIndex()
        if not self._groups or index < 0:
            self._update_buttons()
            return
        label, found = self._groups[index]
        if not isinstance(found, list):
            self.title.setText(self.tr("{label}: {error}").format(label=label, error=found))
            self._update_buttons()
            return
        sort = self.sort_combo.currentData() or "best"
        ranked = rank_candidates(found, sort)
        for candidate in ranked:
            item = QListWidgetItem(self._row_text(candidate))
            item.setData(Qt.ItemDataRole.UserRole, candidate)
            item.setToolTip(candidate.picture.id)
            thumb = self._thumbs.get(candidate.picture.id)
            if thumb is not None:
                item.setIcon(QIcon(thumb))
            self.list.addItem(item)
        if ranked:
            self.title.setText(
                self.tr("Pictures of {label}: {count}").format(label=label, count=len(ranked))
            )
        else:
            self.title.setText(
                self.tr(
                    "No picture of {label} was found within {distance} m: widen the "
                    "distance, or choose another instance (All of Panoramax searches them all)."
                ).format(label=label, distance=self.distance.value())
            )
        self._update_buttons()

    def _row_text(self, candidate) -> str:
        picture = candidate.picture
        date = picture.captured_at.strftime("%Y-%m-%d") if picture.captured_at else "?"
        kind = self.tr("360°") if picture.is_360 else self.tr("flat")
        parts = [date, self.tr("{metres:.0f} m").format(metres=candidate.distance_m), kind]
        if picture.producer:
            parts.append(picture.producer)
        return " · ".join(parts)

    # ------------------------------------------------------------------ stepping
    def step(self, delta: int) -> None:
        """Choose the previous (-1) or next (+1) picture in the list."""
        count = self.list.count()
        if not count:
            return
        row = self.list.currentRow()
        row = 0 if row < 0 else min(max(row + delta, 0), count - 1)
        self.choose_row(row)

    def choose_row(self, row: int) -> None:
        item = self.list.item(row)
        if item is None:
            return
        self.list.setCurrentRow(row)
        self._update_buttons()
        self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))

    def _activated(self, item) -> None:
        self.choose_row(self.list.row(item))

    def _update_buttons(self) -> None:
        row, count = self.list.currentRow(), self.list.count()
        self.prev_button.setEnabled(count > 0 and row > 0)
        self.next_button.setEnabled(count > 0 and row < count - 1)

    def _close(self) -> None:
        self.cancel_requested.emit()
        self.setVisible(False)
        self.closed.emit()
