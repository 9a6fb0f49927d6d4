"""The "My pictures" box of the panel: load, filters, and the actions on the selection.

Disabled (with a tooltip saying why) while nobody is signed in on the current instance.
Values are asked with ``QInputDialog`` (``inputs``, injectable for tests).
"""

from __future__ import annotations

from datetime import datetime, timezone

from qgis.core import QgsProject
from qgis.gui import QgsMapCanvas
from qgis.PyQt.QtCore import QDate, QDateTime, Qt
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from ..core.mine import SORT_ORDERS
from . import coverage
from .actions import MineActions
from .labels import (
    ORDER_LABELS,
    STATUS_LABELS,
    VISIBILITY_LABELS,
    code_of,
    label,
    labelled,
)
from .loader import MineLoader, account_credentials

STATUSES = ("ready", "waiting-for-process", "preparing", "broken", "hidden")


class MineBox(QGroupBox):
    """Owns the loader (layers) and the actions of "My pictures"."""

    def __init__(
        self, logger, current, parent=None, inputs=None, message_box=None, canvas=None, viewer=None
    ):
        super().__init__(parent)
        if not isinstance(canvas, QgsMapCanvas):
            canvas = None  # no map: no dragging, no heading preview
        self.canvas = canvas
        self.setTitle(self.tr("My pictures"))
        self.logger = logger
        self.current = current
        self.inputs = inputs or QInputDialog
        self.loader = MineLoader(self)
        self.actions = MineActions(
            self.loader, logger, self, message_box=message_box, canvas=canvas, viewer=viewer
        )
        self.move_tool = None
        if canvas is not None:
            from .move_tool import MovePictureTool

            self.move_tool = MovePictureTool(canvas, self.actions)
        layout = QVBoxLayout(self)

        row = QHBoxLayout()
        self.load_button = QPushButton(self.tr("Load my sequences"), self)
        self.pictures_button = QPushButton(self.tr("Load their pictures"), self)
        self.pictures_button.setToolTip(
            self.tr("The pictures of the selected sequences (all when none is selected)")
        )
        self.coverage_button = QPushButton(self.tr("My coverage"), self)
        self.coverage_button.setToolTip(
            self.tr(
                "My sequences and pictures as vector tiles, at any zoom, hidden and "
                "still-processing ones included"
            )
        )
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setEnabled(False)
        for button in (
            self.load_button,
            self.pictures_button,
            self.coverage_button,
            self.cancel_button,
        ):
            row.addWidget(button)
        layout.addLayout(row)

        form = QFormLayout()
        self.visibility = QComboBox(self)
        self.status = QComboBox(self)
        self.status.addItem(self.tr("Any status"), "")
        for text, status in labelled(STATUS_LABELS, STATUSES):
            self.status.addItem(text, status)
        form.addRow(self.tr("Visibility"), self.visibility)
        form.addRow(self.tr("Status"), self.status)
        self.use_dates = QCheckBox(self.tr("Captured between"), self)
        dates = QHBoxLayout()
        self.since = QDateEdit(QDate.currentDate().addYears(-1), self)
        self.until = QDateEdit(QDate.currentDate(), self)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            dates.addWidget(edit)
        form.addRow(self.use_dates, dates)
        layout.addLayout(form)
        self._fill_visibilities(self.loader.visibilities)

        grid = QGridLayout()
        self.buttons = {}
        for n, (key, text, slot) in enumerate(
            (
                ("visibility", self.tr("Hide / show…"), self._ask_visibility),
                ("title", self.tr("Rename…"), self._ask_title),
                ("relative_heading", self.tr("Relative heading…"), self._ask_relative_heading),
                ("sortby", self.tr("Picture order…"), self._ask_order),
                ("heading", self.tr("Picture heading…"), self._ask_heading),
                ("capture_time", self.tr("Capture time…"), self._ask_time),
                ("move", self.tr("Move a picture…"), self.start_moving),
                ("delete", self.tr("Delete…"), self.actions.delete),
                ("retry", self.tr("Retry"), self.actions.retry),
            )
        ):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            grid.addWidget(button, n // 2, n % 2)
            self.buttons[key] = button
        self.buttons["move"].setToolTip(
            self.tr("Drag one of my pictures' points on the map; Escape cancels")
        )
        self.buttons["retry"].setToolTip(
            self.tr("Send again the change an expired sign-in stopped")
        )
        layout.addLayout(grid)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        self.load_button.clicked.connect(self.loader.load)
        self.pictures_button.clicked.connect(lambda: self.loader.load_pictures())
        self.coverage_button.clicked.connect(lambda: self.add_coverage())
        self.cancel_button.clicked.connect(self.loader.cancel)
        self.loader.loading_changed.connect(self._loading)
        QgsProject.instance().layersAdded.connect(self._coverage_layers_added)
        self.loader.loaded.connect(lambda _n: self._fill_visibilities(self.loader.visibilities))
        self.loader.message.connect(self._message)
        for signal in (
            self.visibility.currentIndexChanged,
            self.status.currentIndexChanged,
            self.use_dates.toggled,
            self.since.dateChanged,
            self.until.dateChanged,
        ):
            signal.connect(self.apply_filters)
        current.changed.connect(self.follow)
        self.actions.refresh_account = lambda: self.follow(self.current.state)
        self.follow(current.state)

    # ------------------------------------------------------------------ state
    def follow(self, state) -> None:
        """Enabled only with a signed-in account on the current instance."""
        account = account_credentials(state)
        previous = self.loader.account
        self.loader.set_account(account)
        self._follow_coverage(state, previous, account)
        enabled = account is not None
        buttons = [self.load_button, self.pictures_button, self.coverage_button]
        for widget in [*buttons, *self.buttons.values()]:
            widget.setEnabled(enabled)
        self.buttons["move"].setEnabled(enabled and self.move_tool is not None)
        if not enabled and self.move_tool is not None and self.canvas is not None:
            if self.canvas.mapTool() is self.move_tool:
                self.canvas.unsetMapTool(self.move_tool)
        self.setToolTip(
            ""
            if enabled
            else self.tr(
                "Sign in to the instance (Upload pictures…) to see and change your pictures"
            )
        )

    def _follow_coverage(self, state, previous, account) -> None:
        """My coverage layers keep their token in step with the sign-in: removed when the
        user signs out of that instance (not when another instance is chosen: a layer of
        this one may still be on the map), renewed when the account or token changes."""
        same_api = previous is not None and (state.api_url or "").rstrip(
            "/"
        ) == previous.api_url.rstrip("/")
        if same_api and account is None:
            coverage.sign_out(previous.api_url)
        changed = account is not None and (
            previous is None
            or (previous.api_url, previous.token) != (account.api_url, account.token)
        )
        if changed and self._has_coverage_layer(account.api_url):
            coverage.sign_in(account.api_url, account.token)

    @staticmethod
    def _has_coverage_layer(api_url: str) -> bool:
        layers = QgsProject.instance().mapLayers().values()
        return any(coverage.is_coverage_layer(layer, api_url) for layer in layers)

    def _coverage_layers_added(self, layers) -> None:
        """A project with My coverage opened: its tiles get the signed-in token."""
        account = self.loader.account
        try:
            if account is not None and any(
                coverage.is_coverage_layer(layer, account.api_url) for layer in layers
            ):
                coverage.sign_in(account.api_url, account.token)
        except Exception as error:  # a slot: nothing may leave it
            self.logger.warning(
                self.tr("My coverage could not be loaded ({error})").format(error=error),
                push=False,
            )

    def add_coverage(self):
        """Add (or show again) the signed-in user's own tiles layer; the layer or None."""
        account = self.loader.account
        if account is None:
            return None
        project = QgsProject.instance()
        for layer in project.mapLayers().values():
            if coverage.is_coverage_layer(layer, account.api_url):
                return layer
        layer = coverage.my_coverage_layer(account.api_url, account.token, self.tr("My coverage"))
        if not layer.isValid():
            self._message("warning", self.tr("My coverage could not be loaded"))
            return None
        project.addMapLayer(layer)
        return layer

    def _loading(self, loading: bool) -> None:
        self.cancel_button.setEnabled(loading)
        self.load_button.setEnabled(not loading and self.loader.account is not None)

    def _message(self, level: str, text: str) -> None:
        self.message.setText(text)
        {
            "info": self.logger.info,
            "success": self.logger.success,
            "warning": self.logger.warning,
            "critical": self.logger.error,
        }[level](text)

    def _fill_visibilities(self, values) -> None:
        chosen = self.visibility.currentData()
        self.visibility.blockSignals(True)
        self.visibility.clear()
        self.visibility.addItem(self.tr("Any visibility"), "")
        for value in values:
            self.visibility.addItem(label(VISIBILITY_LABELS, value), value)
        index = self.visibility.findData(chosen)
        self.visibility.setCurrentIndex(max(0, index))
        self.visibility.blockSignals(False)

    def apply_filters(self, *_args) -> None:
        since = until = None
        if self.use_dates.isChecked():
            since, until = self.since.date().toPyDate(), self.until.date().toPyDate()
        self.loader.set_filters(
            self.visibility.currentData() or "", self.status.currentData() or "", since, until
        )

    # ------------------------------------------------------------------ asking
    def start_moving(self):
        """Make the map's tool the picture mover (my pictures must be loaded)."""
        if self.move_tool is None:
            return None
        if not len(self.loader.pictures):
            self.logger.info(self.tr("Load the pictures of my sequences first."), push=True)
        self.canvas.setMapTool(self.move_tool)
        return self.move_tool

    def _ask_visibility(self):
        pairs = labelled(VISIBILITY_LABELS, self.loader.visibilities)
        value, ok = self.inputs.getItem(
            self,
            self.tr("Visibility"),
            self.tr("Who may see them:"),
            [text for text, _code in pairs],
            0,
            False,
        )
        return self.actions.set_visibility(code_of(pairs, value)) if ok else None

    def _ask_title(self):
        value, ok = self.inputs.getText(self, self.tr("Rename"), self.tr("New title:"))
        return self.actions.rename(value) if ok else None

    def _ask_relative_heading(self):
        value, ok = self.inputs.getInt(
            self,
            self.tr("Relative heading"),
            self.tr("Degrees from the direction of travel (0 ahead, 90 to the right):"),
            0,
            -180,
            180,
        )
        return self.actions.set_relative_heading(value) if ok else None

    def _ask_order(self):
        pairs = labelled(ORDER_LABELS, SORT_ORDERS)
        value, ok = self.inputs.getItem(
            self,
            self.tr("Picture order"),
            self.tr("Order by:"),
            [text for text, _code in pairs],
            0,
            False,
        )
        return self.actions.set_order(code_of(pairs, value)) if ok else None

    def _ask_heading(self):
        value, ok = self.inputs.getInt(
            self, self.tr("Picture heading"), self.tr("Degrees (north 0, east 90):"), 0, 0, 360
        )
        return self.actions.set_heading(value) if ok else None

    def _ask_time(self):
        now = QDateTime.currentDateTimeUtc().toString(Qt.DateFormat.ISODate)
        value, ok = self.inputs.getText(
            self,
            self.tr("Capture time"),
            self.tr("Date and time with its time zone (ISO 8601):"),
            text=now,
        )
        if not ok:
            return None
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            moment = value  # the check says why it is refused
        if isinstance(moment, datetime) and moment.utcoffset() is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return self.actions.set_capture_time(moment)

    def unload(self) -> None:
        try:
            QgsProject.instance().layersAdded.disconnect(self._coverage_layers_added)
        except (TypeError, RuntimeError):
            pass
        coverage.PREPROCESSOR.clear()  # QGIS 3.22: no Python left in QGIS's requests
        self.loader.cancel()
        if self.move_tool is not None and self.canvas is not None:
            if self.canvas.mapTool() is self.move_tool:
                self.canvas.unsetMapTool(self.move_tool)
            self.move_tool.cancel()
