"""The picture viewer dock: the picture (flat or 360°), navigation and details.

Widgets only; ``ViewerController`` decides what to show. Text from the server
is always shown as plain text (never interpreted as HTML).
"""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..semantics.tags_section import TagsSection
from .candidates import CandidateList
from .flat_view import FlatView
from .overlay_ui import OverlayButton
from .own_actions_row import OwnActionsRow
from .pano_view import PanoView


class ViewerDock(QDockWidget):
    """Emits what the user asks for; shows what it is told."""

    navigate = pyqtSignal(str)  # first, prev, next, last
    play_toggled = pyqtSignal(bool)
    open_requested = pyqtSignal(str)  # id or link typed by the user
    related_chosen = pyqtSignal(str)  # picture id
    follow_toggled = pyqtSignal(bool)
    web_requested = pyqtSignal()
    copy_requested = pyqtSignal()
    save_requested = pyqtSignal()
    capture_requested = pyqtSignal(str)  # "file" or "clipboard": the view as shown, in full
    features_requested = pyqtSignal()  # pictures of the selected features of the active layer
    closed = pyqtSignal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("PanoramaxViewer")
        self.setWindowTitle(self.tr("Panoramax picture"))
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)

        nav = QHBoxLayout()
        self.buttons = {}
        style = self.style()
        for key, icon, tip in (
            (
                "first",
                QStyle.StandardPixmap.SP_MediaSkipBackward,
                self.tr("First picture of the sequence"),
            ),
            ("prev", QStyle.StandardPixmap.SP_MediaSeekBackward, self.tr("Previous picture")),
            ("next", QStyle.StandardPixmap.SP_MediaSeekForward, self.tr("Next picture")),
            (
                "last",
                QStyle.StandardPixmap.SP_MediaSkipForward,
                self.tr("Last picture of the sequence"),
            ),
        ):
            button = QToolButton(body)
            button.setIcon(style.standardIcon(icon))
            button.setToolTip(tip)
            button.clicked.connect(lambda checked=False, key=key: self.navigate.emit(key))
            self.buttons[key] = button
        self.play_button = QToolButton(body)
        self.play_button.setCheckable(True)
        self.play_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        self.play_button.setToolTip(self.tr("Play the sequence"))
        self.play_button.toggled.connect(self.play_toggled.emit)
        self.speed = QDoubleSpinBox(body)
        self.speed.setRange(0.2, 10.0)
        self.speed.setSingleStep(0.2)
        self.speed.setValue(1.0)
        self.speed.setSuffix(self.tr(" s"))
        self.speed.setToolTip(self.tr("Seconds per picture while playing"))
        for widget in (
            self.buttons["first"],
            self.buttons["prev"],
            self.play_button,
            self.buttons["next"],
            self.buttons["last"],
            self.speed,
        ):
            nav.addWidget(widget)
        self.follow = QCheckBox(self.tr("Follow on map"), body)
        self.follow.toggled.connect(self.follow_toggled.emit)
        nav.addWidget(self.follow)
        self.overlay_button = OverlayButton(body)  # the user's layers drawn in the picture
        nav.addWidget(self.overlay_button)
        self.measure_button = QToolButton(body)
        self.measure_button.setText(self.tr("Measure"))
        self.measure_button.setCheckable(True)
        self.measure_button.setToolTip(
            self.tr(
                "Measure from pictures: click an object in two pictures to place it on the "
                "map, or measure a distance or a height in one"
            )
        )
        nav.addWidget(self.measure_button)
        self.annotations_button = QToolButton(body)
        self.annotations_button.setText(self.tr("Annotations"))
        self.annotations_button.setCheckable(True)
        self.annotations_button.setChecked(True)
        self.annotations_button.setToolTip(
            self.tr(
                "Show the picture's annotations: solid outlines by people, dashed ones by "
                "detection models (with their confidence)"
            )
        )
        nav.addWidget(self.annotations_button)
        self.draw_annotation_button = QToolButton(body)
        self.draw_annotation_button.setText(self.tr("Draw box"))
        self.draw_annotation_button.setCheckable(True)
        self.draw_annotation_button.setToolTip(
            self.tr("Drag a box around something in the picture to annotate it")
        )
        nav.addWidget(self.draw_annotation_button)
        nav.addStretch(1)
        layout.addLayout(nav)

        open_row = QHBoxLayout()
        self.id_edit = QLineEdit(body)
        self.id_edit.setPlaceholderText(self.tr("Picture id or viewer link"))
        self.open_button = QPushButton(self.tr("Open"), body)
        self.open_button.clicked.connect(lambda: self.open_requested.emit(self.id_edit.text()))
        self.id_edit.returnPressed.connect(lambda: self.open_requested.emit(self.id_edit.text()))
        open_row.addWidget(self.id_edit, 1)
        open_row.addWidget(self.open_button)
        self.features_button = QPushButton(self.tr("Pictures of selected features"), body)
        self.features_button.setToolTip(
            self.tr(
                "The Panoramax pictures that show the features selected in the active layer, "
                "turned toward them"
            )
        )
        self.features_button.clicked.connect(self.features_requested.emit)
        open_row.addWidget(self.features_button)
        layout.addLayout(open_row)

        self.candidates = CandidateList(body)  # pictures of the user's features, when asked
        layout.addWidget(self.candidates)
        self.measure_area = QWidget(body)  # the measure tool's panel, while measuring
        measure_layout = QVBoxLayout(self.measure_area)
        measure_layout.setContentsMargins(0, 0, 0, 0)
        self.measure_area.setVisible(False)
        layout.addWidget(self.measure_area)

        self.stack = QStackedWidget(body)
        self.flat_view = FlatView(self.stack)
        self.pano_view = PanoView(self.stack)
        self.stack.addWidget(self.flat_view)
        self.stack.addWidget(self.pano_view)
        self.stack.setMinimumHeight(220)
        layout.addWidget(self.stack, 1)

        self.status = QLabel("", body)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #c92a2a")
        layout.addWidget(self.status)

        related_row = QHBoxLayout()
        related_row.addWidget(QLabel(self.tr("Same place, other dates"), body))
        self.related = QComboBox(body)
        self.related.activated.connect(self._related_activated)
        related_row.addWidget(self.related, 1)
        layout.addLayout(related_row)

        self.details = QLabel("", body)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)

        actions = QHBoxLayout()
        self.web_button = QPushButton(self.tr("Open in web viewer"), body)
        self.copy_button = QPushButton(self.tr("Copy link"), body)
        self.save_button = QPushButton(self.tr("Save HD picture…"), body)
        self.web_button.clicked.connect(self.web_requested.emit)
        self.copy_button.clicked.connect(self.copy_requested.emit)
        self.save_button.clicked.connect(self.save_requested.emit)
        self.capture_button = QToolButton(body)
        self.capture_button.setText(self.tr("Capture view"))
        self.capture_button.setToolTip(
            self.tr("The view as shown, at full resolution, with author, licence and date")
        )
        self.capture_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        capture_menu = QMenu(self.capture_button)
        capture_menu.addAction(self.tr("Save view as…")).triggered.connect(
            lambda checked=False: self.capture_requested.emit("file")
        )
        capture_menu.addAction(self.tr("Copy view to clipboard")).triggered.connect(
            lambda checked=False: self.capture_requested.emit("clipboard")
        )
        self.capture_button.setMenu(capture_menu)
        for button in (self.web_button, self.copy_button, self.save_button, self.capture_button):
            actions.addWidget(button)
        layout.addLayout(actions)
        self.own_actions = OwnActionsRow(body)  # hide, delete, fix heading: my pictures
        layout.addWidget(self.own_actions)
        self.tags_section = TagsSection(body)  # tags, reports (semantics.viewer_actions)
        layout.addWidget(self.tags_section)
        self.setWidget(body)
        self.set_navigation(prev=False, next=False, sequence=False)

    # ------------------------------------------------------------------ display
    def show_flat(self) -> FlatView:
        self.stack.setCurrentWidget(self.flat_view)
        return self.flat_view

    def show_pano(self) -> PanoView:
        self.stack.setCurrentWidget(self.pano_view)
        return self.pano_view

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def set_details(self, text: str) -> None:
        self.details.setText(text)

    def set_navigation(self, prev: bool, next: bool, sequence: bool) -> None:
        self.buttons["prev"].setEnabled(prev)
        self.buttons["next"].setEnabled(next)
        self.buttons["first"].setEnabled(sequence)
        self.buttons["last"].setEnabled(sequence)
        self.play_button.setEnabled(next or self.play_button.isChecked())

    def set_related(self, entries) -> None:
        """``entries``: (label, picture id), already sorted by date."""
        self.related.clear()
        for label, picture_id in entries:
            self.related.addItem(label, picture_id)
        self.related.setEnabled(bool(entries))
        if not entries:
            self.related.addItem(self.tr("none nearby"), None)

    def _related_activated(self, index: int) -> None:
        picture_id = self.related.itemData(index)
        if picture_id:
            self.related_chosen.emit(picture_id)

    def closeEvent(self, event):
        self.closed.emit()
        super().closeEvent(event)
