"""The signed-in user's upload sets (issue #15, item 5): list them with their counts and
rejections, complete or delete an open one, resume an interrupted upload from the state
this machine kept for its set.

Network work runs in ``CoreTask``s (``MyPictures``); widgets are touched on the main
thread only. Resuming goes through the upload dialog (``UploadDialog.resume_upload``):
the same files give the same state file, so the uploader sends only what is missing.
"""

from __future__ import annotations

import glob
import os

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..background.core_task import CoreTask, start_task
from ..core.mine import MyPictures
from ..core.upload_state import FINAL_STATES, UploadState
from ..network.session import signed_client
from ..plain_text import as_text

OPEN, COMPLETED, DISPATCHED = "open", "completed", "dispatched"


def local_states(folder: str) -> list:
    """(path, ``UploadState``) of every upload state file under ``folder``."""
    found = []
    for path in sorted(glob.glob(os.path.join(folder, "upload-*.json"))):
        try:
            with open(path, encoding="utf-8") as handle:
                found.append((path, UploadState.from_json(handle.read())))
        except (OSError, ValueError, TypeError, KeyError):
            continue
    return found


def find_local_state(folder: str, api_url: str, upload_set_id: str) -> UploadState | None:
    """The state this machine kept for the upload into ``upload_set_id``, if any."""
    api_url = api_url.rstrip("/")
    for _path, state in local_states(folder):
        if state.upload_set_id == upload_set_id and state.api_url.rstrip("/") == api_url:
            return state
    return None


def set_status(raw: dict) -> str:
    if raw.get("dispatched"):
        return DISPATCHED
    return COMPLETED if raw.get("completed") else OPEN


def my_pictures(api_url: str, token: str, timeout: float) -> MyPictures:
    return MyPictures(signed_client(api_url, token, timeout))


def list_sets_work(api_url: str, token: str, timeout: float, limit: int = 1000):
    """Open and completed sets (the instance's default listing, with their rejections
    read from each set) and dispatched ones; newest first."""

    def work(task):
        mine = my_pictures(api_url, token, timeout)
        pending = mine.upload_sets(limit=limit)
        detailed = []
        for raw in pending:
            task.check_canceled()
            try:
                detailed.append({**raw, **mine.upload_set(str(raw["id"]))})
            except Exception:  # the listing still helps without one set's details
                detailed.append(raw)
        task.check_canceled()
        dispatched = mine.upload_sets("dispatched = TRUE", limit=limit)
        seen = {raw.get("id") for raw in detailed}
        every = detailed + [raw for raw in dispatched if raw.get("id") not in seen]
        every.sort(key=lambda raw: str(raw.get("created_at") or ""), reverse=True)
        return every

    return work


class UploadSetsDialog(QDialog):
    """My upload sets on one instance; ``upload_dialog`` resumes uploads (its token too)."""

    COLUMNS = ("title", "status", "files", "rejected", "sequences", "created", "id")

    def __init__(self, api_url: str, logger, settings, upload_dialog, parent=None, ask=None):
        super().__init__(parent)
        self.api_url = api_url.rstrip("/")
        self.logger = logger
        self.settings = settings
        self.upload_dialog = upload_dialog
        # ask(title, text) -> bool: the confirmation of a deletion (tests inject it)
        self.ask = ask or self._ask
        self.sets: list = []
        self.task: CoreTask | None = None
        self.setWindowTitle(self.tr("My upload sets"))
        self.resize(820, 420)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Title"),
                self.tr("Status"),
                self.tr("Files"),
                self.tr("Rejected"),
                self.tr("Sequences"),
                self.tr("Created"),
                self.tr("Id"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.complete_button = QPushButton(self.tr("Complete"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.resume_button = QPushButton(self.tr("Resume upload"))
        self.close_button = QPushButton(self.tr("Close"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        for button in (
            self.refresh_button,
            self.complete_button,
            self.delete_button,
            self.resume_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.refresh_button.clicked.connect(self.refresh)
        self.complete_button.clicked.connect(self.complete_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.resume_button.clicked.connect(self.resume_selected)
        self.close_button.clicked.connect(self.close)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # --- helpers --------------------------------------------------------------------------
    @property
    def token(self) -> str:
        return getattr(self.upload_dialog, "token", "") or ""

    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            as_text(text),  # a title from the server reads as typed
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def selected(self) -> dict | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self.sets[row] if 0 <= row < len(self.sets) else None

    def select_set(self, upload_set_id: str) -> bool:
        for row, raw in enumerate(self.sets):
            if raw.get("id") == upload_set_id:
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        raw = self.selected()
        busy = self.task is not None
        is_open = raw is not None and set_status(raw) == OPEN
        self.refresh_button.setEnabled(not busy)
        self.complete_button.setEnabled(not busy and is_open)
        self.delete_button.setEnabled(not busy and is_open)
        self.resume_button.setEnabled(not busy and raw is not None and not raw.get("dispatched"))

    def _run(self, description: str, work, on_done) -> CoreTask:
        def done(result):
            self.task = None
            on_done(result)
            self._update_buttons()

        def failed(error):
            self.task = None
            self.status.setText(str(error))
            self.logger.warning(str(error))
            self._update_buttons()

        def canceled(_result):  # from QGIS's task list: the dialog is free again
            self.task = None
            self.status.setText(self.tr("Canceled."))
            self._update_buttons()

        self.task = start_task(CoreTask(description, work, done, failed, on_canceled=canceled))
        self._update_buttons()
        return self.task

    # --- listing --------------------------------------------------------------------------
    def refresh(self) -> CoreTask | None:
        if self.task is not None:
            return None
        self.status.setText(self.tr("Reading your upload sets…"))
        work = list_sets_work(self.api_url, self.token, float(self.settings.timeout_s))
        return self._run(self.tr("Reading my Panoramax upload sets"), work, self._show_sets)

    def status_text(self, raw: dict) -> str:
        return {
            OPEN: self.tr("open"),
            COMPLETED: self.tr("completed"),
            DISPATCHED: self.tr("dispatched"),
        }[set_status(raw)]

    def _show_sets(self, sets) -> None:
        self.sets = list(sets)
        self.table.setRowCount(len(self.sets))
        for row, raw in enumerate(self.sets):
            items = raw.get("items_status") if isinstance(raw.get("items_status"), dict) else {}
            rejected = items.get("rejected")
            values = (
                str(raw.get("title") or ""),
                self.status_text(raw),
                str(raw.get("nb_items", "")),
                "" if rejected is None else str(rejected),
                str(len(raw.get("associated_collections") or [])),
                str(raw.get("created_at") or "")[:19].replace("T", " "),
                str(raw.get("id") or ""),
            )
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.status.setText(self.tr("{count} upload sets.").format(count=len(self.sets)))
        self._update_buttons()

    # --- actions --------------------------------------------------------------------------
    def complete_selected(self) -> CoreTask | None:
        raw = self.selected()
        if raw is None or self.task is not None:
            return None
        set_id = str(raw["id"])
        mine = my_pictures(self.api_url, self.token, float(self.settings.timeout_s))

        def done(_result):
            text = self.tr("Upload set {title} completed: the instance processes it.").format(
                title=raw.get("title") or set_id
            )
            self.logger.success(text)
            self.status.setText(text)
            self.task = None
            self.refresh()

        return self._run(
            self.tr("Completing a Panoramax upload set"),
            lambda task: mine.complete_upload_set(set_id),
            done,
        )

    def delete_selected(self) -> CoreTask | None:
        raw = self.selected()
        if raw is None or self.task is not None:
            return None
        set_id = str(raw["id"])
        count = raw.get("nb_items", 0)
        if not self.ask(
            self.tr("Delete the upload set"),
            self.tr(
                "Delete the upload set {title} and its {count} pictures from the instance? "
                "This cannot be undone."
            ).format(title=raw.get("title") or set_id, count=count),
        ):
            return None
        mine = my_pictures(self.api_url, self.token, float(self.settings.timeout_s))

        def done(_result):
            text = self.tr("Upload set {title} deleted.").format(title=raw.get("title") or set_id)
            self.logger.success(text)
            self.status.setText(text)
            self.task = None
            self.refresh()

        return self._run(
            self.tr("Deleting a Panoramax upload set"),
            lambda task: mine.delete_upload_set(set_id),
            done,
        )

    def state_folder(self) -> str:
        from .tasks import default_state_folder

        return self.settings.upload_state_folder or default_state_folder()

    def resume_selected(self):
        """Resume the selected set's upload from this machine's state: the upload task."""
        raw = self.selected()
        if raw is None:
            return None
        set_id = str(raw["id"])
        state = find_local_state(self.state_folder(), self.api_url, set_id)
        if state is None:
            text = self.tr(
                "No upload of the set {title} was started from this computer (no saved "
                "upload state in {folder}): it cannot be resumed from here."
            ).format(title=raw.get("title") or set_id, folder=self.state_folder())
            self.status.setText(text)
            self.logger.warning(text)
            return None
        todo = [f for f in state.files.values() if f.status not in FINAL_STATES]
        missing = [f.path for f in todo if not os.path.isfile(f.path)]
        if missing:
            text = self.tr(
                "{count} files of this upload are no longer on disk (e.g. {path}): it cannot "
                "be resumed."
            ).format(count=len(missing), path=missing[0])
            self.status.setText(text)
            self.logger.warning(text)
            return None
        if self.upload_dialog is None or self.upload_dialog.task is not None:
            self.status.setText(self.tr("An upload is running: wait for it to end."))
            return None
        task = self.upload_dialog.resume_upload(list(state.files), state.title)
        if task is not None:
            self.status.setText(
                self.tr("Resuming the upload: {count} files left to send.").format(count=len(todo))
            )
            self.upload_dialog.show()
            self.upload_dialog.raise_()
        return task
